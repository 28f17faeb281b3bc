//! Cargo: the registry's `config.json` ([`CargoConfig`]), open-ended.

use gitlab_packages::types::CargoConfig;

use super::*;
use crate::support::client;

/// crates.io's `config.json` as Cargo's book prints it: `dl` and `api`, no
/// `auth-required`.
#[tokio::test]
async fn the_cargo_books_config_decodes() {
    let server = Server::start();
    let document = fixture!("cargo/crates-io-config.json");
    let (config, request): (CargoConfig, _) = served(
        &server,
        document,
        client(&server).get_project_cargo_config(1),
    )
    .await;
    assert_eq!(config.dl, "https://crates.io/api/v1/crates");
    assert_eq!(config.api.as_deref(), Some("https://crates.io"));
    assert_eq!(config.auth_required, None);
    assert!(config.rest.is_empty());
    assert_eq!(
        request.path,
        "/api/v4/projects/1/packages/cargo/config.json"
    );
    assert_nothing_lost(serde_json::to_value(&config).unwrap(), document);
}

/// GitLab's: `dl` and `api` the project's registry, `auth-required` for a project that
/// is not public.
#[tokio::test]
async fn gitlabs_config_decodes() {
    let server = Server::start();
    let document = fixture!("cargo/gitlab-config.json");
    let (config, request): (CargoConfig, _) = served(
        &server,
        document,
        client(&server).get_project_cargo_config("group/project"),
    )
    .await;
    assert_eq!(
        config.dl,
        "https://gitlab.example.com/api/v4/projects/1/packages/cargo"
    );
    assert_eq!(config.api.as_deref(), Some(config.dl.as_str()));
    assert_eq!(config.auth_required, Some(true));
    assert_eq!(
        request.path,
        "/api/v4/projects/group%2Fproject/packages/cargo/config.json"
    );
    assert_nothing_lost(serde_json::to_value(&config).unwrap(), document);
}

/// Keys a newer Cargo or registry adds are kept and sent back as they came.
#[test]
fn a_config_keeps_the_keys_it_does_not_name() {
    let document = r#"{"dl": "https://example.com/{crate}/{version}", "mirrors": {"a": "https://a.example"}, "x-future": 1}"#;
    let config: CargoConfig = serde_json::from_str(document).unwrap();
    assert_eq!(config.dl, "https://example.com/{crate}/{version}");
    assert_eq!(
        config.rest.keys().collect::<Vec<_>>(),
        ["mirrors", "x-future"]
    );
    assert_nothing_lost(serde_json::to_value(&config).unwrap(), document);
}
