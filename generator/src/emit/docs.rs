//! Making spec text safe and readable as rustdoc Markdown, and the titles of modules.

use crate::emit::rust_names::module_name;
use crate::ir::Api;

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
