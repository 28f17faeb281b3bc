//! Copy a generic package, every file, from one project to another (on the same GitLab),
//! streaming each file from the download straight into the upload. Run it again after an
//! interruption: files already in the target with the same SHA-256 are skipped.
//!
//! ```text
//! cargo run -p gitlab-packages --example mirror -- \
//!     --from group/project --to mirror/project --name tool --version 1.2.3
//! ```
//!
//! Each download is verified against the SHA-256 GitLab recorded for the source file; a
//! mismatch aborts that upload before it completes, and the copy's SHA-256, as the target
//! stored it, must match too.

mod common;

use std::collections::BTreeMap;

use anyhow::{Context, bail};
use clap::Parser;
use gitlab_packages::types::{GenericFileSelect, Package, PackageFile, PackageType};
use gitlab_packages::{Body, Client};

/// Copy a generic package from one project to another.
#[derive(Parser)]
#[command(after_help = common::ENVIRONMENT)]
struct Args {
    /// The source project (ID or path).
    #[arg(long)]
    from: String,
    /// The target project (ID or path).
    #[arg(long)]
    to: String,
    /// The package's name.
    #[arg(long)]
    name: String,
    /// The package's version.
    #[arg(long)]
    version: String,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let client = common::client()?;
    let Some(source) = find(&client, &args.from, &args).await? else {
        bail!(
            "no generic package {} {} in {}",
            args.name,
            args.version,
            args.from
        );
    };
    let files = files(&client, &args.from, &source).await?;
    // What the target already has, by file name.
    let present: BTreeMap<String, Option<String>> = match find(&client, &args.to, &args).await? {
        Some(target) => files_of(&client, &args.to, &target).await?,
        None => Vec::new(),
    }
    .into_iter()
    .map(|f| (f.file_name, f.file_sha256))
    .collect();
    let (mut copied, mut skipped) = (0, 0);
    for file in &files {
        let same = present.get(&file.file_name).is_some_and(|sha| {
            sha.is_some()
                && sha.as_deref().map(str::to_lowercase)
                    == file.file_sha256.as_deref().map(str::to_lowercase)
        });
        if same {
            println!("  {}: already there, skipped", file.file_name);
            skipped += 1;
            continue;
        }
        let copy = copy(&client, &args, source.id, file).await?;
        println!(
            "  {}: copied, {}, package file {} in {}",
            file.file_name,
            common::human_size(copy.size),
            copy.id,
            args.to
        );
        copied += 1;
    }
    println!(
        "{} {}: {copied} file(s) copied, {skipped} already there, from {} to {}",
        args.name, args.version, args.from, args.to
    );
    Ok(())
}

/// Streams one file from the source package into the target project.
async fn copy(
    client: &Client,
    args: &Args,
    package_id: u64,
    file: &PackageFile,
) -> anyhow::Result<PackageFile> {
    let Some(sha256) = file.file_sha256.as_deref() else {
        bail!(
            "GitLab has no SHA-256 for {}: cannot verify the copy",
            file.file_name
        );
    };
    let download = client
        .download_project_package_file(&args.from, package_id, file.id)
        .send_stream()
        .await
        .with_context(|| format!("cannot download {}", file.file_name))?;
    let length = download.content_length();
    let bar = common::transfer_bar(&file.file_name, length);
    let download = download
        .verify_sha256(sha256)
        .on_progress(common::report_to(&bar));
    let (dir, file_name) = match file.file_name.rsplit_once('/') {
        Some((dir, name)) => (Some(dir), name),
        None => (None, file.file_name.as_str()),
    };
    // A streamed body is sent once, never retried: rerun the mirror after a failure.
    let mut upload = client
        .upload_project_generic_file(
            &args.to,
            &args.name,
            &args.version,
            file_name,
            Body::from_stream(download, length),
        )
        .select(GenericFileSelect::PackageFile);
    if let Some(dir) = dir {
        upload = upload.path(dir);
    }
    let copy = upload
        .send_as::<PackageFile>()
        .await
        .with_context(|| format!("cannot copy {} to {}", file.file_name, args.to))?;
    bar.finish_and_clear();
    if let Some(stored) = copy
        .file_sha256
        .as_deref()
        .filter(|s| !s.eq_ignore_ascii_case(sha256))
    {
        bail!(
            "{} reached {} with SHA-256 {stored}, not {sha256}",
            file.file_name,
            args.to
        );
    }
    Ok(copy)
}

/// The generic package with exactly this name and version in `project`, if any.
async fn find(client: &Client, project: &str, args: &Args) -> anyhow::Result<Option<Package>> {
    let packages = client
        .list_project_packages(project)
        .package_type(PackageType::Generic)
        .package_name(&args.name)
        .package_version(&args.version)
        .per_page(100)
        .all()
        .await
        .with_context(|| format!("cannot list the packages of {project}"))?;
    Ok(packages
        .into_iter()
        .find(|p| p.name == args.name && p.version == args.version))
}

/// The files of a package, the newest upload of each name.
async fn files_of(
    client: &Client,
    project: &str,
    package: &Package,
) -> anyhow::Result<Vec<PackageFile>> {
    let files = client
        .list_project_package_files(project, package.id)
        .per_page(100)
        .all()
        .await
        .with_context(|| {
            format!(
                "cannot list the files of package {} in {project}",
                package.id
            )
        })?;
    Ok(common::newest_files(files))
}

async fn files(
    client: &Client,
    project: &str,
    package: &Package,
) -> anyhow::Result<Vec<PackageFile>> {
    let files = files_of(client, project, package).await?;
    if files.is_empty() {
        bail!(
            "{} {} in {project} has no files",
            package.name,
            package.version
        );
    }
    Ok(files)
}
