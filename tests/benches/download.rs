//! Download throughput with and without checksum verification: a 1 GiB generic-package
//! download from a loopback server, streamed to nowhere (`ByteStream::write_to` a sink),
//! once with `X-Checksum-SHA256` (verified as it arrives) and once without.
//!
//! ```sh
//! cargo bench -p tests --bench download                 # 5 rounds of each, about a minute
//! LINK_GBPS=1 cargo bench -p tests --bench download     # the server paced at 1 GB/s
//! SIZE_MIB=256 ROUNDS=3 cargo bench -p tests --bench download
//! ```
//!
//! Rounds alternate (with, without, with …); the ratio of each pair is reported with the
//! median and spread.

use std::time::Instant;

use bytes::Bytes;
use futures_util::StreamExt;
use gitlab_packages::{Auth, Client};
use sha2::{Digest, Sha256};
use tests::server::{Reply, Server};

const CHUNK: usize = 256 * 1024;

fn length_of(chunks: usize) -> u64 {
    (chunks * CHUNK) as u64
}

fn main() {
    let size_mib: usize = std::env::var("SIZE_MIB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1024);
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let chunks = size_mib * 1024 * 1024 / CHUNK;
    let chunk = Bytes::from((0..CHUNK).map(|i| (i % 251) as u8).collect::<Vec<u8>>());
    let mut hasher = Sha256::new();
    for _ in 0..chunks {
        hasher.update(&chunk);
    }
    let sha256: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let length = length_of(chunks);
    // SHA-256 alone over the same bytes, in memory: the fastest a verified download can go.
    let start = Instant::now();
    let mut hasher = Sha256::new();
    for _ in 0..chunks {
        hasher.update(&chunk);
    }
    std::hint::black_box(hasher.finalize());
    let hash_rate = length_of(chunks) as f64 / start.elapsed().as_secs_f64() / 1e9;
    let link: Option<f64> = std::env::var("LINK_GBPS").ok().and_then(|s| s.parse().ok());
    let body = {
        let chunk = chunk.clone();
        move || {
            let chunk = chunk.clone();
            let start = tokio::time::Instant::now();
            futures_util::stream::iter(0..chunks).then(move |i| {
                let chunk = chunk.clone();
                async move {
                    // A link of `LINK_GBPS`, paced per MiB.
                    if let Some(rate) = link.filter(|_| i % 4 == 0) {
                        let due = start
                            + std::time::Duration::from_secs_f64(
                                length_of(i) as f64 / (rate * 1e9),
                            );
                        tokio::time::sleep_until(due).await;
                    }
                    Ok::<_, std::io::Error>(chunk)
                }
            })
        }
    };
    let server = Server::start();
    let plain = Reply::stream("application/octet-stream", Some(length), body.clone());
    let checked = Reply::stream("application/octet-stream", Some(length), body)
        .header("x-checksum-sha256", &sha256);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let client = Client::builder()
        .base_url(server.url())
        .auth(Auth::job_token("bench"))
        .no_proxy()
        .build()
        .unwrap();
    let download = |reply: &Reply| {
        server.answer(reply.clone());
        let start = Instant::now();
        let written = runtime.block_on(async {
            let stream = client
                .get_project_generic_file("group/project", "tool", "1.0.0", "tool.bin")
                .send_stream()
                .await
                .expect("download");
            stream
                .write_to(&mut tokio::io::sink())
                .await
                .expect("verified")
        });
        assert_eq!(written, length);
        server.take();
        length as f64 / start.elapsed().as_secs_f64() / 1e9
    };
    download(&plain); // warm up
    let mut ratios = Vec::new();
    let (mut with, mut without) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let w = download(&checked);
        let o = download(&plain);
        with.push(w);
        without.push(o);
        ratios.push(w / o);
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[v.len() / 2], v[0], v[v.len() - 1])
    };
    let (r, lo, hi) = median(ratios);
    let (w, _, _) = median(with);
    let (o, _, _) = median(without);
    let link = link.map_or("loopback at full speed".to_owned(), |l| {
        format!("a {l} GB/s link")
    });
    println!(
        "{size_mib} MiB download over {link}: with X-Checksum-SHA256 {w:.2} GB/s, without {o:.2} GB/s: {r:.2}× (median of {rounds} pairs; {lo:.2}–{hi:.2}); SHA-256 alone {hash_rate:.2} GB/s"
    );
}
