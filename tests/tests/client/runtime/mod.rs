//! The runtime's features, exercised through generated operations: credentials,
//! pagination, per-request options, retries, redirects, errors, downloads, blocking calls.
//!
//! Paths, queries and header values are literals, as GitLab expects them
//! (`../shared/docs/SERVER-FACTS.md`, cited `FACTS`); base64 and SHA-256 values were
//! computed by hand (`printf 'alice:glpat-conan-secret' | base64`,
//! `printf 'hello, generic world\n' | sha256sum`). A test that could hang is bounded in time
//! (`support::bounded`); every client has a 10 s request timeout, and retries back off
//! 10 ms so that the retry tests stay fast.

mod auth;
mod blocking;
mod downloads;
mod errors;
mod options;
mod pagination;
mod progress;
mod redirects;
mod retries;
