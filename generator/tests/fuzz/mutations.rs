//! Mutations of the fixtures: edits of a document's text, line by line or character by character.

use proptest::prelude::*;
use proptest::sample::Index;

use crate::paths::path_template;
use crate::values::{TYPES, as_yaml_value, location, method, odd_scalar};

/// One edit of a document's text.
#[derive(Debug, Clone)]
pub(crate) enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    /// Replaces what follows `key:` (or `- `) on a line.
    ReplaceScalar(Index, String, bool),
    /// Changes the value of an `in:` line.
    SetLocation(Index, &'static str),
    /// Changes the value of a `method:` line.
    SetMethod(Index, &'static str),
    /// Changes the value of a `type:` line.
    SetType(Index, &'static str),
    /// Changes the value of a `path:` or `target:` line.
    SetPath(Index, String),
    /// Adds (positive) or removes (negative) leading spaces.
    Indent(Index, i8),
    InsertLine(Index, String),
    /// Replaces, inserts or deletes one character.
    Char(Index, Option<char>, bool),
    /// Cuts the text short.
    Truncate(Index),
}

fn inserted_line() -> impl Strategy<Value = String> {
    let lines: &[&str] = &[
        "- name: x",
        "  - name: x\n    in: path",
        "        - name: {x}\n          in: query",
        "      - name: dup\n        method: GET",
        "    - path: /a/{b}\n      operations:\n      - name: b\n        method: GET",
        "      path: /api/v4/x/(*p/){f}",
        "        body: {type: json, data: 1}",
        "        outputRawFormat: xml",
        "          required: maybe",
        "          required: true",
        "- {",
        "]",
        "---",
        "...",
        "&a x: *a",
        "<<: *a",
        "? [a]\n: b",
        "capability: []",
        "consumes: {}",
        "operations: ~",
        "inputParameters: [1, 2]",
        "  hints: {readOnly: 1}",
        "      call: x.y",
        "binds: [{namespace: env, keys: {A_TOKEN: B_TOKEN}}]",
        "\t",
    ];
    prop_oneof![
        4 => prop::sample::select(lines).prop_map(str::to_owned),
        2 => (odd_scalar(), "[a-zA-Z]{1,10}", 0usize..12)
            .prop_map(|(v, k, indent)| format!("{}{k}: {v}", " ".repeat(indent))),
    ]
}

pub(crate) fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => any::<Index>().prop_map(Mutation::DeleteLine),
        2 => any::<Index>().prop_map(Mutation::DuplicateLine),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        5 => (any::<Index>(), odd_scalar(), any::<bool>())
            .prop_map(|(i, v, q)| Mutation::ReplaceScalar(i, v, q)),
        3 => (any::<Index>(), location()).prop_map(|(i, v)| Mutation::SetLocation(i, v)),
        2 => (any::<Index>(), method()).prop_map(|(i, v)| Mutation::SetMethod(i, v)),
        2 => (any::<Index>(), prop::sample::select(TYPES)).prop_map(|(i, v)| Mutation::SetType(i, v)),
        4 => (any::<Index>(), path_template()).prop_map(|(i, v)| Mutation::SetPath(i, v)),
        2 => (any::<Index>(), prop_oneof![Just(-4i8), Just(-2), Just(-1), Just(1), Just(2), Just(4)])
            .prop_map(|(i, d)| Mutation::Indent(i, d)),
        3 => (any::<Index>(), inserted_line()).prop_map(|(i, l)| Mutation::InsertLine(i, l)),
        2 => (any::<Index>(), prop::option::of(any::<char>()), any::<bool>())
            .prop_map(|(i, c, insert)| Mutation::Char(i, c, insert)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
    ]
}

/// The value part of a `key: value` or `- value` line, as a byte range.
fn value_range(line: &str) -> Option<std::ops::Range<usize>> {
    if let Some(colon) = line.find(": ") {
        return Some(colon + 2..line.len());
    }
    if line.trim_end().ends_with(':') {
        return Some(line.len()..line.len());
    }
    let trimmed = line.trim_start();
    trimmed
        .starts_with("- ")
        .then(|| line.len() - trimmed.len() + 2..line.len())
}

/// Sets the value of the `index`-th line whose key is one of `keys` (any line if none).
fn set_value(lines: &mut [String], index: &Index, keys: &[&str], value: &str) {
    let candidates: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim_start().trim_start_matches("- ");
            keys.iter().any(|k| t.starts_with(&format!("{k}:")))
        })
        .map(|(i, _)| i)
        .collect();
    let Some(&i) = (!candidates.is_empty()).then(|| index.get(&candidates)) else {
        return;
    };
    let line = &mut lines[i];
    if let Some(range) = value_range(line) {
        let sep = if range.start == line.len() && !line.ends_with(' ') {
            " "
        } else {
            ""
        };
        line.replace_range(range, &format!("{sep}{value}"));
    }
}

pub(crate) fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_owned();
    for m in mutations {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        if lines.is_empty() {
            lines.push(String::new());
        }
        let n = lines.len();
        match m {
            Mutation::DeleteLine(i) => {
                lines.remove(i.index(n));
            }
            Mutation::DuplicateLine(i) => {
                let i = i.index(n);
                lines.insert(i, lines[i].clone());
            }
            Mutation::SwapLines(a, b) => lines.swap(a.index(n), b.index(n)),
            Mutation::ReplaceScalar(i, value, quoted) => {
                let i = i.index(n);
                if let Some(range) = value_range(&lines[i]) {
                    lines[i].replace_range(range, &as_yaml_value(value, *quoted));
                }
            }
            Mutation::SetLocation(i, v) => set_value(&mut lines, i, &["in"], v),
            Mutation::SetMethod(i, v) => set_value(&mut lines, i, &["method"], v),
            Mutation::SetType(i, v) => set_value(&mut lines, i, &["type"], v),
            Mutation::SetPath(i, v) => {
                set_value(&mut lines, i, &["path", "target"], &as_yaml_value(v, true))
            }
            Mutation::Indent(i, d) => {
                let i = i.index(n);
                let line = &mut lines[i];
                if *d > 0 {
                    line.insert_str(0, &" ".repeat(*d as usize));
                } else {
                    let spaces = line.len() - line.trim_start_matches(' ').len();
                    line.drain(..spaces.min(d.unsigned_abs() as usize));
                }
            }
            Mutation::InsertLine(i, l) => lines.insert(i.index(n + 1), l.clone()),
            Mutation::Char(i, c, insert) => {
                let joined = lines.join("\n");
                let mut chars: Vec<char> = joined.chars().collect();
                let at = i.index(chars.len() + 1);
                match (c, insert) {
                    (Some(c), true) => chars.insert(at, *c),
                    (Some(c), false) if at < chars.len() => chars[at] = *c,
                    (None, _) if at < chars.len() => {
                        chars.remove(at);
                    }
                    _ => {}
                }
                lines = vec![chars.into_iter().collect()];
            }
            Mutation::Truncate(i) => {
                let joined = lines.join("\n");
                let cut = joined
                    .char_indices()
                    .map(|(b, _)| b)
                    .nth(i.index(joined.chars().count().max(1)))
                    .unwrap_or(joined.len());
                lines = vec![joined[..cut].to_owned()];
            }
        }
        text = lines.join("\n");
        text.push('\n');
    }
    text
}

/// Which document of a seed the mutations edit.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Target {
    Capability,
    Overlay,
    Companion,
}
