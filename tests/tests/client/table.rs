//! Tables of requests: each row is one call of a generated operation and the request it
//! must send (method, raw path, raw query); one loop runs a table against a server and
//! reports every mismatch, each named by the row's call as written.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use gitlab_packages::{Client, Error};
use tests::server::{Recorded, Reply, Server};

/// The future of a row's call; its answer is only required to be `Ok`.
pub type CallFuture<'a> = Pin<Box<dyn Future<Output = Result<(), Error>> + Send + 'a>>;

/// One row: a call and the request it must send.
pub struct Case {
    /// The operation called (the client's method).
    pub operation: &'static str,
    /// The call as written in the table, arguments and setters included: the row's name in
    /// failure messages.
    pub call_text: &'static str,
    pub method: &'static str,
    /// The raw path, as it must arrive.
    pub path: &'static str,
    /// The raw query, exactly (order included), or `None` for no `?`.
    pub query: Option<&'static str>,
    /// The server's answer to the call.
    pub reply: Reply,
    pub call: for<'a> fn(&'a Client) -> CallFuture<'a>,
}

/// `case!("GET", "/expected/path", Some("expected=query"), operation(args).setter(value))`:
/// the row's names come from the call itself, so they cannot disagree with it. The server
/// answers `200 {}`; `case!(reply = Reply::json("[]"), "GET", …)` gives the row another
/// answer (an operation whose answer decodes into a type with required fields needs one).
macro_rules! case {
    (reply = $reply:expr, $method:literal, $path:literal, $query:expr, $name:ident $($tail:tt)*) => {
        $crate::table::Case {
            operation: stringify!($name),
            call_text: stringify!($name $($tail)*),
            method: $method,
            path: $path,
            query: $query,
            reply: $reply,
            call: |c| Box::pin(async move { c.$name $($tail)* .await.map(drop) }),
        }
    };
    ($method:literal, $path:literal, $query:expr, $name:ident $($tail:tt)*) => {
        case!(reply = ::tests::server::Reply::json("{}"), $method, $path, $query, $name $($tail)*)
    };
}

/// A SHA-256 as hex (of the empty string), for the rows that need one.
macro_rules! sha {
    () => {
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    };
}

/// Runs every row with `client` against `server`: the call must succeed and send exactly
/// one request, with the row's method, path and query, and exactly the `credentials`
/// headers (name, value). Panics at the end, listing every mismatch.
pub async fn run_cases(
    server: &Server,
    client: &Client,
    credentials: &[(&str, &str)],
    cases: &[Case],
) {
    let mut problems = Vec::new();
    for case in cases {
        server.answer(case.reply.clone());
        server.take();
        match tokio::time::timeout(Duration::from_secs(20), (case.call)(client)).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => {
                problems.push(format!("{}: the call failed: {error}", case.call_text))
            }
            Err(_) => problems.push(format!("{}: the call timed out", case.call_text)),
        }
        check(case, &server.take(), credentials, &mut problems);
    }
    assert!(
        problems.is_empty(),
        "{} problem(s) over {} calls:\n  {}",
        problems.len(),
        cases.len(),
        problems.join("\n  ")
    );
}

/// Compares the requests one row sent with the row; pushes every difference.
fn check(
    case: &Case,
    requests: &[Recorded],
    credentials: &[(&str, &str)],
    problems: &mut Vec<String>,
) {
    let name = case.call_text;
    if requests.len() != 1 {
        problems.push(format!(
            "{name}: expected exactly one request, got {}: {requests:?}",
            requests.len()
        ));
    }
    let Some(request) = requests.first() else {
        return;
    };
    if request.method != case.method {
        problems.push(format!(
            "{name}: method {:?}, expected {:?}",
            request.method, case.method
        ));
    }
    if request.path != case.path {
        problems.push(format!(
            "{name}: path\n      got      {:?}\n      expected {:?}",
            request.path, case.path
        ));
    }
    if request.query.as_deref() != case.query {
        problems.push(format!(
            "{name}: query\n      got      {:?}\n      expected {:?}",
            request.query, case.query
        ));
    }
    if request.credentials() != credentials {
        problems.push(format!(
            "{name}: credential headers {:?}, expected {credentials:?}",
            request.credentials()
        ));
    }
}

/// Minimal answers of the operations whose typed answers have required fields, for the
/// rows of those operations (`case!(reply = replies::created(), …)`): what GitLab sends,
/// reduced to what the type needs.
pub mod replies {
    use tests::server::Reply;

    /// `201 {"message":"201 Created"}`: uploads, a new Composer package.
    pub fn created() -> Reply {
        Reply::json(r#"{"message":"201 Created"}"#).status(201)
    }

    /// `202 {"message":"202 Accepted"}`: a Debian distribution's deletion.
    pub fn accepted() -> Reply {
        Reply::json(r#"{"message":"202 Accepted"}"#).status(202)
    }

    /// A package file's record (a Conan upload's answer).
    pub fn package_file() -> Reply {
        Reply::json(r#"{"id":1,"package_id":1,"file_name":"conanfile.py","size":24}"#)
    }

    /// A package's record (a Conan v1 deletion's, an npm publication's answer).
    pub fn package() -> Reply {
        Reply::json(r#"{"id":1,"name":"my-lib","version":"1.0.0","package_type":"conan"}"#)
    }

    /// A Conan recipe search that found nothing.
    pub fn conan_search() -> Reply {
        Reply::json(r#"{"results":[]}"#)
    }

    /// A Composer document listing `packages` (a package's versions).
    pub fn composer_packages() -> Reply {
        Reply::json(r#"{"packages":{}}"#)
    }

    /// A Composer 1 provider list.
    pub fn composer_providers() -> Reply {
        Reply::json(r#"{"providers":{}}"#)
    }

    /// An npm package's metadata without versions.
    pub fn npm_metadata() -> Reply {
        Reply::json(r#"{"name":"@scope/my-pkg","versions":{}}"#)
    }

    /// A Cargo registry's `config.json`.
    pub fn cargo_config() -> Reply {
        Reply::json(r#"{"dl":"https://gitlab.example.com/api/v4/projects/1/packages/cargo"}"#)
    }
}
