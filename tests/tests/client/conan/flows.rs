//! The v1 and v2 logins (Basic for a JWT), then calls with `Authorization: Bearer`.

use gitlab_packages::Auth;
use gitlab_packages::types::{ConanPackageReference, ConanRecipe, ConanRecipeRevision};
use serde_json::json;
use tests::server::{Reply, Server};

use crate::support::{capture, client_with};
use crate::table::{replies, run_cases};

/// "Aladdin:open sesame" is RFC 7617's example: base64 `QWxhZGRpbjpvcGVuIHNlc2FtZQ==`.
const ALADDIN: [(&str, &str); 1] = [("authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")];

#[tokio::test]
async fn conan_v1_operations() {
    // FACTS, authentication: Basic to `users/authenticate`, which returns a JWT as text.
    let server = Server::start();
    let login = client_with(&server.url(), Auth::basic("Aladdin", "open sesame"));
    let (out, req) = capture(
        &server,
        Reply::text("text/plain", "eyJhbGciOiJIUzI1NiJ9.e30.sig"),
        login.authenticate_conan_v1(),
    )
    .await;
    assert_eq!(out.unwrap(), "eyJhbGciOiJIUzI1NiJ9.e30.sig");
    assert_eq!(
        req.target(),
        "GET /api/v4/packages/conan/v1/users/authenticate"
    );
    assert_eq!(req.credentials(), ALADDIN);

    // Later calls send `Authorization: Bearer <jwt>`, and nothing else.
    let c = client_with(&server.url(), Auth::bearer("eyJhbGciOiJIUzI1NiJ9.e30.sig"));
    let bearer = [("authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig")];
    run_cases(
        &server,
        &c,
        &bearer,
        &[
            case!(
                reply = Reply::empty(200),
                "GET",
                "/api/v4/packages/conan/v1/ping",
                None,
                ping_conan_v1()
            ),
            // `q` is form-encoded: `*` stays, as in form-urlencoding.
            case!(
                reply = Reply::json(r#"{"results":[]}"#),
                "GET",
                "/api/v4/packages/conan/v1/conans/search",
                Some("q=Hello*&ignorecase=true"),
                search_conan_v1_recipes("Hello*").ignorecase(true)
            ),
            case!(
                "GET",
                "/api/v4/packages/conan/v1/conans/my-package/1.0/my-group%2Bmy-project/stable",
                None,
                get_conan_v1_recipe_snapshot(ConanRecipe::new("my-package", "1.0", "my-group+my-project", "stable"))
            ),
            case!(
                "GET",
                "/api/v4/packages/conan/v1/conans/my-package/1.0/_/_/packages/103f6067a947f366ef91fc1b7da351c588d1827f/download_urls",
                None,
                get_conan_v1_package_download_urls(ConanRecipe::new("my-package", "1.0", "_", "_"), "103f6067a947f366ef91fc1b7da351c588d1827f")
            ),
            case!(
                reply = replies::package(),
                "DELETE",
                "/api/v4/packages/conan/v1/conans/my-package/1.0/my-group%2Bmy-project/stable",
                None,
                delete_conan_v1_recipe(ConanRecipe::new("my-package", "1.0", "my-group+my-project", "stable"))
            ),
        ],
    )
    .await;

    let (out, req) = capture(
        &server,
        Reply::text("text/plain", "ok"),
        c.check_conan_v1_credentials(),
    )
    .await;
    assert_eq!(out.unwrap(), "ok");
    assert_eq!(
        req.target(),
        "GET /api/v4/packages/conan/v1/users/check_credentials"
    );

    // FACTS, bodies: PUT conan files are raw bytes.
    let (out, req) = capture(
        &server,
        replies::package_file(),
        c.upload_conan_v1_package_file(
            ConanPackageReference::new(
                "my-package",
                "1.0",
                "my-group+my-project",
                "stable",
                "0",
                "103f6067a947f366ef91fc1b7da351c588d1827f",
                "0",
            ),
            "conaninfo.txt",
            "[settings]\n",
        ),
    )
    .await;
    out.unwrap();
    assert_eq!(
        req.target(),
        "PUT /api/v4/packages/conan/v1/files/my-package/1.0/my-group%2Bmy-project/stable/0/package/103f6067a947f366ef91fc1b7da351c588d1827f/0/conaninfo.txt"
    );
    assert_eq!(req.content_type(), Some("application/octet-stream"));
    assert_eq!(req.body, b"[settings]\n");

    let (out, req) = capture(
        &server,
        Reply::bytes(&b"from conans import ConanFile\n"[..]),
        c.get_conan_v1_recipe_file(
            ConanRecipeRevision::new("my-package", "1.0", "_", "_", "0"),
            "conanfile.py",
        ),
    )
    .await;
    assert_eq!(out.unwrap().as_ref(), b"from conans import ConanFile\n");
    assert_eq!(
        req.target(),
        "GET /api/v4/packages/conan/v1/files/my-package/1.0/_/_/0/export/conanfile.py"
    );

    // Project-level v1, JSON body for upload URLs.
    let (out, req) = capture(
        &server,
        Reply::json("{}"),
        c.get_project_conan_v1_recipe_upload_urls(
            "group/project",
            ConanRecipe::new("my-package", "1.0", "_", "_"),
            json!({"conanfile.py": 410, "conanmanifest.txt": 130}),
        ),
    )
    .await;
    out.unwrap();
    assert_eq!(
        req.target(),
        "POST /api/v4/projects/group%2Fproject/packages/conan/v1/conans/my-package/1.0/_/_/upload_urls"
    );
    assert_eq!(req.content_type(), Some("application/json"));
    assert_eq!(
        req.body_json(),
        json!({"conanfile.py": 410, "conanmanifest.txt": 130})
    );

    let (out, req) = capture(
        &server,
        Reply::text("text/plain", "jwt"),
        c.authenticate_project_conan_v1(1234),
    )
    .await;
    assert_eq!(out.unwrap(), "jwt");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1234/packages/conan/v1/users/authenticate"
    );
}

#[tokio::test]
async fn conan_v2_operations() {
    let server = Server::start();
    let login = client_with(&server.url(), Auth::basic("Aladdin", "open sesame"));
    let (out, req) = capture(
        &server,
        Reply::text("text/plain", "jwt-v2"),
        login.authenticate_project_conan_v2(1234),
    )
    .await;
    assert_eq!(out.unwrap(), "jwt-v2");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1234/packages/conan/v2/users/authenticate"
    );
    assert_eq!(req.credentials(), ALADDIN);

    let c = client_with(&server.url(), Auth::bearer("jwt-v2"));
    let bearer = [("authorization", "Bearer jwt-v2")];
    // Recipe revision 75151329…, package reference 103f6067…, package revision 6e8ba7ff….
    run_cases(
        &server,
        &c,
        &bearer,
        &[
            case!(
                "GET",
                "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/my-package/1.0/user/channel/revisions",
                None,
                list_project_conan_v2_recipe_revisions("group/project", ConanRecipe::new("my-package", "1.0", "user", "channel"))
            ),
            case!(
                "GET",
                "/api/v4/projects/1234/packages/conan/v2/conans/my-package/1.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/103f6067a947f366ef91fc1b7da351c588d1827f/revisions/6e8ba7ff6a4a1d8c3b5d8e2f4b3c2a10/files",
                None,
                list_project_conan_v2_package_files(1234, ConanPackageReference::new("my-package", "1.0", "_", "_", "75151329520e7685dcf5da49ded2fec0", "103f6067a947f366ef91fc1b7da351c588d1827f", "6e8ba7ff6a4a1d8c3b5d8e2f4b3c2a10"))
            ),
            case!(
                reply = Reply::empty(204),
                "DELETE",
                "/api/v4/projects/1234/packages/conan/v2/conans/my-package/1.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0",
                None,
                delete_project_conan_v2_recipe_revision(1234, ConanRecipeRevision::new("my-package", "1.0", "_", "_", "75151329520e7685dcf5da49ded2fec0"))
            ),
            case!(
                reply = replies::conan_search(),
                "GET",
                "/api/v4/projects/1234/packages/conan/v2/conans/search",
                Some("q=my-package%2F1.0%40*"),
                search_project_conan_v2_recipes(1234, "my-package/1.0@*")
            ),
        ],
    )
    .await;

    let (out, req) = capture(
        &server,
        Reply::json(r#"{"revision":"75151329520e7685dcf5da49ded2fec0"}"#),
        c.get_project_conan_v2_recipe_latest_revision(
            1234,
            ConanRecipe::new("my-package", "1.0", "_", "_"),
        ),
    )
    .await;
    assert_eq!(
        out.unwrap().revision.as_deref(),
        Some("75151329520e7685dcf5da49ded2fec0")
    );
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1234/packages/conan/v2/conans/my-package/1.0/_/_/latest"
    );
    assert_eq!(req.credentials(), bearer);

    let (out, req) = capture(
        &server,
        Reply::bytes(&b"[settings]\n"[..]),
        c.get_project_conan_v2_package_file(
            1234,
            ConanPackageReference::new(
                "my-package",
                "1.0",
                "_",
                "_",
                "75151329520e7685dcf5da49ded2fec0",
                "103f6067a947f366ef91fc1b7da351c588d1827f",
                "6e8ba7ff6a4a1d8c3b5d8e2f4b3c2a10",
            ),
            "conaninfo.txt",
        ),
    )
    .await;
    assert_eq!(out.unwrap().as_ref(), b"[settings]\n");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1234/packages/conan/v2/conans/my-package/1.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/103f6067a947f366ef91fc1b7da351c588d1827f/revisions/6e8ba7ff6a4a1d8c3b5d8e2f4b3c2a10/files/conaninfo.txt"
    );

    let (out, req) = capture(
        &server,
        replies::package_file(),
        c.upload_project_conan_v2_recipe_file(
            1234,
            ConanRecipeRevision::new(
                "my-package",
                "1.0",
                "_",
                "_",
                "75151329520e7685dcf5da49ded2fec0",
            ),
            "conanfile.py",
            "from conan import ConanFile\n",
        ),
    )
    .await;
    out.unwrap();
    assert_eq!(
        req.target(),
        "PUT /api/v4/projects/1234/packages/conan/v2/conans/my-package/1.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/files/conanfile.py"
    );
    assert_eq!(req.content_type(), Some("application/octet-stream"));
    assert_eq!(req.body, b"from conan import ConanFile\n");
}
