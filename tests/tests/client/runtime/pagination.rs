//! Pagination: offset pages (GitLab's `X-*` headers, or `Link rel="next"` alone) and
//! keyset pages (a `cursor` in `Link`), through `into_items()` and `send_page()`.

use gitlab_packages::types::{Package, PackagePipeline};
use tests::server::{Recorded, Reply, Server};

use crate::support::{assert_private_token, bounded, client, collect};

/// A JSON list of packages with the given ids and names (and the other fields every
/// package has: version, package_type, created_at).
fn packages_json(packages: &[(u64, &str)]) -> String {
    let items: Vec<String> = packages
        .iter()
        .map(|(id, name)| {
            format!(
                r#"{{"id":{id},"name":"{name}","version":"1.0.0","package_type":"generic","created_at":"2024-01-02T03:04:05Z"}}"#
            )
        })
        .collect();
    format!("[{}]", items.join(","))
}

/// The ids and names of `packages`, in order.
fn ids_and_names(packages: &[Package]) -> Vec<(u64, &str)> {
    packages.iter().map(|p| (p.id, p.name.as_str())).collect()
}

/// A JSON list of package pipelines with the given ids (and the fields every pipeline has).
fn pipelines_json(ids: &[u64]) -> String {
    let items: Vec<String> = ids
        .iter()
        .map(|id| {
            format!(
                r#"{{"id":{id},"sha":"a91957a858320c0e17f3a0eca7cfacbff50ea29a","ref":"main","status":"success","created_at":"2024-01-02T03:04:05Z","updated_at":"2024-01-02T03:04:05Z","web_url":"https://gitlab.example.com/group/project/-/pipelines/{id}"}}"#
            )
        })
        .collect();
    format!("[{}]", items.join(","))
}

/// Three pages of two packages (five in all) with GitLab's `X-*` headers and no `Link`.
fn x_next_page_replies() -> Vec<Reply> {
    let page = |body: &str, page: &str, next: &str, prev: &str| {
        Reply::json(body)
            .header("x-page", page)
            .header("x-per-page", "2")
            .header("x-total", "5")
            .header("x-total-pages", "3")
            .header("x-next-page", next)
            .header("x-prev-page", prev)
    };
    vec![
        page(&packages_json(&[(1, "a"), (2, "b")]), "1", "2", ""),
        page(&packages_json(&[(3, "c"), (4, "d")]), "2", "3", "1"),
        page(&packages_json(&[(5, "e")]), "3", "", "2"),
    ]
}

/// The ids and names of the five packages of the three pages.
const FIVE_PACKAGES: [(u64, &str); 5] = [(1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, "e")];

#[tokio::test]
async fn offset_pagination_follows_x_next_page() {
    bounded(async {
        let server = Server::start();
        let client = client(&server);
        server.enqueue(x_next_page_replies());

        let items = client
            .list_project_packages("group/project")
            .per_page(2)
            .into_items();
        let packages = collect(items).await;
        assert_eq!(ids_and_names(&packages), FIVE_PACKAGES);

        let requests = server.take();
        let targets: Vec<String> = requests.iter().map(Recorded::target).collect();
        assert_eq!(
            targets,
            [
                "GET /api/v4/projects/group%2Fproject/packages?per_page=2",
                "GET /api/v4/projects/group%2Fproject/packages?per_page=2&page=2",
                "GET /api/v4/projects/group%2Fproject/packages?per_page=2&page=3",
            ]
        );
        requests.iter().for_each(assert_private_token);
    })
    .await;
}

#[tokio::test]
async fn send_page_exposes_the_pagination_headers() {
    bounded(async {
        let server = Server::start();
        let client = client(&server);
        server.enqueue(x_next_page_replies().into_iter().take(1));

        let page = client
            .list_project_packages("group/project")
            .per_page(2)
            .send_page()
            .await
            .expect("first page");
        assert_eq!(ids_and_names(&page.items), [(1, "a"), (2, "b")]);
        assert_eq!(page.page, Some(1));
        assert_eq!(page.per_page, Some(2));
        assert_eq!(page.total, Some(5));
        assert_eq!(page.total_pages, Some(3));
        assert_eq!(page.next_page, Some(2));
        assert_eq!(page.prev_page, None);
        assert_eq!(page.next, None);

        let requests = server.take();
        assert_eq!(requests.len(), 1, "one page, one request");
        assert_eq!(
            requests[0].target(),
            "GET /api/v4/projects/group%2Fproject/packages?per_page=2"
        );
    })
    .await;
}

#[tokio::test]
async fn offset_pagination_follows_link_rel_next_alone() {
    bounded(async {
        let server = Server::start();
        let client = client(&server);
        let base = format!("{}/api/v4/projects/group%2Fproject/packages", server.url());
        let link = |page: u32| format!("<{base}?page={page}&per_page=2>");
        // GitLab's order: prev, next, first, last. No X-Next-Page, no totals.
        server.enqueue([
            Reply::json(packages_json(&[(1, "a"), (2, "b")])).header(
                "link",
                format!(
                    r#"{}; rel="next", {}; rel="first", {}; rel="last""#,
                    link(2),
                    link(1),
                    link(3)
                ),
            ),
            Reply::json(packages_json(&[(3, "c"), (4, "d")])).header(
                "link",
                format!(
                    r#"{}; rel="prev", {}; rel="next", {}; rel="first", {}; rel="last""#,
                    link(1),
                    link(3),
                    link(1),
                    link(3)
                ),
            ),
            Reply::json(packages_json(&[(5, "e")])).header(
                "link",
                format!(
                    r#"{}; rel="prev", {}; rel="first", {}; rel="last""#,
                    link(2),
                    link(1),
                    link(3)
                ),
            ),
        ]);

        let items = client
            .list_project_packages("group/project")
            .per_page(2)
            .into_items();
        let packages = collect(items).await;
        assert_eq!(ids_and_names(&packages), FIVE_PACKAGES);

        let requests = server.take();
        let targets: Vec<String> = requests.iter().map(Recorded::target).collect();
        assert_eq!(
            targets,
            [
                "GET /api/v4/projects/group%2Fproject/packages?per_page=2",
                "GET /api/v4/projects/group%2Fproject/packages?page=2&per_page=2",
                "GET /api/v4/projects/group%2Fproject/packages?page=3&per_page=2",
            ]
        );
        requests.iter().for_each(assert_private_token);
    })
    .await;
}

// ---------------------------------------------------------------------------------------
// Keyset pagination.
// ---------------------------------------------------------------------------------------

/// Package pipelines: the only signal of a next page is `Link rel="next"` with a `cursor`
/// (FACTS, "Pagination"). Its host is GitLab's configured host, not necessarily the one
/// the client called: the client follows the link's path and query on its own base URL,
/// and so sends its credentials nowhere else. One link names a second loopback server (a
/// decoy that records what it gets), the other a host that does not resolve.
#[tokio::test]
async fn keyset_pagination_follows_the_cursor_on_the_base_url() {
    bounded(async {
        let server = Server::start();
        let decoy = Server::start();
        let client = client(&server);
        server.enqueue([
            Reply::json(pipelines_json(&[11, 12])).header(
                "link",
                format!(
                    r#"<{}/api/v4/projects/1/packages/2/pipelines?cursor=eyJpZCI6IjEyIn0>; rel="next""#,
                    decoy.url()
                ),
            ),
            Reply::json(pipelines_json(&[13])).header(
                "link",
                r#"<http://gitlab.internal.example/api/v4/projects/1/packages/2/pipelines?cursor=eyJpZCI6IjEzIn0>; rel="next""#,
            ),
            Reply::json(pipelines_json(&[14])),
        ]);

        let items = client.list_project_package_pipelines(1, 2).into_items();
        let pipelines: Vec<PackagePipeline> = collect(items).await;
        let ids: Vec<u64> = pipelines.iter().map(|p| p.id).collect();
        assert_eq!(ids, [11, 12, 13, 14]);

        let requests = server.take();
        let targets: Vec<String> = requests.iter().map(Recorded::target).collect();
        assert_eq!(
            targets,
            [
                "GET /api/v4/projects/1/packages/2/pipelines",
                "GET /api/v4/projects/1/packages/2/pipelines?cursor=eyJpZCI6IjEyIn0",
                "GET /api/v4/projects/1/packages/2/pipelines?cursor=eyJpZCI6IjEzIn0",
            ]
        );
        requests.iter().for_each(assert_private_token);
        assert_eq!(decoy.take().len(), 0, "nothing may go to the Link's host");
    })
    .await;
}

/// Awaiting a list gives one page, which says there is more; `all()` collects every page.
/// (A user cannot take page one for the whole list without the types saying so.)
#[tokio::test]
async fn awaiting_a_list_gives_one_page_and_all_gives_every_item() {
    let server = Server::start();
    let c = client(&server);
    server.enqueue([x_next_page_replies().remove(0)]);
    let page = c.list_project_packages(1).per_page(2).await.unwrap();
    assert_eq!(ids_and_names(&page), [(1, "a"), (2, "b")]);
    assert!(page.has_more());
    assert_eq!((page.next_page, page.total), (Some(2), Some(5)));
    server.take();
    server.enqueue(x_next_page_replies());
    let all = c.list_project_packages(1).per_page(2).all().await.unwrap();
    assert_eq!(ids_and_names(&all), FIVE_PACKAGES);
    let requests = server.take();
    let targets: Vec<String> = requests.iter().map(Recorded::target).collect();
    assert_eq!(
        targets,
        [
            "GET /api/v4/projects/1/packages?per_page=2",
            "GET /api/v4/projects/1/packages?per_page=2&page=2",
            "GET /api/v4/projects/1/packages?per_page=2&page=3",
        ]
    );
}
