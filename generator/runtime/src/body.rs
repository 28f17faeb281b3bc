//! Request bodies: bytes, files and streams, raw or in multipart forms. All of them are
//! streamed to the server.

use std::error::Error as StdError;
use std::fmt;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_core::Stream;

use crate::error::{Error, Result};

type BoxError = Box<dyn StdError + Send + Sync>;
type BoxStream = Pin<Box<dyn Stream<Item = std::result::Result<Bytes, BoxError>> + Send>>;

/// Bytes handed to the connection at once: progress (for the read timeout) is seen at
/// least this often.
const CHUNK: usize = 64 * 1024;

/// A raw request body (a package file, for instance): bytes in memory, a file, or a
/// stream.
///
/// Bodies are sent in chunks. Bytes and files can be sent again when a request is
/// retried: a file is opened when the request is sent (its length read then) and
/// re-opened from the start for a retry. A stream can be sent once only, so a request
/// with a stream body is never retried.
///
/// Cheap to clone (clones share the bytes, the path or the one-shot stream).
///
/// ```
/// use gitlab_api_runtime::Body;
///
/// let body = Body::from(vec![1u8, 2, 3]);
/// assert_eq!(body.content_length(), Some(3));
/// assert_eq!(format!("{body:?}"), "Body::Bytes { len: 3 }");
/// let file = Body::from_file("target/my-package-1.0.0.tgz");
/// assert_eq!(file.content_length(), None);
/// assert!(file.is_replayable());
/// ```
#[derive(Clone)]
pub struct Body {
    inner: Inner,
    /// Told the bytes sent so far and the total, as the body is read for sending.
    on_progress: Option<OnProgress>,
}

/// A progress callback: bytes done so far, and the total when known.
pub(crate) type OnProgress = Arc<dyn Fn(u64, Option<u64>) + Send + Sync>;

#[derive(Clone)]
enum Inner {
    Bytes(Bytes),
    File(PathBuf),
    Stream {
        stream: Arc<Mutex<Option<BoxStream>>>,
        len: Option<u64>,
    },
}

impl Body {
    /// An empty body.
    pub fn empty() -> Self {
        Body::from(Bytes::new())
    }

    /// The content of the file at `path`, opened (and its length read) when the request is
    /// sent; a missing file makes sending fail with [`Error::Io`].
    pub fn from_file(path: impl AsRef<Path>) -> Self {
        Body {
            inner: Inner::File(path.as_ref().to_owned()),
            on_progress: None,
        }
    }

    /// A body read from `stream`, which can be sent only once: a request with this body is
    /// never retried, nor sent again after a redirect. With `content_length`, it is sent
    /// as `Content-Length` (the stream must yield exactly that many bytes); without, the
    /// body is sent with chunked transfer encoding.
    ///
    /// The body is never completed unless the stream ends cleanly: each chunk is sent once
    /// the next item is known, so an error at the very end (a download's checksum
    /// mismatch, say, when streaming one registry's file into another) fails the request
    /// before its last bytes go out, also when `Content-Length` would let the connection
    /// stop reading first.
    pub fn from_stream<S, E>(stream: S, content_length: Option<u64>) -> Self
    where
        S: Stream<Item = std::result::Result<Bytes, E>> + Send + 'static,
        E: Into<Box<dyn StdError + Send + Sync>>,
    {
        let stream: BoxStream = Box::pin(HoldLast {
            inner: Box::pin(MapErr(Box::pin(stream))),
            held: None,
            ended: false,
        });
        Body {
            inner: Inner::Stream {
                stream: Arc::new(Mutex::new(Some(stream))),
                len: content_length,
            },
            on_progress: None,
        }
    }

    /// The length of the body, when known before sending (not for files, whose length is
    /// read when sending).
    pub fn content_length(&self) -> Option<u64> {
        match &self.inner {
            Inner::Bytes(b) => Some(b.len() as u64),
            Inner::File(_) => None,
            Inner::Stream { len, .. } => *len,
        }
    }

    /// Calls `report(sent, total)` as the body is sent: the bytes taken by the connection
    /// so far, and the total when known (a file's length). Every guarantee stays: a file
    /// body is still re-read from the start when the request is retried (`sent` starts
    /// over then), and still opened only when the request is sent.
    ///
    /// ```
    /// use gitlab_api_runtime::Body;
    ///
    /// let body = Body::from_file("dist/tool").on_progress(|sent, total| {
    ///     eprint!("\r{sent} of {} bytes", total.unwrap_or(0));
    /// });
    /// # let _ = body;
    /// ```
    pub fn on_progress(
        mut self,
        report: impl Fn(u64, Option<u64>) + Send + Sync + 'static,
    ) -> Self {
        self.on_progress = Some(Arc::new(report));
        self
    }

    /// Whether the body can be sent more than once (bytes and files can, streams cannot).
    pub fn is_replayable(&self) -> bool {
        !matches!(self.inner, Inner::Stream { .. })
    }

    /// The body for reqwest and its length, reporting each chunk taken to `progress`.
    /// Opens a file; takes a stream (failing if it was taken before).
    pub(crate) async fn open(
        &self,
        operation: &'static str,
        progress: &Arc<Progress>,
    ) -> Result<(reqwest::Body, Option<u64>)> {
        let (stream, len): (BoxStream, Option<u64>) = match &self.inner {
            Inner::Bytes(bytes) if bytes.len() <= CHUNK && self.on_progress.is_none() => {
                return Ok((reqwest::Body::from(bytes.clone()), Some(bytes.len() as u64)));
            }
            Inner::Bytes(bytes) => (Box::pin(Chunks(bytes.clone())), Some(bytes.len() as u64)),
            Inner::File(path) => {
                let io = |action: &str, source| Error::Io {
                    operation,
                    context: format!("{action} the upload file {}", path.display()),
                    source,
                };
                let file = tokio::fs::File::open(path)
                    .await
                    .map_err(|e| io("cannot open", e))?;
                let len = file
                    .metadata()
                    .await
                    .map_err(|e| io("cannot read the length of", e))?
                    .len();
                let reader = tokio_util::io::ReaderStream::with_capacity(file, CHUNK);
                (Box::pin(MapErr(Box::pin(reader))), Some(len))
            }
            Inner::Stream { stream, len } => {
                let taken = stream.lock().unwrap_or_else(PoisonError::into_inner).take();
                let stream = taken.ok_or_else(|| {
                    Error::invalid(
                        operation,
                        "body",
                        "is a stream that was already sent (a stream body can be sent once)",
                    )
                })?;
                (stream, *len)
            }
        };
        let stream = Tracked {
            inner: stream,
            progress: Arc::clone(progress),
            report: self.on_progress.clone().map(|report| (report, 0, len)),
        };
        Ok((reqwest::Body::wrap_stream(stream), len))
    }
}

impl Default for Body {
    fn default() -> Self {
        Body::empty()
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Inner::Bytes(b) => f
                .debug_struct("Body::Bytes")
                .field("len", &b.len())
                .finish(),
            Inner::File(path) => f.debug_tuple("Body::File").field(path).finish(),
            Inner::Stream { len, .. } => f.debug_struct("Body::Stream").field("len", len).finish(),
        }
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Body {
            inner: Inner::Bytes(bytes),
            on_progress: None,
        }
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body::from(Bytes::from(bytes))
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Body::from(Bytes::from(text))
    }
}

impl From<&'static str> for Body {
    fn from(text: &'static str) -> Self {
        Body::from(Bytes::from_static(text.as_bytes()))
    }
}

impl From<&'static [u8]> for Body {
    fn from(bytes: &'static [u8]) -> Self {
        Body::from(Bytes::from_static(bytes))
    }
}

/// When a transfer last made progress (bytes of the request body taken by the
/// connection), for the read timeout.
/// Also keeps the error that ended the body, if any, for the caller (the connection only
/// reports that the body failed).
#[derive(Debug)]
pub(crate) struct Progress {
    origin: Instant,
    nanos: AtomicU64,
    failure: Mutex<Option<BoxError>>,
}

impl Progress {
    pub(crate) fn new() -> Arc<Self> {
        Arc::new(Progress {
            origin: Instant::now(),
            nanos: AtomicU64::new(0),
            failure: Mutex::new(None),
        })
    }

    /// The error that ended the request body, once.
    pub(crate) fn take_failure(&self) -> Option<BoxError> {
        self.failure
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    fn touch(&self) {
        let nanos = u64::try_from(self.origin.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.nanos.store(nanos, Ordering::Relaxed);
    }

    /// When progress was last made (creation counts).
    pub(crate) fn last(&self) -> Instant {
        let nanos = Duration::from_nanos(self.nanos.load(Ordering::Relaxed));
        self.origin.checked_add(nanos).unwrap_or(self.origin)
    }
}

/// Reports every chunk taken from `inner` to `progress` (and to the body's callback, with
/// the bytes so far and the total).
struct Tracked {
    inner: BoxStream,
    progress: Arc<Progress>,
    report: Option<(OnProgress, u64, Option<u64>)>,
}

impl Stream for Tracked {
    type Item = std::result::Result<Bytes, BoxError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let item = self.inner.as_mut().poll_next(cx);
        if item.is_ready() {
            self.progress.touch();
        }
        if let Poll::Ready(Some(Err(error))) = item {
            // Kept for the caller; the connection gets a stand-in.
            *self
                .progress
                .failure
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Some(error);
            return Poll::Ready(Some(Err("the request body failed".into())));
        }
        if let (Poll::Ready(Some(Ok(chunk))), Some((report, done, total))) =
            (&item, &mut self.report)
        {
            *done += chunk.len() as u64;
            report(*done, *total);
        }
        item
    }
}

/// Bytes in chunks of [`CHUNK`] bytes (sharing the buffer).
struct Chunks(Bytes);

impl Stream for Chunks {
    type Item = std::result::Result<Bytes, BoxError>;

    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.0.is_empty() {
            return Poll::Ready(None);
        }
        let n = self.0.len().min(CHUNK);
        Poll::Ready(Some(Ok(self.0.split_to(n))))
    }
}

/// A caller's stream whose chunks are each released once the next item is known, so the
/// last one goes out only after the stream has ended cleanly (see [`Body::from_stream`]).
/// An error is passed on at once, dropping the chunk held.
struct HoldLast {
    inner: BoxStream,
    held: Option<Bytes>,
    ended: bool,
}

impl Stream for HoldLast {
    type Item = std::result::Result<Bytes, BoxError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if this.ended {
                return Poll::Ready(this.held.take().map(Ok));
            }
            match this.inner.as_mut().poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Ok(chunk))) if chunk.is_empty() => {}
                Poll::Ready(Some(Ok(chunk))) => {
                    if let Some(previous) = this.held.replace(chunk) {
                        return Poll::Ready(Some(Ok(previous)));
                    }
                }
                Poll::Ready(Some(Err(error))) => {
                    this.held = None;
                    this.ended = true;
                    return Poll::Ready(Some(Err(error)));
                }
                Poll::Ready(None) => this.ended = true,
            }
        }
    }
}

/// Boxes the error of a stream of bytes.
struct MapErr<S>(Pin<Box<S>>);

impl<S, E> Stream for MapErr<S>
where
    S: Stream<Item = std::result::Result<Bytes, E>>,
    E: Into<BoxError>,
{
    type Item = std::result::Result<Bytes, BoxError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0
            .as_mut()
            .poll_next(cx)
            .map(|item| item.map(|r| r.map_err(Into::into)))
    }
}

/// A `multipart/form-data` body (NuGet, PyPI and Helm uploads). File parts are streamed
/// like a [`Body`] and can come from a file on disk.
///
/// ```
/// use gitlab_api_runtime::{Body, Multipart};
///
/// let form = Multipart::new()
///     .text("name", "my-package")
///     .text("version", "1.0.0")
///     .file("content", "my_package-1.0.0.tar.gz", Body::from_file("dist/my_package-1.0.0.tar.gz"));
/// assert_eq!(form.len(), 3);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Multipart {
    fields: Vec<Field>,
}

#[derive(Clone, Debug)]
enum Field {
    Text {
        name: String,
        value: String,
    },
    File {
        name: String,
        file_name: String,
        content_type: String,
        body: Body,
    },
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Multipart::default()
    }

    /// Puts text fields before the form's parts (metadata before the file, as package
    /// managers send it).
    pub(crate) fn with_leading_text<'a>(
        mut self,
        fields: impl IntoIterator<Item = (std::borrow::Cow<'a, str>, &'a str)>,
    ) -> Self {
        let mut all: Vec<Field> = fields
            .into_iter()
            .map(|(name, value)| Field::Text {
                name: name.into_owned(),
                value: value.to_owned(),
            })
            .collect();
        all.append(&mut self.fields);
        self.fields = all;
        self
    }

    /// Adds a text field.
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.fields.push(Field::Text {
            name: name.into(),
            value: value.into(),
        });
        self
    }

    /// Adds a file field with content type `application/octet-stream`.
    pub fn file(
        self,
        name: impl Into<String>,
        file_name: impl Into<String>,
        body: impl Into<Body>,
    ) -> Self {
        self.file_with_type(name, file_name, "application/octet-stream", body)
    }

    /// Adds a file field with the given content type (e.g. `application/gzip`).
    pub fn file_with_type(
        mut self,
        name: impl Into<String>,
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        body: impl Into<Body>,
    ) -> Self {
        self.fields.push(Field::File {
            name: name.into(),
            file_name: file_name.into(),
            content_type: content_type.into(),
            body: body.into(),
        });
        self
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether the form has no fields.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Whether the form can be sent more than once (no file part is a stream).
    pub fn is_replayable(&self) -> bool {
        self.fields.iter().all(|field| match field {
            Field::Text { .. } => true,
            Field::File { body, .. } => body.is_replayable(),
        })
    }

    /// Builds the reqwest form (opening files); can be called again to resend the form.
    pub(crate) async fn open(
        &self,
        operation: &'static str,
        progress: &Arc<Progress>,
    ) -> Result<reqwest::multipart::Form> {
        let mut form = reqwest::multipart::Form::new();
        for field in &self.fields {
            form = match field {
                Field::Text { name, value } => form.text(name.clone(), value.clone()),
                Field::File {
                    name,
                    file_name,
                    content_type,
                    body,
                } => {
                    let file_name = wire_file_name(file_name)
                        .map_err(|reason| Error::invalid(operation, name.clone(), reason))?;
                    let (body, len) = body.open(operation, progress).await?;
                    let part = match len {
                        Some(len) => reqwest::multipart::Part::stream_with_length(body, len),
                        None => reqwest::multipart::Part::stream(body),
                    };
                    let part = part
                        .file_name(file_name)
                        .mime_str(content_type)
                        .map_err(|_| {
                            Error::invalid(operation, name.clone(), "has an invalid content type")
                        })?;
                    form.part(name.clone(), part)
                }
            };
        }
        Ok(form)
    }
}

/// A multipart file name as it must be written for the server to read `name` exactly.
///
/// Rack (under GitLab's API) percent-decodes a file name whose `%` sequences are all valid,
/// then keeps only what follows its last `/` or `\`. So `%` goes as `%25` (every sequence
/// is then valid and decodes back) and `"` as `%22` (no quoting to undo); a name with `/`,
/// `\` or a control character cannot arrive as given and is refused, as is an empty one
/// (Rack would not see a file).
fn wire_file_name(name: &str) -> std::result::Result<String, &'static str> {
    if name.is_empty() {
        return Err("has an empty file name");
    }
    if name.contains(['/', '\\']) {
        return Err(
            "has a file name with `/` or `\\`: the server keeps only what follows the last one",
        );
    }
    if name.chars().any(char::is_control) {
        return Err("has a file name with a control character");
    }
    Ok(name.replace('%', "%25").replace('"', "%22"))
}

#[cfg(test)]
mod file_name_tests {
    use super::wire_file_name;

    #[test]
    fn file_names_are_written_so_that_they_arrive_as_given() {
        assert_eq!(wire_file_name("pkg-1.0.tgz").unwrap(), "pkg-1.0.tgz");
        assert_eq!(wire_file_name("a%2Fb.tgz").unwrap(), "a%252Fb.tgz");
        assert_eq!(wire_file_name("100%.txt").unwrap(), "100%25.txt");
        assert_eq!(
            wire_file_name("say \"hi\".txt").unwrap(),
            "say %22hi%22.txt"
        );
        assert_eq!(wire_file_name("résumé.pdf").unwrap(), "résumé.pdf");
        for bad in ["", "dir/a.tgz", "dir\\a.tgz", "a\nb"] {
            assert!(wire_file_name(bad).is_err(), "{bad:?}");
        }
    }
}
