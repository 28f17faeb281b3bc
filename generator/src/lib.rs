//! A generator of typed Rust API clients from Naftiko capabilities.
//!
//! The pipeline runs in one direction, one module a stage:
//!
//! ```text
//! capability.yaml ──spec──▶ serde model (+ source_map for positions)
//!                 ──lower──▶ ir::Api
//!                 ──overlay──▶ corrections the spec cannot express
//!                 ──normalize, naming──▶ quirks resolved, names unique
//!                 ──emit──▶ Rust (quote → syn → prettyplease) and text (minijinja)
//!                 ──write──▶ atomically, only files that changed
//! ```
//!
//! Nothing is written unless every stage succeeded; every problem found is reported with
//! its file, line, operation and parameter.

pub mod companion;
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
    let loaded = spec::load(&options.spec)?;
    let overlay = options
        .overlay
        .as_deref()
        .map(overlay::Overlay::load)
        .transpose()?;
    let companion = options
        .companion
        .as_deref()
        .map(companion::Companion::load)
        .transpose()?;
    ir_from(&loaded, overlay.as_ref(), companion.as_ref())
}

/// The IR of an already loaded capability, with the warnings found.
pub fn ir_from(
    loaded: &spec::Loaded,
    overlay: Option<&overlay::Overlay>,
    companion: Option<&companion::Companion>,
) -> Result<(ir::Api, Vec<Diagnostic>), Diagnostics> {
    let (mut api, mut warnings) = lower::lower_with_warnings(loaded)?;
    normalize::normalize(loaded, &mut api)?;
    if let Some(overlay) = overlay {
        overlay.apply(&mut api)?;
    }
    warnings.extend(naming::name_all(loaded, &mut api)?);
    if let Some(companion) = companion {
        let patches = overlay.map(|o| o.schema_patches()).unwrap_or_default();
        warnings.extend(companion.join(&mut api, &patches)?);
        if let Some(overlay) = overlay {
            overlay.rename_types(&mut api)?;
        }
    }
    Ok((api, warnings))
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
