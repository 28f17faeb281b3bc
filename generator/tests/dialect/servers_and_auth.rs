//! Items 2 and 5 of the dialect rules: each `consumes` block keeps its server root (the
//! first's is the default, each other one a server of the client, configurable); the
//! spec's `authentication` is the client's credentials, read from its bound variables.

use generator::ir::AuthScheme;

use super::*;

#[test]
fn several_consumes_blocks_on_different_servers_keep_their_roots() {
    let (api, files, warnings) = generated("several-consumes-servers");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(api.base_url.as_deref(), Some("https://users.example.com"));
    assert_eq!(api.servers.len(), 1);
    assert_eq!(api.servers[0].name, "orders");
    assert_eq!(
        api.servers[0].base_url.as_deref(),
        Some("https://orders.example.com")
    );
    assert_eq!(op(&api, "list_users").server, None);
    assert_eq!(op(&api, "list_orders").server.as_deref(), Some("orders"));
    let client = file(&files, "src/client.rs");
    assert!(client.contains(r#"name: "orders","#), "{client}");
    assert!(client.contains(".servers(SERVERS)"), "{client}");
    let orders = file(&files, "src/orders.rs");
    assert!(orders.contains(r#"r.server("orders");"#), "{orders}");
}

#[test]
fn templated_roots_are_never_merged() {
    let name = "several-consumes-templated";
    let (api, files, warnings) = generated(name);
    assert_eq!(api.base_url, None);
    assert_eq!(
        api.base_url_template.as_deref(),
        Some("https://{{instance}}.example.com/services/data/v{{version}}")
    );
    assert_eq!(api.servers[0].name, "login");
    assert_eq!(
        api.servers[0].template.as_deref(),
        Some("https://{region}.login.example.com/oauth2")
    );
    let w = warned(
        &warnings,
        name,
        "baseUri: https://{region}",
        "`https://{region}.login.example.com/oauth2` is a template",
    );
    assert!(
        w.hint
            .as_deref()
            .unwrap()
            .contains(r#"server_url("login", …)"#),
        "{w}"
    );
    let w = warned(
        &warnings,
        name,
        "baseUri: https://{{instance}}",
        "v{{version}}` is a template",
    );
    assert!(w.hint.as_deref().unwrap().contains("base_url(…)"), "{w}");
    let client = file(&files, "src/client.rs");
    assert!(
        client.contains("the spec's is `https://{region}.login.example.com/oauth2`"),
        "{client}"
    );
}

#[test]
fn spec_authentication_is_the_clients() {
    let scheme = |name: &str| generated(name).0.auth.unwrap();
    let env = |v: &str| Some(v.to_owned());
    assert_eq!(
        scheme("auth-header-key"),
        AuthScheme::Header {
            name: "X-Api-Key".into(),
            prefix: String::new(),
            env: env("DIALECT_WEATHER_KEY")
        }
    );
    assert_eq!(
        scheme("auth-query-key"),
        AuthScheme::Query {
            name: "appid".into(),
            env: env("DIALECT_APPID")
        }
    );
    assert_eq!(
        scheme("auth-bearer"),
        AuthScheme::Bearer {
            env: env("DIALECT_BEARER_TOKEN")
        }
    );
    assert_eq!(
        scheme("auth-basic"),
        AuthScheme::Basic {
            username: Some("api".into()),
            username_env: None,
            password_env: env("DIALECT_BASIC_PASSWORD")
        }
    );
    let (api, files, _) = generated("auth-query-key");
    // The spec's scheme replaces the GitLab token variable.
    assert_eq!(api.token_env, None);
    let client = file(&files, "src/client.rs");
    assert!(
        client.contains("runtime::AuthScheme::Query {\n    name: \"appid\",\n    env: Some(\"DIALECT_APPID\"),\n};"),
        "{client}"
    );
    assert!(client.contains(".auth_scheme(AUTH)"), "{client}");
    assert!(client.contains("pub fn from_env()"), "{client}");
    let readme = file(&files, "README.md");
    assert!(readme.contains("query parameter `appid=<key>`"), "{readme}");
}
