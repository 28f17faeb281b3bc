//! What `cargo xtask` knows about this repository: where the spec, the overlay and the
//! checked-in client are, and how the client is named.

use std::path::{Path, PathBuf};

use generator::Options;

pub mod corpus;

/// The command that regenerates the checked-in client.
pub const REGENERATE: &str = "cargo xtask regenerate";

/// The client's package name.
pub const CLIENT_CRATE: &str = "gitlab-packages";

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the repository root")
        .to_owned()
}

/// The checked-in client's directory.
pub fn client_dir(root: &Path) -> PathBuf {
    root.join("generated-client")
}

/// How the checked-in client is generated. Paths are relative to `root`, so that the
/// generated files name them the same on every machine.
pub fn client_options(root: &Path) -> Options {
    let mut options = Options::new(root.join("specs/gitlab-ci-packages.yaml"));
    options.overlay = Some(root.join("specs/gitlab-ci-packages.overlay.yaml"));
    options.companion = Some(root.join("specs/gitlab-ci-packages-api-openapi.yml"));
    options.crate_name = CLIENT_CRATE.into();
    options.regenerate_command = REGENERATE.into();
    options.runtime_path = Some("../generator/runtime".into());
    options.spec_display = "`specs/gitlab-ci-packages.yaml` (GitLab's Packages API, 187 operations), its companion `specs/gitlab-ci-packages-api-openapi.yml` and the overlay `specs/gitlab-ci-packages.overlay.yaml`".into();
    options
}
