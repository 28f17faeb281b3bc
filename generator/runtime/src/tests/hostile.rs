//! A property test: whatever a server answers — any status, the headers that drive the
//! client (`Link`, `X-Next-Page`, `Retry-After`, `RateLimit-Reset`, `Content-Length`,
//! `Location`, `X-Checksum-SHA256`) with any value, any body — the runtime does not panic,
//! buffers no more than its limit, sends a bounded number of requests, ends in bounded
//! time, and no secret (the token, a pre-signed URL's signature, user info) appears in an
//! error's text or `Debug`.
//!
//! Cases: `PROPTEST_CASES` (default 48 here, about 10 s); CI runs the default.

use futures_util::StreamExt;
use proptest::prelude::*;

use super::*;

const TOKEN: &str = "glpat-SECRET-token";
const SECRETS: [&str; 3] = [TOKEN, "secret-sig", "secret-pass"];
const MAX_BODY: u64 = 64 * 1024;
const MAX_PAGES: u64 = 4;
const ATTEMPTS: u32 = 3;

/// One scripted answer, given to every request of a case.
#[derive(Debug, Clone)]
struct Answer {
    status: u16,
    reason: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    /// `Content-Length` as sent: the body's, another (a lie), or none.
    length: Option<u64>,
}

impl Answer {
    fn bytes(&self) -> Vec<u8> {
        let mut out = format!(
            "HTTP/1.1 {} {}\r\nConnection: close\r\n",
            self.status, self.reason
        );
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Some(length) = self.length {
            out.push_str(&format!("Content-Length: {length}\r\n"));
        }
        out.push_str("\r\n");
        let mut out = out.into_bytes();
        out.extend_from_slice(&self.body);
        out
    }
}

/// Header text: printable ASCII and some Latin-1, never CR or LF.
fn text() -> impl Strategy<Value = String> {
    "[ -~\u{a0}-\u{ff}]{0,40}"
}

fn link() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..6).prop_map(|n| format!("</t?page={n}&sig=secret-sig>; rel=\"next\"")),
        (0u32..6)
            .prop_map(|n| format!("<https://u:secret-pass@127.0.0.2:1/t?page={n}>; rel=\"next\"")),
        Just("<http://[::1>; rel=next".to_owned()),
        text(),
    ]
}

fn location() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("/t?X-Amz-Signature=secret-sig".to_owned()),
        Just("https://u:secret-pass@127.0.0.2:1/b/f?X-Amz-Signature=secret-sig".to_owned()),
        Just("ftp://127.0.0.1/x".to_owned()),
        Just("//127.0.0.1:1/x?sig=secret-sig".to_owned()),
        text(),
    ]
}

fn headers() -> impl Strategy<Value = Vec<(&'static str, String)>> {
    (
        proptest::option::of(link()),
        proptest::option::of(prop_oneof![(0u64..8).prop_map(|n| n.to_string()), text()]),
        proptest::option::of(prop_oneof![
            (0u64..200_000).prop_map(|n| n.to_string()),
            text()
        ]),
        proptest::option::of(prop_oneof![
            (0u64..4_000_000_000).prop_map(|n| n.to_string()),
            text()
        ]),
        proptest::option::of(location()),
        proptest::option::of(prop_oneof!["[0-9a-f]{64}", text()]),
    )
        .prop_map(|(link, next, retry, reset, location, sum)| {
            let mut out = Vec::new();
            let mut add = |name, value: Option<String>| {
                if let Some(value) = value {
                    out.push((name, value));
                }
            };
            add("Link", link);
            add("X-Next-Page", next);
            add("Retry-After", retry);
            add("RateLimit-Reset", reset);
            add("Location", location);
            add("X-Checksum-SHA256", sum);
            out
        })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..512),
        Just(b"[1,2,3]".to_vec()),
        "[ -~]{0,60}".prop_map(|m| format!("{{\"message\":\"{m}\\u001b[2J\\n\"}}").into_bytes()),
        // Larger than the limit.
        (MAX_BODY + 1..MAX_BODY * 3).prop_map(|n| vec![b'x'; usize::try_from(n).unwrap()]),
    ]
}

fn answer() -> impl Strategy<Value = Answer> {
    let status = prop_oneof![
        Just(200u16),
        Just(201),
        Just(204),
        Just(206),
        Just(301),
        Just(302),
        Just(303),
        Just(307),
        Just(308),
        Just(304),
        Just(400),
        Just(401),
        Just(403),
        Just(404),
        Just(429),
        Just(500),
        Just(502),
        Just(503),
        Just(504),
        100u16..1000,
    ];
    (
        status,
        "[A-Za-z ]{0,12}",
        headers(),
        body(),
        0u8..4,
        any::<u64>(),
    )
        .prop_map(|(status, reason, headers, body, length, other)| {
            let length = match length {
                0 => None,
                1 => Some(other % (MAX_BODY * 4)),
                _ => Some(body.len() as u64),
            };
            Answer {
                status,
                reason,
                headers,
                body,
                length,
            }
        })
}

/// What the client is asked to do with the server.
#[derive(Debug, Clone, Copy)]
enum Call {
    Whole,
    AllPages,
    Stream,
    Upload,
}

fn call() -> impl Strategy<Value = Call> {
    prop_oneof![
        Just(Call::Whole),
        Just(Call::AllPages),
        Just(Call::Stream),
        Just(Call::Upload)
    ]
}

/// Runs `call` against a server giving `answer` to every request; returns the outcome
/// as text (`Ok` with what was buffered, or the error's `Display` and `Debug`) and the
/// number of requests sent.
async fn run(answer: &Answer, call: Call) -> (std::result::Result<u64, String>, usize) {
    // Enough answers for every request the bounds allow, and a few more.
    let bound = bound();
    let server = Server::start(
        (0..bound + 8)
            .map(|_| Action::Raw(answer.bytes()))
            .collect(),
    );
    let client = Client::builder()
        .base_url(&server.base)
        .auth(Auth::private_token(TOKEN))
        .no_proxy()
        .read_timeout(Duration::from_millis(300))
        .retry(
            RetryPolicy::default()
                .max_attempts(ATTEMPTS)
                .initial_backoff(Duration::from_millis(1))
                .max_backoff(Duration::from_millis(5))
                .max_elapsed(Duration::from_secs(1)),
        )
        .limits(
            Limits::default()
                .max_body(MAX_BODY)
                .max_pages(MAX_PAGES)
                .answer_timeout(Duration::from_secs(1)),
        )
        .build()
        .unwrap();
    let outcome: Result<u64> = match call {
        Call::Whole => get(&client, "/t")
            .send_bytes()
            .await
            .map(|b| b.len() as u64),
        Call::AllPages => {
            let items: Vec<Result<serde_json::Value>> = get(&client, "/t")
                .into_items(Pagination::Offset)
                .collect()
                .await;
            items.into_iter().try_fold(0, |n, item| item.map(|_| n + 1))
        }
        Call::Stream => match get(&client, "/t").send_stream().await {
            Ok(stream) => {
                let mut n = 0u64;
                let mut stream = stream;
                let mut failed = None;
                while let Some(chunk) = stream.chunk().await {
                    match chunk {
                        Ok(chunk) => n += chunk.len() as u64,
                        Err(e) => {
                            failed = Some(e);
                            break;
                        }
                    }
                }
                failed.map_or(Ok(n), Err)
            }
            Err(e) => Err(e),
        },
        Call::Upload => {
            let mut r = client.request(Method::PUT, "op", "/t");
            r.path_literal("/t").body(Body::from("payload"));
            r.send_empty().await.map(|()| 0)
        }
    };
    let outcome = outcome.map_err(|e| format!("{e}\n{e:?}"));
    (outcome, server.count())
}

/// The most requests one call may send: attempts × hops × pages.
fn bound() -> usize {
    ATTEMPTS as usize * (MAX_REDIRECTS + 1) * MAX_PAGES as usize
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(48),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_answer_is_handled_within_bounds(answer in answer(), call in call()) {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let start = Instant::now();
        let (outcome, requests) = runtime
            .block_on(async { tokio::time::timeout(Duration::from_secs(20), run(&answer, call)).await })
            .expect("the call ends in bounded time");
        let elapsed = start.elapsed();
        prop_assert!(elapsed < Duration::from_secs(15), "took {elapsed:?}");
        prop_assert!(requests <= bound(), "{requests} requests");
        match &outcome {
            Ok(buffered) if matches!(call, Call::Whole) => {
                prop_assert!(*buffered <= MAX_BODY, "buffered {buffered} bytes");
            }
            Ok(_) => {}
            Err(text) => {
                for secret in SECRETS {
                    prop_assert!(!text.contains(secret), "{secret} in {text}");
                }
                let display = text.lines().next().unwrap_or_default();
                prop_assert!(!display.chars().any(|c| c.is_control()), "{display:?}");
            }
        }
    }
}
