//! Publishing a Helm chart archive (what `helm package` writes) without naming it by hand:
//! [`HelmChart::read`](crate::helm_ext::HelmChart::read) takes the chart's name and version from its `Chart.yaml`, and
//! [`Client::upload_project_helm_chart_file`](crate::Client::upload_project_helm_chart_file) sends it as the `chart` file of the upload
//! form, streamed from disk.
//!
//! ```no_run
//! use gitlab_packages::Client;
//! use gitlab_packages::helm_ext::HelmChart;
//!
//! # async fn demo(client: Client) -> Result<(), Box<dyn std::error::Error>> {
//! let chart = HelmChart::read("my-chart-0.4.2.tgz")?;
//! client.upload_project_helm_chart_file("group/project", "stable", &chart).await?;
//! # Ok(())
//! # }
//! ```
//!
//! Hand-written (not generated): compiled with the `helm` feature.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::helm::UploadProjectHelmChart;
use crate::runtime::{Body, IdOrPath, Multipart};

/// Why a chart archive cannot be published.
#[derive(Debug)]
#[non_exhaustive]
pub enum HelmChartError {
    /// The file could not be read.
    Io(PathBuf, std::io::Error),
    /// Not a gzipped tar with `<chart>/Chart.yaml`, or one without `name` and `version`.
    NoChart(PathBuf),
}

impl fmt::Display for HelmChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HelmChartError::Io(path, e) => write!(f, "cannot read {}: {e}", path.display()),
            HelmChartError::NoChart(path) => write!(
                f,
                "{} is not a Helm chart archive: no <chart>/Chart.yaml with `name` and `version`",
                path.display()
            ),
        }
    }
}

impl std::error::Error for HelmChartError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            HelmChartError::Io(_, e) => Some(e),
            HelmChartError::NoChart(_) => None,
        }
    }
}

/// A chart archive, its `Chart.yaml` read.
#[derive(Debug, Clone)]
pub struct HelmChart {
    path: PathBuf,
    name: String,
    version: String,
}

impl HelmChart {
    /// Reads the chart archive at `path`: the `name` and `version` of its
    /// `<chart>/Chart.yaml`.
    pub fn read(path: impl AsRef<Path>) -> Result<HelmChart, HelmChartError> {
        let path = path.as_ref().to_owned();
        let io = |e| HelmChartError::Io(path.clone(), e);
        let file = std::fs::File::open(&path).map_err(io)?;
        let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
        let entries = archive
            .entries()
            .map_err(|_| HelmChartError::NoChart(path.clone()))?;
        for entry in entries {
            let Ok(entry) = entry else { break };
            let is_chart = entry.path().is_ok_and(|p| {
                let parts: Vec<_> = p.components().collect();
                parts.len() == 2 && parts[1].as_os_str() == "Chart.yaml"
            });
            if !is_chart {
                continue;
            }
            let mut text = String::new();
            entry.take(1 << 20).read_to_string(&mut text).map_err(io)?;
            let (name, version) = (top_level(&text, "name"), top_level(&text, "version"));
            return match (name, version) {
                (Some(name), Some(version)) => Ok(HelmChart {
                    path,
                    name,
                    version,
                }),
                _ => Err(HelmChartError::NoChart(path)),
            };
        }
        Err(HelmChartError::NoChart(path))
    }

    /// The chart's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The chart's version.
    pub fn version(&self) -> &str {
        &self.version
    }
}

impl crate::Client {
    /// Uploads `chart` to project `id`'s Helm repository in `channel` (`stable`, say), as
    /// the `chart` file of the form, named `{name}-{version}.tgz` as `helm package` names
    /// it; streamed from disk (and re-read if the request is retried).
    pub fn upload_project_helm_chart_file(
        &self,
        id: impl Into<IdOrPath>,
        channel: impl Into<String>,
        chart: &HelmChart,
    ) -> UploadProjectHelmChart {
        let file_name = format!("{}-{}.tgz", chart.name, chart.version);
        let form = Multipart::new().file("chart", file_name, Body::from_file(&chart.path));
        self.upload_project_helm_chart(id, channel, form)
    }
}

/// A top-level scalar of a `Chart.yaml` (`version: 0.4.2`, quotes removed).
fn top_level(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let value = line.strip_prefix(key)?.strip_prefix(':')?;
        let value = value.split(" #").next()?.trim();
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        (!value.is_empty()).then(|| value.to_owned())
    })
}

/// A chart repository's `index.yaml`, as GitLab serves it
/// ([`get_project_helm_index`](crate::Client::get_project_helm_index) answers its text):
/// every chart's versions with their digest and download URLs. Fields this type does not
/// name are kept.
///
/// ```
/// use gitlab_packages::helm_ext::HelmIndex;
///
/// let index = HelmIndex::parse("apiVersion: v1\nentries:\n  app:\n  - name: app\n    version: 1.0.0\n    urls: [charts/app-1.0.0.tgz]\n")?;
/// assert_eq!(index.entries["app"][0].version, "1.0.0");
/// # Ok::<(), serde_yaml::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct HelmIndex {
    /// `v1`.
    #[serde(rename = "apiVersion")]
    pub api_version: String,
    /// Each chart's versions, by chart name.
    #[serde(default)]
    pub entries: std::collections::BTreeMap<String, Vec<HelmIndexEntry>>,
    /// When the index was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
    /// The rest of the document.
    #[serde(flatten)]
    pub rest: std::collections::BTreeMap<String, serde_yaml::Value>,
}

/// One version of a chart in an [`HelmIndex`]: its `Chart.yaml` fields, and where to get it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct HelmIndexEntry {
    /// The chart's name.
    pub name: String,
    /// The chart's version.
    pub version: String,
    /// The version of the application it installs.
    #[serde(
        rename = "appVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub app_version: Option<String>,
    /// Its description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When it was uploaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// The SHA-256 of the archive, hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// Where to download it, relative to the index (`charts/app-1.0.0.tgz`).
    #[serde(default)]
    pub urls: Vec<String>,
    /// Its other `Chart.yaml` fields (`apiVersion`, `type`, `dependencies` …).
    #[serde(flatten)]
    pub rest: std::collections::BTreeMap<String, serde_yaml::Value>,
}

impl HelmIndex {
    /// Parses an `index.yaml`.
    pub fn parse(text: &str) -> Result<HelmIndex, serde_yaml::Error> {
        serde_yaml::from_str(text)
    }
}
