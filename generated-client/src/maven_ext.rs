//! Typed reading of Maven's `maven-metadata.xml`, which the Maven file download answers
//! as bytes.
//!
//! Hand-written (not generated): compiled with the `maven` feature.

use serde::Deserialize;

/// A `maven-metadata.xml`: an artifact's versions (or a snapshot's builds).
///
/// ```
/// use gitlab_packages::maven_ext::MavenMetadata;
///
/// let xml = "<metadata><groupId>com.example</groupId><artifactId>app</artifactId>\
///     <versioning><release>1.1</release><versions><version>1.0</version>\
///     <version>1.1</version></versions></versioning></metadata>";
/// let metadata = MavenMetadata::parse(xml)?;
/// assert_eq!(metadata.versions(), ["1.0", "1.1"]);
/// # Ok::<(), quick_xml::DeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MavenMetadata {
    /// The group (`com.example`).
    #[serde(rename = "groupId", default)]
    pub group_id: Option<String>,
    /// The artifact (`app`).
    #[serde(rename = "artifactId", default)]
    pub artifact_id: Option<String>,
    /// The version, in a snapshot's metadata.
    #[serde(default)]
    pub version: Option<String>,
    /// The versions and when they changed.
    #[serde(default)]
    pub versioning: Option<MavenVersioning>,
}

/// The `<versioning>` of a [`MavenMetadata`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MavenVersioning {
    /// The newest version.
    #[serde(default)]
    pub latest: Option<String>,
    /// The newest release (not a snapshot).
    #[serde(default)]
    pub release: Option<String>,
    /// Every version.
    #[serde(default)]
    pub versions: Option<MavenVersions>,
    /// `yyyyMMddHHmmss`.
    #[serde(rename = "lastUpdated", default)]
    pub last_updated: Option<String>,
}

/// The `<versions>` of a [`MavenVersioning`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MavenVersions {
    /// Each `<version>`, in order.
    #[serde(rename = "version", default)]
    pub version: Vec<String>,
}

impl MavenMetadata {
    /// Parses a `maven-metadata.xml`.
    pub fn parse(xml: &str) -> Result<MavenMetadata, quick_xml::DeError> {
        quick_xml::de::from_str(xml)
    }

    /// Every version listed, in order.
    pub fn versions(&self) -> Vec<&str> {
        self.versioning
            .as_ref()
            .and_then(|v| v.versions.as_ref())
            .map(|v| v.version.iter().map(String::as_str).collect())
            .unwrap_or_default()
    }
}
