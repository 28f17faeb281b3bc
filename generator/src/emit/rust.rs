//! Rust emission: IR → tokens (quote) → `syn::File` → text (prettyplease).

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::emit::docs::{doc_text, group_title};
use crate::emit::types::type_tokens;
use crate::ir::{
    Api, AuthScheme, Body, BodyKind, Operation, Param, ParamType, PathPart, ResponseKind, Server,
    TypeRef,
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
                && (t.starts_with("impl")
                    || t.starts_with("pub ")
                    || t.starts_with("use ")
                    || t.starts_with("const ")
                    || t.starts_with("crate::")));
        let prev_ends_item = p.starts_with("//!")
            || (prev.len() == p.len() && p.ends_with(';') && !p.starts_with("use "))
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

pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

pub(crate) fn doc_lines(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// The crate name of the runtime generated code depends on, as Rust spells it.
pub const RUNTIME_CRATE: &str = "gitlab_api_runtime";

/// The version of the runtime's `__private::CONTRACT` the emitted code is written for.
pub const RUNTIME_CONTRACT: u32 = 1;

/// `src/lib.rs`: the crate docs, the modules, the re-exports.
pub fn lib_rs(
    api: &Api,
    groups: &BTreeMap<String, Vec<&Operation>>,
    crate_docs: &str,
    crate_name: &str,
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
        "Error",
        "IdOrPath",
        "Items",
        "Limits",
        "Multipart",
        "Page",
        "Pagination",
        "RawResponse",
        "RequestOptions",
        "ResponseFuture",
        "Result",
        "RetryPolicy",
    ]
    .map(ident);
    let types_mod = (!api.types.is_empty() || !api.param_groups.is_empty()).then(|| {
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
    // Hand-written modules (`src/{module}.rs`), with their group's feature.
    let extensions = api.extensions.iter().map(|e| {
        let m = ident(&e.module);
        let doc = format!(" {}", e.about);
        let feature = &e.feature;
        quote! {
            #[doc = #doc]
            #[cfg(feature = #feature)]
            #[cfg_attr(docsrs, doc(cfg(feature = #feature)))]
            pub mod #m;
        }
    });
    let runtime = ident(RUNTIME_CRATE);
    let contract = proc_macro2::Literal::u32_unsuffixed(RUNTIME_CONTRACT);
    let mismatch = format!(
        "{crate_name} was generated for another version of {}: regenerate it",
        RUNTIME_CRATE.replace('_', "-")
    );
    quote! {
        #( #![doc = #docs] )*
        #![warn(missing_docs)]
        #![cfg_attr(docsrs, feature(doc_cfg))]

        /// The runtime every request shares: client, authentication, errors, bodies.
        pub use #runtime as runtime;

        // Laid out by prettyplease, not rustfmt.
        #[rustfmt::skip]
        mod client;
        #types_mod

        pub use client::Client;
        pub use client::ClientBuilder;
        #( pub use runtime::#reexports; )*

        const _: () = assert!(runtime::__private::CONTRACT == #contract, #mismatch);

        #( #mods )*

        #( #extensions )*
    }
}

/// `src/client.rs`: the API's `Client`, wrapping the runtime's with the spec's defaults
/// (server root, token variable); the operations add their methods to it.
pub fn client_rs(api: &Api) -> TokenStream {
    let some = |v: &Option<String>| match v {
        Some(v) => quote! { Some(#v) },
        None => quote! { None },
    };
    let base_url = some(&api.base_url);
    let token_env = some(&api.token_env);
    let base_url_env = some(&api.base_url_env);
    let gitlab_ci = api.gitlab_ci;
    let title = doc_text(&api.title);
    let client_doc = format!(
        " A client of {title}: one method per operation. Cheap to clone: clones share one connection pool.\n\nIt dereferences to the runtime's client for its settings and for [`request`](crate::runtime::Client::request), the way to call an endpoint no operation covers."
    );
    let client_doc = doc_lines(client_doc.trim_start());
    let root = match (&api.base_url, &api.base_url_template) {
        (Some(url), _) => format!("the server root `{url}` (the spec's `baseUri`)"),
        (None, Some(template)) => format!("no server root (the spec's `baseUri` is `{template}`, which is no URL as written: set one with [`base_url`](crate::runtime::ClientBuilder::base_url))"),
        (None, None) => "no server root (the spec names none: set one with [`base_url`](crate::runtime::ClientBuilder::base_url))".into(),
    };
    let builder_doc = format!(
        "A builder with this API's defaults: {root}, no credentials, 30 s connect timeout, 60 s read timeout, no overall timeout, the default retry policy."
    );
    let builder_doc = doc_lines(&format!(
        "{builder_doc}{}{}",
        auth_doc(api),
        servers_doc(api)
    ));
    let from_env = from_env(api);
    let (spec_consts, spec_calls) = spec_settings(api);
    quote! {
        //! The API's client, with the defaults its spec gives.

        use crate::runtime::{self, Auth, Result};

        /// What the spec says of the API.
        const API: runtime::Api = runtime::Api {
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
            base_url: #base_url,
            token_env: #token_env,
            base_url_env: #base_url_env,
            gitlab_ci: #gitlab_ci,
        };
        #spec_consts

        #client_doc
        #[derive(Clone, Debug)]
        pub struct Client {
            pub(crate) inner: runtime::Client,
        }

        /// Configures a [`Client`]; start from [`Client::builder`].
        pub type ClientBuilder = runtime::ClientBuilder<Client>;

        impl Client {
            #builder_doc
            pub fn builder() -> ClientBuilder {
                runtime::ClientBuilder::for_api(API) #spec_calls
            }

            /// A client for `base_url` without credentials.
            pub fn new(base_url: &str) -> Result<Client> {
                Client::builder().base_url(base_url).build()
            }

            #from_env

            /// The same client (connection pool, server root, timeouts, retry policy) with
            /// other credentials; this one is unchanged.
            pub fn with_auth(&self, auth: Auth) -> Client {
                Client {
                    inner: self.inner.with_auth(auth),
                }
            }
        }

        impl From<runtime::Client> for Client {
            fn from(inner: runtime::Client) -> Client {
                Client { inner }
            }
        }

        impl std::ops::Deref for Client {
            type Target = runtime::Client;

            fn deref(&self) -> &runtime::Client {
                &self.inner
            }
        }
    }
}

/// `Client::from_env`, when the spec names variables for it to read: the token's (the
/// scheme's, or the bound token sent as `PRIVATE-TOKEN`), the servers' schemes', the
/// server root's, GitLab's.
fn from_env(api: &Api) -> Option<TokenStream> {
    let mut tokens: Vec<String> = Vec::new();
    let mut roots: Vec<String> = Vec::new();
    match &api.auth {
        Some(scheme) => {
            let vars = scheme.env_vars();
            if !vars.is_empty() {
                let vars: Vec<String> = vars.iter().map(|v| format!("`{v}`")).collect();
                tokens.push(format!(
                    "{} (sent as {})",
                    vars.join(" and "),
                    scheme.describe()
                ));
            }
        }
        None => {
            if let Some(token) = &api.token_env {
                tokens.push(format!("`{token}` (sent as `PRIVATE-TOKEN`)"));
            }
        }
    }
    if let Some(url) = &api.base_url_env {
        roots.push(format!("`{url}`"));
    }
    if api.gitlab_ci {
        tokens.push("`GITLAB_TOKEN` (`PRIVATE-TOKEN`)".into());
        tokens.push("in a CI job `CI_JOB_TOKEN` (`JOB-TOKEN`)".into());
        roots.push("`CI_API_V4_URL` (without its `/api/v4`)".into());
        roots.push("`CI_SERVER_URL`".into());
    }
    let servers: Vec<String> = api
        .servers
        .iter()
        .filter_map(|s| {
            let vars = s.auth.as_ref()?.env_vars();
            (!vars.is_empty()).then(|| {
                let vars: Vec<String> = vars.iter().map(|v| format!("`{v}`")).collect();
                format!("server `{}`'s from {}", s.name, vars.join(" and "))
            })
        })
        .collect();
    if tokens.is_empty() && roots.is_empty() && servers.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !tokens.is_empty() {
        parts.push(format!("the token from {}", tokens.join(", then ")));
    }
    if !roots.is_empty() {
        parts.push(format!("the server root from {}", roots.join(", then ")));
    }
    if !servers.is_empty() {
        parts.push(format!("the credentials of {}", servers.join(", ")));
    }
    let doc = doc_lines(&format!(
        "A client configured from the environment: {}; the first variable set and not empty wins, an unset one changes nothing. A token is never printed.",
        parts.join("; ")
    ));
    Some(quote! {
        #doc
        pub fn from_env() -> Result<Client> {
            Client::builder().env().build()
        }
    })
}

/// What the builder's docs say of credentials the spec declares.
fn auth_doc(api: &Api) -> String {
    match &api.auth {
        None => String::new(),
        Some(AuthScheme::Basic { .. }) => "\n\nThe spec authenticates with HTTP Basic: give the user and password with [`auth`](crate::runtime::ClientBuilder::auth) and [`Auth::basic`](crate::Auth::basic)".to_owned()
            + if api.auth.as_ref().is_some_and(|s| !s.env_vars().is_empty()) { ", or in the environment (see [`Client::from_env`])." } else { "." },
        Some(scheme) => format!(
            "\n\nThe spec authenticates with {}: give the key with [`token`](crate::runtime::ClientBuilder::token){}.",
            scheme.describe(),
            if scheme.env_vars().is_empty() { "" } else { ", or in the environment (see [`Client::from_env`])" }
        ),
    }
}

/// What the builder's docs say of the API's other servers.
fn servers_doc(api: &Api) -> String {
    if api.servers.is_empty() {
        return String::new();
    }
    let mut doc = "\n\nThe API has other servers, one per `consumes` block of the spec with another root; their operations go there, with their own credentials (never the default ones): set them with [`server_url`](crate::runtime::ClientBuilder::server_url) and [`server_auth`](crate::runtime::ClientBuilder::server_auth) (or [`server_token`](crate::runtime::ClientBuilder::server_token)).\n".to_owned();
    for server in &api.servers {
        let root = match (&server.base_url, &server.template) {
            (Some(url), _) => format!("`{url}`"),
            (None, Some(template)) => format!("no default root (the spec's is `{template}`)"),
            (None, None) => "no default root".to_owned(),
        };
        let auth = server
            .auth
            .as_ref()
            .map(|a| format!(", authenticated with {}", a.describe()))
            .unwrap_or_default();
        doc.push_str(&format!("\n- `{}`: {root}{auth}", server.name));
    }
    doc
}

/// The constants and builder calls of what the spec declares beyond a root and a token: its
/// authentication scheme (`AUTH`) and other servers (`SERVERS`); nothing for an API
/// without them.
fn spec_settings(api: &Api) -> (TokenStream, TokenStream) {
    let mut consts = TokenStream::new();
    let mut calls = TokenStream::new();
    if let Some(scheme) = &api.auth {
        let scheme = scheme_tokens(scheme);
        consts.extend(quote! {
            /// How the spec says requests authenticate.
            const AUTH: runtime::AuthScheme = #scheme;
        });
        calls.extend(quote! { .auth_scheme(AUTH) });
    }
    if !api.servers.is_empty() {
        let servers = api.servers.iter().map(server_tokens);
        consts.extend(quote! {
            /// The API's other servers: `consumes` blocks of the spec with another root.
            const SERVERS: &[runtime::Server] = &[ #( #servers ),* ];
        });
        calls.extend(quote! { .servers(SERVERS) });
    }
    (consts, calls)
}

fn option_tokens(value: &Option<String>) -> TokenStream {
    match value {
        Some(v) => quote! { Some(#v) },
        None => quote! { None },
    }
}

fn scheme_tokens(scheme: &AuthScheme) -> TokenStream {
    match scheme {
        AuthScheme::Bearer { env } => {
            let env = option_tokens(env);
            quote! { runtime::AuthScheme::Bearer { env: #env } }
        }
        AuthScheme::Header { name, prefix, env } => {
            let env = option_tokens(env);
            quote! { runtime::AuthScheme::Header { name: #name, prefix: #prefix, env: #env } }
        }
        AuthScheme::Query { name, env } => {
            let env = option_tokens(env);
            quote! { runtime::AuthScheme::Query { name: #name, env: #env } }
        }
        AuthScheme::Basic {
            username,
            username_env,
            password_env,
        } => {
            let (username, username_env, password_env) = (
                option_tokens(username),
                option_tokens(username_env),
                option_tokens(password_env),
            );
            quote! {
                runtime::AuthScheme::Basic {
                    username: #username,
                    username_env: #username_env,
                    password_env: #password_env,
                }
            }
        }
    }
}

fn server_tokens(server: &Server) -> TokenStream {
    let name = &server.name;
    let base_url = option_tokens(&server.base_url);
    let template = option_tokens(&server.template);
    let auth = match &server.auth {
        Some(scheme) => {
            let scheme = scheme_tokens(scheme);
            quote! { Some(#scheme) }
        }
        None => quote! { None },
    };
    quote! {
        runtime::Server { name: #name, base_url: #base_url, template: #template, auth: #auth }
    }
}

/// The stored type of a parameter (what the builder's field holds).
pub(crate) fn stored_type(p: &Param) -> TokenStream {
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

/// The argument type a setter or method takes (the operation module turns it into the
/// sent value: `typed_value`).
pub(crate) fn arg_type(p: &Param) -> TokenStream {
    if let Some(name) = &p.enum_type {
        let n = ident(name);
        return if p.ty == ParamType::StringList {
            quote! { impl IntoIterator<Item = impl Into<crate::types::#n>> }
        } else {
            quote! { impl Into<crate::types::#n> }
        };
    }
    match p.ty {
        ParamType::String => quote! { impl Into<String> },
        ParamType::IdOrPath => quote! { impl Into<IdOrPath> },
        ParamType::StringList => quote! { impl IntoIterator<Item = impl Into<String>> },
        _ => stored_type(p),
    }
}

fn types_prefix() -> TokenStream {
    quote! { crate::types:: }
}

pub(crate) fn body_type(body: &Body) -> TokenStream {
    match (&body.kind, &body.ty) {
        (BodyKind::Json | BodyKind::Form, Some(ty)) => type_tokens(ty, &types_prefix()),
        (BodyKind::Raw, _) => quote! { Body },
        (BodyKind::Json, None) => quote! { serde_json::Value },
        (BodyKind::Form, None) => quote! { Vec<(String, String)> },
        (BodyKind::Multipart { .. }, _) => quote! { Multipart },
    }
}

/// The argument type a body setter or method takes.
pub(crate) fn body_arg(body: &Body) -> TokenStream {
    match (&body.kind, &body.ty) {
        (BodyKind::Raw, _) => quote! { impl Into<Body> },
        (BodyKind::Json, Some(TypeRef::String)) => quote! { impl Into<String> },
        _ => body_type(body),
    }
}

/// The item type of a list response, when it is typed; `prefix` qualifies named types.
pub(crate) fn item_type(op: &Operation, prefix: &TokenStream) -> Option<TokenStream> {
    match (&op.response, &op.response_type) {
        (ResponseKind::Json, Some(TypeRef::List(inner))) => Some(type_tokens(inner, prefix)),
        _ => None,
    }
}

/// Whether the answer's type names a type of the `types` module.
pub(crate) fn answers_named_type(op: &Operation) -> bool {
    fn named(ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Named(_) => true,
            TypeRef::List(inner) => named(inner),
            _ => false,
        }
    }
    op.response == ResponseKind::Json && op.response_type.as_ref().is_some_and(named)
}

/// What awaiting the request gives; `prefix` qualifies named types.
pub(crate) fn response_type(op: &Operation, prefix: &TokenStream) -> TokenStream {
    if let (ResponseKind::Json, Some(ty)) = (op.response, &op.response_type) {
        let ty = type_tokens(ty, prefix);
        return if op.response_nullable {
            quote! { Option<#ty> }
        } else {
            ty
        };
    }
    match op.response {
        ResponseKind::Json => quote! { serde_json::Value },
        ResponseKind::Text => quote! { String },
        ResponseKind::Bytes => quote! { bytes::Bytes },
        ResponseKind::Empty => quote! { () },
        ResponseKind::Raw => quote! { crate::runtime::RawResponse },
    }
}

/// The path template as the runtime reads it: literal text as it goes on the wire (so
/// `{`, `}`, `[`, `]` never appear literally), `{name}` for a one-segment variable,
/// `{*name}` for a glob, `[…]` for an optional group.
pub fn runtime_template(parts: &[PathPart]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            PathPart::Literal(text) => out.push_str(&path_template::wire_literal(text)),
            PathPart::Var(name) => out.push_str(&format!("{{{name}}}")),
            PathPart::Glob(name) => out.push_str(&format!("{{*{name}}}")),
            PathPart::Optional(inner) => {
                out.push('[');
                out.push_str(&runtime_template(inner));
                out.push(']');
            }
        }
    }
    out
}
