//! Workspace-level tests live in `tests/tests/`, with their fixtures in `tests/golden/` and
//! `tests/bad-specs/`. The repository's README is included below, and the generated
//! client's README in [`client_readme`], so that their examples are compiled as doc-tests.
#![doc = include_str!("../../README.md")]

/// The generated client's README, whose examples are compiled as doc-tests.
#[doc = include_str!("../../generated-client/README.md")]
pub mod client_readme {}

pub mod server;
