//! Paths and queries across operations: numeric ids and full paths, values that must be
//! encoded whole, empty and dot values rejected before sending, base URLs with a prefix.

use gitlab_packages::Auth;
use serde_json::json;
use tests::server::{Reply, Server};

use crate::support::{
    PRIVATE_TOKEN, TOKEN, assert_invalid, capture, client, client_with, rejected,
};
use crate::table::run_cases;

/// A base URL may carry a relative URL root; a trailing `/` on it is not doubled.
#[tokio::test]
async fn base_url_with_path_prefix() {
    let server = Server::start();
    // Without a prefix, with or without a trailing `/`.
    for base in [server.url(), format!("{}/", server.url())] {
        let c = client_with(&base, Auth::private_token(TOKEN));
        let (out, req) = capture(
            &server,
            Reply::json("[]"),
            c.list_project_packages("group/project"),
        )
        .await;
        out.unwrap();
        assert_eq!(
            req.path, "/api/v4/projects/group%2Fproject/packages",
            "base {base}"
        );
    }
    for base in [
        format!("{}/gitlab", server.url()),
        format!("{}/gitlab/", server.url()),
    ] {
        let c = client_with(&base, Auth::private_token(TOKEN));
        let (out, req) = capture(
            &server,
            Reply::json("[]"),
            c.list_project_packages("group/sub/project").page(1),
        )
        .await;
        out.unwrap();
        assert_eq!(
            req.path, "/gitlab/api/v4/projects/group%2Fsub%2Fproject/packages",
            "base {base}"
        );
        assert_eq!(req.query.as_deref(), Some("page=1"));
        assert_eq!(req.header("private-token"), Some(TOKEN));

        let (out, req) = capture(
            &server,
            Reply::bytes(b"x"),
            c.get_maven_file("com/mycompany/app/my-app/1.0", "my-app-1.0.jar"),
        )
        .await;
        out.unwrap();
        assert_eq!(
            req.path,
            "/gitlab/api/v4/packages/maven/com/mycompany/app/my-app/1.0/my-app-1.0.jar"
        );
    }
}

/// FACTS: Grape squeezes `//` and strips a trailing `/`, so an empty value cannot be sent;
/// `.` and `..` would be removed by URL normalization. The client rejects them before
/// sending anything.
#[tokio::test]
async fn empty_and_dot_path_values_are_rejected_without_a_request() {
    let server = Server::start();
    let c = client(&server);

    // One-segment variables.
    for bad in ["", ".", ".."] {
        let e = rejected(&server, c.list_project_packages(bad)).await;
        assert_invalid(&e, "id");
        let e = rejected(&server, c.get_project_debian_distribution(1, bad)).await;
        assert_invalid(&e, "codename");
        let e = rejected(&server, c.publish_project_npm_package(1, bad, json!({}))).await;
        assert_invalid(&e, "package_name");
        let e = rejected(&server, c.get_project_generic_file(1, "pkg", "1.0", bad)).await;
        assert_invalid(&e, "file_name");
        let e = rejected(
            &server,
            c.upload_project_generic_file(1, bad, "1.0", "f.txt", "x"),
        )
        .await;
        assert_invalid(&e, "package_name");
    }

    // Glob variables: a whole value that is empty, `.` or `..`.
    for bad in ["", ".", ".."] {
        let e = rejected(&server, c.list_project_go_module_versions(1, bad)).await;
        assert_invalid(&e, "module_name");
        let e = rejected(
            &server,
            c.get_project_maven_file(1, bad, "maven-metadata.xml"),
        )
        .await;
        assert_invalid(&e, "path");
        let e = rejected(
            &server,
            c.get_project_generic_file(1, "pkg", "1.0", "f.txt")
                .path(bad),
        )
        .await;
        assert_invalid(&e, "path");
        let e = rejected(&server, c.get_npm_package_metadata(bad)).await;
        assert_invalid(&e, "package_name");
    }

    // A glob whose segments would change the path (empty, `.`, `..`) is carried whole:
    // its `/` go as `%2F`, which GitLab's router decodes in globs, so no dot-segment or
    // empty segment reaches the wire.
    for (value, sent) in [
        ("a/../b", "a%2F..%2Fb"),
        ("a/./b", "a%2F.%2Fb"),
        ("a//b", "a%2F%2Fb"),
        ("/a", "%2Fa"),
        ("a/", "a%2F"),
        ("./a", ".%2Fa"),
        ("a/..", "a%2F.."),
    ] {
        let (out, req) = capture(
            &server,
            Reply::text("text/plain", "v1.0.0\n"),
            c.list_project_go_module_versions(1, value),
        )
        .await;
        out.unwrap();
        assert_eq!(
            req.path,
            format!("/api/v4/projects/1/packages/go/{sent}/@v/list"),
            "{value}"
        );
    }

    // The error names the operation and parameter.
    let e = rejected(&server, c.get_project_package("..", 1)).await;
    assert_eq!(
        e.to_string(),
        "invalid input for get_project_package: parameter `id`: must not be `..`"
    );

    // Values that merely contain dots are fine.
    let (out, req) = capture(
        &server,
        Reply::json("[]"),
        c.list_project_packages("..group/.p..."),
    )
    .await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/projects/..group%2F.p.../packages");
}

/// FACTS, path parameters: a numeric id is looked up by id, anything else by full path,
/// sent as one segment.
#[tokio::test]
async fn numeric_id_and_full_path() {
    let server = Server::start();
    run_cases(
        &server,
        &client(&server),
        &PRIVATE_TOKEN,
        &[
            case!(
                reply = Reply::json("[]"),
                "GET",
                "/api/v4/projects/1234/packages",
                None,
                list_project_packages(1234u64)
            ),
            case!(
                reply = Reply::json("[]"),
                "GET",
                "/api/v4/projects/1234/packages",
                None,
                list_project_packages("1234")
            ),
            case!(
                reply = Reply::json("[]"),
                "GET",
                "/api/v4/projects/group%2Fproject/packages",
                None,
                list_project_packages("group/project")
            ),
            case!(
                reply = Reply::json("[]"),
                "GET",
                "/api/v4/projects/my-group%2Fsub_group%2Fmy.project~x/packages",
                None,
                list_project_packages("my-group/sub_group/my.project~x")
            ),
            // UTF-8 bytes of `ü` are C3 BC.
            case!(
                reply = Reply::json("[]"),
                "GET",
                "/api/v4/projects/gr%C3%BCppe%2Fp/packages",
                None,
                list_project_packages("grüppe/p")
            ),
        ],
    )
    .await;
}

/// FACTS: a one-segment value round-trips when space, `%`, `#`, `?`, `/` and non-ASCII are
/// percent-encoded (space as `%20`, not `+`, in a path).
#[tokio::test]
async fn one_segment_values_are_fully_encoded() {
    let server = Server::start();
    let c = client(&server);
    let (out, req) = capture(
        &server,
        Reply::json(r#"{"id":1,"codename":"a b%c#d?e/f+g&h=i;j:k@l"}"#),
        c.get_project_debian_distribution(1, "a b%c#d?e/f+g&h=i;j:k@l"),
    )
    .await;
    assert_eq!(out.unwrap().codename, "a b%c#d?e/f+g&h=i;j:k@l");
    assert_eq!(
        req.path,
        "/api/v4/projects/1/debian_distributions/a%20b%25c%23d%3Fe%2Ff%2Bg%26h%3Di%3Bj%3Ak%40l"
    );
    assert_eq!(req.query, None);

    // The same characters in a query value are form-encoded.
    let (out, req) = capture(
        &server,
        Reply::json("[]"),
        c.list_project_packages(1)
            .package_name("a b%c#d?e/f+g&h=i;j:k@l"),
    )
    .await;
    out.unwrap();
    assert_eq!(
        req.query.as_deref(),
        Some("package_name=a+b%25c%23d%3Fe%2Ff%2Bg%26h%3Di%3Bj%3Ak%40l")
    );
}

/// Grape reads a glob as little as it can: a package name holding `/-/` (the text after
/// `*package_name` in npm's tarball route) would be cut there, so its `/` go as `%2F`; a
/// scoped name's `/` reads back and goes as it is (checked against Grape 1.6.2).
#[tokio::test]
async fn glob_values_that_would_split_differently_send_their_slashes_encoded() {
    let server = Server::start();
    let c = client(&server);
    for (name, file, sent) in [
        (
            "@scope/pkg",
            "pkg-1.0.0.tgz",
            "%40scope/pkg/-/pkg-1.0.0.tgz",
        ),
        (
            "odd/-/name",
            "name-1.0.0.tgz",
            "odd%2F-%2Fname/-/name-1.0.0.tgz",
        ),
    ] {
        let (out, req) = capture(
            &server,
            Reply::bytes("tgz"),
            c.get_project_npm_package_tarball(1, name, file),
        )
        .await;
        out.unwrap();
        assert_eq!(
            req.path,
            format!("/api/v4/projects/1/packages/npm/{sent}"),
            "{name}"
        );
    }
}
