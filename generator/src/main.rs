//! `generator --spec FILE --out DIR [--overlay FILE] [--name CRATE] [--check] [--strict]`

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use generator::{Options, generate_with_warnings, write};

/// Generates a typed Rust client crate from a Naftiko capability.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// The capability (naftiko 1.0.0-alpha2 YAML).
    #[arg(long, value_name = "FILE")]
    spec: PathBuf,
    /// The crate directory to write.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Corrections the capability cannot express (see the README).
    #[arg(long, value_name = "FILE")]
    overlay: Option<PathBuf>,
    /// The companion Swagger 2.0 document: response and body schemas, enums.
    #[arg(long, value_name = "FILE")]
    companion: Option<PathBuf>,
    /// The crate's package name [default: from the spec's file name].
    #[arg(long, value_name = "CRATE")]
    name: Option<String>,
    /// The crate's version.
    #[arg(long, value_name = "VERSION", default_value = "0.1.0")]
    crate_version: String,
    /// The command named in the `@generated` headers [default: this command].
    #[arg(long, value_name = "CMD")]
    command: Option<String>,
    /// Where the runtime crate is, for the generated `Cargo.toml` (relative to DIR, or
    /// absolute) [default: the published version only].
    #[arg(long, value_name = "PATH")]
    runtime_path: Option<String>,
    /// Write nothing; exit 1 if DIR is not what would be written.
    #[arg(long)]
    check: bool,
    /// Refuse the capability when one of its operations cannot be generated (by default
    /// the operation is left out, with a warning saying why).
    #[arg(long)]
    strict: bool,
}

impl Args {
    fn options(&self) -> Options {
        let mut options = Options::new(&self.spec);
        options.overlay.clone_from(&self.overlay);
        options.companion.clone_from(&self.companion);
        if let Some(name) = &self.name {
            options.crate_name.clone_from(name);
        }
        options.crate_version.clone_from(&self.crate_version);
        options.runtime_path.clone_from(&self.runtime_path);
        options.strict = self.strict;
        options.regenerate_command = self.command.clone().unwrap_or_else(|| {
            let mut c = format!(
                "generator --spec {} --out {}",
                self.spec.display(),
                self.out.display()
            );
            if let Some(o) = &self.overlay {
                c.push_str(&format!(" --overlay {}", o.display()));
            }
            if let Some(c2) = &self.companion {
                c.push_str(&format!(" --companion {}", c2.display()));
            }
            c
        });
        options
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let options = args.options();
    let files = match generate_with_warnings(&options) {
        Ok((files, warnings)) => {
            for warning in &warnings {
                eprintln!("{warning}");
            }
            files
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            return ExitCode::FAILURE;
        }
    };
    if args.check {
        return match write::check(&args.out, &files) {
            Ok(drift) if drift.is_empty() => ExitCode::SUCCESS,
            Ok(drift) => {
                eprintln!(
                    "error: {} is not up to date with {}",
                    args.out.display(),
                    options.spec.display()
                );
                for (what, paths) in [
                    ("changed", &drift.changed),
                    ("missing", &drift.missing),
                    ("stale", &drift.stale),
                ] {
                    for p in paths {
                        eprintln!("  {what}: {}", p.display());
                    }
                }
                eprintln!("   = hint: run `{}`", options.regenerate_command);
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", args.out.display());
                ExitCode::FAILURE
            }
        };
    }
    match write::write(&args.out, &files) {
        Ok(report) => {
            eprintln!(
                "{}: {} files written, {} unchanged, {} removed",
                args.out.display(),
                report.written.len(),
                report.unchanged,
                report.removed.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", args.out.display());
            ExitCode::FAILURE
        }
    }
}
