//! The Composer repository as GitLab documents it, without raw headers or hand-built
//! names: the base repository request answers Composer 1's or Composer 2's document
//! depending on the client's `User-Agent`, and a v1 package's metadata is named
//! `vendor/name$hash`.
//!
//! ```no_run
//! use gitlab_packages::Client;
//! use gitlab_packages::composer_ext::ComposerVersion;
//!
//! # async fn demo(client: Client) -> gitlab_packages::Result<()> {
//! let v2 = client
//!     .get_group_composer_repository_as("my-group", ComposerVersion::V2)
//!     .await?;
//! let metadata = client
//!     .get_group_composer_package_metadata_by_hash("my-group", "my-org/my-package", "5c87…")
//!     .await?;
//! # let _ = (v2, metadata);
//! # Ok(())
//! # }
//! ```
//!
//! Hand-written (not generated): compiled with the `composer` feature.

use crate::composer::{GetGroupComposerPackageMetadata, GetGroupComposerRepository};
use crate::runtime::IdOrPath;

/// Which Composer's repository document to ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComposerVersion {
    /// Composer 1: `packages`, `provider-includes`, `providers-url` and `metadata-url`.
    V1,
    /// Composer 2: `packages` and `metadata-url` only.
    V2,
}

impl ComposerVersion {
    /// The `User-Agent` GitLab tells the versions apart by (`Composer/2…` is Composer 2).
    pub fn user_agent(self) -> &'static str {
        match self {
            ComposerVersion::V1 => "Composer/1.10.27",
            ComposerVersion::V2 => "Composer/2.8.0",
        }
    }
}

impl crate::Client {
    /// The group's Composer repository document (`packages.json`) as Composer `version`
    /// receives it: GitLab chooses by the `User-Agent`, which this request sets.
    pub fn get_group_composer_repository_as(
        &self,
        id: impl Into<IdOrPath>,
        version: ComposerVersion,
    ) -> GetGroupComposerRepository {
        let mut request = self.get_group_composer_repository(id);
        request.0.header("User-Agent", version.user_agent());
        request
    }

    /// A package's Composer 1 metadata by its name and the hash the v1 packages list gives
    /// (`GET …/composer/vendor/name$hash`; the `$` is sent as `%24`).
    pub fn get_group_composer_package_metadata_by_hash(
        &self,
        id: impl Into<IdOrPath>,
        package_name: &str,
        hash: &str,
    ) -> GetGroupComposerPackageMetadata {
        self.get_group_composer_package_metadata(id, format!("{package_name}${hash}"))
    }
}
