//! Every operation of the generated client (`gitlab-packages`), one request each, against a
//! loopback HTTP server: method, raw path, raw query and credential headers.
//!
//! The expectations are a hand-written table: every expected path and query is a string
//! literal, written from the path templates of `generated-client/OPERATIONS.md` (read when
//! the table was written, never at run time) and the encoding rules of
//! `/work/shared/docs/SERVER-FACTS.md`:
//!
//! - a one-segment variable (`{x}`) is percent-encoded outside `A-Za-z0-9-._~`
//!   (`group/project` → `group%2Fproject`, `@` → `%40`, `+` → `%2B`, `:` → `%3A`, `$` → `%24`);
//! - a glob variable (`*x`) keeps its `/` and encodes each segment the same way;
//! - literal text of a template (`$metadata`, `@v`, `Packages(Id='…')`) is sent as written;
//! - queries are form-urlencoded (`+` → `%2B`, space → `+`, `/` → `%2F`, `'` → `%27`,
//!   `=` → `%3D`); arrays as `name%5B%5D=a&name%5B%5D=b`.
//!
//! Nothing here calls the generator or shares an encoding helper with the client.
//!
//! The server answers `200` with `{}` unless a row gives its own reply: an operation whose
//! answer decodes into a generated type with required fields (a list, a `Package`, a
//! `DebianDistribution`, …) gets a minimal body of that type, so every call must return `Ok`.

use std::collections::{BTreeSet, HashSet};
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body as HttpBody;
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, HeaderValue};
use axum::response::Response;
use gitlab_packages::types::{
    ComposerPackageSource, DebianDistributionChanges, NewDebianDistribution, PackageFileOrderBy,
    SortDirection,
};
use gitlab_packages::{Auth, Client, Error, Multipart};
use serde_json::json;

/// The token of the client; sent as `PRIVATE-TOKEN`.
const TOKEN: &str = "glpat-all-ops";

/// Headers that carry a credential; only `private-token` may be present.
const CREDENTIAL_HEADERS: [&str; 6] = [
    "private-token",
    "authorization",
    "job-token",
    "deploy-token",
    "x-nuget-apikey",
    "cookie",
];

/// Number of operations of the generated client (OPERATIONS.md: "187 operations").
const OPERATION_COUNT: usize = 187;

// ---------------------------------------------------------------------------------------
// Harness: a server that records requests and answers `200` with the row's reply (`{}`
// unless the row gives one).
// ---------------------------------------------------------------------------------------

/// One request as the server received it.
#[derive(Debug)]
struct Recorded {
    method: String,
    /// `uri.path()` as received (not decoded).
    path: String,
    /// `uri.query()` as received (not decoded).
    query: Option<String>,
    /// Every credential header received: lowercase name and value (repeats included).
    credentials: Vec<(String, String)>,
}

type Log = Arc<Mutex<Vec<Recorded>>>;

/// The JSON body the server answers with; set from the row before each call.
type Reply = Arc<Mutex<&'static str>>;

/// The reply of a row that gives none: `{}`, which every response kind without required
/// fields accepts (untyped JSON and all-optional types decode it, text and bytes take it as
/// is, empty discards it).
const DEFAULT_REPLY: &str = "{}";

/// A minimal `API_Entities_Package` (every required field: id, name, version, package_type,
/// created_at).
const PACKAGE_REPLY: &str = r#"{"id":1,"name":"my-package","version":"1.0.0","package_type":"generic","created_at":"2024-01-02T03:04:05Z"}"#;

/// A minimal `API_Entities_Packages_Debian_Distribution` (id and codename are required).
const DISTRIBUTION_REPLY: &str = r#"{"id":1,"codename":"sid"}"#;

/// Records the request; answers `200` with the current reply as JSON.
async fn record(State((log, reply)): State<(Log, Reply)>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    // Read the whole body so uploads complete normally.
    let _ = axum::body::to_bytes(body, 1 << 20).await;
    let credentials = parts
        .headers
        .iter()
        .filter(|(name, _)| CREDENTIAL_HEADERS.contains(&name.as_str()))
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect();
    log.lock().unwrap().push(Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        credentials,
    });
    let body: &'static str = *reply.lock().unwrap();
    let mut response = Response::new(HttpBody::from(body));
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// Starts the server on `127.0.0.1:<random port>`.
async fn start_server() -> (SocketAddr, Log, Reply, tokio::task::JoinHandle<()>) {
    let log: Log = Arc::new(Mutex::new(Vec::new()));
    let reply: Reply = Arc::new(Mutex::new(DEFAULT_REPLY));
    let app = Router::new()
        .fallback(record)
        .with_state((log.clone(), reply.clone()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local address");
    let task = tokio::spawn(async move {
        axum::serve(listener, app).await.expect("server");
    });
    (addr, log, reply, task)
}

// ---------------------------------------------------------------------------------------
// The table.
// ---------------------------------------------------------------------------------------

type CallFuture<'a> = Pin<Box<dyn Future<Output = Result<(), Error>> + Send + 'a>>;

/// One operation: its Rust method, the request it must send, the server's answer, and the
/// call.
struct Case {
    name: &'static str,
    method: &'static str,
    path: &'static str,
    query: Option<&'static str>,
    /// The JSON body the server answers this row with.
    reply: &'static str,
    call: for<'a> fn(&'a Client) -> CallFuture<'a>,
}

/// `case!("GET", "/expected/path", Some("expected=query"), method_name(args).setter(value))`:
/// the row's name is the method called, so the two cannot disagree. The server answers `{}`;
/// `case!(reply = "[]", "GET", …)` gives the row another answer.
macro_rules! case {
    (reply = $reply:expr, $method:literal, $path:literal, $query:expr, $name:ident $($tail:tt)*) => {
        Case {
            name: stringify!($name),
            method: $method,
            path: $path,
            query: $query,
            reply: $reply,
            call: |c| Box::pin(async move { c.$name $($tail)* .await.map(drop) }),
        }
    };
    ($method:literal, $path:literal, $query:expr, $name:ident $($tail:tt)*) => {
        case!(reply = DEFAULT_REPLY, $method, $path, $query, $name $($tail)*)
    };
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

/// A SHA-256 as hex.
macro_rules! sha {
    () => {
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    };
}

fn cases() -> Vec<Case> {
    vec![
        // ---------------------------------------------------------------- cargo (1)
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/cargo/config.json",
            None,
            get_project_cargo_config("group/project")
        ),
        // ---------------------------------------------------------------- composer (6)
        case!(
            "GET",
            "/api/v4/group/my-group/-/packages/composer/vendor/my-package%241234abcd.json",
            None,
            get_group_composer_package_metadata("my-group", "vendor/my-package$1234abcd.json")
        ),
        case!(
            "GET",
            "/api/v4/group/group%2Fsub/-/packages/composer/p/f0a1b2c3d4",
            None,
            get_group_composer_packages_list("group/sub", "f0a1b2c3d4")
        ),
        case!(
            "GET",
            "/api/v4/group/42/-/packages/composer/p2/vendor/my-package~dev",
            None,
            get_group_composer_v2_package_metadata(42u64, "vendor/my-package~dev")
        ),
        case!(
            "GET",
            "/api/v4/group/group%2Fsub/-/packages/composer/packages",
            None,
            get_group_composer_repository("group/sub")
        ),
        case!(
            "POST",
            "/api/v4/projects/group%2Fproject/packages/composer",
            None,
            create_project_composer_package(
                "group/project",
                ComposerPackageSource {
                    tag: Some("v1.0.0".into()),
                    branch: None
                }
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/composer/archives/vendor/my-package.zip",
            Some("sha=a1b2c3d4"),
            get_project_composer_archive("group/project", "vendor/my-package.zip", "a1b2c3d4")
        ),
        // ---------------------------------------------------------------- conan v1, instance (20)
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
            get_conan_v1_recipe_snapshot("my-lib", "1.0.0+build", "group+project", "stable")
        ),
        case!(
            "DELETE",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0%2Bbuild/group%2Bproject/stable",
            None,
            delete_conan_v1_recipe("my-lib", "1.0.0+build", "group+project", "stable")
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/digest",
            None,
            get_conan_v1_recipe_manifest("my-lib", "1.0.0", "group+project", "stable")
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/download_urls",
            None,
            get_conan_v1_recipe_download_urls("my-lib", "1.0.0", "group+project", "stable")
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/packages/227220812d7ea3aa060187bae41abbc9911dfdfd",
            None,
            get_conan_v1_package_snapshot("my-lib", "1.0.0", "group+project", "stable", pref!())
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/digest",
            None,
            get_conan_v1_package_manifest("my-lib", "1.0.0", "group+project", "stable", pref!())
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/download_urls",
            None,
            get_conan_v1_package_download_urls(
                "my-lib",
                "1.0.0",
                "group+project",
                "stable",
                pref!()
            )
        ),
        case!(
            "POST",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/upload_urls",
            None,
            get_conan_v1_package_upload_urls(
                "my-lib",
                "1.0.0",
                "group+project",
                "stable",
                pref!(),
                json!({"conaninfo.txt": 24, "conan_package.tgz": 1024})
            )
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/search",
            None,
            search_conan_v1_recipe_packages("my-lib", "1.0.0", "group+project", "stable")
        ),
        case!(
            "POST",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/upload_urls",
            None,
            get_conan_v1_recipe_upload_urls(
                "my-lib",
                "1.0.0",
                "group+project",
                "stable",
                json!({"conanfile.py": 410, "conanmanifest.txt": 130})
            )
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/files/my-lib/1.0.0/group%2Bproject/stable/0/export/conanfile.py",
            None,
            get_conan_v1_recipe_file(
                "my-lib",
                "1.0.0",
                "group+project",
                "stable",
                "0",
                "conanfile.py"
            )
        ),
        case!(
            "PUT",
            "/api/v4/packages/conan/v1/files/my-lib/1.0.0%2Bbuild/group%2Bproject/stable/0/export/conanmanifest.txt",
            None,
            upload_conan_v1_recipe_file(
                "my-lib",
                "1.0.0+build",
                "group+project",
                "stable",
                "0",
                "conanmanifest.txt",
                "1700000000\nconanfile.py: abc\n"
            )
        ),
        case!(
            "PUT",
            "/api/v4/packages/conan/v1/files/my-lib/1.0.0/group%2Bproject/stable/0/export/conanfile.py/authorize",
            None,
            authorize_conan_v1_recipe_file(
                "my-lib",
                "1.0.0",
                "group+project",
                "stable",
                "0",
                "conanfile.py"
            )
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/files/my-lib/1.0.0/group%2Bproject/stable/0/package/227220812d7ea3aa060187bae41abbc9911dfdfd/0/conaninfo.txt",
            None,
            get_conan_v1_package_file(
                "my-lib",
                "1.0.0",
                "group+project",
                "stable",
                "0",
                pref!(),
                "0",
                "conaninfo.txt"
            )
        ),
        case!(
            "PUT",
            "/api/v4/packages/conan/v1/files/my-lib/1.0.0/group%2Bproject/stable/0/package/227220812d7ea3aa060187bae41abbc9911dfdfd/0/conan_package.tgz",
            None,
            upload_conan_v1_package_file(
                "my-lib",
                "1.0.0",
                "group+project",
                "stable",
                "0",
                pref!(),
                "0",
                "conan_package.tgz",
                b"\x1f\x8b\x08\x00".to_vec()
            )
        ),
        case!(
            "PUT",
            "/api/v4/packages/conan/v1/files/my-lib/1.0.0/group%2Bproject/stable/0/package/227220812d7ea3aa060187bae41abbc9911dfdfd/0/conan_package.tgz/authorize",
            None,
            authorize_conan_v1_package_file(
                "my-lib",
                "1.0.0",
                "group+project",
                "stable",
                "0",
                pref!(),
                "0",
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
        // ---------------------------------------------------------------- conan v1, project (20)
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
            get_project_conan_v1_recipe_snapshot(42u64, "my-lib", "1.0.0", "_", "_")
        ),
        case!(
            "DELETE",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/conans/my-lib/2.1.0%2Bcu118/_/_",
            None,
            delete_project_conan_v1_recipe("group/project", "my-lib", "2.1.0+cu118", "_", "_")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_/digest",
            None,
            get_project_conan_v1_recipe_manifest(42u64, "my-lib", "1.0.0", "_", "_")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_/download_urls",
            None,
            get_project_conan_v1_recipe_download_urls(42u64, "my-lib", "1.0.0", "_", "_")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_/packages/227220812d7ea3aa060187bae41abbc9911dfdfd",
            None,
            get_project_conan_v1_package_snapshot(42u64, "my-lib", "1.0.0", "_", "_", pref!())
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/digest",
            None,
            get_project_conan_v1_package_manifest(42u64, "my-lib", "1.0.0", "_", "_", pref!())
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/download_urls",
            None,
            get_project_conan_v1_package_download_urls(42u64, "my-lib", "1.0.0", "_", "_", pref!())
        ),
        case!(
            "POST",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/conans/my-lib/1.0.0/_/_/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/upload_urls",
            None,
            get_project_conan_v1_package_upload_urls(
                "group/project",
                "my-lib",
                "1.0.0",
                "_",
                "_",
                pref!(),
                json!({"conaninfo.txt": 24})
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_/search",
            None,
            search_project_conan_v1_recipe_packages(42u64, "my-lib", "1.0.0", "_", "_")
        ),
        case!(
            "POST",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/conans/my-lib/1.0.0/_/_/upload_urls",
            None,
            get_project_conan_v1_recipe_upload_urls(
                "group/project",
                "my-lib",
                "1.0.0",
                "_",
                "_",
                json!({"conanfile.py": 410})
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/files/my-lib/1.0.0/_/_/0/export/conanfile.py",
            None,
            get_project_conan_v1_recipe_file(
                42u64,
                "my-lib",
                "1.0.0",
                "_",
                "_",
                "0",
                "conanfile.py"
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/files/my-lib/1.0.0/_/_/0/export/conan_export.tgz",
            None,
            upload_project_conan_v1_recipe_file(
                "group/project",
                "my-lib",
                "1.0.0",
                "_",
                "_",
                "0",
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
                "my-lib",
                "1.0.0",
                "_",
                "_",
                "0",
                "conan_export.tgz"
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/files/my-lib/1.0.0/_/_/0/package/227220812d7ea3aa060187bae41abbc9911dfdfd/0/conanmanifest.txt",
            None,
            get_project_conan_v1_package_file(
                42u64,
                "my-lib",
                "1.0.0",
                "_",
                "_",
                "0",
                pref!(),
                "0",
                "conanmanifest.txt"
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/files/my-lib/1.0.0/_/_/0/package/227220812d7ea3aa060187bae41abbc9911dfdfd/0/conaninfo.txt",
            None,
            upload_project_conan_v1_package_file(
                "group/project",
                "my-lib",
                "1.0.0",
                "_",
                "_",
                "0",
                pref!(),
                "0",
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
                "my-lib",
                "1.0.0",
                "_",
                "_",
                "0",
                pref!(),
                "0",
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
        // ---------------------------------------------------------------- conan v2, project (19)
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
            get_project_conan_v2_recipe_latest_revision(42u64, "my-lib", "1.0.0", "_", "_")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions",
            None,
            list_project_conan_v2_recipe_revisions(42u64, "my-lib", "1.0.0", "_", "_")
        ),
        case!(
            "DELETE",
            "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/my-lib/1.0.0%2Bbuild/_/_/revisions/75151329520e7685dcf5da49ded2fec0",
            None,
            delete_project_conan_v2_recipe_revision(
                "group/project",
                "my-lib",
                "1.0.0+build",
                "_",
                "_",
                rrev!()
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/files",
            None,
            list_project_conan_v2_recipe_files(42u64, "my-lib", "1.0.0", "_", "_", rrev!())
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/files/conanfile.py",
            None,
            get_project_conan_v2_recipe_file(
                42u64,
                "my-lib",
                "1.0.0",
                "_",
                "_",
                rrev!(),
                "conanfile.py"
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/files/conanfile.py",
            None,
            upload_project_conan_v2_recipe_file(
                "group/project",
                "my-lib",
                "1.0.0",
                "_",
                "_",
                rrev!(),
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
                "my-lib",
                "1.0.0",
                "_",
                "_",
                rrev!(),
                "conanfile.py"
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/latest",
            None,
            get_project_conan_v2_package_latest_revision(
                42u64,
                "my-lib",
                "1.0.0",
                "_",
                "_",
                rrev!(),
                pref!()
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/revisions",
            None,
            list_project_conan_v2_package_revisions(
                42u64,
                "my-lib",
                "1.0.0",
                "_",
                "_",
                rrev!(),
                pref!()
            )
        ),
        case!(
            "DELETE",
            "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/revisions/0ba8627bd47edc3a501e8f0eb9a79e5e",
            None,
            delete_project_conan_v2_package_revision(
                "group/project",
                "my-lib",
                "1.0.0",
                "_",
                "_",
                rrev!(),
                pref!(),
                prev!()
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/revisions/0ba8627bd47edc3a501e8f0eb9a79e5e/files",
            None,
            list_project_conan_v2_package_files(
                42u64,
                "my-lib",
                "1.0.0",
                "_",
                "_",
                rrev!(),
                pref!(),
                prev!()
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/revisions/0ba8627bd47edc3a501e8f0eb9a79e5e/files/conan_package.tgz",
            None,
            get_project_conan_v2_package_file(
                42u64,
                "my-lib",
                "1.0.0",
                "_",
                "_",
                rrev!(),
                pref!(),
                prev!(),
                "conan_package.tgz"
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/revisions/0ba8627bd47edc3a501e8f0eb9a79e5e/files/conan_package.tgz",
            None,
            upload_project_conan_v2_package_file(
                "group/project",
                "my-lib",
                "1.0.0",
                "_",
                "_",
                rrev!(),
                pref!(),
                prev!(),
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
                "my-lib",
                "1.0.0",
                "_",
                "_",
                rrev!(),
                pref!(),
                prev!(),
                "conan_package.tgz"
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/search",
            None,
            search_project_conan_v2_recipe_revision_packages(
                42u64,
                "my-lib",
                "1.0.0",
                "_",
                "_",
                rrev!()
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/my-lib/1.0.0/_/_/search",
            None,
            search_project_conan_v2_recipe_packages("group/project", "my-lib", "1.0.0", "_", "_")
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
        // ---------------------------------------------------------------- core (8)
        case!(
            reply = "[]",
            "GET",
            "/api/v4/groups/group%2Fsub/packages",
            Some("exclude_subgroups=true&package_version=1.0.0%2Bbuild"),
            list_group_packages("group/sub")
                .exclude_subgroups(true)
                .package_version("1.0.0+build")
        ),
        case!(
            reply = "[]",
            "GET",
            "/api/v4/projects/group%2Fproject/packages",
            Some("sort=desc&package_name=my+package"),
            list_project_packages("group/project")
                .sort(SortDirection::Desc)
                .package_name("my package")
        ),
        case!(
            reply = PACKAGE_REPLY,
            "GET",
            "/api/v4/projects/group%2Fproject/packages/7",
            None,
            get_project_package("group/project", 7)
        ),
        case!(
            "DELETE",
            "/api/v4/projects/42/packages/7",
            None,
            delete_project_package(42u64, 7)
        ),
        case!(
            reply = "[]",
            "GET",
            "/api/v4/projects/group%2Fproject/packages/7/package_files",
            Some("per_page=50&order_by=file_name"),
            list_project_package_files("group/project", 7)
                .per_page(50)
                .order_by(PackageFileOrderBy::FileName)
        ),
        case!(
            "DELETE",
            "/api/v4/projects/group%2Fproject/packages/7/package_files/99",
            None,
            delete_project_package_file("group/project", 7, 99)
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/7/package_files/99/download",
            None,
            download_project_package_file(42u64, 7, 99)
        ),
        case!(
            reply = "[]",
            "GET",
            "/api/v4/projects/group%2Fproject/packages/7/pipelines",
            Some("per_page=20&cursor=eyJpZCI6IjEwIn0%3D"),
            list_project_package_pipelines("group/project", 7)
                .per_page(20)
                .cursor("eyJpZCI6IjEwIn0=")
        ),
        // ---------------------------------------------------------------- debian, group (16)
        case!(
            reply = DISTRIBUTION_REPLY,
            "POST",
            "/api/v4/groups/my-group/-/debian_distributions",
            None,
            create_group_debian_distribution(
                "my-group",
                NewDebianDistribution {
                    codename: "sid".into(),
                    components: Some(vec!["main".into()]),
                    architectures: Some(vec!["amd64".into()]),
                    ..Default::default()
                }
            )
        ),
        case!(
            reply = "[]",
            "GET",
            "/api/v4/groups/group%2Fsub/-/debian_distributions",
            Some("codename=sid&architectures%5B%5D=amd64&architectures%5B%5D=arm64"),
            list_group_debian_distributions("group/sub")
                .codename("sid")
                .architectures(["amd64", "arm64"])
        ),
        case!(
            reply = DISTRIBUTION_REPLY,
            "GET",
            "/api/v4/groups/my-group/-/debian_distributions/sid",
            None,
            get_group_debian_distribution("my-group", "sid")
        ),
        case!(
            reply = DISTRIBUTION_REPLY,
            "PUT",
            "/api/v4/groups/my-group/-/debian_distributions/bookworm",
            None,
            update_group_debian_distribution(
                "my-group",
                "bookworm",
                DebianDistributionChanges {
                    suite: Some("stable".into()),
                    ..Default::default()
                }
            )
        ),
        case!(
            "DELETE",
            "/api/v4/groups/my-group/-/debian_distributions/sid",
            Some("suite=unstable"),
            delete_group_debian_distribution("my-group", "sid").suite("unstable")
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/debian_distributions/sid/key.asc",
            None,
            get_group_debian_distribution_key("my-group", "sid")
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/debian/dists/bookworm/InRelease",
            None,
            get_group_debian_in_release("my-group", "bookworm")
        ),
        case!(
            "GET",
            "/api/v4/groups/group%2Fsub/-/packages/debian/dists/bookworm-backports/Release",
            None,
            get_group_debian_release("group/sub", "bookworm-backports")
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/debian/dists/bookworm/Release.gpg",
            None,
            get_group_debian_release_gpg("my-group", "bookworm")
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/debian/dists/bookworm/main/binary-amd64/Packages",
            None,
            get_group_debian_packages_index("my-group", "bookworm", "main", "amd64")
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/debian/dists/bookworm/main/binary-arm64/by-hash/SHA256/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            None,
            get_group_debian_packages_index_by_hash(
                "my-group",
                "bookworm",
                "main",
                "arm64",
                sha!()
            )
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/debian/dists/bookworm/contrib/debian-installer/binary-amd64/Packages",
            None,
            get_group_debian_installer_packages_index("my-group", "bookworm", "contrib", "amd64")
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/debian/dists/bookworm/main/debian-installer/binary-amd64/by-hash/SHA256/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            None,
            get_group_debian_installer_packages_index_by_hash(
                "my-group",
                "bookworm",
                "main",
                "amd64",
                sha!()
            )
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/debian/dists/bookworm/main/source/Sources",
            None,
            get_group_debian_sources_index("my-group", "bookworm", "main")
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/debian/dists/bookworm/main/source/by-hash/SHA256/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            None,
            get_group_debian_sources_index_by_hash("my-group", "bookworm", "main", sha!())
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/debian/pool/bookworm/42/h/hello/1%3A2.4.7-1%2Bdeb12u1/hello_2.4.7-1%2Bdeb12u1_amd64.deb",
            None,
            get_group_debian_pool_file(
                "my-group",
                "bookworm",
                42,
                "h",
                "hello",
                "1:2.4.7-1+deb12u1",
                "hello_2.4.7-1+deb12u1_amd64.deb"
            )
        ),
        // ---------------------------------------------------------------- debian, project (18)
        case!(
            reply = DISTRIBUTION_REPLY,
            "POST",
            "/api/v4/projects/group%2Fproject/debian_distributions",
            None,
            create_project_debian_distribution(
                "group/project",
                NewDebianDistribution {
                    codename: "sid".into(),
                    ..Default::default()
                }
            )
        ),
        case!(
            reply = "[]",
            "GET",
            "/api/v4/projects/42/debian_distributions",
            Some("page=2&components%5B%5D=main&components%5B%5D=non-free"),
            list_project_debian_distributions(42u64)
                .page(2)
                .components(["main", "non-free"])
        ),
        case!(
            reply = DISTRIBUTION_REPLY,
            "GET",
            "/api/v4/projects/42/debian_distributions/sid",
            None,
            get_project_debian_distribution(42u64, "sid")
        ),
        case!(
            reply = DISTRIBUTION_REPLY,
            "PUT",
            "/api/v4/projects/group%2Fproject/debian_distributions/bookworm",
            None,
            update_project_debian_distribution(
                "group/project",
                "bookworm",
                DebianDistributionChanges {
                    label: Some("Debian".into()),
                    ..Default::default()
                }
            )
        ),
        case!(
            "DELETE",
            "/api/v4/projects/42/debian_distributions/sid",
            Some("description=Old+sid"),
            delete_project_debian_distribution(42u64, "sid").description("Old sid")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/debian_distributions/bookworm/key.asc",
            None,
            get_project_debian_distribution_key(42u64, "bookworm")
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/debian/dists/bookworm/InRelease",
            None,
            get_project_debian_in_release("group/project", "bookworm")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/debian/dists/sid/Release",
            None,
            get_project_debian_release(42u64, "sid")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/debian/dists/sid/Release.gpg",
            None,
            get_project_debian_release_gpg(42u64, "sid")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/debian/dists/sid/main/binary-i386/Packages",
            None,
            get_project_debian_packages_index(42u64, "sid", "main", "i386")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/debian/dists/sid/main/binary-amd64/by-hash/SHA256/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            None,
            get_project_debian_packages_index_by_hash(42u64, "sid", "main", "amd64", sha!())
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/debian/dists/sid/main/debian-installer/binary-amd64/Packages",
            None,
            get_project_debian_installer_packages_index("group/project", "sid", "main", "amd64")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/debian/dists/sid/main/debian-installer/binary-arm64/by-hash/SHA256/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            None,
            get_project_debian_installer_packages_index_by_hash(
                42u64,
                "sid",
                "main",
                "arm64",
                sha!()
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/debian/dists/sid/non-free/source/Sources",
            None,
            get_project_debian_sources_index(42u64, "sid", "non-free")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/debian/dists/sid/main/source/by-hash/SHA256/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            None,
            get_project_debian_sources_index_by_hash(42u64, "sid", "main", sha!())
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/debian/pool/bookworm/libf/libfoo/1.0-1%2Bb1/libfoo_1.0-1%2Bb1_amd64.deb",
            None,
            get_project_debian_pool_file(
                "group/project",
                "bookworm",
                "libf",
                "libfoo",
                "1.0-1+b1",
                "libfoo_1.0-1+b1_amd64.deb"
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/group%2Fproject/packages/debian/hello_1.0-1%2Bb1_amd64.deb",
            None,
            upload_project_debian_file(
                "group/project",
                "hello_1.0-1+b1_amd64.deb",
                b"!<arch>\n".to_vec()
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/debian/hello_1.0-1_amd64.changes/authorize",
            None,
            authorize_project_debian_file(42u64, "hello_1.0-1_amd64.changes", "")
        ),
        // ---------------------------------------------------------------- generic (3)
        case!(
            "PUT",
            "/api/v4/projects/group%2Fproject/packages/generic/my-tool/1.0.0%2Bbuild/linux/amd64/tool.tar.gz",
            None,
            upload_project_generic_file(
                "group/project",
                "my-tool",
                "1.0.0+build",
                "tool.tar.gz",
                b"\x1f\x8b\x08\x00".to_vec()
            )
            .path("linux/amd64")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/generic/my-tool/1.0.0/tool.tar.gz",
            None,
            get_project_generic_file(42u64, "my-tool", "1.0.0", "tool.tar.gz")
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/generic/my-tool/1.0.0/dist/tool.tar.gz/authorize",
            None,
            authorize_project_generic_file(42u64, "my-tool", "1.0.0", "tool.tar.gz", "")
                .path("dist")
        ),
        // ---------------------------------------------------------------- go (4)
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/go/gitlab.example.com/group/project/@v/list",
            None,
            list_project_go_module_versions("group/project", "gitlab.example.com/group/project")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/go/gitlab.example.com/group/project/@v/v1.0.0.info",
            None,
            get_project_go_module_version_info(42u64, "gitlab.example.com/group/project", "v1.0.0")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/go/gitlab.example.com/group/project/v2/@v/v2.1.0-beta.1.mod",
            None,
            get_project_go_module_file(
                42u64,
                "gitlab.example.com/group/project/v2",
                "v2.1.0-beta.1"
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/go/gitlab.example.com/group/project/@v/v3.0.0%2Bincompatible.zip",
            None,
            get_project_go_module_zip(
                42u64,
                "gitlab.example.com/group/project",
                "v3.0.0+incompatible"
            )
        ),
        // ---------------------------------------------------------------- helm (4)
        case!(
            "POST",
            "/api/v4/projects/group%2Fproject/packages/helm/api/stable/charts",
            None,
            upload_project_helm_chart(
                "group/project",
                "stable",
                Multipart::new().file("chart", "mychart-0.1.0.tgz", b"\x1f\x8b".to_vec())
            )
        ),
        case!(
            "POST",
            "/api/v4/projects/42/packages/helm/api/stable/charts/authorize",
            None,
            authorize_project_helm_chart(42u64, "stable")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/helm/stable/charts/mychart-0.1.0%2Bbuild.1.tgz",
            None,
            get_project_helm_chart(42u64, "stable", "mychart-0.1.0+build.1")
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/helm/my%20channel/index.yaml",
            None,
            get_project_helm_index("group/project", "my channel")
        ),
        // ---------------------------------------------------------------- maven (5)
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/maven/com/example/app/1.0/app-1.0.jar",
            None,
            get_group_maven_file("my-group", "com/example/app/1.0", "app-1.0.jar")
        ),
        case!(
            "GET",
            "/api/v4/packages/maven/com/example/app/1.0-SNAPSHOT/maven-metadata.xml",
            None,
            get_maven_file("com/example/app/1.0-SNAPSHOT", "maven-metadata.xml")
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/maven/com/example/app/1.0/app-1.0.pom.sha1",
            None,
            get_project_maven_file("group/project", "com/example/app/1.0", "app-1.0.pom.sha1")
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/maven/com/example/app/1.0%2Bbuild/app-1.0%2Bbuild.jar",
            None,
            upload_project_maven_file(
                42u64,
                "com/example/app/1.0+build",
                "app-1.0+build.jar",
                b"PK\x03\x04".to_vec()
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/maven/com/example/app/1.0/app-1.0.jar/authorize",
            None,
            authorize_project_maven_file(42u64, "com/example/app/1.0", "app-1.0.jar", "")
        ),
        // ---------------------------------------------------------------- npm (20)
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/npm/%40scope/my-pkg",
            None,
            get_group_npm_package_metadata("my-group", "@scope/my-pkg")
        ),
        case!(
            "POST",
            "/api/v4/groups/my-group/-/packages/npm/-/npm/v1/security/advisories/bulk",
            None,
            audit_group_npm_advisories_bulk("my-group", json!({"@scope/my-pkg": ["1.0.0"]}))
        ),
        case!(
            "POST",
            "/api/v4/groups/group%2Fsub/-/packages/npm/-/npm/v1/security/audits/quick",
            None,
            audit_group_npm_quick("group/sub", json!({"name": "app", "requires": {}}))
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/npm/-/package/%40scope/my-pkg/dist-tags",
            None,
            list_group_npm_dist_tags("my-group", "@scope/my-pkg")
        ),
        case!(
            "PUT",
            "/api/v4/groups/my-group/-/packages/npm/-/package/%40scope/my-pkg/dist-tags/latest",
            None,
            set_group_npm_dist_tag("my-group", "@scope/my-pkg", "latest", "1.0.0")
        ),
        case!(
            "DELETE",
            "/api/v4/groups/my-group/-/packages/npm/-/package/my-pkg/dist-tags/beta",
            None,
            delete_group_npm_dist_tag("my-group", "my-pkg", "beta")
        ),
        case!(
            "GET",
            "/api/v4/packages/npm/%40scope/my-pkg",
            None,
            get_npm_package_metadata("@scope/my-pkg")
        ),
        case!(
            "POST",
            "/api/v4/packages/npm/-/npm/v1/security/advisories/bulk",
            None,
            audit_npm_advisories_bulk(json!({"my-pkg": ["1.0.0"]}))
        ),
        case!(
            "POST",
            "/api/v4/packages/npm/-/npm/v1/security/audits/quick",
            None,
            audit_npm_quick(json!({"name": "app"}))
        ),
        case!(
            "GET",
            "/api/v4/packages/npm/-/package/my-pkg/dist-tags",
            None,
            list_npm_dist_tags("my-pkg")
        ),
        case!(
            "PUT",
            "/api/v4/packages/npm/-/package/%40scope/my-pkg/dist-tags/next",
            None,
            set_npm_dist_tag("@scope/my-pkg", "next", "2.0.0-rc.1")
        ),
        case!(
            "DELETE",
            "/api/v4/packages/npm/-/package/%40scope/my-pkg/dist-tags/next",
            None,
            delete_npm_dist_tag("@scope/my-pkg", "next")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/npm/%40scope/my-pkg",
            None,
            get_project_npm_package_metadata(42u64, "@scope/my-pkg")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/npm/%40scope/my-pkg/-/%40scope/my-pkg-1.0.0.tgz",
            None,
            get_project_npm_package_tarball(42u64, "@scope/my-pkg", "@scope/my-pkg-1.0.0.tgz")
        ),
        case!(
            "POST",
            "/api/v4/projects/42/packages/npm/-/npm/v1/security/advisories/bulk",
            None,
            audit_project_npm_advisories_bulk(42u64, json!({"my-pkg": ["1.0.0"]}))
        ),
        case!(
            "POST",
            "/api/v4/projects/group%2Fproject/packages/npm/-/npm/v1/security/audits/quick",
            None,
            audit_project_npm_quick("group/project", json!({"name": "app"}))
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/npm/-/package/%40scope/my-pkg/dist-tags",
            None,
            list_project_npm_dist_tags("group/project", "@scope/my-pkg")
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/npm/-/package/my-pkg/dist-tags/stable",
            None,
            set_project_npm_dist_tag(42u64, "my-pkg", "stable", "1.2.3")
        ),
        case!(
            "DELETE",
            "/api/v4/projects/42/packages/npm/-/package/%40scope/my-pkg/dist-tags/stable",
            None,
            delete_project_npm_dist_tag(42u64, "@scope/my-pkg", "stable")
        ),
        case!(
            "PUT",
            "/api/v4/projects/group%2Fproject/packages/npm/%40scope%2Fmy-pkg",
            None,
            publish_project_npm_package(
                "group/project",
                "@scope/my-pkg",
                json!({"name": "@scope/my-pkg", "versions": {}})
            )
        ),
        // ---------------------------------------------------------------- nuget, group (7)
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
        // ---------------------------------------------------------------- nuget, project (19)
        case!(
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
        // ---------------------------------------------------------------- pypi (7)
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/pypi/simple",
            None,
            get_group_pypi_simple_index("my-group")
        ),
        case!(
            "GET",
            "/api/v4/groups/group%2Fsub/-/packages/pypi/simple/my-package",
            None,
            get_group_pypi_simple_package("group/sub", "my-package")
        ),
        case!(
            "POST",
            "/api/v4/projects/group%2Fproject/packages/pypi",
            None,
            upload_project_pypi_package(
                "group/project",
                Multipart::new()
                    .text("name", "my-package")
                    .text("version", "1.0.0")
                    .file("content", "my_package-1.0.0.tar.gz", b"\x1f\x8b".to_vec())
            )
        ),
        case!(
            "POST",
            "/api/v4/projects/42/packages/pypi/authorize",
            None,
            authorize_project_pypi(42u64)
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/pypi/files/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855/my_package-1.0.0%2Blocal-py3-none-any.whl",
            None,
            get_project_pypi_file(42u64, sha!(), "my_package-1.0.0+local-py3-none-any.whl")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/pypi/simple",
            None,
            get_project_pypi_simple_index(42u64)
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/pypi/simple/my.package",
            None,
            get_project_pypi_simple_package("group/project", "my.package")
        ),
        // ---------------------------------------------------------------- rpm (4)
        case!(
            "POST",
            "/api/v4/projects/group%2Fproject/packages/rpm",
            None,
            upload_project_rpm_package("group/project", b"\xed\xab\xee\xdb".to_vec())
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/rpm/17/hello-1.0~rc1-1.el9.x86_64.rpm",
            None,
            get_project_rpm_file(42u64, 17, "hello-1.0~rc1-1.el9.x86_64.rpm")
        ),
        case!(
            "POST",
            "/api/v4/projects/42/packages/rpm/authorize",
            None,
            authorize_project_rpm(42u64)
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/rpm/repodata/repomd.xml",
            None,
            get_project_rpm_repodata_file("group/project", "repomd.xml")
        ),
        // ---------------------------------------------------------------- rubygems (6)
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/rubygems/api/v1/dependencies",
            Some("gems%5B%5D=rails&gems%5B%5D=rack-test"),
            get_project_rubygems_dependencies("group/project").gems(["rails", "rack-test"])
        ),
        case!(
            "POST",
            "/api/v4/projects/42/packages/rubygems/api/v1/gems",
            None,
            upload_project_rubygems_gem(42u64, b"data.tar.gz".to_vec())
        ),
        case!(
            "POST",
            "/api/v4/projects/42/packages/rubygems/api/v1/gems/authorize",
            None,
            authorize_project_rubygems_gem(42u64)
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/rubygems/gems/my_gem-1.0.0.gem",
            None,
            get_project_rubygems_gem(42u64, "my_gem-1.0.0.gem")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/rubygems/quick/Marshal.4.8/my_gem-1.0.0.gemspec.rz",
            None,
            get_project_rubygems_gemspec(42u64, "my_gem-1.0.0.gemspec.rz")
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/rubygems/specs.4.8.gz",
            None,
            get_project_rubygems_spec_index("group/project", "specs.4.8.gz")
        ),
    ]
}

// ---------------------------------------------------------------------------------------
// Tests.
// ---------------------------------------------------------------------------------------

/// Compares one recorded request with its row; pushes every difference to `problems`.
fn check(case: &Case, requests: &[Recorded], problems: &mut Vec<String>) {
    let name = case.name;
    if requests.len() != 1 {
        problems.push(format!(
            "{name}: expected exactly one request, got {}: {requests:?}",
            requests.len()
        ));
    }
    let Some(request) = requests.first() else {
        return;
    };
    if request.method != case.method {
        problems.push(format!(
            "{name}: method {:?}, expected {:?}",
            request.method, case.method
        ));
    }
    if request.path != case.path {
        problems.push(format!(
            "{name}: path\n      got      {:?}\n      expected {:?}",
            request.path, case.path
        ));
    }
    if request.query.as_deref() != case.query {
        problems.push(format!(
            "{name}: query\n      got      {:?}\n      expected {:?}",
            request.query, case.query
        ));
    }
    let expected_credentials = [("private-token".to_owned(), TOKEN.to_owned())];
    if request.credentials != expected_credentials {
        problems.push(format!(
            "{name}: credential headers {:?}, expected only PRIVATE-TOKEN: {TOKEN}",
            request.credentials
        ));
    }
}

#[tokio::test]
async fn every_operation_sends_the_expected_request() {
    let (addr, log, reply, server) = start_server().await;
    let client = Client::builder()
        .base_url(format!("http://{addr}"))
        .auth(Auth::private_token(TOKEN))
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");

    let table = cases();
    let mut problems = Vec::new();
    for case in &table {
        log.lock().unwrap().clear();
        *reply.lock().unwrap() = case.reply;
        match tokio::time::timeout(Duration::from_secs(20), (case.call)(&client)).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => problems.push(format!("{}: the call failed: {error}", case.name)),
            Err(_) => problems.push(format!("{}: the call timed out", case.name)),
        }
        let requests = std::mem::take(&mut *log.lock().unwrap());
        check(case, &requests, &mut problems);
    }
    server.abort();

    assert!(
        problems.is_empty(),
        "{} problem(s) over {} operations:\n  {}",
        problems.len(),
        table.len(),
        problems.join("\n  ")
    );
}

#[test]
fn the_table_has_one_row_per_operation() {
    let table = cases();
    let mut seen = HashSet::new();
    let duplicates: Vec<&str> = table
        .iter()
        .map(|case| case.name)
        .filter(|name| !seen.insert(*name))
        .collect();
    assert!(duplicates.is_empty(), "duplicate rows: {duplicates:?}");
    assert_eq!(table.len(), OPERATION_COUNT, "rows in the table");
    for case in &table {
        assert!(
            ["GET", "POST", "PUT", "DELETE"].contains(&case.method),
            "{}: method {}",
            case.name,
            case.method
        );
        assert!(
            case.path.starts_with("/api/v4/"),
            "{}: path {}",
            case.name,
            case.path
        );
    }
}

/// The names of the methods in `impl crate::Client { … }` blocks of the operation modules of
/// `generated-client/src/*.rs` (not `client.rs`, which defines the client itself):
/// read only to enumerate the operations, never to derive an expectation.
fn generated_operation_names() -> BTreeSet<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated-client/src");
    let mut names = BTreeSet::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("generated-client/src") {
        let path = entry.expect("directory entry").path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(&path).expect("read source");
        let mut inside = false;
        for line in text.lines() {
            if line.starts_with("impl crate::Client {") {
                inside = true;
            } else if inside && line.starts_with('}') {
                inside = false;
            } else if inside {
                if let Some(rest) = line.trim_start().strip_prefix("pub fn ") {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    names.insert(name);
                }
            }
        }
    }
    assert!(files > 0, "no sources in {}", dir.display());
    names
}

#[test]
fn the_table_covers_every_generated_operation() {
    let generated = generated_operation_names();
    let table: BTreeSet<String> = cases().iter().map(|c| c.name.to_owned()).collect();
    let missing: Vec<&String> = generated.difference(&table).collect();
    let extra: Vec<&String> = table.difference(&generated).collect();
    assert!(missing.is_empty(), "operations without a row: {missing:?}");
    assert!(extra.is_empty(), "rows without an operation: {extra:?}");
    assert_eq!(generated.len(), OPERATION_COUNT, "operations generated");
}
