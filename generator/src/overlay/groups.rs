//! The overlay's `groups`: which operations go to which module, by path segments (see
//! "Groups" in the module docs of [`crate::overlay`]).

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostics;
use crate::ir::{Api, Unnamed};

use super::Overlay;

impl Overlay {
    /// Group names must be snake_case names, their titles one line, and their paths
    /// literal segments, each path in one group only.
    pub(super) fn check_groups(&self, errors: &mut Diagnostics) {
        let mut owner: BTreeMap<Vec<&str>, &str> = BTreeMap::new();
        for (name, group) in &self.document().groups {
            if !is_group_name(name) {
                errors.push(
                    self.parsed
                        .error(
                            &format!("/groups/{name}"),
                            format!("group name `{name}` is not a snake_case name"),
                        )
                        .hint("use lower-case ASCII letters, digits and `_`, e.g. `npm` or `merge_requests`"),
                );
            }
            if let Some(title) = group.title.as_deref().filter(|t| !is_title(t)) {
                errors.push(
                    self.parsed
                        .error(
                            &format!("/groups/{name}/title"),
                            format!("the title of group `{name}` is not one line of text: {title:?}"),
                        )
                        .hint("write it on one line, without control characters or `|` (it goes in tables and comments)"),
                );
            }
            for (i, path) in group.paths.iter().enumerate() {
                let pointer = format!("/groups/{name}/paths/{i}");
                let Some(segments) = pattern(path) else {
                    errors.push(
                        self.parsed
                            .error(
                                &pointer,
                                format!("group path `{path}` is not a sequence of path segments"),
                            )
                            .hint("write literal segments separated by `/`, e.g. `packages/npm`"),
                    );
                    continue;
                };
                if let Some(other) = owner.insert(segments, name) {
                    errors.push(self.parsed.error(
                        &pointer,
                        format!("group path `{path}` is also a path of group `{other}`"),
                    ));
                }
            }
        }
    }

    /// Gives every operation whose path matches a group's paths that group (the longest
    /// match, then the first in the path).
    pub(super) fn assign_groups(&self, api: &mut Api<Unnamed>) {
        let patterns: Vec<(Vec<&str>, &str)> = self
            .document()
            .groups
            .iter()
            .flat_map(|(name, g)| {
                g.paths
                    .iter()
                    .filter_map(move |p| Some((pattern(p)?, name.as_str())))
            })
            .collect();
        if patterns.is_empty() {
            return;
        }
        for op in &mut api.operations {
            let segments: Vec<&str> = op.raw_path.split('/').collect();
            let best = patterns
                .iter()
                .filter_map(|(pattern, name)| {
                    let at = segments
                        .windows(pattern.len())
                        .position(|w| w == pattern.as_slice())?;
                    Some((std::cmp::Reverse(pattern.len()), at, *name))
                })
                .min();
            if let Some((_, _, name)) = best {
                op.group = Some(name.to_owned());
            }
        }
    }
}

/// A group path's segments (`packages/npm` → `packages`, `npm`; a leading or trailing `/`
/// is ignored); `None` when a segment is empty or holds a variable.
fn pattern(path: &str) -> Option<Vec<&str>> {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let literal = |s: &&str| !s.is_empty() && !s.contains(['{', '}', '*', '(', ')']);
    segments.iter().all(literal).then_some(segments)
}

/// A title the docs can show in a table cell and a comment line: one line, no control
/// characters, no `|`.
fn is_title(title: &str) -> bool {
    !title.trim().is_empty() && !title.contains(|c: char| c.is_control() || c == '|')
}

/// A snake_case name: lower-case ASCII letters, digits and `_`, not starting with a digit.
fn is_group_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}
