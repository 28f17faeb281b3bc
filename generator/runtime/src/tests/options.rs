//! Per-request options: credentials, headers and timeout, and an invalid header in them.

use super::*;

#[tokio::test]
async fn request_options_override_auth_and_headers() {
    let server = Server::start(vec![ok(""), ok(""), ok("")]);
    let client = token_client(&server.base);
    let mut r = get(&client, "/a");
    r.options(
        &RequestOptions::new()
            .auth(Auth::deploy_token("dt"))
            .header("X-Extra", "1")
            .header("Npm-Command", "deprecate"),
    );
    // The options' headers win over the operation's, even when set later.
    r.header("Npm-Command", "publish").header("X-Other", "2");
    r.send_empty().await.unwrap();
    let seen = server.next();
    assert_eq!(seen.credentials(), ["deploy-token: dt"]);
    assert_eq!(seen.header("x-extra"), Some("1"));
    assert_eq!(seen.header("npm-command"), Some("deprecate"));
    assert_eq!(seen.header("x-other"), Some("2"));

    // A credential header in the options replaces every `Auth`, when it says so.
    let mut r = get(&client, "/b");
    r.options(
        &RequestOptions::new()
            .auth(Auth::bearer("ignored"))
            .credential_header("Job-Token", "jt"),
    );
    r.send_empty().await.unwrap();
    assert_eq!(server.next().credentials(), ["job-token: jt"]);

    // Options do not stick to the client.
    get(&client, "/c").send_empty().await.unwrap();
    let seen = server.next();
    assert_eq!(seen.credentials(), ["private-token: tok"]);
    assert_eq!(seen.header("x-extra"), None);
}

#[tokio::test]
async fn request_options_timeout_and_invalid_header() {
    let server = Server::start(vec![Action::Delay(
        Duration::from_secs(2),
        "HTTP/1.1 200 OK\r\n\r\n".into(),
    )]);
    let client = token_client(&server.base);
    let mut r = get(&client, "/slow");
    r.options(&RequestOptions::new().timeout(Duration::from_millis(200)));
    let start = Instant::now();
    let err = r.send_empty().await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                source: Some(_),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        start.elapsed() < Duration::from_millis(1500),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(
        err.to_string(),
        "op: GET /slow timed out (the connect or overall timeout)"
    );
    server.next();
    server.nothing_more();

    let mut r = get(&client, "/never");
    r.options(&RequestOptions::new().header("X-Bad", "a\nb"));
    let err = r.send_empty().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input for op: parameter `X-Bad`: is not a valid HTTP header value (control characters?)"
    );
}

/// `RequestOptions::query` adds parameters after the operation's own, encoded like them;
/// `Debug` names them without their values.
#[test]
fn options_add_query_parameters_after_the_operations_own() {
    let client = client("https://gitlab.example.com");
    let mut r = crate::__private::start(&client, Method::PUT, "upload", "/files/{name}");
    r.path_value("name", "a.txt")
        .set_query(0, "status", "hidden");
    let options = RequestOptions::new()
        .query("select", "package_file")
        .query("note", "a+b c");
    r.options(&options);
    assert_eq!(
        r.url().as_str(),
        "https://gitlab.example.com/files/a.txt?status=hidden&select=package_file&note=a%2Bb+c"
    );
    let debug = format!("{options:?}");
    assert!(debug.contains(r#"query: ["select", "note"]"#), "{debug}");
    assert!(!debug.contains("package_file"), "{debug}");
}
