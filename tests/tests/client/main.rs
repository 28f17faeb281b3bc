//! The generated client (`gitlab-packages`) against loopback HTTP servers, in one test
//! binary (the client is linked once).
//!
//! Every test drives generated operations through the public API and checks what the
//! server ([`tests::server`]) received: method, raw path, raw query, credential headers,
//! content type and body. Every expected value is a literal written by hand, never
//! computed by the code under test, from:
//!
//! - GitLab's packages API documentation, `packages-api.en.txt` and `packages-api.zh.txt`,
//!   and its Composer page `composer-api.md` (in `../shared/docs/`, beside the repository):
//!   cited by line, `en:43`, `zh:20`, `composer:93`;
//! - the server facts `../shared/docs/SERVER-FACTS.md`, cited `FACTS` with a section name;
//! - the operation table `generated-client/OPERATIONS.md`, cited `OPS`;
//! - the documents of `tests/fixtures/` (GitLab's API pages and spec fixtures, the
//!   registries' specifications; its README gives each file's source), for the typed
//!   answers of [`typed`].
//!
//! Encoding rules used throughout (FACTS, "Path parameters" / "Query parameters"): a
//! one-segment variable (`{x}`) is percent-encoded outside `A-Za-z0-9-._~` (`/` → `%2F`,
//! `@` → `%40`, `+` → `%2B`, `$` → `%24`, `:` → `%3A`, space → `%20`); a glob variable
//! (`*x`) keeps its `/` and encodes each segment the same way; literal text of a template
//! (`$metadata`, `@v`, `Packages(Id='…')`) is sent as written; query values are
//! form-urlencoded (`+` → `%2B`, space → `+`, `/` → `%2F`, `'` → `%27`, `=` → `%3D`), arrays
//! as `name%5B%5D=a&name%5B%5D=b`.
//!
//! Modules:
//!
//! - one per package format (`core`, `cargo`, `composer`, `conan`, `debian`, `generic`,
//!   `go`, `helm`, `maven`, `npm`, `nuget`, `pypi`, `rpm`, `rubygems`): that format's
//!   requests, bodies and answers, and its rows of the every-operation table;
//! - [`all_operations`]: every operation once, from those rows, and the check that the rows
//!   cover every generated operation;
//! - [`paths`]: path and query encoding across operations (ids, full paths, dots, base URL);
//! - [`runtime`]: credentials, pagination, per-request options, retries, redirects, errors,
//!   downloads, blocking calls;
//! - [`typed`]: the generated types against the documented example answers;
//! - [`streaming`]: 1 GiB downloads and uploads in bounded memory;
//! - [`texts`]: text answers parsed as data (Helm index, PyPI simple page, Maven metadata,
//!   Go version list);
//! - [`support`] and [`table`]: the helpers shared by the modules above.

#[macro_use]
mod table;
mod support;

mod cargo;
mod composer;
mod conan;
mod core;
mod debian;
mod generic;
mod go;
mod helm;
mod maven;
mod npm;
mod nuget;
mod pypi;
mod rpm;
mod rubygems;

mod all_operations;
mod paths;
mod runtime;
mod streaming;
mod texts;
mod typed;
