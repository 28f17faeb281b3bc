//! Audit a project's package registry: every file of every package with its size and
//! checksums (all pages read), then a sample of files downloaded and verified against
//! the SHA-256 GitLab recorded. Exits with an error if a sampled file does not match.
//!
//! ```text
//! cargo run -p gitlab-packages --example audit -- --project group/project --sample 5
//! ```

mod common;

use anyhow::{Context, bail};
use clap::Parser;
use futures_util::TryStreamExt;
use gitlab_packages::types::{Package, PackageFile, PackageType};

/// List every package file of a project and verify a sample.
#[derive(Parser)]
#[command(after_help = common::ENVIRONMENT)]
struct Args {
    /// The project (ID or path).
    #[arg(long, env = "CI_PROJECT_ID")]
    project: String,
    /// Only packages of this type (`generic`, `npm`, …).
    #[arg(long = "type")]
    package_type: Option<String>,
    /// How many files to download and verify, spread over the list (0: none).
    #[arg(long, default_value_t = 3)]
    sample: usize,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let client = common::client()?;
    let mut request = client.list_project_packages(&args.project).per_page(100);
    if let Some(kind) = &args.package_type {
        request = request.package_type(PackageType::from(kind.as_str()));
    }
    let mut packages = request.into_items();
    let mut listed: Vec<(Package, PackageFile)> = Vec::new();
    println!(
        "{:<10} {:<30} {:<12} {:<30} {:>10}  {:<8} {:<4} SHA1",
        "TYPE", "PACKAGE", "VERSION", "FILE", "SIZE", "SHA256", "MD5"
    );
    while let Some(package) = packages
        .try_next()
        .await
        .context("cannot list the packages")?
    {
        let files = client
            .list_project_package_files(&args.project, package.id)
            .per_page(100)
            .all()
            .await
            .with_context(|| {
                format!(
                    "cannot list the files of {} {}",
                    package.name, package.version
                )
            })?;
        for file in files {
            let mark = |sum: &Option<String>| if sum.is_some() { "yes" } else { "-" };
            println!(
                "{:<10} {:<30} {:<12} {:<30} {:>10}  {:<8} {:<4} {}",
                package.package_type.to_string(),
                package.name,
                package.version,
                file.file_name,
                common::human_size(file.size),
                file.file_sha256
                    .as_deref()
                    .map_or("-".to_owned(), |s| s.chars().take(8).collect()),
                mark(&file.file_md5),
                mark(&file.file_sha1),
            );
            listed.push((package.clone(), file));
        }
    }
    let bytes: i64 = listed.iter().map(|(_, f)| f.size).sum();
    let unsummed = listed
        .iter()
        .filter(|(_, f)| f.file_sha256.is_none())
        .count();
    println!(
        "{} file(s), {} in all; {unsummed} without a SHA-256",
        listed.len(),
        common::human_size(bytes)
    );

    let sample = sample(&listed, args.sample);
    let mut bad = 0;
    for (package, file) in &sample {
        let sha256 = file
            .file_sha256
            .as_deref()
            .expect("sampled files have a SHA-256");
        let download = client
            .download_project_package_file(&args.project, package.id, file.id)
            .send_stream()
            .await
            .with_context(|| format!("cannot download {}", file.file_name))?;
        let bar = common::transfer_bar(&file.file_name, u64::try_from(file.size).ok());
        let result = download
            .verify_sha256(sha256)
            .on_progress(common::report_to(&bar))
            .write_to(&mut tokio::io::sink())
            .await;
        bar.finish_and_clear();
        match result {
            Ok(_) => println!(
                "verified {} {} {}: SHA-256 matches",
                package.name, package.version, file.file_name
            ),
            Err(error @ gitlab_packages::Error::Checksum { .. }) => {
                println!(
                    "MISMATCH {} {} {}: {error}",
                    package.name, package.version, file.file_name
                );
                bad += 1;
            }
            Err(error) => return Err(error).context(format!("cannot download {}", file.file_name)),
        }
    }
    if bad > 0 {
        bail!(
            "{bad} of {} sampled file(s) do not match their SHA-256",
            sample.len()
        );
    }
    Ok(())
}

/// Up to `n` files with a SHA-256, spread evenly over the list (the same ones every run).
fn sample(listed: &[(Package, PackageFile)], n: usize) -> Vec<(Package, PackageFile)> {
    let candidates: Vec<_> = listed
        .iter()
        .filter(|(_, f)| f.file_sha256.is_some())
        .collect();
    let n = n.min(candidates.len());
    (0..n)
        .map(|i| candidates[i * candidates.len() / n].clone())
        .collect()
}
