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
//! panic, or a generated crate that does not compile, fails the command.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use generator::{Options, generate_with_warnings, write};

/// The shared corpus of real capabilities, relative to the repository root: the shared
/// folder beside the clone.
pub const SHARED_DIR: &str = "../shared/corpus/gitlab-ci";

/// The dialect fixtures, relative to the repository root.
pub const DIALECT_DIR: &str = "tests/dialect";

/// What happened to one file.
#[derive(Debug)]
enum Outcome {
    /// A crate was generated, with this many warnings.
    Generated { warnings: usize },
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
/// `root`), generated under `root/target/corpus`.
pub fn run(root: &Path, dirs: &[PathBuf]) -> ExitCode {
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
            .map(|file| generate_one(file, &crates_dir, &runtime, &mut names))
            .collect();
        corpora.push((dir, entries));
    }
    let generated: Vec<&Entry> = corpora
        .iter()
        .flat_map(|(_, entries)| entries)
        .filter(|e| matches!(e.outcome, Outcome::Generated { .. }))
        .collect();
    let generated_in = started.elapsed();
    if let Err(e) = remove_stale_crates(&crates_dir, &names) {
        eprintln!("error: cannot clean {}: {e}", crates_dir.display());
        return ExitCode::FAILURE;
    }
    if let Err(e) = write_workspace(root, &work, &generated) {
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
        let (summary, dir_ok) = summary(dir, entries, &check);
        print!("{summary}");
        ok &= dir_ok;
    }
    // Errors outside any generated crate (should not happen) also fail the run.
    for (krate, (first, _)) in &check.errors {
        if !generated.iter().any(|e| &e.crate_name == krate) {
            println!("\nerror in {krate}: {first}");
            ok = false;
        }
    }
    ok &= generated.is_empty() || check.success;
    println!(
        "\ntime: {generated_in:.1?} generating, {check_time:.1?} checking\n{}",
        if ok {
            "corpus: every file compiles or is refused with a reason"
        } else {
            "corpus: FAILED (a panic or a generated crate that does not compile)"
        }
    );
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The capability files of `dir`, sorted.
fn capability_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension().is_some_and(|x| {
                    x.eq_ignore_ascii_case("yaml") || x.eq_ignore_ascii_case("yml")
                })
        })
        .collect();
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

/// The number of operations the file declares (0 when it cannot be read).
fn count_operations(file: &Path) -> usize {
    generator::spec::load(file).map_or(0, |loaded| {
        loaded
            .document
            .capability
            .consumes
            .iter()
            .flat_map(|c| &c.resources)
            .map(|r| r.operations.len())
            .sum()
    })
}

fn generate_one(
    file: &Path,
    crates_dir: &Path,
    runtime: &Path,
    names: &mut BTreeSet<String>,
) -> Entry {
    let crate_name = crate_name(file, names);
    let operations = count_operations(file);
    let mut options = Options::new(file);
    options.crate_name.clone_from(&crate_name);
    options.runtime_path = Some(runtime.display().to_string());
    options.regenerate_command = "cargo xtask corpus".into();
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
fn write_workspace(root: &Path, work: &Path, generated: &[&Entry]) -> std::io::Result<()> {
    std::fs::create_dir_all(work)?;
    let mut manifest = String::from(
        "# Written by `cargo xtask corpus`: one member per capability of the corpus.\n\
         [workspace]\nresolver = \"3\"\nmembers = [\n",
    );
    for e in generated {
        let _ = writeln!(manifest, "  \"crates/{}\",", e.crate_name);
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

/// The summary of one folder, and whether it passed: no panic, every generated crate
/// compiled.
fn summary(dir: &Path, entries: &[Entry], check: &CheckReport) -> (String, bool) {
    let mut s = String::new();
    let operations: usize = entries.iter().map(|e| e.operations).sum();
    let generated: Vec<&Entry> = entries
        .iter()
        .filter(|e| matches!(e.outcome, Outcome::Generated { .. }))
        .collect();
    let refused: Vec<(&Entry, &String)> = entries
        .iter()
        .filter_map(|e| match &e.outcome {
            Outcome::Refused(r) => Some((e, r)),
            _ => None,
        })
        .collect();
    let panicked: Vec<(&Entry, &String)> = entries
        .iter()
        .filter_map(|e| match &e.outcome {
            Outcome::Panicked(r) => Some((e, r)),
            _ => None,
        })
        .collect();
    let failed: Vec<(&Entry, &(String, usize))> = generated
        .iter()
        .filter_map(|e| check.errors.get(&e.crate_name).map(|err| (*e, err)))
        .collect();
    let compiled = generated.len() - failed.len();
    let compiled_ops: usize = generated
        .iter()
        .filter(|e| !check.errors.contains_key(&e.crate_name))
        .map(|e| e.operations)
        .sum();
    let gen_warnings: usize = generated
        .iter()
        .map(|e| match e.outcome {
            Outcome::Generated { warnings } => warnings,
            _ => 0,
        })
        .sum();
    let file_name = |e: &Entry| {
        e.file
            .file_name()
            .map_or_else(String::new, |f| f.to_string_lossy().into_owned())
    };

    let _ = writeln!(s, "\ncorpus {}", dir.display());
    let _ = writeln!(s, "  files:             {}", entries.len());
    let _ = writeln!(s, "  operations:        {operations}");
    let _ = writeln!(
        s,
        "  generated:         {} ({gen_warnings} generator warnings)",
        generated.len()
    );
    let _ = writeln!(
        s,
        "  compiled:          {compiled} ({compiled_ops} operations)"
    );
    let _ = writeln!(s, "  refused:           {}", refused.len());
    let _ = writeln!(s, "  panicked:          {}", panicked.len());
    let _ = writeln!(s, "  failed to compile: {}", failed.len());
    let warned: Vec<(&String, &(String, usize))> = generated
        .iter()
        .filter_map(|e| check.warnings.get_key_value(&e.crate_name))
        .collect();
    let compiler_warnings: usize = warned.iter().map(|(_, (_, n))| n).sum();
    let _ = writeln!(
        s,
        "  compiler warnings: {compiler_warnings} in {} crates",
        warned.len()
    );
    if !refused.is_empty() {
        let _ = writeln!(s, "\nrefused (the generator's reason):");
        for (e, reason) in &refused {
            let _ = writeln!(s, "  {}: {reason}", file_name(e));
        }
    }
    if !panicked.is_empty() {
        let _ = writeln!(s, "\npanicked:");
        for (e, message) in &panicked {
            let _ = writeln!(s, "  {}: {message}", file_name(e));
        }
    }
    if !failed.is_empty() {
        let _ = writeln!(s, "\nfailed to compile (first error of each crate):");
        for (e, (first, n)) in &failed {
            let _ = writeln!(
                s,
                "  {} ({}, {n} errors): {first}",
                e.crate_name,
                file_name(e)
            );
        }
    }
    if !warned.is_empty() {
        let _ = writeln!(s, "\ncompiler warnings (first of each crate):");
        for (krate, (first, n)) in warned {
            let _ = writeln!(s, "  {krate} ({n} warnings): {first}");
        }
    }
    (s, panicked.is_empty() && failed.is_empty())
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
