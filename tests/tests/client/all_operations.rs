//! Every operation of the generated client, one request each: method, raw path, raw query
//! and credential headers.
//!
//! The table is the union of the `operations()` rows of the package modules, one row per
//! operation. Every expected path and query is a string literal, written from the path
//! templates of `generated-client/OPERATIONS.md` (read when the rows were written, never at
//! run time) and the encoding rules of `../shared/docs/SERVER-FACTS.md` (see the binary's
//! documentation). Nothing here calls the generator or shares an encoding helper with the
//! client.
//!
//! The server answers `200` with `{}` unless a row gives its own reply: an operation whose
//! answer decodes into a generated type with required fields (a list, a `Package`, a
//! `DebianDistribution`, …) gets a minimal body of that type, so every call must return
//! `Ok`.

use std::collections::{BTreeSet, HashSet};

use tests::server::Server;

use crate::support::{PRIVATE_TOKEN, client};
use crate::table::{Case, run_cases};

/// Number of operations of the generated client (OPERATIONS.md: "187 operations").
const OPERATION_COUNT: usize = 187;

/// One row per operation, package by package.
fn every_operation() -> Vec<Case> {
    [
        crate::cargo::operations(),
        crate::composer::operations(),
        crate::conan::operations(),
        crate::core::operations(),
        crate::debian::operations(),
        crate::generic::operations(),
        crate::go::operations(),
        crate::helm::operations(),
        crate::maven::operations(),
        crate::npm::operations(),
        crate::nuget::operations(),
        crate::pypi::operations(),
        crate::rpm::operations(),
        crate::rubygems::operations(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[tokio::test]
async fn every_operation_sends_the_expected_request() {
    let server = Server::start();
    run_cases(
        &server,
        &client(&server),
        &PRIVATE_TOKEN,
        &every_operation(),
    )
    .await;
}

#[test]
fn the_table_has_one_row_per_operation() {
    let table = every_operation();
    let mut seen = HashSet::new();
    let duplicates: Vec<&str> = table
        .iter()
        .map(|case| case.operation)
        .filter(|name| !seen.insert(*name))
        .collect();
    assert!(duplicates.is_empty(), "duplicate rows: {duplicates:?}");
    assert_eq!(table.len(), OPERATION_COUNT, "rows in the table");
    for case in &table {
        assert!(
            ["GET", "POST", "PUT", "DELETE"].contains(&case.method),
            "{}: method {}",
            case.call_text,
            case.method
        );
        assert!(
            case.path.starts_with("/api/v4/"),
            "{}: path {}",
            case.call_text,
            case.path
        );
    }
}

/// The names of the methods in `impl crate::Client { … }` blocks of the operation modules
/// of `generated-client/src/*.rs` (not `client.rs`, which defines the client itself):
/// read only to enumerate the operations, never to derive an expectation.
fn generated_operation_names() -> BTreeSet<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated-client/src");
    let mut names = BTreeSet::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("generated-client/src") {
        let path = entry.expect("directory entry").path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read source");
        // Generated modules only: the hand-written `*_ext.rs` add helpers, not operations.
        if !text
            .lines()
            .next()
            .is_some_and(|l| l.contains("@generated"))
        {
            continue;
        }
        files += 1;
        let mut inside = false;
        for line in text.lines() {
            if line.starts_with("impl crate::Client {") {
                inside = true;
            } else if inside && line.starts_with('}') {
                inside = false;
            } else if inside {
                if let Some(rest) = line.trim_start().strip_prefix("pub fn ") {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    names.insert(name);
                }
            }
        }
    }
    assert!(files > 0, "no sources in {}", dir.display());
    names
}

#[test]
fn the_table_covers_every_generated_operation() {
    let generated = generated_operation_names();
    let table: BTreeSet<String> = every_operation()
        .iter()
        .map(|c| c.operation.to_owned())
        .collect();
    let missing: Vec<&String> = generated.difference(&table).collect();
    let extra: Vec<&String> = table.difference(&generated).collect();
    assert!(missing.is_empty(), "operations without a row: {missing:?}");
    assert!(extra.is_empty(), "rows without an operation: {extra:?}");
    assert_eq!(generated.len(), OPERATION_COUNT, "operations generated");
}
