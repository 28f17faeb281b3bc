//! 1 GiB transfers through the generated client, in bounded memory.
//!
//! A loopback server (`tests::server`) serves a 1 GiB download and takes a 1 GiB upload,
//! both streamed chunk by chunk (a 256 KiB chunk repeated 4096 times, never the whole body
//! in memory): the download is a streamed reply, the upload is handed to a checker as it
//! arrives instead of being recorded. The client downloads with
//! `download_project_package_file(1, 2, 3).send_stream()` into a counting sink and uploads
//! with `upload_project_generic_file(…, Body::from_stream(…))`. Every byte is checked
//! against its expected value (byte `n` of the body is `n % 256`), on the client's side for
//! the download and on the server's for the upload.
//!
//! While each transfer runs, a sampler thread reads the process' resident memory (`VmRSS`
//! in `/proc/self/status`) every 20 ms; the peak minus the baseline read just before the
//! transfer must stay below `RSS_BOUND` — far below the 1 GiB that buffering the body would
//! take. The client and the server live in one process, so the figure covers both.
//!
//! `VmRSS` is per process, and this binary runs many tests at once: each transfer runs
//! alone in a child process (this binary again, running only the ignored test
//! `*_in_this_process`), and the test that starts it requires that one to pass.
//! `SEQUENTIAL` keeps the two children from overlapping, whatever `--test-threads` says.
//!
//! Figures measured on the 2-core development machine, shared with other jobs (debug build,
//! `cargo test -p tests --test client streaming -- --nocapture`, six runs; loopback TCP, no
//! disk; each figure is the child process'):
//!
//! | transfer | baseline      | peak          | delta       | time        | throughput    |
//! |----------|---------------|---------------|-------------|-------------|---------------|
//! | download | 13.6–13.9 MiB | 17.0–18.1 MiB | 3.2–4.3 MiB | 0.34–0.50 s | 2.0–2.9 GiB/s |
//! | upload   | 14.0–14.3 MiB | 15.6–16.0 MiB | 1.4–1.7 MiB | 0.27–0.45 s | 2.2–3.7 GiB/s |

use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use gitlab_packages::{Auth, Body, Client};
use tests::server::{Reply, Server};
use tokio::io::AsyncWrite;

/// Size of one chunk of the bodies.
const CHUNK: usize = 256 * 1024;
/// Chunks per body.
const CHUNKS: usize = 4096;
/// 1 GiB.
const TOTAL: u64 = 1 << 30;
/// Largest growth of the resident memory allowed during a transfer. Measured growth is
/// 1–4 MiB (see the table above); the bound leaves room for allocator and scheduling noise
/// while staying 32 times below the size of the body (buffering the download with
/// `ByteStream::bytes()` instead makes it grow by 1026 MiB and fails this test).
const RSS_BOUND: u64 = 32 << 20;
/// Upper bound of one transfer (they take a few seconds), so that a hang fails the test.
const TRANSFER_LIMIT: Duration = Duration::from_secs(240);
/// How often the sampler reads `VmRSS`.
const SAMPLE_EVERY: Duration = Duration::from_millis(20);

// ---------------------------------------------------------------------------------------
// Body content and its verification.
// ---------------------------------------------------------------------------------------

/// One chunk: byte `i` is `i % 256`. Since `CHUNK` is a multiple of 256, byte `n` of a body
/// made of such chunks is `n % 256`.
fn pattern_chunk() -> Bytes {
    Bytes::from((0..CHUNK).map(|i| (i % 256) as u8).collect::<Vec<u8>>())
}

/// The `CHUNKS` chunks of a body, sharing one buffer (cloning `Bytes` copies nothing).
fn body_chunks<E>() -> impl futures_util::Stream<Item = Result<Bytes, E>> + Send + 'static {
    let chunk = pattern_chunk();
    futures_util::stream::iter((0..CHUNKS).map(move |_| Ok(chunk.clone())))
}

/// Counts the bytes of a body as they pass and checks each against `n % 256`, with
/// `memcmp` against a reference chunk (fast even in a debug build).
struct Checker {
    reference: Bytes,
    received: u64,
    /// Offset of the first wrong byte.
    first_mismatch: Option<u64>,
}

impl Checker {
    fn new() -> Self {
        Checker {
            reference: pattern_chunk(),
            received: 0,
            first_mismatch: None,
        }
    }

    fn feed(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            let start = (self.received % 256) as usize;
            let n = data.len().min(CHUNK - 256);
            if self.first_mismatch.is_none() && data[..n] != self.reference[start..start + n] {
                let at = (0..n)
                    .find(|&i| data[i] != self.reference[start + i])
                    .unwrap_or(0);
                self.first_mismatch = Some(self.received + at as u64);
            }
            self.received += n as u64;
            data = &data[n..];
        }
    }
}

/// An `AsyncWrite` that keeps nothing: it only checks and counts.
struct CountingSink(Checker);

impl AsyncWrite for CountingSink {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        self.0.feed(buf);
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

// ---------------------------------------------------------------------------------------
// Resident memory.
// ---------------------------------------------------------------------------------------

/// The process' resident memory in bytes (`VmRSS` of `/proc/self/status`).
fn rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("read /proc/self/status");
    let line = status
        .lines()
        .find(|line| line.starts_with("VmRSS:"))
        .expect("VmRSS in /proc/self/status");
    let kib: u64 = line
        .trim_start_matches("VmRSS:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .expect("VmRSS in kB");
    kib * 1024
}

/// What the sampler saw during one transfer.
struct Memory {
    baseline: u64,
    peak: u64,
    samples: u64,
    elapsed: Duration,
}

impl Memory {
    fn delta(&self) -> u64 {
        self.peak.saturating_sub(self.baseline)
    }

    fn report(&self, what: &str) {
        let mib = |bytes: u64| bytes as f64 / f64::from(1 << 20);
        let throughput = mib(TOTAL) / self.elapsed.as_secs_f64();
        println!(
            "{what}: 1 GiB in {:.2} s ({throughput:.0} MiB/s); VmRSS baseline {:.1} MiB, \
             peak {:.1} MiB, delta {:.1} MiB ({} samples, bound {} MiB)",
            self.elapsed.as_secs_f64(),
            mib(self.baseline),
            mib(self.peak),
            mib(self.delta()),
            self.samples,
            RSS_BOUND >> 20,
        );
    }
}

/// Runs `transfer` while a thread samples `VmRSS` every `SAMPLE_EVERY`; returns its output
/// and the memory figures. The baseline is read just before the transfer starts. A plain
/// thread, not a task on the runtime, so that sampling goes on while the runtime's workers
/// are busy with the transfer.
async fn measured<F: std::future::Future>(transfer: F) -> (F::Output, Memory) {
    let stop = Arc::new(AtomicBool::new(false));
    let peak = Arc::new(AtomicU64::new(0));
    let samples = Arc::new(AtomicU64::new(0));
    let baseline = rss();
    peak.store(baseline, Ordering::SeqCst);
    let sampler = {
        let (stop, peak, samples) = (stop.clone(), peak.clone(), samples.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                peak.fetch_max(rss(), Ordering::SeqCst);
                samples.fetch_add(1, Ordering::SeqCst);
                std::thread::sleep(SAMPLE_EVERY);
            }
        })
    };
    let start = Instant::now();
    let output = tokio::time::timeout(TRANSFER_LIMIT, transfer)
        .await
        .expect("the transfer finishes within the time limit");
    let elapsed = start.elapsed();
    stop.store(true, Ordering::SeqCst);
    sampler.join().expect("sampler thread");
    peak.fetch_max(rss(), Ordering::SeqCst);
    let memory = Memory {
        baseline,
        peak: peak.load(Ordering::SeqCst),
        samples: samples.load(Ordering::SeqCst),
        elapsed,
    };
    (output, memory)
}

// ---------------------------------------------------------------------------------------
// The server.
// ---------------------------------------------------------------------------------------

const DOWNLOAD_PATH: &str = "/api/v4/projects/1/packages/2/package_files/3/download";
const UPLOAD_PATH: &str = "/api/v4/projects/1/packages/generic/pkg/1.0.0/big.bin";

/// A server that answers the download with a streamed 1 GiB body and the upload with
/// `201`, anything else with `404`; every request body goes through `checker`.
fn server(checker: Arc<Mutex<Checker>>) -> Server {
    let server = Server::builder()
        .inspect_body(move |chunk| checker.lock().unwrap().feed(chunk))
        .start();
    server.respond_with(
        |request| match (request.method.as_str(), request.path.as_str()) {
            ("GET", DOWNLOAD_PATH) => Reply::stream(
                "application/octet-stream",
                Some(TOTAL),
                body_chunks::<std::io::Error>,
            ),
            ("PUT", UPLOAD_PATH) => Reply::json(r#"{"message":"201 Created"}"#).status(201),
            _ => Reply::json(r#"{"message":"404 Not Found"}"#).status(404),
        },
    );
    server
}

/// A client for `server`: a private token, no proxy, the default read timeout (60 s
/// without progress) and no overall timeout, as a real large transfer would use.
fn client(server: &Server) -> Client {
    Client::builder()
        .base_url(server.url())
        .auth(Auth::private_token("glpat-streaming-test"))
        .no_proxy()
        .build()
        .expect("client")
}

// ---------------------------------------------------------------------------------------
// The tests.
// ---------------------------------------------------------------------------------------

/// Held while a child runs, so that the two transfers never overlap.
static SEQUENTIAL: Mutex<()> = Mutex::new(());

/// Runs the ignored test `name` of this binary alone, in a child process, and requires it
/// to pass; its output (the figures) is passed on.
fn run_alone(name: &str) {
    let _only_me = SEQUENTIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let binary = std::env::current_exe().expect("the test binary");
    let output = std::process::Command::new(binary)
        .args([
            name,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .output()
        .expect("run the child");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(output.status.success(), "{name} failed: {}", output.status);
    assert!(
        stdout.contains("test result: ok. 1 passed;"),
        "{name} did not run"
    );
}

#[test]
fn download_of_1_gib_streams_in_bounded_memory() {
    run_alone("streaming::download_of_1_gib_in_this_process");
}

#[test]
fn upload_of_1_gib_streams_in_bounded_memory() {
    run_alone("streaming::upload_of_1_gib_in_this_process");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run alone in a child process by download_of_1_gib_streams_in_bounded_memory"]
async fn download_of_1_gib_in_this_process() {
    let server = server(Arc::new(Mutex::new(Checker::new())));
    let client = client(&server);

    let (written, memory) = measured(async {
        let download = client
            .download_project_package_file(1, 2, 3)
            .send_stream()
            .await
            .expect("download starts");
        assert_eq!(download.status().as_u16(), 200);
        assert_eq!(download.content_length(), Some(1_073_741_824));
        let mut sink = CountingSink(Checker::new());
        let written = download
            .write_to(&mut sink)
            .await
            .expect("download completes");
        (written, sink.0.received, sink.0.first_mismatch)
    })
    .await;
    memory.report("download");

    assert_eq!(written, (1_073_741_824, 1_073_741_824, None));
    let targets: Vec<String> = server.take().iter().map(|r| r.target()).collect();
    assert_eq!(
        targets,
        ["GET /api/v4/projects/1/packages/2/package_files/3/download"]
    );
    assert!(
        memory.delta() < RSS_BOUND,
        "resident memory grew by {} bytes during the download (bound {RSS_BOUND})",
        memory.delta()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run alone in a child process by upload_of_1_gib_streams_in_bounded_memory"]
async fn upload_of_1_gib_in_this_process() {
    let checker = Arc::new(Mutex::new(Checker::new()));
    let server = server(checker.clone());
    let client = client(&server);

    let (answer, memory) = measured(
        client
            .upload_project_generic_file(
                1,
                "pkg",
                "1.0.0",
                "big.bin",
                Body::from_stream(body_chunks::<std::io::Error>(), Some(1 << 30)),
            )
            .send(),
    )
    .await;
    memory.report("upload");

    assert_eq!(answer.expect("upload succeeds").message, "201 Created");
    let requests = server.take();
    let targets: Vec<String> = requests.iter().map(|r| r.target()).collect();
    assert_eq!(
        targets,
        ["PUT /api/v4/projects/1/packages/generic/pkg/1.0.0/big.bin"]
    );
    let checker = checker.lock().unwrap();
    let upload = Upload {
        content_length: requests[0].header("content-length").map(str::to_owned),
        received: checker.received,
        first_mismatch: checker.first_mismatch,
    };
    assert_eq!(
        upload,
        Upload {
            content_length: Some("1073741824".to_owned()),
            received: 1_073_741_824,
            first_mismatch: None,
        }
    );
    assert!(
        memory.delta() < RSS_BOUND,
        "resident memory grew by {} bytes during the upload (bound {RSS_BOUND})",
        memory.delta()
    );
}

/// An upload as the server received it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Upload {
    content_length: Option<String>,
    /// Bytes of the body.
    received: u64,
    /// Offset of the first byte that was not `n % 256`.
    first_mismatch: Option<u64>,
}
