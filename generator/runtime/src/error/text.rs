//! Server text as errors show it: GitLab's message, the start of a body, a URL without its
//! secrets. It reaches terminals and logs, so it is cleaned and bounded here, once.

/// Maximum number of characters of a response body quoted in an error.
const SNIPPET_CHARS: usize = 200;

/// At most this many characters of GitLab's message are kept in an error.
const MESSAGE_CHARS: usize = 500;

/// GitLab's message in an error body: `message` (a string, or an object shown as compact
/// JSON), else `error` (with `error_description`), else the start of the body as text.
/// Server text reaches terminals and logs: it is [`clean`]ed (no control or bidi
/// characters, at most [`MESSAGE_CHARS`] characters).
pub(crate) fn error_message(body: &[u8]) -> Option<String> {
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(body) {
        let render = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if let Some(message) = map.get("message").filter(|v| !v.is_null()) {
            return Some(clean(&render(message), MESSAGE_CHARS));
        }
        if let Some(error) = map.get("error").filter(|v| !v.is_null()) {
            let mut text = render(error);
            if let Some(serde_json::Value::String(description)) = map.get("error_description") {
                text.push_str(": ");
                text.push_str(description);
            }
            return Some(clean(&text, MESSAGE_CHARS));
        }
    }
    let snippet = snippet(body);
    (!snippet.is_empty()).then_some(snippet)
}

/// The start of `body` as text: lossy UTF-8, [`clean`]ed to at most [`SNIPPET_CHARS`]
/// characters.
pub(crate) fn snippet(body: &[u8]) -> String {
    // A character takes four bytes at most: never decode more than needed.
    let head = &body[..body.len().min(SNIPPET_CHARS * 4 + 64)];
    clean(&String::from_utf8_lossy(head), SNIPPET_CHARS)
}

/// Server text made safe to print: trimmed; control characters (line breaks, escape
/// sequences that would drive a terminal) and bidirectional-text controls (which reorder
/// what a reader sees) replaced by spaces; at most `max` characters (ending in `…` when
/// cut).
pub(crate) fn clean(text: &str, max: usize) -> String {
    let mut out: String = text
        .chars()
        .map(|c| if is_unsafe_char(c) { ' ' } else { c })
        .skip_while(|c| c.is_whitespace())
        .take(max.saturating_add(1))
        .collect();
    let kept = out.trim_end().len();
    out.truncate(kept);
    if out.chars().count() > max {
        let cut = out
            .char_indices()
            .nth(max.saturating_sub(1))
            .map_or(0, |(i, _)| i);
        out.truncate(cut);
        out.push('…');
    }
    out
}

/// A URL (or a relative reference) as errors and logs may show it: scheme, host, port
/// and path, [`clean`]ed. User info is dropped, and a query or fragment becomes `?…`:
/// pre-signed object-storage URLs carry their signatures there.
pub(crate) fn redact_url(text: &str) -> String {
    let (before, hidden) = match text.find(['?', '#']) {
        Some(at) => (&text[..at], true),
        None => (text, false),
    };
    let mut out = match before.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            let host = authority
                .rsplit_once('@')
                .map_or(authority, |(_, host)| host);
            format!("{scheme}://{host}{path}")
        }
        None => before.to_owned(),
    };
    if hidden {
        out.push_str("?…");
    }
    clean(&out, SNIPPET_CHARS)
}

/// Control characters, and the invisible ones that change how text around them reads.
fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}
