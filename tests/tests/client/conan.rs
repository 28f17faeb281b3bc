//! Conan v1 (instance and project level) and v2 (project level): the login that trades
//! HTTP Basic for a JWT, then `Authorization: Bearer` (FACTS, "Authentication"); recipe and
//! package references in paths; raw file uploads.
//!
//! Instance-level recipes name the project as `user` with `+` for `/`: a one-segment value,
//! so `+` is sent `%2B` (Grape decodes it back to `+`, FACTS).

use gitlab_packages::Auth;
use gitlab_packages::types::{ConanPackageReference, ConanRecipe, ConanRecipeRevision};
use serde_json::json;
use tests::server::{Reply, Server};

use crate::support::{capture, client, client_with};
use crate::table::{Case, run_cases};

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
        Reply::json("{}"),
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
        Reply::json("{}"),
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

/// A conan package reference (package id).
macro_rules! pref {
    () => {
        "227220812d7ea3aa060187bae41abbc9911dfdfd"
    };
}

/// A conan v2 recipe revision.
macro_rules! rrev {
    () => {
        "75151329520e7685dcf5da49ded2fec0"
    };
}

/// A conan v2 package revision.
macro_rules! prev {
    () => {
        "0ba8627bd47edc3a501e8f0eb9a79e5e"
    };
}

/// One row per operation, for [`crate::all_operations`].
pub(crate) fn operations() -> Vec<Case> {
    vec![
        // conan v1, instance (20)
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/search",
            Some("q=my-lib%2F1.0.0%40group%2Bproject%2Fstable&ignorecase=true"),
            search_conan_v1_recipes("my-lib/1.0.0@group+project/stable").ignorecase(true)
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0%2Bbuild/group%2Bproject/stable",
            None,
            get_conan_v1_recipe_snapshot(ConanRecipe::new(
                "my-lib",
                "1.0.0+build",
                "group+project",
                "stable"
            ))
        ),
        case!(
            "DELETE",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0%2Bbuild/group%2Bproject/stable",
            None,
            delete_conan_v1_recipe(ConanRecipe::new(
                "my-lib",
                "1.0.0+build",
                "group+project",
                "stable"
            ))
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/digest",
            None,
            get_conan_v1_recipe_manifest(ConanRecipe::new(
                "my-lib",
                "1.0.0",
                "group+project",
                "stable"
            ))
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/download_urls",
            None,
            get_conan_v1_recipe_download_urls(ConanRecipe::new(
                "my-lib",
                "1.0.0",
                "group+project",
                "stable"
            ))
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/packages/227220812d7ea3aa060187bae41abbc9911dfdfd",
            None,
            get_conan_v1_package_snapshot(
                ConanRecipe::new("my-lib", "1.0.0", "group+project", "stable"),
                pref!()
            )
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/digest",
            None,
            get_conan_v1_package_manifest(
                ConanRecipe::new("my-lib", "1.0.0", "group+project", "stable"),
                pref!()
            )
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/download_urls",
            None,
            get_conan_v1_package_download_urls(
                ConanRecipe::new("my-lib", "1.0.0", "group+project", "stable"),
                pref!()
            )
        ),
        case!(
            "POST",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/upload_urls",
            None,
            get_conan_v1_package_upload_urls(
                ConanRecipe::new("my-lib", "1.0.0", "group+project", "stable"),
                pref!(),
                json!({"conaninfo.txt": 24, "conan_package.tgz": 1024})
            )
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/search",
            None,
            search_conan_v1_recipe_packages(ConanRecipe::new(
                "my-lib",
                "1.0.0",
                "group+project",
                "stable"
            ))
        ),
        case!(
            "POST",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/upload_urls",
            None,
            get_conan_v1_recipe_upload_urls(
                ConanRecipe::new("my-lib", "1.0.0", "group+project", "stable"),
                json!({"conanfile.py": 410, "conanmanifest.txt": 130})
            )
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/files/my-lib/1.0.0/group%2Bproject/stable/0/export/conanfile.py",
            None,
            get_conan_v1_recipe_file(
                ConanRecipeRevision::new("my-lib", "1.0.0", "group+project", "stable", "0"),
                "conanfile.py"
            )
        ),
        case!(
            "PUT",
            "/api/v4/packages/conan/v1/files/my-lib/1.0.0%2Bbuild/group%2Bproject/stable/0/export/conanmanifest.txt",
            None,
            upload_conan_v1_recipe_file(
                ConanRecipeRevision::new("my-lib", "1.0.0+build", "group+project", "stable", "0"),
                "conanmanifest.txt",
                "1700000000\nconanfile.py: abc\n"
            )
        ),
        case!(
            "PUT",
            "/api/v4/packages/conan/v1/files/my-lib/1.0.0/group%2Bproject/stable/0/export/conanfile.py/authorize",
            None,
            authorize_conan_v1_recipe_file(
                ConanRecipeRevision::new("my-lib", "1.0.0", "group+project", "stable", "0"),
                "conanfile.py"
            )
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/files/my-lib/1.0.0/group%2Bproject/stable/0/package/227220812d7ea3aa060187bae41abbc9911dfdfd/0/conaninfo.txt",
            None,
            get_conan_v1_package_file(
                ConanPackageReference::new(
                    "my-lib",
                    "1.0.0",
                    "group+project",
                    "stable",
                    "0",
                    pref!(),
                    "0"
                ),
                "conaninfo.txt"
            )
        ),
        case!(
            "PUT",
            "/api/v4/packages/conan/v1/files/my-lib/1.0.0/group%2Bproject/stable/0/package/227220812d7ea3aa060187bae41abbc9911dfdfd/0/conan_package.tgz",
            None,
            upload_conan_v1_package_file(
                ConanPackageReference::new(
                    "my-lib",
                    "1.0.0",
                    "group+project",
                    "stable",
                    "0",
                    pref!(),
                    "0"
                ),
                "conan_package.tgz",
                b"\x1f\x8b\x08\x00".to_vec()
            )
        ),
        case!(
            "PUT",
            "/api/v4/packages/conan/v1/files/my-lib/1.0.0/group%2Bproject/stable/0/package/227220812d7ea3aa060187bae41abbc9911dfdfd/0/conan_package.tgz/authorize",
            None,
            authorize_conan_v1_package_file(
                ConanPackageReference::new(
                    "my-lib",
                    "1.0.0",
                    "group+project",
                    "stable",
                    "0",
                    pref!(),
                    "0"
                ),
                "conan_package.tgz"
            )
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/ping",
            None,
            ping_conan_v1()
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/users/authenticate",
            None,
            authenticate_conan_v1()
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/users/check_credentials",
            None,
            check_conan_v1_credentials()
        ),
        // conan v1, project (20)
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/conans/search",
            Some("q=my-lib%2F1.0.0%40_%2F_&ignorecase=false"),
            search_project_conan_v1_recipes("group/project", "my-lib/1.0.0@_/_").ignorecase(false)
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_",
            None,
            get_project_conan_v1_recipe_snapshot(
                42u64,
                ConanRecipe::new("my-lib", "1.0.0", "_", "_")
            )
        ),
        case!(
            "DELETE",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/conans/my-lib/2.1.0%2Bcu118/_/_",
            None,
            delete_project_conan_v1_recipe(
                "group/project",
                ConanRecipe::new("my-lib", "2.1.0+cu118", "_", "_")
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_/digest",
            None,
            get_project_conan_v1_recipe_manifest(
                42u64,
                ConanRecipe::new("my-lib", "1.0.0", "_", "_")
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_/download_urls",
            None,
            get_project_conan_v1_recipe_download_urls(
                42u64,
                ConanRecipe::new("my-lib", "1.0.0", "_", "_")
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_/packages/227220812d7ea3aa060187bae41abbc9911dfdfd",
            None,
            get_project_conan_v1_package_snapshot(
                42u64,
                ConanRecipe::new("my-lib", "1.0.0", "_", "_"),
                pref!()
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/digest",
            None,
            get_project_conan_v1_package_manifest(
                42u64,
                ConanRecipe::new("my-lib", "1.0.0", "_", "_"),
                pref!()
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/download_urls",
            None,
            get_project_conan_v1_package_download_urls(
                42u64,
                ConanRecipe::new("my-lib", "1.0.0", "_", "_"),
                pref!()
            )
        ),
        case!(
            "POST",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/conans/my-lib/1.0.0/_/_/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/upload_urls",
            None,
            get_project_conan_v1_package_upload_urls(
                "group/project",
                ConanRecipe::new("my-lib", "1.0.0", "_", "_"),
                pref!(),
                json!({"conaninfo.txt": 24})
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_/search",
            None,
            search_project_conan_v1_recipe_packages(
                42u64,
                ConanRecipe::new("my-lib", "1.0.0", "_", "_")
            )
        ),
        case!(
            "POST",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/conans/my-lib/1.0.0/_/_/upload_urls",
            None,
            get_project_conan_v1_recipe_upload_urls(
                "group/project",
                ConanRecipe::new("my-lib", "1.0.0", "_", "_"),
                json!({"conanfile.py": 410})
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/files/my-lib/1.0.0/_/_/0/export/conanfile.py",
            None,
            get_project_conan_v1_recipe_file(
                42u64,
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", "0"),
                "conanfile.py"
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/files/my-lib/1.0.0/_/_/0/export/conan_export.tgz",
            None,
            upload_project_conan_v1_recipe_file(
                "group/project",
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", "0"),
                "conan_export.tgz",
                b"\x1f\x8b\x08\x00".to_vec()
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/conan/v1/files/my-lib/1.0.0/_/_/0/export/conan_export.tgz/authorize",
            None,
            authorize_project_conan_v1_recipe_file(
                42u64,
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", "0"),
                "conan_export.tgz"
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/files/my-lib/1.0.0/_/_/0/package/227220812d7ea3aa060187bae41abbc9911dfdfd/0/conanmanifest.txt",
            None,
            get_project_conan_v1_package_file(
                42u64,
                ConanPackageReference::new("my-lib", "1.0.0", "_", "_", "0", pref!(), "0"),
                "conanmanifest.txt"
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/files/my-lib/1.0.0/_/_/0/package/227220812d7ea3aa060187bae41abbc9911dfdfd/0/conaninfo.txt",
            None,
            upload_project_conan_v1_package_file(
                "group/project",
                ConanPackageReference::new("my-lib", "1.0.0", "_", "_", "0", pref!(), "0"),
                "conaninfo.txt",
                "[settings]\nos=Linux\n"
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/conan/v1/files/my-lib/1.0.0/_/_/0/package/227220812d7ea3aa060187bae41abbc9911dfdfd/0/conaninfo.txt/authorize",
            None,
            authorize_project_conan_v1_package_file(
                42u64,
                ConanPackageReference::new("my-lib", "1.0.0", "_", "_", "0", pref!(), "0"),
                "conaninfo.txt"
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/ping",
            None,
            ping_project_conan_v1(42u64)
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/users/authenticate",
            None,
            authenticate_project_conan_v1("group/project")
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/users/check_credentials",
            None,
            check_project_conan_v1_credentials("group/project")
        ),
        // conan v2, project (19)
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/search",
            Some("q=my+lib&ignorecase=true"),
            search_project_conan_v2_recipes("group/project", "my lib").ignorecase(true)
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/latest",
            None,
            get_project_conan_v2_recipe_latest_revision(
                42u64,
                ConanRecipe::new("my-lib", "1.0.0", "_", "_")
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions",
            None,
            list_project_conan_v2_recipe_revisions(
                42u64,
                ConanRecipe::new("my-lib", "1.0.0", "_", "_")
            )
        ),
        case!(
            "DELETE",
            "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/my-lib/1.0.0%2Bbuild/_/_/revisions/75151329520e7685dcf5da49ded2fec0",
            None,
            delete_project_conan_v2_recipe_revision(
                "group/project",
                ConanRecipeRevision::new("my-lib", "1.0.0+build", "_", "_", rrev!())
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/files",
            None,
            list_project_conan_v2_recipe_files(
                42u64,
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", rrev!())
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/files/conanfile.py",
            None,
            get_project_conan_v2_recipe_file(
                42u64,
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", rrev!()),
                "conanfile.py"
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/files/conanfile.py",
            None,
            upload_project_conan_v2_recipe_file(
                "group/project",
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", rrev!()),
                "conanfile.py",
                "from conan import ConanFile\n"
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/files/conanfile.py/authorize",
            None,
            authorize_project_conan_v2_recipe_file(
                42u64,
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", rrev!()),
                "conanfile.py"
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/latest",
            None,
            get_project_conan_v2_package_latest_revision(
                42u64,
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", rrev!()),
                pref!()
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/revisions",
            None,
            list_project_conan_v2_package_revisions(
                42u64,
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", rrev!()),
                pref!()
            )
        ),
        case!(
            "DELETE",
            "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/revisions/0ba8627bd47edc3a501e8f0eb9a79e5e",
            None,
            delete_project_conan_v2_package_revision(
                "group/project",
                ConanPackageReference::new("my-lib", "1.0.0", "_", "_", rrev!(), pref!(), prev!())
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/revisions/0ba8627bd47edc3a501e8f0eb9a79e5e/files",
            None,
            list_project_conan_v2_package_files(
                42u64,
                ConanPackageReference::new("my-lib", "1.0.0", "_", "_", rrev!(), pref!(), prev!())
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/revisions/0ba8627bd47edc3a501e8f0eb9a79e5e/files/conan_package.tgz",
            None,
            get_project_conan_v2_package_file(
                42u64,
                ConanPackageReference::new("my-lib", "1.0.0", "_", "_", rrev!(), pref!(), prev!()),
                "conan_package.tgz"
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/revisions/0ba8627bd47edc3a501e8f0eb9a79e5e/files/conan_package.tgz",
            None,
            upload_project_conan_v2_package_file(
                "group/project",
                ConanPackageReference::new("my-lib", "1.0.0", "_", "_", rrev!(), pref!(), prev!()),
                "conan_package.tgz",
                b"\x1f\x8b\x08\x00".to_vec()
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/revisions/0ba8627bd47edc3a501e8f0eb9a79e5e/files/conan_package.tgz/authorize",
            None,
            authorize_project_conan_v2_package_file(
                42u64,
                ConanPackageReference::new("my-lib", "1.0.0", "_", "_", rrev!(), pref!(), prev!()),
                "conan_package.tgz"
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/search",
            None,
            search_project_conan_v2_recipe_revision_packages(
                42u64,
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", rrev!())
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/my-lib/1.0.0/_/_/search",
            None,
            search_project_conan_v2_recipe_packages(
                "group/project",
                ConanRecipe::new("my-lib", "1.0.0", "_", "_")
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/users/authenticate",
            None,
            authenticate_project_conan_v2(42u64)
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fsub%2Fproject/packages/conan/v2/users/check_credentials",
            None,
            check_project_conan_v2_credentials("group/sub/project")
        ),
    ]
}

/// Conan references as Conan writes them: parsed into the types the operations take,
/// printed back the same, refused with the expected form when a part is missing, and
/// sent as the path variables they stand for.
#[tokio::test]
async fn conan_references_parse_print_and_fill_the_path() {
    let recipe: ConanRecipe = "my-package/1.0@my-group+my-project/stable".parse().unwrap();
    assert_eq!(
        recipe,
        ConanRecipe::new("my-package", "1.0", "my-group+my-project", "stable")
    );
    assert_eq!(
        recipe.to_string(),
        "my-package/1.0@my-group+my-project/stable"
    );
    let reference: ConanPackageReference = "zlib/1.3@_/_#rrev1:0ff1ce#prev2".parse().unwrap();
    assert_eq!(
        (
            reference.name.as_str(),
            reference.user.as_str(),
            reference.recipe_revision.as_str(),
            reference.package_id.as_str(),
            reference.package_revision.as_str()
        ),
        ("zlib", "_", "rrev1", "0ff1ce", "prev2")
    );
    assert_eq!(reference.to_string(), "zlib/1.3@_/_#rrev1:0ff1ce#prev2");
    for bad in ["zlib/1.3", "zlib/1.3@_", "zlib/1.3@_/_#", "/1.3@_/_"] {
        let err = bad.parse::<ConanRecipeRevision>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "not a Conan recipe reference with its revision: expected the form `name/version@user/channel#revision`",
            "{bad}"
        );
    }

    let server = Server::start();
    let c = client(&server);
    let (out, req) = capture(
        &server,
        Reply::bytes("PK"),
        c.get_project_conan_v2_package_file(1234, &reference, "conaninfo.txt"),
    )
    .await;
    out.unwrap();
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1234/packages/conan/v2/conans/zlib/1.3/_/_/revisions/rrev1/packages/0ff1ce/revisions/prev2/files/conaninfo.txt"
    );
    // A part that would change the endpoint is refused before anything is sent.
    let bad = ConanRecipe::new("zlib", "..", "_", "_");
    let err = c.get_conan_v1_recipe_snapshot(&bad).await.unwrap_err();
    assert!(
        err.to_string()
            .ends_with("parameter `package_version`: must not be `..`"),
        "{err}"
    );
}
