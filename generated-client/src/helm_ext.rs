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
