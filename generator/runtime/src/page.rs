//! Paginated lists: one page, or every item of every page as a stream.

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures_core::Stream;
use reqwest::header::{HeaderMap, HeaderName, LINK};
use url::Url;

use crate::error::{Error, Result};
use crate::response::RawResponse;
use crate::send::{Fetch, Prepared};

/// How a list is paginated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pagination {
    /// `page` and `per_page`: the next page is the one in `X-Next-Page` (else the
    /// `Link` header's `rel="next"`).
    Offset,
    /// `cursor` (package pipelines): the next page is the `Link` header's `rel="next"`.
    Keyset,
}

/// One page of a list, with GitLab's pagination headers.
///
/// GitLab omits the totals (`X-Total`, `X-Total-Pages`) for very large lists; keyset
/// lists have only [`next`](Self::next).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// This page's number (`X-Page`).
    pub page: Option<u64>,
    /// Items per page (`X-Per-Page`).
    pub per_page: Option<u64>,
    /// Items in all (`X-Total`).
    pub total: Option<u64>,
    /// Pages in all (`X-Total-Pages`).
    pub total_pages: Option<u64>,
    /// The next page's number (`X-Next-Page`); `None` on the last page.
    pub next_page: Option<u64>,
    /// The previous page's number (`X-Prev-Page`).
    pub prev_page: Option<u64>,
    /// The URL of the next page from the `Link` header (`rel="next"`), as the server sent
    /// it (its host is GitLab's configured host, which may differ from the client's).
    pub next: Option<Url>,
    /// All response headers.
    pub headers: HeaderMap,
}

impl<T> std::ops::Deref for Page<T> {
    type Target = [T];

    /// The page's items: `page.len()`, `page[0]`, `page.iter()`.
    fn deref(&self) -> &[T] {
        &self.items
    }
}

impl<T> IntoIterator for Page<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Page<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<T> Page<T> {
    /// Whether the server names a page after this one (`X-Next-Page` or a `Link`
    /// `rel="next"`): this page is not the whole list.
    pub fn has_more(&self) -> bool {
        self.next_page.is_some() || self.next.is_some()
    }

    /// The page `response` (fetched from `url`) carries: its JSON items and GitLab's
    /// pagination headers.
    pub(crate) fn decode(response: RawResponse, url: &Url) -> Result<Self>
    where
        T: serde::de::DeserializeOwned,
    {
        let items: Vec<T> = response.json()?;
        Ok(Page::new(items, response.into_headers(), url))
    }

    /// The page of `items`, with the pagination `headers` of the response whose URL is
    /// `url`.
    pub(crate) fn new(items: Vec<T>, headers: HeaderMap, url: &Url) -> Self {
        // Names made at compile time, not parsed from text at each lookup.
        const PAGE: HeaderName = HeaderName::from_static("x-page");
        const PER_PAGE: HeaderName = HeaderName::from_static("x-per-page");
        const TOTAL: HeaderName = HeaderName::from_static("x-total");
        const TOTAL_PAGES: HeaderName = HeaderName::from_static("x-total-pages");
        const NEXT_PAGE: HeaderName = HeaderName::from_static("x-next-page");
        const PREV_PAGE: HeaderName = HeaderName::from_static("x-prev-page");
        let number = |name: HeaderName| -> Option<u64> {
            headers.get(name)?.to_str().ok()?.trim().parse().ok()
        };
        Page {
            items,
            page: number(PAGE),
            per_page: number(PER_PAGE),
            total: number(TOTAL),
            total_pages: number(TOTAL_PAGES),
            next_page: number(NEXT_PAGE),
            prev_page: number(PREV_PAGE),
            next: next_link(&headers).and_then(|link| url.join(&link).ok()),
            headers,
        }
    }

    /// The URL of the page after this one, fetched from `url`: `X-Next-Page` put in
    /// `url`'s query (offset lists), else `Link rel="next"` moved to `base` (its path and
    /// query, which must lie under `base`'s path). `Ok(None)` on the last page.
    pub(crate) fn next_url(
        &self,
        url: &Url,
        base: &Url,
        pagination: Pagination,
    ) -> std::result::Result<Option<Url>, String> {
        let next = match (pagination, self.next_page, &self.next) {
            (Pagination::Offset, Some(page), _) => with_page(url, page),
            (_, _, Some(link)) => rebase(link, base)?,
            _ => return Ok(None),
        };
        if next == *url {
            return Err("the next page is the page itself".to_owned());
        }
        Ok(Some(next))
    }
}

/// `url` with its `page` query parameter set to `page` (the others kept byte for byte).
fn with_page(url: &Url, page: u64) -> Url {
    let mut query: Vec<&str> = url
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty() && *pair != "page" && !pair.starts_with("page="))
        .collect();
    let pair = format!("page={page}");
    query.push(&pair);
    let mut next = url.clone();
    next.set_query(Some(&query.join("&")));
    next
}

/// The path and query of `link` on `base`'s scheme, host and port: credentials are only
/// ever sent to the configured server. The path must lie under `base`'s path.
fn rebase(link: &Url, base: &Url) -> std::result::Result<Url, String> {
    let prefix = base.path().trim_end_matches('/');
    let path = link.path();
    let inside = path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('/'));
    if !inside {
        return Err(format!(
            "its `Link` path {} is outside the base URL's path {}",
            crate::error::clean(path, 100),
            base.path()
        ));
    }
    let mut url = base.clone();
    url.set_path(path);
    url.set_query(link.query());
    Ok(url)
}

/// The target of the first `rel="next"` link in the `Link` headers.
fn next_link(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|value| {
            parse_links(value)
                .find(|(_, rels)| {
                    rels.split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("next"))
                })
                .map(|(target, _)| target.to_owned())
        })
}

/// The `(target, rel)` pairs of a `Link` header (RFC 8288): `<url>; rel="next", …`.
/// Commas inside `<…>` or quotes do not split links.
fn parse_links(value: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = value;
    std::iter::from_fn(move || {
        loop {
            let start = rest.find('<')?;
            let end = start + rest[start..].find('>')?;
            let target = &rest[start + 1..end];
            // Parameters run to the next comma outside quotes.
            let params = &rest[end + 1..];
            let mut quoted = false;
            let stop = params
                .char_indices()
                .find(|&(_, c)| {
                    if c == '"' {
                        quoted = !quoted;
                    }
                    c == ',' && !quoted
                })
                .map_or(params.len(), |(i, _)| i);
            rest = &params[stop..];
            let rel = params[..stop].split(';').find_map(|param| {
                let (name, value) = param.split_once('=')?;
                name.trim()
                    .eq_ignore_ascii_case("rel")
                    .then(|| value.trim().trim_matches('"'))
            });
            if let Some(rel) = rel {
                return Some((target, rel));
            }
        }
    })
}

/// Every item of a paginated list, page after page: a [`Stream`] that requests the next
/// page when the items of the current one have been consumed.
///
/// Each page is a request of its own, retried by the retry policy. The stream ends after
/// the last page, or after the first error. Next-page links that point at another host
/// are followed on the client's base URL (GitLab builds them from its configured host);
/// one outside the base URL's path ends the stream with [`Error::Pagination`].
///
/// ```no_run
/// use futures_util::StreamExt;
/// use gitlab_api_runtime::{Client, Pagination};
/// use gitlab_api_runtime::Method;
///
/// # async fn demo(client: Client) -> gitlab_api_runtime::Result<()> {
/// let mut request = client.request(Method::GET, "list_project_packages", "/api/v4/projects/{id}/packages");
/// request
///     .path_literal("/api/v4/projects/")
///     .path_param("id", &"group/project")
///     .path_literal("/packages")
///     .query("per_page", &100);
/// let mut packages = request.into_items(Pagination::Offset);
/// while let Some(package) = packages.next().await {
///     println!("{}", package?["name"]);
/// }
/// # Ok(())
/// # }
/// ```
pub struct Items<T> {
    prepared: Option<Arc<Prepared>>,
    pagination: Pagination,
    buffer: VecDeque<T>,
    next: Option<Url>,
    fetching: Option<Fetch>,
    /// An error to yield once the buffered items are consumed.
    error: Option<Error>,
    /// The pages asked for so far: a server naming one of them again loops.
    seen: HashSet<Url>,
}

impl<T> Items<T>
where
    T: serde::de::DeserializeOwned + Send + 'static,
{
    pub(crate) fn new(prepared: Result<Prepared>, url: Url, pagination: Pagination) -> Self {
        let (prepared, error) = match prepared {
            Ok(prepared) => (Some(Arc::new(prepared)), None),
            Err(error) => (None, Some(error)),
        };
        Items {
            prepared,
            pagination,
            buffer: VecDeque::new(),
            seen: HashSet::from([url.clone()]),
            next: Some(url),
            fetching: None,
            error,
        }
    }
}

/// The page after one, unless the list loops back to a page it gave or would go past
/// `max_pages` (bounds a server can drive: see [`Limits`](crate::Limits)).
fn follow(
    next: Option<Url>,
    seen: &mut HashSet<Url>,
    max_pages: u64,
) -> std::result::Result<Option<Url>, String> {
    let Some(next) = next else {
        return Ok(None);
    };
    if seen.len() as u64 >= max_pages {
        return Err(format!(
            "the list has more than {max_pages} pages, the limit (Limits::max_pages)"
        ));
    }
    if !seen.insert(next.clone()) {
        // Named only when it is a number: the server wrote it.
        let page = next
            .query_pairs()
            .find(|(k, v)| k == "page" && v.len() <= 20 && v.bytes().all(|b| b.is_ascii_digit()));
        return Err(match page {
            Some((_, page)) => format!("the server names page {page} again: its pagination loops"),
            None => "the server names a page it already gave: its pagination loops".to_owned(),
        });
    }
    Ok(Some(next))
}

// Items are only moved, never pinned.
impl<T> Unpin for Items<T> {}

impl<T> Stream for Items<T>
where
    T: serde::de::DeserializeOwned + Send + 'static,
{
    type Item = Result<T>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if let Some(error) = this.error.take() {
                this.prepared = None;
                this.next = None;
                return Poll::Ready(Some(Err(error)));
            }
            let Some(prepared) = &this.prepared else {
                return Poll::Ready(None);
            };
            if let Some(fetching) = &mut this.fetching {
                let result = match fetching.as_mut().poll(cx) {
                    Poll::Ready(result) => result,
                    Poll::Pending => return Poll::Pending,
                };
                this.fetching = None;
                let (response, url) = match result {
                    Ok(fetched) => fetched,
                    Err(error) => {
                        this.error = Some(error);
                        continue;
                    }
                };
                let page = match Page::<T>::decode(response, &url) {
                    Ok(page) => page,
                    Err(error) => {
                        this.error = Some(error);
                        continue;
                    }
                };
                let next = page
                    .next_url(&url, prepared.base_url(), this.pagination)
                    .and_then(|next| follow(next, &mut this.seen, prepared.limits.get_max_pages()));
                match next {
                    Ok(next) => this.next = next,
                    Err(reason) => this.error = Some(prepared.pagination_error(&url, reason)),
                }
                this.buffer.extend(page.items);
                continue;
            }
            match this.next.take() {
                Some(url) => this.fetching = Some(Arc::clone(prepared).fetch(url)),
                None => {
                    this.prepared = None;
                    return Poll::Ready(None);
                }
            }
        }
    }
}

impl<T> fmt::Debug for Items<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("pagination", &self.pagination)
            .field("buffered", &self.buffer.len())
            .field("done", &self.prepared.is_none())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    fn links(value: &str) -> Vec<(&str, &str)> {
        parse_links(value).collect()
    }

    #[test]
    fn link_header_parsing() {
        assert_eq!(
            links(
                r#"<https://g.example/api/v4/x?page=2&per_page=2>; rel="next", <https://g.example/api/v4/x?page=1>; rel="first""#
            ),
            vec![
                ("https://g.example/api/v4/x?page=2&per_page=2", "next"),
                ("https://g.example/api/v4/x?page=1", "first")
            ]
        );
        assert_eq!(
            links(
                r#"<https://g/x?components=a,b>; title="a, b"; rel=next,<https://g/y>;rel="prev last""#
            ),
            vec![
                ("https://g/x?components=a,b", "next"),
                ("https://g/y", "prev last")
            ]
        );
        assert_eq!(links("<https://g/x>; title=none"), vec![]);
        assert_eq!(links("garbage"), vec![]);
        assert_eq!(links("<unterminated"), vec![]);
        let mut headers = HeaderMap::new();
        headers.append(LINK, r#"<https://g/first>; rel="first""#.parse().unwrap());
        headers.append(
            LINK,
            r#"<https://g/last>; rel="last", </n?cursor=x>; rel="next""#
                .parse()
                .unwrap(),
        );
        assert_eq!(next_link(&headers).as_deref(), Some("/n?cursor=x"));
    }

    #[test]
    fn page_headers() {
        let mut headers = HeaderMap::new();
        for (name, value) in [
            ("x-page", "2"),
            ("x-per-page", "20"),
            ("x-total", "45"),
            ("x-total-pages", "3"),
            ("x-next-page", "3"),
            ("x-prev-page", "1"),
            ("link", r#"</gitlab/api/v4/x?page=3>; rel="next""#),
        ] {
            headers.insert(name, value.parse().unwrap());
        }
        let page = Page::new(vec![1], headers, &url("http://h:1/gitlab/api/v4/x?page=2"));
        assert_eq!(
            (
                page.page,
                page.per_page,
                page.total,
                page.total_pages,
                page.next_page,
                page.prev_page
            ),
            (Some(2), Some(20), Some(45), Some(3), Some(3), Some(1))
        );
        assert_eq!(
            page.next.unwrap().as_str(),
            "http://h:1/gitlab/api/v4/x?page=3"
        );
        let mut headers = HeaderMap::new();
        headers.insert("x-next-page", "".parse().unwrap());
        let page = Page::new(Vec::<u8>::new(), headers, &url("http://h/x"));
        assert_eq!((page.next_page, page.total, page.next), (None, None, None));
    }

    #[test]
    fn next_page_urls() {
        let base = url("https://gitlab.example/gitlab");
        let current = url("https://gitlab.example/gitlab/api/v4/x?per_page=2&name=a%2Bb+c&page=1");
        let mut page = Page::new(Vec::<u8>::new(), HeaderMap::new(), &current);
        assert_eq!(page.next_url(&current, &base, Pagination::Offset), Ok(None));
        page.next_page = Some(2);
        assert_eq!(
            page.next_url(&current, &base, Pagination::Offset)
                .unwrap()
                .unwrap()
                .as_str(),
            "https://gitlab.example/gitlab/api/v4/x?per_page=2&name=a%2Bb+c&page=2"
        );
        // Keyset lists ignore X-Next-Page.
        assert_eq!(page.next_url(&current, &base, Pagination::Keyset), Ok(None));
        page.next = Some(url("http://internal:8080/gitlab/api/v4/x?cursor=abc"));
        assert_eq!(
            page.next_url(&current, &base, Pagination::Keyset)
                .unwrap()
                .unwrap()
                .as_str(),
            "https://gitlab.example/gitlab/api/v4/x?cursor=abc"
        );
        page.next = Some(url("https://gitlab.example/other/api/v4/x?cursor=abc"));
        assert_eq!(
            page.next_url(&current, &base, Pagination::Keyset),
            Err(
                "its `Link` path /other/api/v4/x is outside the base URL's path /gitlab".to_owned()
            )
        );
        page.next = Some(url("https://gitlab.example/gitlabx/api"));
        assert!(page.next_url(&current, &base, Pagination::Keyset).is_err());
        page.next = Some(current.clone());
        assert_eq!(
            page.next_url(&current, &base, Pagination::Keyset),
            Err("the next page is the page itself".to_owned())
        );
        let root = url("https://gitlab.example");
        page.next = Some(url("http://x/anything?cursor=1"));
        assert_eq!(
            page.next_url(&current, &root, Pagination::Keyset)
                .unwrap()
                .unwrap()
                .as_str(),
            "https://gitlab.example/anything?cursor=1"
        );
    }

    #[test]
    fn with_page_replaces_only_page() {
        assert_eq!(
            with_page(&url("http://h/x"), 2).as_str(),
            "http://h/x?page=2"
        );
        assert_eq!(
            with_page(&url("http://h/x?page=1&per_page=5&pages=3&page"), 4).as_str(),
            "http://h/x?per_page=5&pages=3&page=4"
        );
    }
}
