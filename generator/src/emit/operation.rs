//! One module of operations (`src/<group>.rs`). For each operation: a `Client` method that
//! starts its request and sets the required inputs, a request type wrapping the runtime's
//! `RequestBuilder` with a setter per optional input, and one line of the runtime's
//! `operation!` macro, which gives it everything about sending (written once).

use heck::ToUpperCamelCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::emit::docs::{answer_doc, body_doc, doc_text, group_title, param_doc};
use crate::emit::rust::{
    answers_named_type, arg_type, body_arg, doc_lines, ident, item_type, response_type,
    runtime_template,
};
use crate::ir::{
    Api, Body, BodyKind, Operation, Pagination, Param, ParamGroup, ParamLocation, ParamType,
    ResponseKind, TypeRef,
};

/// `src/<group>.rs`: the operations of one group.
pub fn group_rs(api: &Api, group: &str, ops: &[&Operation]) -> TokenStream {
    let title = format!(" {}.", group_title(api, group));
    let table: Vec<String> = std::iter::once(String::new())
        .chain([
            " | Method | HTTP | Path |".to_owned(),
            " |---|---|---|".to_owned(),
        ])
        .chain(ops.iter().map(|op| {
            format!(
                " | [`{}`](crate::Client::{}) | `{}` | `{}` |",
                op.rust_name,
                op.rust_name,
                op.method,
                op.display_path().replace('|', "\\|")
            )
        }))
        .collect();
    let methods = ops.iter().map(|op| client_method(api, op));
    let requests = ops.iter().map(|op| request_type(op));
    // `operation!` and the answers' types, short: the sending line fits on one line.
    let mut imports = vec![quote! { use crate::runtime::{Method, RequestBuilder, operation}; }];
    if ops.iter().any(|op| answers_named_type(op)) {
        imports.push(quote! { use crate::types; });
    }
    let any_param = |ty: ParamType| ops.iter().any(|op| op.params.iter().any(|p| p.ty == ty));
    if any_param(ParamType::IdOrPath) {
        imports.push(quote! { use crate::runtime::IdOrPath; });
    }
    let any_body = |f: fn(&BodyKind) -> bool| {
        ops.iter()
            .any(|op| op.body.as_ref().is_some_and(|b| f(&b.kind)))
    };
    if any_body(|k| matches!(k, BodyKind::Raw)) {
        imports.push(quote! { use crate::runtime::Body; });
    }
    if any_body(|k| matches!(k, BodyKind::Multipart { .. })) {
        imports.push(quote! { use crate::runtime::Multipart; });
    }
    quote! {
        #![doc = #title]
        #( #![doc = #table] )*

        use crate::runtime::__private::start;
        #( #imports )*

        impl crate::Client {
            #( #methods )*
        }

        #( #requests )*
    }
}

/// The request type of an operation: `list_project_packages` → `ListProjectPackages`.
pub fn builder_name(op: &Operation) -> Ident {
    format_ident!("{}", op.rust_name.to_upper_camel_case())
}

/// `Client::<operation>`: starts the request, sets the required inputs, returns it.
fn client_method(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.rust_name);
    let b = builder_name(op);
    let docs = doc_lines(&method_docs(api, op));
    let method = format_ident!("{}", op.method.as_str());
    let op_name = &op.rust_name;
    let template = runtime_template(&op.path.parts);
    let r = quote! { r };
    let mut args = Vec::new();
    let mut sets: Vec<TokenStream> = op
        .server
        .iter()
        .map(|server| quote! { r.server(#server); })
        .collect();
    sets.extend(
        op.fixed_query
            .iter()
            .enumerate()
            .map(|(slot, (name, value))| {
                let slot = slot_literal(slot);
                match value {
                    Some(value) => quote! { r.set_query(#slot, #name, #value); },
                    None => quote! { r.set_query_flag(#slot, #name); },
                }
            }),
    );
    for input in required_inputs(api, op) {
        match input {
            Input::Param(p) => {
                let f = ident(&p.rust_name);
                let ty = arg_type(p);
                args.push(quote! { #f: #ty });
                sets.push(param_statement(op, p, &r, &quote! { #f }));
            }
            Input::Group(g) => {
                let f = ident(&g.argument);
                let ty = ident(&g.name);
                args.push(quote! { #f: impl Into<crate::types::#ty> });
                sets.push(quote! {
                    Into::<crate::types::#ty>::into(#f).set_path_values(&mut r);
                });
            }
        }
    }
    let form = op.params.iter().any(|p| p.location == ParamLocation::Form);
    match op.body.as_ref().map(|b| &b.kind) {
        Some(BodyKind::Multipart { .. }) if form => sets.push(quote! { r.multipart_form(); }),
        _ if form => sets.push(quote! { r.urlencoded_form(); }),
        _ => {}
    }
    if let Some(body) = op.body.as_ref().filter(|b| b.required) {
        let ty = body_arg(body);
        args.push(quote! { body: #ty });
        sets.push(body_statement(body, &r));
    }
    let start = quote! { start(&self.inner, Method::#method, #op_name, #template) };
    let body = if sets.is_empty() {
        quote! { #b(#start) }
    } else {
        quote! {
            let mut r = #start;
            #( #sets )*
            #b(r)
        }
    };
    quote! {
        #docs
        pub fn #name(&self, #( #args ),*) -> #b {
            #body
        }
    }
}

/// A required input of an operation: a parameter, or a group of them passed as one value.
enum Input<'a> {
    Param(&'a Param),
    Group(&'a ParamGroup),
}

/// The required inputs, in the order of the parameters; a group stands where its first
/// parameter is.
fn required_inputs<'a>(api: &'a Api, op: &'a Operation) -> Vec<Input<'a>> {
    let mut inputs = Vec::new();
    let mut groups_seen: Vec<&str> = Vec::new();
    for p in op.params.iter().filter(|p| p.required) {
        match &p.group {
            None => inputs.push(Input::Param(p)),
            Some(name) if groups_seen.contains(&name.as_str()) => {}
            Some(name) => {
                groups_seen.push(name);
                // The overlay stage only names groups it has.
                if let Some(group) = api.param_groups.iter().find(|g| &g.name == name) {
                    inputs.push(Input::Group(group));
                }
            }
        }
    }
    inputs
}

/// A parameter's slot: its place among the query and form parameters, after the fixed
/// query pairs, so they are sent in the spec's order whatever order they are set in.
fn slot(op: &Operation, p: &Param) -> proc_macro2::Literal {
    let index = op
        .params
        .iter()
        .position(|q| std::ptr::eq(q, p))
        .unwrap_or_default();
    slot_literal(op.fixed_query.len() + index)
}

fn slot_literal(slot: usize) -> proc_macro2::Literal {
    proc_macro2::Literal::u32_unsuffixed(u32::try_from(slot).unwrap_or(u32::MAX))
}

/// The value of parameter `p` given as `value` (its argument type), as the type it is
/// sent as: `Into::<String>::into(value)`, `value` for numbers.
fn typed_value(p: &Param, value: &TokenStream) -> TokenStream {
    if let Some(name) = &p.enum_type {
        let n = ident(name);
        return if p.ty == ParamType::StringList {
            quote! { #value.into_iter().map(Into::<crate::types::#n>::into) }
        } else {
            quote! { Into::<crate::types::#n>::into(#value) }
        };
    }
    match p.ty {
        ParamType::String => quote! { Into::<String>::into(#value) },
        ParamType::IdOrPath => quote! { Into::<IdOrPath>::into(#value) },
        ParamType::StringList => quote! { #value.into_iter().map(Into::<String>::into) },
        ParamType::Integer | ParamType::Number | ParamType::Boolean => quote! { #value },
    }
}

/// The statement that sets parameter `p` to `value` on the request builder `r`.
fn param_statement(op: &Operation, p: &Param, r: &TokenStream, value: &TokenStream) -> TokenStream {
    let wire = &p.wire_name;
    let typed = typed_value(p, value);
    let list = p.ty == ParamType::StringList;
    match p.location {
        ParamLocation::Path => match &p.also_query {
            // One value, in the path and in the query.
            Some(query) => {
                let slot = slot(op, p);
                quote! {
                    let value = #typed;
                    #r.path_value(#wire, &value);
                    #r.set_query(#slot, #query, &value);
                }
            }
            None => quote! { #r.path_value(#wire, &#typed); },
        },
        ParamLocation::Query if p.comma_list => {
            let slot = slot(op, p);
            quote! { #r.set_query_joined(#slot, #wire, ",", #typed); }
        }
        ParamLocation::Form if p.comma_list => {
            let slot = slot(op, p);
            quote! { #r.set_form_joined(#slot, #wire, ",", #typed); }
        }
        ParamLocation::Query => {
            let slot = slot(op, p);
            if list {
                quote! { #r.set_query_list(#slot, #wire, #typed); }
            } else {
                quote! { #r.set_query(#slot, #wire, &#typed); }
            }
        }
        ParamLocation::Form => {
            let slot = slot(op, p);
            if list {
                quote! { #r.set_form_list(#slot, #wire, #typed); }
            } else {
                quote! { #r.set_form(#slot, #wire, &#typed); }
            }
        }
        ParamLocation::Header => {
            let text = match p.ty {
                ParamType::StringList => {
                    quote! { &#typed.map(|v| v.to_string()).collect::<Vec<_>>().join(",") }
                }
                ParamType::String if p.enum_type.is_none() => quote! { &#typed },
                _ => quote! { &#typed.to_string() },
            };
            quote! { #r.header(#wire, #text); }
        }
    }
}

/// The statement that sets the body to `body` on the request builder `r`.
fn body_statement(body: &Body, r: &TokenStream) -> TokenStream {
    match (&body.kind, &body.ty) {
        (BodyKind::Raw, _) => quote! { #r.body(body.into()); },
        (BodyKind::Json, Some(TypeRef::String)) => quote! { #r.json(&Into::<String>::into(body)); },
        (BodyKind::Json, _) => quote! { #r.json(&body); },
        (BodyKind::Form, Some(_)) => quote! { #r.form_of(&body); },
        (BodyKind::Form, None) => quote! { #r.form(&body); },
        (BodyKind::Multipart { .. }, _) => quote! { #r.multipart(body); },
    }
}

/// The request type (a tuple struct around its `RequestBuilder`), a setter per optional
/// input, then `operation!` for sending.
fn request_type(op: &Operation) -> TokenStream {
    let b = builder_name(op);
    let has_optional =
        op.params.iter().any(|p| !p.required) || op.body.as_ref().is_some_and(|b| !b.required);
    let doc = if has_optional {
        format!(
            " A request to [`Client::{}`](crate::Client::{0}): set optional parameters by name, then `.await` it.",
            op.rust_name
        )
    } else {
        format!(
            " A request to [`Client::{}`](crate::Client::{0}): `.await` it.",
            op.rust_name
        )
    };
    let this = quote! { self.0 };
    let mut setters = Vec::new();
    for p in op.params.iter().filter(|p| !p.required) {
        let f = ident(&p.rust_name);
        let arg = arg_type(p);
        let set = param_statement(op, p, &this, &quote! { value });
        let sdoc = doc_lines(&param_doc(p));
        setters.push(quote! {
            #sdoc
            pub fn #f(mut self, value: #arg) -> Self {
                #set
                self
            }
        });
    }
    if let Some(body) = op.body.as_ref().filter(|b| !b.required) {
        let arg = body_arg(body);
        let set = body_statement(body, &this);
        let sdoc = doc_lines(&format!("Sets {}", body_doc(&body.kind)));
        setters.push(quote! {
            #sdoc
            pub fn body(mut self, body: #arg) -> Self {
                #set
                self
            }
        });
    }
    let setters = (!setters.is_empty()).then(|| quote! { impl #b { #( #setters )* } });
    let kind = sending(op);
    quote! {
        #[doc = #doc]
        #[derive(Debug)]
        #[must_use = "a request does nothing until it is awaited or sent"]
        // `pub(crate)`: the crate's hand-written extensions build requests too.
        pub struct #b(pub(crate) RequestBuilder);

        #setters

        operation!(#b, #kind);
    }
}

/// The `operation!` arguments after the type: how the answer is decoded, and paging.
fn sending(op: &Operation) -> TokenStream {
    let pages = op
        .pagination
        .filter(|_| matches!(op.response, ResponseKind::Json | ResponseKind::Raw))
        .map(|kind| {
            let kind = match kind {
                Pagination::Offset => quote! { Offset },
                Pagination::Keyset => quote! { Keyset },
            };
            let item =
                item_type(op, &quote! { types:: }).unwrap_or_else(|| quote! { serde_json::Value });
            quote! { , pages(#kind, #item) }
        });
    match op.response {
        ResponseKind::Json => {
            let out = response_type(op, &quote! { types:: });
            quote! { json(#out) #pages }
        }
        ResponseKind::Raw => quote! { raw #pages },
        ResponseKind::Text => quote! { text },
        ResponseKind::Bytes => quote! { bytes },
        ResponseKind::Empty => quote! { empty },
    }
}

/// The docs of `Client::<operation>`: summary, method and path, hints, arguments, the
/// optional parameters by name, and what it answers.
fn method_docs(api: &Api, op: &Operation) -> String {
    let b = builder_name(op);
    let mut d = doc_text(&op.summary);
    if !d.ends_with('.') {
        d.push('.');
    }
    let hint = match (
        op.hints.read_only,
        op.hints.destructive,
        op.hints.idempotent,
    ) {
        (Some(true), _, _) => " (read-only)",
        (_, Some(true), _) => " (**destructive**)",
        (_, _, Some(true)) => " (idempotent)",
        _ => "",
    };
    d.push_str(&format!(
        "\n\n`{} {}`{hint}; spec operation `{}`.\n",
        op.method,
        op.display_path(),
        op.spec_name
    ));
    if let Some(server) = &op.server {
        d.push_str(&format!(
            "\nSent to the API's server `{server}` (its root and credentials: [`ClientBuilder::server_url`](crate::runtime::ClientBuilder::server_url), [`server_auth`](crate::runtime::ClientBuilder::server_auth)).\n"
        ));
    }
    if let Some(notes) = &op.notes {
        d.push_str(&format!("\n{}\n", doc_text(notes)));
    }
    let required = required_inputs(api, op);
    let body = op.body.as_ref();
    if !required.is_empty() || body.is_some_and(|b| b.required) {
        d.push('\n');
        for input in &required {
            d.push_str(&match input {
                Input::Param(p) => format!("- `{}`: {}\n", p.rust_name, param_doc(p)),
                Input::Group(g) => format!(
                    "- `{}`: the {} ([`{}`](crate::types::{2}), written `{}`).\n",
                    g.argument,
                    doc_text(&g.what),
                    g.name,
                    g.form()
                ),
            });
        }
        if let Some(body) = body.filter(|b| b.required) {
            d.push_str(&format!("- `body`: {}\n", body_doc(&body.kind)));
        }
    }
    let mut optional: Vec<String> = op
        .params
        .iter()
        .filter(|p| !p.required)
        .map(|p| format!("[`{0}`]({b}::{0})", p.rust_name))
        .collect();
    if body.is_some_and(|b| !b.required) {
        optional.push(format!("[`body`]({b}::body)"));
    }
    if !optional.is_empty() {
        d.push_str(&format!("\nOptional: {}.\n", optional.join(", ")));
    }
    d.push_str(&format!("\nAnswers {}.", answer_doc(op)));
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Method;
    use crate::path_template;

    fn api() -> Api {
        Api {
            title: "Test".into(),
            description: None,
            base_url: None,
            base_url_template: None,
            auth: None,
            servers: Vec::new(),
            token_env: None,
            base_url_env: None,
            gitlab_ci: false,
            operations: Vec::new(),
            types: Vec::new(),
            group_titles: Default::default(),
            readme: Default::default(),
            examples: Default::default(),
            extensions: Vec::new(),
            param_groups: Vec::new(),
            source_file: "test.yaml".into(),
        }
    }

    fn import() -> Operation {
        let mut op = Operation::<crate::ir::Unnamed>::new(
            "import",
            Method::Post,
            "/import",
            path_template::parse("/import").unwrap(),
        );
        let mut field = Param::new("name", ParamLocation::Form, ParamType::String);
        field.required = true;
        let tags = Param::new("tags", ParamLocation::Form, ParamType::StringList);
        op.params = vec![field, tags];
        op.into_named(
            "create_import".into(),
            "core".into(),
            vec!["name".into(), "tags".into()],
        )
    }

    #[test]
    fn form_fields_join_a_multipart_body_or_make_a_urlencoded_one() {
        let mut op = import();
        op.body = Some(Body {
            wire_name: "file".into(),
            kind: BodyKind::Multipart {
                file_field: "file".into(),
            },
            required: true,
            description: None,
            ty: None,
        });
        let code = client_method(&api(), &op).to_string();
        assert!(code.contains("r . multipart_form ()"), "{code}");
        assert!(code.contains("r . multipart (body)"), "{code}");
        assert!(
            code.contains(r#"r . set_form (0 , "name" , & Into :: < String > :: into (name))"#),
            "{code}"
        );
        // Without file fields, the fields are the body.
        op.body = None;
        let code = client_method(&api(), &op).to_string();
        assert!(code.contains("r . urlencoded_form ()"), "{code}");
        let setters = request_type(&op).to_string();
        assert!(
            setters.contains(r#"self . 0 . set_form_list (1 , "tags" , value . into_iter () . map (Into :: < String > :: into))"#),
            "{setters}"
        );
    }

    /// Fixed query pairs come first, then the parameters in the spec's order.
    #[test]
    fn slots_follow_the_spec_order_after_the_fixed_pairs() {
        let mut op = import();
        op.fixed_query = vec![("state".into(), Some("open".into())), ("all".into(), None)];
        let code = client_method(&api(), &op).to_string();
        assert!(
            code.contains(r#"r . set_query (0 , "state" , "open")"#),
            "{code}"
        );
        assert!(code.contains(r#"r . set_query_flag (1 , "all")"#), "{code}");
        assert!(code.contains(r#"r . set_form (2 , "name""#), "{code}");
        assert!(
            request_type(&op)
                .to_string()
                .contains(r#"set_form_list (3 , "tags""#)
        );
    }

    /// An operation of another server says so; a path variable its query names too is
    /// sent in both places from one argument.
    #[test]
    fn other_servers_and_variables_in_the_path_and_the_query() {
        let mut op = Operation::<crate::ir::Unnamed>::new(
            "get",
            Method::Get,
            "/items/{id}?item={id}",
            path_template::parse("/items/{id}").unwrap(),
        );
        let mut id = Param::new("id", ParamLocation::Path, ParamType::String);
        id.required = true;
        id.also_query = Some("item".into());
        op.params = vec![id];
        op.server = Some("orders".into());
        let op = op.into_named("get_item".into(), "items".into(), vec!["id".into()]);
        let code = client_method(&api(), &op).to_string();
        assert!(code.contains(r#"r . server ("orders") ;"#), "{code}");
        assert!(
            code.contains(r#"let value = Into :: < String > :: into (id) ; r . path_value ("id" , & value) ; r . set_query (0 , "item" , & value) ;"#),
            "{code}"
        );
    }
}
