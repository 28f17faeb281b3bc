//! How the client reaches the server: extra root certificates, a client certificate, a
//! proxy, or the caller's own `reqwest::Client`.

use std::fmt;

use reqwest::header::HeaderValue;
use reqwest::{Certificate, Identity, Proxy, redirect};
use url::Url;

use super::{BUILD, ClientBuilder};
use crate::error::{Error, Result};

/// A client certificate and its private key, as PEM; `Debug` shows neither.
#[derive(Clone)]
pub(super) struct IdentityPem(Vec<u8>);

impl fmt::Debug for IdentityPem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl<C> ClientBuilder<C> {
    /// Trusts the CA certificates of `pem` (one or more `-----BEGIN CERTIFICATE-----`
    /// blocks) in addition to the system's roots: for a self-managed GitLab whose
    /// certificate is issued by a private CA. Can be called more than once; every
    /// certificate is added.
    ///
    /// [`build`](Self::build) fails with [`Error::InvalidInput`] for parameter
    /// `root_certificate` when `pem` holds no certificate or an invalid one.
    ///
    /// ```no_run
    /// use gitlab_api_runtime::Client;
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = Client::builder()
    ///     .base_url("https://gitlab.internal.example")
    ///     .add_root_certificate_pem(std::fs::read("/etc/pki/internal-ca.pem")?)
    ///     .build()?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn add_root_certificate_pem(mut self, pem: impl AsRef<[u8]>) -> Self {
        self.root_certificates.push(pem.as_ref().to_vec());
        self
    }

    /// A client certificate for mutual TLS: `pem` holds the certificate (followed by any
    /// intermediate certificates) and its private key (PKCS #8, PKCS #1 RSA or SEC1 EC),
    /// as PEM blocks in one text. `Debug` only says that one is set.
    ///
    /// [`build`](Self::build) fails with [`Error::InvalidInput`] for parameter `identity`
    /// when `pem` lacks the key or the certificate, or they do not belong together.
    ///
    /// ```no_run
    /// use gitlab_api_runtime::Client;
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let mut pem = std::fs::read("client.crt")?;
    /// pem.extend(std::fs::read("client.key")?);
    /// let client = Client::builder()
    ///     .base_url("https://gitlab.internal.example")
    ///     .identity_pem(pem)
    ///     .build()?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn identity_pem(mut self, pem: impl AsRef<[u8]>) -> Self {
        self.identity = Some(IdentityPem(pem.as_ref().to_vec()));
        self
    }

    /// Sends every request through the HTTP proxy at `url` (`http://proxy.example:3128`;
    /// an `https` URL for a proxy reached over TLS). Credentials in the URL
    /// (`http://user:password@proxy.example:3128`) are sent to the proxy as
    /// `Proxy-Authorization`; `Debug` hides them.
    ///
    /// Without it, the proxies of the environment are used: `HTTPS_PROXY` for `https`
    /// URLs, `HTTP_PROXY` for `http` ones, `ALL_PROXY` for both, except for the hosts in
    /// `NO_PROXY` (or their lower-case forms), unless [`no_proxy`](Self::no_proxy) is set.
    /// This proxy replaces them all, `NO_PROXY` included, and is used even with
    /// [`no_proxy`](Self::no_proxy).
    ///
    /// [`build`](Self::build) fails with [`Error::InvalidInput`] for parameter `proxy`
    /// when `url` is not an `http` or `https` URL with a host.
    ///
    /// ```no_run
    /// use gitlab_api_runtime::Client;
    ///
    /// # fn main() -> gitlab_api_runtime::Result<()> {
    /// let client = Client::builder()
    ///     .base_url("https://gitlab.example.com")
    ///     .proxy("http://proxy.internal.example:3128")
    ///     .build()?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn proxy(mut self, url: impl AsRef<str>) -> Self {
        self.proxy = Some(url.as_ref().to_owned());
        self
    }

    /// Sends requests with this `reqwest::Client` (see the re-exported
    /// [`reqwest`](crate::reqwest)) instead of one the builder makes: for what the
    /// builder does not configure (DNS resolution, the local address, TLS versions…).
    ///
    /// The builder's transport settings then do not apply: [`connect_timeout`],
    /// [`add_root_certificate_pem`], [`identity_pem`], [`proxy`] and [`no_proxy`] are
    /// ignored (configure `client` instead). Everything else still applies: the base URL,
    /// credentials, the user agent (sent with each request, replacing the client's own),
    /// the read and overall timeouts, retries, and redirects, which the runtime follows
    /// itself so that credentials never reach another host.
    ///
    /// So `client` **must not follow redirects**: build it with
    /// `redirect(reqwest::redirect::Policy::none())`. A client that follows them would take
    /// the credential header to wherever GitLab redirects (object storage, for downloads).
    /// A request whose response comes from another URL than the one requested fails with
    /// [`Error::InvalidInput`] for parameter `http_client`; by then, though, the
    /// credentials have been sent to the redirect's target.
    ///
    /// ```no_run
    /// use std::net::{IpAddr, Ipv4Addr};
    /// use gitlab_api_runtime::{Client, reqwest};
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let http = reqwest::Client::builder()
    ///     .redirect(reqwest::redirect::Policy::none())
    ///     .local_address(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 7)))
    ///     .build()?;
    /// let client = Client::builder()
    ///     .base_url("https://gitlab.example.com")
    ///     .http_client(http)
    ///     .build()?;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// [`connect_timeout`]: Self::connect_timeout
    /// [`add_root_certificate_pem`]: Self::add_root_certificate_pem
    /// [`identity_pem`]: Self::identity_pem
    /// [`proxy`]: Self::proxy
    /// [`no_proxy`]: Self::no_proxy
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// The HTTP client: the caller's, or one made from the settings.
    pub(super) fn http(&self, user_agent: &HeaderValue) -> Result<reqwest::Client> {
        if let Some(client) = &self.http_client {
            return Ok(client.clone());
        }
        let roots = self.root_certificates()?;
        let identity = self.identity()?;
        let mut http = reqwest::Client::builder()
            .redirect(redirect::Policy::none())
            .user_agent(user_agent.clone())
            .connect_timeout(self.connect_timeout);
        if let Some(url) = &self.proxy {
            http = http.proxy(proxy(url)?);
        } else if self.no_proxy {
            http = http.no_proxy();
        }
        if !roots.is_empty() {
            http = http.tls_certs_merge(roots.clone());
        }
        if let Some(identity) = &identity {
            http = http.identity(identity.clone());
        }
        http.build()
            .map_err(|source| blame(&roots, identity).unwrap_or(Error::Build { source }))
    }

    /// The certificates added with [`add_root_certificate_pem`](Self::add_root_certificate_pem).
    fn root_certificates(&self) -> Result<Vec<Certificate>> {
        let mut roots = Vec::new();
        for pem in &self.root_certificates {
            let certificates = Certificate::from_pem_bundle(pem)
                .map_err(|_| Error::invalid(BUILD, "root_certificate", "is not valid PEM"))?;
            if certificates.is_empty() {
                return Err(Error::invalid(
                    BUILD,
                    "root_certificate",
                    "holds no PEM certificate (`-----BEGIN CERTIFICATE-----`)",
                ));
            }
            roots.extend(certificates);
        }
        Ok(roots)
    }

    /// The identity set with [`identity_pem`](Self::identity_pem).
    fn identity(&self) -> Result<Option<Identity>> {
        let Some(IdentityPem(pem)) = &self.identity else {
            return Ok(None);
        };
        Identity::from_pem(pem).map(Some).map_err(|_| {
            Error::invalid(
                BUILD,
                "identity",
                "must hold a PEM certificate and its private key (PKCS #8, PKCS #1 or SEC1)",
            )
        })
    }
}

/// The proxy at `text`, an `http` or `https` URL (errors never quote it: it may hold a
/// password).
fn proxy(text: &str) -> Result<Proxy> {
    let invalid = |reason: &str| Error::invalid(BUILD, "proxy", reason);
    let url = Url::parse(text.trim()).map_err(|e| invalid(&format!("is not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("must use http or https"));
    }
    if url.host().is_none() {
        return Err(invalid("must have a host"));
    }
    Proxy::all(url).map_err(|_| invalid("is not a valid proxy URL"))
}

/// Which setting made reqwest fail to build a client: the first that fails alone.
/// (reqwest reads certificates and keys only then.)
fn blame(roots: &[Certificate], identity: Option<Identity>) -> Option<Error> {
    let alone = |parameter: &str, what: &str, builder: reqwest::ClientBuilder| {
        let error = builder.tls_certs_only(Vec::new()).build().err()?;
        let reason = format!("is not {what} ({})", innermost(&error));
        Some(Error::invalid(BUILD, parameter, reason))
    };
    let root_certificate = || {
        let builder = reqwest::Client::builder().tls_certs_merge(roots.to_vec());
        alone("root_certificate", "a valid certificate", builder)
    };
    let identity = || {
        let builder = reqwest::Client::builder().identity(identity?);
        alone("identity", "a valid certificate and key", builder)
    };
    root_certificate().or_else(identity)
}

/// The message of the innermost cause of `error` (reqwest's own says "builder error").
fn innermost(error: &(dyn std::error::Error + 'static)) -> String {
    let mut error = error;
    while let Some(source) = error.source() {
        error = source;
    }
    error.to_string()
}

/// `url` without what comes between its scheme and its last `@`: user name and password.
pub(super) fn redact_userinfo(url: &str) -> String {
    let Some(at) = url.rfind('@') else {
        return url.to_owned();
    };
    let start = url.find("://").map_or(0, |i| i + 3).min(at);
    format!("{}[redacted]{}", &url[..start], &url[at..])
}
