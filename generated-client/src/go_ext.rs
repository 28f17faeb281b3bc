//! Typed reading of the Go module proxy's text answers.
//!
//! Hand-written (not generated): compiled with the `go` feature.

/// The versions of a module's `@v/list` answer
/// ([`list_project_go_module_versions`](crate::Client::list_project_go_module_versions)),
/// one per line, in the order served.
///
/// ```
/// assert_eq!(
///     gitlab_packages::go_ext::parse_version_list("v1.0.0\nv1.1.0\n\n"),
///     ["v1.0.0", "v1.1.0"]
/// );
/// ```
pub fn parse_version_list(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}
