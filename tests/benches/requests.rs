//! What a typed request costs next to raw reqwest doing the same work: CPU time,
//! allocations and bytes allocated per request, and the size of the awaited future.
//!
//! ```sh
//! cargo bench -p tests --bench requests            # both rows, about a minute
//! cargo bench -p tests --bench requests -- 32      # only 32 requests in flight
//! SIDE=ours cargo bench -p tests --bench requests -- sequential   # one side alone (profiling)
//! TIMERS=off cargo bench -p tests --bench requests   # the client without its timeouts
//! ```
//!
//! A loopback server (its own threads and runtime) answers a page of 20 packages, as
//! GitLab's packages list does. The client side runs on this thread, in a current-thread
//! Tokio runtime, so its CPU time is this thread's (`CLOCK_THREAD_CPUTIME_ID`) and its
//! allocations are counted by a global allocator that counts on this thread only. Each
//! round measures the generated client (`list_project_packages(…).per_page(20).await`,
//! decoding `Page<Package>`) and raw reqwest (GET with the same headers, `bytes()`,
//! `serde_json::from_slice::<Vec<Package>>`) one after the other; the ratio of each
//! round is reported with the median and spread over the rounds.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::future::IntoFuture;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::get;
use futures_util::StreamExt;
use gitlab_packages::types::Package;
use gitlab_packages::{Auth, Client};

// ---------------------------------------------------------------------------------------
// Counting allocator: counts on threads that ask for it.

struct Counting;

static ALLOCS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

thread_local! {
    static COUNT: Cell<bool> = const { Cell::new(false) };
}

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNT.with(Cell::get) {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
            BYTES.fetch_add(layout.size() as u64, Ordering::Relaxed);
        }
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNT.with(Cell::get) {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
            BYTES.fetch_add(new_size as u64, Ordering::Relaxed);
        }
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec to write to.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

// ---------------------------------------------------------------------------------------
// The server.

const TOKEN: &str = "glpat-bench-0123456789";

fn page_body() -> String {
    let items: Vec<String> = (1..=20)
        .map(|i| {
            format!(
                r#"{{"id":{i},"name":"tool-{i}","version":"1.{i}.0","package_type":"generic","status":"default","_links":{{"web_path":"/group/project/-/packages/{i}","delete_api_path":"https://gitlab.example.com/api/v4/projects/1/packages/{i}"}},"created_at":"2026-11-30T10:00:00.000Z","last_downloaded_at":null,"tags":[],"pipeline":null,"pipelines":[]}}"#
            )
        })
        .collect();
    format!("[{}]", items.join(","))
}

/// Starts the server on its own threads; returns its base URL.
fn start_server() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let body: &'static str = Box::leak(page_body().into_boxed_str());
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let handler = move || async move {
                (
                    [
                        (CONTENT_TYPE.as_str(), "application/json"),
                        ("x-page", "1"),
                        ("x-per-page", "20"),
                        ("x-total", "20"),
                        ("x-total-pages", "1"),
                        ("x-next-page", ""),
                    ],
                    body,
                )
                    .into_response()
            };
            let app = Router::new().route("/api/v4/projects/{id}/packages", get(handler));
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    base
}

// ---------------------------------------------------------------------------------------
// Measuring.

#[derive(Debug, Clone, Copy)]
struct Cost {
    cpu_ns: f64,
    allocs: f64,
    bytes: f64,
}

/// Runs `n` calls, `in_flight` at a time, on `runtime`; the cost per call.
fn measure<F, Fut>(runtime: &tokio::runtime::Runtime, n: usize, in_flight: usize, call: F) -> Cost
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = usize>,
{
    let run = |count: usize| {
        runtime.block_on(async {
            let items: usize = futures_util::stream::iter(0..count)
                .map(|_| call())
                .buffer_unordered(in_flight)
                .fold(0, |sum, items| async move { sum + items })
                .await;
            assert_eq!(items, count * 20, "every call decodes 20 packages");
        })
    };
    run(n / 10); // warm up: connections, pools
    ALLOCS.store(0, Ordering::Relaxed);
    BYTES.store(0, Ordering::Relaxed);
    COUNT.with(|c| c.set(true));
    let start = thread_cpu();
    run(n);
    let cpu = thread_cpu() - start;
    COUNT.with(|c| c.set(false));
    let per = |total: u64| total as f64 / n as f64;
    Cost {
        cpu_ns: cpu.as_nanos() as f64 / n as f64,
        allocs: per(ALLOCS.load(Ordering::Relaxed)),
        bytes: per(BYTES.load(Ordering::Relaxed)),
    }
}

fn median(mut values: Vec<f64>) -> (f64, f64, f64) {
    values.sort_by(f64::total_cmp);
    (
        values[values.len() / 2],
        values[0],
        values[values.len() - 1],
    )
}

fn row(name: &str, in_flight: usize, n: usize, rounds: usize, base: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut builder = Client::builder()
        .base_url(base)
        .auth(Auth::private_token(TOKEN))
        .no_proxy();
    // `TIMERS=off`: without the read timeout and the answer timeout (their timers are
    // what a request costs beyond raw reqwest's work, which has none).
    if std::env::var("TIMERS").is_ok_and(|v| v == "off") {
        builder = builder
            .no_read_timeout()
            .limits(gitlab_packages::Limits::default().answer_timeout(None));
    }
    let ours = builder.build().unwrap();
    let raw = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let url = format!("{base}/api/v4/projects/group%2Fproject/packages?per_page=20");
    let ours_call = || {
        let request = ours.list_project_packages("group/project").per_page(20);
        async move { request.await.expect("typed call").len() }
    };
    let raw_call = || {
        let request = raw.get(&url).header("PRIVATE-TOKEN", TOKEN).send();
        async move {
            let response = request
                .await
                .expect("raw call")
                .error_for_status()
                .expect("2xx");
            let body = response.bytes().await.expect("body");
            serde_json::from_slice::<Vec<Package>>(&body)
                .expect("decode")
                .len()
        }
    };
    // One side alone, for counting its instructions (`valgrind --tool=callgrind
    // --separate-threads=yes`: the main thread is the client; counts repeat exactly,
    // whatever else the machine does).
    if let Ok(side) = std::env::var("SIDE") {
        let cost = match side.as_str() {
            "ours" => measure(&runtime, n, in_flight, ours_call),
            "raw" => measure(&runtime, n, in_flight, raw_call),
            other => panic!("SIDE={other}: ours or raw"),
        };
        println!(
            "{name}, {side} alone: {:.1} µs, {:.0} allocations, {:.1} KB per request",
            cost.cpu_ns / 1000.0,
            cost.allocs,
            cost.bytes / 1000.0
        );
        return;
    }
    let mut cpu = Vec::new();
    let mut last = None;
    for _ in 0..rounds {
        let o = measure(&runtime, n, in_flight, ours_call);
        let r = measure(&runtime, n, in_flight, raw_call);
        cpu.push(o.cpu_ns / r.cpu_ns);
        last = Some((o, r));
    }
    let (o, r) = last.unwrap();
    let (med, lo, hi) = median(cpu);
    let future = std::mem::size_of_val(&ours.list_project_packages("g/p").into_future());
    println!(
        "{name}: CPU per request {med:.3}× raw reqwest (median of {rounds} rounds of {n}; {lo:.3}–{hi:.3}); \
         last round: {:.1} µs vs {:.1} µs, {:.0} vs {:.0} allocations, {:.1} vs {:.1} KB; awaited future {future} bytes",
        o.cpu_ns / 1000.0,
        r.cpu_ns / 1000.0,
        o.allocs,
        r.allocs,
        o.bytes / 1000.0,
        r.bytes / 1000.0,
    );
}

fn main() {
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let base = start_server();
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(7);
    let wanted = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
    if wanted("sequential") {
        row("sequential", 1, 2000, rounds, &base);
    }
    if wanted("32 in flight") {
        row("32 in flight", 32, 4000, rounds, &base);
    }
}
