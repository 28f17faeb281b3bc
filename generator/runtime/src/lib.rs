//! The HTTP runtime of generated GitLab API clients, written once and shared by every
//! crate the generator emits: client, credentials, request building, retries, pagination,
//! streaming, errors.
//!
//! A generated crate (such as `gitlab-packages`) depends on this one and re-exports what
//! its users need; its operations are plain data that assemble a [`RequestBuilder`], and
//! everything about sending is here:
//!
//! - path parameters are percent-encoded as one segment (`group/project` is sent as
//!   `group%2Fproject`); glob parameters keep their `/`;
//! - query parameters are form-urlencoded, arrays sent as `name[]=…` (encoded
//!   `name%5B%5D=…`);
//! - credentials travel in exactly one header ([`Auth`]; an API key may travel in the
//!   query instead), can be replaced per request ([`RequestOptions`]) or per client
//!   ([`Client::with_auth`]), and are never sent to another host, neither after a redirect
//!   (downloads are often redirected to pre-signed storage URLs) nor to a next-page link;
//! - an API with several servers (one per `consumes` block of its spec) sends each
//!   operation to its own server's root, with that server's credentials ([`Server`]);
//! - failed attempts (429, 5xx, lost connections) are retried with backoff
//!   ([`RetryPolicy`]), honouring `Retry-After` and `RateLimit-Reset`;
//! - a transfer that makes no progress for the read timeout fails instead of hanging;
//! - lists come page by page ([`Page`]) or as a stream of items ([`Items`]);
//! - bodies are streamed both ways: uploads from files or streams ([`Body`]), downloads
//!   as a [`ByteStream`], checked against `X-Checksum-SHA256`;
//! - every non-2xx answer becomes an [`Error::Http`] with GitLab's message and the
//!   response headers;
//! - each request is traced in a `tracing` span named `gitlab.request` (operation,
//!   method, path template, attempt, status; never a credential, path value or query);
//! - with the `blocking` feature, `block_on` runs a request from synchronous code.
//!
//! Requests need a Tokio runtime with its time driver enabled (`#[tokio::main]` has it).
//!
//! [`Client::request`] is also the way to call an endpoint no generated operation covers:
//!
//! ```no_run
//! use gitlab_api_runtime::{Auth, Client, Method};
//!
//! # async fn demo() -> gitlab_api_runtime::Result<()> {
//! let client = Client::builder()
//!     .base_url("https://gitlab.example.com")
//!     .auth(Auth::private_token("glpat-xxxxxxxxxxxxxxxxxxxx"))
//!     .build()?;
//! let mut request = client.request(
//!     Method::GET,
//!     "get_project_package",
//!     "/api/v4/projects/{id}/packages/{package_id}",
//! );
//! request
//!     .path_literal("/api/v4/projects/")
//!     .path_param("id", &"group/project")
//!     .path_literal("/packages/")
//!     .path_param("package_id", &42);
//! let package = request.send_json().await?;
//! println!("{}", package["name"]);
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod auth;
#[cfg(feature = "blocking")]
mod blocking;
mod body;
mod client;
mod error;
mod fields;
mod id;
mod limits;
mod operation;
mod options;
mod page;
pub mod path;
pub mod reference;
mod request;
mod response;
mod retry;
mod send;
mod stream;
mod string_enum;
#[cfg(test)]
mod test_server;
#[cfg(test)]
mod tests;

pub use auth::{Auth, Secret};
#[cfg(feature = "blocking")]
pub use blocking::block_on;
pub use body::{Body, Multipart};
pub use client::{Api, AuthScheme, Client, ClientBuilder, Server};
pub use error::{Error, Result};
pub use id::IdOrPath;
pub use limits::Limits;
pub use operation::ResponseFuture;
pub use options::RequestOptions;
pub use page::{Items, Page, Pagination};
pub use request::{MAX_REDIRECTS, RequestBuilder};
pub use response::RawResponse;
pub use retry::RetryPolicy;
pub use stream::ByteStream;

pub use reqwest::header::{HeaderMap, HeaderValue};
pub use reqwest::{Method, StatusCode};

/// The HTTP client this crate sends requests with, at the version it uses: for building a
/// client for [`ClientBuilder::http_client`] (which must not follow redirects: see there).
pub use reqwest;

/// What only generated code uses: not part of the public API, may change with
/// [`CONTRACT`](__private::CONTRACT).
#[doc(hidden)]
pub mod __private {
    pub use crate::operation::{
        Bytes, CONTRACT, Decode, Empty, Json, Raw, Text, collect_all, send, send_page, send_stream,
        start,
    };
    pub use bytes;
    pub use serde;
}

/// The README's examples, compiled as doc-tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
