//! The requests stage of the corpus: the fixtures with a `.requests` file, the program that
//! makes their calls (`dialect-requests`), and the comparison (see [`super::requests`]).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::requests;
use super::{CheckReport, Entry};

/// Builds and runs the requests program when the fixtures' crates compiled; whether every
/// request is as expected (true without fixtures).
pub(super) fn requests_stage(
    work: &Path,
    fixtures: &[requests::Fixture],
    check: &CheckReport,
) -> bool {
    if fixtures.is_empty() {
        return true;
    }
    let failed: Vec<&str> = fixtures
        .iter()
        .filter(|f| check.errors.contains_key(&f.crate_name))
        .map(|f| f.crate_name.as_str())
        .collect();
    if failed.is_empty() && !check.errors.contains_key(requests::DRIVER) {
        return check_requests(work, fixtures);
    }
    println!(
        "\nrequests: not checked (crates fail to compile: {})",
        failed.join(", ")
    );
    false
}

/// The fixtures with a `.requests` file among the generated crates.
pub(super) fn request_fixtures(generated: &[&Entry]) -> Result<Vec<requests::Fixture>, String> {
    let mut fixtures = Vec::new();
    let mut env: Vec<(String, String, PathBuf)> = Vec::new();
    for e in generated {
        let file = e.file.with_extension(requests::EXTENSION);
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let (steps, vars) =
            requests::parse(&text).map_err(|m| format!("{}: {m}", file.display()))?;
        for (name, value) in &vars {
            if let Some((_, other, at)) = env.iter().find(|(n, v, _)| n == name && v != value) {
                return Err(format!(
                    "{}: `{name}` is set to {value:?} and, in {}, to {other:?}: give each fixture its own variables",
                    file.display(),
                    at.display()
                ));
            }
            env.push((name.clone(), value.clone(), file.clone()));
        }
        fixtures.push(requests::Fixture {
            file,
            crate_name: e.crate_name.clone(),
            steps,
            env: vars,
        });
    }
    Ok(fixtures)
}

/// Writes the program that makes the fixtures' calls (`crates/dialect-requests`).
pub(super) fn write_driver(
    crates_dir: &Path,
    fixtures: &[requests::Fixture],
) -> std::io::Result<()> {
    let dir = crates_dir.join(requests::DRIVER);
    std::fs::create_dir_all(dir.join("src"))?;
    let files = [
        ("Cargo.toml", requests::manifest(fixtures)),
        ("src/main.rs", requests::main_rs(fixtures)),
    ];
    for (name, text) in files {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(path, text)?;
        }
    }
    Ok(())
}

/// Builds and runs the program that makes the fixtures' calls, and compares what the server
/// received with what is expected; prints the result. Whether every request is as expected.
fn check_requests(work: &Path, fixtures: &[requests::Fixture]) -> bool {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    eprintln!(
        "corpus: building {} (the dialect fixtures' requests) …",
        requests::DRIVER
    );
    let build = Command::new(&cargo)
        .current_dir(work)
        .args(["build", "--quiet", "--package", requests::DRIVER])
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .status();
    if !build.is_ok_and(|s| s.success()) {
        println!(
            "\nrequests: {} does not build (see above)",
            requests::DRIVER
        );
        return false;
    }
    let mut run = Command::new(work.join("target/debug").join(requests::DRIVER));
    for f in fixtures {
        run.envs(f.env.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    }
    let output = match run.output() {
        Ok(output) => output,
        Err(e) => {
            println!("\nrequests: cannot run {}: {e}", requests::DRIVER);
            return false;
        }
    };
    let received = requests::read_output(&String::from_utf8_lossy(&output.stdout));
    let (wrong, checked) = requests::compare(fixtures, &received);
    println!("\nrequests (tests/dialect/*.requests, sent to a loopback server)");
    println!("  fixtures:          {}", fixtures.len());
    println!("  calls:             {checked}");
    println!("  as expected:       {}", checked - wrong.len());
    if !wrong.is_empty() || !output.status.success() {
        println!("\nrequests not as expected:");
        for line in &wrong {
            println!("  {line}");
        }
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            println!("  {} stopped: {}", requests::DRIVER, stderr.trim());
        }
        return false;
    }
    true
}
