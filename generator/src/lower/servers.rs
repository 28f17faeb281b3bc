//! Rule `servers`: each `consumes` block keeps its own server root. The first block's root
//! is the client's default (`base_url`); every block with the same root (compared as
//! written, without a trailing `/`) shares it, and each other root is a [`Server`] of its
//! own, named after the first block that has it, its default root configurable
//! (`ClientBuilder::server_url`). Roots are never merged: an operation goes to its own
//! block's root. A root that is empty has no default; one that is templated
//! (`https://{site}.example.com`) or not an http(s) URL has none either, with a warning.
//! Each server authenticates as its first block says (rule `auth_scheme`); a later block
//! of the same root that says otherwise is a warning.

use crate::ir::{AuthScheme, Server};
use crate::spec::Bind;

use super::Findings;
use super::auth::auth_scheme;
use super::blocks::Block;

/// The servers of an API and which block goes to which.
#[derive(Debug, Default)]
pub(super) struct Servers {
    /// The default root.
    pub(super) base_url: Option<String>,
    /// The default root as the spec writes it, when it is not usable as written.
    pub(super) base_url_template: Option<String>,
    /// How requests to the default root authenticate.
    pub(super) auth: Option<AuthScheme>,
    /// The other servers.
    pub(super) others: Vec<Server>,
    /// For each block, the server it goes to (`None` for the default one).
    pub(super) of_block: Vec<Option<String>>,
}

/// A block's root as written.
struct Root {
    /// What blocks are compared by: trimmed, without a trailing `/`.
    key: String,
    /// A usable default, if it is one.
    url: Option<String>,
    /// The text, when it is not usable as written.
    template: Option<String>,
}

/// The servers of `blocks` (see the module docs).
pub(super) fn servers(blocks: &[Block<'_>], binds: &[Bind], found: &mut Findings) -> Servers {
    let mut out = Servers::default();
    // (root key, server name or `None` for the default, the auth of its first block)
    let mut seen: Vec<(String, Option<String>, Option<AuthScheme>)> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let first = !seen.iter().any(|(k, _, _)| *k == root_key(block));
        let name = unique_name(&block.namespace, i, &out.others);
        let root = root(block, first, (i > 0).then_some(name.as_str()), found);
        let auth = block.consumes.authentication.as_ref().and_then(|a| {
            // At the field, else (a field not written, `in:` for `placement:`) the block's
            // `authentication`.
            let at = |field: &str, message: String| {
                let field = format!("/authentication{field}");
                let written = block
                    .loaded
                    .locate(&format!("{}{field}", block.pointer))
                    .is_some();
                block.error(if written { &field } else { "/authentication" }, message)
            };
            auth_scheme(a, binds, &at, &mut found.warnings)
        });
        if let Some((_, server, known)) = seen.iter().find(|(k, _, _)| *k == root.key) {
            if *known != auth {
                found.warnings.push(
                    block
                        .error("/authentication", "this block authenticates otherwise than the first block of its server root: the first block's way is used for both")
                        .hint("give blocks of one server one `authentication`")
                        .warning(),
                );
            }
            out.of_block.push(server.clone());
            continue;
        }
        if i == 0 {
            out.base_url = root.url;
            out.base_url_template = root.template;
            out.auth = auth.clone();
            seen.push((root.key, None, auth));
            out.of_block.push(None);
            continue;
        }
        out.others.push(Server {
            name: name.clone(),
            base_url: root.url,
            template: root.template,
            auth: auth.clone(),
        });
        seen.push((root.key, Some(name.clone()), auth));
        out.of_block.push(Some(name));
    }
    out
}

fn root_key(block: &Block<'_>) -> String {
    block
        .consumes
        .base_uri
        .as_deref()
        .unwrap_or_default()
        .trim()
        .trim_end_matches('/')
        .to_owned()
}

/// A block's root; warnings about it (for the `first` block of that root only). `server`
/// is the name of the server it would be, `None` for the default one.
fn root(block: &Block<'_>, first: bool, server: Option<&str>, found: &mut Findings) -> Root {
    let key = root_key(block);
    let uri = block
        .consumes
        .base_uri
        .as_deref()
        .unwrap_or_default()
        .trim();
    let set_it = match server {
        None => "set it when building the client: `Client::builder().base_url(…)`".to_owned(),
        Some(name) => format!(
            "set it when building the client: `Client::builder().server_url(\"{name}\", …)`"
        ),
    };
    let problem = if uri.is_empty() {
        None
    } else if uri.contains(['{', '}']) {
        Some(format!(
            "`baseUri` `{uri}` is a template; the client has no default root for it"
        ))
    } else if !usable_base_url(uri) {
        Some(format!(
            "`baseUri` `{uri}` is not an http(s) URL; the client has no default root for it"
        ))
    } else {
        return Root {
            key,
            url: Some(uri.to_owned()),
            template: None,
        };
    };
    if let (Some(message), true) = (problem, first) {
        found
            .warnings
            .push(block.error("/baseUri", message).hint(set_it).warning());
    }
    Root {
        key,
        url: None,
        template: (!uri.is_empty()).then(|| uri.to_owned()),
    }
}

/// A server's name: its block's namespace, else `server-N`; unique.
fn unique_name(namespace: &str, index: usize, others: &[Server]) -> String {
    let base = if namespace.trim().is_empty() {
        format!("server-{}", index + 1)
    } else {
        namespace.trim().to_owned()
    };
    let mut name = base.clone();
    let mut n = 2;
    while others.iter().any(|s| s.name == name) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

/// Whether `uri` can be a default server root: `http(s)://host…`, nothing that would break
/// out of a string in the generated docs.
pub(super) fn usable_base_url(uri: &str) -> bool {
    let rest = uri
        .strip_prefix("https://")
        .or_else(|| uri.strip_prefix("http://"));
    rest.is_some_and(|r| {
        !r.is_empty()
            && !r.starts_with('/')
            && r.chars()
                .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '\\' | '`' | '<' | '>'))
    })
}
