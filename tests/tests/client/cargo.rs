//! Cargo: the registry's `config.json`.

use serde_json::json;
use tests::server::{Reply, Server};

use crate::support::{PRIVATE_TOKEN, capture, client};
use crate::table::{Case, replies, run_cases};

#[tokio::test]
async fn cargo_operations() {
    let server = Server::start();
    let c = client(&server);
    run_cases(
        &server,
        &c,
        &PRIVATE_TOKEN,
        &[case!(
            reply = replies::cargo_config(),
            "GET",
            "/api/v4/projects/group%2Fsub%2Fproject/packages/cargo/config.json",
            None,
            get_project_cargo_config("group/sub/project")
        )],
    )
    .await;

    // The answer comes back as sent.
    let (out, req) = capture(
        &server,
        Reply::json(r#"{"dl":"https://gitlab.example.com/api/v4/projects/1/packages/cargo"}"#),
        c.get_project_cargo_config(1),
    )
    .await;
    let config = out.unwrap();
    assert_eq!(
        config.dl,
        "https://gitlab.example.com/api/v4/projects/1/packages/cargo"
    );
    assert_eq!(
        serde_json::to_value(&config).unwrap(),
        json!({"dl": "https://gitlab.example.com/api/v4/projects/1/packages/cargo"})
    );
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1/packages/cargo/config.json"
    );
    assert_eq!(req.credentials(), PRIVATE_TOKEN);
}

/// One row per operation, for [`crate::all_operations`].
pub(crate) fn operations() -> Vec<Case> {
    vec![case!(
        reply = replies::cargo_config(),
        "GET",
        "/api/v4/projects/group%2Fproject/packages/cargo/config.json",
        None,
        get_project_cargo_config("group/project")
    )]
}
