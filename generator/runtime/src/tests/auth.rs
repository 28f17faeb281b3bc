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
