//! Pagination: offset (`X-Next-Page`, `Link`) and keyset lists, foreign links, one page.

use super::*;

#[tokio::test]
async fn offset_pagination_follows_x_next_page() {
    use futures_util::StreamExt;
    let server = Server::start(vec![
        "HTTP/1.1 200 OK\r\nX-Page: 1\r\nX-Next-Page: 2\r\nX-Total: 5\r\n\r\n[1,2]".into(),
        "HTTP/1.1 200 OK\r\nX-Page: 2\r\nX-Next-Page: 3\r\n\r\n[3,4]".into(),
        "HTTP/1.1 200 OK\r\nX-Page: 3\r\nX-Next-Page: \r\n\r\n[5]".into(),
    ]);
    let client = token_client(&server.base);
    let mut r = client.request(
        Method::GET,
        "list_project_packages",
        "/api/v4/projects/{id}/packages",
    );
    r.path_literal("/api/v4/projects/")
        .path_param("id", &"g/p")
        .path_literal("/packages")
        .query("per_page", &2)
        .query("package_name", &"a+b");
    let items: Vec<_> = r.into_items(Pagination::Offset).collect().await;
    let items: Vec<serde_json::Value> = items.into_iter().map(Result::unwrap).collect();
    assert_eq!(items, [1, 2, 3, 4, 5].map(serde_json::Value::from));
    let lines: Vec<String> = (0..3)
        .map(|_| server.next())
        .map(|s| {
            assert_eq!(s.credentials(), ["private-token: tok"]);
            s.line
        })
        .collect();
    assert_eq!(
        lines,
        [
            "GET /api/v4/projects/g%2Fp/packages?per_page=2&package_name=a%2Bb HTTP/1.1",
            "GET /api/v4/projects/g%2Fp/packages?per_page=2&package_name=a%2Bb&page=2 HTTP/1.1",
            "GET /api/v4/projects/g%2Fp/packages?per_page=2&package_name=a%2Bb&page=3 HTTP/1.1",
        ]
    );
    server.nothing_more();
}

#[tokio::test]
async fn offset_pagination_follows_link() {
    use futures_util::StreamExt;
    let server = Server::start_with("127.0.0.1:0", |base| {
        let link = |page: u32| {
            format!(
                "Link: <{base}/api/v4/x?page={page}&per_page=2>; rel=\"next\", <{base}/api/v4/x?page=1&per_page=2>; rel=\"first\""
            )
        };
        vec![
            format!("HTTP/1.1 200 OK\r\n{}\r\n\r\n[\"a\",\"b\"]", link(2)).into(),
            format!("HTTP/1.1 200 OK\r\n{}\r\n\r\n[\"c\",\"d\"]", link(3)).into(),
            "HTTP/1.1 200 OK\r\nLink: <http://x/api/v4/x?page=1>; rel=\"first\"\r\n\r\n[\"e\"]"
                .into(),
        ]
    });
    let client = token_client(&server.base);
    let items: Vec<_> = get(&client, "/api/v4/x")
        .into_items(Pagination::Offset)
        .map(Result::unwrap)
        .collect()
        .await;
    assert_eq!(
        items,
        ["a", "b", "c", "d", "e"].map(serde_json::Value::from)
    );
    assert_eq!(server.next().line, "GET /api/v4/x HTTP/1.1");
    assert_eq!(
        server.next().line,
        "GET /api/v4/x?page=2&per_page=2 HTTP/1.1"
    );
    assert_eq!(
        server.next().line,
        "GET /api/v4/x?page=3&per_page=2 HTTP/1.1"
    );
    server.nothing_more();
}

#[tokio::test]
async fn keyset_pagination_rewrites_foreign_links_to_the_base_url() {
    use futures_util::StreamExt;
    // GitLab's configured host (here another loopback address) must never be called.
    let elsewhere = Server::start_on("127.0.0.2:0", vec![ok("[]"), ok("[]")]);
    let gitlab = Server::start(vec![
        format!(
            "HTTP/1.1 200 OK\r\nLink: <{}/gitlab/api/v4/projects/1/packages/2/pipelines?cursor=abc&per_page=2>; rel=\"next\"\r\n\r\n[{{\"id\":1}},{{\"id\":2}}]",
            elsewhere.base
        )
        .into(),
        "HTTP/1.1 200 OK\r\nLink: <https://gitlab.internal:8443/gitlab/api/v4/projects/1/packages/2/pipelines?cursor=def&per_page=2>; rel=\"next\"\r\n\r\n[{\"id\":3}]".into(),
        // Keyset lists ignore X-Next-Page.
        "HTTP/1.1 200 OK\r\nX-Next-Page: 9\r\n\r\n[{\"id\":4}]".into(),
    ]);
    let client = token_client(&format!("{}/gitlab", gitlab.base));
    let mut r = client.request(
        Method::GET,
        "list_project_package_pipelines",
        "/api/v4/projects/{id}/packages/{package_id}/pipelines",
    );
    r.path_literal("/api/v4/projects/1/packages/2/pipelines")
        .query("per_page", &2);
    let ids: Vec<u64> = r
        .into_items(Pagination::Keyset)
        .map(|item| item.unwrap()["id"].as_u64().unwrap())
        .collect()
        .await;
    assert_eq!(ids, [1, 2, 3, 4]);
    let seen: Vec<Seen> = (0..3).map(|_| gitlab.next()).collect();
    assert_eq!(
        seen.iter().map(|s| s.line.as_str()).collect::<Vec<_>>(),
        [
            "GET /gitlab/api/v4/projects/1/packages/2/pipelines?per_page=2 HTTP/1.1",
            "GET /gitlab/api/v4/projects/1/packages/2/pipelines?cursor=abc&per_page=2 HTTP/1.1",
            "GET /gitlab/api/v4/projects/1/packages/2/pipelines?cursor=def&per_page=2 HTTP/1.1",
        ]
    );
    for s in &seen {
        assert_eq!(s.credentials(), ["private-token: tok"]);
    }
    gitlab.nothing_more();
    elsewhere.nothing_more();
}

#[tokio::test]
async fn next_link_outside_the_base_path_stops_with_an_error() {
    use futures_util::StreamExt;
    let server = Server::start(vec![
        "HTTP/1.1 200 OK\r\nLink: <http://gitlab.example/api/v4/other?cursor=x>; rel=\"next\"\r\n\r\n[1,2]".into(),
        ok("[3]"),
    ]);
    let client = token_client(&format!("{}/gitlab", server.base));
    let mut items = get(&client, "/api/v4/x").into_items(Pagination::Keyset);
    assert_eq!(items.next().await.unwrap().unwrap(), 1);
    assert_eq!(items.next().await.unwrap().unwrap(), 2);
    let err = items.next().await.unwrap().unwrap_err();
    assert_eq!(
        err.to_string(),
        "op: /gitlab/api/v4/x: cannot follow the next page: its `Link` path /api/v4/other is outside the base URL's path /gitlab"
    );
    assert!(items.next().await.is_none());
    server.next();
    server.nothing_more();
}

#[tokio::test]
async fn send_page_reads_pagination_headers() {
    let server = Server::start(vec![
        "HTTP/1.1 200 OK\r\nX-Page: 2\r\nX-Per-Page: 2\r\nX-Total: 5\r\nX-Total-Pages: 3\r\nX-Next-Page: 3\r\nX-Prev-Page: 1\r\nLink: </api/v4/x?page=3>; rel=\"next\"\r\n\r\n[{\"id\":3},{\"id\":4}]".into(),
        ok("{\"not\":\"a list\"}"),
    ]);
    let client = token_client(&server.base);
    let mut r = get(&client, "/api/v4/x");
    r.query("page", &2);
    let page = r.send_page().await.unwrap();
    assert_eq!(
        page.items,
        [serde_json::json!({"id":3}), serde_json::json!({"id":4})]
    );
    assert_eq!(
        (
            page.page,
            page.per_page,
            page.total,
            page.total_pages,
            page.next_page,
            page.prev_page
        ),
        (Some(2), Some(2), Some(5), Some(3), Some(3), Some(1))
    );
    assert_eq!(
        page.next.unwrap().as_str(),
        format!("{}/api/v4/x?page=3", server.base)
    );
    assert_eq!(page.headers["x-total"], "5");
    let err = get(&client, "/api/v4/y").send_page().await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}
