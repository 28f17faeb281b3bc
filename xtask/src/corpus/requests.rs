//! The requests the dialect fixtures' crates must send, checked on a loopback server.
//!
//! A fixture `NAME.yaml` may have a `NAME.requests` beside it, one step a line:
//!
//! ```text
//! # A comment.
//! env: NAME=value                                   (set for the run, before any client)
//! client: Client::builder().base_url(format!("{url}/v1")).env().build()
//! get_item("7").fields("a,b") => GET /v1/items/7?fields=a%2Cb | x-api-key: k | !authorization
//! ```
//!
//! A `client:` line is an expression of type `Result<Client>` (the fixture crate's `Client`
//! and `Auth` are in scope, `url` is the loopback server's root, `http://127.0.0.1:PORT`);
//! it serves the calls after it (before any, the client is
//! `Client::builder().base_url(&url).build()`). A call is a method call on that client,
//! awaited; after `=>` comes the request the server must receive, method and target
//! exactly as sent (or `none`: nothing may be sent), then headers it must carry (`| name:
//! value`) or lack (`| !name`).
//!
//! `cargo xtask corpus` writes one program, `dialect-requests`, that depends on every such
//! fixture's crate, runs a recording HTTP/1.1 server on loopback (std only) and makes the
//! calls in order, printing what the server received for each; then it compares.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The package name of the program that makes the calls.
pub const DRIVER: &str = "dialect-requests";

/// The extension of a fixture's expectations.
pub const EXTENSION: &str = "requests";

/// One step of a fixture's expectations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The client of the calls that follow: an expression of type `Result<Client>`.
    Client { line: usize, expr: String },
    /// A call and the request it must send.
    Call {
        line: usize,
        call: String,
        expected: Expected,
    },
}

/// The request a call must send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// `METHOD target`, or `None` when nothing may be sent.
    pub request: Option<String>,
    /// Headers (lowercase) that must carry a value, or (`None`) be absent.
    pub headers: Vec<(String, Option<String>)>,
}

/// A fixture's expectations.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// The `.requests` file.
    pub file: PathBuf,
    /// The fixture crate's package name.
    pub crate_name: String,
    /// Its steps, in order.
    pub steps: Vec<Step>,
    /// Environment variables to set.
    pub env: Env,
}

/// Environment variables: name and value.
pub type Env = Vec<(String, String)>;

/// Parses a `.requests` file's text: its steps, and the variables it sets.
pub fn parse(text: &str) -> Result<(Vec<Step>, Env), String> {
    let mut steps = Vec::new();
    let mut env = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let text = raw.trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        if let Some(pair) = text.strip_prefix("env:") {
            let (name, value) = pair
                .trim()
                .split_once('=')
                .ok_or_else(|| format!("line {line}: `env: NAME=value` expected"))?;
            env.push((name.trim().to_owned(), value.to_owned()));
        } else if let Some(expr) = text.strip_prefix("client:") {
            steps.push(Step::Client {
                line,
                expr: expr.trim().to_owned(),
            });
        } else {
            let (call, expected) = text
                .rsplit_once("=>")
                .ok_or_else(|| format!("line {line}: `call => METHOD /target` expected"))?;
            steps.push(Step::Call {
                line,
                call: call.trim().to_owned(),
                expected: expected_of(expected).map_err(|e| format!("line {line}: {e}"))?,
            });
        }
    }
    Ok((steps, env))
}

fn expected_of(text: &str) -> Result<Expected, String> {
    let mut parts = text.split('|').map(str::trim);
    let request = parts.next().unwrap_or_default();
    let request = match request {
        "none" => None,
        r if r.split_once(' ').is_some_and(|(_, t)| t.starts_with('/')) => Some(r.to_owned()),
        r => return Err(format!("`{r}` is not `METHOD /target` or `none`")),
    };
    let mut headers = Vec::new();
    for header in parts {
        if let Some(name) = header.strip_prefix('!') {
            headers.push((name.trim().to_ascii_lowercase(), None));
        } else {
            let (name, value) = header
                .split_once(':')
                .ok_or_else(|| format!("`{header}` is not `name: value` or `!name`"))?;
            headers.push((
                name.trim().to_ascii_lowercase(),
                Some(value.trim().to_owned()),
            ));
        }
    }
    Ok(Expected { request, headers })
}

/// Where a step is: `file.requests:line`.
fn at(file: &Path, line: usize) -> String {
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    format!("{name}:{line}")
}

/// The driver's `Cargo.toml`: a dependency on each fixture crate, and Tokio.
pub fn manifest(fixtures: &[Fixture]) -> String {
    let mut out = format!(
        "# Written by `cargo xtask corpus`: makes the calls of tests/dialect/*.requests.\n\
         [package]\nname = \"{DRIVER}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\ntokio = {{ version = \"1\", features = [\"rt\"] }}\n"
    );
    for f in fixtures {
        let _ = writeln!(out, "{0} = {{ path = \"../{0}\" }}", f.crate_name);
    }
    out
}

/// The driver's `src/main.rs`.
pub fn main_rs(fixtures: &[Fixture]) -> String {
    let mut calls = String::new();
    for f in fixtures {
        let krate = f.crate_name.replace('-', "_");
        let _ = writeln!(
            calls,
            "    {{\n        use {krate}::{{Auth, Client}};\n        let _ = Auth::None;\n        let mut client: Client = Client::builder().base_url(&url).build().expect(\"client\");"
        );
        for step in &f.steps {
            match step {
                Step::Client { line, expr } => {
                    let _ = writeln!(
                        calls,
                        "        client = ({expr}).expect({:?});",
                        format!("{}: the client", at(&f.file, *line))
                    );
                }
                Step::Call { line, call, .. } => {
                    let _ = writeln!(
                        calls,
                        "        report(&rt, &seen, {:?}, async {{ let _ = client.{call}.await; }});",
                        at(&f.file, *line)
                    );
                }
            }
        }
        let _ = writeln!(calls, "        drop(client);\n    }}");
    }
    DRIVER_MAIN.replace("    // CALLS\n", &calls)
}

/// The driver program; `// CALLS` is replaced by the fixtures' calls.
const DRIVER_MAIN: &str = r#"//! Written by `cargo xtask corpus`: the calls of tests/dialect/*.requests against a
//! recording loopback server; prints, for each, `file:line`, a tab, and what the server
//! received (`METHOD target`, then each header as `name: value`, separated by U+001F;
//! requests separated by U+001E; `none` when nothing came).

#![allow(unused_mut, unused_imports, unused_assignments)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc::{Receiver, Sender, channel};

fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    let (tx, seen) = channel();
    std::thread::spawn(move || serve(listener, tx));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a Tokio runtime");
    // CALLS
}

fn report(
    rt: &tokio::runtime::Runtime,
    seen: &Receiver<String>,
    at: &str,
    call: impl std::future::Future<Output = ()>,
) {
    rt.block_on(call);
    let got: Vec<String> = seen.try_iter().collect();
    let got = if got.is_empty() { "none".to_owned() } else { got.join("\u{1e}") };
    println!("{at}\t{got}");
}

fn serve(listener: TcpListener, seen: Sender<String>) {
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        let Ok(read) = stream.try_clone() else { continue };
        let mut reader = BufReader::new(read);
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() {
            continue;
        }
        let mut words = line.split_whitespace();
        let mut record = format!(
            "{} {}",
            words.next().unwrap_or_default(),
            words.next().unwrap_or_default()
        );
        let (mut length, mut chunked) = (0usize, false);
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
                break;
            }
            let Some((name, value)) = header.trim_end().split_once(':') else { continue };
            let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
            if name == "content-length" {
                length = value.parse().unwrap_or(0);
            }
            if name == "transfer-encoding" && value.eq_ignore_ascii_case("chunked") {
                chunked = true;
            }
            record.push('\u{1f}');
            record.push_str(&format!("{name}: {value}"));
        }
        if chunked {
            loop {
                let mut size = String::new();
                if reader.read_line(&mut size).is_err() {
                    break;
                }
                let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
                let mut chunk = vec![0; size + 2];
                if size == 0 || reader.read_exact(&mut chunk).is_err() {
                    break;
                }
            }
        } else {
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
        }
        let _ = seen.send(record);
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n[]",
        );
    }
}
"#;

/// What the server received for one call: the request line and headers of each request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received(pub Vec<(String, Vec<(String, String)>)>);

/// The driver's output, by `file:line`.
pub fn read_output(stdout: &str) -> BTreeMap<String, Received> {
    let mut out = BTreeMap::new();
    for line in stdout.lines() {
        let Some((at, got)) = line.split_once('\t') else {
            continue;
        };
        let requests = if got == "none" {
            Vec::new()
        } else {
            got.split('\u{1e}')
                .map(|request| {
                    let mut fields = request.split('\u{1f}');
                    let target = fields.next().unwrap_or_default().to_owned();
                    let headers = fields
                        .filter_map(|h| h.split_once(": "))
                        .map(|(n, v)| (n.to_owned(), v.to_owned()))
                        .collect();
                    (target, headers)
                })
                .collect()
        };
        out.insert(at.to_owned(), Received(requests));
    }
    out
}

/// The calls whose request is not the one expected, each said in a line; and how many
/// calls were checked.
pub fn compare(
    fixtures: &[Fixture],
    received: &BTreeMap<String, Received>,
) -> (Vec<String>, usize) {
    let mut wrong = Vec::new();
    let mut checked = 0;
    for f in fixtures {
        for step in &f.steps {
            let Step::Call {
                line,
                call,
                expected,
            } = step
            else {
                continue;
            };
            checked += 1;
            let at = at(&f.file, *line);
            let Some(Received(got)) = received.get(&at) else {
                wrong.push(format!("{at}: {call} was not made (did the program stop?)"));
                continue;
            };
            if let Some(problem) = mismatch(expected, got) {
                wrong.push(format!("{at}: {call} {problem}"));
            }
        }
    }
    (wrong, checked)
}

/// What is wrong with `got` for `expected`, if anything.
fn mismatch(expected: &Expected, got: &[(String, Vec<(String, String)>)]) -> Option<String> {
    let sent: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
    let Some(request) = &expected.request else {
        return (!got.is_empty()).then(|| format!("sent {}, expected nothing", sent.join(", ")));
    };
    let [(target, headers)] = got else {
        return Some(format!(
            "sent {}, expected one request: {request}",
            if sent.is_empty() {
                "nothing".to_owned()
            } else {
                sent.join(", ")
            }
        ));
    };
    if target != request {
        return Some(format!("sent {target}, expected {request}"));
    }
    for (name, value) in &expected.headers {
        let actual: Vec<&str> = headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect();
        match value {
            None if !actual.is_empty() => {
                return Some(format!("sent header `{name}`, expected none"));
            }
            Some(value) if actual != [value.as_str()] => {
                return Some(format!(
                    "sent header `{name}` as {actual:?}, expected {value:?}"
                ));
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expectations_are_read_step_by_step() {
        let (steps, env) = parse(
            "# c\nenv: K=a=b\nclient: Client::builder().build()\n\nget(\"x\") => GET /a?b | X-Key: k | !authorization\nhead() => none\n",
        )
        .unwrap();
        assert_eq!(env, [("K".to_owned(), "a=b".to_owned())]);
        assert_eq!(
            steps,
            [
                Step::Client {
                    line: 3,
                    expr: "Client::builder().build()".into()
                },
                Step::Call {
                    line: 5,
                    call: "get(\"x\")".into(),
                    expected: Expected {
                        request: Some("GET /a?b".into()),
                        headers: vec![
                            ("x-key".into(), Some("k".into())),
                            ("authorization".into(), None)
                        ]
                    }
                },
                Step::Call {
                    line: 6,
                    call: "head()".into(),
                    expected: Expected {
                        request: None,
                        headers: vec![]
                    }
                },
            ]
        );
        assert!(parse("get()").is_err());
        assert!(parse("get() => /a").is_err());
        assert!(parse("get() => GET /a | nope").is_err());
    }

    #[test]
    fn calls_are_compared_with_what_the_server_received() {
        let (steps, _) = parse("a() => GET /a | x: 1 | !y\nb() => none\nc() => GET /c\n").unwrap();
        let fixture = Fixture {
            file: "f.requests".into(),
            crate_name: "f".into(),
            steps,
            env: vec![],
        };
        let received = read_output(
            "f.requests:1\tGET /a\u{1f}x: 1\u{1f}z: 2\nf.requests:2\tnone\nf.requests:3\tGET /c?d\n",
        );
        let (wrong, checked) = compare(std::slice::from_ref(&fixture), &received);
        assert_eq!(checked, 3);
        assert_eq!(wrong, ["f.requests:3: c() sent GET /c?d, expected GET /c"]);
        let received =
            read_output("f.requests:1\tGET /a\u{1f}x: 2\u{1f}y: 3\nf.requests:2\tGET /b\n");
        let (wrong, _) = compare(&[fixture], &received);
        assert_eq!(
            wrong,
            [
                "f.requests:1: a() sent header `x` as [\"2\"], expected \"1\"",
                "f.requests:2: b() sent GET /b, expected nothing",
                "f.requests:3: c() was not made (did the program stop?)",
            ]
        );
    }

    #[test]
    fn the_driver_makes_each_call_with_its_client() {
        let (steps, _) = parse("client: Client::new(&url)\nget() => GET /a\n").unwrap();
        let fixture = Fixture {
            file: "dir/f.requests".into(),
            crate_name: "my-fixture".into(),
            steps,
            env: vec![],
        };
        let main = main_rs(std::slice::from_ref(&fixture));
        assert!(main.contains("use my_fixture::{Auth, Client};"), "{main}");
        assert!(
            main.contains("client = (Client::new(&url)).expect(\"f.requests:1: the client\");"),
            "{main}"
        );
        assert!(
            main.contains(
                "report(&rt, &seen, \"f.requests:2\", async { let _ = client.get().await; });"
            ),
            "{main}"
        );
        assert!(manifest(&[fixture]).contains("my-fixture = { path = \"../my-fixture\" }"));
    }
}
