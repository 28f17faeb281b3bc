//! `cleanup`: every page read, the rule applied per package, nothing deleted in a dry run.

use tests::server::{Reply, Server};

use super::{run, serve};

const PAGE_1: &str = "GET /api/v4/groups/my-group/packages?per_page=100";
const PAGE_2: &str = "GET /api/v4/groups/my-group/packages?per_page=100&page=2";

fn package(id: u64, project: u64, kind: &str, name: &str, version: &str, created: &str) -> String {
    format!(
        r#"{{"id":{id},"name":"{name}","version":"{version}","package_type":"{kind}","project_id":{project},"created_at":"{created}T12:00:00.000Z"}}"#
    )
}

/// A group's packages over two pages: `tool` in project 5 has four versions; `lib` and
/// project 6's `tool` one each.
fn serve_group(server: &Server) {
    let page_1 = format!(
        "[{},{},{}]",
        package(1, 5, "generic", "tool", "1.0", "2024-01-01"),
        package(2, 5, "generic", "tool", "1.1", "2024-03-01"),
        package(3, 5, "generic", "tool", "1.2", "2024-07-01"),
    );
    let page_2 = format!(
        "[{},{},{}]",
        package(4, 5, "generic", "tool", "2.0", "2024-08-01"),
        package(5, 5, "npm", "lib", "0.1", "2023-01-01"),
        package(7, 6, "generic", "tool", "0.9", "2023-01-01"),
    );
    serve(
        server,
        vec![
            (
                PAGE_1.to_owned(),
                Reply::json(page_1)
                    .header("x-next-page", "2")
                    .header("x-total", "6"),
            ),
            (
                PAGE_2.to_owned(),
                Reply::json(page_2)
                    .header("x-next-page", "")
                    .header("x-total", "6"),
            ),
            (
                "DELETE /api/v4/projects/5/packages/1".to_owned(),
                Reply::empty(204),
            ),
            (
                "DELETE /api/v4/projects/5/packages/2".to_owned(),
                Reply::empty(204),
            ),
        ],
    );
}

const ARGS: [&str; 6] = [
    "--group",
    "my-group",
    "--keep",
    "1",
    "--older-than",
    "2024-06-01",
];

#[test]
fn a_dry_run_reads_every_page_and_deletes_nothing() {
    let server = Server::start();
    serve_group(&server);
    let out = run("cleanup", &server, &[], &ARGS).ok();
    // The newest `tool` of project 5 is kept, and 1.2 is newer than the date; `lib` and
    // project 6's `tool` are their packages' newest versions.
    let expected = "\
would delete generic tool 1.1 (id 2, created 2024-03-01, project 5)
would delete generic tool 1.0 (id 1, created 2024-01-01, project 5)
dry run: 2 version(s) would be deleted; run again with --execute to delete them
";
    assert_eq!(out, expected);
    let targets: Vec<String> = server.take().iter().map(|r| r.target()).collect();
    assert_eq!(targets, [PAGE_1, PAGE_2]);
}

#[test]
fn execute_deletes_in_each_packages_project() {
    let server = Server::start();
    serve_group(&server);
    let mut args = ARGS.to_vec();
    args.push("--execute");
    let out = run("cleanup", &server, &[], &args).ok();
    assert!(out.ends_with("deleted 2 version(s)\n"), "{out}");
    let requests = server.take();
    let targets: Vec<String> = requests.iter().map(|r| r.target()).collect();
    assert_eq!(
        targets,
        [
            PAGE_1,
            PAGE_2,
            "DELETE /api/v4/projects/5/packages/2",
            "DELETE /api/v4/projects/5/packages/1",
        ]
    );
    for request in &requests {
        assert_eq!(request.credentials(), [("private-token", super::TOKEN)]);
    }
}

#[test]
fn a_rule_and_a_scope_are_required() {
    let server = Server::start();
    let err = run("cleanup", &server, &[], &["--group", "g"]).failed();
    assert!(err.contains("--keep <N>"), "{err}");
    let err = run("cleanup", &server, &[], &["--keep", "3"]).failed();
    assert!(err.contains("--project <PROJECT>"), "{err}");
    assert!(server.take().is_empty());
}
