//! Delete old package versions in a project or a group: keep the newest N versions of
//! each package and/or delete the versions created before a date. Every page of the list
//! is read. Nothing is deleted without `--execute`: by default it prints what it would do.
//!
//! ```text
//! cargo run -p gitlab-packages --example cleanup -- --project group/project --keep 3
//! cargo run -p gitlab-packages --example cleanup -- --group my-group \
//!     --type generic --older-than 2024-01-01 --execute
//! ```
//!
//! With both `--keep` and `--older-than`, a version is deleted only when it is older than
//! the date *and* not one of the newest N (as GitLab's own cleanup policies do).

mod common;

use std::collections::BTreeMap;

use anyhow::{Context, bail};
use chrono::{DateTime, NaiveDate, Utc};
use clap::{ArgGroup, Parser};
use futures_util::TryStreamExt;
use gitlab_packages::types::{Package, PackageType};

/// Delete old versions of packages; a dry run unless --execute.
#[derive(Parser)]
#[command(after_help = common::ENVIRONMENT)]
#[command(group(ArgGroup::new("scope").required(true).args(["project", "group"])))]
#[command(group(ArgGroup::new("rule").required(true).multiple(true).args(["keep", "older_than"])))]
struct Args {
    /// The project (ID or path) whose packages to clean up.
    #[arg(long)]
    project: Option<String>,
    /// The group (ID or path) whose packages, in all its projects, to clean up.
    #[arg(long)]
    group: Option<String>,
    /// Only packages with exactly this name.
    #[arg(long)]
    name: Option<String>,
    /// Only packages of this type (`generic`, `npm`, `maven`, …).
    #[arg(long = "type")]
    package_type: Option<String>,
    /// Keep the newest N versions of each package.
    #[arg(long, value_name = "N")]
    keep: Option<usize>,
    /// Delete versions created before this day (YYYY-MM-DD, UTC).
    #[arg(long, value_name = "DATE")]
    older_than: Option<NaiveDate>,
    /// Delete for real (without it, only print what would be deleted).
    #[arg(long)]
    execute: bool,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let client = common::client()?;
    let packages = list(&client, &args).await?;
    let cutoff = args
        .older_than
        .map(|day| day.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc());
    let doomed = select(packages, args.keep, cutoff);
    let verb = if args.execute {
        "deleting"
    } else {
        "would delete"
    };
    for package in &doomed {
        let project = match (&args.project, package.project_id) {
            (Some(project), _) => project.clone(),
            (None, Some(id)) => id.to_string(),
            (None, None) => bail!(
                "GitLab did not say which project package {} is in",
                package.id
            ),
        };
        println!(
            "{verb} {} {} {} (id {}, created {}, project {project})",
            package.package_type,
            package.name,
            package.version,
            package.id,
            package
                .created_at
                .map_or("?".to_owned(), |t| t.date_naive().to_string()),
        );
        if args.execute {
            client
                .delete_project_package(project.as_str(), package.id)
                .await
                .with_context(|| format!("cannot delete package {}", package.id))?;
        }
    }
    if args.execute {
        println!("deleted {} version(s)", doomed.len());
    } else {
        println!(
            "dry run: {} version(s) would be deleted; run again with --execute to delete them",
            doomed.len()
        );
    }
    Ok(())
}

/// Every package in scope, through every page.
async fn list(client: &gitlab_packages::Client, args: &Args) -> anyhow::Result<Vec<Package>> {
    let kind = args.package_type.as_deref().map(PackageType::from);
    let mut items = match (&args.project, &args.group) {
        (Some(project), _) => {
            let mut request = client.list_project_packages(project.as_str()).per_page(100);
            if let Some(name) = &args.name {
                request = request.package_name(name);
            }
            if let Some(kind) = kind {
                request = request.package_type(kind);
            }
            request.into_items()
        }
        (None, Some(group)) => {
            let mut request = client.list_group_packages(group.as_str()).per_page(100);
            if let Some(name) = &args.name {
                request = request.package_name(name);
            }
            if let Some(kind) = kind {
                request = request.package_type(kind);
            }
            request.into_items()
        }
        (None, None) => unreachable!("clap requires --project or --group"),
    };
    let mut packages = Vec::new();
    while let Some(package) = items.try_next().await.context("cannot list the packages")? {
        // GitLab's `package_name` filter also matches longer names.
        if args.name.as_ref().is_none_or(|name| *name == package.name) {
            packages.push(package);
        }
    }
    Ok(packages)
}

/// The versions to delete: of each package (type and name, per project), those after the
/// newest `keep` and created before `cutoff`. A version without a creation date is kept
/// when a date decides.
fn select(
    packages: Vec<Package>,
    keep: Option<usize>,
    cutoff: Option<DateTime<Utc>>,
) -> Vec<Package> {
    let mut by_package: BTreeMap<(Option<u64>, String, String), Vec<Package>> = BTreeMap::new();
    for package in packages {
        let key = (
            package.project_id,
            package.package_type.to_string(),
            package.name.clone(),
        );
        by_package.entry(key).or_default().push(package);
    }
    let mut doomed = Vec::new();
    for mut versions in by_package.into_values() {
        // Newest first; ids break ties (and order versions without a date).
        versions.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
        for (rank, version) in versions.into_iter().enumerate() {
            let beyond_keep = keep.is_none_or(|keep| rank >= keep);
            let old = match cutoff {
                None => true,
                Some(cutoff) => version.created_at.is_some_and(|created| created < cutoff),
            };
            if beyond_keep && old {
                doomed.push(version);
            }
        }
    }
    doomed
}
