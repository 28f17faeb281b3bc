//! How long the generator takes, in memory (nothing is written): load (parse the YAML) →
//! lower, normalize, overlay, naming, companion join (`ir_from`) → emit (quote → syn →
//! prettyplease, minijinja).
//!
//! ```text
//! cargo bench -p generator --bench generate            # everything, ~4 minutes on 2 cores
//! cargo bench -p generator --bench generate -- stages  # one group
//! ```
//!
//! Benchmarks:
//!
//! - `pipeline/packages+overlay+companion`: `specs/gitlab-ci-packages.yaml` (187
//!   operations) with its overlay and companion Swagger document, as `cargo xtask
//!   regenerate` runs it;
//! - `pipeline/packages`: the same capability alone;
//! - `pipeline/corpus-largest`: the corpus file (`../shared/corpus/gitlab-ci/`) with the
//!   most operations, alone (skipped, with a note, when the corpus is absent);
//! - `stages/{parse,ir,emit}`: the three stages of the first one separately (`ir` from
//!   freshly parsed documents, so with the positions lowering resolves);
//! - `parts/…`: the parts of parsing (each document; the capability's source map alone) and
//!   of emission (building tokens, rendering them to text, the minijinja text files).
//!
//! Results and figures: `BENCHMARKS.md` at the repository root. CI compiles this (clippy
//! `--all-targets`) but does not run it.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use generator::companion::Companion;
use generator::ir::Operation;
use generator::overlay::Overlay;
use generator::source_map::SourceMap;
use generator::{GeneratedFile, Options, emit, ir_from, spec};

/// One input: the texts of a capability and of its optional overlay and companion.
struct Input {
    spec: (PathBuf, String),
    overlay: Option<(PathBuf, String)>,
    companion: Option<(PathBuf, String)>,
}

fn read(path: PathBuf) -> (PathBuf, String) {
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    (path, text)
}

impl Input {
    fn options(&self) -> Options {
        let mut options = Options::new(&self.spec.0);
        options.regenerate_command = "cargo bench -p generator".into();
        options
    }

    fn parse(&self) -> (spec::Loaded, Option<Overlay>, Option<Companion>) {
        let loaded = spec::parse(&self.spec.0, &self.spec.1).expect("the capability parses");
        let overlay = self
            .overlay
            .as_ref()
            .map(|(p, t)| Overlay::parse(p, t).expect("the overlay parses"));
        let companion = self
            .companion
            .as_ref()
            .map(|(p, t)| Companion::parse(p, t).expect("the companion parses"));
        (loaded, overlay, companion)
    }

    /// Every stage, as `generate_with_warnings` runs them, from text instead of files.
    fn run(&self, options: &Options) -> Vec<GeneratedFile> {
        let (loaded, overlay, companion) = self.parse();
        let (api, _warnings) = ir_from(&loaded, overlay.as_ref(), companion.as_ref())
            .unwrap_or_else(|e| panic!("{}: {e}", self.spec.0.display()));
        emit::emit(&api, options).expect("emit succeeds")
    }
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn packages(with_corrections: bool) -> Input {
    let specs = repository().join("specs");
    Input {
        spec: read(specs.join("gitlab-ci-packages.yaml")),
        overlay: with_corrections.then(|| read(specs.join("gitlab-ci-packages.overlay.yaml"))),
        companion: with_corrections.then(|| read(specs.join("gitlab-ci-packages-api-openapi.yml"))),
    }
}

/// The corpus file with the most operations (as parsed), if the corpus is there.
fn corpus_largest() -> Option<(Input, usize)> {
    let dir = repository().join("../shared/corpus/gitlab-ci");
    let entries = std::fs::read_dir(&dir).ok()?;
    let mut best: Option<((PathBuf, String), usize)> = None;
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            continue;
        }
        let (path, text) = read(path);
        let Ok(loaded) = spec::parse(&path, &text) else {
            continue;
        };
        let count: usize = loaded
            .document
            .capability
            .consumes
            .iter()
            .flat_map(|c| &c.resources)
            .map(|r| r.operations.len())
            .sum();
        if best.as_ref().is_none_or(|(_, n)| count > *n) {
            best = Some(((path, text), count));
        }
    }
    best.map(|(spec, n)| {
        (
            Input {
                spec,
                overlay: None,
                companion: None,
            },
            n,
        )
    })
}

fn pipeline(c: &mut Criterion) {
    let mut group = c.benchmark_group("pipeline");
    let full = packages(true);
    let options = full.options();
    group.bench_function("packages+overlay+companion", |b| {
        b.iter(|| black_box(full.run(black_box(&options))))
    });
    let alone = packages(false);
    let options = alone.options();
    group.bench_function("packages", |b| {
        b.iter(|| black_box(alone.run(black_box(&options))))
    });
    match corpus_largest() {
        Some((input, count)) => {
            let options = input.options();
            let name = input
                .spec
                .0
                .file_name()
                .unwrap_or_default()
                .to_string_lossy();
            // Only a capability the generator accepts measures the whole pipeline.
            let (loaded, _, _) = input.parse();
            match ir_from(&loaded, None, None) {
                Ok(_) => {
                    eprintln!("pipeline/corpus-largest: {name} ({count} operations)");
                    group.bench_function("corpus-largest", |b| {
                        b.iter(|| black_box(input.run(black_box(&options))))
                    });
                }
                Err(e) => {
                    eprintln!("pipeline/corpus-largest skipped: the generator refuses {name}:\n{e}")
                }
            }
        }
        None => eprintln!(
            "pipeline/corpus-largest skipped: no corpus at ../shared/corpus/gitlab-ci/ beside the repository"
        ),
    }
    group.finish();
}

fn stages(c: &mut Criterion) {
    let mut group = c.benchmark_group("stages");
    let input = packages(true);
    let options = input.options();
    group.bench_function("parse", |b| b.iter(|| black_box(input.parse())));
    let (loaded, overlay, companion) = input.parse();
    // From freshly parsed documents: lowering builds the capability's index of positions
    // (a parsed document keeps it once built).
    group.bench_function("ir", |b| {
        b.iter_batched(
            || input.parse(),
            |(loaded, overlay, companion)| {
                black_box(
                    ir_from(&loaded, overlay.as_ref(), companion.as_ref()).expect("the IR builds"),
                )
            },
            BatchSize::SmallInput,
        )
    });
    let (api, _) = ir_from(&loaded, overlay.as_ref(), companion.as_ref()).expect("the IR builds");
    group.bench_function("emit", |b| {
        b.iter(|| black_box(emit::emit(black_box(&api), &options).expect("emit succeeds")))
    });
    group.finish();
}

/// The parts of the two slowest stages of the first benchmark: each document's parsing (and,
/// for the capability, the source map of positions alone), and emission's token building
/// (quote), rendering (syn → prettyplease) and text files (minijinja).
fn parts(c: &mut Criterion) {
    let mut group = c.benchmark_group("parts");
    let input = packages(true);
    let options = input.options();
    let (spec_path, spec_text) = &input.spec;
    group.bench_function("parse-capability", |b| {
        b.iter(|| black_box(spec::parse(spec_path, black_box(spec_text)).expect("parses")))
    });
    group.bench_function("parse-capability-positions", |b| {
        // Built on the first lookup: lowering resolves the positions of the operations and
        // parameters, so every run builds it once.
        b.iter(|| black_box(SourceMap::new(black_box(spec_text)).locate("/naftiko")))
    });
    if let Some((path, text)) = &input.overlay {
        group.bench_function("parse-overlay", |b| {
            b.iter(|| black_box(Overlay::parse(path, black_box(text)).expect("parses")))
        });
    }
    if let Some((path, text)) = &input.companion {
        group.bench_function("parse-companion", |b| {
            b.iter(|| black_box(Companion::parse(path, black_box(text)).expect("parses")))
        });
    }

    let (loaded, overlay, companion) = input.parse();
    let (api, _) = ir_from(&loaded, overlay.as_ref(), companion.as_ref()).expect("the IR builds");
    let mut groups: BTreeMap<String, Vec<&Operation>> = BTreeMap::new();
    for op in &api.operations {
        groups
            .entry(emit::rust_names::module_name(&op.group))
            .or_default()
            .push(op);
    }
    let docs = emit::text::crate_docs(&api, &options, &groups).expect("docs render");
    let tokens = || {
        let mut files = vec![
            emit::rust::lib_rs(&api, &groups, &docs, &options.crate_name),
            emit::rust::client_rs(&api),
        ];
        if !api.types.is_empty() || !api.param_groups.is_empty() {
            files.push(emit::types::types_rs(&api));
        }
        files.extend(
            groups
                .iter()
                .map(|(g, ops)| emit::operation::group_rs(&api, g, ops)),
        );
        files
    };
    group.bench_function("emit-rust-tokens", |b| b.iter(|| black_box(tokens())));
    group.bench_function("emit-rust-render", |b| {
        b.iter_batched(
            tokens,
            |files| {
                for file in files {
                    black_box(emit::rust::render("// header", file).expect("renders"));
                }
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("emit-text", |b| {
        b.iter(|| {
            black_box(emit::text::crate_docs(&api, &options, &groups).expect("renders"));
            black_box(emit::text::text_files(&api, &options, &groups).expect("renders"))
        })
    });
    group.finish();
}

fn config() -> Criterion {
    // Modest: the whole run takes a few minutes on 2 cores.
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(12))
}

criterion_group! {
    name = benches;
    config = config();
    targets = pipeline, stages, parts
}
criterion_main!(benches);
