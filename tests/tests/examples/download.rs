//! `download`: every file of a package, verified, written atomically, never outside the
//! output directory.

use tests::server::{Reply, Server};

use super::{files_under, run, serve, temp_dir};

const TOOL_SHA256: &str = "67948dd9afd6afe5043b0029d5aa7cf0f8b2824baf16f4f097d40d830edb686d";
const LINUX_SHA256: &str = "d745fba1cb70ab9dc02a80eeba8a1864a0f32b2941e008c0af389be7b56ba830";
const PACKAGES: &str = "GET /api/v4/projects/group%2Fproject/packages?per_page=100&package_name=tool&package_version=1.2.3";
const FILES: &str = "GET /api/v4/projects/group%2Fproject/packages/1/package_files?per_page=100";

/// The list GitLab answers for `package_name=tool`: a longer name matches too.
fn packages() -> Reply {
    Reply::json(
        r#"[{"id":1,"name":"tool","version":"1.2.3","package_type":"generic","status":"default"},
            {"id":2,"name":"tool-extra","version":"1.2.3","package_type":"generic","status":"default"}]"#,
    )
}

fn file(id: u64, name: &str, size: u64, sha256: &str) -> String {
    format!(
        r#"{{"id":{id},"package_id":1,"file_name":"{name}","size":{size},"file_sha256":"{sha256}"}}"#
    )
}

fn download(id: u64) -> String {
    format!("GET /api/v4/projects/group%2Fproject/packages/1/package_files/{id}/download")
}

#[test]
fn every_file_is_downloaded_and_verified_the_newest_upload_of_a_name_wins() {
    let server = Server::start();
    let files = format!(
        "[{},{},{}]",
        // An older upload of tool.tar.gz, which GitLab no longer serves.
        file(9, "tool.tar.gz", 3, "00"),
        file(10, "tool.tar.gz", 5, TOOL_SHA256),
        file(11, "linux/tool", 6, LINUX_SHA256),
    );
    serve(
        &server,
        vec![
            (PACKAGES.to_owned(), packages()),
            (FILES.to_owned(), Reply::json(files)),
            (download(10), Reply::bytes("tool\n")),
            (download(11), Reply::bytes("linux\n")),
        ],
    );
    let out_dir = temp_dir();
    let out = out_dir.path().to_str().unwrap();
    let args = [
        "--project",
        "group/project",
        "--name",
        "tool",
        "--version",
        "1.2.3",
        "--out",
        out,
    ];
    let stdout = run("download", &server, &[], &args).ok();
    assert!(
        stdout.contains("tool 1.2.3 (generic): 2 file(s)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("tool.tar.gz (5 B, SHA-256 verified)"),
        "{stdout}"
    );
    assert_eq!(files_under(out_dir.path()), ["linux/tool", "tool.tar.gz"]);
    assert_eq!(
        std::fs::read(out_dir.path().join("tool.tar.gz")).unwrap(),
        b"tool\n"
    );
    assert_eq!(
        std::fs::read(out_dir.path().join("linux/tool")).unwrap(),
        b"linux\n"
    );

    let requests = server.take();
    let targets: Vec<String> = requests.iter().map(|r| r.target()).collect();
    assert_eq!(
        targets,
        [
            PACKAGES.to_owned(),
            FILES.to_owned(),
            download(11),
            download(10)
        ]
    );
    for request in &requests {
        assert_eq!(request.credentials(), [("private-token", super::TOKEN)]);
    }
}

#[test]
fn a_tampered_file_fails_and_leaves_nothing() {
    let server = Server::start();
    serve(
        &server,
        vec![
            (PACKAGES.to_owned(), packages()),
            (
                FILES.to_owned(),
                Reply::json(format!("[{}]", file(10, "tool.tar.gz", 8, TOOL_SHA256))),
            ),
            (download(10), Reply::bytes("tampered")),
        ],
    );
    let out_dir = temp_dir();
    let out = out_dir.path().to_str().unwrap();
    let args = [
        "--project",
        "group/project",
        "--name",
        "tool",
        "--version",
        "1.2.3",
        "--out",
        out,
    ];
    let err = run("download", &server, &[], &args).failed();
    assert!(err.contains("cannot download tool.tar.gz"), "{err}");
    assert!(
        err.contains(&format!(
            "SHA-256 checksum mismatch: expected {TOOL_SHA256}, got d121be3103007b41edf96f8262925f8c7d61894afe9a041843b631f69445bc57"
        )),
        "{err}"
    );
    assert!(files_under(out_dir.path()).is_empty());
}

#[test]
fn a_file_name_that_leaves_the_directory_is_refused_before_downloading() {
    let server = Server::start();
    serve(
        &server,
        vec![
            (PACKAGES.to_owned(), packages()),
            (
                FILES.to_owned(),
                Reply::json(format!("[{}]", file(10, "../escape", 5, TOOL_SHA256))),
            ),
            (download(10), Reply::bytes("tool\n")),
        ],
    );
    let dir = temp_dir();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let args = [
        "--project",
        "group/project",
        "--name",
        "tool",
        "--version",
        "1.2.3",
        "--out",
        out.to_str().unwrap(),
    ];
    let err = run("download", &server, &[], &args).failed();
    assert!(
        err.contains(r#"refusing the file name "../escape""#),
        "{err}"
    );
    assert_eq!(files_under(dir.path()), Vec::<String>::new());
    assert_eq!(server.take().len(), 2, "nothing is downloaded");
}

#[test]
fn a_missing_package_is_named() {
    let server = Server::start();
    serve(&server, vec![(PACKAGES.to_owned(), Reply::json("[]"))]);
    let args = [
        "--project",
        "group/project",
        "--name",
        "tool",
        "--version",
        "1.2.3",
    ];
    let err = run("download", &server, &[], &args).failed();
    assert!(
        err.contains("no package tool 1.2.3 in group/project"),
        "{err}"
    );
}
