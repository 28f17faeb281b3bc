//! Credentials: one header per auth mode, a Conan login, a client with other credentials.

use super::*;

#[tokio::test]
async fn each_auth_mode_sends_exactly_one_credential() {
    let cases = [
        (Auth::private_token("p"), Some("private-token: p")),
        (Auth::job_token("j"), Some("job-token: j")),
        (Auth::deploy_token("d"), Some("deploy-token: d")),
        (Auth::bearer("b"), Some("authorization: Bearer b")),
        (Auth::basic("u", "t"), Some("authorization: Basic dTp0")),
        (
            Auth::job_token_basic("j"),
            Some("authorization: Basic Z2l0bGFiLWNpLXRva2VuOmo="),
        ),
        (Auth::raw("r"), Some("authorization: r")),
        (Auth::None, None),
    ];
    let server = Server::start(cases.iter().map(|_| ok("")).collect());
    for (auth, expected) in cases {
        let client = builder(&server.base).auth(auth).build().unwrap();
        get(&client, "/x").send_empty().await.unwrap();
        let seen = server.next();
        assert_eq!(
            seen.credentials(),
            Vec::from_iter(expected.map(str::to_owned))
        );
    }
    server.nothing_more();
}

#[tokio::test]
async fn conan_flow_with_auth() {
    let server = Server::start(vec![
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\neyJ.jwt.sig".into(),
        ok("{}"),
        ok("{}"),
    ]);
    let client = token_client(&server.base);
    let mut login = client.request(
        Method::GET,
        "authenticate_project_conan_v2",
        "/api/v4/projects/{id}/packages/conan/v2/users/authenticate",
    );
    login
        .options(&RequestOptions::new().auth(Auth::basic("alice", "pw")))
        .path_literal("/api/v4/projects/")
        .path_param("id", &7)
        .path_literal("/packages/conan/v2/users/authenticate");
    let jwt = login.send_text().await.unwrap();
    assert_eq!(jwt, "eyJ.jwt.sig");
    let seen = server.next();
    assert_eq!(
        seen.line,
        "GET /api/v4/projects/7/packages/conan/v2/users/authenticate HTTP/1.1"
    );
    assert_eq!(seen.credentials(), ["authorization: Basic YWxpY2U6cHc="]);

    let conan = client.with_auth(Auth::bearer(jwt));
    get(&conan, "/api/v4/projects/7/packages/conan/v2/conans/search")
        .send_json()
        .await
        .unwrap();
    assert_eq!(
        server.next().credentials(),
        ["authorization: Bearer eyJ.jwt.sig"]
    );
    // The original client is unchanged.
    get(&client, "/api/v4/x").send_json().await.unwrap();
    assert_eq!(server.next().credentials(), ["private-token: tok"]);
}

/// A token or header value the server would see differently (whitespace it strips, an
/// empty token) is refused, naming the header and never the value: when the client is
/// built, and for a request's own credentials, headers and options before anything is sent.
#[tokio::test]
async fn credentials_and_headers_the_server_would_alter_are_refused() {
    let refused = [
        (
            Auth::private_token("glpat-secret "),
            "PRIVATE-TOKEN",
            "must not begin or end with whitespace (the server would strip it)",
        ),
        (
            Auth::job_token("\tsecret"),
            "JOB-TOKEN",
            "must not begin or end with whitespace (the server would strip it)",
        ),
        (Auth::deploy_token(""), "Deploy-Token", "must not be empty"),
        (Auth::bearer(""), "Authorization", "must not be empty"),
        (
            Auth::bearer("secret "),
            "Authorization",
            "must not begin or end with whitespace (the server would strip it)",
        ),
        (
            Auth::raw(" secret"),
            "Authorization",
            "must not begin or end with whitespace (the server would strip it)",
        ),
        (
            Auth::private_token("sec\nret"),
            "PRIVATE-TOKEN",
            "is not a valid HTTP header value (control characters?)",
        ),
    ];
    for (auth, header, reason) in refused {
        let err = Client::builder()
            .base_url("https://gitlab.example.com")
            .auth(auth.clone())
            .build()
            .unwrap_err();
        let text = err.to_string();
        assert!(
            text.eq_ignore_ascii_case(&format!(
                "invalid input for ClientBuilder::build: parameter `{header}`: {reason}"
            )),
            "{text}"
        );
        assert!(!text.contains("secret"), "{text}");
        // As a request's own credentials: refused before sending.
        let client = client("http://127.0.0.1:9");
        let mut r = get(&client, "/x");
        r.options(&RequestOptions::new().auth(auth));
        let err = r.send_empty().await.unwrap_err();
        assert!(err.to_string().ends_with(reason), "{err}");
    }
    // Basic credentials travel base64-encoded: spaces arrive as given.
    Client::builder()
        .base_url("https://gitlab.example.com")
        .auth(Auth::basic(" user ", " pass "))
        .build()
        .unwrap();
    // A header parameter or option with surrounding whitespace.
    let client = client("http://127.0.0.1:9");
    let mut r = get(&client, "/x");
    r.header("Symbolchecksum", "\tSHA256:abc");
    let err = r.send_empty().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input for op: parameter `Symbolchecksum`: must not begin or end with whitespace (the server would strip it)"
    );
    let mut r = get(&client, "/x");
    r.options(&RequestOptions::new().credential_header("X-NuGet-ApiKey", "key "));
    let err = r.send_empty().await.unwrap_err();
    assert!(
        err.to_string()
            .contains("parameter `X-NuGet-ApiKey`: must not begin or end with whitespace"),
        "{err}"
    );
    assert!(!err.to_string().contains("key "), "{err}");
}
