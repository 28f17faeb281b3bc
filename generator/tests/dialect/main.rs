//! The Naftiko dialect at large: what capabilities from other publishers carry, one small
//! fixture each under `tests/dialect/`. Each is either generated (and something meaningful
//! about the result is checked) or refused with a message naming the file, the line and the
//! construct; an operation the generator cannot send is skipped with a located warning, and
//! refused with `--strict`. The decisions are listed in the README ("The Naftiko dialect:
//! what the generator accepts").
//!
//! What each fixture's operations send is checked on a loopback server by `cargo xtask
//! corpus`, from the `.requests` file beside the fixture; these tests check the IR, the
//! emitted code and the diagnostics.

mod constructs;
mod imports;
mod paths;
mod servers_and_auth;
mod skipped;

use std::path::{Path, PathBuf};
use std::process::Command;

use generator::ir::{Api, BodyKind, Method, Operation, ParamLocation, ParamType, PathPart};
use generator::{Diagnostic, GeneratedFile, Options, build_ir, generate_with_warnings};

/// A fixture of `tests/dialect/`.
pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/dialect")
        .join(format!("{name}.yaml"))
}

/// A fixture that must be refused whatever the options: `tests/bad-specs/NAME.yaml`.
pub(crate) fn bad_spec(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/bad-specs")
        .join(format!("{name}.yaml"))
}

/// The 1-based line of the first line of the fixture containing `needle`.
pub(crate) fn line_of(name: &str, needle: &str) -> usize {
    line_in(&fixture(name), needle)
}

/// The 1-based line of the first line of `file` containing `needle`.
pub(crate) fn line_in(file: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` is not in {}", file.display()))
        + 1
}

/// The IR and the files of a fixture that must generate, with the warnings.
pub(crate) fn generated(name: &str) -> (Api, Vec<GeneratedFile>, Vec<Diagnostic>) {
    let options = Options::new(fixture(name));
    let (api, _) = build_ir(&options).unwrap_or_else(|e| panic!("{name}: refused:\n{e}"));
    let (files, warnings) = generate_with_warnings(&options).unwrap();
    (api, files, warnings)
}

pub(crate) fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == Path::new(path))
        .unwrap_or_else(|| {
            let paths: Vec<_> = files.iter().map(|f| f.path.display().to_string()).collect();
            panic!("{path} is not generated: {paths:?}")
        })
        .contents
}

pub(crate) fn op<'a>(api: &'a Api, rust_name: &str) -> &'a Operation {
    api.operations
        .iter()
        .find(|o| o.rust_name == rust_name)
        .unwrap_or_else(|| {
            let names: Vec<_> = api.operations.iter().map(|o| &o.rust_name).collect();
            panic!("no operation `{rust_name}`: {names:?}")
        })
}

/// The first diagnostic of a fixture refused with `--strict` (an operation that cannot be
/// generated), checked to name the file, the line of `needle`, and to say `construct`.
pub(crate) fn refused(name: &str, needle: &str, construct: &str) -> Diagnostic {
    let mut options = Options::new(fixture(name));
    options.strict = true;
    refused_with(&options, needle, construct)
}

/// The first diagnostic of `options`' capability, which must be refused, checked to name
/// its file, the line of `needle`, and to say `construct`.
pub(crate) fn refused_with(options: &Options, needle: &str, construct: &str) -> Diagnostic {
    let spec = &options.spec;
    let errors = generate_with_warnings(options)
        .err()
        .unwrap_or_else(|| panic!("{} should be refused", spec.display()));
    let first = errors.0[0].clone();
    let rendered = first.to_string();
    // The diagnostic may point into a file the spec imports.
    let line = line_in(first.file.as_deref().unwrap_or(spec), needle);
    assert_eq!(first.location.map(|l| l.line), Some(line), "{rendered}");
    assert!(
        rendered.contains(construct),
        "`{construct}` not said:\n{rendered}"
    );
    let name = first.file.as_deref().and_then(Path::file_name).unwrap();
    assert!(
        rendered.contains(&format!("{}:{line}:", name.to_string_lossy())),
        "{rendered}"
    );
    first
}

/// The operation of a fixture that is skipped without `--strict`: the others are
/// generated, and a warning names the line of `needle`, says `construct` and the operation;
/// with `--strict`, the fixture is refused with the same diagnostic as an error.
pub(crate) fn skipped(name: &str, needle: &str, construct: &str, operation: &str) -> Api {
    let (api, _, warnings) = generated(name);
    let w = warned(&warnings, name, needle, construct);
    assert!(
        w.skipped && w.message.starts_with("operation skipped: "),
        "{w}"
    );
    assert!(
        w.operation
            .as_deref()
            .is_some_and(|o| o.starts_with(operation)),
        "{w}"
    );
    assert!(api.operations.iter().all(|o| o.spec_name != operation));
    assert!(!api.operations.is_empty());
    let d = refused(name, needle, construct);
    assert!(
        !d.warning && !d.message.starts_with("operation skipped"),
        "{d}"
    );
    api
}

/// A warning of a generated fixture, checked to name the line of `needle`.
pub(crate) fn warned<'a>(
    warnings: &'a [Diagnostic],
    name: &str,
    needle: &str,
    says: &str,
) -> &'a Diagnostic {
    let w = warnings
        .iter()
        .find(|w| w.message.contains(says))
        .unwrap_or_else(|| panic!("no warning saying `{says}`: {warnings:#?}"));
    assert!(w.warning);
    assert_eq!(
        w.location.map(|l| l.line),
        Some(line_of(name, needle)),
        "{w}"
    );
    w
}
