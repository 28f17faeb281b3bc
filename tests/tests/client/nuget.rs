//! NuGet: v3 service index, search and metadata; v2 OData routes (parentheses, quotes and
//! commas literal in the path); multipart uploads (file field `package`); symbol files.

use gitlab_packages::{Auth, Multipart};
use tests::server::{Reply, Server};

use crate::support::{assert_query, capture, client_with};
use crate::table::{Case, replies, run_cases};

/// "user:glpat-nuget" in base64.
const BASIC: [(&str, &str); 1] = [("authorization", "Basic dXNlcjpnbHBhdC1udWdldA==")];

#[tokio::test]
async fn nuget_operations() {
    let server = Server::start();
    let c = client_with(&server.url(), Auth::basic("user", "glpat-nuget"));
    run_cases(
        &server,
        &c,
        &BASIC,
        &[
            case!(
                "GET",
                "/api/v4/groups/5/-/packages/nuget/index",
                None,
                get_group_nuget_service_index(5)
            ),
            case!(
                "GET",
                "/api/v4/projects/1/packages/nuget/metadata/My.Package/index",
                None,
                get_project_nuget_package_metadata(1, "My.Package")
            ),
            case!(
                "GET",
                "/api/v4/projects/1/packages/nuget/metadata/My.Package/1.0.0-beta%2Bbuild.5",
                None,
                get_project_nuget_package_version_metadata(1, "My.Package", "1.0.0-beta+build.5")
            ),
            // `$filter` is form-encoded, name included: `$` → `%24`, `(` → `%28`, space → `+`.
            case!(
                reply = Reply::text("application/xml", "<feed/>"),
                "GET",
                "/api/v4/projects/1/packages/nuget/v2/Packages()",
                Some("%24filter=%28tolower%28Id%29+eq+%27my.package%27%29"),
                list_project_nuget_v2_packages(1, "(tolower(Id) eq 'my.package')")
            ),
            case!(
                reply = Reply::text("application/xml", "<edmx/>"),
                "GET",
                "/api/v4/projects/1/packages/nuget/v2/$metadata",
                None,
                get_project_nuget_v2_metadata(1)
            ),
            case!(
                reply = Reply::empty(204),
                "DELETE",
                "/api/v4/projects/1/packages/nuget/My.Package/1.0.0",
                None,
                delete_project_nuget_package_version(1, "My.Package", "1.0.0")
            ),
        ],
    )
    .await;

    let (out, req) = capture(
        &server,
        Reply::json(r#"{"version":"3.0.0"}"#),
        c.get_project_nuget_service_index(1),
    )
    .await;
    assert_eq!(out.unwrap().version.as_deref(), Some("3.0.0"));
    assert_eq!(req.target(), "GET /api/v4/projects/1/packages/nuget/index");

    let call = c
        .search_project_nuget_packages(1)
        .q("My.Package")
        .skip(0)
        .take(26)
        .prerelease(true);
    let (out, req) = capture(&server, Reply::json("{}"), call).await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/projects/1/packages/nuget/query");
    assert_query(
        &req,
        &["q=My.Package", "skip=0", "take=26", "prerelease=true"],
    );

    let (out, req) = capture(
        &server,
        Reply::bytes(b"PK"),
        c.get_project_nuget_package_file(1, "My.Package", "1.0.0", "my.package.1.0.0.nupkg"),
    )
    .await;
    assert_eq!(out.unwrap().as_ref(), b"PK");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1/packages/nuget/download/My.Package/1.0.0/my.package.1.0.0.nupkg"
    );

    // FACTS, bodies: PUT nuget and nuget/v2 are multipart, file field `package`.
    let form = Multipart::new().file("package", "my.package.1.0.0.nupkg", &b"PK\x03\x04"[..]);
    let (out, req) = capture(
        &server,
        replies::created(),
        c.upload_project_nuget_package(1, form),
    )
    .await;
    out.unwrap();
    assert_eq!(req.target(), "PUT /api/v4/projects/1/packages/nuget");
    let parts = req.multipart();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].name, "package");
    assert_eq!(
        parts[0].file_name.as_deref(),
        Some("my.package.1.0.0.nupkg")
    );
    assert_eq!(parts[0].data, b"PK\x03\x04");
    assert_eq!(req.credentials(), BASIC);

    let form = Multipart::new().file("package", "my.package.1.0.0.nupkg", &b"PK"[..]);
    let (out, req) = capture(
        &server,
        replies::created(),
        c.upload_project_nuget_v2_package(1, form),
    )
    .await;
    out.unwrap();
    assert_eq!(req.target(), "PUT /api/v4/projects/1/packages/nuget/v2");
    assert_eq!(req.multipart()[0].name, "package");

    // v2 OData routes: parentheses, quotes and commas are sent literally in the path.
    let (out, req) = capture(
        &server,
        Reply::text("application/xml", "<feed/>"),
        c.find_project_nuget_v2_packages_by_id(1, "'My.Package'"),
    )
    .await;
    assert_eq!(out.unwrap(), "<feed/>");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1/packages/nuget/v2/FindPackagesById()?id=%27My.Package%27"
    );

    let (out, req) = capture(
        &server,
        Reply::text("application/xml", "<entry/>"),
        c.get_project_nuget_v2_package(1, "My.Package", "1.0.0"),
    )
    .await;
    assert_eq!(out.unwrap(), "<entry/>");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1/packages/nuget/v2/Packages(Id='My.Package',Version='1.0.0')"
    );

    // Symbol files: three globs and a `Symbolchecksum` header.
    let (out, req) = capture(
        &server,
        Reply::bytes(b"pdb"),
        c.get_project_nuget_symbol_file(
            1,
            "mypackage.pdb",
            "k3ikcmk3ikcmk3ikcmk3ikcmk3ikcmk3ffffffff",
            "mypackage.pdb",
            "SHA256:0123456789abcdef",
        ),
    )
    .await;
    out.unwrap();
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1/packages/nuget/symbolfiles/mypackage.pdb/k3ikcmk3ikcmk3ikcmk3ikcmk3ikcmk3ffffffff/mypackage.pdb"
    );
    assert_eq!(
        req.header("symbolchecksum"),
        Some("SHA256:0123456789abcdef")
    );
}

/// One row per operation, for [`crate::all_operations`].
pub(crate) fn operations() -> Vec<Case> {
    vec![
        // nuget, group (7)
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/nuget/index",
            None,
            get_group_nuget_service_index("my-group")
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/nuget/metadata/Newtonsoft.Json/13.0.1",
            None,
            get_group_nuget_package_version_metadata("my-group", "Newtonsoft.Json", "13.0.1")
        ),
        case!(
            "GET",
            "/api/v4/groups/group%2Fsub/-/packages/nuget/metadata/Newtonsoft.Json/index",
            None,
            get_group_nuget_package_metadata("group/sub", "Newtonsoft.Json")
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/nuget/query",
            Some("q=json+parser&prerelease=true"),
            search_group_nuget_packages("my-group")
                .q("json parser")
                .prerelease(true)
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/nuget/symbolfiles/mylib.pdb/b1a2c3d4e5f60718293a4b5c6d7e8f90FFFFFFFF/mylib.pdb",
            None,
            get_group_nuget_symbol_file(
                "my-group",
                "mylib.pdb",
                "b1a2c3d4e5f60718293a4b5c6d7e8f90FFFFFFFF",
                "mylib.pdb",
                "SHA256:0123456789abcdef"
            )
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/nuget/v2",
            None,
            get_group_nuget_v2_service_index("my-group")
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/nuget/v2/$metadata",
            None,
            get_group_nuget_v2_metadata("my-group")
        ),
        // nuget, project (19)
        case!(
            reply = replies::created(),
            "PUT",
            "/api/v4/projects/42/packages/nuget",
            None,
            upload_project_nuget_package(
                42,
                Multipart::new().file("package", "My.Package.1.0.0.nupkg", b"PK".to_vec())
            )
        ),
        case!(
            "DELETE",
            "/api/v4/projects/42/packages/nuget/My.Package/1.0.0%2Bbuild",
            None,
            delete_project_nuget_package_version(42, "My.Package", "1.0.0+build")
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/nuget/authorize",
            None,
            authorize_project_nuget(42)
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/nuget/download/my.package/1.0.0/my.package.1.0.0.nupkg",
            None,
            get_project_nuget_package_file(42, "my.package", "1.0.0", "my.package.1.0.0.nupkg")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/nuget/download/my.package/index",
            None,
            list_project_nuget_package_versions(42, "my.package")
        ),
        case!(
            "GET",
            "/api/v4/projects/7/packages/nuget/index",
            None,
            get_project_nuget_service_index(7)
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/nuget/metadata/My.Package/1.0.0-beta%2Bsha.5114f85",
            None,
            get_project_nuget_package_version_metadata(42, "My.Package", "1.0.0-beta+sha.5114f85")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/nuget/metadata/My.Package/index",
            None,
            get_project_nuget_package_metadata(42, "My.Package")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/nuget/query",
            Some("q=My.Package&skip=10&take=5"),
            search_project_nuget_packages(42)
                .q("My.Package")
                .skip(10)
                .take(5)
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/nuget/symbolfiles/mylib.pdb/b1a2c3d4e5f60718293a4b5c6d7e8f90FFFFFFFF/mylib.pdb",
            None,
            get_project_nuget_symbol_file(
                42,
                "mylib.pdb",
                "b1a2c3d4e5f60718293a4b5c6d7e8f90FFFFFFFF",
                "mylib.pdb",
                "SHA256:0123456789abcdef"
            )
        ),
        case!(
            reply = replies::created(),
            "PUT",
            "/api/v4/projects/42/packages/nuget/symbolpackage",
            None,
            upload_project_nuget_symbol_package(
                42,
                Multipart::new().file("package", "My.Package.1.0.0.snupkg", b"PK".to_vec())
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/nuget/symbolpackage/authorize",
            None,
            authorize_project_nuget_symbol_package(42)
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/nuget/v2",
            None,
            get_project_nuget_v2_service_index(42)
        ),
        case!(
            reply = replies::created(),
            "PUT",
            "/api/v4/projects/42/packages/nuget/v2",
            None,
            upload_project_nuget_v2_package(
                42,
                Multipart::new().file("package", "My.Package.1.0.0.nupkg", b"PK".to_vec())
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/nuget/v2/$metadata",
            None,
            get_project_nuget_v2_metadata(42)
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/nuget/v2/authorize",
            None,
            authorize_project_nuget_v2(42)
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/nuget/v2/FindPackagesById()",
            Some("id=%27My.Package%27"),
            find_project_nuget_v2_packages_by_id(42, "'My.Package'")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/nuget/v2/Packages(Id='My.Package',Version='1.0.0')",
            None,
            get_project_nuget_v2_package(42, "My.Package", "1.0.0")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/nuget/v2/Packages()",
            Some("%24filter=%28tolower%28Id%29+eq+%27my.package%27%29"),
            list_project_nuget_v2_packages(42, "(tolower(Id) eq 'my.package')")
        ),
    ]
}

/// A `.nupkg` is sent as the `package` file, named `{id}.{version}.nupkg`, its bytes as
/// they are on disk (what GitLab's NuGet upload reads).
#[tokio::test]
async fn a_nupkg_is_uploaded_as_the_package_file() {
    use gitlab_packages::nuget_ext::NugetPackage;
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/nuget");
    let package = NugetPackage::read(fixtures.join("MyTool.1.2.3.nupkg")).unwrap();
    assert_eq!((package.id(), package.version()), ("MyTool", "1.2.3"));
    let server = tests::server::Server::start();
    let (result, request) = crate::support::capture(
        &server,
        tests::server::Reply::json(r#"{"message":"201 Created"}"#).status(201),
        crate::support::client(&server).upload_project_nuget_nupkg(42, &package),
    )
    .await;
    result.unwrap();
    assert_eq!(request.target(), "PUT /api/v4/projects/42/packages/nuget");
    let parts = request.multipart();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].name, "package");
    assert_eq!(parts[0].file_name.as_deref(), Some("MyTool.1.2.3.nupkg"));
    assert_eq!(
        parts[0].data,
        std::fs::read(fixtures.join("MyTool.1.2.3.nupkg")).unwrap()
    );
    let err = NugetPackage::read(fixtures.join("README.md")).unwrap_err();
    assert!(err.to_string().contains("is not a NuGet package"), "{err}");
}
