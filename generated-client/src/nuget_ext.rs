//! Publishing a NuGet package file (what `dotnet pack` writes) without naming it by hand:
//! [`NugetPackage::read`](crate::nuget_ext::NugetPackage::read) takes the package's id and version from its `.nuspec`, and
//! [`Client::upload_project_nuget_nupkg`](crate::Client::upload_project_nuget_nupkg) sends it as the `package` file of the upload
//! form, streamed from disk.
//!
//! ```no_run
//! use gitlab_packages::Client;
//! use gitlab_packages::nuget_ext::NugetPackage;
//!
//! # async fn demo(client: Client) -> Result<(), Box<dyn std::error::Error>> {
//! let package = NugetPackage::read("MyTool.1.2.3.nupkg")?;
//! client.upload_project_nuget_nupkg(42, &package).await?;
//! # Ok(())
//! # }
//! ```
//!
//! Hand-written (not generated): compiled with the `nuget` feature.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::nuget::UploadProjectNugetPackage;
use crate::runtime::{Body, Multipart};

/// Why a package file cannot be published.
#[derive(Debug)]
#[non_exhaustive]
pub enum NugetPackageError {
    /// The file could not be read.
    Io(PathBuf, std::io::Error),
    /// Not a zip with a root `.nuspec` holding `<id>` and `<version>`.
    NoNuspec(PathBuf),
}

impl fmt::Display for NugetPackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NugetPackageError::Io(path, e) => write!(f, "cannot read {}: {e}", path.display()),
            NugetPackageError::NoNuspec(path) => write!(
                f,
                "{} is not a NuGet package: no .nuspec with <id> and <version> at its root",
                path.display()
            ),
        }
    }
}

impl std::error::Error for NugetPackageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            NugetPackageError::Io(_, e) => Some(e),
            NugetPackageError::NoNuspec(_) => None,
        }
    }
}

/// A `.nupkg`, its `.nuspec` read.
#[derive(Debug, Clone)]
pub struct NugetPackage {
    path: PathBuf,
    id: String,
    version: String,
}

impl NugetPackage {
    /// Reads the package at `path`: the `<id>` and `<version>` of its root `.nuspec`.
    pub fn read(path: impl AsRef<Path>) -> Result<NugetPackage, NugetPackageError> {
        let path = path.as_ref().to_owned();
        let no_nuspec = || NugetPackageError::NoNuspec(path.clone());
        let file =
            std::fs::File::open(&path).map_err(|e| NugetPackageError::Io(path.clone(), e))?;
        let mut archive = zip::ZipArchive::new(file).map_err(|_| no_nuspec())?;
        let name = archive
            .file_names()
            .find(|n| !n.contains('/') && n.ends_with(".nuspec"))
            .map(str::to_owned)
            .ok_or_else(no_nuspec)?;
        let entry = archive.by_name(&name).map_err(|_| no_nuspec())?;
        let mut text = String::new();
        entry
            .take(4 << 20)
            .read_to_string(&mut text)
            .map_err(|e| NugetPackageError::Io(path.clone(), e))?;
        let (Some(id), Some(version)) = (element(&text, "id"), element(&text, "version")) else {
            return Err(no_nuspec());
        };
        Ok(NugetPackage { path, id, version })
    }

    /// The package's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The package's version.
    pub fn version(&self) -> &str {
        &self.version
    }
}

impl crate::Client {
    /// Uploads `package` to project `project_id`'s NuGet feed as the `package` file of the
    /// form, named `{id}.{version}.nupkg` as `dotnet pack` names it; streamed from disk
    /// (and re-read if the request is retried). NuGet publishing takes HTTP Basic or an
    /// `X-NuGet-ApiKey` (`RequestOptions::credential_header`).
    pub fn upload_project_nuget_nupkg(
        &self,
        project_id: u64,
        package: &NugetPackage,
    ) -> UploadProjectNugetPackage {
        let file_name = format!("{}.{}.nupkg", package.id, package.version);
        let form = Multipart::new().file("package", file_name, Body::from_file(&package.path));
        self.upload_project_nuget_package(project_id, form)
    }
}

/// The text of the first `<name>…</name>` in `xml` (the `.nuspec`'s metadata comes
/// first), entities for `&`, `<` and `>` decoded.
fn element(xml: &str, name: &str) -> Option<String> {
    let start = xml.find(&format!("<{name}>"))? + name.len() + 2;
    let end = start + xml[start..].find(&format!("</{name}>"))?;
    let value = xml[start..end]
        .trim()
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    (!value.is_empty()).then_some(value)
}
