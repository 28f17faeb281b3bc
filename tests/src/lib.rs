//! Workspace-level tests live in `tests/tests/`: `golden.rs` (the generator, with its
//! fixtures in `tests/golden/` and `tests/bad-specs/`) and `client/` (the generated client,
//! one binary with a module per package format). This library holds the client tests'
//! loopback recording server, [`server`]. The repository's README is included below, and the
//! generated client's README in [`client_readme`], so that their examples are compiled as
//! doc-tests.
#![doc = include_str!("../../README.md")]

/// The generated client's README, whose examples are compiled as doc-tests.
#[doc = include_str!("../../generated-client/README.md")]
pub mod client_readme {}

pub mod server;
