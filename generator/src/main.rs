//! `generator --spec FILE --out DIR [--overlay FILE] [--name CRATE] [--check]`

use std::path::PathBuf;
use std::process::ExitCode;

use generator::{Options, generate, write};

const USAGE: &str = "\
Generates a typed Rust client crate from a Naftiko capability.

Usage: generator --spec FILE --out DIR [OPTIONS]

Options:
  --spec FILE       the capability (naftiko 1.0.0-alpha2 YAML)
  --out DIR         the crate directory to write
  --overlay FILE    corrections the capability cannot express (see the README)
  --name CRATE      the crate's package name (default: from the spec's file name)
  --version VER     the crate's version (default: 0.1.0)
  --command CMD     the command named in the @generated headers
  --check           write nothing; exit 1 if DIR is not up to date
  -h, --help        this text";

struct Args {
    options: Options,
    out: PathBuf,
    check: bool,
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut spec = None;
    let mut out = None;
    let mut overlay = None;
    let mut name = None;
    let mut version = None;
    let mut command = None;
    let mut check = false;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        let arg = arg.to_string_lossy().into_owned();
        let mut value = |flag: &str| {
            args.next()
                .ok_or_else(|| format!("{flag} needs a value"))
                .map(|v| v.to_string_lossy().into_owned())
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--spec" => spec = Some(PathBuf::from(value("--spec")?)),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--overlay" => overlay = Some(PathBuf::from(value("--overlay")?)),
            "--name" => name = Some(value("--name")?),
            "--version" => version = Some(value("--version")?),
            "--command" => command = Some(value("--command")?),
            "--check" => check = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let spec = spec.ok_or("missing --spec FILE")?;
    let out = out.ok_or("missing --out DIR")?;
    let mut options = Options::new(&spec);
    options.overlay = overlay;
    if let Some(name) = name {
        options.crate_name = name;
    }
    if let Some(version) = version {
        options.crate_version = version;
    }
    options.regenerate_command = command.unwrap_or_else(|| {
        let mut c = format!(
            "generator --spec {} --out {}",
            spec.display(),
            out.display()
        );
        if let Some(o) = &options.overlay {
            c.push_str(&format!(" --overlay {}", o.display()));
        }
        c
    });
    Ok(Some(Args {
        options,
        out,
        check,
    }))
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let files = match generate(&args.options) {
        Ok(files) => files,
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
                    args.options.spec.display()
                );
                for p in &drift.changed {
                    eprintln!("  changed: {}", p.display());
                }
                for p in &drift.missing {
                    eprintln!("  missing: {}", p.display());
                }
                for p in &drift.stale {
                    eprintln!("  stale:   {}", p.display());
                }
                eprintln!("   = hint: run `{}`", args.options.regenerate_command);
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
