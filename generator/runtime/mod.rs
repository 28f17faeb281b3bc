//! The HTTP runtime shared by all operations: client, credentials, request building,
//! retries, pagination, streaming, errors.
//!
//! Every operation assembles its request with a [`RequestBuilder`]:
//!
//! - path parameters are percent-encoded as one segment (`group/project` is sent as
//!   `group%2Fproject`); glob parameters keep their `/`;
//! - query parameters are form-urlencoded, arrays sent as `name[]=…` (encoded
//!   `name%5B%5D=…`);
//! - credentials travel in exactly one header ([`Auth`]), can be replaced per request
//!   ([`RequestOptions`]) or per client ([`Client::with_auth`]), and are never sent to
//!   another host, neither after a redirect (downloads are often redirected to
//!   pre-signed storage URLs) nor to a next-page link;
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
//! ```no_run
//! use gitlab_packages::{Auth, Client};
//! use gitlab_packages::runtime::Method;
//!
//! # async fn demo() -> gitlab_packages::Result<()> {
//! let client = Client::builder()
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

mod auth;
#[cfg(feature = "blocking")]
mod blocking;
mod body;
mod client;
mod error;
mod id;
mod options;
mod page;
mod request;
mod response;
mod retry;
mod stream;
#[cfg(test)]
mod test_server;
#[cfg(test)]
mod tests;

pub use auth::{Auth, Secret};
#[cfg(feature = "blocking")]
pub use blocking::block_on;
pub use body::{Body, Multipart};
pub use client::{BASE_URL_ENV, Client, ClientBuilder, DEFAULT_BASE_URL, TOKEN_ENV};
pub use error::{Error, Result};
pub use id::IdOrPath;
pub use options::RequestOptions;
pub use page::{Items, Page, Pagination};
pub use request::{MAX_REDIRECTS, RequestBuilder};
pub use response::RawResponse;
pub use retry::RetryPolicy;
pub use stream::ByteStream;

pub use reqwest::header::{HeaderMap, HeaderValue};
pub use reqwest::{Method, StatusCode};
