//! What uploads answer, in every format: GitLab's status [`Message`] (`201 Created`, `202
//! Accepted`), the generic upload's file record with `select(package_file)`, and Workhorse's
//! upload authorization ([`WorkhorseAuthorization`]: a local directory, or an
//! object-storage upload), one type for the sixteen `…/authorize` operations.

use gitlab_packages::Multipart;
use gitlab_packages::types::{
    ConanFileName, ConanPackageReference, GenericFileSelect, Message, PackageFile,
    WorkhorseAuthorization,
};
use serde_json::json;

use super::*;
use crate::support::client;

/// The generic upload's documented answer, and the same `{"message": "201 Created"}` from
/// the other uploads (Helm, PyPI, RubyGems, NuGet, Debian).
#[tokio::test]
async fn uploads_answer_their_message() {
    let server = Server::start();
    let c = client(&server);
    let document = fixture!("uploads/created.json");
    let (message, request): (Message, _) = served(
        &server,
        document,
        c.upload_project_generic_file(24, "my_package", "0.0.1", "file.txt", "hello\n"),
    )
    .await;
    assert_eq!(message.message, "201 Created");
    assert!(message.rest.is_empty());
    assert_eq!(
        request.path,
        "/api/v4/projects/24/packages/generic/my_package/0.0.1/file.txt"
    );
    assert_nothing_lost(serde_json::to_value(&message).unwrap(), document);

    let chart = || Multipart::new().file("chart", "mychart-0.1.0.tgz", &b"\x1f\x8b"[..]);
    let (message, request) = served(
        &server,
        document,
        c.upload_project_helm_chart(1, "stable", chart()),
    )
    .await;
    assert_eq!(message.message, "201 Created");
    assert_eq!(
        request.path,
        "/api/v4/projects/1/packages/helm/api/stable/charts"
    );

    let wheel = Multipart::new().file("content", "pkg-1.0-py3-none-any.whl", &b"PK"[..]);
    let (message, _) = served(
        &server,
        document,
        c.upload_project_pypi_package(1, "pkg", "1.0", wheel),
    )
    .await;
    assert_eq!(message.message, "201 Created");

    let (message, _) = served(&server, document, c.upload_project_rubygems_gem(1, "gem")).await;
    assert_eq!(message.message, "201 Created");

    let nupkg = Multipart::new().file("package", "my.package.1.0.0.nupkg", &b"PK"[..]);
    let (message, _) = served(&server, document, c.upload_project_nuget_package(1, nupkg)).await;
    assert_eq!(message.message, "201 Created");

    let (message, _) = served(
        &server,
        document,
        c.upload_project_debian_file(1, "libsample0_1.2.3~alpha2_amd64.deb", "main", "!<arch>\n"),
    )
    .await;
    assert_eq!(message.message, "201 Created");
}

/// A distribution's deletion is accepted (`202 Accepted`), in a project and in a group.
#[tokio::test]
async fn a_distributions_deletion_answers_accepted() {
    let server = Server::start();
    let c = client(&server);
    let document = fixture!("uploads/accepted.json");
    let (message, request): (Message, _) = served(
        &server,
        document,
        c.delete_project_debian_distribution(5, "sid"),
    )
    .await;
    assert_eq!(message.message, "202 Accepted");
    assert_eq!(request.method, "DELETE");
    assert_eq!(request.path, "/api/v4/projects/5/debian_distributions/sid");
    let (message, _) = served(
        &server,
        document,
        c.delete_group_debian_distribution("my-group", "sid"),
    )
    .await;
    assert_eq!(message.message, "202 Accepted");
}

/// With `select(package_file)` the generic upload answers the created file's record
/// (GitLab's documented example), which `send_as` reads as a [`PackageFile`].
#[tokio::test]
async fn the_generic_upload_with_select_answers_the_file() {
    let server = Server::start();
    let (file, request): (PackageFile, _) = served(
        &server,
        fixture!("uploads/generic-package-file.json"),
        client(&server)
            .upload_project_generic_file(24, "my_package", "0.0.1", "file.txt", "")
            .select(GenericFileSelect::PackageFile)
            .send_as::<PackageFile>(),
    )
    .await;
    assert_eq!((file.id, file.package_id, file.size), (1, 1, 0));
    assert_eq!(file.file_name, "file.txt");
    assert_eq!(file.file_md5, None);
    assert_eq!(
        file.file_sha256.as_deref(),
        Some("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    );
    assert_eq!(file.created_at, Some(utc((2021, 10, 12), (12, 5, 23), 387)));
    assert_eq!(request.query.as_deref(), Some("select=package_file"));
}

/// Local storage: Workhorse writes the upload under `TempPath`, up to `MaximumSize`; a
/// FIPS instance also restricts the hash functions.
#[tokio::test]
async fn a_local_authorization_decodes() {
    let server = Server::start();
    let c = client(&server);
    let document = fixture!("workhorse/local.json");
    let (authorization, request): (WorkhorseAuthorization, _) = served(
        &server,
        document,
        c.authorize_project_generic_file(24, "my_package", "0.0.1", "file.txt", ""),
    )
    .await;
    assert_eq!(
        authorization.temp_path.as_deref(),
        Some("/var/opt/gitlab/gitlab-rails/shared/packages/tmp/uploads")
    );
    assert_eq!(authorization.maximum_size, Some(1048576));
    assert_eq!(authorization.remote_object, None);
    assert_eq!(authorization.upload_hash_functions, None);
    assert_eq!(
        request.path,
        "/api/v4/projects/24/packages/generic/my_package/0.0.1/file.txt/authorize"
    );
    assert_nothing_lost(serde_json::to_value(&authorization).unwrap(), document);

    let document = fixture!("workhorse/local-fips.json");
    let (authorization, request): (WorkhorseAuthorization, _) =
        served(&server, document, c.authorize_project_pypi(1)).await;
    assert_eq!(
        authorization.upload_hash_functions,
        Some(vec!["sha1".into(), "sha256".into(), "sha512".into()])
    );
    assert_eq!(authorization.maximum_size, Some(5368709120));
    assert_eq!(request.path, "/api/v4/projects/1/packages/pypi/authorize");
    assert_nothing_lost(serde_json::to_value(&authorization).unwrap(), document);
}

/// Object storage: presigned URLs for the temporary object, a multipart upload for an
/// upload of unknown length, and the provider's configuration (kept as JSON).
#[tokio::test]
async fn an_object_storage_authorization_decodes() {
    let server = Server::start();
    let document = fixture!("workhorse/remote-aws.json");
    let reference: ConanPackageReference =
        "my-package/1.0@my-group+my-project/stable#75151329520e7685dcf5da49ded2fec0:103f6067a947f366ef91fc1b7da351c588d1827f#3bdd2d8c8e76c876ebd1ac0469a4e72c"
            .parse()
            .unwrap();
    let (authorization, request): (WorkhorseAuthorization, _) = served(
        &server,
        document,
        client(&server).authorize_project_conan_v2_package_file(
            9,
            reference,
            ConanFileName::ConanPackageTgz,
        ),
    )
    .await;
    assert_eq!(authorization.temp_path, None);
    assert_eq!(authorization.maximum_size, Some(5368709120));
    let remote = authorization.remote_object.as_ref().expect("RemoteObject");
    assert_eq!(
        remote.id.as_deref(),
        Some("1700000000-1234-0001-5678-0123456789abcdef0123456789abcdef")
    );
    assert_eq!(remote.timeout, Some(14400.0));
    assert_eq!(remote.skip_delete, Some(false));
    assert_eq!(remote.custom_put_headers, Some(true));
    assert_eq!(remote.put_headers.as_ref().map(|h| h.len()), Some(0));
    assert_eq!(remote.use_workhorse_client, Some(false));
    assert!(
        remote
            .store_url
            .as_deref()
            .unwrap()
            .ends_with("X-Amz-Signature=bbbb")
    );
    let multipart = remote.multipart_upload.as_ref().expect("MultipartUpload");
    assert_eq!(multipart.part_size, Some(5242880));
    assert_eq!(multipart.part_urls.as_ref().map(Vec::len), Some(1));
    assert!(
        multipart
            .complete_url
            .as_deref()
            .unwrap()
            .contains("uploadId=up1")
    );
    assert_eq!(
        remote.object_storage.as_ref().unwrap()["S3Config"]["Bucket"],
        "packages"
    );
    assert_eq!(
        request.path,
        "/api/v4/projects/9/packages/conan/v2/conans/my-package/1.0/my-group%2Bmy-project/stable/revisions/75151329520e7685dcf5da49ded2fec0/packages/103f6067a947f366ef91fc1b7da351c588d1827f/revisions/3bdd2d8c8e76c876ebd1ac0469a4e72c/files/conan_package.tgz/authorize"
    );
    // Everything comes back but `Timeout`, which Workhorse reads as a number with a
    // fraction: `14400` is sent back as `14400.0`.
    let mut expected: serde_json::Value = serde_json::from_str(document).unwrap();
    expected["RemoteObject"]["Timeout"] = json!(14400.0);
    assert_eq!(serde_json::to_value(&authorization).unwrap(), expected);
}

/// What a newer GitLab adds, at the top or in `RemoteObject`, is kept and sent back.
#[test]
fn an_authorization_keeps_what_it_does_not_name() {
    let document = json!({
        "TempPath": "/tmp/uploads",
        "NeedAudit": true,
        "RemoteObject": {"ID": "x", "Deadline": "2030-01-01T00:00:00Z"}
    });
    let authorization: WorkhorseAuthorization = serde_json::from_value(document.clone()).unwrap();
    assert_eq!(authorization.rest["NeedAudit"], true);
    assert_eq!(
        authorization.remote_object.as_ref().unwrap().rest["Deadline"],
        "2030-01-01T00:00:00Z"
    );
    assert_eq!(serde_json::to_value(&authorization).unwrap(), document);
}

/// Every `…/authorize` operation answers the one type (typed at compile time).
#[tokio::test]
async fn every_authorize_operation_answers_the_one_type() {
    let server = Server::start();
    let c = client(&server);
    let document = fixture!("workhorse/local.json");
    // `send()` gives each the same future type: `ResponseFuture<WorkhorseAuthorization>`.
    let calls = [
        c.authorize_project_maven_file(1, "com/example/app/1.0", "app-1.0.jar", "")
            .send(),
        c.authorize_project_nuget(1).send(),
        c.authorize_project_nuget_symbol_package(1).send(),
        c.authorize_project_nuget_v2(1).send(),
        c.authorize_project_helm_chart(1, "stable").send(),
        c.authorize_project_rpm(1).send(),
        c.authorize_project_rubygems_gem(1).send(),
        c.authorize_project_debian_file(1, "x.deb", "").send(),
    ];
    for call in calls {
        let (authorization, _) = served(&server, document, call).await;
        assert_eq!(authorization.maximum_size, Some(1048576));
    }
}
