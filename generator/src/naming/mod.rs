//! Naming: the names of operations, parameters and groups in the generated client.
//!
//! Input: an [`Api<Unnamed>`] (normalized and corrected by the overlay). Output: an
//! [`Api`] (`Api<Named>`) where every operation, parameter and group has its final name,
//! and the warnings found (methods and paths declared twice).
//!
//! Names are language-neutral snake_case, made legal and unique for the target language by
//! the rules it supplies ([`Target`]; Rust's are in [`crate::emit::rust_names`]): keywords
//! and names its generated code uses itself get a trailing `_`, and operation names that
//! the target would make alike (Rust: the request builder types, UpperCamelCase) count as
//! alike here. Group names stay neutral: the emitter makes them module names.
//!
//! # Operation names
//!
//! The spec's names (`getapiv4projectsidpackagespackageid`) are not usable. Each operation
//! is named `{verb}_{scope}_{words}` from its method and path:
//!
//! 1. The `/api/vN` prefix (any leading `api` and version segments: `/v1/…` too) and `-`
//!    segments are dropped.
//! 2. **Scope**: a leading `projects/{…}` gives `project`, `groups/{…}` or `group/{…}` gives
//!    `group`; anything else is instance-level and has no scope word.
//! 3. **Words**: the words of each literal segment, in order (`debian_distributions` →
//!    `debian distributions`, `key.asc` → `key asc`, `dist-tags` → `dist tags`); a leading
//!    `packages` segment followed by another literal one (`packages/npm`) is dropped. A
//!    literal segment followed by a variable segment names one item, so its last word is
//!    singularized (`packages/{package_id}` → `package`). A path ending in a variable no such literal
//!    names adds the variable's noun (`maven/*path/{file_name}` → `maven file`). A word
//!    repeating the one before it is dropped.
//! 4. **Verb**: `GET` is `list` when the path ends in a lower-case plural literal
//!    (`…/package_files`), else `get`; a trailing `authorize` segment makes the verb
//!    `authorize`; `PUT`/`POST` with a raw or multipart body is `upload`; other `PUT`s and
//!    `PATCH` are `update`; other `POST`s are `create` (of one item: the last word is
//!    singularized); `DELETE` is `delete`; `HEAD` is `head`.
//!
//! The overlay's `rename` replaces the result where the rule reads badly; a renamed
//! operation whose name another operation has is an error naming both.
//!
//! # Unique names
//!
//! Two operations the rule names alike (also alike for the target: for Rust, once in
//! UpperCamelCase, the builder type's name) are told apart deterministically, each step
//! only for those still alike:
//!
//! 1. **Method**: when their methods differ, a verb that hid the method takes the method's
//!    own verb: `upload` becomes `create` for `POST` and `update` for `PUT`/`PATCH`, and
//!    `update` becomes `patch` for `PATCH` (`POST` and `PUT` on `…/files/{file_path}` give
//!    `create_…_file` and `update_…_file`).
//! 2. **Variables**: one whose path has variables the others (of another endpoint) lack
//!    gets `_by_` and them (`…/{module_system}/*module_version/download` is
//!    `…_download_by_module_version` beside `…/{module_system}/download`).
//! 3. **Order**: the rest are numbered in the order of the capability, the first keeping
//!    the name (`get_a`, `get_a_2`); a method and path declared twice is also a warning.
//!
//! # Parameter names
//!
//! snake_case of the wire name with characters that cannot be in an identifier removed
//! (`$filter` → `filter`, `Symbolchecksum` → `symbolchecksum`), made legal by the target
//! (Rust: a keyword gets a trailing `_`, `type` → `type_`, and so does a name the request
//! builder uses itself, `options` → `options_`); the body is `body`; when two parameters of
//! one operation meet on one name, the later ones get their location as a suffix (`id` and
//! `id_query`), then a number.
//!
//! # Group names
//!
//! The group the overlay gives an operation (its `groups` section), else its resource: the
//! first literal segment after the `/api/vN` prefix and the `projects/{id}` or
//! `groups/{id}` scope ([`resource_group`]), as snake_case.

mod groups;
mod rule;
mod unique;

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir::{Api, Method, Operation, Unnamed};

pub use groups::{group_name, resource_group};
pub use rule::{is_version, operation_name, segments};
pub use unique::unique_names;

/// What a target language requires of names. The naming stage makes names unique under
/// these rules; the rules live with the target's emitter ([`crate::emit::rust_names`] for
/// Rust).
pub trait Target {
    /// The identifier for a snake_case name: the name itself, or the form of it the target
    /// accepts (Rust: `type` → `type_`).
    fn identifier(&self, snake: &str) -> String;
    /// A parameter's identifier: as [`identifier`](Self::identifier), also clear of the
    /// names the target's generated code uses beside the parameters (Rust: the request
    /// builder's `options`, `send` …).
    fn parameter(&self, snake: &str) -> String;
    /// What two operation names collide on in the target (Rust: the request builder's type
    /// name, `GetV1X` for both `get_v1_x` and `get_v_1_x`).
    fn operation_key(&self, name: &str) -> String;
}

/// Names every operation that the overlay did not name, making rule names unique (see the
/// module docs) and checking the overlay's names; names every parameter and group. Returns
/// the named API and the warnings (methods and paths declared twice).
pub fn name_all(
    api: Api<Unnamed>,
    target: &dyn Target,
) -> Result<(Api, Vec<Diagnostic>), Diagnostics> {
    let mut errors = Diagnostics::default();
    let mut by_rule = Vec::with_capacity(api.operations.len());
    let mut names = Vec::with_capacity(api.operations.len());
    for op in &api.operations {
        by_rule.push(op.rust_name.is_none());
        match &op.rust_name {
            None => names.push(operation_name(op)),
            Some(given) => {
                if !is_operation_name(given, target) {
                    errors.push(
                        Diagnostic::new(format!(
                            "override name `{given}` is not a snake_case Rust identifier"
                        ))
                        .operation(op.describe()),
                    );
                }
                names.push(given.clone());
            }
        }
    }
    let names = unique_names(&api.operations, names, &by_rule, target);
    let ops: Vec<(&Operation<Unnamed>, &str)> = api
        .operations
        .iter()
        .zip(names.iter().map(String::as_str))
        .collect();
    let position = Position(&api);
    for e in names_that_meet(&ops, &position, target) {
        errors.push(e);
    }
    let warnings = endpoints_declared_twice(&ops, &position);
    errors.into_result(())?;
    let named = api
        .operations
        .into_iter()
        .zip(names)
        .map(|(op, name)| {
            let group = group_name(&op);
            let params = param_names(&op, target);
            op.into_named(name, group, params)
        })
        .collect();
    let api = Api {
        title: api.title,
        description: api.description,
        base_url: api.base_url,
        base_url_template: api.base_url_template,
        auth: api.auth,
        servers: api.servers,
        token_env: api.token_env,
        base_url_env: api.base_url_env,
        gitlab_ci: api.gitlab_ci,
        operations: named,
        types: api.types,
        group_titles: api.group_titles,
        param_groups: api.param_groups,
        readme: api.readme,
        examples: api.examples,
        extensions: api.extensions,
        source_file: api.source_file,
    };
    Ok((api, warnings))
}

/// Where operations are in the capability, for diagnostics.
struct Position<'a>(&'a Api<Unnamed>);

impl Position<'_> {
    /// `message`, located at `op`.
    fn error(&self, op: &Operation<Unnamed>, message: String) -> Diagnostic {
        Diagnostic::new(message)
            .in_file(&self.0.source_file)
            .at(op.declared_at)
    }

    /// `file:line:column` of `op`, or the file alone.
    fn of(&self, op: &Operation<Unnamed>) -> String {
        let file = self.0.source_file.display();
        match op.declared_at {
            Some(l) => format!("{file}:{}:{}", l.line, l.column),
            None => file.to_string(),
        }
    }
}

/// Names the overlay gave must not meet any other name (as the target sees them).
fn names_that_meet(
    ops: &[(&Operation<Unnamed>, &str)],
    position: &Position<'_>,
    target: &dyn Target,
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut seen: BTreeMap<String, &Operation<Unnamed>> = BTreeMap::new();
    for &(op, name) in ops {
        if let Some(first) = seen.insert(target.operation_key(name), op) {
            errors.push(
                position
                    .error(
                        op,
                        format!(
                            "two operations are both named `{name}`: {} (at {}) and this one",
                            first.describe(),
                            position.of(first)
                        ),
                    )
                    .operation(op.describe())
                    .hint("give one of them another name with `rename` in the overlay"),
            );
        }
    }
    errors
}

/// The same endpoint declared twice is generated twice, but said.
fn endpoints_declared_twice(
    ops: &[(&Operation<Unnamed>, &str)],
    position: &Position<'_>,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let mut endpoints: BTreeMap<(Method, String), &Operation<Unnamed>> = BTreeMap::new();
    for &(op, name) in ops {
        if let Some(first) = endpoints.insert((op.method, unique::endpoint_key(op)), op) {
            warnings.push(
                position
                    .error(
                        op,
                        format!(
                            "`{}` is declared twice: {} (at {}) and this one, generated as `{name}`",
                            op.signature(),
                            first.describe(),
                            position.of(first),
                        ),
                    )
                    .operation(op.describe())
                    .hint("remove one of the two declarations")
                    .warning(),
            );
        }
    }
    warnings
}

/// Whether a name the overlay gives can name an operation: snake_case, and an identifier
/// the target takes as it is (not a keyword).
fn is_operation_name(s: &str, target: &dyn Target) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && target.identifier(s) == s
}

/// The names of every parameter of `op`, in order (see the module docs).
pub fn param_names(op: &Operation<Unnamed>, target: &dyn Target) -> Vec<String> {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    if op.body.is_some() {
        taken.insert("body".into());
    }
    let mut names = Vec::with_capacity(op.params.len());
    for p in &op.params {
        let base = target.parameter(&snake_name(&p.wire_name));
        let mut name = base.clone();
        if taken.contains(&name) {
            name = format!("{base}_{}", p.location.as_str().to_snake_case());
        }
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        taken.insert(name.clone());
        names.push(name);
    }
    names
}

/// Whether a field or parameter names an identifier (`id`, `package_id` …).
pub fn is_id_name(name: &str) -> bool {
    name == "id" || name.ends_with("_id")
}

/// A snake_case name for any text, usable as an identifier in most languages: characters
/// other than ASCII letters and digits removed (as word breaks), an acronym's plural kept
/// one word (`PartURLs` → `part_urls`), `value` when nothing is left, a leading `_` before
/// a digit. The target may still have to change it (a keyword: [`Target::identifier`]).
pub fn snake_name(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let cleaned: String = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let after_acronym =
                i >= 2 && chars[i - 1].is_ascii_uppercase() && chars[i - 2].is_ascii_uppercase();
            let ends_word = !chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            if c == 's' && after_acronym && ends_word {
                'S'
            } else {
                c
            }
        })
        .collect();
    let mut s = cleaned.to_snake_case();
    if s.is_empty() {
        s = "value".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

#[cfg(test)]
mod tests;
