//! Publishing an npm package from its tarball (what `npm pack` writes), without building
//! the publish document by hand: [`NpmTarball::read`](crate::npm_ext::NpmTarball::read) takes `package.json` from the
//! tarball and computes its `shasum` (SHA-1) and `integrity` (SHA-512, SRI), and
//! [`Client::publish_project_npm_tarball`](crate::Client::publish_project_npm_tarball) sends the document `npm publish` sends,
//! streaming the tarball's base64 (memory does not grow with the package).
//!
//! ```no_run
//! use gitlab_packages::Client;
//! use gitlab_packages::npm_ext::NpmTarball;
//!
//! # async fn demo(client: Client) -> Result<(), Box<dyn std::error::Error>> {
//! let tarball = NpmTarball::read("gitlab-org-tool-1.2.3.tgz")?;
//! println!("{} {} {}", tarball.name(), tarball.version(), tarball.integrity());
//! client.publish_project_npm_tarball("group/project", &tarball, None).await?;
//! # Ok(())
//! # }
//! ```
//!
//! Hand-written (not generated): compiled with the `npm` feature.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use futures_core::Stream;
use serde_json::{Map, Value, json};
use sha1::Sha1;
use sha2::{Digest, Sha512};

use crate::npm::PublishProjectNpmPackage;
use crate::runtime::{Body, IdOrPath, Method};

/// The largest `package.json` read from a tarball: a manifest is a few kilobytes.
const MANIFEST_LIMIT: u64 = 4 << 20;

/// Why a tarball cannot be published.
#[derive(Debug)]
#[non_exhaustive]
pub enum NpmTarballError {
    /// The file could not be read.
    Io(PathBuf, std::io::Error),
    /// The file is not a gzipped tar archive with `package/package.json`.
    NoManifest(PathBuf),
    /// Its `package.json` is not a JSON object with string `name` and `version`.
    BadManifest(PathBuf, String),
}

impl fmt::Display for NpmTarballError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NpmTarballError::Io(path, e) => write!(f, "cannot read {}: {e}", path.display()),
            NpmTarballError::NoManifest(path) => write!(
                f,
                "{} is not an npm tarball: no package/package.json in it",
                path.display()
            ),
            NpmTarballError::BadManifest(path, why) => {
                write!(f, "the package.json of {} {why}", path.display())
            }
        }
    }
}

impl std::error::Error for NpmTarballError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            NpmTarballError::Io(_, e) => Some(e),
            _ => None,
        }
    }
}

/// An npm package tarball, read and checksummed, ready to publish.
#[derive(Debug, Clone)]
pub struct NpmTarball {
    path: PathBuf,
    manifest: Map<String, Value>,
    length: u64,
    shasum: String,
    integrity: String,
}

impl NpmTarball {
    /// Reads the tarball at `path`: its `package/package.json` (the first `package.json`
    /// one directory deep, as `npm pack` writes it), its length and its checksums. Reads
    /// the file twice, in constant memory.
    pub fn read(path: impl AsRef<Path>) -> Result<NpmTarball, NpmTarballError> {
        let path = path.as_ref().to_owned();
        let io = |e| NpmTarballError::Io(path.clone(), e);
        let (length, shasum, integrity) = digests(&path).map_err(io)?;
        let manifest = manifest(&path)?;
        for key in ["name", "version"] {
            if !manifest.get(key).is_some_and(Value::is_string) {
                return Err(NpmTarballError::BadManifest(
                    path,
                    format!("has no string `{key}`"),
                ));
            }
        }
        Ok(NpmTarball {
            path,
            manifest,
            length,
            shasum,
            integrity,
        })
    }

    /// The package's name (`@scope/name`).
    pub fn name(&self) -> &str {
        self.manifest["name"].as_str().unwrap_or_default()
    }

    /// The package's version.
    pub fn version(&self) -> &str {
        self.manifest["version"].as_str().unwrap_or_default()
    }

    /// Its `package.json`.
    pub fn manifest(&self) -> &Map<String, Value> {
        &self.manifest
    }

    /// The SHA-1 of the tarball, hex: npm's `dist.shasum`.
    pub fn shasum(&self) -> &str {
        &self.shasum
    }

    /// The SHA-512 of the tarball as a Subresource Integrity string (`sha512-…`): npm's
    /// `dist.integrity`.
    pub fn integrity(&self) -> &str {
        &self.integrity
    }

    /// The tarball's length in bytes.
    pub fn length(&self) -> u64 {
        self.length
    }

    /// The file name of the attachment: `@scope/name-1.2.3.tgz`.
    pub fn attachment_name(&self) -> String {
        format!("{}-{}.tgz", self.name(), self.version())
    }

    /// The publish document as `npm publish` sends it, with `data` standing in for the
    /// tarball's base64, and `tag` (`latest` when `None`) pointing at the version.
    /// `tarball_url` is the version's `dist.tarball`.
    pub fn document(&self, tag: Option<&str>, tarball_url: &str, data: &str) -> Value {
        let (name, version) = (self.name(), self.version());
        let mut manifest = self.manifest.clone();
        manifest.insert("_id".into(), json!(format!("{name}@{version}")));
        manifest.insert("_integrity".into(), json!(self.integrity));
        manifest.insert(
            "dist".into(),
            json!({
                "integrity": self.integrity,
                "shasum": self.shasum,
                "tarball": tarball_url,
            }),
        );
        let mut document = json!({
            "_id": name,
            "name": name,
            "dist-tags": { tag.unwrap_or("latest"): version },
            "versions": { version: manifest },
            "access": null,
            "_attachments": {
                self.attachment_name(): {
                    "content_type": "application/octet-stream",
                    "data": data,
                    "length": self.length,
                }
            }
        });
        if let Some(description) = self.manifest.get("description") {
            document["description"] = description.clone();
        }
        document
    }
}

impl crate::Client {
    /// Publishes the package in `tarball` to project `id`'s npm registry (`npm publish`),
    /// with the dist-tag `tag` (`latest` when `None`).
    ///
    /// The document is the one `npm publish` sends; the tarball's base64 is streamed from
    /// the file as the request is sent, so memory does not grow with the package. A
    /// streamed body is sent once: the request is not retried.
    pub fn publish_project_npm_tarball(
        &self,
        id: impl Into<IdOrPath>,
        tarball: &NpmTarball,
        tag: Option<&str>,
    ) -> PublishProjectNpmPackage {
        let id = id.into();
        let name = tarball.name();
        let tarball_url = format!(
            "{}/api/v4/projects/{}/packages/npm/{name}/-/{}",
            self.base_url().as_str().trim_end_matches('/'),
            id.to_string().replace('/', "%2F"),
            tarball.attachment_name(),
        );
        // The document around a marker where the base64 goes.
        const MARKER: &str = "\u{1}tarball\u{1}";
        let text = tarball.document(tag, &tarball_url, MARKER).to_string();
        let marker = serde_json::to_string(MARKER).unwrap_or_default();
        let marker = marker.trim_matches('"');
        let (head, tail) = text.split_once(marker).unwrap_or((&text, ""));
        let encoded = tarball.length.div_ceil(3) * 4;
        let length = head.len() as u64 + encoded + tail.len() as u64;
        let stream = Base64Document::new(
            &tarball.path,
            Bytes::from(head.to_owned()),
            Bytes::from(tail.to_owned()),
        );
        let mut r = crate::runtime::__private::start(
            &self.inner,
            Method::PUT,
            "publish_project_npm_package",
            "/api/v4/projects/{id}/packages/npm/{package_name}",
        );
        r.path_value("id", &id);
        r.path_value("package_name", &name.to_owned());
        r.header("Content-Type", "application/json")
            .header("Npm-Command", "publish")
            .body(Body::from_stream(stream, Some(length)));
        PublishProjectNpmPackage(r)
    }
}

/// Length, SHA-1 (hex) and SHA-512 (SRI) of the file at `path`.
fn digests(path: &Path) -> std::io::Result<(u64, String, String)> {
    let mut file = std::fs::File::open(path)?;
    let (mut sha1, mut sha512) = (Sha1::new(), Sha512::new());
    let mut buffer = vec![0; 64 * 1024];
    let mut length = 0u64;
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        sha1.update(&buffer[..n]);
        sha512.update(&buffer[..n]);
        length += n as u64;
    }
    let shasum = sha1.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let integrity = format!("sha512-{}", STANDARD.encode(sha512.finalize()));
    Ok((length, shasum, integrity))
}

/// The `package.json` one directory deep in the gzipped tar at `path`.
fn manifest(path: &Path) -> Result<Map<String, Value>, NpmTarballError> {
    let io = |e| NpmTarballError::Io(path.to_owned(), e);
    let file = std::fs::File::open(path).map_err(io)?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let entries = archive
        .entries()
        .map_err(|_| NpmTarballError::NoManifest(path.to_owned()))?;
    for entry in entries {
        let Ok(entry) = entry else {
            return Err(NpmTarballError::NoManifest(path.to_owned()));
        };
        let is_manifest = entry.path().is_ok_and(|p| {
            let parts: Vec<_> = p.components().collect();
            parts.len() == 2 && parts[1].as_os_str() == "package.json"
        });
        if !is_manifest {
            continue;
        }
        let mut text = String::new();
        entry
            .take(MANIFEST_LIMIT)
            .read_to_string(&mut text)
            .map_err(io)?;
        return match serde_json::from_str::<Value>(&text) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Err(NpmTarballError::BadManifest(
                path.to_owned(),
                "is not a JSON object".into(),
            )),
            Err(e) => Err(NpmTarballError::BadManifest(
                path.to_owned(),
                format!("is not JSON: {e}"),
            )),
        };
    }
    Err(NpmTarballError::NoManifest(path.to_owned()))
}

/// The publish document as a stream: its head, the file's base64 read as it is sent,
/// then its tail.
struct Base64Document {
    head: Option<Bytes>,
    file: Option<tokio_util::io::ReaderStream<tokio::fs::File>>,
    opening:
        Option<Pin<Box<dyn std::future::Future<Output = std::io::Result<tokio::fs::File>> + Send>>>,
    /// Bytes read but not yet encoded (fewer than 3).
    carry: Vec<u8>,
    tail: Option<Bytes>,
}

impl Base64Document {
    fn new(path: &Path, head: Bytes, tail: Bytes) -> Self {
        let path = path.to_owned();
        Base64Document {
            head: Some(head),
            file: None,
            opening: Some(Box::pin(tokio::fs::File::open(path))),
            carry: Vec::new(),
            tail: Some(tail),
        }
    }
}

impl Stream for Base64Document {
    type Item = std::io::Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if let Some(head) = this.head.take() {
            return Poll::Ready(Some(Ok(head)));
        }
        if let Some(opening) = &mut this.opening {
            let file = ready!(opening.as_mut().poll(cx));
            this.opening = None;
            match file {
                Ok(file) => {
                    this.file = Some(tokio_util::io::ReaderStream::with_capacity(file, 48 * 1024))
                }
                Err(e) => {
                    this.tail = None;
                    return Poll::Ready(Some(Err(e)));
                }
            }
        }
        if let Some(file) = &mut this.file {
            match ready!(Pin::new(file).poll_next(cx)) {
                Some(Ok(chunk)) => {
                    let mut input = std::mem::take(&mut this.carry);
                    input.extend_from_slice(&chunk);
                    let whole = input.len() / 3 * 3;
                    this.carry = input.split_off(whole);
                    return Poll::Ready(Some(Ok(Bytes::from(STANDARD.encode(&input)))));
                }
                Some(Err(e)) => {
                    this.file = None;
                    this.tail = None;
                    return Poll::Ready(Some(Err(e)));
                }
                None => {
                    this.file = None;
                    let rest = std::mem::take(&mut this.carry);
                    if !rest.is_empty() {
                        return Poll::Ready(Some(Ok(Bytes::from(STANDARD.encode(&rest)))));
                    }
                }
            }
        }
        Poll::Ready(this.tail.take().map(Ok))
    }
}
