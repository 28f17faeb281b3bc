//! What the examples share: the client configured from the environment, progress bars,
//! and file names from the server turned into safe local paths.

// Each example uses part of this module.
#![allow(dead_code)]

use std::path::{Component, Path, PathBuf};

use anyhow::{Context, bail};
use gitlab_packages::Client;
use gitlab_packages::types::PackageFile;
use indicatif::{ProgressBar, ProgressStyle};

/// Where the server and the credentials come from, for every example's `--help`.
pub const ENVIRONMENT: &str = "\
Environment:
  GITLAB_BASE_URL   the GitLab server (default https://gitlab.com)
  GITLAB_TOKEN      a personal, project or group access token
In a GitLab CI job, CI_JOB_TOKEN and CI_API_V4_URL are used when those are not set.";

/// The client, from `GITLAB_TOKEN` / `GITLAB_BASE_URL`, or a CI job's own variables.
pub fn client() -> anyhow::Result<Client> {
    Client::from_env().context("cannot set up the GitLab client from the environment")
}

/// A progress bar for one transfer, drawn on stderr when it is a terminal (and hidden
/// otherwise, so logs of CI jobs stay clean).
pub fn transfer_bar(name: &str, total: Option<u64>) -> ProgressBar {
    let bar = ProgressBar::new(total.unwrap_or(0));
    bar.set_style(
        ProgressStyle::with_template(
            "{msg:30!} [{bar:30}] {bytes:>10}/{total_bytes:<10} {bytes_per_sec:>12} {eta:>4}",
        )
        .expect("a valid progress template")
        .progress_chars("=> "),
    );
    bar.set_message(name.to_owned());
    bar
}

/// A progress callback for `Body::on_progress` and `ByteStream::on_progress` that moves
/// `bar` (and learns the total when the transfer announces it).
pub fn report_to(bar: &ProgressBar) -> impl Fn(u64, Option<u64>) + Send + Sync + 'static {
    let bar = bar.clone();
    move |done, total| {
        if let Some(total) = total {
            bar.set_length(total);
        }
        bar.set_position(done);
    }
}

/// `name` (a file name the server sent, maybe with `/`-separated directories) under
/// `dir`. A hostile or broken server must not be able to write outside `dir`: absolute
/// names, `..`, and anything but plain parts are refused.
pub fn safe_join(dir: &Path, name: &str) -> anyhow::Result<PathBuf> {
    let relative = Path::new(name);
    let plain = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if name.is_empty() || !plain || name.contains('\\') {
        bail!("refusing the file name {name:?} from the server: not a plain relative path");
    }
    Ok(dir.join(relative))
}

/// The files of a package as a download sees them: when a file name was uploaded more
/// than once, GitLab keeps every upload and serves the newest (highest id).
pub fn newest_files(mut files: Vec<PackageFile>) -> Vec<PackageFile> {
    files.sort_by(|a, b| a.file_name.cmp(&b.file_name).then(b.id.cmp(&a.id)));
    files.dedup_by(|later, first| later.file_name == first.file_name);
    files
}

/// The SHA-256 of the file at `path`, read on a blocking thread.
pub async fn sha256_of(path: &Path) -> anyhow::Result<String> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let path = path.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut file = std::fs::File::open(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mut hasher = Sha256::new();
        let mut buffer = vec![0; 1 << 16];
        loop {
            let n = file
                .read(&mut buffer)
                .with_context(|| format!("cannot read {}", path.display()))?;
            if n == 0 {
                break;
            }
            hasher.update(&buffer[..n]);
        }
        Ok(hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect())
    })
    .await?
}

/// A size for people: `1.5 MiB`.
pub fn human_size(bytes: i64) -> String {
    indicatif::HumanBytes(bytes.max(0).unsigned_abs()).to_string()
}
