//! Rust's naming rules: what makes a name a legal, unambiguous identifier in the generated
//! crate. The naming stage ([`crate::naming`]) applies them through [`Rust`], its
//! [`Target`]; the emitters apply them to module and field names.
//!
//! - a Rust keyword gets a trailing `_` (`type` → `type_`);
//! - a parameter named like something the request builder has itself (`options`, `send`,
//!   the request `r` …) gets a trailing `_`;
//! - a module named like one of the crate's own (`runtime`, `types`, `blocking`), a cargo
//!   feature it defines (`default`) or a standard crate (`std`, `alloc`) gets a trailing `_`;
//! - operation names collide when their builder types do (UpperCamelCase: `get_v1_x` and
//!   `get_v_1_x` are both `GetV1X`).

use heck::ToUpperCamelCase;

use crate::naming::{Target, snake_name};

/// The Rust target of the naming stage.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rust;

impl Target for Rust {
    fn identifier(&self, snake: &str) -> String {
        let mut name = snake.to_owned();
        if is_keyword(&name) {
            name.push('_');
        }
        name
    }

    fn parameter(&self, snake: &str) -> String {
        let mut name = self.identifier(snake);
        if RESERVED_FIELDS.contains(&name.as_str()) {
            name.push('_');
        }
        name
    }

    fn operation_key(&self, name: &str) -> String {
        builder_type(name)
    }
}

/// The request builder's type of an operation (`list_project_packages` →
/// `ListProjectPackages`).
pub fn builder_type(operation: &str) -> String {
    operation.to_upper_camel_case()
}

/// A snake_case Rust identifier for any text (`X-Request-Id` → `x_request_id`, `type` →
/// `type_`).
pub fn ident(text: &str) -> String {
    Rust.identifier(&snake_name(text))
}

/// Names a request builder uses itself (and `r`, the request being built, which a path
/// variable bound in an optional group would shadow): a parameter so named gets a
/// trailing `_`.
const RESERVED_FIELDS: &[&str] = &[
    "body",
    "client",
    "into_future",
    "into_items",
    "into_request",
    "new",
    "options",
    "r",
    "send",
    "send_blocking",
    "send_page",
    "send_stream",
];

/// Names a module may not have: the crate's own modules and features, and the standard
/// crates a root module would shadow.
const RESERVED_MODULES: &[&str] = &["alloc", "blocking", "default", "runtime", "std", "types"];

/// The module (and cargo feature) of a group (a snake_case name): with a trailing `_` when
/// it is a keyword or reserved (`type_`, `runtime_`).
pub fn module_name(group: &str) -> String {
    let mut name = Rust.identifier(group);
    if RESERVED_MODULES.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// The identifiers of a struct's fields, from their JSON names, in order: a field whose
/// identifier another field already has gets trailing `_`s.
pub fn field_names<'a>(wire_names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken = std::collections::BTreeSet::new();
    wire_names
        .into_iter()
        .map(|wire| {
            let mut rust = ident(wire);
            while !taken.insert(rust.clone()) {
                rust.push('_');
            }
            rust
        })
        .collect()
}

/// Rust keywords (strict and reserved, all editions) and names that cannot be raw.
pub fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "as" | "break"
            | "const"
            | "continue"
            | "crate"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "Self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
            | "union"
            | "_"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_snake_case_and_not_keywords() {
        assert_eq!(ident("$filter"), "filter");
        assert_eq!(ident("type"), "type_");
        assert_eq!(ident("X-Request-Id"), "x_request_id");
        assert_eq!(ident("1st"), "_1st");
        assert_eq!(Rust.parameter("options"), "options_");
        assert_eq!(Rust.parameter("r"), "r_");
        assert_eq!(Rust.parameter("type"), "type_");
        assert_eq!(Rust.parameter("id"), "id");
    }

    #[test]
    fn module_names_are_identifiers_and_not_reserved() {
        let module = |group: &str| module_name(&snake_name(group));
        assert_eq!(module("merge-requests"), "merge_requests");
        assert_eq!(module("type"), "type_");
        assert_eq!(module("impl"), "impl_");
        assert_eq!(module("runtime"), "runtime_");
        assert_eq!(module("types"), "types_");
        assert_eq!(module("blocking"), "blocking_");
        assert_eq!(module("default"), "default_");
        assert_eq!(module("2fa"), "_2fa");
        assert_eq!(module(".well-known"), "well_known");
    }

    #[test]
    fn operation_names_collide_as_builder_types() {
        assert_eq!(
            Rust.operation_key("get_v1_x"),
            Rust.operation_key("get_v_1_x")
        );
        assert_eq!(builder_type("list_project_packages"), "ListProjectPackages");
    }

    #[test]
    fn field_names_are_unique_identifiers() {
        assert_eq!(
            field_names(["id", "type", "type_", "_links"]),
            ["id", "type_", "type__", "links"]
        );
    }
}
