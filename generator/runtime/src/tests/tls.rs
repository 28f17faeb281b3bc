//! Transport: a private CA, client certificates, a proxy, the caller's own `reqwest`
//! client; against loopback TLS servers with certificates made here by a CA made here.

use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use super::*;

/// A CA, and certificates it signs.
struct Pki {
    ca: CertifiedIssuer<'static, KeyPair>,
}

/// A certificate signed by the CA, with its key.
struct Leaf {
    chain: Vec<CertificateDer<'static>>,
    key: PrivatePkcs8KeyDer<'static>,
    /// The certificate, then the key.
    pem: String,
}

impl Pki {
    fn new() -> Pki {
        let mut params = CertificateParams::new(Vec::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(DnType::CommonName, "Test CA");
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca = CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap();
        Pki { ca }
    }

    fn ca_pem(&self) -> String {
        self.ca.pem()
    }

    fn leaf(&self, names: &[&str], usage: ExtendedKeyUsagePurpose) -> Leaf {
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        let mut params = CertificateParams::new(names).unwrap();
        params.distinguished_name.push(DnType::CommonName, "leaf");
        params.extended_key_usages = vec![usage];
        let key = KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &self.ca).unwrap();
        Leaf {
            chain: vec![cert.der().clone()],
            key: PrivatePkcs8KeyDer::from(key.serialize_der()),
            pem: format!("{}{}", cert.pem(), key.serialize_pem()),
        }
    }

    /// A server for `localhost` and 127.0.0.1; with `client_auth`, it requires a client
    /// certificate signed by the CA.
    fn server(&self, client_auth: bool) -> Arc<rustls::ServerConfig> {
        let leaf = self.leaf(
            &["localhost", "127.0.0.1"],
            ExtendedKeyUsagePurpose::ServerAuth,
        );
        let builder = rustls::ServerConfig::builder();
        let builder = if client_auth {
            let mut roots = rustls::RootCertStore::empty();
            roots.add(self.ca.der().clone()).unwrap();
            let verifier = rustls::server::WebPkiClientVerifier::builder(Arc::new(roots))
                .build()
                .unwrap();
            builder.with_client_cert_verifier(verifier)
        } else {
            builder.with_no_client_auth()
        };
        let key = PrivateKeyDer::Pkcs8(leaf.key);
        Arc::new(builder.with_single_cert(leaf.chain, key).unwrap())
    }

    fn client_identity(&self) -> String {
        self.leaf(&[], ExtendedKeyUsagePurpose::ClientAuth).pem
    }
}

/// The messages of `error` and of its sources, one after the other.
fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(error) = source {
        text.push_str(" / ");
        text.push_str(&error.to_string());
        source = error.source();
    }
    text
}

fn build_error(builder: ClientBuilder) -> String {
    builder.build().unwrap_err().to_string()
}

#[tokio::test]
async fn a_private_ca_is_trusted_once_added() {
    let pki = Pki::new();
    let server = Server::start_tls(pki.server(false), vec![ok("17.0")]);
    let err = get(&token_client(&server.base), "/api/v4/version")
        .send_text()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(
        chain(&err).starts_with("op: GET /api/v4/version: transport error: error sending request"),
        "{}",
        chain(&err)
    );
    assert!(
        chain(&err).contains("invalid peer certificate: UnknownIssuer"),
        "{}",
        chain(&err)
    );
    // A connection failure: retried as the policy says (4 attempts), then given up.
    for _ in 0..4 {
        assert_eq!(server.refused(), "received fatal alert: UnknownCA");
    }
    server.no_more_refused();

    let client = builder(&server.base)
        .add_root_certificate_pem(pki.ca_pem())
        .build()
        .unwrap();
    let version = get(&client, "/api/v4/version").send_text().await.unwrap();
    assert_eq!(version, "17.0");
    let seen = server.next();
    assert_eq!(seen.line, "GET /api/v4/version HTTP/1.1");
    assert_eq!(seen.credentials(), ["private-token: tok"]);
}

#[tokio::test]
async fn mutual_tls_sends_the_identity() {
    let pki = Pki::new();
    let server = Server::start_tls(pki.server(true), vec![ok("[]")]);
    let without = builder(&server.base)
        .add_root_certificate_pem(pki.ca_pem())
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let err = get(&without, "/api/v4/packages")
        .send_text()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(
        chain(&err).contains("received fatal alert: CertificateRequired"),
        "{}",
        chain(&err)
    );
    assert_eq!(server.refused(), "peer sent no certificates");
    server.no_more_refused();

    let with = builder(&server.base)
        .add_root_certificate_pem(pki.ca_pem())
        .identity_pem(pki.client_identity())
        .build()
        .unwrap();
    let body = get(&with, "/api/v4/packages").send_text().await.unwrap();
    assert_eq!(body, "[]");
    assert_eq!(server.next().line, "GET /api/v4/packages HTTP/1.1");
}

/// From `https` to `http` on the same host: another origin, so without credentials.
#[tokio::test]
async fn redirect_from_https_to_http_drops_credentials() {
    let pki = Pki::new();
    let plain = Server::start(vec![ok("data")]);
    let redirect = format!(
        "HTTP/1.1 302 Found\r\nLocation: {}/storage/file?sig=1\r\n\r\n",
        plain.base
    );
    let tls = Server::start_tls(pki.server(false), vec![redirect.into()]);
    assert!(tls.base.starts_with("https://127.0.0.1:"), "{}", tls.base);
    assert!(
        plain.base.starts_with("http://127.0.0.1:"),
        "{}",
        plain.base
    );
    let client = builder(&tls.base)
        .auth(Auth::job_token("job-secret"))
        .add_root_certificate_pem(pki.ca_pem())
        .build()
        .unwrap();
    let mut r = get(&client, "/api/v4/file");
    r.secret_header("X-Custom-Key", "key");
    assert_eq!(r.send_bytes().await.unwrap().as_ref(), b"data");
    let first = tls.next();
    assert_eq!(first.line, "GET /api/v4/file HTTP/1.1");
    assert_eq!(first.credentials(), ["job-token: job-secret"]);
    let second = plain.next();
    assert_eq!(second.line, "GET /storage/file?sig=1 HTTP/1.1");
    assert_eq!(second.credentials(), Vec::<String>::new());
    assert_eq!(second.header("x-custom-key"), None);
}

/// The explicit proxy gets the request in absolute form, with its own credentials, even
/// with `no_proxy` (which only turns off the environment's proxies).
#[tokio::test]
async fn an_explicit_proxy_gets_every_request() {
    let proxy = Server::start(vec![ok("from the proxy")]);
    let proxy_url = proxy.base.replace("http://", "http://user:secret@");
    let client = builder("http://gitlab.example.com:8080")
        .proxy(&proxy_url)
        .build()
        .unwrap();
    let body = get(&client, "/api/v4/version").send_text().await.unwrap();
    assert_eq!(body, "from the proxy");
    let seen = proxy.next();
    assert_eq!(
        seen.line,
        "GET http://gitlab.example.com:8080/api/v4/version HTTP/1.1"
    );
    assert_eq!(seen.header("host"), Some("gitlab.example.com:8080"));
    assert_eq!(
        seen.header("proxy-authorization"),
        Some("Basic dXNlcjpzZWNyZXQ=")
    );
    assert_eq!(seen.credentials(), ["private-token: tok"]);
}

#[test]
fn invalid_transport_settings_fail_build() {
    let base = || Client::builder().base_url("https://gitlab.example.com");
    assert_eq!(
        build_error(base().add_root_certificate_pem("not a certificate")),
        "invalid input for ClientBuilder::build: parameter `root_certificate`: holds no PEM certificate (`-----BEGIN CERTIFICATE-----`)"
    );
    assert_eq!(
        build_error(base().add_root_certificate_pem(
            "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n"
        )),
        "invalid input for ClientBuilder::build: parameter `root_certificate`: is not valid PEM"
    );
    // PEM, but not a certificate inside.
    let err = build_error(base().add_root_certificate_pem(
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    ));
    assert_eq!(
        err,
        "invalid input for ClientBuilder::build: parameter `root_certificate`: is not a valid certificate (invalid peer certificate: BadEncoding)"
    );
    let pki = Pki::new();
    assert_eq!(
        build_error(base().identity_pem(pki.ca_pem())),
        "invalid input for ClientBuilder::build: parameter `identity`: must hold a PEM certificate and its private key (PKCS #8, PKCS #1 or SEC1)"
    );
    // A certificate with another certificate's key.
    let one = pki.client_identity();
    let other = pki.client_identity();
    let key_at = |pem: &str| pem.find("-----BEGIN PRIVATE KEY-----").unwrap();
    let mismatched = format!("{}{}", &one[..key_at(&one)], &other[key_at(&other)..]);
    let err = build_error(base().identity_pem(&mismatched));
    assert_eq!(
        err,
        "invalid input for ClientBuilder::build: parameter `identity`: is not a valid certificate and key (keys may not be consistent: KeyMismatch)"
    );
    assert_eq!(
        build_error(base().proxy("proxy.example.com:3128")),
        "invalid input for ClientBuilder::build: parameter `proxy`: must use http or https"
    );
    assert_eq!(
        build_error(base().proxy("socks5://user:secret@proxy.example.com:1080")),
        "invalid input for ClientBuilder::build: parameter `proxy`: must use http or https"
    );
    assert_eq!(
        build_error(base().proxy("http://user:secret@:3128")),
        "invalid input for ClientBuilder::build: parameter `proxy`: is not a URL (empty host)"
    );
    // With its own client, the builder's transport settings are not read.
    let client = base()
        .add_root_certificate_pem("not a certificate")
        .http_client(reqwest::Client::new())
        .build();
    assert!(client.is_ok(), "{client:?}");
}

#[tokio::test]
async fn a_callers_client_that_follows_redirects_is_refused() {
    let server = Server::start(vec![
        "HTTP/1.1 302 Found\r\nLocation: /api/v4/elsewhere\r\n\r\n".into(),
        ok("redirected"),
    ]);
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let client = builder(&server.base).http_client(http).build().unwrap();
    let err = get(&client, "/api/v4/file").send_text().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input for op: parameter `http_client`: follows redirects: build it with `redirect(reqwest::redirect::Policy::none())` (the runtime follows them itself, keeping credentials from other hosts)"
    );
    assert_eq!(server.next().line, "GET /api/v4/file HTTP/1.1");
    assert_eq!(server.next().line, "GET /api/v4/elsewhere HTTP/1.1");
    server.nothing_more();
}

#[tokio::test]
async fn a_callers_client_without_redirects_is_used() {
    let server = Server::start(vec![
        "HTTP/1.1 302 Found\r\nLocation: /api/v4/elsewhere\r\n\r\n".into(),
        ok("redirected"),
    ]);
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("its-own-agent/9")
        .no_proxy()
        .build()
        .unwrap();
    let client = builder(&server.base).http_client(http).build().unwrap();
    let body = get(&client, "/api/v4/file").send_text().await.unwrap();
    assert_eq!(body, "redirected");
    for line in [
        "GET /api/v4/file HTTP/1.1",
        "GET /api/v4/elsewhere HTTP/1.1",
    ] {
        let seen = server.next();
        assert_eq!(seen.line, line);
        assert_eq!(seen.header("user-agent"), Some("gitlab-api-runtime/0.1.0"));
        assert_eq!(seen.credentials(), ["private-token: tok"]);
    }
    // A user agent set on the builder wins too.
    let server = Server::start(vec![ok("")]);
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .unwrap();
    let client = builder(&server.base)
        .user_agent("mirror-tool/2.0")
        .http_client(http)
        .build()
        .unwrap();
    get(&client, "/x").send_empty().await.unwrap();
    assert_eq!(server.next().header("user-agent"), Some("mirror-tool/2.0"));
}

#[test]
fn debug_shows_no_key_and_no_proxy_password() {
    let pki = Pki::new();
    let identity = pki.client_identity();
    let builder = Client::builder()
        .base_url("https://gitlab.example.com")
        .add_root_certificate_pem(pki.ca_pem())
        .identity_pem(&identity)
        .proxy("http://user:secret@proxy.example.com:3128");
    let text = format!("{builder:?}");
    assert!(!text.contains("secret"), "{text}");
    assert!(!text.contains("PRIVATE KEY"), "{text}");
    let key_line = identity.lines().rev().nth(1).unwrap();
    assert!(!text.contains(key_line), "{text}");
    assert!(
        text.contains(r#"root_certificates: 1, identity: Some([redacted]), proxy: Some("http://[redacted]@proxy.example.com:3128"), http_client: None"#),
        "{text}"
    );
    let text = format!("{:?}", Client::builder().proxy("user:secret@proxy:3128"));
    assert!(
        text.contains(r#"proxy: Some("[redacted]@proxy:3128")"#),
        "{text}"
    );
    let text = format!(
        "{:?}",
        Client::builder().http_client(reqwest::Client::new())
    );
    assert!(
        text.contains(r#"http_client: Some("reqwest::Client")"#),
        "{text}"
    );
}
