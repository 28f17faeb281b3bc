//! Rust emission: IR → tokens (quote) → `syn::File` → text (prettyplease).

use std::collections::BTreeMap;

use heck::ToUpperCamelCase;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::emit::docs::{doc_text, group_title};
use crate::emit::types::type_tokens;
use crate::ir::{
    Api, Body, BodyKind, Operation, Pagination, Param, ParamLocation, ParamType, PathPart,
    ResponseKind, TypeRef,
};
use crate::path_template;

/// Formats tokens as a Rust file, preceded by the `@generated` header lines.
pub fn render(header: &str, tokens: TokenStream) -> Result<String, String> {
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("emitted Rust does not parse: {e}"))?;
    Ok(format!(
        "{header}\n{}",
        space_items(&prettyplease::unparse(&file))
    ))
}

/// prettyplease separates nothing with blank lines; put one between items (before an
/// item's docs or attributes, after a block of `use`s or module docs), as rustfmt'd code
/// reads.
fn space_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut prev = "";
    for line in code.lines() {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        let p = prev.trim_start();
        let starts_item = t.starts_with("///")
            || t.starts_with("#[")
            || t.starts_with("#![")
            || t.starts_with("fn ")
            || t.starts_with("pub fn ")
            || t.starts_with("pub async fn ")
            || (indent == 0
                && (t.starts_with("impl") || t.starts_with("pub ") || t.starts_with("use ")));
        let prev_ends_item = p.starts_with("//!")
            || p.starts_with("#![")
            || p == "}"
            || p == "};"
            || p.starts_with("use ") && p.ends_with(';')
            || p.starts_with("pub mod ") && p.ends_with(';')
            || p.starts_with("pub use ") && p.ends_with(';');
        let same_kind = (t.starts_with("use ") && p.starts_with("use "))
            || (t.starts_with("pub use ") && p.starts_with("pub use "))
            || (t.starts_with("//!") && p.starts_with("//!"))
            || (t.starts_with("#![") && p.starts_with("#!["));
        if !prev.is_empty() && starts_item && prev_ends_item && !same_kind {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        prev = line;
    }
    out
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn doc_lines(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// `src/lib.rs`.
pub fn lib_rs(
    api: &Api,
    groups: &BTreeMap<String, Vec<&Operation>>,
    crate_docs: &str,
) -> TokenStream {
    let docs = crate_docs.lines().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    // One item a line: rustfmt and prettyplease agree on this layout, so `cargo fmt` leaves
    // the file as generated.
    let reexports = [
        "Auth",
        "Body",
        "ByteStream",
        "Client",
        "ClientBuilder",
        "Error",
        "IdOrPath",
        "Items",
        "Multipart",
        "Page",
        "Pagination",
        "RawResponse",
        "RequestOptions",
        "Result",
        "RetryPolicy",
    ]
    .map(ident);
    let types_mod = (!api.types.is_empty()).then(|| {
        quote! {
            // Laid out by prettyplease, not rustfmt.
            #[rustfmt::skip]
            pub mod types;
        }
    });
    let mods = groups.keys().map(|g| {
        let m = ident(g);
        let n = groups[g].len();
        let doc = format!(
            " {} ({n} operation{}).",
            group_title(api, g),
            if n == 1 { "" } else { "s" }
        );
        quote! {
            #[doc = #doc]
            #[cfg(feature = #g)]
            #[cfg_attr(docsrs, doc(cfg(feature = #g)))]
            // Laid out by prettyplease, not rustfmt.
            #[rustfmt::skip]
            pub mod #m;
        }
    });
    quote! {
        #( #![doc = #docs] )*
        #![warn(missing_docs)]
        #![cfg_attr(docsrs, feature(doc_cfg))]

        pub mod runtime;
        #types_mod

        #( pub use runtime::#reexports; )*

        #( #mods )*
    }
}

/// `src/<group>.rs`: the operations of one format.
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
    let methods = ops.iter().map(|op| client_method(op));
    let builders = ops.iter().map(|op| builder(op));
    let mut extra_imports = Vec::new();
    if ops.iter().any(|op| {
        op.pagination.is_some() && matches!(op.response, ResponseKind::Json | ResponseKind::Raw)
    }) {
        extra_imports.push(quote! { use crate::runtime::{Items, Page, Pagination}; });
    }
    if ops
        .iter()
        .any(|op| matches!(op.response, ResponseKind::Bytes | ResponseKind::Raw))
    {
        extra_imports.push(quote! { use crate::runtime::ByteStream; });
    }
    let uses_id = ops
        .iter()
        .any(|op| op.params.iter().any(|p| p.ty == ParamType::IdOrPath));
    let id_import = uses_id.then(|| quote! { use crate::runtime::IdOrPath; });
    let body_imports: Vec<TokenStream> = {
        let mut v = Vec::new();
        if ops
            .iter()
            .any(|op| matches!(op.body.as_ref().map(|b| &b.kind), Some(BodyKind::Raw)))
        {
            v.push(quote! { use crate::runtime::Body; });
        }
        if ops.iter().any(|op| {
            matches!(
                op.body.as_ref().map(|b| &b.kind),
                Some(BodyKind::Multipart { .. })
            )
        }) {
            v.push(quote! { use crate::runtime::Multipart; });
        }
        v
    };
    quote! {
        #![doc = #title]
        #( #![doc = #table] )*

        use std::future::{Future, IntoFuture};
        use std::pin::Pin;

        use crate::runtime::{Client, Method, RequestBuilder, RequestOptions, Result};
        #( #extra_imports )*
        #id_import
        #( #body_imports )*

        impl Client {
            #( #methods )*
        }

        #( #builders )*
    }
}

fn builder_name(op: &Operation) -> Ident {
    format_ident!("{}", op.rust_name.to_upper_camel_case())
}

/// The stored type of a parameter (what the builder's field holds).
fn stored_type(p: &Param) -> TokenStream {
    if let Some(name) = &p.enum_type {
        let n = ident(name);
        return if p.ty == ParamType::StringList {
            quote! { Vec<crate::types::#n> }
        } else {
            quote! { crate::types::#n }
        };
    }
    match p.ty {
        ParamType::String => quote! { String },
        ParamType::Integer => quote! { u64 },
        ParamType::Number => quote! { f64 },
        ParamType::Boolean => quote! { bool },
        ParamType::StringList => quote! { Vec<String> },
        ParamType::IdOrPath => quote! { IdOrPath },
    }
}

/// The argument type a setter or method takes, and how it becomes the stored type.
fn arg_type(p: &Param, value: &Ident) -> (TokenStream, TokenStream) {
    if let Some(name) = &p.enum_type {
        let n = ident(name);
        return if p.ty == ParamType::StringList {
            (
                quote! { impl IntoIterator<Item = impl Into<crate::types::#n>> },
                quote! { #value.into_iter().map(Into::into).collect() },
            )
        } else {
            (
                quote! { impl Into<crate::types::#n> },
                quote! { #value.into() },
            )
        };
    }
    match p.ty {
        ParamType::String => (quote! { impl Into<String> }, quote! { #value.into() }),
        ParamType::IdOrPath => (quote! { impl Into<IdOrPath> }, quote! { #value.into() }),
        ParamType::StringList => (
            quote! { impl IntoIterator<Item = impl Into<String>> },
            quote! { #value.into_iter().map(Into::into).collect() },
        ),
        _ => (stored_type(p), quote! { #value }),
    }
}

fn types_prefix() -> TokenStream {
    quote! { crate::types:: }
}

fn body_type(body: &Body) -> TokenStream {
    match (&body.kind, &body.ty) {
        (BodyKind::Json | BodyKind::Form, Some(ty)) => type_tokens(ty, &types_prefix()),
        (BodyKind::Raw, _) => quote! { Body },
        (BodyKind::Json, None) => quote! { serde_json::Value },
        (BodyKind::Form, None) => quote! { Vec<(String, String)> },
        (BodyKind::Multipart { .. }, _) => quote! { Multipart },
    }
}

fn body_arg(body: &Body) -> (TokenStream, TokenStream) {
    match (&body.kind, &body.ty) {
        (BodyKind::Raw, _) => (quote! { impl Into<Body> }, quote! { body.into() }),
        (BodyKind::Json, Some(TypeRef::String)) => {
            (quote! { impl Into<String> }, quote! { body.into() })
        }
        _ => (body_type(body), quote! { body }),
    }
}

/// The item type of a list response, when it is typed.
fn item_type(op: &Operation) -> Option<TokenStream> {
    match (&op.response, &op.response_type) {
        (ResponseKind::Json, Some(TypeRef::List(inner))) => {
            Some(type_tokens(inner, &types_prefix()))
        }
        _ => None,
    }
}

fn response_type(op: &Operation) -> TokenStream {
    if let (ResponseKind::Json, Some(ty)) = (op.response, &op.response_type) {
        return type_tokens(ty, &types_prefix());
    }
    match op.response {
        ResponseKind::Json => quote! { serde_json::Value },
        ResponseKind::Text => quote! { String },
        ResponseKind::Bytes => quote! { bytes::Bytes },
        ResponseKind::Empty => quote! { () },
        ResponseKind::Raw => quote! { crate::runtime::RawResponse },
    }
}

fn response_doc(kind: ResponseKind) -> &'static str {
    match kind {
        ResponseKind::Json => {
            "the response body parsed as JSON (`serde_json::Value`; `Null` when empty)"
        }
        ResponseKind::Text => "the response body as text",
        ResponseKind::Bytes => "the response body as bytes (a file)",
        ResponseKind::Empty => "nothing: the response body is discarded",
        ResponseKind::Raw => {
            "the raw response (status, headers, body): the spec does not say what it carries"
        }
    }
}

fn param_doc(p: &Param) -> String {
    let mut s = p
        .description
        .as_deref()
        .map(doc_text)
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "(no description in the spec)".into());
    if !s.ends_with('.') {
        s.push('.');
    }
    let wire = match p.location {
        ParamLocation::Path => format!("path variable `{}`", p.wire_name),
        ParamLocation::Query => format!("query parameter `{}`", p.wire_name),
        ParamLocation::Header => format!("header `{}`", p.wire_name),
        ParamLocation::Form => format!("form field `{}`", p.wire_name),
    };
    format!("{s} Sent as the {wire}.")
}

fn method_docs(op: &Operation) -> String {
    let b = builder_name(op);
    let mut d = String::new();
    d.push_str(&doc_text(&op.summary));
    if !d.ends_with('.') {
        d.push('.');
    }
    d.push_str(&format!("\n\n`{} {}`\n", op.method, op.display_path()));
    if let Some(notes) = &op.notes {
        d.push_str(&format!("\n{}\n", doc_text(notes)));
    }
    let mut notes = Vec::new();
    match op.hints.read_only {
        Some(true) => notes.push("Read-only."),
        _ if op.hints.destructive == Some(true) => notes.push("**Destructive.**"),
        _ => {}
    }
    if op.hints.idempotent == Some(true) && op.hints.read_only != Some(true) {
        notes.push("Idempotent.");
    }
    if !notes.is_empty() {
        d.push_str(&format!("\n{}\n", notes.join(" ")));
    }
    let required: Vec<&Param> = op.params.iter().filter(|p| p.required).collect();
    let optional: Vec<&Param> = op.params.iter().filter(|p| !p.required).collect();
    if !required.is_empty() || op.body.as_ref().is_some_and(|b| b.required) {
        d.push_str("\n# Arguments\n\n");
        for p in &required {
            d.push_str(&format!("- `{}`: {}\n", p.rust_name, param_doc(p)));
        }
        if let Some(body) = op.body.as_ref().filter(|b| b.required) {
            d.push_str(&format!("- `body`: {}\n", body_doc(&body.kind)));
        }
    }
    if !optional.is_empty() || op.body.as_ref().is_some_and(|b| !b.required) {
        d.push_str(&format!(
            "\n# Optional parameters\n\nSet by name on the returned [`{b}`]:\n\n"
        ));
        for p in &optional {
            d.push_str(&format!(
                "- [`{0}`]({b}::{0}): {1}\n",
                p.rust_name,
                param_doc(p)
            ));
        }
        if let Some(body) = op.body.as_ref().filter(|b| !b.required) {
            d.push_str(&format!(
                "- [`body`]({b}::body): {}\n",
                body_doc(&body.kind)
            ));
        }
    }
    d.push_str(&format!(
        "\n# Returns\n\nThe request, [`{b}`]: `.await` it (or call [`send`]({b}::send)) for {}.\n\nSpec operation: `{}`.",
        match (op.response, &op.response_type) {
            (ResponseKind::Json, Some(ty)) => format!("the answer decoded as {}", type_doc(ty)),
            (kind, _) => response_doc(kind).to_owned(),
        },
        op.spec_name
    ));
    d
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
    // Conan's file operations name a file by up to nine path parts, in the order of a Conan
    // reference (`name/version@user/channel#revision:package#revision file`).
    let allow = (args.len() > 6).then(|| quote! { #[allow(clippy::too_many_arguments)] });
    quote! {
        #docs
        #allow
        pub fn #name(&self, #( #args ),*) -> #b<'_> {
            #b { client: self, options: RequestOptions::default(), #( #inits ),* }
        }
    }
}

fn builder(op: &Operation) -> TokenStream {
    let b = builder_name(op);
    let op_name = &op.rust_name;
    let doc = format!(
        " A request to [`Client::{op_name}`]: set optional parameters by name, then `.await` it."
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
    let out = response_type(op);
    let build = request_statements(op);
    let send = match op.response {
        ResponseKind::Json if op.response_type.is_some() => quote! { send_json_as },
        ResponseKind::Json => quote! { send_json },
        ResponseKind::Text => quote! { send_text },
        ResponseKind::Bytes => quote! { send_bytes },
        ResponseKind::Empty => quote! { send_empty },
        ResponseKind::Raw => quote! { send_raw },
    };
    let paging = op
        .pagination
        .filter(|_| matches!(op.response, ResponseKind::Json | ResponseKind::Raw))
        .map(|kind| {
            let kind = match kind {
                Pagination::Offset => quote! { Pagination::Offset },
                Pagination::Keyset => quote! { Pagination::Keyset },
            };
            let item = item_type(op).unwrap_or_else(|| quote! { serde_json::Value });
            quote! {
                /// Sends the request for one page: its items and GitLab's pagination headers
                /// (`X-Total`, `X-Next-Page`, `Link` …).
                pub async fn send_page(self) -> Result<Page<#item>> {
                    self.into_request().send_page_as().await
                }

                /// Every item of every page, as a stream that requests the next page when
                /// the current one is consumed.
                pub fn into_items(self) -> Items<#item> {
                    self.into_request().into_items_as(#kind)
                }
            }
        });
    let streaming = matches!(op.response, ResponseKind::Bytes | ResponseKind::Raw).then(|| {
        quote! {
            /// Sends the request and streams the response body in constant memory (write it
            /// to a file with [`ByteStream::save_to`]); a `X-Checksum-SHA256` header is
            /// verified when the stream ends.
            pub async fn send_stream(self) -> Result<ByteStream> {
                self.into_request().send_stream().await
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug)]
        #[must_use = "a request does nothing until it is awaited or sent"]
        pub struct #b<'a> {
            client: &'a Client,
            options: RequestOptions,
            #( #fields, )*
        }

        impl<'a> #b<'a> {
            #( #setters )*

            /// Per-request options: credentials, timeout, extra headers, retry policy.
            pub fn options(mut self, options: RequestOptions) -> Self {
                self.options = options;
                self
            }

            /// Sends the request.
            pub async fn send(self) -> Result<#out> {
                self.into_request().#send().await
            }

            #paging

            #streaming

            /// Sends the request and waits for the answer, for synchronous code (not from
            /// inside an async runtime).
            #[cfg(feature = "blocking")]
            pub fn send_blocking(self) -> Result<#out> {
                crate::runtime::block_on(self.send())
            }

            fn into_request(self) -> RequestBuilder {
                #build
            }
        }

        impl<'a> IntoFuture for #b<'a> {
            type Output = Result<#out>;
            type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    }
}

/// The statements that build the request; they end with the `RequestBuilder`.
fn request_statements(op: &Operation) -> TokenStream {
    let method = format_ident!("{}", op.method.as_str());
    let op_name = &op.rust_name;
    let template = op.path.display();
    let by_wire: BTreeMap<&str, &Param> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .map(|p| (p.wire_name.as_str(), p))
        .collect();
    let path = path_tokens(&op.path.parts, &by_wire, false);
    let mut rest: Vec<TokenStream> = op
        .fixed_query
        .iter()
        .map(|(name, value)| quote! { r.query(#name, #value); })
        .collect();
    for p in op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Query)
    {
        let f = ident(&p.rust_name);
        let wire = &p.wire_name;
        rest.push(match (p.ty, p.required) {
            (ParamType::StringList, _) => quote! { r.query_array(#wire, &self.#f); },
            (_, true) => quote! { r.query(#wire, &self.#f); },
            (_, false) => quote! { if let Some(value) = &self.#f { r.query(#wire, value); } },
        });
    }
    for p in op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Header)
    {
        let f = ident(&p.rust_name);
        let wire = &p.wire_name;
        // A `&str` of the value at `place` (a field, or a `&` local).
        let as_str = |place: TokenStream, is_ref: bool| match p.ty {
            ParamType::String if is_ref => quote! { #place },
            ParamType::String => quote! { &#place },
            ParamType::StringList => quote! { &#place.join(",") },
            _ => quote! { &#place.to_string() },
        };
        rest.push(if p.required || p.ty == ParamType::StringList {
            let v = as_str(quote! { self.#f }, false);
            quote! { r.header(#wire, #v); }
        } else {
            let v = as_str(quote! { value }, true);
            quote! { if let Some(value) = &self.#f { r.header(#wire, #v); } }
        });
    }
    let form: Vec<&Param> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Form)
        .collect();
    let multipart = !form.is_empty()
        && matches!(
            op.body.as_ref().map(|b| &b.kind),
            Some(BodyKind::Multipart { .. })
        );
    if !form.is_empty() {
        let pushes = form.iter().map(|p| {
            let f = ident(&p.rust_name);
            let wire = &p.wire_name;
            match (p.ty, p.required) {
                // As Rails and Grape read a list: `name[]=a&name[]=b` (a repeated plain
                // `name` keeps only the last value). The same rule as the runtime's
                // `RequestBuilder::query_array`, applied here once instead of per request.
                (ParamType::StringList, _) => {
                    let key = format!("{}[]", wire.trim_end_matches("[]"));
                    quote! {
                        for value in &self.#f { form.push((#key, value.clone())); }
                    }
                }
                (_, true) => quote! { form.push((#wire, self.#f.to_string())); },
                (_, false) => quote! { if let Some(value) = &self.#f { form.push((#wire, value.to_string())); } },
            }
        });
        // With file fields (a multipart body) the other fields join the multipart form.
        let send = (!multipart).then(|| quote! { r.form(&form); });
        rest.push(quote! {
            let mut form: Vec<(&'static str, String)> = Vec::new();
            #( #pushes )*
            #send
        });
    }
    if let (true, Some(body)) = (multipart, &op.body) {
        let start = if body.required {
            quote! { self.body }
        } else {
            quote! { self.body.unwrap_or_default() }
        };
        rest.push(quote! {
            let mut multipart = #start;
            for (name, value) in form {
                multipart = multipart.text(name, value);
            }
            if !multipart.is_empty() {
                r.multipart(multipart);
            }
        });
    } else if let Some(body) = &op.body {
        let call = |value: TokenStream| match &body.kind {
            BodyKind::Raw => quote! { r.body(#value); },
            BodyKind::Json => quote! { r.json(&#value); },
            BodyKind::Form if body.ty.is_some() => quote! { r.form_of(&#value); },
            BodyKind::Form => quote! { r.form(&#value); },
            BodyKind::Multipart { .. } => quote! { r.multipart(#value); },
        };
        rest.push(if body.required {
            call(quote! { self.body })
        } else {
            let c = call(quote! { body });
            quote! { if let Some(body) = self.body { #c } }
        });
    }
    quote! {
        let mut r = self.client.request(Method::#method, #op_name, #template);
        r.options(&self.options);
        #path
        #( #rest )*
        r
    }
}

/// Statements building the path. Inside an optional group, variables are read from the
/// locals bound by the enclosing `if let`.
fn path_tokens(parts: &[PathPart], params: &BTreeMap<&str, &Param>, in_group: bool) -> TokenStream {
    let mut out = Vec::new();
    for part in parts {
        out.push(match part {
            PathPart::Literal(text) => {
                let wire = path_template::wire_literal(text);
                quote! { r.path_literal(#wire); }
            }
            PathPart::Var(name) | PathPart::Glob(name) => {
                let Some(p) = params.get(name.as_str()) else {
                    // Normalization guarantees a parameter for every variable.
                    continue;
                };
                let f = ident(&p.rust_name);
                let value = if in_group {
                    quote! { #f }
                } else {
                    quote! { &self.#f }
                };
                if matches!(part, PathPart::Glob(_)) {
                    let v = if p.ty == ParamType::String {
                        value
                    } else {
                        let place = if in_group {
                            quote! { #f }
                        } else {
                            quote! { self.#f }
                        };
                        quote! { &#place.to_string() }
                    };
                    quote! { r.path_glob(#name, #v); }
                } else {
                    quote! { r.path_param(#name, #value); }
                }
            }
            PathPart::Optional(inner) => {
                let vars: Vec<Ident> = inner
                    .iter()
                    .filter_map(|p| match p {
                        PathPart::Var(n) | PathPart::Glob(n) => {
                            params.get(n.as_str()).map(|p| ident(&p.rust_name))
                        }
                        _ => None,
                    })
                    .collect();
                let body = path_tokens(inner, params, true);
                if let [var] = vars.as_slice() {
                    quote! {
                        if let Some(#var) = &self.#var {
                            #body
                        }
                    }
                } else {
                    quote! {
                        if let ( #( Some(#vars), )* ) = ( #( &self.#vars, )* ) {
                            #body
                        }
                    }
                }
            }
        });
    }
    quote! { #( #out )* }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Method, Param};
    use crate::path_template;

    #[test]
    fn form_fields_join_a_multipart_body() {
        let mut op = Operation::new(
            "import",
            Method::Post,
            "/import",
            path_template::parse("/import").unwrap(),
        );
        op.params = vec![Param::new("name", ParamLocation::Form, ParamType::String)];
        let mut op = op.into_named("create_import".into(), "core".into(), vec!["name".into()]);
        op.body = Some(Body {
            wire_name: "file".into(),
            kind: BodyKind::Multipart {
                file_field: "file".into(),
            },
            required: true,
            description: None,
            ty: None,
        });
        let code = request_statements(&op).to_string();
        assert!(
            code.contains("multipart = multipart . text (name , value)"),
            "{code}"
        );
        assert!(!code.contains("r . form"), "{code}");
        // Without file fields, the fields are the body.
        op.body = None;
        let code = request_statements(&op).to_string();
        assert!(code.contains("r . form (& form)"), "{code}");
    }
}
