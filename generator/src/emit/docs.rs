//! Making spec text safe and readable as rustdoc Markdown, the titles of modules, and what
//! an operation's docs say of its parameters, body and answer.

use crate::emit::rust_names::module_name;
use crate::ir::{Api, BodyKind, Operation, Param, ParamLocation, ResponseKind, TypeRef};

/// One paragraph of Markdown from spec text: whitespace folded (so no indented line can
/// become a code block, and so a doc-test), characters that rustdoc would read as links
/// or HTML escaped, bare URLs made autolinks.
pub fn doc_text(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Balanced backticks are code spans, as the spec means them; a lone one is escaped.
    let escape_backticks = folded.matches('`').count() % 2 == 1;
    let mut out = String::with_capacity(folded.len());
    // Inside a code span nothing is escaped: Markdown would show the backslashes.
    let mut in_code = false;
    for (i, word) in folded.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if !in_code && (word.starts_with("http://") || word.starts_with("https://")) {
            let end = word.trim_end_matches(['.', ',', ')', ';', ':']);
            out.push('<');
            out.push_str(end);
            out.push('>');
            out.push_str(&word[end.len()..]);
            continue;
        }
        for c in word.chars() {
            match c {
                '`' if !escape_backticks => {
                    in_code = !in_code;
                    out.push(c);
                }
                _ if in_code => out.push(c),
                '[' | ']' | '<' | '>' | '*' | '`' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
    }
    out
}

/// The human title of a module: the title the overlay gives its group, else a generic one.
pub fn group_title(api: &Api, module: &str) -> String {
    api.group_titles
        .iter()
        .find(|(group, _)| module_name(group) == module)
        .map_or_else(
            || format!("`{module}` operations"),
            |(_, title)| title.clone(),
        )
}

/// A parameter's docs: its description and, unless it is a path variable, where it is
/// sent.
pub(crate) fn param_doc(p: &Param) -> String {
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
        ParamLocation::Path => match &p.also_query {
            Some(query) => format!("{s} (also sent as query `{query}`)."),
            None => format!("{s}."),
        },
        ParamLocation::Query => format!("{s} (query `{wire}`)."),
        ParamLocation::Header => format!("{s} (header `{wire}`)."),
        ParamLocation::Form => format!("{s} (form field `{wire}`)."),
    }
}

/// What awaiting the request gives.
pub(crate) fn answer_doc(op: &Operation) -> String {
    let answer = main_answer_doc(op);
    if op.also_answer_types.is_empty() {
        return answer;
    }
    let also: Vec<String> = op.also_answer_types.iter().map(type_doc).collect();
    format!(
        "{answer}; or, when a parameter asks for it, {} (read it with `send_as`)",
        also.join(" or ")
    )
}

/// What the answer is when no parameter chooses another.
fn main_answer_doc(op: &Operation) -> String {
    if op.pagination.is_some() && op.response == ResponseKind::Json {
        let item = match &op.response_type {
            Some(TypeRef::List(inner)) => type_doc(inner),
            _ => "JSON items".into(),
        };
        return format!(
            "one page of {item} (a [`Page`](crate::Page): awaiting never reads further); `all()` collects every page, `into_items()` streams them"
        );
    }
    match (op.response, &op.response_type) {
        (ResponseKind::Json, Some(ty)) if op.response_nullable => format!(
            "{}, or `None` when GitLab answers `null` or nothing",
            type_doc(ty)
        ),
        (ResponseKind::Json, Some(TypeRef::Json) | None) if op.untyped.is_some() => format!(
            "JSON (`serde_json::Value`; `Null` when empty), left untyped: {}",
            doc_text(op.untyped.as_deref().unwrap_or_default())
        ),
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

pub(crate) fn body_doc(kind: &BodyKind) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_whitespace_so_nothing_becomes_a_code_block() {
        assert_eq!(doc_text("a\n    let x = 1;\n  b"), "a let x = 1; b");
    }

    #[test]
    fn escapes_links_html_and_emphasis() {
        assert_eq!(
            doc_text("[x] <token> a_b *c*"),
            r"\[x\] \<token\> a_b \*c\*"
        );
    }

    #[test]
    fn balanced_backticks_stay_code_spans() {
        assert_eq!(doc_text("by `name` or `type`"), "by `name` or `type`");
        assert_eq!(doc_text("a ` b"), r"a \` b");
    }

    #[test]
    fn code_spans_are_left_as_written() {
        assert_eq!(
            doc_text("read `send_as::<PackageFile>()` or `[]`, not <this> [x]"),
            r"read `send_as::<PackageFile>()` or `[]`, not \<this\> \[x\]"
        );
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            doc_text("see https://docs.gitlab.com/x."),
            "see <https://docs.gitlab.com/x>."
        );
    }
}
