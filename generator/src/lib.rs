//! A generator of typed Rust API clients from Naftiko capabilities.
//!
//! The pipeline runs in one direction, one module a stage, each with one input and one
//! output type:
//!
//! ```text
//! capability.yaml ──spec──────▶ spec::Loaded          serde model + positions of its nodes
//!                 ──lower─────▶ ir::Api<Unnamed>      positions resolved into the IR
//!                 ──normalize─▶ ir::Api<Unnamed>      the capability's quirks resolved
//!   overlay.yaml  ──overlay───▶ ir::Api<Unnamed>      corrections the spec cannot express,
//!                               + TypeCorrections     and those of the companion's types
//!   companion.yml ──companion─▶ ir::Api<Unnamed>      parameters only the companion declares
//!                 ──naming────▶ ir::Api (Named)       operations, parameters, groups named
//!   companion.yml ──companion─▶ ir::Api (Named)       types joined by (method, path)
//!                 ──emit──────▶ Vec<GeneratedFile>    Rust (quote → syn → prettyplease),
//!                                                     text (minijinja)
//!                 ──write─────▶ the crate on disk     atomically, only files that changed
//! ```
//!
//! The overlay and the companion are optional: without them their stage passes the IR
//! through. The three YAML inputs are read by one helper ([`yaml`]); the names the target
//! language requires (Rust keywords, builder types, module names) are the emitter's rules
//! ([`emit::rust_names`]), which naming applies.
//!
//! The emitted crate is only what the spec says (its client with the spec's defaults, its
//! types, its operations as data and setters); everything about sending is the runtime
//! crate's, `gitlab-api-runtime` (`generator/runtime/`), which the crate depends on at the
//! version [`emit::text::RUNTIME_VERSION`] and whose `__private::CONTRACT` it checks at
//! compile time ([`emit::rust::RUNTIME_CONTRACT`]).
//!
//! Nothing is written unless every stage succeeded; every problem found is reported with
//! its file, line, operation and parameter. A problem of one operation (a path that cannot
//! be sent, a parameter the path lacks …) costs that operation only: it is left out with a
//! warning saying why ([`Diagnostic::skipped`]), unless [`Options::strict`] is set (then it
//! is an error, and nothing is written). A capability left with no operation at all is
//! refused: an empty crate is never written.

pub mod companion;
pub mod corrections;
pub mod diagnostic;
pub mod emit;
pub mod ir;
pub mod lower;
pub mod naming;
pub mod normalize;
pub mod overlay;
pub mod path_template;
pub mod source_map;
pub mod spec;
pub mod write;
pub mod yaml;

use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Diagnostics};

/// What to generate from, and how to name the result.
#[derive(Debug, Clone)]
pub struct Options {
    /// The capability file.
    pub spec: PathBuf,
    /// An overlay of corrections, if any.
    pub overlay: Option<PathBuf>,
    /// The companion Swagger 2.0 document (schemas, enums), if any.
    pub companion: Option<PathBuf>,
    /// The client crate's package name, e.g. `gitlab-packages`.
    pub crate_name: String,
    /// The client crate's version.
    pub crate_version: String,
    /// The command that regenerates the output, named in every `@generated` header.
    pub regenerate_command: String,
    /// How the spec is named in the generated docs.
    pub spec_display: String,
    /// Where the runtime crate is, as the generated `Cargo.toml` names it (relative to the
    /// output directory, or absolute); `None` depends on the published version only.
    pub runtime_path: Option<String>,
    /// An operation that cannot be generated is an error, not left out with a warning.
    pub strict: bool,
}

impl Options {
    /// Options for `spec`, with a crate name derived from the file name.
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        let spec = spec.into();
        let stem = spec
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "api".into());
        let crate_name = heck::ToKebabCase::to_kebab_case(stem.as_str());
        Options {
            spec_display: format!(
                "`{}`",
                spec.file_name()
                    .map_or(stem.clone(), |f| f.to_string_lossy().into_owned())
            ),
            regenerate_command: format!("generator --spec {}", spec.display()),
            spec,
            overlay: None,
            companion: None,
            crate_name: if crate_name.is_empty() {
                "api-client".into()
            } else {
                crate_name
            },
            crate_version: "0.1.0".into(),
            runtime_path: None,
            strict: false,
        }
    }
}

/// One output file: a path relative to the output directory, and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative path, e.g. `src/lib.rs`.
    pub path: PathBuf,
    /// Full content.
    pub contents: String,
}

impl GeneratedFile {
    /// A file.
    pub fn new(path: impl Into<PathBuf>, contents: impl Into<String>) -> Self {
        GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        }
    }
}

/// Loads, lowers, normalizes, corrects, names and types: the IR the emitters read, with the
/// warnings found on the way.
pub fn build_ir(options: &Options) -> Result<(ir::Api, Vec<Diagnostic>), Diagnostics> {
    let (loaded, overlay, companion) = load_inputs(options)?;
    ir_from_with(
        &loaded,
        overlay.as_ref(),
        companion.as_ref(),
        options.strict,
    )
}

/// A thread for the generator's own work, with the stack of the main thread on Linux
/// (8 MiB), so that a job runs the same on whichever thread takes it.
pub(crate) fn thread() -> std::thread::Builder {
    std::thread::Builder::new().stack_size(8 << 20)
}

/// The capability, the overlay and the companion document, as read.
type Inputs = (
    spec::Loaded,
    Option<overlay::Overlay>,
    Option<companion::Companion>,
);

/// The inputs named by `options`: the capability (and the positions of its nodes) on this
/// thread, the overlay and the companion document on another (or after it, if the system
/// will not start a thread). The first error in that order is returned.
fn load_inputs(options: &Options) -> Result<Inputs, Diagnostics> {
    let others = || {
        let overlay = options.overlay.as_deref().map(overlay::Overlay::load);
        let companion = options.companion.as_deref().map(companion::Companion::load);
        (overlay.transpose(), companion.transpose())
    };
    std::thread::scope(|scope| {
        let thread = thread().spawn_scoped(scope, others);
        let loaded = spec::load(&options.spec);
        let (overlay, companion) = match thread {
            Ok(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => others(),
        };
        Ok((loaded?, overlay?, companion?))
    })
}

/// The IR of an already loaded capability, with the warnings found: the stages from
/// lowering to the companion join, in the order of the module docs. Operations that cannot
/// be generated are left out, with a warning each.
pub fn ir_from(
    loaded: &spec::Loaded,
    overlay: Option<&overlay::Overlay>,
    companion: Option<&companion::Companion>,
) -> Result<(ir::Api, Vec<Diagnostic>), Diagnostics> {
    ir_from_with(loaded, overlay, companion, false)
}

/// [`ir_from`], where with `strict` an operation that cannot be generated is an error.
pub fn ir_from_with(
    loaded: &spec::Loaded,
    overlay: Option<&overlay::Overlay>,
    companion: Option<&companion::Companion>,
    strict: bool,
) -> Result<(ir::Api, Vec<Diagnostic>), Diagnostics> {
    let lowering = lower::lower_lenient(loaded)?;
    let mut warnings = lowering.warnings;
    let (api, normalize_errors) = normalize::normalize_lenient(lowering.api);
    let mut operation_errors = lowering.operation_errors;
    operation_errors.extend(normalize_errors);
    warnings.extend(settle(operation_errors, strict)?);
    if api.operations.is_empty() {
        return Err(no_operation(loaded, &warnings));
    }
    let (api, corrections) = match overlay {
        // An overlay naming an operation that was skipped fails: the skips say why.
        Some(overlay) => overlay.apply(api).map_err(|mut e| {
            e.0.extend(warnings.iter().filter(|w| w.skipped).cloned());
            e
        })?,
        None => (api, corrections::TypeCorrections::default()),
    };
    // Parameters only the companion declares join once the overlay has settled the
    // bodies (a raw upload's fields go in the query, a multipart one's in the form); its
    // types join after naming.
    let api = match companion {
        Some(companion) => {
            let (api, added) = companion.add_parameters(api);
            warnings.extend(added);
            api
        }
        None => api,
    };
    let (api, naming_warnings) = naming::name_all(api, &emit::rust_names::Rust)?;
    warnings.extend(naming_warnings);
    let api = match companion {
        Some(companion) => {
            let (api, join_warnings) = companion.join(api, &corrections)?;
            warnings.extend(join_warnings);
            api
        }
        None => api,
    };
    Ok((api, warnings))
}

/// Rule `one_bad_operation_costs_itself`: the errors of operations that cannot be
/// generated, as warnings that each is left out; with `strict`, errors.
fn settle(operation_errors: Vec<Diagnostic>, strict: bool) -> Result<Vec<Diagnostic>, Diagnostics> {
    if strict {
        return Diagnostics(operation_errors).into_result(Vec::new());
    }
    let mut skipped: Vec<Diagnostic> = operation_errors
        .into_iter()
        .map(Diagnostic::skipped)
        .collect();
    skipped.sort_by(|a, b| (&a.file, a.location).cmp(&(&b.file, b.location)));
    Ok(skipped)
}

/// The refusal of a capability with no operation to generate, with the warnings that say
/// why (operations skipped, blocks without resources).
fn no_operation(loaded: &spec::Loaded, warnings: &[Diagnostic]) -> Diagnostics {
    let skipped = warnings.iter().filter(|w| w.skipped).count();
    let message = if skipped == 0 {
        "the capability declares no operation: there is nothing to generate".to_owned()
    } else {
        format!(
            "every operation of the capability is skipped ({skipped}): there is nothing to generate"
        )
    };
    let at = ["/capability/consumes", "/consumes", "/capability"]
        .into_iter()
        .find_map(|pointer| loaded.locate(pointer));
    let mut all = vec![Diagnostic::new(message).in_file(&loaded.file).at(at).hint(
        "declare `resources` with `operations` in a `consumes` block (or import one that has them)",
    )];
    all.extend(warnings.iter().cloned());
    Diagnostics(all)
}

/// Every file of the client crate, in memory, with the warnings found.
pub fn generate_with_warnings(
    options: &Options,
) -> Result<(Vec<GeneratedFile>, Vec<Diagnostic>), Diagnostics> {
    let (api, warnings) = build_ir(options)?;
    let files = emit::emit(&api, options)
        .map_err(|e| Diagnostics::from(Diagnostic::new(e).in_file(&options.spec)))?;
    Ok((files, warnings))
}

/// Every file of the client crate, in memory.
pub fn generate(options: &Options) -> Result<Vec<GeneratedFile>, Diagnostics> {
    generate_with_warnings(options).map(|(files, _)| files)
}

/// Generates and writes the crate under `out`.
pub fn generate_into(options: &Options, out: &Path) -> Result<write::WriteReport, Diagnostics> {
    let files = generate(options)?;
    write::write(out, &files).map_err(|e| {
        Diagnostics::from(Diagnostic::new(format!("cannot write the output: {e}")).in_file(out))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bad_operation_costs_itself_unless_strict() {
        let error = Diagnostic::new("path `/a//b` has an empty segment (`//`)")
            .in_file("x.yaml")
            .operation("getab (GET /a//b)");
        let skipped = settle(vec![error.clone()], false).unwrap();
        assert_eq!(skipped.len(), 1);
        let w = &skipped[0];
        assert!(w.warning && w.skipped, "{w:?}");
        assert_eq!(
            w.to_string(),
            "warning: operation skipped: path `/a//b` has an empty segment (`//`)\n  --> x.yaml\n   = operation: getab (GET /a//b)"
        );
        let errors = settle(vec![error.clone()], true).unwrap_err();
        assert_eq!(errors.0, [error]);
        assert!(settle(Vec::new(), true).unwrap().is_empty());
    }
}
