//! Bounds on what a server can make the client do: how much it buffers, how many pages it
//! follows, how slowly a body may arrive.

use std::time::Duration;

/// Bounds on what a server can make the client do, per client
/// ([`ClientBuilder::limits`](crate::ClientBuilder::limits)) or per request
/// ([`RequestOptions::limits`](crate::RequestOptions::limits)). Each one ends the request
/// with a clear error instead of letting a broken or hostile server drive the client.
///
/// | limit | default | applies to | error |
/// |---|---|---|---|
/// | [`max_body`](Self::max_body) | 64 MiB | answers read whole: JSON, text, bytes, raw, each page of a list | [`Error::TooLarge`](crate::Error::TooLarge) |
/// | [`max_pages`](Self::max_pages) | 10,000 | pages followed by `.all()` / `into_items()` | [`Error::Pagination`](crate::Error::Pagination) |
/// | [`min_rate`](Self::min_rate) | 1 KiB/s over each read-timeout window | every response body, streamed or not | [`Error::Timeout`](crate::Error::Timeout) |
/// | [`answer_timeout`](Self::answer_timeout) | 5 min | reading an answer read whole, once its headers arrived (also an error answer's body) | [`Error::Timeout`](crate::Error::Timeout) |
///
/// Streamed downloads (`send_stream`) are not bounded in size or total time, only in rate:
/// a 10 GiB file at full speed is fine; a body dripping a byte a second is not. Error
/// answers are read for their message up to 64 KiB, within the same rate and deadline. A
/// list that revisits a page it already gave (`X-Next-Page` cycling) always ends in
/// [`Error::Pagination`](crate::Error::Pagination), whatever the limits.
///
/// ```
/// use std::time::Duration;
/// use gitlab_api_runtime::Limits;
///
/// let limits = Limits::default()
///     .max_body(256 << 20)
///     .max_pages(100_000)
///     .answer_timeout(Duration::from_secs(600));
/// assert_eq!(limits.get_max_body(), 256 << 20);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    max_body: u64,
    max_pages: u64,
    min_rate: u64,
    answer_timeout: Option<Duration>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body: 64 << 20,
            max_pages: 10_000,
            min_rate: 1024,
            answer_timeout: Some(Duration::from_secs(300)),
        }
    }
}

impl Limits {
    /// The largest answer read whole, in bytes (default 64 MiB). A `Content-Length` above
    /// it fails before the body is read; a body without one fails as soon as it passes
    /// it. Stream larger files with `send_stream()`.
    pub fn max_body(mut self, bytes: u64) -> Self {
        self.max_body = bytes;
        self
    }

    /// The most pages a list is followed through (default 10,000: a million items at 100
    /// per page). At least one page is always read.
    pub fn max_pages(mut self, pages: u64) -> Self {
        self.max_pages = pages.max(1);
        self
    }

    /// The slowest a response body may arrive, in bytes per second, averaged over each
    /// read-timeout window (default 1 KiB/s: with the 60 s read timeout, at least 60 KiB
    /// a minute, unless the body ends first). `0` only requires some byte in each window.
    /// Without a read timeout there is no window and no minimum.
    pub fn min_rate(mut self, bytes_per_second: u64) -> Self {
        self.min_rate = bytes_per_second;
        self
    }

    /// The longest time to read an answer read whole (JSON, text, bytes, an error's
    /// message) once its headers arrived (default 5 minutes); `None` for no limit.
    /// Uploads are not counted: the time runs from the answer's headers.
    pub fn answer_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.answer_timeout = timeout.into();
        self
    }

    /// See [`max_body`](Self::max_body).
    pub fn get_max_body(&self) -> u64 {
        self.max_body
    }

    /// See [`max_pages`](Self::max_pages).
    pub fn get_max_pages(&self) -> u64 {
        self.max_pages
    }

    /// See [`min_rate`](Self::min_rate).
    pub fn get_min_rate(&self) -> u64 {
        self.min_rate
    }

    /// See [`answer_timeout`](Self::answer_timeout).
    pub fn get_answer_timeout(&self) -> Option<Duration> {
        self.answer_timeout
    }

    /// The bytes that must arrive within each `window` to keep a transfer going.
    pub(crate) fn window_bytes(&self, window: Duration) -> u64 {
        let per_window = u128::from(self.min_rate) * window.as_millis() / 1000;
        u64::try_from(per_window).unwrap_or(u64::MAX).max(1)
    }
}
