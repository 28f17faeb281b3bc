//! Running requests from synchronous code (feature `blocking`).

use std::future::Future;
use std::sync::OnceLock;
use std::task::{Context, Poll};

use tokio::runtime::{Builder, Runtime};

/// Runs `future` to completion on this crate's private Tokio runtime and returns its
/// output: a way to call the API from synchronous code. Every request also has
/// `send_blocking()`, which does this.
///
/// The runtime is a current-thread runtime created on first use and shared by all
/// callers; calls from several threads at once are fine. Connections are pooled on it, so
/// use a [`Client`](crate::Client) either with `block_on` only or inside one async runtime
/// only.
///
/// ```no_run
/// use gitlab_api_runtime::{self as runtime, Client, Method};
///
/// fn main() -> gitlab_api_runtime::Result<()> {
///     let client = Client::new("https://gitlab.example.com")?;
///     let mut request = client.request(Method::GET, "version", "/api/v4/version");
///     request.path_literal("/api/v4/version");
///     let version = runtime::block_on(request.send_json())?;
///     println!("{version}");
///     Ok(())
/// }
/// ```
///
/// # Panics
///
/// When called from inside an async runtime (use `.await` there), and when the operating
/// system refuses to create the runtime (out of file descriptors, say).
pub fn block_on<F: Future>(future: F) -> F::Output {
    // Only this closure is compiled per future type; the runtime's machinery once.
    let mut future = std::pin::pin!(future);
    let mut output = None;
    run(&mut |cx| match future.as_mut().poll(cx) {
        Poll::Ready(value) => {
            output = Some(value);
            Poll::Ready(())
        }
        Poll::Pending => Poll::Pending,
    });
    match output {
        Some(output) => output,
        None => unreachable!("block_on returns once the future is done"),
    }
}

/// Polls `poll` to completion on the shared runtime (a type-erased future).
fn run(poll: &mut dyn FnMut(&mut Context<'_>) -> Poll<()>) {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap_or_else(|e| panic!("cannot create the Tokio runtime for block_on: {e}"))
        })
        .block_on(std::future::poll_fn(poll))
}
