//! `cargo xtask regenerate | check | bless | corpus`

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use generator::{GeneratedFile, generate_with_warnings, write};
use xtask::{REGENERATE, client_dir, client_options, root};

/// Project tasks.
#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Rewrite generated-client/ from specs/ (only files whose content changed).
    Regenerate,
    /// Fail if generated-client/ is not what `regenerate` would write.
    Check,
    /// Accept the generator's current output as the golden fixtures (tests/golden/).
    Bless,
    /// Generate a crate from every capability of a corpus of real files and compile them
    /// all: each must compile or be refused with a clear reason; then check the requests
    /// of the dialect fixtures (tests/dialect/*.requests) on a loopback server.
    Corpus {
        /// A folder of capability files, read with its subfolders; repeat for several
        /// [default: ../shared/corpus, beside the repository, and tests/dialect].
        #[arg(long, value_name = "DIR")]
        dir: Vec<PathBuf>,
        /// Refuse a file when one of its operations cannot be generated, instead of
        /// skipping the operation (as `generator --strict`).
        #[arg(long)]
        strict: bool,
    },
}

fn main() -> ExitCode {
    match Cli::parse().task {
        Task::Regenerate => with_client_files(regenerate),
        Task::Check => with_client_files(check),
        Task::Bless => bless(),
        Task::Corpus { dir, strict } => xtask::corpus::run(&root(), &dir, strict),
    }
}

/// Generates the client in memory and hands the files to `task`.
fn with_client_files(task: fn(&[GeneratedFile], Instant) -> ExitCode) -> ExitCode {
    let started = Instant::now();
    match generate_with_warnings(&client_options(&root())) {
        Ok((files, warnings)) => {
            for warning in &warnings {
                eprintln!("{warning}");
            }
            task(&files, started)
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            ExitCode::FAILURE
        }
    }
}

fn regenerate(files: &[GeneratedFile], started: Instant) -> ExitCode {
    match write::write(&client_dir(&root()), files) {
        Ok(report) => {
            for p in &report.written {
                eprintln!("  wrote {}", p.display());
            }
            for p in &report.removed {
                eprintln!("  removed {}", p.display());
            }
            eprintln!(
                "generated-client/: {} written, {} unchanged, {} removed in {:.0?}",
                report.written.len(),
                report.unchanged,
                report.removed.len(),
                started.elapsed()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write generated-client/: {e}");
            ExitCode::FAILURE
        }
    }
}

fn check(files: &[GeneratedFile], _: Instant) -> ExitCode {
    match write::check(&client_dir(&root()), files) {
        Ok(drift) if drift.is_empty() => {
            eprintln!("generated-client/ is up to date ({} files)", files.len());
            ExitCode::SUCCESS
        }
        Ok(drift) => {
            eprintln!("error: generated-client/ is stale against specs/");
            for (what, paths) in [
                ("changed", &drift.changed),
                ("missing", &drift.missing),
                ("stale", &drift.stale),
            ] {
                for p in paths {
                    eprintln!("  {what}: {}", p.display());
                }
            }
            eprintln!("   = hint: run `{REGENERATE}` and commit the result");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: cannot read generated-client/: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Re-blesses the golden fixtures: runs their test with `BLESS=1`.
fn bless() -> ExitCode {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args([
            "test",
            "--quiet",
            "-p",
            "tests",
            "--test",
            "golden",
            "generator_output_matches",
        ])
        .env("BLESS", "1")
        .status();
    match status {
        Ok(s) if s.success() => {
            eprintln!(
                "tests/golden/*/expected/ rewritten; review them with `git diff tests/golden`"
            );
            ExitCode::SUCCESS
        }
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: cannot run cargo: {e}");
            ExitCode::FAILURE
        }
    }
}
