//! `publish`: a CI job uploads a directory tree as a generic package.

use tests::server::{Reply, Server};

use super::{run, serve, temp_dir};

const TOOL_SHA256: &str = "67948dd9afd6afe5043b0029d5aa7cf0f8b2824baf16f4f097d40d830edb686d";
const LINUX_SHA256: &str = "d745fba1cb70ab9dc02a80eeba8a1864a0f32b2941e008c0af389be7b56ba830";

/// GitLab's answer to an upload with `select=package_file` (FACTS, "Request bodies").
fn created(id: u64, name: &str, size: u64, sha256: &str) -> Reply {
    Reply::json(format!(
        r#"{{"id":{id},"package_id":7,"created_at":"2026-12-01T10:00:00.000Z","file_name":"{name}","size":{size},"file_md5":null,"file_sha1":null,"file_sha256":"{sha256}"}}"#
    ))
}

#[test]
fn a_ci_job_publishes_a_directory_tree_with_its_job_token() {
    let dir = temp_dir();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(dist.join("linux")).unwrap();
    std::fs::write(dist.join("tool.tar.gz"), "tool\n").unwrap();
    std::fs::write(dist.join("linux").join("tool"), "linux\n").unwrap();
    let server = Server::start();
    let base = "/api/v4/projects/group%2Fproject/packages/generic/tool/1.2.3";
    serve(
        &server,
        vec![
            (
                format!("PUT {base}/linux/tool?select=package_file"),
                created(41, "tool", 6, LINUX_SHA256),
            ),
            (
                format!("PUT {base}/tool.tar.gz?select=package_file"),
                created(42, "tool.tar.gz", 5, TOOL_SHA256),
            ),
        ],
    );
    // A CI job's variables only: the token, the API URL and the project.
    let api = format!("{}/api/v4", server.url());
    let env = [
        ("CI_JOB_TOKEN", "job-token-secret"),
        ("CI_API_V4_URL", api.as_str()),
        ("CI_PROJECT_ID", "group/project"),
    ];
    let dist = dist.to_str().unwrap();
    let out = run(
        "publish",
        &server,
        &env,
        &["--name", "tool", "--version", "1.2.3", dist],
    )
    .ok();
    assert!(
        out.contains("publishing 2 file(s) to group/project as tool 1.2.3"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "tool.tar.gz: package file 42 of package 7, 5 B, sha256 {TOOL_SHA256}"
        )),
        "{out}"
    );
    assert!(out.contains("published tool 1.2.3"), "{out}");

    let requests = server.take();
    let targets: Vec<String> = requests.iter().map(|r| r.target()).collect();
    assert_eq!(
        targets,
        [
            format!("PUT {base}/linux/tool?select=package_file"),
            format!("PUT {base}/tool.tar.gz?select=package_file"),
        ]
    );
    assert_eq!(requests[0].body, b"linux\n");
    assert_eq!(requests[1].body, b"tool\n");
    for request in &requests {
        assert_eq!(request.credentials(), [("job-token", "job-token-secret")]);
    }
}

#[test]
fn a_file_stored_with_another_checksum_fails_the_job() {
    let dir = temp_dir();
    let file = dir.path().join("tool.tar.gz");
    std::fs::write(&file, "tool\n").unwrap();
    let server = Server::start();
    serve(
        &server,
        vec![(
            "PUT /api/v4/projects/5/packages/generic/tool/1.2.3/tool.tar.gz?status=hidden&select=package_file".to_owned(),
            created(42, "tool.tar.gz", 5, LINUX_SHA256),
        )],
    );
    let file = file.to_str().unwrap();
    let args = [
        "--project",
        "5",
        "--name",
        "tool",
        "--version",
        "1.2.3",
        "--hidden",
        file,
    ];
    let err = run("publish", &server, &[], &args).failed();
    assert!(
        err.contains(&format!(
            "GitLab stored tool.tar.gz with SHA-256 {LINUX_SHA256}, but the file's is {TOOL_SHA256}"
        )),
        "{err}"
    );
    assert_eq!(
        server.take()[0].credentials(),
        [("private-token", super::TOKEN)]
    );
}

#[test]
fn gitlabs_refusal_is_shown_with_the_file() {
    let dir = temp_dir();
    let file = dir.path().join("tool.tar.gz");
    std::fs::write(&file, "tool\n").unwrap();
    let server = Server::start();
    server.answer(Reply::json(r#"{"message":"403 Forbidden"}"#).status(403));
    let file = file.to_str().unwrap();
    let args = [
        "--project",
        "5",
        "--name",
        "tool",
        "--version",
        "1.2.3",
        file,
    ];
    let err = run("publish", &server, &[], &args).failed();
    assert!(err.contains("cannot upload"), "{err}");
    assert!(err.contains("403"), "{err}");
}
