//! The server itself, driven by hand-written HTTP/1.1 over a plain `TcpStream` (no HTTP
//! client between the test and the wire).

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::StreamExt;

use super::{Part, Recorded, Reply, Server};

/// Sends `head` (request line and headers, without the blank line, `Connection: close`
/// added) and `body`; returns the whole response.
fn exchange(addr: SocketAddr, head: &str, body: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a read timeout");
    let head = format!("{head}\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(head.as_bytes()).expect("write the head");
    stream.write_all(body).expect("write the body");
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .expect("read the response");
    String::from_utf8(response).expect("a UTF-8 response")
}

/// hyper hands the request target over untouched: no percent-decoding, no case change of
/// escapes, no `+` handling, no dot-segment removal. The client tests rely on it.
#[test]
fn server_records_the_raw_request_target() {
    let server = Server::start();
    server.answer(Reply::json("{}"));
    let target = "/api/v4/projects/group%2Fsub%2fproject/packages/%2e%2E/./x/../%40s/n'()$,?a=%2B+b&c%5B%5D=%27&d=";
    let response = exchange(server.addr(), &format!("GET {target} HTTP/1.1"), b"");
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
    let request = server.take_one();
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.path,
        "/api/v4/projects/group%2Fsub%2fproject/packages/%2e%2E/./x/../%40s/n'()$,"
    );
    assert_eq!(request.query.as_deref(), Some("a=%2B+b&c%5B%5D=%27&d="));
    assert_eq!(
        request.target(),
        format!("GET {target}"),
        "the target is the request line's"
    );
}

#[test]
fn headers_and_body_are_recorded_as_sent() {
    let server = Server::start();
    server.answer(Reply::empty(204));
    let head = "PUT /upload?x HTTP/1.1\r\nPRIVATE-TOKEN: secret\r\nX-Twice: 1\r\nX-Twice: 2\r\n\
                Content-Type: application/octet-stream\r\nContent-Length: 5";
    let response = exchange(server.addr(), head, b"\x00ab\xffc");
    assert!(
        response.starts_with("HTTP/1.1 204 No Content\r\n"),
        "{response}"
    );
    let request = server.take_one();
    assert_eq!(request.target(), "PUT /upload?x");
    let twice: Vec<&str> = request
        .headers
        .iter()
        .filter(|(name, _)| name == "x-twice")
        .map(|(_, value)| value.as_str())
        .collect();
    assert_eq!(twice, ["1", "2"], "repeated headers are kept, in order");
    assert_eq!(request.header("x-twice"), Some("1"));
    assert_eq!(request.credentials(), [("private-token", "secret")]);
    assert_eq!(request.content_type(), Some("application/octet-stream"));
    assert_eq!(request.body, b"\x00ab\xffc");
    assert!(server.take().is_empty(), "take empties the log");
}

/// The queue answers first, in order; then the standing answer: `500` until replaced by a
/// fixed reply or a closure; replacing it empties the queue.
#[test]
fn queued_replies_then_the_standing_answer() {
    let server = Server::start();
    let get = |path: &str| exchange(server.addr(), &format!("GET {path} HTTP/1.1"), b"");
    server.enqueue([
        Reply::json(r#"{"n":1}"#)
            .status(503)
            .header("retry-after", "1"),
        Reply::text("text/plain", "second"),
    ]);
    let first = get("/1");
    assert!(first.starts_with("HTTP/1.1 503 "), "{first}");
    assert!(first.contains("\r\nretry-after: 1\r\n"), "{first}");
    assert!(
        first.contains("\r\ncontent-type: application/json\r\n"),
        "{first}"
    );
    assert!(first.ends_with(r#"{"n":1}"#), "{first}");
    assert!(get("/2").ends_with("\r\n\r\nsecond"));
    let third = get("/3");
    assert!(third.starts_with("HTTP/1.1 500 "), "{third}");
    assert!(third.ends_with("unexpected request"), "{third}");

    server.enqueue([Reply::empty(201)]);
    server.answer(Reply::bytes(b"fixed"));
    assert!(get("/4").ends_with("fixed"), "answer() empties the queue");
    assert!(get("/5").ends_with("fixed"));

    server.respond_with(|request: &Recorded| {
        Reply::text("text/plain", format!("you asked for {}", request.path))
    });
    assert!(get("/6").ends_with("you asked for /6"));
    let paths: Vec<String> = server.take().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/1", "/2", "/3", "/4", "/5", "/6"]);
}

/// A delayed reply is recorded before the wait; a streamed one arrives chunk by chunk with
/// the given length; a stream that fails cuts the body off.
#[test]
fn delayed_and_streamed_replies() {
    let server = Server::start();
    server.enqueue([Reply::json("{}").delay(Duration::from_millis(300))]);
    let addr = server.addr();
    let started = Instant::now();
    let slow = std::thread::spawn(move || exchange(addr, "GET /slow HTTP/1.1", b""));
    let mut seen = Vec::new();
    while seen.is_empty() && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(10));
        seen = server.take();
    }
    assert!(
        started.elapsed() < Duration::from_millis(300),
        "recorded before the delay"
    );
    assert_eq!(seen.len(), 1);
    assert!(slow.join().expect("the slow request").ends_with("{}"));
    assert!(started.elapsed() >= Duration::from_millis(300));

    server.enqueue([
        Reply::stream("application/octet-stream", Some(6), || {
            futures_util::stream::iter([
                Ok(Bytes::from_static(b"abc")),
                Ok(Bytes::from_static(b"def")),
            ])
        }),
        // A pause between the chunks, so that the first is sent before the failure.
        Reply::stream("application/octet-stream", Some(6), || {
            let chunks = [
                Ok(Bytes::from_static(b"abc")),
                Err(std::io::Error::other("cut")),
            ];
            futures_util::stream::iter(chunks).then(|chunk| async {
                tokio::time::sleep(Duration::from_millis(50)).await;
                chunk
            })
        }),
    ]);
    let whole = exchange(server.addr(), "GET /whole HTTP/1.1", b"");
    assert!(whole.contains("\r\ncontent-length: 6\r\n"), "{whole}");
    assert!(whole.ends_with("\r\n\r\nabcdef"), "{whole}");
    let cut = exchange(server.addr(), "GET /cut HTTP/1.1", b"");
    assert!(cut.contains("\r\ncontent-length: 6\r\n"), "{cut}");
    assert!(
        cut.ends_with("\r\n\r\nabc"),
        "three bytes of six, then the end: {cut}"
    );
}

/// `127.0.0.2` is another loopback host; `inspect_body` sees the body instead of keeping it.
#[test]
fn second_address_and_inspected_bodies() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let server = {
        let seen = seen.clone();
        Server::builder()
            .ip(Ipv4Addr::new(127, 0, 0, 2))
            .inspect_body(move |chunk| seen.lock().unwrap().extend_from_slice(chunk))
            .start()
    };
    assert!(
        server.url().starts_with("http://127.0.0.2:"),
        "{}",
        server.url()
    );
    server.answer(Reply::empty(201));
    let response = exchange(
        server.addr(),
        "POST /big HTTP/1.1\r\nContent-Length: 11",
        b"hello world",
    );
    assert!(response.starts_with("HTTP/1.1 201 "), "{response}");
    let request = server.take_one();
    assert_eq!(request.body, b"", "the body is not kept");
    assert_eq!(*seen.lock().unwrap(), b"hello world");
}

#[test]
fn multipart_bodies_are_split_into_parts() {
    let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nmy-package\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"content\"; filename=\"a.whl\"\r\n\
Content-Type: application/octet-stream\r\n\r\nPK\x03\x04\r\n--XyZ--\r\n";
    let request = Recorded {
        method: "POST".into(),
        path: "/".into(),
        query: None,
        headers: vec![(
            "content-type".into(),
            "multipart/form-data; boundary=XyZ".into(),
        )],
        body: body.to_vec(),
    };
    assert_eq!(
        request.multipart(),
        [
            Part {
                name: "name".into(),
                file_name: None,
                content_type: None,
                data: b"my-package".to_vec(),
            },
            Part {
                name: "content".into(),
                file_name: Some("a.whl".into()),
                content_type: Some("application/octet-stream".into()),
                data: b"PK\x03\x04".to_vec(),
            },
        ]
    );
}
