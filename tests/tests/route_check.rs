//! The route check: every operation's request, as the client builds it, read back by
//! GitLab's own router.
//!
//! `tests/grape/route_check.rb` mounts each of the 187 operations in Grape (on Mustermann,
//! through Rack, in-process: no network) under its own prefix, with GitLab's `[^/]+`
//! requirement for named variables, and answers the parameters it decoded. This test draws
//! values for every path, query and header parameter of every operation (proptest, fixed
//! seed: every character class — unreserved, reserved, `/`, `%` and `%`-sequences, spaces,
//! `+`, quotes, control characters, non-ASCII, `.` and `..`, empty, long), builds each
//! request with the runtime exactly as the generated operations do (`path_value`,
//! `set_query` in slots, `header`), and requires each to be either refused before sending
//! or decoded by Grape to exactly the values given. A multipart upload also gets a drawn
//! file name: it is sent for real to a loopback server, and the body as the client wrote it
//! is what Rack parses.
//!
//! It needs Debian's `ruby-grape` (`.ci/run` installs it); where Ruby or Grape is missing
//! the test says so loudly and passes. Debian ships Grape 1.6.2 and Mustermann 3.0; GitLab
//! pins Grape ~> 2.0 with Mustermann ~> 3.0: the route syntax and decoding checked here
//! (lazy globs, `%2F` decoded in globs, literals matched raw or encoded) are Mustermann's
//! and the same in both.
//!
//! `ROUTE_CHECK_CASES` (default 200) sets the cases per operation; a longer local run:
//! `ROUTE_CHECK_CASES=5000 cargo test -p tests --test route_check --release -- --nocapture`.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use generator::ir::{BodyKind, Operation, ParamLocation, ParamType, PathPart};
use gitlab_packages::Client;
use gitlab_packages::Multipart;
use gitlab_packages::runtime::{self, Method};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value, json};
use tests::server::{Reply, Server};

/// A value drawn for one parameter.
#[derive(Debug, Clone)]
enum Drawn {
    One(String),
    List(Vec<String>),
}

/// Text of every class the check cares about.
fn text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "[a-zA-Z0-9]{1,8}",
        Just("-".to_owned()),
        Just(".".to_owned()),
        Just("..".to_owned()),
        Just("_".to_owned()),
        Just("~".to_owned()),
        Just("/".to_owned()),
        Just("//".to_owned()),
        Just("/-/".to_owned()),
        Just("%".to_owned()),
        Just("%2F".to_owned()),
        Just("%zz".to_owned()),
        Just("%25".to_owned()),
        Just(" ".to_owned()),
        Just("+".to_owned()),
        Just("&".to_owned()),
        Just("=".to_owned()),
        Just("?".to_owned()),
        Just("#".to_owned()),
        Just("'".to_owned()),
        Just("\"".to_owned()),
        Just(",".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("@".to_owned()),
        Just(":".to_owned()),
        Just(";".to_owned()),
        Just("\\".to_owned()),
        Just("é".to_owned()),
        Just("😀".to_owned()),
        Just("\t".to_owned()),
        Just("\u{1}".to_owned()),
        Just("index".to_owned()),
        Just(".json".to_owned()),
    ];
    prop_oneof![
        1 => Just(String::new()),
        1 => Just(".".to_owned()),
        1 => Just("..".to_owned()),
        2 => "[a-z]{200,300}",
        40 => prop::collection::vec(pieces, 1..8).prop_map(|p| p.concat()),
    ]
}

fn value(ty: ParamType) -> BoxedStrategy<Drawn> {
    match ty {
        ParamType::Integer => any::<u64>().prop_map(|n| Drawn::One(n.to_string())).boxed(),
        ParamType::Number => (0u32..100_000)
            .prop_map(|n| Drawn::One(format!("{}.5", n)))
            .boxed(),
        ParamType::Boolean => any::<bool>()
            .prop_map(|b| Drawn::One(b.to_string()))
            .boxed(),
        ParamType::StringList => prop::collection::vec("[a-zA-Z0-9._~-]{1,10}", 0..4)
            .prop_map(Drawn::List)
            .boxed(),
        ParamType::IdOrPath => prop_oneof![any::<u64>().prop_map(|n| n.to_string()), text(),]
            .prop_map(Drawn::One)
            .boxed(),
        ParamType::String => text().prop_map(Drawn::One).boxed(),
    }
}

/// The operation's route as Grape writes it: `:name`, `*name`, `( … )`, special
/// characters of literals escaped.
fn grape_path(parts: &[PathPart], vars: &mut Vec<String>) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            PathPart::Literal(text) => {
                for c in text.chars() {
                    if "(){}:*?\\+".contains(c) {
                        out.push('\\');
                    }
                    out.push(c);
                }
            }
            PathPart::Var(name) => {
                vars.push(name.clone());
                out.push(':');
                out.push_str(name);
            }
            PathPart::Glob(name) => {
                out.push('*');
                out.push_str(name);
            }
            PathPart::Optional(inner) => {
                out.push('(');
                out.push_str(&grape_path(inner, vars));
                out.push(')');
            }
        }
    }
    out
}

/// The server side: Ruby with Grape, or why it cannot run.
fn grape() -> Result<std::process::Child, String> {
    let probe = Command::new("ruby")
        .args(["-e", "require 'grape'"])
        .output()
        .map_err(|e| format!("no ruby ({e})"))?;
    if !probe.status.success() {
        return Err(format!(
            "ruby cannot load grape: {}",
            String::from_utf8_lossy(&probe.stderr).trim()
        ));
    }
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("grape/route_check.rb");
    Command::new("ruby")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start ruby: {e}"))
}

/// What one call came to.
enum Outcome {
    Exact,
    Refused(String),
    Failed(String),
}

struct Check<'a> {
    client: runtime::Client,
    /// Where multipart uploads are really sent, to take their body as the client wrote it.
    upload_server: Server,
    upload_client: runtime::Client,
    stdin: std::process::ChildStdin,
    stdout: BufReader<std::process::ChildStdout>,
    operations: &'a [Operation],
    /// Per operation, the runtime template and the parameters' wire names, `'static` as
    /// the runtime takes them (made once).
    statics: Vec<(&'static str, Vec<&'static str>)>,
}

impl Check<'_> {
    /// Builds the request of operation `index` with `values` (one per parameter, `None`
    /// for an optional one left out), has Grape read it, compares.
    fn call(&mut self, index: usize, values: &[Option<Drawn>]) -> Outcome {
        let op = &self.operations[index];
        let file_field = match op.body.as_ref().map(|b| &b.kind) {
            Some(BodyKind::Multipart { file_field }) => Some(file_field.as_str()),
            _ => None,
        };
        // A multipart upload's file name is drawn last.
        let (values, file_name) = match (file_field, values.split_last()) {
            (Some(_), Some((Some(Drawn::One(name)), rest))) => (rest, Some(name.clone())),
            _ => (values, None),
        };
        let (template, wires) = &self.statics[index];
        let template = *template;
        let method = Method::from_bytes(op.method.as_str().as_bytes()).expect("a method");
        let client = if file_name.is_some() {
            &self.upload_client
        } else {
            &self.client
        };
        let mut r = runtime::__private::start(client, method.clone(), "route_check", template);
        let fixed = op.fixed_query.len();
        for (i, (_, value)) in op.fixed_query.iter().enumerate() {
            let (slot, wire) = (u32::try_from(i).unwrap_or(0), wires[op.params.len() + i]);
            match value {
                Some(value) => r.set_query(slot, wire, value),
                None => r.set_query_flag(slot, wire),
            };
        }
        let mut headers = serde_json::Map::new();
        for (i, (p, value)) in op.params.iter().zip(values).enumerate() {
            let Some(value) = value else { continue };
            let wire = wires[i];
            let slot = u32::try_from(fixed + i).unwrap_or(u32::MAX);
            match (p.location, value) {
                (ParamLocation::Path, Drawn::One(v)) => {
                    r.path_value(wire, v);
                }
                (ParamLocation::Query, Drawn::One(v)) => {
                    r.set_query(slot, wire, v);
                }
                (ParamLocation::Query, Drawn::List(v)) if p.comma_list => {
                    r.set_query_joined(slot, wire, ",", v);
                }
                (ParamLocation::Query, Drawn::List(v)) => {
                    r.set_query_list(slot, wire, v);
                }
                (ParamLocation::Header, Drawn::One(v)) => {
                    r.header(wire, v);
                    headers.insert(p.wire_name.clone(), json!(v));
                }
                _ => {}
            }
        }
        let url = match r.target() {
            Ok(url) => url,
            Err(e) => return Outcome::Refused(refusal(&e.to_string())),
        };
        let target = match url.query() {
            Some(q) => format!("/r{index}{}?{q}", url.path()),
            None => format!("/r{index}{}", url.path()),
        };
        let mut request = json!({"method": method.as_str(), "target": target, "headers": headers});
        if let (Some(field), Some(name)) = (file_field, &file_name) {
            // Sent for real, to take the body as the client wrote it.
            r.multipart(Multipart::new().file(field.to_owned(), name.clone(), "x"));
            self.upload_server.take();
            if let Err(e) = runtime::block_on(r.send_empty()) {
                return Outcome::Refused(refusal(&e.to_string()));
            }
            let sent = self.upload_server.take_one();
            request["body"] = json!(String::from_utf8_lossy(&sent.body));
            request["content_type"] = json!(sent.header("content-type"));
        }
        writeln!(self.stdin, "{request}").expect("write to ruby");
        let mut line = String::new();
        self.stdout.read_line(&mut line).expect("read from ruby");
        let answer: Value = serde_json::from_str(&line).expect("ruby answers JSON");
        if !matches!(answer["status"].as_u64(), Some(200 | 201)) {
            return Outcome::Failed(format!("{target}: status {}", answer["status"]));
        }
        let params = &answer["params"];
        if let (Some(field), Some(name)) = (file_field, &file_name) {
            if params[field]["filename"] != json!(name) {
                return Outcome::Failed(format!(
                    "{target}: file name sent {name:?}, Grape read {}",
                    params[field]["filename"]
                ));
            }
        }
        for (p, value) in op.params.iter().zip(values) {
            let Some(value) = value else { continue };
            let read = match p.location {
                ParamLocation::Header => {
                    &params[format!("header:{}", p.wire_name.to_ascii_lowercase())]
                }
                ParamLocation::Form => continue,
                _ => &params[p.wire_name.trim_end_matches("[]")],
            };
            let expected = match value {
                Drawn::One(v) => json!(v),
                Drawn::List(v) if p.comma_list => json!(v.join(",")),
                // Rack reads an empty list as no parameter.
                Drawn::List(v) if v.is_empty() => Value::Null,
                Drawn::List(v) => json!(v),
            };
            if *read != expected {
                return Outcome::Failed(format!(
                    "{target}: `{}` sent {expected}, Grape read {read}",
                    p.wire_name
                ));
            }
        }
        Outcome::Exact
    }
}

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

/// A refusal's reason without the operation and value: what the summary counts.
fn refusal(message: &str) -> String {
    message
        .split_once("`: ")
        .map_or(message, |(_, reason)| reason)
        .to_owned()
}

#[test]
fn every_operation_is_read_back_exactly_by_gitlabs_router() {
    let child = match grape() {
        Ok(child) => child,
        Err(why) => {
            eprintln!(
                "\n!!! route check SKIPPED: {why}.\n!!! Install Debian's ruby-grape (`.ci/run` does) to run it.\n"
            );
            return;
        }
    };
    let (api, _) = generator::build_ir(&xtask::client_options(&xtask::root())).expect("IR builds");
    let operations = api.operations;
    let routes: Vec<Value> = operations
        .iter()
        .map(|op| {
            let mut vars = Vec::new();
            let path = grape_path(&op.path.parts, &mut vars);
            json!({"method": op.method.as_str(), "path": path, "vars": vars})
        })
        .collect();
    let mut child = child;
    let mut stdin = child.stdin.take().expect("stdin");
    writeln!(stdin, "{}", json!({"routes": routes})).expect("routes to ruby");
    let stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let client = Client::new("https://gitlab.example.com").expect("a client");
    let client: runtime::Client = (*client).clone();
    let statics = operations
        .iter()
        .map(|op| {
            let template = generator::emit::rust::runtime_template(&op.path.parts);
            let names = op
                .params
                .iter()
                .map(|p| p.wire_name.as_str())
                .chain(op.fixed_query.iter().map(|(n, _)| n.as_str()));
            (leak(&template), names.map(leak).collect())
        })
        .collect();
    let upload_server = Server::start();
    upload_server.answer(Reply::json("{}").status(201));
    let upload_client = runtime::Client::builder()
        .base_url(upload_server.url())
        .no_proxy()
        .retry(runtime::RetryPolicy::none())
        .build()
        .expect("a client");
    let check = std::cell::RefCell::new(Check {
        client,
        upload_server,
        upload_client,
        stdin,
        stdout,
        operations: &operations,
        statics,
    });
    let cases: u32 = std::env::var("ROUTE_CHECK_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let (calls, exact) = (std::cell::Cell::new(0usize), std::cell::Cell::new(0usize));
    let refused: std::cell::RefCell<std::collections::BTreeMap<String, usize>> = Default::default();
    let mut failures: Vec<String> = Vec::new();
    for (index, op) in operations.iter().enumerate() {
        let mut strategy: Vec<BoxedStrategy<Option<Drawn>>> = op
            .params
            .iter()
            .map(|p| {
                let v = value(p.ty);
                if p.required {
                    v.prop_map(Some).boxed()
                } else {
                    prop::option::of(v).boxed()
                }
            })
            .collect();
        if matches!(
            op.body.as_ref().map(|b| &b.kind),
            Some(BodyKind::Multipart { .. })
        ) {
            strategy.push(text().prop_map(|t| Some(Drawn::One(t))).boxed());
        }
        let mut runner = TestRunner::new_with_rng(
            Config {
                cases,
                failure_persistence: None,
                ..Config::default()
            },
            proptest::test_runner::TestRng::from_seed(
                proptest::test_runner::RngAlgorithm::ChaCha,
                &[index as u8; 32],
            ),
        );
        let result = runner.run(&strategy, |values| {
            calls.set(calls.get() + 1);
            match check.borrow_mut().call(index, &values) {
                Outcome::Exact => exact.set(exact.get() + 1),
                Outcome::Refused(reason) => *refused.borrow_mut().entry(reason).or_default() += 1,
                Outcome::Failed(why) => {
                    return Err(proptest::test_runner::TestCaseError::fail(why));
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            failures.push(format!("{} ({}): {e}", op.rust_name, op.signature()));
        }
    }
    drop(check);
    let _ = child.kill();
    let (calls, exact, refused) = (calls.get(), exact.get(), refused.into_inner());
    eprintln!(
        "route check: {} operations, {calls} calls: {exact} read back exactly, {} refused before sending, {} failing operations",
        operations.len(),
        refused.values().sum::<usize>(),
        failures.len()
    );
    for (reason, n) in &refused {
        eprintln!("  refused {n:>6}: {reason}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(calls >= operations.len() * cases as usize, "{calls} calls");
}
