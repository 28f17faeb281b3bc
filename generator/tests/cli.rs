//! The command line on bad input: a clear error naming file, line, operation and
//! parameter; a non-zero exit; nothing written; no panic. Fixtures: `tests/bad-specs/`. A
//! problem of one operation is an error with `--strict`; without it the operation is
//! skipped with a warning, and a capability left with none is refused.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bad_spec(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/bad-specs")
        .join(name)
}

/// Runs the generator on `spec` into a fresh directory; returns its output and whether the
/// output directory was created.
fn run(spec: &Path) -> (Output, bool) {
    run_with(spec, &[])
}

/// [`run`] with more arguments.
fn run_with(spec: &Path, args: &[&std::ffi::OsStr]) -> (Output, bool) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("client");
    let output = Command::new(env!("CARGO_BIN_EXE_generator"))
        .arg("--spec")
        .arg(spec)
        .arg("--out")
        .arg(&out)
        .args(args)
        .output()
        .unwrap();
    (output, out.exists())
}

fn assert_refused(name: &str, needles: &[&str]) -> String {
    assert_refused_with(name, &[], needles)
}

/// [`assert_refused`] with `--strict`: a problem of one operation is an error.
fn assert_refused_strictly(name: &str, needles: &[&str]) -> String {
    assert_refused_with(name, &["--strict".as_ref()], needles)
}

fn assert_refused_with(name: &str, args: &[&std::ffi::OsStr], needles: &[&str]) -> String {
    let (output, wrote) = run_with(&bad_spec(name), args);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{name}: exit status\n{stderr}"
    );
    assert!(!wrote, "{name}: nothing may be written on error");
    assert!(!stderr.contains("panicked"), "{name}: panicked\n{stderr}");
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "{name}: stderr lacks {needle:?}:\n{stderr}"
        );
    }
    stderr
}

#[test]
fn yaml_syntax_error() {
    assert_refused(
        "yaml-syntax.yaml",
        &["error: cannot parse the capability", "yaml-syntax.yaml:"],
    );
}

#[test]
fn unknown_parameter_location() {
    assert_refused_strictly(
        "unknown-location.yaml",
        &[
            "error: unknown parameter location `cookie`",
            "unknown-location.yaml:19:",
            "= operation: getapiv4projectsidpackages (GET /api/v4/projects/{id}/packages)",
            "= parameter: session",
            "= hint: use one of `path`, `query`, `header`, `body`, `formData`",
        ],
    );
}

#[test]
fn path_variable_that_cannot_be_resolved() {
    assert_refused_strictly(
        "unresolvable-path-variable.yaml",
        &[
            "error: path variable `package_id` is both a glob (`*package_id`) and a one-segment variable",
            "unresolvable-path-variable.yaml:10:",
            "= operation: getfile",
        ],
    );
    assert_refused_strictly(
        "unclosed-variable.yaml",
        &[
            "error: unclosed `{` in path `/api/v4/projects/{id/packages`",
            "unclosed-variable.yaml:8:",
            "= operation: getpackages",
            "= hint: close the variable with `}`",
        ],
    );
}

#[test]
fn two_operations_with_one_name() {
    // The rule alone numbers them (and warns that the endpoint is declared twice)…
    let (output, wrote) = run(&bad_spec("duplicate-names.yaml"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && wrote, "{stderr}");
    assert!(
        stderr.contains("warning: `GET /api/v4/projects/{project_id}/packages` is declared twice")
            && stderr.contains("generated as `list_project_packages_2`"),
        "{stderr}"
    );
    // …but a name the overlay gives must not meet another.
    let overlay = bad_spec("duplicate-names.overlay.yaml");
    assert_refused_with(
        "duplicate-names.yaml",
        &["--overlay".as_ref(), overlay.as_os_str()],
        &[
            "error: two operations are both named `list_project_packages`",
            "duplicate-names.yaml:10:",
            "duplicate-names.yaml:16:",
            "= operation: getapiv4projectsprojectidpackages (GET /api/v4/projects/{project_id}/packages)",
            "= hint: give one of them another name with `rename` in the overlay",
        ],
    );
}

/// Without `--strict`, an operation with a problem is skipped; with every operation
/// skipped, there is nothing to generate: refused, each skip said where.
#[test]
fn a_capability_whose_every_operation_is_skipped_is_refused() {
    assert_refused(
        "unknown-location.yaml",
        &[
            "error: every operation of the capability is skipped (1): there is nothing to generate",
            "warning: operation skipped: unknown parameter location `cookie`",
            "unknown-location.yaml:19:",
        ],
    );
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let stderr = assert_refused_strictly(
        "several-problems.yaml",
        &[
            "error: unknown HTTP method `FETCH`",
            "several-problems.yaml:11:",
            "error: unknown parameter location `cookie`",
            "several-problems.yaml:24:11",
            "error: 2 problems found",
        ],
    );
    let first = stderr.find("FETCH").unwrap();
    let second = stderr.find("cookie").unwrap();
    assert!(first < second, "problems are listed in file order");
}

#[test]
fn missing_spec_file() {
    let (output, wrote) = run(Path::new("/nonexistent/capability.yaml"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(!wrote);
    assert!(
        stderr.contains("error: cannot read the capability"),
        "{stderr}"
    );
    assert!(stderr.contains("/nonexistent/capability.yaml"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    let output = Command::new(env!("CARGO_BIN_EXE_generator"))
        .arg("--spec")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--spec <FILE>"), "{stderr}");
}

#[test]
fn a_good_spec_writes_a_crate_and_a_second_run_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("client");
    let spec =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden/minimal/capability.yaml");
    let generate = || {
        Command::new(env!("CARGO_BIN_EXE_generator"))
            .arg("--spec")
            .arg(&spec)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap()
    };
    let first = generate();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(out.join("src/lib.rs").is_file() && out.join("src/client.rs").is_file());
    // The runtime is a dependency, not a copy.
    assert!(!out.join("src/runtime").exists());
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("gitlab-api-runtime = { version = \"0.1.0\" }"),
        "{manifest}"
    );
    let lib = std::fs::read(out.join("src/lib.rs")).unwrap();
    let second = generate();
    assert!(
        String::from_utf8_lossy(&second.stderr).contains("0 files written"),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert_eq!(std::fs::read(out.join("src/lib.rs")).unwrap(), lib);
    let check = Command::new(env!("CARGO_BIN_EXE_generator"))
        .arg("--spec")
        .arg(&spec)
        .arg("--out")
        .arg(&out)
        .arg("--check")
        .output()
        .unwrap();
    assert!(check.status.success());
}

#[test]
fn an_example_needing_a_feature_the_crate_lacks() {
    let overlay = bad_spec("example-without-feature.overlay.yaml");
    assert_refused_with(
        "duplicate-names.yaml",
        &["--overlay".as_ref(), overlay.as_os_str()],
        &[
            "the overlay's example `publish` needs the feature `npm`, which the crate does not have (it has `blocking`, `packages`)",
        ],
    );
}
