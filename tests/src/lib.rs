//! Workspace-level tests live in `tests/tests/`; fixtures in `tests/golden/` and
//! `tests/bad-specs/`. This library is empty.
