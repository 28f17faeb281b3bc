//! A small HTTP/1.1 server on loopback for tests, over TCP or TLS: it answers scripted
//! actions, one per connection, in order, and reports each request it read (and each TLS
//! handshake it refused). Bounded: it stops after its script, or after 10 s without a
//! connection; each action ends within seconds.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

/// A connection, plain or TLS.
trait Conn: Read + Write + Send {}

impl<T: Read + Write + Send> Conn for T {}

/// What the server does with one connection, after reading the request.
pub(crate) enum Action {
    /// Answers with this response (head, blank line, body); `Connection: close` and
    /// `Content-Length` are added.
    Reply(String),
    /// Waits, then answers as [`Action::Reply`].
    Delay(Duration, String),
    /// Writes these bytes as they are, then closes.
    Raw(Vec<u8>),
    /// Writes these bytes, keeps the connection open without a word, then closes.
    Stall(Vec<u8>, Duration),
    /// Writes these pieces one by one, waiting before each but the first, then closes.
    Trickle(Vec<Vec<u8>>, Duration),
    /// Closes the connection without an answer.
    Close,
}

impl From<&str> for Action {
    fn from(response: &str) -> Self {
        Action::Reply(response.to_owned())
    }
}

impl From<String> for Action {
    fn from(response: String) -> Self {
        Action::Reply(response)
    }
}

/// One request as the server saw it.
#[derive(Debug)]
pub(crate) struct Seen {
    pub(crate) line: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
    pub(crate) at: Instant,
}

impl Seen {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The credential headers sent, as `name: value`.
    pub(crate) fn credentials(&self) -> Vec<String> {
        self.headers
            .iter()
            .filter(|(n, _)| {
                [
                    "authorization",
                    "private-token",
                    "job-token",
                    "deploy-token",
                ]
                .contains(&n.as_str())
            })
            .map(|(n, v)| format!("{n}: {v}"))
            .collect()
    }

    pub(crate) fn has_credentials(&self) -> bool {
        !self.credentials().is_empty()
    }
}

pub(crate) struct Server {
    pub(crate) base: String,
    seen: mpsc::Receiver<Seen>,
    refused: mpsc::Receiver<String>,
}

impl Server {
    /// Serves `actions` on 127.0.0.1.
    pub(crate) fn start(actions: Vec<Action>) -> Server {
        Server::start_on("127.0.0.1:0", actions)
    }

    /// Serves `actions` on `addr` (another loopback address works too: Linux routes all
    /// of 127.0.0.0/8 to the loopback interface).
    pub(crate) fn start_on(addr: &str, actions: Vec<Action>) -> Server {
        Server::start_with(addr, |_| actions)
    }

    /// Serves the actions that `script` makes from the server's base URL (for responses
    /// that link to the server itself).
    pub(crate) fn start_with(addr: &str, script: impl FnOnce(&str) -> Vec<Action>) -> Server {
        Server::serve(addr, None, script)
    }

    /// Serves `actions` over TLS on 127.0.0.1 (base URL `https://127.0.0.1:<port>`). A
    /// connection whose handshake fails uses no action: [`refused`](Self::refused) reports
    /// it.
    pub(crate) fn start_tls(tls: Arc<rustls::ServerConfig>, actions: Vec<Action>) -> Server {
        Server::serve("127.0.0.1:0", Some(tls), |_| actions)
    }

    fn serve(
        addr: &str,
        tls: Option<Arc<rustls::ServerConfig>>,
        script: impl FnOnce(&str) -> Vec<Action>,
    ) -> Server {
        let listener = TcpListener::bind(addr).unwrap();
        listener.set_nonblocking(true).unwrap();
        let scheme = if tls.is_some() { "https" } else { "http" };
        let base = format!("{scheme}://{}", listener.local_addr().unwrap());
        let actions = script(&base);
        let (tx, rx) = mpsc::channel();
        let (refused_tx, refused) = mpsc::channel();
        std::thread::spawn(move || {
            for action in actions {
                let mut conn = loop {
                    let Some(stream) = accept(&listener) else {
                        return;
                    };
                    match open(stream, tls.as_ref()) {
                        Ok(conn) => break conn,
                        Err(reason) => {
                            let _ = refused_tx.send(reason);
                        }
                    }
                };
                let Some(seen) = read_request(&mut conn) else {
                    return;
                };
                let _ = tx.send(seen);
                // Slow actions must not hold up the next connection.
                std::thread::spawn(move || act(conn, action));
            }
        });
        Server {
            base,
            seen: rx,
            refused,
        }
    }

    /// The next request, waiting up to 5 s.
    pub(crate) fn next(&self) -> Seen {
        self.seen
            .recv_timeout(Duration::from_secs(5))
            .expect("no request within 5 s")
    }

    /// How many requests arrived that were not taken with [`next`](Self::next) yet
    /// (takes them).
    pub(crate) fn count(&self) -> usize {
        self.seen.try_iter().count()
    }

    /// Why the next refused TLS handshake failed (the server's view), waiting up to 5 s.
    pub(crate) fn refused(&self) -> String {
        self.refused
            .recv_timeout(Duration::from_secs(5))
            .expect("no refused handshake within 5 s")
    }

    /// Asserts no further handshake is refused within 200 ms.
    pub(crate) fn no_more_refused(&self) {
        if let Ok(reason) = self.refused.recv_timeout(Duration::from_millis(200)) {
            panic!("unexpected refused handshake: {reason}");
        }
    }

    /// Asserts no further request arrives within 200 ms.
    pub(crate) fn nothing_more(&self) {
        if let Ok(seen) = self.seen.recv_timeout(Duration::from_millis(200)) {
            panic!("unexpected request {seen:?}");
        }
    }
}

fn accept(listener: &TcpListener) -> Option<TcpStream> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                stream.set_nonblocking(false).ok()?;
                stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
                return Some(stream);
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(_) => return None,
        }
    }
}

/// The connection, after the TLS handshake if `tls` is set; or why the handshake failed.
fn open(
    stream: TcpStream,
    tls: Option<&Arc<rustls::ServerConfig>>,
) -> Result<Box<dyn Conn>, String> {
    let Some(config) = tls else {
        return Ok(Box::new(stream));
    };
    let conn = rustls::ServerConnection::new(Arc::clone(config)).map_err(|e| e.to_string())?;
    let mut tls = rustls::StreamOwned::new(conn, stream);
    while tls.conn.is_handshaking() {
        tls.conn
            .complete_io(&mut tls.sock)
            .map_err(|e| e.to_string())?;
    }
    Ok(Box::new(tls))
}

/// Reads one request: head, then a body by `Content-Length` or chunked encoding.
fn read_request(stream: &mut dyn Conn) -> Option<Seen> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let at = Instant::now();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (n, v) = h.split_once(':')?;
        headers.push((n.to_ascii_lowercase(), v.trim().to_owned()));
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let mut body = Vec::new();
    if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).ok()?;
            let size = usize::from_str_radix(size.trim(), 16).ok()?;
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).ok()?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(len) = header("content-length") {
        body = vec![0; len.parse().ok()?];
        reader.read_exact(&mut body).ok()?;
    }
    Some(Seen {
        line: line.trim_end().to_owned(),
        headers,
        body,
        at,
    })
}

fn act(mut stream: Box<dyn Conn>, action: Action) {
    let reply = |stream: &mut Box<dyn Conn>, response: &str| {
        let (head, payload) = response.split_once("\r\n\r\n").unwrap_or((response, ""));
        let full = format!(
            "{head}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{payload}",
            payload.len()
        );
        let _ = stream.write_all(full.as_bytes());
        let _ = stream.flush();
    };
    match action {
        Action::Reply(response) => reply(&mut stream, &response),
        Action::Delay(wait, response) => {
            std::thread::sleep(wait);
            reply(&mut stream, &response);
        }
        Action::Raw(bytes) => {
            let _ = stream.write_all(&bytes);
            let _ = stream.flush();
        }
        Action::Stall(bytes, wait) => {
            let _ = stream.write_all(&bytes);
            let _ = stream.flush();
            std::thread::sleep(wait);
        }
        Action::Trickle(pieces, wait) => {
            for (i, piece) in pieces.iter().enumerate() {
                if i > 0 {
                    std::thread::sleep(wait);
                }
                let _ = stream.write_all(piece);
                let _ = stream.flush();
            }
        }
        Action::Close => {}
    }
}
