//! Publish files as a generic package: from a GitLab CI job (the job's token and server
//! come from the environment) or from a terminal.
//!
//! ```text
//! cargo run -p gitlab-packages --example publish -- \
//!     --project group/project --name tool --version 1.2.3 dist/
//! ```
//!
//! Each file is uploaded with a progress bar (a failed attempt is retried from the start
//! of the file), then GitLab's answer, the package file it created, is checked: its SHA-256
//! must be the file's. A directory is uploaded with its tree: `dist/linux/tool` becomes
//! `linux/tool` in the package.

mod common;

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Parser;
use gitlab_packages::Body;
use gitlab_packages::types::{GenericFileSelect, PackageFile, PackageStatus};

/// Upload files or directories as a generic package.
#[derive(Parser)]
#[command(after_help = common::ENVIRONMENT)]
struct Args {
    /// The project (ID or path); in a CI job, the job's project by default.
    #[arg(long, env = "CI_PROJECT_ID")]
    project: String,
    /// The package's name.
    #[arg(long)]
    name: String,
    /// The package's version.
    #[arg(long)]
    version: String,
    /// Publish the files hidden: installable, but not listed in the UI or API lists.
    #[arg(long)]
    hidden: bool,
    /// Files, and directories whose every file is uploaded.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

/// A file to upload: where it is, and its name in the package (`linux/tool`).
struct Upload {
    local: PathBuf,
    name: String,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let client = common::client()?;
    let uploads = collect(&args.paths)?;
    println!(
        "publishing {} file(s) to {} as {} {}",
        uploads.len(),
        args.project,
        args.name,
        args.version
    );
    for upload in &uploads {
        let created = publish(&client, &args, upload).await?;
        println!(
            "  {}: package file {} of package {}, {}, sha256 {}",
            created.file_name,
            created.id,
            created.package_id,
            common::human_size(created.size),
            created.file_sha256.as_deref().unwrap_or("-"),
        );
    }
    println!("published {} {}", args.name, args.version);
    Ok(())
}

/// Uploads one file and checks the package file GitLab created from it.
async fn publish(
    client: &gitlab_packages::Client,
    args: &Args,
    upload: &Upload,
) -> anyhow::Result<PackageFile> {
    let sha256 = common::sha256_of(&upload.local).await?;
    let bar = common::transfer_bar(&upload.name, None);
    let body = Body::from_file(&upload.local).on_progress(common::report_to(&bar));
    // The generic API takes the directories (`path`) apart from the file name.
    let (dir, file_name) = match upload.name.rsplit_once('/') {
        Some((dir, file)) => (Some(dir), file),
        None => (None, upload.name.as_str()),
    };
    let mut request = client
        .upload_project_generic_file(&args.project, &args.name, &args.version, file_name, body)
        .select(GenericFileSelect::PackageFile);
    if let Some(dir) = dir {
        request = request.path(dir);
    }
    if args.hidden {
        request = request.status(PackageStatus::Hidden);
    }
    let created = request
        .send_as::<PackageFile>()
        .await
        .with_context(|| format!("cannot upload {}", upload.local.display()))?;
    bar.finish_and_clear();
    match created.file_sha256.as_deref() {
        Some(stored) if !stored.eq_ignore_ascii_case(&sha256) => bail!(
            "GitLab stored {} with SHA-256 {stored}, but the file's is {sha256}",
            upload.name
        ),
        _ => Ok(created),
    }
}

/// The files to upload, in a stable order; directories are walked, their files named by
/// their path inside the directory.
fn collect(paths: &[PathBuf]) -> anyhow::Result<Vec<Upload>> {
    let mut uploads = Vec::new();
    for path in paths {
        let meta =
            std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if meta.is_dir() {
            walk(path, "", &mut uploads)?;
        } else {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .with_context(|| format!("{} has no UTF-8 file name", path.display()))?;
            uploads.push(Upload {
                local: path.clone(),
                name: name.to_owned(),
            });
        }
    }
    if uploads.is_empty() {
        bail!("no file to upload");
    }
    Ok(uploads)
}

fn walk(dir: &Path, prefix: &str, uploads: &mut Vec<Upload>) -> anyhow::Result<()> {
    let mut entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| format!("cannot list {}", dir.display()))?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let Some(name) = entry.file_name().to_str().map(|n| format!("{prefix}{n}")) else {
            bail!("{} has no UTF-8 file name", path.display());
        };
        if path.is_dir() {
            walk(&path, &format!("{name}/"), uploads)?;
        } else {
            uploads.push(Upload { local: path, name });
        }
    }
    Ok(())
}
