//! The overlay's `param_groups`: path parameters that belong together, passed as one value
//! (see "Parameter groups" in the module docs of [`crate::overlay`]).

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::diagnostic::Diagnostics;
use crate::ir::{Api, GroupField, ParamGroup, ParamLocation, ParamType, Unnamed};

use super::{Overlay, is_type_name};

/// A group as the overlay writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GroupAction {
    what: String,
    argument: String,
    form: String,
    params: BTreeMap<String, String>,
    #[allow(dead_code)]
    note: Option<String>,
}

impl Overlay {
    /// Every group, checked: a type name, a snake_case argument, a form naming each part
    /// once with text between parts, parts that map to distinct parameters.
    pub(super) fn param_groups(&self, errors: &mut Diagnostics) -> Vec<ParamGroup> {
        let mut groups = Vec::new();
        for (name, action) in &self.document().param_groups {
            let at = |key: &str| format!("/param_groups/{name}/{key}");
            let before = errors.0.len();
            if !is_type_name(name) {
                errors.push(
                    self.parsed
                        .error(&format!("/param_groups/{name}"), format!("parameter group `{name}` is not a Rust type name"))
                        .hint("use an UpperCamelCase name of ASCII letters and digits, e.g. `ConanRecipe`"),
                );
            }
            if !is_snake(&action.argument) {
                errors.push(self.parsed.error(
                    &at("argument"),
                    format!("argument `{}` is not a snake_case name", action.argument),
                ));
            }
            let parsed = parse_form(&action.form);
            let (names, separators) = match parsed {
                Ok(parts) => parts,
                Err(reason) => {
                    errors.push(self.parsed.error(
                        &at("form"),
                        format!("form `{}` {reason}", action.form),
                    ).hint("write the parts as `{name}` with text between them, e.g. `{name}/{version}@{user}/{channel}`"));
                    continue;
                }
            };
            let named: BTreeSet<&str> = names.iter().map(String::as_str).collect();
            let listed: BTreeSet<&str> = action.params.keys().map(String::as_str).collect();
            if named != listed || names.len() != named.len() {
                errors.push(self.parsed.error(
                    &at("params"),
                    format!(
                        "the parts of form `{}` and the keys of `params` differ: each part must be named once in both",
                        action.form
                    ),
                ));
            }
            let distinct: BTreeSet<&String> = action.params.values().collect();
            if distinct.len() != action.params.len() {
                errors.push(self.parsed.error(
                    &at("params"),
                    "two parts fill the same path variable".to_owned(),
                ));
            }
            for part in &names {
                if !is_snake(part) {
                    errors.push(self.parsed.error(
                        &at("form"),
                        format!("part `{part}` is not a snake_case name"),
                    ));
                }
            }
            if errors.0.len() > before {
                continue;
            }
            groups.push(ParamGroup {
                name: name.clone(),
                what: action.what.clone(),
                argument: action.argument.clone(),
                fields: names
                    .iter()
                    .map(|n| GroupField {
                        name: n.clone(),
                        param: action.params[n].clone(),
                        description: None,
                    })
                    .collect(),
                separators,
            });
        }
        groups
    }

    /// Puts the parameters of every operation that has all of a group's variables, as
    /// required string path parameters, in that group (larger groups first); a group that
    /// no operation takes is an error (a misspelt variable, most likely).
    pub(super) fn assign_param_groups(&self, api: &mut Api<Unnamed>, errors: &mut Diagnostics) {
        let mut groups = self.param_groups(errors);
        let mut order: Vec<usize> = (0..groups.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(groups[i].fields.len()));
        let mut used = vec![false; groups.len()];
        for op in &mut api.operations {
            for &g in &order {
                let group = &groups[g];
                let members: Option<Vec<usize>> = group
                    .fields
                    .iter()
                    .map(|f| {
                        op.params.iter().position(|p| {
                            p.wire_name == f.param
                                && p.location == ParamLocation::Path
                                && p.required
                                && p.ty == ParamType::String
                                && p.enum_type.is_none()
                                && p.group.is_none()
                        })
                    })
                    .collect();
                let Some(members) = members else { continue };
                used[g] = true;
                let name = group.name.clone();
                for (field, &i) in members.iter().enumerate() {
                    let param = &mut op.params[i];
                    param.group = Some(name.clone());
                    let described = &mut groups[g].fields[field].description;
                    if described.is_none() {
                        described.clone_from(&param.description);
                    }
                }
            }
        }
        for (group, used) in groups.iter().zip(&used) {
            if !used {
                errors.push(
                    self.parsed
                        .error(
                            &format!("/param_groups/{}", group.name),
                            format!(
                                "parameter group `{}` fits no operation: none has all of its path variables ({}) as required strings",
                                group.name,
                                group.fields.iter().map(|f| format!("`{}`", f.param)).collect::<Vec<_>>().join(", ")
                            ),
                        ),
                );
            }
        }
        api.param_groups = groups;
    }
}

/// The parts' names and the text around them: `{a}/{b}` → (`[a, b]`, `["", "/", ""]`).
fn parse_form(form: &str) -> Result<(Vec<String>, Vec<String>), String> {
    let mut names = Vec::new();
    let mut separators = Vec::new();
    let mut rest = form;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("has a `}` without `{`".into());
        }
        separators.push(rest[..open].to_owned());
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| "has a `{` without `}`".to_owned())?;
        let name = &rest[open + 1..open + close];
        if name.contains('{') || name.is_empty() {
            return Err("has an empty or nested `{}`".into());
        }
        names.push(name.to_owned());
        rest = &rest[open + close + 1..];
    }
    separators.push(rest.to_owned());
    if names.is_empty() {
        return Err("names no part".into());
    }
    if separators[1..separators.len() - 1]
        .iter()
        .any(String::is_empty)
    {
        return Err("has two parts with no text between them (where would one end?)".into());
    }
    Ok((names, separators))
}

fn is_snake(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_give_parts_and_separators() {
        let (names, separators) = parse_form("{name}/{version}@{user}/{channel}").unwrap();
        assert_eq!(names, ["name", "version", "user", "channel"]);
        assert_eq!(separators, ["", "/", "@", "/", ""]);
        let (names, separators) = parse_form("pool/{letter}/{name}").unwrap();
        assert_eq!(names, ["letter", "name"]);
        assert_eq!(separators, ["pool/", "/", ""]);
        for bad in ["{a}{b}", "{a", "a}", "{}", "plain", "{a{b}}"] {
            assert!(parse_form(bad).is_err(), "{bad}");
        }
    }
}
