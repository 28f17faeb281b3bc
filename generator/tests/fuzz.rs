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
//! Every crash found is minimized into a plain `#[test]` at the end of this file (or a
//! fixture under `tests/fuzz-regressions/`, all of which are run by `regressions_do_not_panic`).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use generator::companion::Companion;
use generator::overlay::Overlay;
use generator::{Diagnostics, Options, emit, ir_from, spec};
use proptest::prelude::*;
use proptest::sample::Index;
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
        // Crashes become plain tests below, not `.proptest-regressions` files.
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

// ---------------------------------------------------------------------------------------
// Odd values
// ---------------------------------------------------------------------------------------

const ODD_SCALARS: &[&str] = &[
    "{",
    "}",
    "{}",
    "[]",
    "*",
    "**",
    "(",
    ")",
    "()",
    "..",
    ".",
    "",
    "''",
    "\"\"",
    "~",
    "null",
    "true",
    "0",
    "-1",
    "1e400",
    "18446744073709551616",
    "0x1F",
    "é",
    "日本語",
    "🦀",
    "a\u{200b}b",
    "\u{feff}",
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "_",
    "__",
    "r#type",
    "async",
    "fn",
    "mod",
    "-",
    "--",
    "$filter",
    "X-Request-Id",
    "a.b",
    "a[b]",
    "a[]",
    "1abc",
    "ID",
    "Id",
    "id",
    "/",
    "//",
    "/a/",
    "/{",
    "/{x}",
    "/{x}/{x}",
    "/{ }",
    "/{x.y}",
    "/{x-y}",
    "/*x",
    "/*",
    "/*x/*x",
    "/(x)",
    "/(*x/)",
    "/((*x))",
    "/({x})/{x}",
    "/\\(",
    "/\\)",
    "/a\\",
    "/a b",
    "/a#b",
    "/a?b=1",
    "/packages/npm/{x}",
    "/api/v4/projects/{id}/packages/{package_id}",
    "/api/v4",
    "/api/v4/",
    "&anchor x",
    "*alias",
    "!tag x",
    "|",
    ">",
    "'",
    "\"",
    "#",
    "%",
    "@",
    "`",
    "? x",
    ": x",
    "- x",
    "{a: b}",
    "[a, b]",
    "GET",
    "path",
    "query",
];

const LOCATIONS: &[&str] = &[
    "path", "query", "header", "body", "formData", "cookie", "", "PATH", "form", "Query", "null",
    "~", "[path]",
];

const METHODS: &[&str] = &[
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "get", "Get", "TRACE", "FETCH", "",
    "G ET", "null", "[GET]",
];

const TYPES: &[&str] = &[
    "string", "integer", "boolean", "array", "file", "number", "object", "", "null", "int",
    "String", "[string]",
];

/// A method, mostly one the generator knows.
fn method() -> impl Strategy<Value = &'static str> {
    prop_oneof![20 => prop::sample::select(&METHODS[..7]), 1 => prop::sample::select(METHODS)]
}

/// A parameter location, mostly one the generator knows.
fn location() -> impl Strategy<Value = &'static str> {
    prop_oneof![20 => prop::sample::select(&LOCATIONS[..5]), 1 => prop::sample::select(LOCATIONS)]
}

/// A `body_type`, mostly one the overlay knows.
fn body_type() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(&["string", "integer", "id", "number", "boolean", "date_time", "json"][..])
            .prop_map(str::to_owned),
        1 => type_name(),
    ]
}

fn odd_scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(ODD_SCALARS).prop_map(str::to_owned),
        1 => (1usize..20_000).prop_map(|n| "a".repeat(n)),
        1 => (1usize..200).prop_map(|n| "{x}/".repeat(n)),
        1 => (1usize..200).prop_map(|n| "(".repeat(n)),
        1 => (1usize..100).prop_map(|n| "[".repeat(n)),
        2 => "\\PC{0,12}",
        2 => "[a-zA-Z0-9_{}()*\\\\/.$\\[\\]#?: -]{0,16}",
    ]
}

/// A value that fits after `key: ` on one line: the odd value as it is, or quoted.
fn as_yaml_value(value: &str, quoted: bool) -> String {
    if quoted {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        value.to_owned()
    }
}

// ---------------------------------------------------------------------------------------
// (a) Arbitrary text
// ---------------------------------------------------------------------------------------

#[test]
fn arbitrary_text_does_not_panic() {
    fuzz("arbitrary text", 64, any::<String>(), |text| {
        vec![capability_only(text)]
    });
}

#[test]
fn yaml_punctuation_does_not_panic() {
    let text = "([a-z:{}\\[\\]\\n\\- *&!|>'\"#%@`,?~.()/\\\\]|  |\\n  |: |- ){0,120}";
    fuzz("YAML punctuation", 64, text, |text| {
        let minimal = &golden("minimal").capability;
        let companion = golden("companion");
        vec![
            capability_only(text.clone()),
            (minimal.clone(), Some(text.clone()), None),
            (minimal.clone(), Some(format!("overlay: 1\n{text}")), None),
            (companion.capability.clone(), None, Some(text.clone())),
            (
                companion.capability.clone(),
                None,
                Some(format!("swagger: '2.0'\n{text}")),
            ),
        ]
    });
}

// ---------------------------------------------------------------------------------------
// (b) Mutations of the fixtures
// ---------------------------------------------------------------------------------------

/// One edit of a document's text.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    /// Replaces what follows `key:` (or `- `) on a line.
    ReplaceScalar(Index, String, bool),
    /// Changes the value of an `in:` line.
    SetLocation(Index, &'static str),
    /// Changes the value of a `method:` line.
    SetMethod(Index, &'static str),
    /// Changes the value of a `type:` line.
    SetType(Index, &'static str),
    /// Changes the value of a `path:` or `target:` line.
    SetPath(Index, String),
    /// Adds (positive) or removes (negative) leading spaces.
    Indent(Index, i8),
    InsertLine(Index, String),
    /// Replaces, inserts or deletes one character.
    Char(Index, Option<char>, bool),
    /// Cuts the text short.
    Truncate(Index),
}

fn inserted_line() -> impl Strategy<Value = String> {
    let lines: &[&str] = &[
        "- name: x",
        "  - name: x\n    in: path",
        "        - name: {x}\n          in: query",
        "      - name: dup\n        method: GET",
        "    - path: /a/{b}\n      operations:\n      - name: b\n        method: GET",
        "      path: /api/v4/x/(*p/){f}",
        "        body: {type: json, data: 1}",
        "        outputRawFormat: xml",
        "          required: maybe",
        "          required: true",
        "- {",
        "]",
        "---",
        "...",
        "&a x: *a",
        "<<: *a",
        "? [a]\n: b",
        "capability: []",
        "consumes: {}",
        "operations: ~",
        "inputParameters: [1, 2]",
        "  hints: {readOnly: 1}",
        "      call: x.y",
        "binds: [{namespace: env, keys: {A_TOKEN: B_TOKEN}}]",
        "\t",
    ];
    prop_oneof![
        4 => prop::sample::select(lines).prop_map(str::to_owned),
        2 => (odd_scalar(), "[a-zA-Z]{1,10}", 0usize..12)
            .prop_map(|(v, k, indent)| format!("{}{k}: {v}", " ".repeat(indent))),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => any::<Index>().prop_map(Mutation::DeleteLine),
        2 => any::<Index>().prop_map(Mutation::DuplicateLine),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        5 => (any::<Index>(), odd_scalar(), any::<bool>())
            .prop_map(|(i, v, q)| Mutation::ReplaceScalar(i, v, q)),
        3 => (any::<Index>(), location()).prop_map(|(i, v)| Mutation::SetLocation(i, v)),
        2 => (any::<Index>(), method()).prop_map(|(i, v)| Mutation::SetMethod(i, v)),
        2 => (any::<Index>(), prop::sample::select(TYPES)).prop_map(|(i, v)| Mutation::SetType(i, v)),
        4 => (any::<Index>(), path_template()).prop_map(|(i, v)| Mutation::SetPath(i, v)),
        2 => (any::<Index>(), prop_oneof![Just(-4i8), Just(-2), Just(-1), Just(1), Just(2), Just(4)])
            .prop_map(|(i, d)| Mutation::Indent(i, d)),
        3 => (any::<Index>(), inserted_line()).prop_map(|(i, l)| Mutation::InsertLine(i, l)),
        2 => (any::<Index>(), prop::option::of(any::<char>()), any::<bool>())
            .prop_map(|(i, c, insert)| Mutation::Char(i, c, insert)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
    ]
}

/// The value part of a `key: value` or `- value` line, as a byte range.
fn value_range(line: &str) -> Option<std::ops::Range<usize>> {
    if let Some(colon) = line.find(": ") {
        return Some(colon + 2..line.len());
    }
    if line.trim_end().ends_with(':') {
        return Some(line.len()..line.len());
    }
    let trimmed = line.trim_start();
    trimmed
        .starts_with("- ")
        .then(|| line.len() - trimmed.len() + 2..line.len())
}

/// Sets the value of the `index`-th line whose key is one of `keys` (any line if none).
fn set_value(lines: &mut [String], index: &Index, keys: &[&str], value: &str) {
    let candidates: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim_start().trim_start_matches("- ");
            keys.iter().any(|k| t.starts_with(&format!("{k}:")))
        })
        .map(|(i, _)| i)
        .collect();
    let Some(&i) = (!candidates.is_empty()).then(|| index.get(&candidates)) else {
        return;
    };
    let line = &mut lines[i];
    if let Some(range) = value_range(line) {
        let sep = if range.start == line.len() && !line.ends_with(' ') {
            " "
        } else {
            ""
        };
        line.replace_range(range, &format!("{sep}{value}"));
    }
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_owned();
    for m in mutations {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        if lines.is_empty() {
            lines.push(String::new());
        }
        let n = lines.len();
        match m {
            Mutation::DeleteLine(i) => {
                lines.remove(i.index(n));
            }
            Mutation::DuplicateLine(i) => {
                let i = i.index(n);
                lines.insert(i, lines[i].clone());
            }
            Mutation::SwapLines(a, b) => lines.swap(a.index(n), b.index(n)),
            Mutation::ReplaceScalar(i, value, quoted) => {
                let i = i.index(n);
                if let Some(range) = value_range(&lines[i]) {
                    lines[i].replace_range(range, &as_yaml_value(value, *quoted));
                }
            }
            Mutation::SetLocation(i, v) => set_value(&mut lines, i, &["in"], v),
            Mutation::SetMethod(i, v) => set_value(&mut lines, i, &["method"], v),
            Mutation::SetType(i, v) => set_value(&mut lines, i, &["type"], v),
            Mutation::SetPath(i, v) => {
                set_value(&mut lines, i, &["path", "target"], &as_yaml_value(v, true))
            }
            Mutation::Indent(i, d) => {
                let i = i.index(n);
                let line = &mut lines[i];
                if *d > 0 {
                    line.insert_str(0, &" ".repeat(*d as usize));
                } else {
                    let spaces = line.len() - line.trim_start_matches(' ').len();
                    line.drain(..spaces.min(d.unsigned_abs() as usize));
                }
            }
            Mutation::InsertLine(i, l) => lines.insert(i.index(n + 1), l.clone()),
            Mutation::Char(i, c, insert) => {
                let joined = lines.join("\n");
                let mut chars: Vec<char> = joined.chars().collect();
                let at = i.index(chars.len() + 1);
                match (c, insert) {
                    (Some(c), true) => chars.insert(at, *c),
                    (Some(c), false) if at < chars.len() => chars[at] = *c,
                    (None, _) if at < chars.len() => {
                        chars.remove(at);
                    }
                    _ => {}
                }
                lines = vec![chars.into_iter().collect()];
            }
            Mutation::Truncate(i) => {
                let joined = lines.join("\n");
                let cut = joined
                    .char_indices()
                    .map(|(b, _)| b)
                    .nth(i.index(joined.chars().count().max(1)))
                    .unwrap_or(joined.len());
                lines = vec![joined[..cut].to_owned()];
            }
        }
        text = lines.join("\n");
        text.push('\n');
    }
    text
}

/// Which document of a seed the mutations edit.
#[derive(Debug, Clone, Copy)]
enum Target {
    Capability,
    Overlay,
    Companion,
}

#[test]
fn mutated_fixtures_do_not_panic() {
    let strategy = (
        any::<Index>(),
        prop_oneof![
            4 => Just(Target::Capability),
            1 => Just(Target::Overlay),
            1 => Just(Target::Companion),
        ],
        prop::collection::vec(mutation(), 1..8),
    );
    fuzz(
        "mutated fixtures",
        128,
        strategy,
        |(seed, target, mutations)| {
            let seed = seed.get(seeds());
            let mut capability = seed.capability.clone();
            let mut overlay = seed.overlay.clone();
            let mut companion = seed.companion.clone();
            match target {
                Target::Capability => capability = apply(&capability, &mutations),
                Target::Overlay => overlay = overlay.map(|o| apply(&o, &mutations)),
                Target::Companion => companion = companion.map(|c| apply(&c, &mutations)),
            }
            vec![(capability, overlay, companion)]
        },
    );
}

// ---------------------------------------------------------------------------------------
// (c) Structured documents
// ---------------------------------------------------------------------------------------

const VAR_NAMES: &[&str] = &[
    "id",
    "package_id",
    "package_name",
    "file_name",
    "path",
    "sha",
    "file_sha256",
    "type",
    "self",
    "Self",
    "crate",
    "x",
    "X",
    "_",
    "__",
    "1x",
    "a.b",
    "a-b",
    "body",
    "options",
    "send",
    "value",
    "client",
    "page",
    "cursor",
];

fn var_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(VAR_NAMES).prop_map(str::to_owned),
        2 => "[a-zA-Z_][a-zA-Z0-9_.-]{0,8}",
        1 => "[a-z0-9_]{1,3}",
    ]
}

/// One segment (or piece of one) of a path template.
fn segment() -> impl Strategy<Value = String> {
    let literals: &[&str] = &[
        "api",
        "v4",
        "v2",
        "projects",
        "groups",
        "group",
        "packages",
        "npm",
        "maven",
        "debian",
        "debian_distributions",
        "generic",
        "nuget",
        "-",
        "--",
        "key.asc",
        "dist-tags",
        "index.yaml",
        "@v",
        "type",
        "self",
        "é",
        "日本",
        "1",
        "_",
        "FindPackagesById\\(\\)",
        "authorize",
        "package_files",
        "a%2Fb",
    ];
    prop_oneof![
        5 => prop::sample::select(literals).prop_map(str::to_owned),
        4 => var_name().prop_map(|v| format!("{{{v}}}")),
        3 => var_name().prop_map(|v| format!("*{v}")),
        2 => var_name().prop_map(|v| format!("(*{v}/)")),
        1 => var_name().prop_map(|v| format!("({{{v}}})")),
        1 => (var_name(), var_name()).prop_map(|(a, b)| format!("({{{a}}}/*{b})")),
        1 => var_name().prop_map(|v| format!("binary-{{{v}}}")),
        1 => var_name().prop_map(|v| format!("{{{v}}}.info")),
        1 => var_name().prop_map(|v| format!("Packages\\(Id='*{v}'\\)")),
        1 => prop::sample::select(&["(", ")", "\\(", "\\)", "{", "}", "*", "\\", "?", "#", " ", "", "&", "="][..])
            .prop_map(str::to_owned),
        // A query string written into the path: fixed pairs, variables, unclear values.
        1 => (
            var_name(),
            var_name(),
            prop::sample::select(&["1", "a+b%20c", "", "1&&", "{", "x{y}", "*g", "1&bare"][..]),
        )
            .prop_map(|(k, v, fixed)| format!("items?{k}={{{v}}}&f={fixed}")),
        1 => "[a-z{}()*\\\\.-]{1,6}",
    ]
}

fn path_template() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(segment(), 0..8),
        any::<bool>(),
        prop_oneof![8 => Just("/"), 4 => Just("/api/v4/"), 1 => Just(""), 1 => Just("//")],
    )
        .prop_map(|(segments, trailing, prefix)| {
            let mut path = format!("{prefix}{}", segments.join("/"));
            if trailing {
                path.push('/');
            }
            path
        })
}

fn param_name(path: String) -> impl Strategy<Value = Option<String>> {
    // Names of the path's own variables, to reach the path-parameter rules.
    let vars: Vec<String> = path
        .split(['{', '}', '*', '/', '(', ')'])
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let from_path = if vars.is_empty() {
        Just("id".to_owned()).boxed()
    } else {
        prop::sample::select(vars).boxed()
    };
    let pool: &[&str] = &[
        "id",
        "page",
        "per_page",
        "cursor",
        "sort",
        "order_by",
        "type",
        "self",
        "$filter",
        "X-Request-Id",
        "a[b]",
        "a[]",
        "Symbolchecksum",
        "sha256",
        "md5",
        "",
        " ",
        "1abc",
        "body",
        "send",
        "options",
        "package_name",
        "ID",
        "Id",
        "é",
        "__",
    ];
    prop::option::weighted(
        0.95,
        prop_oneof![
            4 => from_path,
            4 => prop::sample::select(pool).prop_map(str::to_owned),
            1 => "\\PC{0,8}",
        ],
    )
}

#[derive(Debug, Clone)]
struct GenParam {
    name: Option<String>,
    location: Option<&'static str>,
    ty: Option<&'static str>,
    required: Option<bool>,
    description: Option<String>,
}

fn gen_param(path: String) -> impl Strategy<Value = GenParam> {
    let descriptions: &[&str] = &[
        "The ID or URL-encoded path of the project",
        "The ID or full path of the group",
        "The ID of a package",
        "",
        "path project group namespace",
        "line one\nline two\n\n```\ncode\n",
        "*/ /* {{ }} {% %} <script> `",
    ];
    (
        param_name(path),
        prop::option::weighted(0.97, location()),
        prop::option::weighted(0.7, prop::sample::select(TYPES)),
        prop::option::of(any::<bool>()),
        prop::option::of(prop_oneof![
            3 => prop::sample::select(descriptions).prop_map(str::to_owned),
            1 => "\\PC{0,30}",
        ]),
    )
        .prop_map(|(name, location, ty, required, description)| GenParam {
            name,
            location,
            ty,
            required,
            description,
        })
}

#[derive(Debug, Clone)]
struct GenOperation {
    name: Option<String>,
    method: Option<&'static str>,
    path: Option<String>,
    description: Option<String>,
    params: Vec<GenParam>,
    body: Option<&'static str>,
}

fn gen_operation(resource_path: String) -> impl Strategy<Value = GenOperation> {
    let own_path = prop::option::weighted(0.15, path_template());
    own_path.prop_flat_map(move |own| {
        let path = own.clone().unwrap_or_else(|| resource_path.clone());
        (
            prop::option::weighted(
                0.95,
                prop_oneof![
                    3 => "[a-z][a-z0-9]{0,12}",
                    1 => prop::sample::select(&["dup", "dup", "type", "", "é", "a-b", "A"][..])
                        .prop_map(str::to_owned),
                ],
            ),
            prop::option::weighted(0.98, method()),
            Just(own.clone()),
            prop::option::of("\\PC{0,40}"),
            prop::collection::vec(gen_param(path), 0..6),
            prop::option::weighted(
                0.2,
                prop::sample::select(&["json", "form", "multipart", "xml", ""][..]),
            ),
        )
            .prop_map(
                |(name, method, path, description, params, body)| GenOperation {
                    name,
                    method,
                    path,
                    description,
                    params,
                    body,
                },
            )
    })
}

#[derive(Debug, Clone)]
struct GenResource {
    path: Option<String>,
    operations: Vec<GenOperation>,
}

fn gen_resource() -> impl Strategy<Value = GenResource> {
    prop::option::weighted(0.97, path_template()).prop_flat_map(|path| {
        let p = path.clone().unwrap_or_default();
        (Just(path), prop::collection::vec(gen_operation(p), 0..4))
            .prop_map(|(path, operations)| GenResource { path, operations })
    })
}

#[derive(Debug, Clone)]
struct GenCapability {
    namespace: Option<String>,
    base_uri: Option<String>,
    label: Option<String>,
    resources: Vec<GenResource>,
    hints: Vec<(Option<bool>, Option<bool>, Option<bool>)>,
    binds: Vec<String>,
}

fn gen_capability() -> impl Strategy<Value = GenCapability> {
    (
        prop::option::of(prop_oneof![Just("ns".to_owned()), "\\PC{0,6}"]),
        prop::option::of(prop_oneof![
            Just("https://gitlab.example.com".to_owned()),
            Just("https://{site}.example.com".to_owned()),
            Just(String::new()),
            "\\PC{0,10}",
        ]),
        prop::option::of("\\PC{0,20}"),
        prop::collection::vec(gen_resource(), 0..5),
        prop::collection::vec(
            (
                prop::option::of(any::<bool>()),
                prop::option::of(any::<bool>()),
                prop::option::of(any::<bool>()),
            ),
            0..4,
        ),
        prop::collection::vec(
            prop_oneof![
                Just("API_KEY".to_owned()),
                Just("A_TOKEN".to_owned()),
                "\\PC{0,8}"
            ],
            0..3,
        ),
    )
        .prop_map(
            |(namespace, base_uri, label, resources, hints, binds)| GenCapability {
                namespace,
                base_uri,
                label,
                resources,
                hints,
                binds,
            },
        )
}

impl GenCapability {
    /// The capability as YAML (serialized, so every scalar is quoted where it must be).
    fn to_yaml(&self) -> String {
        use serde_yaml::{Mapping, Value};
        fn put(m: &mut Mapping, key: &str, value: impl Into<Value>) {
            m.insert(Value::from(key), value.into());
        }
        fn opt(m: &mut Mapping, key: &str, value: &Option<String>) {
            if let Some(v) = value {
                put(m, key, v.as_str());
            }
        }
        let mut resources = Vec::new();
        let mut calls = Vec::new();
        for (ri, r) in self.resources.iter().enumerate() {
            let mut res = Mapping::new();
            put(&mut res, "name", format!("resource-{ri}"));
            opt(&mut res, "path", &r.path);
            let mut ops = Vec::new();
            for o in &r.operations {
                let mut op = Mapping::new();
                opt(&mut op, "name", &o.name);
                if let Some(m) = o.method {
                    put(&mut op, "method", m);
                }
                opt(&mut op, "path", &o.path);
                opt(&mut op, "description", &o.description);
                put(&mut op, "outputRawFormat", "json");
                if let Some(kind) = o.body {
                    let mut body = Mapping::new();
                    put(&mut body, "type", kind);
                    put(&mut body, "data", "{{ x }}");
                    put(&mut op, "body", Value::Mapping(body));
                }
                let params: Vec<Value> = o
                    .params
                    .iter()
                    .map(|p| {
                        let mut pm = Mapping::new();
                        opt(&mut pm, "name", &p.name);
                        if let Some(l) = p.location {
                            put(&mut pm, "in", l);
                        }
                        if let Some(t) = p.ty {
                            put(&mut pm, "type", t);
                        }
                        opt(&mut pm, "description", &p.description);
                        if let Some(r) = p.required {
                            put(&mut pm, "required", r);
                        }
                        Value::Mapping(pm)
                    })
                    .collect();
                if !params.is_empty() {
                    put(&mut op, "inputParameters", Value::Sequence(params));
                }
                if let Some(name) = &o.name {
                    calls.push(format!(
                        "{}.{name}",
                        self.namespace.as_deref().unwrap_or_default()
                    ));
                }
                ops.push(Value::Mapping(op));
            }
            put(&mut res, "operations", Value::Sequence(ops));
            resources.push(Value::Mapping(res));
        }
        let mut consumes = Mapping::new();
        put(&mut consumes, "type", "http");
        opt(&mut consumes, "namespace", &self.namespace);
        opt(&mut consumes, "baseUri", &self.base_uri);
        put(&mut consumes, "resources", Value::Sequence(resources));
        let tools: Vec<Value> = self
            .hints
            .iter()
            .zip(calls)
            .map(|((r, d, i), call)| {
                let mut hints = Mapping::new();
                for (k, v) in [("readOnly", r), ("destructive", d), ("idempotent", i)] {
                    if let Some(v) = v {
                        put(&mut hints, k, *v);
                    }
                }
                let mut tool = Mapping::new();
                put(&mut tool, "name", "tool");
                put(&mut tool, "call", call);
                put(&mut tool, "hints", Value::Mapping(hints));
                Value::Mapping(tool)
            })
            .collect();
        let mut exposes = Mapping::new();
        put(&mut exposes, "type", "mcp");
        put(&mut exposes, "tools", Value::Sequence(tools));
        let mut capability = Mapping::new();
        put(
            &mut capability,
            "consumes",
            Value::Sequence(vec![Value::Mapping(consumes)]),
        );
        put(
            &mut capability,
            "exposes",
            Value::Sequence(vec![Value::Mapping(exposes)]),
        );
        let mut keys = Mapping::new();
        for b in &self.binds {
            put(&mut keys, b, b.as_str());
        }
        let mut bind = Mapping::new();
        put(&mut bind, "namespace", "env");
        put(&mut bind, "keys", Value::Mapping(keys));
        let mut info = Mapping::new();
        opt(&mut info, "label", &self.label);
        let mut root = Mapping::new();
        put(&mut root, "naftiko", "1.0.0-alpha2");
        put(&mut root, "info", Value::Mapping(info));
        put(
            &mut root,
            "binds",
            Value::Sequence(vec![Value::Mapping(bind)]),
        );
        put(&mut root, "capability", Value::Mapping(capability));
        serde_yaml::to_string(&Value::Mapping(root)).expect("a YAML value serializes")
    }
}

// Tame capabilities: valid structure, odd names. Most get through lowering and
// normalization, so naming, the companion join and emission see the odd names.

/// A parameter name that lowering accepts but naming and emission must make usable.
fn odd_name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(&[
            "id", "page", "per_page", "cursor", "sort", "order_by", "package_type", "status",
            "1abc", "2", "x²", "é", "ÿ", "ⅸ", "日本", "🦀", "a b", "a[b]", "a[]", "$filter",
            "X-Request-Id", "Symbolchecksum", "sha256", "type", "self", "Self", "crate",
            "super", "_", "__", "r#type", "async", "body", "send", "options", "builder",
            "value", "Value", "client", "new", "into_items", "send_page", "A", "a", "ID", "Id",
            "id_", "_id", "id__", "a.b", "a-b", "a--b", "-", ".", "..", "*", "{x}", "(x)",
        ][..]).prop_map(str::to_owned),
        2 => "[a-zA-Z0-9_.$ -]{1,10}",
        1 => "\\PC{1,6}",
    ]
}

fn tame_segment() -> impl Strategy<Value = String> {
    let literals: &[&str] = &[
        "projects",
        "groups",
        "group",
        "packages",
        "npm",
        "maven",
        "debian",
        "generic",
        "debian_distributions",
        "-",
        "key.asc",
        "dist-tags",
        "index.yaml",
        "@v",
        "type",
        "self",
        "é",
        "1",
        "_",
        "authorize",
        "package_files",
        "files",
        "x²",
        "a%2Fb",
    ];
    prop_oneof![
        5 => prop::sample::select(literals).prop_map(str::to_owned),
        4 => var_name().prop_map(|v| format!("{{{v}}}")),
        2 => var_name().prop_map(|v| format!("*{v}")),
        1 => var_name().prop_map(|v| format!("(*{v}/)x")),
        1 => var_name().prop_map(|v| format!("binary-{{{v}}}")),
        1 => var_name().prop_map(|v| format!("{{{v}}}.info")),
        1 => var_name().prop_map(|v| format!("Packages\\(Id='*{v}'\\)")),
    ]
}

fn tame_operation(path: String) -> impl Strategy<Value = GenOperation> {
    let vars: Vec<String> = generator::path_template::parse(&path)
        .map(|t| {
            t.variables()
                .into_iter()
                .map(|(name, _)| name.to_owned())
                .collect()
        })
        .unwrap_or_default();
    let has_vars = !vars.is_empty();
    let var = if vars.is_empty() {
        Just("id".to_owned()).boxed()
    } else {
        prop::sample::select(vars).boxed()
    };
    // A path variable declared in the path (or, as GitLab does for globs, the query); any
    // other name elsewhere.
    let name_and_location = prop_oneof![
        3 => (
            var,
            if has_vars {
                prop_oneof![4 => Just("path"), 1 => Just("query")].boxed()
            } else {
                Just("query").boxed()
            },
        ),
        5 => (
            odd_name(),
            prop_oneof![
                6 => Just("query"), 1 => Just("header"), 1 => Just("formData"), 1 => Just("body"),
            ],
        ),
    ];
    let param = (
        name_and_location,
        prop::option::of(prop::sample::select(&TYPES[..7])),
        prop::option::of(any::<bool>()),
        prop::option::of(prop::sample::select(
            &[
                "The ID or URL-encoded path of the project",
                "The ID of a package",
                "line one\nline two\n\n```\ncode",
                "*/ /* {{ }} {% %} <b> `x` [a](b) \\",
            ][..],
        )),
    )
        .prop_map(|((name, location), ty, required, description)| GenParam {
            name: Some(name),
            location: Some(location),
            ty,
            required,
            description: description.map(str::to_owned),
        });
    (
        "[a-z][a-z0-9]{0,10}",
        prop::sample::select(&METHODS[..7]),
        prop::option::of("\\PC{0,30}"),
        prop::collection::vec(param, 0..5),
    )
        .prop_map(|(name, method, description, params)| {
            // One body at most, and no form fields beside it: lowering refuses those, and
            // that is not what this is for.
            let mut body = false;
            let mut params: Vec<GenParam> = params
                .into_iter()
                .filter(|p| p.location != Some("body") || !std::mem::replace(&mut body, true))
                .collect();
            if body {
                params.retain(|p| p.location != Some("formData"));
            }
            GenOperation {
                name: Some(name),
                method: Some(method),
                path: None,
                description,
                params,
                body: None,
            }
        })
}

fn tame_capability() -> impl Strategy<Value = GenCapability> {
    let resource = prop::collection::vec(tame_segment(), 0..6).prop_flat_map(|segments| {
        let path = format!("/api/v4/{}", segments.join("/"));
        (
            Just(path.clone()),
            prop::collection::vec(tame_operation(path), 1..4),
        )
            .prop_map(|(path, operations)| GenResource {
                path: Some(path),
                operations,
            })
    });
    (
        prop::collection::vec(resource, 1..5),
        prop::collection::vec(
            (
                prop::option::of(any::<bool>()),
                prop::option::of(any::<bool>()),
                prop::option::of(any::<bool>()),
            ),
            0..4,
        ),
    )
        .prop_map(|(resources, hints)| GenCapability {
            namespace: Some("ns".to_owned()),
            base_uri: Some("https://gitlab.example.com".to_owned()),
            label: Some("Tame".to_owned()),
            resources,
            hints,
            binds: vec!["API_TOKEN".to_owned()],
        })
}

#[test]
fn tame_capabilities_do_not_panic() {
    fuzz(
        "tame capabilities (odd names)",
        96,
        tame_capability().prop_flat_map(|c| {
            let yaml = c.to_yaml();
            let (targets, params) = targets_of(&yaml);
            (Just(yaml), gen_overlay(targets, params))
        }),
        |(capability, overlay)| {
            let typing = typing_overlay(&targets_of(&capability).0);
            vec![
                capability_only(capability.clone()),
                (capability.clone(), Some(typing), None),
                (capability, Some(overlay.to_yaml()), None),
            ]
        },
    );
}

// Random overlays.

/// A `params` entry: name, `type`, `one_segment`, `enum`.
type GenParamAction = (String, Option<&'static str>, Option<bool>, Option<String>);

/// A `schemas` entry: key, `name`, `map_of`, `required`, `fields` (name, `type`, `list`).
type GenSchemaAction = (
    String,
    Option<String>,
    Option<String>,
    Vec<String>,
    Vec<(String, Option<String>, bool)>,
);

#[derive(Debug, Clone)]
struct GenAction {
    target: String,
    rename: Option<String>,
    response: Option<&'static str>,
    body: Option<&'static str>,
    multipart_file: Option<String>,
    response_list: Option<bool>,
    body_type: Option<String>,
    params: Vec<GenParamAction>,
}

/// A `groups` entry: name, `title`, `paths`.
type GenGroup = (String, Option<String>, Vec<String>);

#[derive(Debug, Clone)]
struct GenOverlay {
    version: i64,
    actions: Vec<GenAction>,
    schemas: Vec<GenSchemaAction>,
    type_names: Vec<(String, String)>,
    groups: Vec<GenGroup>,
    readme: Option<String>,
}

/// `groups` entries: module names (odd ones too: keywords, the crate's own modules, not
/// snake_case), titles, and path segments (some that cannot be used).
fn gen_groups() -> impl Strategy<Value = Vec<GenGroup>> {
    let name = prop_oneof![
        4 => prop::sample::select(&[
            "core", "npm", "packages", "items", "type", "runtime", "types", "default", "std",
            "_2fa", "_", "a_b",
        ][..]).prop_map(str::to_owned),
        1 => prop::sample::select(&["Npm", "", "a-b", "1x", "é"][..]).prop_map(str::to_owned),
    ];
    let title = prop::option::weighted(
        0.7,
        prop_oneof![
            4 => prop::sample::select(&["npm registry", "The core API: list, get", "`x` [y]"][..])
                .prop_map(str::to_owned),
            1 => prop::sample::select(&["", "a | b", "two\nlines", " "][..]).prop_map(str::to_owned),
        ],
    );
    let path = prop_oneof![
        4 => prop::sample::select(&[
            "packages", "packages/npm", "items", "v1", "api/v4", "/x/", "-", "projects",
        ][..]).prop_map(str::to_owned),
        1 => prop::sample::select(&["", "a//b", "{id}", "*x", "/"][..]).prop_map(str::to_owned),
        1 => var_name(),
    ];
    prop::collection::vec((name, title, prop::collection::vec(path, 0..3)), 0..3)
}

/// A README section: Markdown, a template that uses the README's values, or one that does
/// not compile or render.
fn gen_readme() -> impl Strategy<Value = Option<String>> {
    prop::option::weighted(
        0.3,
        prop::sample::select(
            &[
                "Log in:\n\n```rust,no_run\nuse {{ crate_ident }}::Client;\n```\n",
                "{{ nope }}",
                "{% if x %}",
                "{{ 1 / 0 }}",
                "{% for g in groups %}{{ g.title }}{% endfor %}",
                "",
            ][..],
        )
        .prop_map(str::to_owned),
    )
}

/// Names of the types, schemas and parameters the overlay may touch.
fn type_name() -> impl Strategy<Value = String> {
    prop_oneof![
        10 => prop::sample::select(&[
            "Package", "PackageType", "Sort", "SortDirection", "OrderBy", "Foo", "Vec",
            "String", "Option", "Result", "Client", "Error", "Value", "Other", "Types",
            "PackageLinks", "DebianDistribution", "NewDebianDistribution", "X1",
        ][..]).prop_map(str::to_owned),
        2 => prop::sample::select(&[
            "foo", "foo bar", "", "1X", "Self", "self", "crate", "r#X", "_", "é", "Ü", "A-B",
            "API_Entities_Package", "string", "integer", "id", "number", "boolean",
            "date_time", "json",
        ][..]).prop_map(str::to_owned),
        1 => "\\PC{0,8}",
    ]
}

fn rust_name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z_][a-z0-9_]{0,10}",
        1 => prop::sample::select(&[
            "_", "__", "type", "self", "r#type", "Foo", "a b", "", "1a", "send", "options",
            "new", "builder", "é", "list_project_packages", "get_packages",
        ][..]).prop_map(str::to_owned),
    ]
}

fn gen_overlay(targets: Vec<String>, params: Vec<String>) -> impl Strategy<Value = GenOverlay> {
    gen_overlay_for(targets, params, Vec::new())
}

/// An overlay for these targets, parameters and companion schemas.
fn gen_overlay_for(
    targets: Vec<String>,
    params: Vec<String>,
    schemas: Vec<String>,
) -> impl Strategy<Value = GenOverlay> {
    let mut schemas = schemas;
    schemas.extend(
        [
            "API_Entities_Package",
            "API_Entities_Package_Pipeline",
            "postApiV4ProjectsIdDebianDistributions",
            "API_Entities_Packages_Debian_Distribution",
        ]
        .map(str::to_owned),
    );
    let targets = if targets.is_empty() {
        vec!["GET /x".to_owned()]
    } else {
        targets
    };
    let params = if params.is_empty() {
        vec!["id".to_owned()]
    } else {
        params
    };
    let target = prop_oneof![
        16 => prop::sample::select(targets),
        1 => (method(), path_template()).prop_map(|(m, p)| format!("{m} {p}")),
        1 => odd_scalar(),
    ];
    let param = (
        prop_oneof![4 => prop::sample::select(params), 1 => var_name()],
        prop::option::of(prop::sample::select(
            &["string", "integer", "boolean", "id_or_path"][..],
        )),
        prop::option::of(any::<bool>()),
        prop::option::weighted(0.3, type_name()),
    );
    let action = (
        target,
        prop::option::of(rust_name()),
        prop::option::of(prop::sample::select(
            &["json", "text", "bytes", "empty", "raw"][..],
        )),
        prop::option::weighted(
            0.3,
            prop::sample::select(&["raw", "json", "form", "multipart"][..]),
        ),
        prop::option::weighted(0.2, var_name()),
        prop::option::weighted(0.2, any::<bool>()),
        prop::option::weighted(0.1, body_type()),
        prop::collection::vec(param, 0..3),
    )
        .prop_map(
            |(target, rename, response, body, multipart_file, response_list, body_type, params)| {
                GenAction {
                    target,
                    rename,
                    response,
                    body,
                    multipart_file,
                    response_list,
                    body_type,
                    params,
                }
            },
        );
    let field = (
        prop_oneof![
            Just("id".to_owned()),
            Just("name".to_owned()),
            Just("tags".to_owned()),
            Just("pipelines".to_owned()),
            Just("type".to_owned()),
            var_name(),
        ],
        prop::option::of(type_name()),
        any::<bool>(),
    );
    let schema = (
        prop_oneof![
            3 => prop::sample::select(schemas),
            1 => type_name(),
        ],
        prop::option::weighted(0.3, type_name()),
        prop::option::weighted(0.15, type_name()),
        prop::collection::vec(
            prop_oneof![Just("id".to_owned()), Just("name".to_owned()), var_name()],
            0..3,
        ),
        prop::collection::vec(field, 0..3),
    );
    (
        prop_oneof![40 => Just(1i64), 1 => Just(2i64), 1 => Just(0i64)],
        prop::collection::vec(action, 0..4),
        prop::collection::vec(schema, 0..3),
        prop::collection::vec(
            (
                prop_oneof![
                    4 => prop::sample::select(&[
                        "SortDirection", "Package", "PackageLinks", "PackagePipeline",
                        "NewDebianDistribution", "DebianDistribution",
                    ][..]).prop_map(str::to_owned),
                    1 => type_name(),
                ],
                type_name(),
            ),
            0..2,
        ),
        gen_groups(),
        gen_readme(),
    )
        .prop_map(
            |(version, actions, schemas, type_names, groups, readme)| GenOverlay {
                version,
                actions,
                schemas,
                type_names,
                groups,
                readme,
            },
        )
}

impl GenOverlay {
    fn to_yaml(&self) -> String {
        use serde_yaml::{Mapping, Value};
        fn put(m: &mut Mapping, key: &str, value: impl Into<Value>) {
            m.insert(Value::from(key), value.into());
        }
        let mut root = Mapping::new();
        put(&mut root, "overlay", self.version);
        let actions: Vec<Value> = self
            .actions
            .iter()
            .map(|a| {
                let mut m = Mapping::new();
                put(&mut m, "target", a.target.as_str());
                if let Some(v) = &a.rename {
                    put(&mut m, "rename", v.as_str());
                }
                if let Some(v) = a.response {
                    put(&mut m, "response", v);
                }
                if let Some(v) = a.body {
                    put(&mut m, "body", v);
                }
                if let Some(v) = &a.multipart_file {
                    put(&mut m, "multipart_file", v.as_str());
                }
                if let Some(v) = a.response_list {
                    put(&mut m, "response_list", v);
                }
                if let Some(v) = &a.body_type {
                    put(&mut m, "body_type", v.as_str());
                }
                if !a.params.is_empty() {
                    let mut params = Mapping::new();
                    for (name, ty, one_segment, enum_name) in &a.params {
                        let mut p = Mapping::new();
                        if let Some(t) = ty {
                            put(&mut p, "type", *t);
                        }
                        if let Some(o) = one_segment {
                            put(&mut p, "one_segment", *o);
                        }
                        if let Some(e) = enum_name {
                            put(&mut p, "enum", e.as_str());
                        }
                        put(&mut params, name, Value::Mapping(p));
                    }
                    put(&mut m, "params", Value::Mapping(params));
                }
                Value::Mapping(m)
            })
            .collect();
        put(&mut root, "operations", Value::Sequence(actions));
        let mut schemas = Mapping::new();
        for (key, name, map_of, required, fields) in &self.schemas {
            let mut s = Mapping::new();
            if let Some(n) = name {
                put(&mut s, "name", n.as_str());
            }
            if let Some(m) = map_of {
                put(&mut s, "map_of", m.as_str());
            }
            put(
                &mut s,
                "required",
                Value::Sequence(required.iter().map(|r| Value::from(r.as_str())).collect()),
            );
            let mut fm = Mapping::new();
            for (f, ty, list) in fields {
                let mut a = Mapping::new();
                if let Some(t) = ty {
                    put(&mut a, "type", t.as_str());
                }
                put(&mut a, "list", *list);
                put(&mut fm, f, Value::Mapping(a));
            }
            put(&mut s, "fields", Value::Mapping(fm));
            put(&mut schemas, key, Value::Mapping(s));
        }
        put(&mut root, "schemas", Value::Mapping(schemas));
        let mut names = Mapping::new();
        for (from, to) in &self.type_names {
            put(&mut names, from, to.as_str());
        }
        put(&mut root, "type_names", Value::Mapping(names));
        if !self.groups.is_empty() {
            let mut groups = Mapping::new();
            for (name, title, paths) in &self.groups {
                let mut g = Mapping::new();
                if let Some(t) = title {
                    put(&mut g, "title", t.as_str());
                }
                put(
                    &mut g,
                    "paths",
                    Value::Sequence(paths.iter().map(|p| Value::from(p.as_str())).collect()),
                );
                put(&mut groups, name, Value::Mapping(g));
            }
            put(&mut root, "groups", Value::Mapping(groups));
        }
        if let Some(text) = &self.readme {
            let mut readme = Mapping::new();
            put(&mut readme, "authentication", text.as_str());
            put(&mut root, "readme", Value::Mapping(readme));
        }
        serde_yaml::to_string(&Value::Mapping(root)).expect("a YAML value serializes")
    }
}

/// The `METHOD path` of every operation of a capability, and its parameters' names.
fn targets_of(capability: &str) -> (Vec<String>, Vec<String>) {
    let (targets, params) = targets_and_params_of(capability);
    (targets, params.into_iter().map(|(name, _)| name).collect())
}

/// The `METHOD path` of every operation of a capability, and its parameters' names and
/// locations.
fn targets_and_params_of(capability: &str) -> (Vec<String>, Vec<(String, String)>) {
    let Ok(loaded) = spec::parse(Path::new("c.yaml"), capability) else {
        return (Vec::new(), Vec::new());
    };
    let mut targets = Vec::new();
    let mut params = Vec::new();
    for c in &loaded.document.capability.consumes {
        for r in &c.resources {
            for o in &r.operations {
                if let (Some(m), Some(p)) = (&o.method, o.path.as_ref().or(r.path.as_ref())) {
                    targets.push(format!("{m} {p}"));
                }
                params.extend(o.input_parameters.iter().filter_map(|p| {
                    Some((p.name.clone()?, p.location.clone().unwrap_or_default()))
                }));
            }
        }
    }
    params.extend(
        [("package_version", "path"), ("path", "path")].map(|(n, l)| (n.to_owned(), l.to_owned())),
    );
    (targets, params)
}

/// An overlay that types every operation: JSON responses, and JSON bodies for writes, so
/// that the companion's schemas are all used.
fn typing_overlay(targets: &[String]) -> String {
    let mut seen = std::collections::BTreeSet::new();
    let mut text = String::from("overlay: 1\noperations:\n");
    for target in targets {
        let normalized = match target.split_once(' ') {
            Some((m, p)) => format!("{} {}", m.to_ascii_uppercase(), p.trim()),
            None => target.clone(),
        };
        if !seen.insert(normalized) {
            continue;
        }
        let quoted = serde_yaml::to_string(target).expect("a string serializes");
        text.push_str(&format!("- target: {}  response: json\n", quoted));
        if ["POST ", "PUT ", "PATCH "]
            .iter()
            .any(|m| target.starts_with(m))
        {
            text.push_str("  body: json\n");
        }
    }
    text
}

/// A golden fixture with an overlay and a companion, and a random overlay for it.
fn golden_with_overlay() -> impl Strategy<Value = (&'static Seed, bool, GenOverlay)> {
    prop::sample::select(vec![
        "overlay",
        "companion",
        "odd-names",
        "minimal",
        "formats",
    ])
    .prop_flat_map(|name| {
        let seed = golden(name);
        let (targets, params) = targets_of(&seed.capability);
        (Just(seed), any::<bool>(), gen_overlay(targets, params))
    })
}

#[test]
fn generated_capabilities_do_not_panic() {
    fuzz("generated capabilities", 96, gen_capability(), |c| {
        vec![capability_only(c.to_yaml())]
    });
}

#[test]
fn generated_capabilities_with_overlays_do_not_panic() {
    let strategy = gen_capability().prop_flat_map(|c| {
        let (targets, params) = targets_of(&c.to_yaml());
        (Just(c), gen_overlay(targets, params))
    });
    fuzz(
        "generated capabilities with overlays",
        96,
        strategy,
        |(capability, overlay)| vec![(capability.to_yaml(), Some(overlay.to_yaml()), None)],
    );
}

#[test]
fn random_overlays_on_golden_capabilities_do_not_panic() {
    fuzz(
        "random overlays on golden capabilities",
        96,
        golden_with_overlay(),
        |(seed, with_companion, overlay)| {
            let companion = if with_companion {
                golden("companion").companion.clone()
            } else {
                seed.companion.clone()
            };
            vec![(seed.capability.clone(), Some(overlay.to_yaml()), companion)]
        },
    );
}

// Random companion documents.

/// Names for schemas, properties and parameters of a companion.
fn companion_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(&[
            "API_Entities_Package", "API_Entities_Packages_Debian_Distribution",
            "API_Entities_", "API_Entities_Packages_", "API_Entities_Packages_1",
            "API_Entities_1x", "postApiV4Projects", "id", "name", "_links", "type", "self",
            "Self", "Other", "other", "__", "_", "", " ", "1", "1x", "a b", "a-b", "x²",
            "é", "ÿ", "ⅸ", "日本", "🦀", "A", "a", "sort", "order_by", "package_type",
            "a[b]", "$filter", "id_or_path", "value", "Value",
        ][..]).prop_map(str::to_owned),
        1 => "\\PC{0,8}",
    ]
}

/// A YAML scalar, as an enum value or a mapping key.
fn companion_scalar() -> impl Strategy<Value = serde_yaml::Value> {
    use serde_yaml::Value;
    prop_oneof![
        6 => companion_name().prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<f64>().prop_map(Value::from),
        1 => any::<bool>().prop_map(Value::from),
        1 => Just(Value::Null),
    ]
}

fn mapping(entries: Vec<(&str, serde_yaml::Value)>) -> serde_yaml::Value {
    serde_yaml::Value::Mapping(
        entries
            .into_iter()
            .map(|(k, v)| (serde_yaml::Value::from(k), v))
            .collect(),
    )
}

/// A schema: scalars, references (to a definition, a missing one, itself), arrays and
/// inline objects, nested a few levels.
fn companion_schema(definitions: Vec<String>) -> impl Strategy<Value = serde_yaml::Value> {
    use serde_yaml::Value;
    let mut references = definitions;
    references.extend([
        "Missing".to_owned(),
        String::new(),
        "#/definitions".to_owned(),
    ]);
    let leaf = prop_oneof![
        4 => (
            prop::sample::select(&[
                "string", "integer", "number", "boolean", "object", "array", "file", "",
                "date_time", "json", "id", "null",
            ][..]),
            prop::option::weighted(0.3, prop::sample::select(&["date-time", "int32", "", "uuid"][..])),
        )
            .prop_map(|(ty, format)| {
                let mut entries = vec![("type", Value::from(ty))];
                if let Some(f) = format {
                    entries.push(("format", Value::from(f)));
                }
                mapping(entries)
            }),
        3 => prop::sample::select(references)
            .prop_map(|r| mapping(vec![("$ref", Value::from(format!("#/definitions/{r}")))])),
    ];
    leaf.prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            2 => inner.clone().prop_map(|items| mapping(vec![
                ("type", Value::from("array")),
                ("items", items),
            ])),
            1 => inner.clone().prop_map(|items| mapping(vec![("items", items)])),
            3 => (
                prop::collection::vec(
                    (
                        companion_scalar(),
                        prop_oneof![
                            // Properties are read leniently: any value is a schema.
                            8 => inner,
                            1 => companion_scalar(),
                            1 => Just(Value::Sequence(Vec::new())),
                        ],
                    ),
                    0..5,
                ),
                prop::option::of("\\PC{0,12}"),
            )
                .prop_map(|(properties, description)| {
                    let mut entries = vec![
                        ("type", Value::from("object")),
                        (
                            "properties",
                            Value::Mapping(properties.into_iter().collect()),
                        ),
                    ];
                    if let Some(d) = description {
                        entries.push(("description", Value::from(d)));
                    }
                    mapping(entries)
                }),
        ]
    })
}

/// One Swagger parameter, named like one of the capability's or not.
fn companion_parameter(
    names: Vec<(String, String)>,
    definitions: Vec<String>,
) -> impl Strategy<Value = serde_yaml::Value> {
    use serde_yaml::Value;
    let names = if names.is_empty() {
        vec![("id".to_owned(), "path".to_owned())]
    } else {
        names
    };
    let locations = &["query", "path", "header", "formData", "body", "cookie", ""][..];
    let name_and_location = prop_oneof![
        // As the capability declares it (an enum to join)…
        6 => prop::sample::select(names.clone()),
        // …or elsewhere, or another name.
        1 => (prop::sample::select(names), prop::sample::select(locations))
            .prop_map(|((n, _), l)| (n, l.to_owned())),
        1 => (companion_name(), prop::sample::select(locations))
            .prop_map(|(n, l)| (n, l.to_owned())),
    ];
    (
        name_and_location,
        prop::option::weighted(
            0.7,
            prop::collection::vec(companion_scalar(), 0..5).prop_map(Value::Sequence),
        ),
        prop::option::weighted(0.2, companion_schema(definitions.clone())),
        prop::option::weighted(0.3, companion_schema(definitions)),
    )
        .prop_map(|((name, location), values, items, schema)| {
            let location = if location == "formData" || location.is_empty() {
                location
            } else {
                location.to_ascii_lowercase()
            };
            let mut entries = vec![
                ("name", Value::from(name)),
                ("in", Value::from(location)),
                ("type", Value::from("string")),
            ];
            if let Some(v) = values {
                entries.push(("enum", v));
            }
            if let Some(i) = items {
                entries.push(("items", i));
            }
            if let Some(s) = schema {
                entries.push(("schema", s));
            }
            mapping(entries)
        })
}

/// A Swagger 2.0 document for (mostly) the capability's operations.
fn gen_companion(
    targets: Vec<String>,
    params: Vec<(String, String)>,
) -> impl Strategy<Value = (Vec<String>, String)> {
    use serde_yaml::Value;
    prop::collection::vec(companion_name(), 0..6).prop_flat_map(move |mut definitions| {
        definitions.sort();
        definitions.dedup();
        let mut targets = targets.clone();
        targets.push("GET /api/v4/only/in/the/companion".to_owned());
        let operation = (
            prop_oneof![
                8 => prop::sample::select(targets),
                1 => (method(), path_template()).prop_map(|(m, p)| format!("{m} {p}")),
            ],
            prop::option::of("\\PC{0,12}"),
            prop::option::of("\\PC{0,12}"),
            prop::collection::vec(
                companion_parameter(params.clone(), definitions.clone()),
                0..4,
            ),
            prop::collection::vec(
                (
                    prop::sample::select(&["200", "201", "204", "2xx", "default", "404", ""][..]),
                    prop::option::weighted(0.8, companion_schema(definitions.clone())),
                ),
                0..3,
            ),
        );
        (
            Just(definitions.clone()),
            prop::collection::vec(operation, 0..8),
            prop::collection::vec(companion_schema(definitions.clone()), definitions.len()),
            prop_oneof![40 => Just("2.0"), 1 => Just("3.0")],
        )
            .prop_map(|(definitions, operations, schemas, version)| {
                let mut paths = serde_yaml::Mapping::new();
                for (target, summary, description, parameters, responses) in operations {
                    let (method, path) = target.split_once(' ').unwrap_or(("GET", &target));
                    let mut op = vec![("parameters", Value::Sequence(parameters))];
                    if let Some(s) = summary {
                        op.push(("summary", Value::from(s)));
                    }
                    if let Some(d) = description {
                        op.push(("description", Value::from(d)));
                    }
                    let responses: serde_yaml::Mapping = responses
                        .into_iter()
                        .map(|(code, schema)| {
                            let mut r = vec![("description", Value::from("answer"))];
                            if let Some(s) = schema {
                                r.push(("schema", s));
                            }
                            (Value::from(code), mapping(r))
                        })
                        .collect();
                    op.push(("responses", Value::Mapping(responses)));
                    let entry = paths
                        .entry(Value::from(path))
                        .or_insert_with(|| Value::Mapping(serde_yaml::Mapping::new()));
                    if let Value::Mapping(m) = entry {
                        m.insert(Value::from(method.to_ascii_lowercase()), mapping(op));
                    }
                }
                let definitions_map: serde_yaml::Mapping = definitions
                    .iter()
                    .cloned()
                    .zip(schemas)
                    .map(|(name, schema)| (Value::from(name), schema))
                    .collect();
                let document = mapping(vec![
                    ("swagger", Value::from(version)),
                    ("paths", Value::Mapping(paths)),
                    ("definitions", Value::Mapping(definitions_map)),
                ]);
                (
                    definitions,
                    serde_yaml::to_string(&document).expect("a YAML value serializes"),
                )
            })
    })
}

/// A capability (golden or generated), a companion for it and an overlay for both.
fn capability_companion_overlay() -> impl Strategy<Value = (String, String, String)> {
    let capability = prop_oneof![
        2 => prop::sample::select(vec!["companion", "overlay", "formats", "odd-names", "minimal"])
            .prop_map(|name| golden(name).capability.clone()),
        2 => tame_capability().prop_map(|c| c.to_yaml()),
        1 => gen_capability().prop_map(|c| c.to_yaml()),
    ];
    capability.prop_flat_map(|capability| {
        let (targets, params) = targets_and_params_of(&capability);
        let names: Vec<String> = params.iter().map(|(n, _)| n.clone()).collect();
        gen_companion(targets.clone(), params).prop_flat_map(move |(definitions, companion)| {
            (
                Just(capability.clone()),
                Just(companion),
                gen_overlay_for(targets.clone(), names.clone(), definitions)
                    .prop_map(|o| o.to_yaml()),
            )
        })
    })
}

#[test]
fn generated_companions_do_not_panic() {
    fuzz(
        "generated companions",
        64,
        capability_companion_overlay(),
        |(capability, companion, overlay)| {
            let typing = typing_overlay(&targets_of(&capability).0);
            vec![
                (capability.clone(), None, Some(companion.clone())),
                (capability.clone(), Some(typing), Some(companion.clone())),
                (capability, Some(overlay), Some(companion)),
            ]
        },
    );
}

// ---------------------------------------------------------------------------------------
// The fixtures themselves, and regressions
// ---------------------------------------------------------------------------------------

#[track_caller]
fn assert_no_panic(capability: &str, overlay: Option<&str>, companion: Option<&str>) -> Outcome {
    no_panic(capability, overlay, companion).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn fixtures_do_not_panic() {
    for seed in seeds() {
        let outcome = assert_no_panic(
            &seed.capability,
            seed.overlay.as_deref(),
            seed.companion.as_deref(),
        );
        // The golden fixtures generate; the bad specs' refusals are `tests/cli.rs`'s.
        if !seed.name.ends_with(".yaml") {
            assert!(
                matches!(outcome, Outcome::Generated { .. }),
                "{}: {outcome:?}",
                seed.name
            );
        }
    }
}

/// Every file under `tests/fuzz-regressions/`: `NAME.yaml` is a capability, with
/// `NAME.overlay.yaml` and `NAME.companion.yml` beside it when the crash needed them.
#[test]
fn regressions_do_not_panic() {
    let dir = repository().join("tests/fuzz-regressions");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".yaml") else {
            continue;
        };
        if stem.ends_with(".overlay") {
            continue;
        }
        let read = |p: PathBuf| std::fs::read_to_string(p).ok();
        let capability = read(path.clone()).unwrap();
        let overlay = read(dir.join(format!("{stem}.overlay.yaml")));
        let companion = read(dir.join(format!("{stem}.companion.yml")));
        if let Err(e) = no_panic(&capability, overlay.as_deref(), companion.as_deref()) {
            panic!("{}: {e}", path.display());
        }
    }
}

/// The refusal of an input that once crashed the generator: no panic, and a diagnostic
/// whose message contains `needle`.
#[track_caller]
fn assert_refused(capability: &str, overlay: Option<&str>, companion: Option<&str>, needle: &str) {
    assert!(
        matches!(
            assert_no_panic(capability, overlay, companion),
            Outcome::Refused
        ),
        "accepted"
    );
    let loaded = spec::parse(Path::new("capability.yaml"), capability);
    let errors = loaded
        .and_then(|l| {
            let overlay = overlay
                .map(|t| Overlay::parse(Path::new("overlay.yaml"), t))
                .transpose()?;
            let companion = companion
                .map(|t| Companion::parse(Path::new("companion.yml"), t))
                .transpose()?;
            ir_from(&l, overlay.as_ref(), companion.as_ref()).map(drop)
        })
        .unwrap_err();
    assert!(
        errors.0.iter().any(|d| d.message.contains(needle)),
        "no diagnostic says `{needle}`:\n{errors}"
    );
}

/// Found by `random_overlays_on_golden_capabilities_do_not_panic`: an overlay `enum` name
/// that is no identifier reached `Ident::new` in `emit` (panic "`\"foo bar\"` is not a valid
/// Ident"). Fixed in `overlay/mod.rs`, `Overlay::parse` (`check_type_names`).
#[test]
fn regression_overlay_enum_name_is_not_an_identifier() {
    let overlay = "overlay: 1
operations:
  - target: GET /api/v4/projects/{id}/packages
    params:
      id:
        enum: foo bar
";
    assert_refused(
        &golden("minimal").capability,
        Some(overlay),
        None,
        "`enum` `foo bar` is not a Rust type name",
    );
    // The same for a schema's `name` and a `type_names` target.
    let overlay = "overlay: 1\nschemas:\n  API_Entities_Package:\n    name: 1Package\n";
    assert_refused(
        &golden("companion").capability,
        Some(overlay),
        golden("companion").companion.as_deref(),
        "`name` `1Package` is not a Rust type name",
    );
    let overlay = "overlay: 1\ntype_names:\n  Sort: sort-direction\n";
    assert_refused(
        &golden("companion").capability,
        Some(overlay),
        golden("companion").companion.as_deref(),
        "`type_names` target `sort-direction` is not a Rust type name",
    );
}

/// Found by `random_overlays_on_golden_capabilities_do_not_panic`: `rename: _0` passed the
/// snake_case check, and its builder's name, `_0` in UpperCamelCase, is `0` (panic "Ident
/// cannot be a number" in `emit`). Fixed in `naming/mod.rs`, `is_operation_name`: an override
/// name starts with a letter.
#[test]
fn regression_rename_without_a_letter_first() {
    for name in ["_0", "__", "_", "_a"] {
        let overlay = format!(
            "overlay: 1\noperations:\n  - target: GET /api/v4/projects/{{id}}/packages\n    rename: {name}\n"
        );
        assert_refused(
            &golden("minimal").capability,
            Some(&overlay),
            None,
            &format!("override name `{name}` is not a snake_case Rust identifier"),
        );
    }
}

/// Found by `generated_companions_do_not_panic`: a companion parameter whose name starts
/// with a digit (`1abc`) named its enum `1abc` (panic "`\"1abc\"` is not a valid Ident" in
/// `emit`), and an inline object under a property named with a non-ASCII digit (`x²`) was
/// named `…X²` (not an identifier either). Fixed in `companion/`: the enum's name is
/// `type_name(&p.name)` (`Type1abc`), and the names composed from documents' names
/// (`Companion::join`'s enum fallback, `TypeBuilder::define`'s nested objects) keep ASCII
/// letters and digits only (`camel`).
#[test]
fn regression_companion_names_that_are_not_identifiers() {
    let capability = "naftiko: 1.0.0-alpha2
capability:
  consumes:
  - namespace: t
    resources:
    - path: /api/v4/projects/{id}/packages
      operations:
      - name: list
        method: GET
        inputParameters:
        - {name: id, in: path, type: string}
        - {name: 1abc, in: query, type: string}
";
    let companion = "swagger: '2.0'
paths:
  /api/v4/projects/{id}/packages:
    get:
      parameters:
      - {in: query, name: 1abc, type: string, enum: [a, b]}
      responses:
        '200':
          schema:
            type: object
            properties:
              x²:
                type: object
                properties:
                  a: {type: string}
";
    let overlay = "overlay: 1
operations:
  - target: GET /api/v4/projects/{id}/packages
    response: json
";
    for overlay in [None, Some(overlay)] {
        let outcome = assert_no_panic(capability, overlay, Some(companion));
        assert!(
            matches!(outcome, Outcome::Generated { typed: true }),
            "{outcome:?}"
        );
    }
}

/// Found by `generated_companions_do_not_panic` with `FUZZ_STRICT_EMIT=1`: a parameter named
/// `Self` with an enum in the companion gave `pub enum Self`, which `emit` refused ("emitted
/// Rust does not parse: expected identifier, found keyword `Self`"): no panic, but a
/// capability refused for no fault of its own. Fixed in `companion/types.rs`, `type_name`: `Self`
/// becomes `TypeSelf`.
#[test]
fn regression_enum_of_a_parameter_named_self() {
    let capability = "naftiko: 1.0.0-alpha2
capability:
  consumes:
  - namespace: t
    resources:
    - path: /api/v4/{Self}
      operations:
      - name: get
        method: GET
";
    let companion = "swagger: '2.0'
paths:
  /api/v4/{Self}:
    get:
      parameters:
      - {in: path, name: Self, type: string, enum: [a, b]}
";
    let outcome = assert_no_panic(capability, None, Some(companion));
    assert!(
        matches!(outcome, Outcome::Generated { typed: true }),
        "{outcome:?}"
    );
}
