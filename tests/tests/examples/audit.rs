//! `audit`: every file listed with its checksums, a sample verified.

use tests::server::{Reply, Server};

use super::{run, serve};

const ONE_SHA256: &str = "25e9d45be1955703eb7074ffa60de5154d014b30e271bf0bac9484f4f8e33cce";
const TWO_SHA256: &str = "eb0906748076ac38986028be1531c3e6eb2002d3ed615c74dd0d769b59ad229b";
const PACKAGES: &str = "GET /api/v4/projects/9/packages?per_page=100";

fn serve_project(server: &Server, two_bytes: &'static str) {
    let packages = r#"[{"id":1,"name":"tool","version":"1.0","package_type":"generic"},
                       {"id":2,"name":"@scope/lib","version":"2.0.0","package_type":"npm"}]"#;
    let files_1 = format!(
        r#"[{{"id":10,"package_id":1,"file_name":"one.bin","size":9,"file_md5":"m","file_sha1":"s","file_sha256":"{ONE_SHA256}"}},
            {{"id":11,"package_id":1,"file_name":"no-sum.bin","size":2048}}]"#
    );
    let files_2 = format!(
        r#"[{{"id":20,"package_id":2,"file_name":"lib-2.0.0.tgz","size":9,"file_sha256":"{TWO_SHA256}"}}]"#
    );
    serve(
        server,
        vec![
            (PACKAGES.to_owned(), Reply::json(packages)),
            (
                "GET /api/v4/projects/9/packages/1/package_files?per_page=100".to_owned(),
                Reply::json(files_1),
            ),
            (
                "GET /api/v4/projects/9/packages/2/package_files?per_page=100".to_owned(),
                Reply::json(files_2),
            ),
            (
                "GET /api/v4/projects/9/packages/1/package_files/10/download".to_owned(),
                Reply::bytes("audit-one"),
            ),
            (
                "GET /api/v4/projects/9/packages/2/package_files/20/download".to_owned(),
                Reply::bytes(two_bytes),
            ),
        ],
    );
}

#[test]
fn every_file_is_listed_and_the_sample_verified() {
    let server = Server::start();
    serve_project(&server, "audit-two");
    let out = run("audit", &server, &[], &["--project", "9", "--sample", "5"]).ok();
    assert!(
        out.contains("3 file(s), 2.02 KiB in all; 1 without a SHA-256"),
        "{out}"
    );
    assert!(
        out.contains("verified tool 1.0 one.bin: SHA-256 matches"),
        "{out}"
    );
    assert!(
        out.contains("verified @scope/lib 2.0.0 lib-2.0.0.tgz: SHA-256 matches"),
        "{out}"
    );
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("generic") || l.starts_with("npm"))
        .collect();
    assert_eq!(rows.len(), 3, "{out}");
    assert!(
        rows[0].contains("one.bin")
            && rows[0].contains("25e9d45b")
            && rows[0].ends_with("yes  yes"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].contains("no-sum.bin") && rows[1].contains("2.00 KiB"),
        "{}",
        rows[1]
    );
    let targets: Vec<String> = server.take().iter().map(|r| r.target()).collect();
    assert_eq!(targets.len(), 5, "{targets:#?}");
}

#[test]
fn a_sampled_file_that_does_not_match_fails_the_audit() {
    let server = Server::start();
    serve_project(&server, "tampered");
    let run = run("audit", &server, &[], &["--project", "9"]);
    assert!(
        run.stdout
            .contains("MISMATCH @scope/lib 2.0.0 lib-2.0.0.tgz"),
        "{}",
        run.stdout
    );
    let err = run.failed();
    assert!(
        err.contains("1 of 2 sampled file(s) do not match their SHA-256"),
        "{err}"
    );
}
