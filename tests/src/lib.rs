//! Workspace-level tests live in `tests/tests/`, with their fixtures in `tests/golden/` and
//! `tests/bad-specs/`. The repository's README is included below so that its example is
//! compiled as a doc-test.
#![doc = include_str!("../../README.md")]
