//! The overlay's hand-written parts of the generated crate, which the generator never
//! writes: `examples` (programs in its `examples/` directory: `Cargo.toml` gets their
//! dev-dependencies and each one's `required-features`, the README a line each) and
//! `extensions` (modules beside the generated ones, `src/{module}.rs`, such as publishing
//! helpers: `lib.rs` declares each behind its group's feature, whose optional
//! dependencies they bring).
//!
//! ```yaml
//! examples:
//!   dev_dependencies:                 # crate name: its TOML value, one line
//!     clap: '{ version = "4", features = ["derive"] }'
//!   programs:                         # in the README's order
//!     - name: publish                 # examples/publish.rs
//!       about: Upload a file as a generic package from a CI job.
//!       features: [generic]           # crate features it needs
//! extensions:
//!   - module: npm_ext                 # src/npm_ext.rs
//!     feature: npm                    # compiled with this group's feature
//!     about: Publishing from a `.tgz`.
//!     dependencies: { flate2: '"1"' } # optional dependencies of the feature
//! ```

use serde::Deserialize;

use crate::diagnostic::Diagnostics;
use crate::ir::{ExampleProgram, Examples, Extension};

use super::Overlay;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ExamplesAction {
    #[serde(default)]
    dev_dependencies: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    programs: Vec<ProgramAction>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ExtensionAction {
    module: String,
    feature: String,
    about: String,
    #[serde(default)]
    dependencies: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgramAction {
    name: String,
    about: String,
    #[serde(default)]
    features: Vec<String>,
}

impl Overlay {
    /// Names must be what Cargo accepts, texts one line (they go in `Cargo.toml` and
    /// tables), each program listed once.
    pub(super) fn check_examples(&self, errors: &mut Diagnostics) {
        let examples = &self.document().examples;
        for (name, value) in &examples.dev_dependencies {
            let pointer = format!("/examples/dev_dependencies/{name}");
            if !is_cargo_name(name) {
                errors.push(
                    self.parsed
                        .error(&pointer, format!("`{name}` is not a crate name")),
                );
            }
            if !is_one_line(value) {
                errors.push(
                    self.parsed
                        .error(&pointer, format!("the dependency `{name}` is not one line of TOML"))
                        .hint(r#"write a TOML value on one line, e.g. '"1"' or '{ version = "4", features = ["derive"] }'"#),
                );
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, program) in examples.programs.iter().enumerate() {
            let pointer = format!("/examples/programs/{i}");
            if !is_cargo_name(&program.name) {
                errors.push(self.parsed.error(
                    &format!("{pointer}/name"),
                    format!(
                        "`{}` is not a name Cargo accepts for an example",
                        program.name
                    ),
                ));
            } else if !seen.insert(program.name.as_str()) {
                errors.push(self.parsed.error(
                    &format!("{pointer}/name"),
                    format!("the example `{}` is listed twice", program.name),
                ));
            }
            if !is_one_line(&program.about) || program.about.contains('|') {
                errors.push(self.parsed.error(
                    &format!("{pointer}/about"),
                    format!(
                        "what the example `{}` does is not one line of text (without `|`)",
                        program.name
                    ),
                ));
            }
            for (j, feature) in program.features.iter().enumerate() {
                if !is_cargo_name(feature) {
                    errors.push(self.parsed.error(
                        &format!("{pointer}/features/{j}"),
                        format!("`{feature}` is not a feature name"),
                    ));
                }
            }
        }
    }

    /// Module names must be snake_case and unique, texts one line, a dependency given
    /// twice the same.
    pub(super) fn check_extensions(&self, errors: &mut Diagnostics) {
        let mut seen = std::collections::BTreeSet::new();
        let mut dependencies = std::collections::BTreeMap::new();
        for (i, extension) in self.document().extensions.iter().enumerate() {
            let pointer = format!("/extensions/{i}");
            let module = extension.module.as_str();
            let snake = module.starts_with(|c: char| c.is_ascii_lowercase())
                && module
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !snake || !module.ends_with("_ext") {
                errors.push(
                    self.parsed
                        .error(&format!("{pointer}/module"), format!("extension module `{module}` is not a snake_case name ending in `_ext`"))
                        .hint("hand-written modules are named `{group}_ext`, e.g. `npm_ext`, so they never meet a generated module"),
                );
            } else if !seen.insert(module) {
                errors.push(self.parsed.error(
                    &format!("{pointer}/module"),
                    format!("extension module `{module}` is listed twice"),
                ));
            }
            if !is_one_line(&extension.about) || !is_cargo_name(&extension.feature) {
                errors.push(self.parsed.error(
                    &pointer,
                    format!("extension `{module}` needs a feature name and one line of `about`"),
                ));
            }
            for (name, value) in &extension.dependencies {
                let at = format!("{pointer}/dependencies/{name}");
                if !is_cargo_name(name) || !is_one_line(value) {
                    errors.push(self.parsed.error(
                        &at,
                        format!(
                            "the dependency `{name}` is not a crate name with one line of TOML"
                        ),
                    ));
                } else if let Some(other) = dependencies.insert(name.as_str(), value.as_str()) {
                    if other != value {
                        errors.push(self.parsed.error(
                            &at,
                            format!("the dependency `{name}` is given twice, differently ({other} and {value})"),
                        ));
                    }
                }
            }
        }
    }

    /// The extensions as the IR carries them.
    pub(super) fn extensions(&self) -> Vec<Extension> {
        self.document()
            .extensions
            .iter()
            .map(|e| Extension {
                module: e.module.clone(),
                feature: e.feature.clone(),
                about: e.about.trim().to_owned(),
                dependencies: e.dependencies.clone(),
            })
            .collect()
    }

    /// The examples as the IR carries them.
    pub(super) fn examples(&self) -> Examples {
        let action = &self.document().examples;
        Examples {
            dev_dependencies: action.dev_dependencies.clone(),
            programs: action
                .programs
                .iter()
                .map(|p| ExampleProgram {
                    name: p.name.clone(),
                    about: p.about.trim().to_owned(),
                    features: p.features.clone(),
                })
                .collect(),
        }
    }
}

/// ASCII letters, digits, `-` and `_`, starting with a letter: a crate, example or feature.
fn is_cargo_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn is_one_line(text: &str) -> bool {
    !text.trim().is_empty() && !text.trim().chars().any(char::is_control)
}
