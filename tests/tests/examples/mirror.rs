//! `mirror`: files already in the target are skipped; the others stream from the source's
//! download into the target's upload.

use tests::server::{Reply, Server};

use super::{run, serve};

const AAA_SHA256: &str = "9834876dcfb05cb167a5c24953eba58c4ac89b1adf57f28f2f9d09af107ee8f0";
const BBB_SHA256: &str = "3e744b9dc39389baf0c5a0660589b8402f3dbb49b89b3e75f2c9355852a3c677";
const QUERY: &str = "per_page=100&package_type=generic&package_name=tool&package_version=1.2.3";

fn package(id: u64) -> Reply {
    Reply::json(format!(
        r#"[{{"id":{id},"name":"tool","version":"1.2.3","package_type":"generic"}}]"#
    ))
}

fn file(id: u64, package: u64, name: &str, sha256: &str) -> String {
    format!(
        r#"{{"id":{id},"package_id":{package},"file_name":"{name}","size":3,"file_sha256":"{sha256}"}}"#
    )
}

/// Source `src/proj` has `a.txt` and `dir/b.txt`; the target `dst/proj` already has
/// `a.txt` (an interrupted earlier run).
fn serve_projects(server: &Server, b_bytes: &'static str) {
    serve(
        server,
        vec![
            (format!("GET /api/v4/projects/src%2Fproj/packages?{QUERY}"), package(1)),
            (
                "GET /api/v4/projects/src%2Fproj/packages/1/package_files?per_page=100".to_owned(),
                Reply::json(format!("[{},{}]", file(10, 1, "a.txt", AAA_SHA256), file(11, 1, "dir/b.txt", BBB_SHA256))),
            ),
            (format!("GET /api/v4/projects/dst%2Fproj/packages?{QUERY}"), package(2)),
            (
                "GET /api/v4/projects/dst%2Fproj/packages/2/package_files?per_page=100".to_owned(),
                Reply::json(format!("[{}]", file(20, 2, "a.txt", &AAA_SHA256.to_uppercase()))),
            ),
            (
                "GET /api/v4/projects/src%2Fproj/packages/1/package_files/11/download".to_owned(),
                Reply::bytes(b_bytes),
            ),
            (
                "PUT /api/v4/projects/dst%2Fproj/packages/generic/tool/1.2.3/dir/b.txt?select=package_file".to_owned(),
                Reply::json(file(21, 2, "dir/b.txt", BBB_SHA256)),
            ),
        ],
    );
}

const ARGS: [&str; 8] = [
    "--from",
    "src/proj",
    "--to",
    "dst/proj",
    "--name",
    "tool",
    "--version",
    "1.2.3",
];

#[test]
fn a_rerun_copies_only_what_the_target_lacks() {
    let server = Server::start();
    serve_projects(&server, "bbb");
    let out = run("mirror", &server, &[], &ARGS).ok();
    assert!(out.contains("a.txt: already there, skipped"), "{out}");
    assert!(
        out.contains("dir/b.txt: copied, 3 B, package file 21 in dst/proj"),
        "{out}"
    );
    assert!(
        out.contains("1 file(s) copied, 1 already there, from src/proj to dst/proj"),
        "{out}"
    );
    let requests = server.take();
    let targets: Vec<String> = requests.iter().map(|r| r.target()).collect();
    assert_eq!(targets.len(), 6, "{targets:#?}");
    assert_eq!(
        targets[4],
        "GET /api/v4/projects/src%2Fproj/packages/1/package_files/11/download"
    );
    assert_eq!(
        targets[5],
        "PUT /api/v4/projects/dst%2Fproj/packages/generic/tool/1.2.3/dir/b.txt?select=package_file"
    );
    assert_eq!(requests[5].body, b"bbb");
    for request in &requests {
        assert_eq!(request.credentials(), [("private-token", super::TOKEN)]);
    }
}

#[test]
fn a_download_that_does_not_match_its_checksum_is_not_completed() {
    let server = Server::start();
    serve_projects(&server, "bad");
    let err = run("mirror", &server, &[], &ARGS).failed();
    assert!(err.contains("cannot copy dir/b.txt to dst/proj"), "{err}");
    assert!(
        err.contains(&format!(
            "dir/b.txt: the request body failed: download_project_package_file: GET /api/v4/projects/src%2Fproj/packages/1/package_files/11/download: SHA-256 checksum mismatch: expected {BBB_SHA256}"
        )),
        "{err}"
    );
    // The stream ended in an error before the end of the body: the server never got a
    // complete upload (it records none, or a body cut short).
    let requests = server.take();
    assert!(
        requests
            .iter()
            .all(|r| !(r.method == "PUT" && r.body == b"bad")),
        "{requests:#?}"
    );
}
