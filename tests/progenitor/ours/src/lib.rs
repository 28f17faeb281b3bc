//! `gitlab-packages` itself (a path dependency, not a copy), for `cargo build -p ours`.
pub use gitlab_packages::*;
