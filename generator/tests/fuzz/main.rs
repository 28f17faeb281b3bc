//! No input makes the generator panic: property tests (proptest) that feed arbitrary and
//! mutated capabilities, overlays and companion documents through the whole in-memory
//! pipeline — `spec::parse` → `ir_from` (lower, normalize, overlay, naming, companion join)
//! → `emit` — and require either generated files or diagnostics that each say something.
//!
//! Inputs:
//!
//! - **arbitrary text**, and text made of YAML's punctuation;
//! - **mutations** of the real fixtures (`tests/golden/*/` capability, overlay and
//!   companion, `tests/bad-specs/*.yaml`, `tests/dialect/*.yaml`): lines deleted,
//!   duplicated, swapped, re-indented or inserted, scalars replaced by odd values (`{`,
//!   `*`, `(`, `..`, empty, very long, unicode, keywords), `in:` locations and methods
//!   changed, bytes flipped;
//! - **structured documents** built from strategies, so that the generator gets past YAML
//!   into its own rules: random path templates (`{x}`, `*x`, `(*x/)`, `\(`, embedded
//!   variables), parameters with odd names, locations and types, MCP hints, `body:` blocks;
//!   and random overlays applied to valid capabilities, with and without a companion.
//!
//! A case runs a few milliseconds; by default each property runs a modest number of cases
//! so that `cargo test --workspace` stays fast. For a long run:
//!
//! ```text
//! PROPTEST_CASES=20000 cargo test -p generator --test fuzz --release
//! ```
//!
//! (CI runs about a minute of it, see `.ci/run`.) Set `FUZZ_STRICT_EMIT=1` to also fail
//! when `emit` refuses an accepted IR (emitted Rust that does not parse): that is reported
//! as a diagnostic, not a panic, but is worth knowing about.
//!
//! Every crash found is minimized into a plain `#[test]` in `regressions.rs` (or a
//! fixture under `tests/fuzz-regressions/`, all of which are run by `regressions_do_not_panic`).

mod capabilities;
mod companions;
mod mutations;
mod overlays;
mod paths;
mod properties;
mod regressions;
mod tame;
mod values;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use generator::companion::Companion;
use generator::overlay::Overlay;
use generator::{Diagnostics, Options, emit, ir_from, spec};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestRunner};

// ---------------------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------------------

/// What one run of the pipeline gave.
#[derive(Debug)]
enum Outcome {
    /// Files were generated; with named types (from a companion) or not.
    Generated { typed: bool },
    /// Input refused by a stage before emission.
    Refused,
    /// `emit` refused the IR (its Rust did not parse).
    EmitRefused(String),
}

/// The whole in-memory pipeline, as `generate_with_warnings` runs it from files.
fn pipeline(
    capability: &str,
    overlay: Option<&str>,
    companion: Option<&str>,
) -> Result<Outcome, String> {
    let check = |e: Diagnostics| -> Result<Outcome, String> {
        if e.is_empty() {
            return Err("an error without any diagnostic".into());
        }
        if let Some(d) = e.0.iter().find(|d| d.message.trim().is_empty()) {
            return Err(format!("a diagnostic without a message: {d:?}"));
        }
        if std::env::var_os("FUZZ_SHOW_REFUSALS").is_some() {
            eprintln!(
                "REFUSED: {}",
                e.0[0].message.chars().take(90).collect::<String>()
            );
        }
        Ok(Outcome::Refused)
    };
    let loaded = match spec::parse(Path::new("capability.yaml"), capability) {
        Ok(l) => l,
        Err(e) => return check(e),
    };
    let overlay = match overlay.map(|t| Overlay::parse(Path::new("overlay.yaml"), t)) {
        None => None,
        Some(Ok(o)) => Some(o),
        Some(Err(e)) => return check(e),
    };
    let companion = match companion.map(|t| Companion::parse(Path::new("companion.yml"), t)) {
        None => None,
        Some(Ok(c)) => Some(c),
        Some(Err(e)) => return check(e),
    };
    let (api, warnings) = match ir_from(&loaded, overlay.as_ref(), companion.as_ref()) {
        Ok(r) => r,
        Err(e) => return check(e),
    };
    if let Some(w) = warnings.iter().find(|d| d.message.trim().is_empty()) {
        return Err(format!("a warning without a message: {w:?}"));
    }
    let mut options = Options::new("capability.yaml");
    options.crate_name = "fuzzed-client".into();
    match emit::emit(&api, &options) {
        Ok(files) if files.is_empty() => Err("emit produced no file".into()),
        Ok(_) => Ok(Outcome::Generated {
            typed: !api.types.is_empty(),
        }),
        Err(e) if e.trim().is_empty() => Err("emit failed without a message".into()),
        Err(e) => Ok(Outcome::EmitRefused(e)),
    }
}

thread_local! {
    /// Whether a panic on this thread is caught and reported by [`no_panic`].
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Panics caught by [`no_panic`] are reported with the input that caused them; the default
/// hook's message for each (thousands while proptest shrinks) is left out. Other panics are
/// printed as usual.
fn quiet_panics() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.get() {
                default(info);
            }
        }));
    });
}

/// Runs the pipeline; a panic, an empty diagnostic or (with `FUZZ_STRICT_EMIT`) an emitted
/// crate that does not parse fails the case.
fn no_panic(
    capability: &str,
    overlay: Option<&str>,
    companion: Option<&str>,
) -> Result<Outcome, String> {
    quiet_panics();
    QUIET.set(true);
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        pipeline(capability, overlay, companion)
    }));
    QUIET.set(false);
    let outcome = outcome.map_err(|payload| {
        let message = payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_else(|| "(no message)".into());
        format!("the generator panicked: {message}")
    })??;
    if let Outcome::EmitRefused(e) = &outcome {
        if std::env::var_os("FUZZ_STRICT_EMIT").is_some() {
            return Err(format!("emit refused an accepted IR: {e}"));
        }
    }
    Ok(outcome)
}

/// One input of the pipeline: a capability, an optional overlay and companion.
type Input = (String, Option<String>, Option<String>);

fn capability_only(capability: String) -> Input {
    (capability, None, None)
}

/// Runs a property: `cases` values of `strategy`, each turned into inputs by `inputs`, none
/// of which may make the pipeline panic. With `FUZZ_SECONDS` set, runs batches of `cases`
/// (each from a fresh random seed) until that many seconds have passed. Prints the outcomes
/// (`--nocapture` shows them).
fn fuzz<S>(name: &str, default_cases: u32, strategy: S, inputs: impl Fn(S::Value) -> Vec<Input>)
where
    S: Strategy,
    S::Value: std::fmt::Debug,
{
    use std::cell::Cell;
    let config = config(default_cases);
    let started = std::time::Instant::now();
    let budget = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .map(std::time::Duration::from_secs_f64);
    let tally = [Cell::new(0usize), Cell::new(0), Cell::new(0), Cell::new(0)];
    let mut cases = 0;
    let result = loop {
        let mut runner = TestRunner::new(config.clone());
        let result = runner.run(&strategy, |value| {
            for (capability, overlay, companion) in inputs(value) {
                match no_panic(&capability, overlay.as_deref(), companion.as_deref()) {
                    Ok(outcome) => {
                        let i = match outcome {
                            Outcome::Generated { typed: false } => 0,
                            Outcome::Generated { typed: true } => 1,
                            Outcome::Refused => 2,
                            Outcome::EmitRefused(_) => 3,
                        };
                        tally[i].set(tally[i].get() + 1);
                    }
                    Err(e) => {
                        return Err(TestCaseError::fail(format!(
                            "{e}\n--- capability ---\n{capability}\n--- overlay ---\n{}\n--- companion ---\n{}",
                            overlay.as_deref().unwrap_or("(none)"),
                            companion.as_deref().unwrap_or("(none)"),
                        )));
                    }
                }
            }
            Ok(())
        });
        cases += config.cases;
        if result.is_err() || budget.is_none_or(|b| started.elapsed() >= b) {
            break result;
        }
    };
    eprintln!(
        "{name}: {cases} cases in {:.1?}: pipeline runs {} generated ({} with types), {} refused, {} refused by emit",
        started.elapsed(),
        tally[0].get() + tally[1].get(),
        tally[1].get(),
        tally[2].get(),
        tally[3].get(),
    );
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

/// Cases per property: `PROPTEST_CASES` if set, else `default` (modest: seconds in all).
fn config(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        // Crashes become plain tests in `regressions.rs`, not `.proptest-regressions` files.
        failure_persistence: None::<FileFailurePersistence>.map(|f| Box::new(f) as _),
        max_shrink_iters: 4096,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------
// Seeds: the repository's fixtures
// ---------------------------------------------------------------------------------------

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A fixture: a capability and, where the golden case has them, its overlay and companion.
#[derive(Debug, Clone)]
struct Seed {
    name: String,
    capability: String,
    overlay: Option<String>,
    companion: Option<String>,
}

fn seeds() -> &'static [Seed] {
    static SEEDS: std::sync::OnceLock<Vec<Seed>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut seeds = Vec::new();
        let read = |p: PathBuf| std::fs::read_to_string(p).ok();
        let golden = repository().join("tests/golden");
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(&golden)
            .expect("tests/golden exists")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.join("capability.yaml").is_file())
            .collect();
        dirs.sort();
        for dir in dirs {
            seeds.push(Seed {
                name: dir.file_name().unwrap().to_string_lossy().into_owned(),
                capability: read(dir.join("capability.yaml")).unwrap(),
                overlay: read(dir.join("overlay.yaml")),
                companion: read(dir.join("companion.yml")),
            });
        }
        // Refused specs, and the constructs of other publishers' capabilities.
        let mut files: Vec<PathBuf> = ["tests/bad-specs", "tests/dialect"]
            .into_iter()
            .flat_map(|dir| {
                std::fs::read_dir(repository().join(dir))
                    .unwrap_or_else(|e| panic!("{dir}: {e}"))
                    .flatten()
                    .map(|e| e.path())
            })
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        files.sort();
        for file in files {
            seeds.push(Seed {
                name: file.file_name().unwrap().to_string_lossy().into_owned(),
                capability: read(file).unwrap(),
                overlay: None,
                companion: None,
            });
        }
        assert!(seeds.len() >= 30, "fixtures found: {}", seeds.len());
        seeds
    })
}

fn golden(name: &str) -> &'static Seed {
    seeds()
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("golden fixture `{name}`"))
}
