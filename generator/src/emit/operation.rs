//! One module of operations (`src/<group>.rs`): for each operation a `Client` method that
//! takes the required inputs, a request struct holding its parameters with a setter per
//! optional one, and how it assembles its request. Everything about sending comes from
//! the runtime's `operation!` macro, written once.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use heck::ToUpperCamelCase;

use crate::emit::docs::{doc_text, group_title};
use crate::emit::rust::{
    arg_type, body_arg, body_type, doc_lines, ident, item_type, request_statements, response_type,
    stored_type,
};
use crate::ir::{
    BodyKind, Operation, Pagination, Param, ParamLocation, ParamType, ResponseKind, TypeRef,
};

/// `src/<group>.rs`: the operations of one group.
pub fn group_rs(group: &str, ops: &[&Operation]) -> TokenStream {
    let title = format!(" {}.", group_title(group));
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
    let methods = ops.iter().map(|op| client_method(op));
    let requests = ops.iter().map(|op| request_type(op));
    let mut imports = vec![quote! { use crate::runtime::{Method, RequestBuilder}; }];
    let any_param = |ty: ParamType| ops.iter().any(|op| op.params.iter().any(|p| p.ty == ty));
    let optional_path_param = ops.iter().any(|op| {
        op.params
            .iter()
            .any(|p| p.location == ParamLocation::Path && !p.required)
    });
    if optional_path_param {
        imports.push(quote! { use crate::runtime::__private::optional; });
    }
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

        use crate::runtime::__private::Call;
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

/// `Client::<operation>`: takes the required inputs, returns the request.
fn client_method(op: &Operation) -> TokenStream {
    let name = ident(&op.rust_name);
    let b = builder_name(op);
    let docs = doc_lines(&method_docs(op));
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for p in &op.params {
        let f = ident(&p.rust_name);
        if p.required {
            let (ty, conv) = arg_type(p, &f);
            args.push(quote! { #f: #ty });
            inits.push(if f == conv.to_string() {
                quote! { #f }
            } else {
                quote! { #f: #conv }
            });
        } else if p.ty == ParamType::StringList {
            inits.push(quote! { #f: Vec::new() });
        } else {
            inits.push(quote! { #f: None });
        }
    }
    if let Some(body) = &op.body {
        if body.required {
            let (ty, conv) = body_arg(body);
            args.push(quote! { body: #ty });
            inits.push(if conv.to_string() == "body" {
                quote! { body }
            } else {
                quote! { body: #conv }
            });
        } else {
            inits.push(quote! { body: None });
        }
    }
    quote! {
        #docs
        pub fn #name(&self, #( #args ),*) -> #b<'_> {
            #b { call: Call::new(&self.inner), #( #inits ),* }
        }
    }
}

/// The request struct, its setters and `into_request`, then `operation!` for sending.
fn request_type(op: &Operation) -> TokenStream {
    let b = builder_name(op);
    let doc = format!(
        " A request to [`Client::{}`](crate::Client::{0}): set optional parameters by name, then `.await` it.",
        op.rust_name
    );
    let mut fields = Vec::new();
    let mut setters = Vec::new();
    for p in &op.params {
        let f = ident(&p.rust_name);
        let ty = stored_type(p);
        if p.required || p.ty == ParamType::StringList {
            fields.push(quote! { #f: #ty });
        } else {
            fields.push(quote! { #f: Option<#ty> });
        }
        if !p.required {
            let value = ident("value");
            let (arg, conv) = arg_type(p, &value);
            let store = if p.ty == ParamType::StringList {
                quote! { #conv }
            } else {
                quote! { Some(#conv) }
            };
            let sdoc = doc_lines(&param_doc(p));
            setters.push(quote! {
                #sdoc
                pub fn #f(mut self, value: #arg) -> Self {
                    self.#f = #store;
                    self
                }
            });
        }
    }
    if let Some(body) = &op.body {
        let ty = body_type(body);
        if body.required {
            fields.push(quote! { body: #ty });
        } else {
            fields.push(quote! { body: Option<#ty> });
            let (arg, conv) = body_arg(body);
            let sdoc = doc_lines(&format!("Sets {}", body_doc(&body.kind)));
            setters.push(quote! {
                #sdoc
                pub fn body(mut self, body: #arg) -> Self {
                    self.body = Some(#conv);
                    self
                }
            });
        }
    }
    let build = request_statements(op);
    let kind = sending(op);
    quote! {
        #[doc = #doc]
        #[derive(Debug)]
        #[must_use = "a request does nothing until it is awaited or sent"]
        pub struct #b<'a> {
            call: Call<'a>,
            #( #fields, )*
        }

        impl #b<'_> {
            #( #setters )*

            fn into_request(self) -> RequestBuilder {
                #build
            }
        }

        crate::runtime::operation!(#b, #kind);
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
            let item = item_type(op).unwrap_or_else(|| quote! { serde_json::Value });
            quote! { , pages(#kind, #item) }
        });
    match op.response {
        ResponseKind::Json => {
            let out = response_type(op);
            quote! { json(#out) #pages }
        }
        ResponseKind::Raw => quote! { raw #pages },
        ResponseKind::Text => quote! { text },
        ResponseKind::Bytes => quote! { bytes },
        ResponseKind::Empty => quote! { empty },
    }
}

/// A parameter's docs: its description and, unless it is a path variable, where it is
/// sent.
fn param_doc(p: &Param) -> String {
    let mut s = p
        .description
        .as_deref()
        .map(doc_text)
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "(no description in the spec)".into());
    if s.ends_with('.') {
        s.pop();
    }
    let wire = &p.wire_name;
    match p.location {
        ParamLocation::Path => format!("{s}."),
        ParamLocation::Query => format!("{s} (query `{wire}`)."),
        ParamLocation::Header => format!("{s} (header `{wire}`)."),
        ParamLocation::Form => format!("{s} (form field `{wire}`)."),
    }
}

/// The docs of `Client::<operation>`: summary, method and path, hints, arguments, the
/// optional parameters by name, and what it answers.
fn method_docs(op: &Operation) -> String {
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
    if let Some(notes) = &op.notes {
        d.push_str(&format!("\n{}\n", doc_text(notes)));
    }
    let required: Vec<&Param> = op.params.iter().filter(|p| p.required).collect();
    let body = op.body.as_ref();
    if !required.is_empty() || body.is_some_and(|b| b.required) {
        d.push('\n');
        for p in &required {
            d.push_str(&format!("- `{}`: {}\n", p.rust_name, param_doc(p)));
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

/// What awaiting the request gives.
fn answer_doc(op: &Operation) -> String {
    match (op.response, &op.response_type) {
        (ResponseKind::Json, Some(ty)) => type_doc(ty),
        (ResponseKind::Json, None) => "JSON (`serde_json::Value`; `Null` when empty)".into(),
        (ResponseKind::Text, _) => "text".into(),
        (ResponseKind::Bytes, _) => "the file's bytes (or stream them with `send_stream`)".into(),
        (ResponseKind::Empty, _) => "nothing (the body is discarded)".into(),
        (ResponseKind::Raw, _) => {
            "the raw response (status, headers, body): the spec does not say what it carries".into()
        }
    }
}

/// A type as the docs name it, linked: [`Package`](crate::types::Package).
fn type_doc(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(n) => format!("[`{n}`](crate::types::{n})"),
        TypeRef::List(inner) => format!("a list of {}", type_doc(inner)),
        TypeRef::DateTime => "a timestamp".into(),
        TypeRef::Json => "JSON (`serde_json::Value`)".into(),
        TypeRef::String => "a string".into(),
        TypeRef::Integer | TypeRef::Id | TypeRef::Number => "a number".into(),
        TypeRef::Boolean => "a boolean".into(),
    }
}

fn body_doc(kind: &BodyKind) -> String {
    match kind {
        BodyKind::Raw => "the request body, sent as raw bytes.".into(),
        BodyKind::Json => "the request body, sent as JSON.".into(),
        BodyKind::Form => {
            "the request body, sent as an URL-encoded form (`name`, `value` pairs).".into()
        }
        BodyKind::Multipart { file_field } => {
            format!(
                "the request body, sent as `multipart/form-data`; the file goes in the `{file_field}` field."
            )
        }
    }
}
