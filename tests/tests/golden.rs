//! Golden tests: each folder of `tests/golden/` holds a small capability (one quirk or
//! feature each), an optional `overlay.yaml` and `companion.yml`, and under `expected/` the
//! crate the generator must produce from it, file for file.
//!
//! A mismatch fails with a unified diff. To accept new output after an intended change:
//!
//! ```text
//! cargo xtask bless      # or: BLESS=1 cargo test -p tests --test golden
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use generator::{GeneratedFile, Options, generate};

const BLESS_COMMAND: &str = "cargo xtask bless";
// (which runs `BLESS=1 cargo test -p tests --test golden generator_output_matches`)

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("golden")
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("tests/golden exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.join("capability.yaml").is_file())
        .collect();
    cases.sort();
    cases
}

fn options(case: &Path) -> Options {
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let mut options = Options::new(case.join("capability.yaml"));
    let overlay = case.join("overlay.yaml");
    if overlay.is_file() {
        options.overlay = Some(overlay);
    }
    let companion = case.join("companion.yml");
    if companion.is_file() {
        options.companion = Some(companion);
    }
    options.crate_name = format!("golden-{name}");
    options.regenerate_command = BLESS_COMMAND.into();
    options.spec_display = "`capability.yaml`".into();
    options
}

fn produced(case: &Path) -> BTreeMap<PathBuf, String> {
    let files: Vec<GeneratedFile> = generate(&options(case))
        .unwrap_or_else(|e| panic!("{}: generation failed:\n{e}", case.display()));
    files.into_iter().map(|f| (f.path, f.contents)).collect()
}

fn read_tree(root: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![root.to_owned()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("readable entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_owned();
                out.insert(rel, std::fs::read_to_string(&path).expect("UTF-8 fixture"));
            }
        }
    }
    out
}

fn bless(case: &Path, files: &BTreeMap<PathBuf, String>) {
    let expected = case.join("expected");
    if expected.exists() {
        std::fs::remove_dir_all(&expected).unwrap();
    }
    for (path, contents) in files {
        let target = expected.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, contents).unwrap();
    }
}

/// Differences between what the generator produced and what is checked in.
fn compare(case: &Path, actual: &BTreeMap<PathBuf, String>) -> Vec<String> {
    let expected = read_tree(&case.join("expected"));
    let mut problems = Vec::new();
    for (path, want) in &expected {
        match actual.get(path) {
            None => problems.push(format!(
                "{}: expected file no longer generated",
                path.display()
            )),
            Some(got) if got != want => {
                let diff = similar::TextDiff::from_lines(want, got)
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("expected/{}", path.display()), "generated")
                    .to_string();
                problems.push(diff);
            }
            Some(_) => {}
        }
    }
    for path in actual.keys().filter(|p| !expected.contains_key(*p)) {
        problems.push(format!(
            "{}: generated but not in expected/",
            path.display()
        ));
    }
    problems
}

#[test]
fn generator_output_matches_the_checked_in_fixtures() {
    let cases = cases();
    assert!(cases.len() >= 10, "the golden cases are missing: {cases:?}");
    let blessing = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let actual = produced(case);
        if blessing {
            bless(case, &actual);
            continue;
        }
        for problem in compare(case, &actual) {
            failures.push(format!(
                "== {} ==\n{problem}",
                case.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "generated output differs from tests/golden (re-bless with `{BLESS_COMMAND}` if intended):\n\n{}",
        failures.join("\n")
    );
}

#[test]
fn a_changed_fixture_is_reported_with_a_diff() {
    // The comparison itself must be able to fail.
    let case = golden_dir().join("minimal");
    let mut actual = produced(&case);
    let lib = actual.get_mut(Path::new("src/lib.rs")).unwrap();
    *lib = lib.replace("mod client;", "mod client_renamed;");
    let problems = compare(&case, &actual);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("-mod client;") && problems[0].contains("+mod client_renamed;"),
        "{}",
        problems[0]
    );
}

#[test]
fn generation_is_deterministic() {
    let root = xtask::root();
    let options = xtask::client_options(&root);
    let first = generate(&options).expect("the checked-in spec generates");
    let second = generate(&options).expect("the checked-in spec generates");
    assert_eq!(first, second);
}

#[test]
fn generated_client_is_up_to_date_with_the_spec() {
    let root = xtask::root();
    let files = generate(&xtask::client_options(&root)).expect("the checked-in spec generates");
    let drift = generator::write::check(&xtask::client_dir(&root), &files)
        .expect("generated-client/ is readable");
    assert!(
        drift.is_empty(),
        "generated-client/ is stale against specs/: {drift:?}\nrun `{}` and commit the result",
        xtask::REGENERATE
    );
}

#[test]
fn the_client_has_every_operation_with_a_unique_readable_name() {
    let (api, warnings) =
        generator::build_ir(&xtask::client_options(&xtask::root())).expect("IR builds");
    // The companion joins every operation; its only warnings list the parameters the
    // capability lacks and the companion brings (GitLab's upload options).
    let added: Vec<&str> = warnings
        .iter()
        .map(|w| w.message.as_str())
        .filter(|m| m.starts_with("the capability lacks parameters the companion declares"))
        .collect();
    assert_eq!(added.len(), warnings.len(), "{warnings:?}");
    for expected in [
        "`PUT /api/v4/projects/{id}/packages/debian/{file_name}`; joined: `distribution`, `component`",
        "`PUT /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/(*path/){file_name}`; joined: `status`, `select`",
        "`POST /api/v4/projects/{id}/packages/pypi`; joined: `name`, `version`, `requires_python`",
    ] {
        assert!(
            added.iter().any(|m| m.contains(expected)),
            "{expected}: {added:#?}"
        );
    }
    assert_eq!(added.len(), 3, "{added:#?}");
    assert_eq!(api.operations.len(), 187);
    let names: std::collections::BTreeSet<&str> = api
        .operations
        .iter()
        .map(|o| o.rust_name.as_str())
        .collect();
    assert_eq!(names.len(), 187, "names are unique");
    for name in names {
        assert!(
            !name.contains("apiv4"),
            "{name} is the spec's concatenation, not a readable name"
        );
        assert!(
            name.split('_').count() >= 2,
            "{name} has a verb and an object"
        );
    }
}

/// No method of the client takes more than five positional arguments: parameters that
/// belong together are one value (the overlay's `param_groups`), so two strings of the
/// same type cannot be swapped silently. Counted from the IR: required parameters outside
/// groups, one per group, and a required body.
#[test]
fn no_method_takes_more_than_five_arguments() {
    let (api, _) = generator::build_ir(&xtask::client_options(&xtask::root())).expect("IR builds");
    let mut widest: Vec<(usize, &str)> = api
        .operations
        .iter()
        .map(|op| {
            let mut groups: Vec<&str> = Vec::new();
            let mut count = 0;
            for p in op.params.iter().filter(|p| p.required) {
                match &p.group {
                    Some(g) if groups.contains(&g.as_str()) => {}
                    Some(g) => {
                        groups.push(g);
                        count += 1;
                    }
                    None => count += 1,
                }
            }
            count += usize::from(op.body.as_ref().is_some_and(|b| b.required));
            (count, op.rust_name.as_str())
        })
        .collect();
    widest.sort();
    let too_many: Vec<_> = widest.iter().filter(|(n, _)| *n > 5).collect();
    assert!(too_many.is_empty(), "{too_many:?}");
    // The Conan file operations are the widest: they take their reference as one value.
    assert!(
        widest
            .iter()
            .any(|(n, name)| *n == 4 && *name == "upload_project_conan_v2_package_file"),
        "{:?}",
        widest.last()
    );
}

/// The generated operations stay small: at most 50 lines each on average in the generated
/// files of `generated-client/src`, types and docs included (sending is the runtime's,
/// once).
#[test]
fn generated_code_is_at_most_fifty_lines_per_operation() {
    let dir = xtask::client_dir(&xtask::root()).join("src");
    let mut lines = 0;
    for entry in std::fs::read_dir(&dir).expect("generated-client/src") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("source");
            // Generated files only: the hand-written `*_ext.rs` beside them are not.
            if text
                .lines()
                .next()
                .is_some_and(|l| l.contains("@generated"))
            {
                lines += text.lines().count();
            }
        }
    }
    let per_operation = lines as f64 / 187.0;
    assert!(
        per_operation <= 50.0,
        "{lines} lines for 187 operations: {per_operation:.1} per operation"
    );
}
