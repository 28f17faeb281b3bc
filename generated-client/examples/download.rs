//! Download every file of a package, with progress, each verified against the SHA-256
//! GitLab recorded for it and written atomically (a failed or tampered download leaves no
//! file behind).
//!
//! ```text
//! cargo run -p gitlab-packages --example download -- \
//!     --project group/project --name tool --version 1.2.3 --out downloads/
//! ```

mod common;

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Parser;
use gitlab_packages::types::{Package, PackageType};

/// Download a package's files, verifying each one's SHA-256.
#[derive(Parser)]
#[command(after_help = common::ENVIRONMENT)]
struct Args {
    /// The project (ID or path).
    #[arg(long, env = "CI_PROJECT_ID")]
    project: String,
    /// The package's name.
    #[arg(long)]
    name: String,
    /// The package's version.
    #[arg(long)]
    version: String,
    /// The package's type (`generic`, `npm`, …), when several share the name and version.
    #[arg(long = "type")]
    package_type: Option<String>,
    /// The directory the files are written to.
    #[arg(long, default_value = ".")]
    out: PathBuf,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let client = common::client()?;
    let package = find_package(&client, &args).await?;
    let files = client
        .list_project_package_files(&args.project, package.id)
        .per_page(100)
        .all()
        .await
        .context("cannot list the package's files")?;
    let files = common::newest_files(files);
    println!(
        "{} {} ({}): {} file(s)",
        package.name,
        package.version,
        package.package_type,
        files.len()
    );
    for file in files {
        let target = common::safe_join(&args.out, &file.file_name)?;
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let download = client
            .download_project_package_file(&args.project, package.id, file.id)
            .send_stream()
            .await
            .with_context(|| format!("cannot download {}", file.file_name))?;
        let download = match &file.file_sha256 {
            Some(sha256) => download.verify_sha256(sha256),
            None => {
                eprintln!("warning: GitLab has no SHA-256 for {}", file.file_name);
                download
            }
        };
        let bar = common::transfer_bar(&file.file_name, u64::try_from(file.size).ok());
        let written = download
            .on_progress(common::report_to(&bar))
            .save_to(&target)
            .await
            .with_context(|| format!("cannot download {}", file.file_name))?;
        bar.finish_and_clear();
        let verified = if file.file_sha256.is_some() {
            "SHA-256 verified"
        } else {
            "not verified"
        };
        println!(
            "  {} ({}, {verified})",
            target.display(),
            common::human_size(i64::try_from(written).unwrap_or(i64::MAX))
        );
    }
    Ok(())
}

/// The one package with exactly this name and version (GitLab's `package_name` filter
/// also matches longer names), of the given type if any.
async fn find_package(client: &gitlab_packages::Client, args: &Args) -> anyhow::Result<Package> {
    let mut request = client
        .list_project_packages(&args.project)
        .package_name(&args.name)
        .package_version(&args.version)
        .per_page(100);
    if let Some(kind) = &args.package_type {
        request = request.package_type(PackageType::from(kind.as_str()));
    }
    let found: Vec<Package> = request
        .all()
        .await
        .with_context(|| format!("cannot list the packages of {}", args.project))?
        .into_iter()
        .filter(|p| p.name == args.name && p.version == args.version)
        .collect();
    match <[Package; 1]>::try_from(found) {
        Ok([package]) => Ok(package),
        Err(found) if found.is_empty() => bail!(
            "no package {} {} in {}",
            args.name,
            args.version,
            args.project
        ),
        Err(found) => {
            let types: Vec<String> = found.iter().map(|p| p.package_type.to_string()).collect();
            bail!(
                "{} packages are named {} {} (types {}): choose one with --type",
                found.len(),
                args.name,
                args.version,
                types.join(", ")
            )
        }
    }
}
