//! Smoke runs of the client's example programs (`generated-client/examples/`): each
//! binary is run against the loopback server ([`tests::server`]), and the test checks what
//! reached the server, what the program printed and how it exited.
//!
//! The binaries are the ones `cargo test` builds beside this test (examples are built by
//! `cargo test`); when they are missing (a run of this package alone), they are built
//! first. Each run starts from an empty environment, so the machine's own GitLab or CI
//! variables never leak into a test.
//!
//! Expected values are literals: SHA-256 sums computed with `sha256sum` when the test was
//! written, request targets as GitLab routes them (`../shared/docs/SERVER-FACTS.md`).

mod audit;
mod cleanup;
mod download;
mod mirror;
mod publish;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use tests::server::{Reply, Server};

/// The token the runs are given (`GITLAB_TOKEN`, sent as `PRIVATE-TOKEN`).
const TOKEN: &str = "glpat-examples-0123456789";

/// What one run of an example printed and how it ended.
struct Run {
    success: bool,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Asserts success and returns stdout.
    fn ok(self) -> String {
        assert!(
            self.success,
            "the example failed:\n{}\n{}",
            self.stdout, self.stderr
        );
        assert!(
            !self.stderr.contains(TOKEN),
            "the token was printed: {}",
            self.stderr
        );
        println!("{}", self.stdout);
        self.stdout
    }

    /// Asserts failure and returns stderr.
    fn failed(self) -> String {
        assert!(!self.success, "the example succeeded:\n{}", self.stdout);
        assert!(
            !self.stderr.contains(TOKEN),
            "the token was printed: {}",
            self.stderr
        );
        println!("{}{}", self.stdout, self.stderr);
        self.stderr
    }
}

/// Runs example `name` with `args` and `env` (nothing else of this process's
/// environment): against `server` with `GITLAB_TOKEN` unless `env` says otherwise.
fn run(name: &str, server: &Server, env: &[(&str, &str)], args: &[&str]) -> Run {
    let mut command = Command::new(binary(name));
    command.env_clear().args(args);
    if env.is_empty() {
        command
            .env("GITLAB_BASE_URL", server.url())
            .env("GITLAB_TOKEN", TOKEN);
    }
    command.envs(env.iter().copied());
    let output = command.output().expect("the example runs");
    Run {
        success: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Answers each request whose `METHOD path?query` is one of `routes` with its reply, and
/// any other with GitLab's `404`.
fn serve(server: &Server, routes: Vec<(String, Reply)>) {
    server.respond_with(move |request| {
        let target = request.target();
        routes
            .iter()
            .find(|(t, _)| *t == target)
            .map(|(_, reply)| reply.clone())
            .unwrap_or_else(|| Reply::json(r#"{"message":"404 Not Found"}"#).status(404))
    });
}

/// The path of the example's binary, built if missing or older than the sources (a run
/// of this package alone does not build the client's examples).
fn binary(name: &str) -> PathBuf {
    let dir = examples_dir();
    let path = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    static BUILT: OnceLock<()> = OnceLock::new();
    let built = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    if built.is_none_or(|built| built < newest_source()) {
        BUILT.get_or_init(|| {
            let mut build = Command::new(env!("CARGO"));
            build.args(["build", "--package", "gitlab-packages", "--examples"]);
            if dir.parent().and_then(Path::file_name) == Some("release".as_ref()) {
                build.arg("--release");
            }
            let status = build.status().expect("cargo runs");
            assert!(status.success(), "cannot build the examples");
        });
    }
    assert!(path.exists(), "no example binary at {}", path.display());
    path
}

/// When the newest source of the examples (theirs, the client's, the runtime's) changed.
fn newest_source() -> std::time::SystemTime {
    fn newest(path: &Path) -> std::time::SystemTime {
        let meta = std::fs::metadata(path).expect("a source file");
        let own = meta.modified().expect("a modification time");
        if !meta.is_dir() {
            return own;
        }
        std::fs::read_dir(path)
            .expect("a source directory")
            .map(|entry| newest(&entry.expect("a directory entry").path()))
            .fold(own, std::cmp::max)
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace");
    [
        "generated-client/examples",
        "generated-client/src",
        "generator/runtime/src",
    ]
    .iter()
    .map(|dir| newest(&root.join(dir)))
    .fold(std::time::UNIX_EPOCH, std::cmp::max)
}

/// `target/<profile>/examples`, beside this test's `deps` directory.
fn examples_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test's path");
    let deps = exe.parent().expect("deps");
    let profile = deps.parent().expect("the profile directory");
    profile.join("examples")
}

/// Every example answers `--help` with its arguments and the environment it reads.
#[test]
fn every_example_explains_itself() {
    let server = Server::start();
    for name in ["publish", "download", "cleanup", "mirror", "audit"] {
        let help = run(name, &server, &[], &["--help"]).ok();
        assert!(help.contains("Usage:"), "{name}: {help}");
        assert!(help.contains("GITLAB_TOKEN"), "{name}: {help}");
    }
    assert!(server.take().is_empty());
}

/// A directory for one test, removed at the end.
fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

/// The names of the files under `dir`, recursively, `/`-separated and sorted.
fn files_under(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.path().is_dir() {
                walk(&entry.path(), &format!("{name}/"), out);
            } else {
                out.push(name);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, "", &mut out);
    out.sort();
    out
}
