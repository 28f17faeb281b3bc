//! Generated operations' requests: template expansion, query and form slots, refusals.

use super::*;

/// How generated operations assemble a request: the path from its template and the
/// values set by name, query pairs in slot order whatever the order of the setters, a
/// value set again replacing the first.
#[test]
fn operation_requests_expand_their_template_and_order_their_query() {
    let client = client("https://gitlab.example.com/gitlab");
    let mut r = crate::__private::start(
        &client,
        Method::GET,
        "get_file",
        "/p/{id}/g/{name}/[{*path}/]{file}",
    );
    r.set_query(2, "sort", "desc")
        .path_value("file", "a b.tgz")
        .path_value("id", &IdOrPath::from("group/sub"))
        .set_query(0, "page", &3)
        .path_value("name", "pkg")
        .set_query_list(1, "status", ["default", "error"])
        .set_query(0, "page", &4);
    assert_eq!(
        r.url().as_str(),
        "https://gitlab.example.com/gitlab/p/group%2Fsub/g/pkg/a%20b.tgz?page=4&status%5B%5D=default&status%5B%5D=error&sort=desc"
    );
    // The optional group is sent once its variable is set.
    r.path_value("path", "linux/amd64");
    assert_eq!(
        r.url().path(),
        "/gitlab/p/group%2Fsub/g/pkg/linux/amd64/a%20b.tgz"
    );
    // A template without variables is sent as written.
    let r = crate::__private::start(&client, Method::GET, "ping", "/api/v4/ping");
    assert_eq!(r.url().path(), "/gitlab/api/v4/ping");
}

#[tokio::test]
async fn operation_requests_refuse_values_that_change_the_endpoint() {
    let client = client("https://gitlab.example.com");
    for (value, reason) in [("", "must not be empty"), ("..", "must not be `..`")] {
        let mut r = crate::__private::start(&client, Method::DELETE, "delete_file", "/f/{file}");
        r.path_value("file", value);
        let err = r.send_empty().await.unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("invalid input for delete_file: parameter `file`: {reason}")
        );
    }
    let r = crate::__private::start(&client, Method::GET, "get", "/f/{file}");
    let err = r.send_empty().await.unwrap_err();
    assert!(
        err.to_string()
            .ends_with("parameter `file`: is required but has no value"),
        "{err}"
    );
}

#[tokio::test]
async fn form_fields_make_a_urlencoded_body_or_join_the_multipart_one() {
    let server = Server::start(vec![
        "HTTP/1.1 201 Created\r\n\r\n".into(),
        "HTTP/1.1 201 Created\r\n\r\n".into(),
        "HTTP/1.1 201 Created\r\n\r\n".into(),
    ]);
    let client = client(&server.base);
    // URL-encoded, in slot order, lists as `name[]`.
    let mut r = crate::__private::start(&client, Method::PUT, "update", "/settings");
    r.urlencoded_form()
        .set_form_list(1, "domains", ["a.example", "b.example"])
        .set_form(0, "name", "a+b c");
    r.send_empty().await.unwrap();
    let seen = server.next();
    assert_eq!(
        seen.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8(seen.body).unwrap(),
        "name=a%2Bb+c&domains%5B%5D=a.example&domains%5B%5D=b.example"
    );
    // Sent even without a field.
    let mut r = crate::__private::start(&client, Method::PUT, "update", "/settings");
    r.urlencoded_form();
    r.send_empty().await.unwrap();
    let seen = server.next();
    assert_eq!(
        seen.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert!(seen.body.is_empty());
    // Multipart: the fields come before the file part.
    let mut r = crate::__private::start(&client, Method::POST, "import", "/import");
    r.multipart_form()
        .set_form(0, "path", "group/project")
        .multipart(Multipart::new().file("file", "export.tgz", "TGZ"));
    r.send_empty().await.unwrap();
    let body = String::from_utf8(server.next().body).unwrap();
    let file = body.find("filename=\"export.tgz\"").expect(&body);
    let field = body
        .find("name=\"path\"\r\n\r\ngroup/project\r\n")
        .expect(&body);
    assert!(field < file, "{body}");
}
