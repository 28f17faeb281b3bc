//! The overlay's `examples`: hand-written programs that live in the generated crate's
//! `examples/` directory. The generator never writes them; it gives `Cargo.toml` what they
//! need to build (dev-dependencies, each program's `required-features`) and the README a
//! line for each.
//!
//! ```yaml
//! examples:
//!   dev_dependencies:                 # crate name: its TOML value, one line
//!     clap: '{ version = "4", features = ["derive"] }'
//!   programs:                         # in the README's order
//!     - name: publish                 # examples/publish.rs
//!       about: Upload a file as a generic package from a CI job.
//!       features: [generic]           # crate features it needs
//! ```

use serde::Deserialize;

use crate::diagnostic::Diagnostics;
use crate::ir::{ExampleProgram, Examples};

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
