//! `cargo xtask regenerate | check`

use std::process::ExitCode;
use std::time::Instant;

use generator::{generate, write};
use xtask::{REGENERATE, client_dir, client_options, root};

const USAGE: &str = "\
Usage: cargo xtask <command>

Commands:
  regenerate   rewrite generated-client/ from specs/ (only files whose content changed)
  check        fail if generated-client/ is not what `regenerate` would write
  bless        accept the generator's current output as the golden fixtures (tests/golden/)";

fn main() -> ExitCode {
    let command = std::env::args().nth(1);
    let root = root();
    let options = client_options(&root);
    let out = client_dir(&root);
    if command.as_deref() == Some("bless") {
        return bless();
    }
    let started = Instant::now();
    let files = match command.as_deref() {
        Some("regenerate" | "check") => match generate(&options) {
            Ok(files) => files,
            Err(diagnostics) => {
                eprintln!("{diagnostics}");
                return ExitCode::FAILURE;
            }
        },
        Some("-h" | "--help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    if command.as_deref() == Some("check") {
        return match write::check(&out, &files) {
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
        };
    }
    match write::write(&out, &files) {
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
