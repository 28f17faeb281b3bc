//! The HTTP runtime shared by all operations: client, credentials, request building,
//! errors.
//!
//! Every operation assembles its request with a [`RequestBuilder`]:
//!
//! - path parameters are percent-encoded as one segment (`group/project` is sent as
//!   `group%2Fproject`); glob parameters keep their `/`;
//! - query parameters are form-urlencoded, arrays sent as `name[]=…` (encoded
//!   `name%5B%5D=…`);
//! - credentials travel in exactly one header ([`Auth`]) and are never sent to another
//!   host after a redirect: downloads are often redirected to pre-signed storage URLs;
//! - every non-2xx answer becomes an [`Error::Http`] with GitLab's message.
//!
//! ```no_run
//! use gitlab_packages::{Auth, Client};
//! use gitlab_packages::runtime::Method;
//!
//! # async fn demo() -> gitlab_packages::Result<()> {
//! let client = Client::builder()
//!     .auth(Auth::private_token("glpat-xxxxxxxxxxxxxxxxxxxx"))
//!     .build()?;
//! let mut request = client.request(Method::GET, "get_package");
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
mod body;
mod client;
mod error;
mod id;
mod request;
mod response;
#[cfg(test)]
mod tests;

pub use auth::{Auth, Secret};
pub use body::{Body, Multipart};
pub use client::{BASE_URL_ENV, Client, ClientBuilder, DEFAULT_BASE_URL, TOKEN_ENV};
pub use error::{Error, Result};
pub use id::IdOrPath;
pub use request::{MAX_REDIRECTS, RequestBuilder};
pub use response::RawResponse;

pub use reqwest::header::{HeaderMap, HeaderValue};
pub use reqwest::{Method, StatusCode};
