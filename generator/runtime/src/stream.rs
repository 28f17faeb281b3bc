//! Streamed response bodies.

use std::fmt;
use std::future::poll_fn;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_core::Stream;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_LENGTH, HeaderMap};
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::time::{Instant, Sleep};

use crate::error::{self, Error, Result};
use crate::limits::Limits;

mod checksum;

use crate::response::RawResponse;
use checksum::Checksum;

/// The header with which GitLab announces the SHA-256 of a download.
pub(crate) const CHECKSUM_HEADER: reqwest::header::HeaderName =
    reqwest::header::HeaderName::from_static("x-checksum-sha256");

type Chunks = Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>;

/// A response body read as it arrives, in constant memory: a [`Stream`] of [`Bytes`]
/// chunks, or written whole with [`write_to`](Self::write_to) or
/// [`save_to`](Self::save_to).
///
/// When the response announced a checksum (`X-Checksum-SHA256`, sent by generic package
/// downloads, also when they redirect to object storage), the stream computes the SHA-256
/// of the bytes and ends with [`Error::Checksum`] if they differ. When no byte arrives
/// within the read timeout, it ends with [`Error::Timeout`]. After an error the stream
/// ends.
///
/// Errors while reading the body are not retried: part of it was already handed out.
///
/// ```no_run
/// use gitlab_api_runtime::Client;
/// use gitlab_api_runtime::Method;
///
/// # async fn demo(client: Client) -> gitlab_api_runtime::Result<()> {
/// let mut request = client.request(
///     Method::GET,
///     "download_generic_package_file",
///     "/api/v4/projects/{id}/packages/generic/{package_name}/{package_version}/{file_name}",
/// );
/// request
///     .path_literal("/api/v4/projects/")
///     .path_param("id", &"group/project")
///     .path_literal("/packages/generic/tool/1.0.0/tool.tar.gz");
/// let download = request.send_stream().await?;
/// println!("{:?} bytes", download.content_length());
/// let written = download.save_to("tool.tar.gz").await?;
/// # Ok(())
/// # }
/// ```
pub struct ByteStream {
    status: StatusCode,
    headers: HeaderMap,
    /// `Content-Length`, read once.
    length: Option<u64>,
    chunks: Chunks,
    stall: Option<Stall>,
    checksum: Option<Checksum>,
    /// A chunk received, waiting for the hasher to take it before it is handed out.
    held: Option<Bytes>,
    /// The body ended; the checksum is being finished.
    ended: bool,
    ctx: error::Context,
    done: bool,
    /// Told the bytes received so far and the `Content-Length`, chunk by chunk.
    on_progress: Option<(crate::body::OnProgress, u64)>,
}

/// The minimum rate: within each window of the read timeout, `required` bytes must
/// arrive (or the body end), else the stream fails with [`Error::Timeout`].
struct Stall {
    window: Duration,
    required: u64,
    received: u64,
    deadline: Pin<Box<Sleep>>,
}

impl Stall {
    /// Counts `n` bytes; a window that got what it needs starts the next one.
    fn received(&mut self, n: u64) {
        self.received = self.received.saturating_add(n);
        if self.received >= self.required {
            if let Some(deadline) = Instant::now().checked_add(self.window) {
                self.deadline.as_mut().reset(deadline);
                self.received = 0;
            }
        }
    }
}

impl ByteStream {
    /// `expected` is the announced SHA-256 (hex); `read_timeout` the window within which
    /// `limits`' minimum rate must be met. Must be called inside a Tokio runtime.
    pub(crate) fn new(
        mut response: reqwest::Response,
        expected: Option<String>,
        read_timeout: Option<Duration>,
        limits: &Limits,
        ctx: error::Context,
    ) -> Self {
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let length = headers
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok());
        let stall = read_timeout.and_then(|window| {
            let deadline = Instant::now().checked_add(window)?;
            Some(Stall {
                window,
                required: limits.window_bytes(window),
                received: 0,
                deadline: Box::pin(tokio::time::sleep_until(deadline)),
            })
        });
        ByteStream {
            status,
            headers,
            length,
            chunks: Box::pin(response.bytes_stream()),
            stall,
            checksum: expected.map(|hex| Checksum::new(hex, length)),
            held: None,
            ended: false,
            ctx,
            done: false,
            on_progress: None,
        }
    }

    /// The status code (2xx).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The length of the body announced by `Content-Length`, if any.
    pub fn content_length(&self) -> Option<u64> {
        self.length
    }

    /// Calls `report(received, total)` for every chunk: the bytes received so far and the
    /// `Content-Length`, when the server sent one. Everything else stays as it is:
    /// [`save_to`](Self::save_to) still writes through a temporary file renamed when
    /// complete, and the checksum is still verified at the end.
    ///
    /// ```no_run
    /// # async fn demo(stream: gitlab_api_runtime::ByteStream) -> gitlab_api_runtime::Result<()> {
    /// stream
    ///     .on_progress(|received, total| eprint!("\r{received} of {total:?} bytes"))
    ///     .save_to("tool")
    ///     .await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn on_progress(
        mut self,
        report: impl Fn(u64, Option<u64>) + Send + Sync + 'static,
    ) -> Self {
        self.on_progress = Some((std::sync::Arc::new(report), 0));
        self
    }

    /// Verifies the body against `sha256` (hex, any case), a checksum known beforehand
    /// (such as a package file's `file_sha256`), in place of the one the server announced:
    /// the stream ends with [`Error::Checksum`] if they differ, and
    /// [`save_to`](Self::save_to) then leaves no file. Call it before reading the body.
    ///
    /// ```no_run
    /// # async fn demo(stream: gitlab_api_runtime::ByteStream) -> gitlab_api_runtime::Result<()> {
    /// let file_sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    /// stream.verify_sha256(file_sha256).save_to("tool").await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn verify_sha256(mut self, sha256: impl Into<String>) -> Self {
        self.checksum = Some(Checksum::new(sha256.into(), self.length));
        self
    }

    /// The SHA-256 checksum the body is verified against at the end, if any: the one given
    /// to [`verify_sha256`](Self::verify_sha256), else the one the server announced.
    pub fn expected_checksum(&self) -> Option<&str> {
        self.checksum.as_ref().map(Checksum::expected)
    }

    /// The next chunk, `None` at the end.
    pub async fn chunk(&mut self) -> Option<Result<Bytes>> {
        poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Reads the whole body into memory.
    pub async fn bytes(self) -> Result<Bytes> {
        // The caller chose to buffer a stream: no size limit.
        let declared = self.length;
        self.read_whole(declared, u64::MAX).await
    }

    /// Reads the whole body into a [`RawResponse`], within `limits`' size and deadline.
    pub(crate) async fn into_raw(mut self, limits: &Limits) -> Result<RawResponse> {
        let declared = self.content_length();
        let (status, ctx) = (self.status, self.ctx.clone());
        let headers = std::mem::take(&mut self.headers);
        let body = self.read_whole(declared, limits.get_max_body());
        let body = match limits.get_answer_timeout() {
            Some(limit) => tokio::time::timeout(limit, body)
                .await
                .map_err(|_| ctx.answer_timed_out())?,
            None => body.await,
        }?;
        Ok(RawResponse::new(status, headers, body, ctx))
    }

    /// The whole body, failing with [`Error::TooLarge`] past `max` bytes (before reading,
    /// when the `declared` length says so).
    async fn read_whole(mut self, declared: Option<u64>, max: u64) -> Result<Bytes> {
        let too_large = |ctx: &error::Context| ctx.too_large(max);
        if declared.is_some_and(|len| len > max) {
            return Err(too_large(&self.ctx));
        }
        // A body that comes in one chunk (most JSON answers) is returned as it is, uncopied.
        let first = match self.chunk().await {
            None => return Ok(Bytes::new()),
            Some(chunk) => chunk?,
        };
        if first.len() as u64 > max {
            return Err(too_large(&self.ctx));
        }
        let second = match self.chunk().await {
            None => return Ok(first),
            Some(chunk) => chunk?,
        };
        let capacity = declared.unwrap_or(0).min(16 << 20);
        let mut out = BytesMut::with_capacity(usize::try_from(capacity).unwrap_or(0));
        out.extend_from_slice(&first);
        let mut pending = Some(second);
        while let Some(chunk) = match pending.take() {
            Some(chunk) => Some(Ok(chunk)),
            None => self.chunk().await,
        } {
            let chunk = chunk?;
            if (out.len() + chunk.len()) as u64 > max {
                return Err(too_large(&self.ctx));
            }
            out.extend_from_slice(&chunk);
        }
        Ok(out.freeze())
    }

    /// At most `max` bytes of the body (what could be read of it: an error ends it), for
    /// an error answer's message.
    pub(crate) async fn head(mut self, max: usize) -> Vec<u8> {
        let mut body = Vec::new();
        while let Some(Ok(chunk)) = self.chunk().await {
            body.extend_from_slice(&chunk);
            if body.len() >= max {
                body.truncate(max);
                break;
            }
        }
        body
    }

    /// Writes the whole body to `writer`, then flushes it; returns the number of bytes
    /// written. On an error, part of the body may have been written.
    pub async fn write_to<W>(mut self, writer: &mut W) -> Result<u64>
    where
        W: AsyncWrite + Unpin + ?Sized,
    {
        let operation = self.ctx.operation;
        let io = |source| Error::Io {
            operation,
            context: "cannot write the download".to_owned(),
            source,
        };
        let mut written = 0u64;
        while let Some(chunk) = self.chunk().await {
            let chunk = chunk?;
            writer.write_all(&chunk).await.map_err(io)?;
            written += chunk.len() as u64;
        }
        writer.flush().await.map_err(io)?;
        Ok(written)
    }

    /// Writes the whole body to the file at `path`, replacing it; returns the number of
    /// bytes written. The body goes to a temporary file beside `path` first, renamed to
    /// `path` once complete (and verified, when a checksum was announced): on an error,
    /// `path` is left as it was and no partial file remains.
    pub async fn save_to(self, path: impl AsRef<Path>) -> Result<u64> {
        let path = path.as_ref();
        let operation = self.ctx.operation;
        let io = |action: &str, file: &Path, source| Error::Io {
            operation,
            context: format!("cannot {action} {}", file.display()),
            source,
        };
        let Some(name) = path.file_name() else {
            return Err(Error::invalid(operation, "path", "has no file name"));
        };
        let mut temp_name = std::ffi::OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(".{:016x}.part", fastrand::u64(..)));
        let mut temp = TempFile {
            path: path.with_file_name(temp_name),
            keep: false,
        };
        let temp_path = temp.path.as_path();
        let mut file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(temp_path)
            .await
            .map_err(|e| io("create", temp_path, e))?;
        let written = self.write_to(&mut file).await?;
        file.sync_all()
            .await
            .map_err(|e| io("write", temp_path, e))?;
        drop(file);
        tokio::fs::rename(temp_path, path)
            .await
            .map_err(|e| io("rename the download to", path, e))?;
        temp.keep = true;
        Ok(written)
    }

    /// The end of the body: the checksum compared, once hashed.
    fn poll_finish(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes>>> {
        let Some(checksum) = &mut self.checksum else {
            self.done = true;
            return Poll::Ready(None);
        };
        let mismatch = ready!(checksum.poll_finish(cx));
        self.done = true;
        Poll::Ready(mismatch.map(|(expected, actual)| {
            Err(Error::Checksum {
                operation: self.ctx.operation,
                method: self.ctx.method.clone(),
                path: self.ctx.path.clone(),
                expected,
                actual,
            })
        }))
    }

    /// Counts a chunk received (stall, progress) and holds it for the hasher.
    fn received(&mut self, chunk: Bytes) {
        if let Some(stall) = &mut self.stall {
            stall.received(chunk.len() as u64);
        }
        let total = self.length;
        if let Some((report, received)) = &mut self.on_progress {
            *received += chunk.len() as u64;
            report(*received, total);
        }
        self.held = Some(chunk);
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if this.done {
                return Poll::Ready(None);
            }
            if let Some(chunk) = &this.held {
                if let Some(checksum) = &mut this.checksum {
                    ready!(checksum.poll_feed(cx, chunk));
                }
                return Poll::Ready(this.held.take().map(Ok));
            }
            if this.ended {
                return this.poll_finish(cx);
            }
            match this.chunks.as_mut().poll_next(cx) {
                Poll::Ready(Some(Ok(chunk))) => this.received(chunk),
                Poll::Ready(Some(Err(e))) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(this.ctx.transport(e))));
                }
                Poll::Ready(None) => this.ended = true,
                Poll::Pending => {
                    let stalled = match &mut this.stall {
                        Some(stall) => stall.deadline.as_mut().poll(cx).is_ready(),
                        None => false,
                    };
                    if !stalled {
                        return Poll::Pending;
                    }
                    this.done = true;
                    return Poll::Ready(Some(Err(this.ctx.stalled())));
                }
            }
        }
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("status", &self.status)
            .field("content_length", &self.content_length())
            .field("expected_checksum", &self.expected_checksum())
            .finish_non_exhaustive()
    }
}

/// A temporary file, removed when dropped unless kept (so also when a download is
/// cancelled).
struct TempFile {
    path: PathBuf,
    keep: bool,
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    #[test]
    fn hex_digest() {
        assert_eq!(
            hex(&Sha256::digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(hex(&[0, 0xff, 0x10]), "00ff10");
    }
}
