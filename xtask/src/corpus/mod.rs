//! `cargo xtask corpus`: the generator against every capability of a corpus of real files.
//!
//! Each file is generated into a crate of one temporary Cargo workspace
//! (`target/corpus/`): every crate a member, all sharing one target directory and a copy of
//! the repository's `Cargo.lock` (so the client's dependencies keep their versions, are
//! compiled once, and nothing new is downloaded). One `cargo check` then compiles them all.
//!
//! By default the corpus is the shared folder of real GitLab capabilities beside the clone
//! and the dialect fixtures of `tests/dialect/` (so every construct the generator accepts
//! is also shown to compile).
//!
//! A file the generator refuses with a diagnostic is acceptable (its reason is listed); a
//! panic, or a generated crate that does not compile, fails the command. Operations the
//! generator skips (with a located warning) are counted.
//!
//! The dialect fixtures that have a `.requests` file beside them are then exercised: one
//! program makes the calls it lists against a loopback server and the requests received
//! are compared with those expected (module `requests`); a difference fails the command.

mod driver;
mod requests;
mod summary;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use generator::{Options, generate_with_warnings, write};

/// The shared corpus of real capabilities, relative to the repository root: the shared
/// folder beside the clone (read with its subfolders, one per publisher).
pub const SHARED_DIR: &str = "../shared/corpus";

/// The dialect fixtures, relative to the repository root.
pub const DIALECT_DIR: &str = "tests/dialect";

/// What happened to one file.
#[derive(Debug)]
enum Outcome {
    /// A crate was generated, with this many warnings, of which `skipped` say an operation
    /// was left out.
    Generated { warnings: usize, skipped: usize },
    /// The generator refused the file: the first line of its first diagnostic.
    Refused(String),
    /// The generator panicked: the panic message.
    Panicked(String),
}

#[derive(Debug)]
struct Entry {
    file: PathBuf,
    crate_name: String,
    operations: usize,
    outcome: Outcome,
}

/// Runs the corpus: the folders `dirs` (by default [`SHARED_DIR`] and [`DIALECT_DIR`] under
/// `root`) and their subfolders, generated under `root/target/corpus`; with `strict`, an
/// operation that cannot be generated refuses its file (as `generator --strict` does).
pub fn run(root: &Path, dirs: &[PathBuf], strict: bool) -> ExitCode {
    let started = Instant::now();
    let mut folders = Vec::new();
    if dirs.is_empty() {
        for default in [SHARED_DIR, DIALECT_DIR] {
            let dir = root.join(default);
            if dir.is_dir() {
                folders.push(dir);
            } else {
                eprintln!(
                    "note: corpus folder {} not found: skipped (pass `--dir DIR` to use \
                     another one)",
                    dir.display()
                );
            }
        }
    } else {
        for dir in dirs {
            if !dir.is_dir() {
                eprintln!("error: corpus folder {} not found", dir.display());
                return ExitCode::FAILURE;
            }
            folders.push(dir.clone());
        }
    }
    let mut listed = Vec::new();
    for dir in folders {
        let dir = dir.canonicalize().unwrap_or(dir);
        match capability_files(&dir) {
            Ok(files) => listed.push((dir, files)),
            Err(e) => {
                eprintln!("error: cannot list {}: {e}", dir.display());
                return ExitCode::FAILURE;
            }
        }
    }
    let work = target_dir(root).join("corpus");
    let crates_dir = work.join("crates");
    // Every generated crate depends on the workspace's runtime crate.
    let runtime = root.join("generator/runtime");
    let runtime = runtime.canonicalize().unwrap_or(runtime);

    // 1. Generate every crate.
    let mut names = BTreeSet::new();
    let mut corpora: Vec<(PathBuf, Vec<Entry>)> = Vec::new();
    for (dir, files) in listed {
        let entries = files
            .iter()
            .map(|file| generate_one(file, &crates_dir, &runtime, strict, &mut names))
            .collect();
        corpora.push((dir, entries));
    }
    let generated: Vec<&Entry> = corpora
        .iter()
        .flat_map(|(_, entries)| entries)
        .filter(|e| matches!(e.outcome, Outcome::Generated { .. }))
        .collect();
    let fixtures = match driver::request_fixtures(&generated) {
        Ok(fixtures) => fixtures,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut members: Vec<String> = generated.iter().map(|e| e.crate_name.clone()).collect();
    if !fixtures.is_empty() {
        names.insert(requests::DRIVER.to_owned());
        members.push(requests::DRIVER.to_owned());
        if let Err(e) = driver::write_driver(&crates_dir, &fixtures) {
            eprintln!("error: cannot write the requests program: {e}");
            return ExitCode::FAILURE;
        }
    }
    let generated_in = started.elapsed();
    if let Err(e) = remove_stale_crates(&crates_dir, &names) {
        eprintln!("error: cannot clean {}: {e}", crates_dir.display());
        return ExitCode::FAILURE;
    }
    if let Err(e) = write_workspace(root, &work, &members) {
        eprintln!("error: cannot write {}: {e}", work.display());
        return ExitCode::FAILURE;
    }

    // 2. Check them all at once.
    let check_started = Instant::now();
    let check = if generated.is_empty() {
        Ok(CheckReport::default())
    } else {
        eprintln!(
            "corpus: {} crates generated in {:.1?}; checking them (cargo check in {}) …",
            generated.len(),
            generated_in,
            work.display()
        );
        cargo_check(&work)
    };
    let check_time = check_started.elapsed();
    let check = match check {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };

    let mut ok = true;
    for (dir, entries) in &corpora {
        let (summary, dir_ok) = summary::summary(dir, entries, &check);
        print!("{summary}");
        ok &= dir_ok;
    }
    // 3. The requests of the dialect fixtures, on a loopback server.
    let requests_started = Instant::now();
    ok &= driver::requests_stage(&work, &fixtures, &check);
    let requests_time = requests_started.elapsed();
    // Errors outside any generated crate (should not happen) also fail the run.
    for (krate, (first, _)) in &check.errors {
        if !generated.iter().any(|e| &e.crate_name == krate) {
            println!("\nerror in {krate}: {first}");
            ok = false;
        }
    }
    ok &= generated.is_empty() || check.success;
    println!(
        "\ntime: {generated_in:.1?} generating, {check_time:.1?} checking, {requests_time:.1?} building and making the requests\n{}",
        if ok {
            "corpus: every file compiles or is refused with a reason, every request is as expected"
        } else {
            "corpus: FAILED (a panic, a generated crate that does not compile, or a request not as expected)"
        }
    );
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The capability files of `dir` and its subfolders, sorted.
fn capability_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("yaml") || x.eq_ignore_ascii_case("yml"))
            {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The repository's target directory (`CARGO_TARGET_DIR` when set).
fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    }
}

/// A package name for the file: its stem in kebab-case, unique in this run.
pub fn crate_name(file: &Path, taken: &BTreeSet<String>) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut base: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    base = base
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
        base.insert_str(0, "capability-");
    }
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

/// The number of operations the file declares, in its own blocks (top-level and the
/// capability's) and in those it imports (0 when it cannot be read).
fn count_operations(file: &Path) -> usize {
    let Ok(loaded) = generator::spec::load(file) else {
        return 0;
    };
    let doc = &loaded.document;
    let entries = doc.consumes.iter().chain(&doc.capability.consumes);
    let own = |c: &generator::spec::Consumes| -> usize {
        c.resources.iter().map(|r| r.operations.len()).sum()
    };
    entries
        .map(|entry| match (&entry.import, &entry.location) {
            (None, _) => own(entry),
            (Some(namespace), location) => {
                let imported = location
                    .as_deref()
                    .and_then(|l| generator::spec::resolve_location(file, l).ok());
                let files = std::iter::once(&loaded).chain(&loaded.imported);
                files
                    .filter(|l| imported.as_ref().is_none_or(|p| same(&l.file, p)))
                    .flat_map(|l| {
                        l.document
                            .consumes
                            .iter()
                            .chain(&l.document.capability.consumes)
                    })
                    .find(|c| c.import.is_none() && c.namespace.as_ref() == Some(namespace))
                    .map_or(0, own)
            }
        })
        .sum()
}

fn same(a: &Path, b: &Path) -> bool {
    a.canonicalize().ok() == b.canonicalize().ok()
}

fn generate_one(
    file: &Path,
    crates_dir: &Path,
    runtime: &Path,
    strict: bool,
    names: &mut BTreeSet<String>,
) -> Entry {
    let crate_name = crate_name(file, names);
    let operations = count_operations(file);
    let mut options = Options::new(file);
    options.crate_name.clone_from(&crate_name);
    options.runtime_path = Some(runtime.display().to_string());
    options.regenerate_command = "cargo xtask corpus".into();
    options.strict = strict;
    let result = catch_unwind(AssertUnwindSafe(|| generate_with_warnings(&options)));
    let outcome = match result {
        Err(payload) => Outcome::Panicked(panic_message(&*payload)),
        Ok(Err(diagnostics)) => Outcome::Refused(first_line(&diagnostics)),
        Ok(Ok((files, warnings))) => {
            let out = crates_dir.join(&crate_name);
            match write::write(&out, &files) {
                Ok(_) => {
                    names.insert(crate_name.clone());
                    Outcome::Generated {
                        warnings: warnings.len(),
                        skipped: warnings.iter().filter(|w| w.skipped).count(),
                    }
                }
                Err(e) => Outcome::Refused(format!("cannot write {}: {e}", out.display())),
            }
        }
    };
    Entry {
        file: file.to_owned(),
        crate_name,
        operations,
        outcome,
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic without a message)".into()
    }
}

/// The first diagnostic's first line, with its position (`error: … at file:line:col`).
fn first_line(diagnostics: &generator::Diagnostics) -> String {
    let Some(first) = diagnostics.0.first() else {
        return "refused without a diagnostic".into();
    };
    let mut line = first
        .to_string()
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    if let Some(loc) = first.location {
        let _ = write!(line, " (line {}:{})", loc.line, loc.column);
    }
    if let Some(op) = &first.operation {
        let _ = write!(line, " [operation {op}]");
    }
    if let Some(p) = &first.parameter {
        let _ = write!(line, " [parameter {p}]");
    }
    let more = diagnostics.0.len() - 1;
    if more > 0 {
        let _ = write!(line, " (+{more} more)");
    }
    line
}

/// Removes the crates of earlier runs that this run did not generate.
fn remove_stale_crates(crates_dir: &Path, keep: &BTreeSet<String>) -> std::io::Result<()> {
    let Ok(read) = std::fs::read_dir(crates_dir) else {
        return Ok(());
    };
    for entry in read {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() && !keep.contains(&name) {
            std::fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

/// The workspace manifest, and the repository's lock file so that versions match.
fn write_workspace(root: &Path, work: &Path, members: &[String]) -> std::io::Result<()> {
    std::fs::create_dir_all(work)?;
    let mut manifest = String::from(
        "# Written by `cargo xtask corpus`: one member per capability of the corpus.\n\
         [workspace]\nresolver = \"3\"\nmembers = [\n",
    );
    for member in members {
        let _ = writeln!(manifest, "  \"crates/{member}\",");
    }
    manifest.push_str("]\n\n[profile.dev]\ndebug = false\n");
    std::fs::write(work.join("Cargo.toml"), manifest)?;
    std::fs::copy(root.join("Cargo.lock"), work.join("Cargo.lock"))?;
    Ok(())
}

/// What `cargo check` said, by crate.
#[derive(Debug, Default)]
struct CheckReport {
    /// Crate → its first error (location and message), and how many errors.
    errors: BTreeMap<String, (String, usize)>,
    /// Crate → its first warning, and how many warnings.
    warnings: BTreeMap<String, (String, usize)>,
    /// Whether the build as a whole succeeded.
    success: bool,
}

/// One `cargo check` over the workspace, its messages mapped back to crates.
fn cargo_check(work: &Path) -> Result<CheckReport, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut child = Command::new(cargo)
        .current_dir(work)
        .args([
            "check",
            "--workspace",
            "--all-features",
            "--keep-going",
            "--message-format",
            "json-diagnostic-short",
        ])
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    // stderr (progress, cargo's own errors) is collected on a thread so neither pipe fills.
    let stderr = child.stderr.take().expect("piped");
    let stderr_thread = std::thread::spawn(move || {
        let mut lines = Vec::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            lines.push(line);
        }
        lines
    });
    let mut report = CheckReport::default();
    let stdout = child.stdout.take().expect("piped");
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        match msg["reason"].as_str() {
            Some("compiler-message") => {
                let level = msg["message"]["level"].as_str().unwrap_or_default();
                let map = match level {
                    "error" => &mut report.errors,
                    "warning" => &mut report.warnings,
                    _ => continue,
                };
                let rendered = msg["message"]["rendered"]
                    .as_str()
                    .unwrap_or_default()
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                if rendered.starts_with("aborting due to") {
                    continue;
                }
                let krate = crate_of(&msg);
                map.entry(krate)
                    .and_modify(|(_, n)| *n += 1)
                    .or_insert((rendered, 1));
            }
            Some("build-finished") => report.success = msg["success"].as_bool() == Some(true),
            _ => {}
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("cannot wait for cargo: {e}"))?;
    let stderr = stderr_thread.join().unwrap_or_default();
    if !status.success() && report.errors.is_empty() {
        let tail: Vec<&String> = stderr
            .iter()
            .filter(|l| {
                !l.trim_start().starts_with("Compiling") && !l.trim_start().starts_with("Checking")
            })
            .collect();
        let start = tail.len().saturating_sub(30);
        let text: Vec<&str> = tail[start..].iter().map(|s| s.as_str()).collect();
        return Err(format!(
            "cargo check failed before compiling the crates:\n{}",
            text.join("\n")
        ));
    }
    Ok(report)
}

/// The crate a compiler message is about: the directory of its manifest.
fn crate_of(msg: &serde_json::Value) -> String {
    msg["manifest_path"]
        .as_str()
        .and_then(|p| Path::new(p).parent()?.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .or_else(|| msg["target"]["name"].as_str().map(str::to_owned))
        .unwrap_or_else(|| "(unknown crate)".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names_come_from_file_names_and_are_unique() {
        let mut taken = BTreeSet::new();
        let a = crate_name(Path::new("x/gitlab-ci-files.yaml"), &taken);
        assert_eq!(a, "gitlab-ci-files");
        taken.insert(a);
        assert_eq!(
            crate_name(Path::new("y/gitlab-ci-files.yml"), &taken),
            "gitlab-ci-files-2"
        );
        assert_eq!(
            crate_name(Path::new("Some_API v2.yaml"), &taken),
            "some-api-v2"
        );
        assert_eq!(crate_name(Path::new("3d.yaml"), &taken), "capability-3d");
    }
}
