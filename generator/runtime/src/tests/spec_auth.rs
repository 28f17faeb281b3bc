//! What a spec declares beyond a GitLab token: API keys in a header or the query, its
//! authentication schemes read from the environment, several servers with their own roots
//! and credentials, and `?flag` query items.

use std::env::VarError;

use super::*;

/// A variable reader over fixed pairs, for `env_from`.
fn vars(
    pairs: &[(&'static str, &'static str)],
) -> impl Fn(&str) -> std::result::Result<String, VarError> {
    let pairs = pairs.to_vec();
    move |name| {
        pairs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| (*v).to_owned())
            .ok_or(VarError::NotPresent)
    }
}

#[tokio::test]
async fn a_header_key_is_sent_in_its_header() {
    let server = Server::start(vec![ok("")]);
    let client = builder(&server.base)
        .auth(Auth::header_key("X-Api-Key", "k1"))
        .build()
        .unwrap();
    get(&client, "/x").send_empty().await.unwrap();
    let seen = server.next();
    assert_eq!(seen.header("x-api-key"), Some("k1"));
    assert!(!seen.has_credentials(), "{seen:?}");
    assert!(!format!("{client:?}").contains("k1"));
}

/// A query key is added as the request is sent: not to the URL errors, traces and `Debug`
/// show, not to another origin after a redirect, once per request whatever the server's
/// next-page link carries, and not when the request sets the parameter itself.
#[tokio::test]
async fn a_query_key_goes_to_the_servers_origin_only() {
    let storage = Server::start_on("127.0.0.2:0", vec![ok("data")]);
    let api = Server::start(vec![
        "HTTP/1.1 302 Found\r\nLocation: /moved?x=1\r\n\r\n".into(),
        format!(
            "HTTP/1.1 302 Found\r\nLocation: {}/file?sig=s\r\n\r\n",
            storage.base
        )
        .into(),
        "HTTP/1.1 404 Not Found\r\n\r\n{\"message\":\"no\"}".into(),
        ok(""),
    ]);
    let client = builder(&api.base)
        .auth(Auth::query_key("api_key", "s3cr3t"))
        .build()
        .unwrap();
    let mut r = get(&client, "/download");
    r.query("q", &"a b");
    assert!(!format!("{r:?}").contains("s3cr3t"));
    assert_eq!(r.target().unwrap().query(), Some("q=a+b"));
    let body = r.send_bytes().await.unwrap();
    assert_eq!(body.as_ref(), b"data");
    assert_eq!(
        api.next().line,
        "GET /download?q=a+b&api_key=s3cr3t HTTP/1.1"
    );
    assert_eq!(api.next().line, "GET /moved?x=1&api_key=s3cr3t HTTP/1.1");
    let elsewhere = storage.next();
    assert_eq!(elsewhere.line, "GET /file?sig=s HTTP/1.1");
    assert!(!elsewhere.has_credentials());

    let err = get(&client, "/missing").send_empty().await.unwrap_err();
    assert!(!format!("{err} {err:?}").contains("s3cr3t"), "{err:?}");
    assert_eq!(api.next().line, "GET /missing?api_key=s3cr3t HTTP/1.1");

    // The request's own parameter of that name wins.
    let mut r = get(&client, "/own");
    r.query("api_key", &"mine");
    r.send_empty().await.unwrap();
    assert_eq!(api.next().line, "GET /own?api_key=mine HTTP/1.1");
    api.nothing_more();
}

#[tokio::test]
async fn a_query_key_is_sent_once_on_every_page() {
    let api = Server::start_with("127.0.0.1:0", |base| {
        vec![
            format!(
                "HTTP/1.1 200 OK\r\nLink: <{base}/items?page=2&api_key=echoed>; rel=\"next\"\r\n\r\n[1]"
            )
            .into(),
            ok("[2]"),
        ]
    });
    let client = builder(&api.base)
        .auth(Auth::query_key("api_key", "k"))
        .build()
        .unwrap();
    let mut r = get(&client, "/items");
    r.query("page", &1);
    use futures_util::StreamExt;
    let items: Vec<Result<u32>> = r.into_items_as(Pagination::Keyset).collect().await;
    let items: Vec<u32> = items.into_iter().map(Result::unwrap).collect();
    assert_eq!(items, [1, 2]);
    assert_eq!(api.next().line, "GET /items?page=1&api_key=k HTTP/1.1");
    assert_eq!(api.next().line, "GET /items?page=2&api_key=k HTTP/1.1");
}

#[test]
fn schemes_make_credentials_from_a_token_or_the_environment() {
    let header = AuthScheme::Header {
        name: "Authorization",
        prefix: "Token ",
        env: Some("KEY"),
    };
    assert_eq!(
        header.auth("k"),
        Some(Auth::header_key("Authorization", "Token k"))
    );
    let client = Client::builder()
        .base_url("https://api.example.com")
        .auth_scheme(header)
        .env_from(vars(&[("KEY", "from-env")]))
        .build()
        .unwrap();
    assert_eq!(
        *client.auth(),
        Auth::header_key("Authorization", "Token from-env")
    );
    // A spec's scheme replaces the GitLab token variable.
    let api = Api {
        token_env: Some("KEY"),
        ..Api::default()
    };
    let query = AuthScheme::Query {
        name: "appid",
        env: Some("OTHER"),
    };
    let client = ClientBuilder::<Client>::for_api(api)
        .base_url("https://api.example.com")
        .auth_scheme(query)
        .env_from(vars(&[("KEY", "gitlab"), ("OTHER", "o")]))
        .build()
        .unwrap();
    assert_eq!(*client.auth(), Auth::query_key("appid", "o"));
    let bearer = AuthScheme::Bearer { env: Some("T") };
    let client = Client::builder()
        .base_url("https://api.example.com")
        .auth_scheme(bearer)
        .token("t")
        .build()
        .unwrap();
    assert_eq!(*client.auth(), Auth::bearer("t"));
    // Without a scheme, a token is GitLab's.
    let client = Client::builder()
        .base_url("https://api.example.com")
        .token("t")
        .build()
        .unwrap();
    assert_eq!(*client.auth(), Auth::private_token("t"));
}

#[test]
fn basic_schemes_take_a_user_and_a_password() {
    let basic = AuthScheme::Basic {
        username: Some("api"),
        username_env: Some("USER"),
        password_env: Some("PASS"),
    };
    let auth = |pairs: &[(&'static str, &'static str)]| {
        Client::builder()
            .base_url("https://api.example.com")
            .auth_scheme(basic)
            .env_from(vars(pairs))
            .build()
            .unwrap()
            .auth()
            .clone()
    };
    assert_eq!(auth(&[("PASS", "p")]), Auth::basic("api", "p"));
    assert_eq!(auth(&[("USER", "u"), ("PASS", "p")]), Auth::basic("u", "p"));
    assert_eq!(auth(&[("USER", "key")]), Auth::basic("key", ""));
    assert_eq!(auth(&[]), Auth::None);
    assert_eq!(basic.auth("p"), Some(Auth::basic("api", "p")));
    let anonymous = AuthScheme::Basic {
        username: None,
        username_env: None,
        password_env: None,
    };
    let err = Client::builder()
        .base_url("https://api.example.com")
        .auth_scheme(anonymous)
        .token("t")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("HTTP Basic"), "{err}");
}

const SERVERS: &[crate::Server] = &[
    crate::Server {
        name: "orders",
        base_url: None,
        template: Some("https://{region}.orders.example.com"),
        auth: Some(AuthScheme::Header {
            name: "X-Orders-Key",
            prefix: "",
            env: Some("ORDERS_KEY"),
        }),
    },
    crate::Server {
        name: "files",
        base_url: Some("https://files.example.com/v2/"),
        template: None,
        auth: None,
    },
];

/// Each server's operations go to its root with its own credentials, never the default's.
#[tokio::test]
async fn operations_of_another_server_go_to_its_root() {
    let api = Server::start(vec![ok(""), ok(""), ok("")]);
    let orders = Server::start_on("127.0.0.2:0", vec![ok("")]);
    let client = builder(&api.base)
        .servers(SERVERS)
        .server_url("orders", format!("{}/orders/", orders.base))
        .env_from(vars(&[("ORDERS_KEY", "ok")]))
        .build()
        .unwrap();
    assert_eq!(
        client.server_url("files").map(url::Url::as_str),
        Some("https://files.example.com/v2")
    );
    let mut r = get(&client, "/list");
    r.server("orders");
    r.send_empty().await.unwrap();
    let seen = orders.next();
    assert_eq!(seen.line, "GET /orders/list HTTP/1.1");
    assert_eq!(seen.header("x-orders-key"), Some("ok"));
    assert!(!seen.has_credentials(), "{seen:?}");
    get(&client, "/default").send_empty().await.unwrap();
    let seen = api.next();
    assert_eq!(seen.credentials(), ["private-token: tok"]);
    assert_eq!(seen.header("x-orders-key"), None);
    assert!(format!("{client:?}").contains("orders"));
    assert!(!format!("{client:?}").contains("\"ok\""));
}

#[test]
fn a_server_without_a_root_or_unknown_is_an_error_naming_it() {
    let client = Client::builder()
        .base_url("https://api.example.com")
        .servers(SERVERS)
        .build()
        .unwrap();
    let mut r = client.request(Method::GET, "list_orders", "/orders");
    r.path_literal("/orders").server("orders");
    let err = r.target().unwrap_err().to_string();
    assert!(
        err.contains(
            "server `orders` is not set (the spec's is `https://{region}.orders.example.com`)"
        ) && err.contains("server_url(\"orders\""),
        "{err}"
    );
    let err = Client::builder()
        .base_url("https://api.example.com")
        .servers(SERVERS)
        .server_url("nope", "https://x")
        .build()
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("server `nope`") && err.contains("`orders`, `files`"),
        "{err}"
    );
    let err = Client::builder()
        .base_url("https://api.example.com")
        .servers(SERVERS)
        .server_url("files", "ftp://x")
        .build()
        .unwrap_err()
        .to_string();
    assert!(err.contains("base_url of server `files`"), "{err}");
}

#[test]
fn a_flag_is_sent_without_a_value() {
    let mut r = request();
    r.path_literal("/items")
        .set_query(0, "a", &1)
        .set_query_flag(1, "all");
    assert_eq!(r.target().unwrap().query(), Some("a=1&all"));
}
