//! A successful response, read in full.

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use crate::error::{self, Error, Result, snippet};

mod json_path;

/// A successful (2xx) response: status, headers and the whole body.
///
/// Returned by [`RequestBuilder::send_raw`](crate::RequestBuilder::send_raw), for callers
/// that need headers (pagination, checksums) or a typed body.
#[derive(Debug, Clone)]
pub struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    ctx: error::Context,
}

impl RawResponse {
    pub(crate) fn new(
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
        ctx: error::Context,
    ) -> Self {
        RawResponse {
            status,
            headers,
            body,
            ctx,
        }
    }

    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// A header as text, if present and valid visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body.
    pub fn bytes(&self) -> &Bytes {
        &self.body
    }

    /// The body, consuming the response.
    pub fn into_bytes(self) -> Bytes {
        self.body
    }

    /// The headers, consuming the response.
    pub(crate) fn into_headers(self) -> HeaderMap {
        self.headers
    }

    /// The body as text; invalid UTF-8 is replaced by U+FFFD.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body decoded from JSON. An empty (or all-whitespace) body decodes as JSON
    /// `null`, so it gives `Value::Null`, `None` or `()`. A value that does not decode is
    /// an [`Error::Decode`] naming where in the document it is (`[3].created_at`: the
    /// fourth item's field).
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        let body: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &self.body
        };
        serde_json::from_slice(body).map_err(|source| self.decode_error(body, source))
    }

    /// The error for `body` failing to decode: where, from serde_json's position (no path
    /// tracking while decoding). Not generic, so compiled once.
    fn decode_error(&self, body: &[u8], source: serde_json::Error) -> Error {
        Error::Decode {
            operation: self.ctx.operation,
            method: self.ctx.method.clone(),
            path: self.ctx.path.clone(),
            at: json_path::path_of(body, &source),
            source,
            snippet: snippet(&self.body),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::Method;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Item {
        id: u64,
        created_at: String,
    }

    /// A list whose fourth item lacks a required field: the error says which item and
    /// which field.
    #[test]
    fn decode_errors_name_the_item_and_the_field() {
        let body = r#"[{"id":1,"created_at":"a"},{"id":2,"created_at":"b"},{"id":3,"created_at":"c"},{"id":4}]"#;
        let err = response(body).json::<Vec<Item>>().unwrap_err();
        match &err {
            Error::Decode { at, .. } => assert_eq!(at, "[3]"),
            other => panic!("unexpected {other:?}"),
        }
        assert!(
            err.to_string()
                .contains("at `[3]`: missing field `created_at`"),
            "{err}"
        );
        let body = r#"[{"id":1,"created_at":7}]"#;
        let err = response(body).json::<Vec<Item>>().unwrap_err();
        assert!(
            err.to_string()
                .contains("at `[0].created_at`: invalid type"),
            "{err}"
        );
    }

    fn ctx(path: &str) -> error::Context {
        error::Context {
            operation: "op",
            method: Method::GET,
            path: path.to_owned(),
        }
    }

    fn response(body: &'static str) -> RawResponse {
        RawResponse::new(
            StatusCode::OK,
            HeaderMap::new(),
            Bytes::from_static(body.as_bytes()),
            ctx("/api/v4/x"),
        )
    }

    #[test]
    fn json_bodies() {
        assert_eq!(
            response("").json::<serde_json::Value>().unwrap(),
            serde_json::Value::Null
        );
        assert_eq!(response(" \n").json::<Option<u32>>().unwrap(), None);
        assert_eq!(response("[1,2]").json::<Vec<u8>>().unwrap(), vec![1, 2]);
        let err = response("<html>oops</html>")
            .json::<serde_json::Value>()
            .unwrap_err();
        match &err {
            Error::Decode { snippet, path, .. } => {
                assert_eq!(snippet, "<html>oops</html>");
                assert_eq!(path, "/api/v4/x");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(
            err.to_string()
                .starts_with("op: GET /api/v4/x: could not decode the JSON response at `.`: "),
            "{err}"
        );
        assert!(response("[1] x").json::<Vec<u8>>().is_err());
    }

    #[test]
    fn text_is_lossy() {
        let r = RawResponse::new(
            StatusCode::OK,
            HeaderMap::new(),
            Bytes::from_static(b"a\xffb"),
            ctx(""),
        );
        assert_eq!(r.text(), "a\u{fffd}b");
        assert_eq!(r.bytes().as_ref(), b"a\xffb");
    }
}
