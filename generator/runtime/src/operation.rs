//! What every generated operation shares, written once: how its request starts
//! ([`start`]), the future `.await` returns ([`ResponseFuture`]), and the [`operation!`]
//! macro that gives an operation's request type its sending methods.
//!
//! A generated operation is a `Client` method that [`start`]s its [`RequestBuilder`] and
//! sets the required parameters, a request type wrapping the builder, and one setter per
//! optional parameter. `operation!` then adds, with the same code for every operation:
//! `options`, `send`, `send_blocking` (feature `blocking`), `IntoFuture` (so the request
//! is awaited), and `send_page`/`into_items` for lists or `send_stream` for files.
//! Sending is generic over the answer's decoding only (JSON into a type, text, bytes,
//! nothing, the raw response), never over the operation.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use reqwest::Method;
use serde::de::DeserializeOwned;
use url::Url;

use crate::client::Client;
use crate::error::Result;
use crate::page::Page;
use crate::request::RequestBuilder;
use crate::response::RawResponse;
use crate::send::Fetch;
use crate::stream::ByteStream;

/// The version of the contract between the generator and this runtime: the generator
/// emits code for one version and every generated crate checks it at compile time.
pub const CONTRACT: u32 = 1;

/// Starts the request of a generated operation: its path is expanded from `template`
/// with the values the operation sets ([`RequestBuilder::path_value`]).
pub fn start(
    client: &Client,
    method: Method,
    operation: &'static str,
    template: &'static str,
) -> RequestBuilder {
    let mut request = client.request(method, operation, template);
    request.path_from_template();
    request
}

/// How a successful answer becomes the operation's output.
pub trait Decode {
    /// What the caller gets.
    type Output: Send + 'static;

    /// Decodes the answer, read in full.
    fn decode(response: RawResponse) -> Result<Self::Output>;
}

/// JSON decoded as `T` (an empty body decodes as `null`).
pub struct Json<T>(PhantomData<fn() -> T>);

impl<T: DeserializeOwned + Send + 'static> Decode for Json<T> {
    type Output = T;
    fn decode(response: RawResponse) -> Result<T> {
        response.json()
    }
}

/// The body as text (invalid UTF-8 replaced by U+FFFD).
pub struct Text;

impl Decode for Text {
    type Output = String;
    fn decode(response: RawResponse) -> Result<String> {
        Ok(response.text())
    }
}

/// The body as bytes.
pub struct Bytes;

impl Decode for Bytes {
    type Output = bytes::Bytes;
    fn decode(response: RawResponse) -> Result<bytes::Bytes> {
        Ok(response.into_bytes())
    }
}

/// Nothing: the body is read and dropped.
pub struct Empty;

impl Decode for Empty {
    type Output = ();
    fn decode(_: RawResponse) -> Result<()> {
        Ok(())
    }
}

/// The response itself: status, headers and body.
pub struct Raw;

impl Decode for Raw {
    type Output = RawResponse;
    fn decode(response: RawResponse) -> Result<RawResponse> {
        Ok(response)
    }
}

/// Sends `request` and decodes its answer with `D`.
pub fn send<D: Decode>(request: RequestBuilder) -> ResponseFuture<D::Output> {
    ResponseFuture::fetched(request.fetch(), |response, _| D::decode(response))
}

/// Sends `request` for one page of a list.
pub fn send_page<T: DeserializeOwned + Send + 'static>(
    request: RequestBuilder,
) -> ResponseFuture<Page<T>> {
    ResponseFuture::fetched(request.fetch(), Page::decode)
}

/// Every item of every page of `request`'s list, collected.
pub fn collect_all<T: DeserializeOwned + Send + 'static>(
    request: RequestBuilder,
    pagination: crate::page::Pagination,
) -> ResponseFuture<Vec<T>> {
    let mut items = request.into_items_as::<T>(pagination);
    ResponseFuture::new(async move {
        let mut all = Vec::new();
        while let Some(item) =
            std::future::poll_fn(|cx| futures_core::Stream::poll_next(Pin::new(&mut items), cx))
                .await
        {
            all.push(item?);
        }
        Ok(all)
    })
}

/// Sends `request` and streams the answer's body.
pub fn send_stream(request: RequestBuilder) -> ResponseFuture<ByteStream> {
    ResponseFuture::new(request.send_stream())
}

/// The answer to a request, as a future: what `.await` on a request, and its `send*`
/// methods, return. Nothing is sent until it is first polled.
#[must_use = "a request does nothing until it is awaited"]
pub struct ResponseFuture<T> {
    inner: Inner<T>,
}

/// Most answers are read whole by the runtime's one sending future ([`Fetch`], compiled
/// once in this crate, not per answer type in each generated crate) and then decoded by a
/// function of the answer's type; lists collected and streams are futures of their own.
enum Inner<T> {
    Fetched {
        fetch: Fetch,
        decode: fn(RawResponse, &Url) -> Result<T>,
    },
    Other(Pin<Box<dyn Future<Output = Result<T>> + Send>>),
}

impl<T> ResponseFuture<T> {
    fn new(future: impl Future<Output = Result<T>> + Send + 'static) -> Self {
        ResponseFuture {
            inner: Inner::Other(Box::pin(future)),
        }
    }

    fn fetched(fetch: Fetch, decode: fn(RawResponse, &Url) -> Result<T>) -> Self {
        ResponseFuture {
            inner: Inner::Fetched { fetch, decode },
        }
    }
}

impl<T> Future for ResponseFuture<T> {
    type Output = Result<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<T>> {
        match &mut self.inner {
            Inner::Fetched { fetch, decode } => match poll_fetch(fetch, cx) {
                Poll::Ready(Ok((response, url))) => Poll::Ready(decode(response, &url)),
                Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
                Poll::Pending => Poll::Pending,
            },
            Inner::Other(future) => future.as_mut().poll(cx),
        }
    }
}

/// Polls the sending future; not generic, so compiled once (and not inlined into each
/// answer type's `poll`).
#[inline(never)]
fn poll_fetch(fetch: &mut Fetch, cx: &mut Context<'_>) -> Poll<Result<(RawResponse, Url)>> {
    fetch.as_mut().poll(cx)
}

impl<T> fmt::Debug for ResponseFuture<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

/// Gives a generated request type its sending methods. The type is a tuple struct around
/// the [`RequestBuilder`] of its request: `pub struct Name(RequestBuilder);`.
///
/// `operation!(Name, json(T))`, `text`, `bytes`, `empty` or `raw` says how the answer is
/// decoded; `json(Vec<T>), pages(Offset, T)` (or `Keyset`) makes a list: awaiting it gives
/// one [`Page`], `all` every item, `into_items` a stream of them; `bytes` and `raw` add
/// `send_stream`.
#[doc(hidden)]
#[macro_export]
macro_rules! operation {
    ($name:ident, json($out:ty), pages($pagination:ident, $item:ty)) => {
        $crate::operation!(@common $name, $crate::Page<$item>, $crate::__private::send_page,
            "Sends the request for **one page**: its items and GitLab's pagination headers; `.await` on the request does the same. [`all`](Self::all) collects every page, [`into_items`](Self::into_items) streams them.");
        impl $name {
            /// Every item of every page, requested one page after the other and
            /// collected.
            pub fn all(self) -> $crate::ResponseFuture<::std::vec::Vec<$item>> {
                $crate::__private::collect_all(self.0, $crate::Pagination::$pagination)
            }
        }
        $crate::operation!(@pages $name, $pagination, $item);
    };
    ($name:ident, json($out:ty)) => {
        $crate::operation!(@common $name, $out, $crate::__private::send::<$crate::__private::Json<$out>>);
    };
    ($name:ident, text) => {
        $crate::operation!(@common $name, ::std::string::String, $crate::__private::send::<$crate::__private::Text>);
    };
    ($name:ident, bytes) => {
        $crate::operation!(@common $name, $crate::__private::bytes::Bytes, $crate::__private::send::<$crate::__private::Bytes>);
        $crate::operation!(@stream $name);
    };
    ($name:ident, empty) => {
        $crate::operation!(@common $name, (), $crate::__private::send::<$crate::__private::Empty>);
    };
    ($name:ident, raw $(, pages($pagination:ident, $item:ty))?) => {
        $crate::operation!(@common $name, $crate::RawResponse, $crate::__private::send::<$crate::__private::Raw>);
        $crate::operation!(@stream $name);
        $( $crate::operation!(@pages $name, $pagination, $item); )?
    };
    (@common $name:ident, $out:ty, $send:expr) => {
        $crate::operation!(@common $name, $out, $send, "Sends the request; `.await` on the request does the same.");
    };
    (@common $name:ident, $out:ty, $send:expr, $send_doc:literal) => {
        impl $name {
            /// Per-request options: credentials, timeouts, extra headers, retry policy
            /// (applied in turn when given more than once).
            pub fn options(mut self, options: $crate::RequestOptions) -> Self {
                self.0.options(&options);
                self
            }

            #[doc = $send_doc]
            pub fn send(self) -> $crate::ResponseFuture<$out> {
                ($send)(self.0)
            }

            /// Sends the request and waits for the answer, for synchronous code (not
            /// from inside an async runtime).
            #[cfg(feature = "blocking")]
            pub fn send_blocking(self) -> $crate::Result<$out> {
                $crate::block_on(self.send())
            }

            /// Sends the request and decodes the answer's JSON as `T`: for an answer the
            /// spec leaves untyped, or that a parameter changes (the generic upload's
            /// `select(PackageFile)` answers the created file).
            pub fn send_as<T>(self) -> $crate::ResponseFuture<T>
            where
                T: $crate::__private::serde::de::DeserializeOwned + Send + 'static,
            {
                $crate::__private::send::<$crate::__private::Json<T>>(self.0)
            }
        }

        impl ::std::future::IntoFuture for $name {
            type Output = $crate::Result<$out>;
            type IntoFuture = $crate::ResponseFuture<$out>;

            fn into_future(self) -> Self::IntoFuture {
                self.send()
            }
        }
    };
    (@pages $name:ident, $pagination:ident, $item:ty) => {
        impl $name {
            /// Sends the request for one page: its items and GitLab's pagination
            /// headers (`X-Total`, `X-Next-Page`, `Link` …).
            pub fn send_page(self) -> $crate::ResponseFuture<$crate::Page<$item>> {
                $crate::__private::send_page(self.0)
            }

            /// Every item of every page, as a stream that requests the next page when
            /// the current one is consumed.
            pub fn into_items(self) -> $crate::Items<$item> {
                self.0.into_items_as($crate::Pagination::$pagination)
            }
        }
    };
    (@stream $name:ident) => {
        impl $name {
            /// Sends the request and streams the answer's body in constant memory (write
            /// it to a file with `ByteStream::save_to`); an `X-Checksum-SHA256` header is
            /// verified when the stream ends.
            pub fn send_stream(self) -> $crate::ResponseFuture<$crate::ByteStream> {
                $crate::__private::send_stream(self.0)
            }
        }
    };
}
