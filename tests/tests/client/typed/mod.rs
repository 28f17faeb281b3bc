//! Issue "Typed requests and responses": the generated client's `types` module.
//!
//! 1. Every example answer of GitLab's packages API docs (`packages-api.en.txt` and
//!    `packages-api.zh.txt` in `../shared/docs/`, cited `en:47`, `zh:33`, … by their first
//!    line) decodes into the generated types, with the values of its fields checked, and
//!    serializes back to the example: no field is dropped or renamed on the way.
//! 2. Through the client against a loopback server: typed lists, typed pages of items, and a
//!    newer GitLab's unknown fields and enum values.
//! 3. Request bodies and enum query parameters: what arrives at the server is what GitLab
//!    documents, written here as literals.
//!
//! 4. The registries' own documents (Cargo's `config.json`, Composer's `packages.json` and
//!    metadata, Conan's searches, npm's package metadata, NuGet's service index, search and
//!    registrations) and GitLab's upload answers (`{"message": …}`, Workhorse's
//!    authorization, the created file's record): every fixture of `tests/fixtures/` (its
//!    README gives each file's source) decodes through the client into its type, with a few
//!    fields checked as literals; an open-ended type serializes back to the whole document,
//!    the fields it does not name included.
//!
//! Modules: one per documented answer ([`package_lists`], [`package`], [`files`],
//! [`pipelines`]: the English and Chinese examples, copied verbatim, their checks, and the
//! answer through the client), [`answers`] for other answers, [`requests`] for 3., [`enums`]
//! for the enums' strings; for 4. one per format ([`cargo`], [`composer`], [`conan`],
//! [`npm`], [`nuget`]) and [`uploads`] for what uploads answer in every format. The checks
//! shared by the English and the Chinese examples are here.

/// A document of `tests/fixtures/`, by its path there.
macro_rules! fixture {
    ($path:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/", $path))
    };
}

mod answers;
mod cargo;
mod composer;
mod conan;
mod enums;
mod files;
mod npm;
mod nuget;
mod package;
mod package_lists;
mod pipelines;
mod requests;
mod uploads;

use std::future::IntoFuture;

use chrono::{DateTime, NaiveDate, Utc};
use gitlab_packages::types::{Package, PackagePipeline, PackageType, UserBasic};
use serde_json::Value;
use tests::server::{Recorded, Reply, Server};

use crate::support::assert_private_token;

/// The one request the server received since the last look, sent with the private token.
#[track_caller]
fn only_request(server: &Server) -> Recorded {
    let request = server.take_one();
    assert_private_token(&request);
    request
}

/// Serves `document` as the answer to `call`: what the client decoded, and the one request
/// it sent (with the private token).
async fn served<T, F>(server: &Server, document: &str, call: F) -> (T, Recorded)
where
    F: IntoFuture<Output = gitlab_packages::Result<T>>,
{
    server.enqueue([Reply::json(document)]);
    let answer = call
        .into_future()
        .await
        .unwrap_or_else(|e| panic!("the document decodes: {e}"));
    (answer, only_request(server))
}

/// A UTC timestamp from its parts (not parsed: the expectation does not share the
/// decoder's code).
fn utc(date: (i32, u32, u32), time: (u32, u32, u32), millis: u32) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(date.0, date.1, date.2)
        .and_then(|d| d.and_hms_milli_opt(time.0, time.1, time.2, millis))
        .expect("valid timestamp")
        .and_utc()
}

/// The decoded value, serialized again, is the example: no field was dropped, renamed or
/// changed in type (optional fields left out by the example stay out).
#[track_caller]
fn assert_nothing_lost(serialized: Value, example: &str) {
    let example: Value = serde_json::from_str(example).expect("the example is JSON");
    assert_eq!(serialized, example, "the decoded value serialized again");
}

/// The package type (the filters' enum).
fn package_type(package: &Package) -> PackageType {
    package.package_type.clone()
}

/// The user of every pipeline of the packages examples (en:125, zh:109).
#[track_caller]
fn check_doc_user(user: &Option<UserBasic>, name: &str) {
    let user = user.as_ref().expect("user");
    assert_eq!(user.name, name);
    assert_eq!(
        user.avatar_url.as_deref(),
        Some("https://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80&d=identicon")
    );
    assert_eq!(user.id, None);
    assert_eq!(user.username, None);
    assert_eq!(user.state, None);
    assert_eq!(user.web_url, None);
}

/// The pipeline of the packages examples (en:117-129): `id` and the number ending its
/// `web_url` vary.
#[track_caller]
fn check_doc_pipeline(pipeline: &PackagePipeline, id: u64, web_number: u32, user: &str) {
    assert_eq!(pipeline.id, id);
    assert_eq!(pipeline.status, "pending");
    assert_eq!(pipeline.ref_, "new-pipeline");
    assert_eq!(pipeline.sha, "a91957a858320c0e17f3a0eca7cfacbff50ea29a");
    assert_eq!(
        pipeline.web_url,
        format!("https://example.com/foo/bar/pipelines/{web_number}")
    );
    assert_eq!(pipeline.created_at, utc((2016, 8, 11), (11, 28, 34), 85));
    assert_eq!(pipeline.updated_at, utc((2016, 8, 11), (11, 32, 35), 169));
    assert_eq!(pipeline.iid, None);
    assert_eq!(pipeline.project_id, None);
    assert_eq!(pipeline.source, None);
    check_doc_user(&pipeline.user, user);
}
