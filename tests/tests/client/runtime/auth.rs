//! Credentials: the header each kind of `Auth` sends, alone; the Conan login that trades
//! HTTP Basic for a JWT.

use gitlab_packages::types::ConanRecipe;
use gitlab_packages::{Auth, RequestOptions};
use tests::server::{Recorded, Reply, Server};

use crate::support::{PRIVATE_TOKEN, assert_private_token, bounded, capture, client, client_with};

/// en:43 `curl --header "PRIVATE-TOKEN: <your_access_token>"`; FACTS: credentials in two
/// places at once are rejected, so each kind of credential must be the only credential
/// header, sent once.
#[tokio::test]
async fn private_token_is_the_only_credential() {
    let server = Server::start();
    let (out, req) = capture(
        &server,
        Reply::json("[]"),
        client(&server).list_project_packages(1234),
    )
    .await;
    out.unwrap();
    assert_eq!(
        req.credentials(),
        PRIVATE_TOKEN,
        "exactly one PRIVATE-TOKEN header"
    );
    assert_eq!(req.header("user-agent"), Some("gitlab-packages/0.1.0"));

    // A client without credentials sends none; job and deploy tokens go in their own
    // headers (FACTS, authentication table).
    let cases: [(Auth, &[(&str, &str)]); 3] = [
        (Auth::None, &[]),
        (Auth::job_token("job-123"), &[("job-token", "job-123")]),
        (Auth::deploy_token("gldt-1"), &[("deploy-token", "gldt-1")]),
    ];
    for (auth, expected) in cases {
        let c = client_with(&server.url(), auth);
        let (out, req) = capture(&server, Reply::json("[]"), c.list_project_packages(1234)).await;
        out.unwrap();
        assert_eq!(req.credentials(), expected, "{}", req.target());
        let (out, req) = capture(
            &server,
            Reply::bytes(b"x"),
            c.get_project_generic_file(1, "p", "1.0", "f.txt"),
        )
        .await;
        out.unwrap();
        assert_eq!(req.credentials(), expected, "{}", req.target());
    }
}

/// Conan trades HTTP Basic for a JWT (text/plain), then sends `Authorization: Bearer`
/// (FACTS, "Authentication").
#[tokio::test]
async fn conan_login_then_bearer_client() {
    bounded(async {
        let server = Server::start();
        let client = client(&server);
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoiYWxpY2UifQ.c2lnbmF0dXJl";
        server.enqueue([
            Reply::new(200, "text/plain", jwt),
            Reply::json(
                r#"{"revision":"75151329520e7685dcf5da49ded2fec0","time":"2024-05-01T10:00:00.000+0000"}"#,
            ),
            Reply::json("[]"),
        ]);

        let login = RequestOptions::new().auth(Auth::basic("alice", "glpat-conan-secret"));
        let token = client
            .authenticate_project_conan_v2(1)
            .options(login)
            .await
            .expect("login");
        assert_eq!(token, jwt);

        let conan = client.with_auth(Auth::bearer(token));
        let latest = conan
            .get_project_conan_v2_recipe_latest_revision(1, ConanRecipe::new("zlib", "1.3.1", "_", "_"))
            .await
            .expect("latest revision");
        assert_eq!(
            latest.revision.as_deref(),
            Some("75151329520e7685dcf5da49ded2fec0")
        );
        assert_eq!(latest.time.as_deref(), Some("2024-05-01T10:00:00.000+0000"));
        // The original client keeps its token.
        client.list_project_packages(1).await.expect("packages");

        let requests = server.take();
        let targets: Vec<String> = requests.iter().map(Recorded::target).collect();
        assert_eq!(
            targets,
            [
                "GET /api/v4/projects/1/packages/conan/v2/users/authenticate",
                "GET /api/v4/projects/1/packages/conan/v2/conans/zlib/1.3.1/_/_/latest",
                "GET /api/v4/projects/1/packages",
            ]
        );
        assert_eq!(
            requests[0].credentials(),
            [("authorization", "Basic YWxpY2U6Z2xwYXQtY29uYW4tc2VjcmV0")]
        );
        assert_eq!(
            requests[1].credentials(),
            [(
                "authorization",
                "Bearer eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoiYWxpY2UifQ.c2lnbmF0dXJl"
            )]
        );
        assert_private_token(&requests[2]);
    })
    .await;
}
