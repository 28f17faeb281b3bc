//! Request assembly, nothing sent: path and query encoding, the URL byte for byte, headers.

use super::*;

/// The URL for one path parameter.
fn param(value: &str) -> String {
    let mut r = request();
    r.path_literal("/p/").path_param("v", &value);
    assert!(r.error_ref().is_none(), "{value:?} rejected");
    r.url().path().trim_start_matches("/p/").to_owned()
}

fn glob(value: &str) -> String {
    let mut r = request();
    r.path_literal("/g/").path_glob("v", value);
    assert!(r.error_ref().is_none(), "{value:?} rejected");
    r.url().path().trim_start_matches("/g/").to_owned()
}

fn param_error(value: &str) -> String {
    let mut r = request();
    r.path_param("id", &value);
    r.error_ref().expect("accepted").to_string()
}

fn glob_error(value: &str) -> String {
    let mut r = request();
    r.path_glob("package_name", value);
    r.error_ref().expect("accepted").to_string()
}

#[test]
fn path_param_encoding() {
    assert_eq!(param("group/sub/project"), "group%2Fsub%2Fproject");
    assert_eq!(param("a b+c%d#e?f"), "a%20b%2Bc%25d%23e%3Ff");
    assert_eq!(param("@scope/name"), "%40scope%2Fname");
    assert_eq!(param("é"), "%C3%A9");
    assert_eq!(param("A-z_0.9~"), "A-z_0.9~");
    assert_eq!(
        param(r"a\b'(),=$&;:*!"),
        "a%5Cb%27%28%29%2C%3D%24%26%3B%3A%2A%21"
    );
    assert_eq!(param("..."), "...");
    assert_eq!(param(".x"), ".x");
    let mut r = request();
    r.path_literal("/projects/")
        .path_param("id", &IdOrPath::from(42u64))
        .path_literal("/x/")
        .path_param("path", &IdOrPath::from("group/sub/project"))
        .path_literal("/y/")
        .path_param("unsized", "a/b");
    assert_eq!(
        r.url().path(),
        "/projects/42/x/group%2Fsub%2Fproject/y/a%2Fb"
    );
}

#[test]
fn path_param_rejects() {
    assert_eq!(
        param_error(""),
        "invalid input for op: parameter `id`: must not be empty"
    );
    assert_eq!(
        param_error("."),
        "invalid input for op: parameter `id`: must not be `.`"
    );
    assert_eq!(
        param_error(".."),
        "invalid input for op: parameter `id`: must not be `..`"
    );
}

#[test]
fn path_glob_encoding() {
    assert_eq!(glob("@scope/name"), "%40scope/name");
    assert_eq!(
        glob("com/example/my app/1.0+b"),
        "com/example/my%20app/1.0%2Bb"
    );
    assert_eq!(glob("a%2Fb/é#?"), "a%252Fb/%C3%A9%23%3F");
    assert_eq!(glob("single"), "single");
}

#[test]
fn path_glob_rejects() {
    assert_eq!(
        glob_error(""),
        "invalid input for op: parameter `package_name`: must not be empty"
    );
    for bad in ["/a", "a/", "a//b", "/"] {
        assert_eq!(
            glob_error(bad),
            "invalid input for op: parameter `package_name`: segment must not be empty (leading, trailing or doubled `/`?)",
            "{bad:?}"
        );
    }
    assert!(glob_error("a/./b").contains("segment must not be `.`"));
    assert!(glob_error("a/..").contains("segment must not be `..`"));
    assert!(glob_error("..").contains("must not be `..`"));
}

#[test]
fn first_error_wins() {
    let mut r = request();
    r.path_param("first", &"")
        .path_param("second", &"..")
        .header("Bad", "a\nb");
    assert!(r.error_ref().unwrap().to_string().contains("`first`"));
}

#[test]
fn query_encoding() {
    let mut r = request();
    r.path_literal("/q")
        .query("version", &"1.0+build 2")
        .query("page", &3)
        .query("name", &"a&b=c/é")
        .query_array("components", &["main".to_owned(), "contrib non".to_owned()])
        .query_array("none", &[]);
    assert_eq!(
        r.url().as_str(),
        "https://gitlab.example.com/q?version=1.0%2Bbuild+2&page=3&name=a%26b%3Dc%2F%C3%A9&components%5B%5D=main&components%5B%5D=contrib+non"
    );
    let mut r = request();
    r.path_literal("/q").query_array("a", &[]);
    assert_eq!(r.url().as_str(), "https://gitlab.example.com/q");
    // A spec that names the list `tags[]` already gets one `[]`, not two.
    let mut r = request();
    r.path_literal("/q")
        .query_array("tags[]", &["x".to_owned()]);
    assert_eq!(
        r.url().as_str(),
        "https://gitlab.example.com/q?tags%5B%5D=x"
    );
}

#[test]
fn url_is_byte_exact() {
    for base in ["https://example.com/gitlab", "https://example.com/gitlab/"] {
        let mut r = client(base).request(Method::GET, "op", "/t");
        r.path_literal("/api/v4/projects/")
            .path_param("id", &"group/sub/project")
            .path_literal("/packages/npm/")
            .path_glob("package_name", "@scope/name")
            .path_literal("/-/'x'(y),z=$/")
            .path_param("file", &"a b@c");
        assert_eq!(
            r.url().as_str(),
            "https://example.com/gitlab/api/v4/projects/group%2Fsub%2Fproject/packages/npm/%40scope/name/-/'x'(y),z=$/a%20b%40c"
        );
    }
    let mut r = client("http://localhost:8080/").request(Method::GET, "op", "/t");
    r.path_literal("/api/v4/projects/")
        .path_param("id", &"a/b")
        .query("q", &"x");
    assert_eq!(
        r.url().as_str(),
        "http://localhost:8080/api/v4/projects/a%2Fb?q=x"
    );
    // A literal without a leading `/` still gets one.
    let mut r = client("https://example.com/root").request(Method::GET, "op", "/t");
    r.path_literal("api/v4/version");
    assert_eq!(r.url().as_str(), "https://example.com/root/api/v4/version");
}

#[test]
fn header_validation() {
    let mut r = request();
    r.header("Symbolchecksum", "SHA256:abc");
    assert!(r.error_ref().is_none());
    r.header("X-Bad", "line\nbreak");
    assert_eq!(
        r.error_ref().unwrap().to_string(),
        "invalid input for op: parameter `X-Bad`: is not a valid HTTP header value (control characters?)"
    );
}
