//! Tests of the client and its builder: base URLs, the environment, credentials, `Debug`.

use std::env::VarError;

use super::*;

fn base(text: &str) -> String {
    parse_base_url(text).unwrap().as_str().to_owned()
}

fn rejected(text: &str) -> String {
    parse_base_url(text).unwrap_err().to_string()
}

#[test]
fn base_urls() {
    assert_eq!(base("https://gitlab.com"), "https://gitlab.com/");
    assert_eq!(base("https://gitlab.com/"), "https://gitlab.com/");
    assert_eq!(
        base("https://example.com/gitlab"),
        "https://example.com/gitlab"
    );
    assert_eq!(
        base("https://example.com/gitlab/"),
        "https://example.com/gitlab"
    );
    assert_eq!(
        base("http://localhost:8080/a/b//"),
        "http://localhost:8080/a/b"
    );
    assert_eq!(base(" https://example.com "), "https://example.com/");
}

#[test]
fn bad_base_urls() {
    assert_eq!(
        rejected("ftp://example.com"),
        "invalid input for ClientBuilder::build: parameter `base_url`: must use http or https"
    );
    assert!(rejected("https://user:pw@example.com").contains("credentials"));
    assert!(!rejected("https://user:pw@example.com").contains("pw"));
    assert!(rejected("https://example.com/?a=b").contains("query"));
    assert!(rejected("https://example.com/#x").contains("fragment"));
    assert!(rejected("example.com").contains("is not a URL"));
    assert!(rejected("").contains("is not a URL"));
}

#[test]
fn debug_hides_secrets() {
    let builder = Client::builder()
        .base_url("https://example.com/gitlab/")
        .auth(Auth::basic("bob", "hunter2"));
    let text = format!("{builder:?}");
    assert!(!text.contains("hunter2"), "{text}");
    assert!(text.contains("[redacted]"), "{text}");
    let client = builder.build().unwrap();
    assert_eq!(
        format!("{client:?}"),
        r#"Client { base_url: "https://example.com/gitlab", auth: Basic { username: "bob", password: [redacted] }, .. }"#
    );
    let client = Client::builder()
        .base_url("https://gitlab.example.com")
        .auth(Auth::private_token("glpat-secret"))
        .build()
        .unwrap();
    assert!(!format!("{client:?}").contains("glpat-secret"));
}

const API: Api = Api {
    user_agent: "example-client/1.2.3",
    base_url: Some("https://api.example.com"),
    token_env: Some("EXAMPLE_TOKEN"),
    base_url_env: Some("EXAMPLE_URL"),
    gitlab_ci: false,
};

#[test]
fn from_environment() {
    let env = |token: Option<&str>, url: Option<&str>| {
        let token = token.map(str::to_owned);
        let url = url.map(str::to_owned);
        ClientBuilder::<Client>::for_api(API).env_from(move |name| {
            match name {
                "EXAMPLE_TOKEN" => token.clone(),
                "EXAMPLE_URL" => url.clone(),
                _ => None,
            }
            .ok_or(VarError::NotPresent)
        })
    };
    let client = env(Some("glpat-1"), Some("https://example.com/gitlab/"))
        .build()
        .unwrap();
    assert_eq!(client.auth(), &Auth::private_token("glpat-1"));
    assert_eq!(client.base_url().as_str(), "https://example.com/gitlab");
    assert_eq!(
        client.credential("op").unwrap().unwrap().0.as_str(),
        "private-token"
    );
    let client = env(Some(""), None).build().unwrap();
    assert_eq!(client.auth(), &Auth::None);
    assert_eq!(client.base_url().as_str(), "https://api.example.com/");
    let err = ClientBuilder::<Client>::for_api(API)
        .env_from(|_| Err(VarError::NotUnicode(std::ffi::OsString::from("x"))))
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input for ClientBuilder::build: parameter `EXAMPLE_TOKEN`: is not valid Unicode"
    );
    // An API without variables reads none.
    let client = ClientBuilder::<Client>::for_api(Api::default())
        .env_from(|name| panic!("read {name}"))
        .base_url("https://example.com")
        .build()
        .unwrap();
    assert_eq!(client.auth(), &Auth::None);
}

/// With GitLab's conventions: in a CI job the job's token and server, unless a token or a
/// server is configured explicitly (the API's own variables, then `GITLAB_TOKEN`).
#[test]
fn from_a_gitlab_ci_job() {
    let api = Api {
        gitlab_ci: true,
        ..API
    };
    let env = |vars: &[(&'static str, &'static str)]| {
        let vars = vars.to_vec();
        ClientBuilder::<Client>::for_api(api).env_from(move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
                .ok_or(VarError::NotPresent)
        })
    };
    let job = [
        ("CI_JOB_TOKEN", "job-secret"),
        ("CI_API_V4_URL", "https://gitlab.example.com/gitlab/api/v4"),
        ("CI_SERVER_URL", "https://ignored.example.com"),
    ];
    let client = env(&job).build().unwrap();
    assert_eq!(client.auth(), &Auth::job_token("job-secret"));
    assert_eq!(
        client.base_url().as_str(),
        "https://gitlab.example.com/gitlab"
    );
    // Without CI_API_V4_URL, the server's URL.
    let client = env(&[
        ("CI_JOB_TOKEN", "j"),
        ("CI_SERVER_URL", "https://ci.example.com"),
    ])
    .build()
    .unwrap();
    assert_eq!(client.base_url().as_str(), "https://ci.example.com/");
    // An explicit token wins over the job's: GITLAB_TOKEN, and the API's own first.
    let mut explicit = job.to_vec();
    explicit.push(("GITLAB_TOKEN", "glpat-cli"));
    let client = env(&explicit).build().unwrap();
    assert_eq!(client.auth(), &Auth::private_token("glpat-cli"));
    explicit.push(("EXAMPLE_TOKEN", "glpat-own"));
    explicit.push(("EXAMPLE_URL", "https://own.example.com"));
    let client = env(&explicit).build().unwrap();
    assert_eq!(client.auth(), &Auth::private_token("glpat-own"));
    assert_eq!(client.base_url().as_str(), "https://own.example.com/");
    assert!(!format!("{client:?}").contains("glpat"));
    // Without GitLab's conventions, none of these is read.
    let client = ClientBuilder::<Client>::for_api(API)
        .env_from(|name| {
            assert!(
                !name.starts_with("CI_") && name != "GITLAB_TOKEN",
                "read {name}"
            );
            Err(VarError::NotPresent)
        })
        .build()
        .unwrap();
    assert_eq!(client.auth(), &Auth::None);
}

#[test]
fn the_server_root_comes_from_the_api_or_the_caller() {
    let err = Client::builder().build().unwrap_err();
    assert!(
        err.to_string()
            .contains("parameter `base_url`: is not set, and the API's spec names no server root"),
        "{err}"
    );
    let client = ClientBuilder::<Client>::for_api(API).build().unwrap();
    assert_eq!(client.base_url().as_str(), "https://api.example.com/");
    let client = ClientBuilder::<Client>::for_api(API)
        .base_url("https://other.example.com/x")
        .build()
        .unwrap();
    assert_eq!(client.base_url().as_str(), "https://other.example.com/x");
}

/// A generated crate's client wraps the runtime's: `build` makes it.
#[test]
fn builds_a_wrapping_client() {
    struct Wrapper(Client);
    impl From<Client> for Wrapper {
        fn from(client: Client) -> Self {
            Wrapper(client)
        }
    }
    let wrapper: Wrapper = ClientBuilder::for_api(API).build().unwrap();
    assert_eq!(wrapper.0.base_url().as_str(), "https://api.example.com/");
}

#[test]
fn invalid_credential_fails_build() {
    let err = Client::builder()
        .base_url("https://gitlab.example.com")
        .auth(Auth::private_token("bad\ntoken"))
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }));
    assert!(!err.to_string().contains("bad"));
}

#[test]
fn with_auth_shares_the_pool_and_keeps_the_original() {
    let client = Client::builder()
        .base_url("https://example.com/gitlab")
        .auth(Auth::private_token("glpat-1"))
        .build()
        .unwrap();
    let conan = client.with_auth(Auth::bearer("jwt"));
    assert!(Arc::ptr_eq(&client.shared, &conan.shared));
    assert_eq!(client.auth(), &Auth::private_token("glpat-1"));
    assert_eq!(conan.auth(), &Auth::bearer("jwt"));
    assert_eq!(conan.base_url().as_str(), "https://example.com/gitlab");
    let bad = client.with_auth(Auth::bearer("a\nb"));
    let err = bad.credential("get_package").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input for get_package: parameter `Authorization`: is not a valid HTTP header value (control characters?)"
    );
}
