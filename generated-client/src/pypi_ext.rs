//! Uploading a Python distribution (a wheel or an sdist) without filling the upload's
//! metadata fields by hand: [`PypiDistribution::read`](crate::pypi_ext::PypiDistribution::read) takes the core metadata from the
//! file (a wheel's `*.dist-info/METADATA`, an sdist's `PKG-INFO`) and computes the
//! digests, and [`Client::upload_project_pypi_distribution`](crate::Client::upload_project_pypi_distribution) sends the fields `twine
//! upload` sends that GitLab reads, with the file streamed from disk.
//!
//! ```no_run
//! use gitlab_packages::Client;
//! use gitlab_packages::pypi_ext::PypiDistribution;
//!
//! # async fn demo(client: Client) -> Result<(), Box<dyn std::error::Error>> {
//! let dist = PypiDistribution::read("dist/my_tool-1.2.3-py3-none-any.whl")?;
//! println!("{} {} sha256 {}", dist.name(), dist.version(), dist.sha256_digest());
//! client.upload_project_pypi_distribution("group/project", &dist).await?;
//! # Ok(())
//! # }
//! ```
//!
//! Hand-written (not generated): compiled with the `pypi` feature.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use md5::Md5;
use sha2::{Digest, Sha256};

use crate::pypi::UploadProjectPypiPackage;
use crate::runtime::{Body, IdOrPath, Multipart};

/// Sets one field on the upload request.
type Setter = fn(UploadProjectPypiPackage, String) -> UploadProjectPypiPackage;

/// The largest metadata file read from a distribution.
const METADATA_LIMIT: u64 = 4 << 20;

/// Why a distribution cannot be uploaded.
#[derive(Debug)]
#[non_exhaustive]
pub enum PypiDistributionError {
    /// The file could not be read.
    Io(PathBuf, std::io::Error),
    /// Not a wheel (`.whl`) or an sdist (`.tar.gz`), or no metadata file in it.
    NoMetadata(PathBuf),
    /// Its metadata has no `Name` or `Version`.
    BadMetadata(PathBuf, &'static str),
}

impl fmt::Display for PypiDistributionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PypiDistributionError::Io(path, e) => write!(f, "cannot read {}: {e}", path.display()),
            PypiDistributionError::NoMetadata(path) => write!(
                f,
                "{} is not a Python distribution: a wheel (.whl) with *.dist-info/METADATA or an sdist (.tar.gz) with PKG-INFO",
                path.display()
            ),
            PypiDistributionError::BadMetadata(path, field) => {
                write!(f, "the metadata of {} has no `{field}`", path.display())
            }
        }
    }
}

impl std::error::Error for PypiDistributionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PypiDistributionError::Io(_, e) => Some(e),
            _ => None,
        }
    }
}

/// A wheel or an sdist, its core metadata read and its digests computed.
#[derive(Debug, Clone)]
pub struct PypiDistribution {
    path: PathBuf,
    file_name: String,
    /// Header fields of the metadata (lower-case names), the first value of each.
    fields: BTreeMap<String, String>,
    /// The metadata's body: the long description.
    description: Option<String>,
    sha256: String,
    md5: String,
}

impl PypiDistribution {
    /// Reads the distribution at `path`: a wheel (`*.whl`: its `*.dist-info/METADATA`) or
    /// an sdist (`*.tar.gz`: its `*/PKG-INFO`), and the SHA-256 and MD5 of the file.
    pub fn read(path: impl AsRef<Path>) -> Result<PypiDistribution, PypiDistributionError> {
        let path = path.as_ref().to_owned();
        let file_name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let metadata = if file_name.ends_with(".whl") {
            wheel_metadata(&path)?
        } else if file_name.ends_with(".tar.gz") {
            sdist_metadata(&path)?
        } else {
            return Err(PypiDistributionError::NoMetadata(path));
        };
        let (fields, description) = parse_metadata(&metadata);
        for field in ["name", "version"] {
            if !fields.contains_key(field) {
                let field = if field == "name" { "Name" } else { "Version" };
                return Err(PypiDistributionError::BadMetadata(path, field));
            }
        }
        let (sha256, md5) =
            digests(&path).map_err(|e| PypiDistributionError::Io(path.clone(), e))?;
        Ok(PypiDistribution {
            path,
            file_name,
            fields,
            description,
            sha256,
            md5,
        })
    }

    /// A metadata field by its name, any case (`Requires-Python`), its first value.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// The project's name, as the metadata writes it.
    pub fn name(&self) -> &str {
        self.field("name").unwrap_or_default()
    }

    /// The version.
    pub fn version(&self) -> &str {
        self.field("version").unwrap_or_default()
    }

    /// The long description (the metadata's body, or its `Description` field).
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref().or(self.field("description"))
    }

    /// The SHA-256 of the file, hex (`sha256_digest`).
    pub fn sha256_digest(&self) -> &str {
        &self.sha256
    }

    /// The MD5 of the file, hex (`md5_digest`).
    pub fn md5_digest(&self) -> &str {
        &self.md5
    }

    /// The file's name, as uploaded.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }
}

impl crate::Client {
    /// Uploads `dist` to project `id`'s PyPI repository with the metadata GitLab reads
    /// (`name`, `version`, `requires_python`, `metadata_version`, `summary`,
    /// `author_email`, `keywords`, `description`, `description_content_type`) and both
    /// digests; the file is streamed from disk (and re-read if the request is retried).
    pub fn upload_project_pypi_distribution(
        &self,
        id: impl Into<IdOrPath>,
        dist: &PypiDistribution,
    ) -> UploadProjectPypiPackage {
        let form = Multipart::new().file(
            "content",
            dist.file_name.clone(),
            Body::from_file(&dist.path),
        );
        let mut request = self
            .upload_project_pypi_package(id, dist.name(), dist.version(), form)
            .sha256_digest(dist.sha256_digest())
            .md5_digest(dist.md5_digest());
        let optional: [(&str, Setter); 6] = [
            ("requires-python", |r, v| r.requires_python(v)),
            ("metadata-version", |r, v| r.metadata_version(v)),
            ("summary", |r, v| r.summary(v)),
            ("author-email", |r, v| r.author_email(v)),
            // As twine sends them: comma-separated, each trimmed, joined by `, `.
            ("keywords", |r, v| {
                let words: Vec<&str> = v
                    .split(',')
                    .map(str::trim)
                    .filter(|w| !w.is_empty())
                    .collect();
                r.keywords(words.join(", "))
            }),
            ("description-content-type", |r, v| {
                r.description_content_type(v)
            }),
        ];
        for (field, set) in optional {
            if let Some(value) = dist.field(field) {
                request = set(request, value.to_owned());
            }
        }
        if let Some(description) = dist.description() {
            request = request.description(description);
        }
        request
    }
}

/// SHA-256 and MD5 of the file, hex.
fn digests(path: &Path) -> std::io::Result<(String, String)> {
    let mut file = std::fs::File::open(path)?;
    let (mut sha256, mut md5) = (Sha256::new(), Md5::new());
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        sha256.update(&buffer[..n]);
        md5.update(&buffer[..n]);
    }
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    Ok((hex(&sha256.finalize()), hex(&md5.finalize())))
}

/// The `*.dist-info/METADATA` of a wheel.
fn wheel_metadata(path: &Path) -> Result<String, PypiDistributionError> {
    let io = |e| PypiDistributionError::Io(path.to_owned(), e);
    let no_metadata = || PypiDistributionError::NoMetadata(path.to_owned());
    let file = std::fs::File::open(path).map_err(io)?;
    let mut archive = zip::ZipArchive::new(file).map_err(|_| no_metadata())?;
    let name = archive
        .file_names()
        .find(|n| {
            let parts: Vec<&str> = n.split('/').collect();
            parts.len() == 2 && parts[0].ends_with(".dist-info") && parts[1] == "METADATA"
        })
        .map(str::to_owned)
        .ok_or_else(no_metadata)?;
    let entry = archive.by_name(&name).map_err(|_| no_metadata())?;
    let mut text = String::new();
    entry
        .take(METADATA_LIMIT)
        .read_to_string(&mut text)
        .map_err(io)?;
    Ok(text)
}

/// The `*/PKG-INFO` of an sdist.
fn sdist_metadata(path: &Path) -> Result<String, PypiDistributionError> {
    let io = |e| PypiDistributionError::Io(path.to_owned(), e);
    let file = std::fs::File::open(path).map_err(io)?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let entries = archive
        .entries()
        .map_err(|_| PypiDistributionError::NoMetadata(path.to_owned()))?;
    for entry in entries {
        let Ok(entry) = entry else { break };
        let is_pkg_info = entry.path().is_ok_and(|p| {
            let parts: Vec<_> = p.components().collect();
            parts.len() == 2 && parts[1].as_os_str() == "PKG-INFO"
        });
        if is_pkg_info {
            let mut text = String::new();
            entry
                .take(METADATA_LIMIT)
                .read_to_string(&mut text)
                .map_err(io)?;
            return Ok(text);
        }
    }
    Err(PypiDistributionError::NoMetadata(path.to_owned()))
}

/// Core metadata (RFC 822 style): header fields, lower-case names, the first value of
/// each (continuation lines joined), then the body after the first blank line.
fn parse_metadata(text: &str) -> (BTreeMap<String, String>, Option<String>) {
    let mut fields: BTreeMap<String, String> = BTreeMap::new();
    let (head, body) = match text.split_once("\n\n") {
        Some((head, body)) => (head, Some(body)),
        None => (text, None),
    };
    let mut last: Option<String> = None;
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(value) = last.as_ref().and_then(|name| fields.get_mut(name)) {
                value.push('\n');
                value.push_str(line.trim_start_matches([' ', '\t']).trim_start_matches('|'));
            }
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let name = name.trim().to_ascii_lowercase();
        last = Some(name.clone());
        fields
            .entry(name)
            .or_insert_with(|| value.trim().to_owned());
    }
    let body = body.filter(|b| !b.trim().is_empty()).map(str::to_owned);
    (fields, body)
}

/// A file link of a PyPI simple page (PEP 503), as GitLab writes them
/// ([`get_project_pypi_simple_package`](crate::Client::get_project_pypi_simple_package)
/// answers the HTML).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SimpleLink {
    /// The file's name (the link's text).
    pub file_name: String,
    /// Its download URL, without the fragment.
    pub url: String,
    /// The SHA-256 from the URL's `#sha256=` fragment.
    pub sha256: Option<String>,
    /// `data-requires-python`, unescaped; `None` when absent or empty.
    pub requires_python: Option<String>,
}

/// The file links of a PyPI simple page, in order.
///
/// ```
/// use gitlab_packages::pypi_ext::parse_simple_page;
///
/// let html = r#"<a href="https://gitlab.example.com/api/v4/projects/1/packages/pypi/files/ab/my_tool-1.0.whl#sha256=ab" data-requires-python="&gt;=3.8">my_tool-1.0.whl</a>"#;
/// let links = parse_simple_page(html);
/// assert_eq!(links[0].requires_python.as_deref(), Some(">=3.8"));
/// assert_eq!(links[0].sha256.as_deref(), Some("ab"));
/// ```
pub fn parse_simple_page(html: &str) -> Vec<SimpleLink> {
    let mut links = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<a ") {
        let tag_end = match rest[start..].find('>') {
            Some(i) => start + i,
            None => break,
        };
        let attributes = &rest[start + 3..tag_end];
        let close = rest[tag_end..].find("</a>").map(|i| tag_end + i);
        let Some(close) = close else { break };
        let text = unescape(rest[tag_end + 1..close].trim());
        if let Some(href) = attribute(attributes, "href") {
            let (url, fragment) = href.split_once('#').unwrap_or((&href, ""));
            links.push(SimpleLink {
                file_name: text,
                url: url.to_owned(),
                sha256: fragment.strip_prefix("sha256=").map(str::to_owned),
                requires_python: attribute(attributes, "data-requires-python")
                    .filter(|v| !v.is_empty()),
            });
        }
        rest = &rest[close + 4..];
    }
    links
}

/// The unescaped value of `name="…"` among an HTML tag's attributes.
fn attribute(attributes: &str, name: &str) -> Option<String> {
    let needle = format!("{name}=\"");
    let mut at = 0;
    while let Some(i) = attributes[at..].find(&needle) {
        let start = at + i;
        // A whole attribute name, not the end of another (`data-href`).
        let whole = start == 0 || attributes[..start].ends_with(char::is_whitespace);
        let value_start = start + needle.len();
        let end = value_start + attributes[value_start..].find('"')?;
        if whole {
            return Some(unescape(&attributes[value_start..end]));
        }
        at = end;
    }
    None
}

/// HTML's five escapes (what Ruby's `html_escape` writes).
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}
