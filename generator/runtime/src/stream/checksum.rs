//! The SHA-256 of a download, computed as it passes and compared at its end. A large body
//! is hashed on a blocking thread, fed the chunks through a bounded channel, so hashing
//! overlaps the transfer instead of slowing it (SHA-256 runs at about the speed of a
//! loopback transfer); a small one is hashed inline, where a thread would cost more than
//! it saves.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use bytes::Bytes;
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_util::sync::PollSender;

/// Bodies at least this long (by `Content-Length`, or of unknown length) are hashed on a
/// blocking thread.
const OFF_THREAD_FROM: u64 = 4 << 20;

/// Chunks in flight to the hashing thread: bounds the memory a slow hasher can hold.
const IN_FLIGHT: usize = 16;

/// The expected checksum and the hashing of the body so far.
pub(super) struct Checksum {
    expected: String,
    hasher: Hasher,
}

enum Hasher {
    Inline(Sha256),
    OffThread {
        /// Closed (`None`) once the body ended, so the thread finishes.
        chunks: Option<PollSender<Bytes>>,
        digest: JoinHandle<String>,
    },
    /// The digest was taken.
    Done,
}

impl Checksum {
    /// Verifies a body of `length` bytes (if known) against `expected` (hex). Must be called
    /// inside a Tokio runtime.
    pub(super) fn new(expected: String, length: Option<u64>) -> Self {
        let hasher = if length.is_some_and(|len| len < OFF_THREAD_FROM) {
            Hasher::Inline(Sha256::new())
        } else {
            let (sender, mut receiver) = mpsc::channel::<Bytes>(IN_FLIGHT);
            let digest = tokio::task::spawn_blocking(move || {
                let mut hasher = Sha256::new();
                while let Some(chunk) = receiver.blocking_recv() {
                    hasher.update(&chunk);
                }
                super::hex(&hasher.finalize())
            });
            Hasher::OffThread {
                chunks: Some(PollSender::new(sender)),
                digest,
            }
        };
        Checksum { expected, hasher }
    }

    /// The checksum expected, as given.
    pub(super) fn expected(&self) -> &str {
        &self.expected
    }

    /// Hands `chunk` to the hasher: ready at once inline, or once the channel has room.
    pub(super) fn poll_feed(&mut self, cx: &mut Context<'_>, chunk: &Bytes) -> Poll<()> {
        match &mut self.hasher {
            Hasher::Inline(hasher) => hasher.update(chunk),
            Hasher::OffThread {
                chunks: Some(sender),
                ..
            } => {
                // A closed channel (the thread is gone) shows as a wrong digest at the end.
                if ready!(sender.poll_reserve(cx)).is_ok() {
                    let _ = sender.send_item(chunk.clone());
                }
            }
            Hasher::OffThread { chunks: None, .. } | Hasher::Done => {}
        }
        Poll::Ready(())
    }

    /// The digest of everything fed, once hashed: `(expected, actual)` when they differ.
    pub(super) fn poll_finish(&mut self, cx: &mut Context<'_>) -> Poll<Option<(String, String)>> {
        let actual = match &mut self.hasher {
            Hasher::Inline(hasher) => super::hex(&std::mem::take(hasher).finalize()),
            Hasher::OffThread { chunks, digest } => {
                *chunks = None;
                match ready!(Pin::new(digest).poll(cx)) {
                    Ok(actual) => actual,
                    Err(_) => "(the hashing thread failed)".to_owned(),
                }
            }
            Hasher::Done => return Poll::Ready(None),
        };
        self.hasher = Hasher::Done;
        let expected = std::mem::take(&mut self.expected);
        Poll::Ready((!expected.trim().eq_ignore_ascii_case(&actual)).then_some((expected, actual)))
    }
}
