//! Pages for anonymous readers, served again from memory.
//!
//! A page an anonymous reader asks for (GET, no session, an HTML answer of 200) is kept with the
//! store's data version at the moment it began to render ([`store::Store::data_version`]). The
//! next anonymous reader of the same address in the same language gets the kept page when no
//! write has been committed by this process since and it is younger than the configured time
//! (`page_cache_ms`, for writes by other processes and for what changes with the clock, such as
//! phases opening). Logged-in people always get a page rendered for them.
//!
//! The page holds the reader's CSRF token in its forms: it is kept cut at every occurrence of
//! the token of the reader it was rendered for, and joined again with each reader's own token.
//! Readers of the same page wait for one rendering instead of each rendering it; a page only
//! too old is served as it is while one rendering replaces it in the background. Memory is
//! bounded: pages over [`MAX_PAGE`] bytes are not kept, and the whole cache is emptied when it
//! would hold more than [`MAX_BYTES`] or [`MAX_PAGES`] pages.

use crate::error::ErrorMarker;
use axum::body::{Body, Bytes, HttpBody, to_bytes};
use axum::http::StatusCode;
use axum::http::header::{self, HeaderMap};
use axum::response::Response;
use domain::accounts::Lang;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// Largest page kept.
pub const MAX_PAGE: u64 = 1 << 20;
/// Most bytes kept in all.
pub const MAX_BYTES: usize = 64 << 20;
/// Most addresses kept.
pub const MAX_PAGES: usize = 4096;

/// What tells two kept pages apart.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    pub lang: Lang,
    pub path: String,
    /// The query without `lang`.
    pub query: String,
}

/// A rendered page, cut at the CSRF token of the reader it was rendered for.
struct Page {
    version: u64,
    at: Instant,
    headers: HeaderMap,
    pieces: Vec<Bytes>,
    size: usize,
}

/// One address: its kept page, whether a reader is rendering it, and where the others wait.
#[derive(Default)]
struct Slot {
    state: Mutex<SlotState>,
    rendered: Notify,
}

#[derive(Default)]
struct SlotState {
    page: Option<Arc<Page>>,
    rendering: bool,
}

#[derive(Default)]
struct Slots {
    map: HashMap<Key, Arc<Slot>>,
    bytes: usize,
}

/// The cache of one router.
pub struct PageCache {
    ttl: Duration,
    slots: Mutex<Slots>,
}

/// Ends a reader's rendering duty, even when the request is dropped half-way: the others stop
/// waiting (and one of them renders when nothing was kept).
struct Duty<'a>(&'a Slot);

impl Drop for Duty<'_> {
    fn drop(&mut self) {
        lock(&self.0.state).rendering = false;
        self.0.rendered.notify_waiters();
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl PageCache {
    /// A cache keeping pages `ttl` at most; a zero `ttl` keeps none.
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            slots: Mutex::new(Slots::default()),
        }
    }

    pub fn enabled(&self) -> bool {
        !self.ttl.is_zero()
    }

    fn slot(&self, key: &Key) -> Arc<Slot> {
        let mut slots = lock(&self.slots);
        if let Some(slot) = slots.map.get(key) {
            return slot.clone();
        }
        if slots.map.len() >= MAX_PAGES {
            *slots = Slots::default();
        }
        let slot = Arc::new(Slot::default());
        slots.map.insert(key.clone(), slot.clone());
        slot
    }

    /// Counts a page of `size` bytes replacing one of `old` bytes in `slot`; empties the cache
    /// when it would grow over [`MAX_BYTES`]. False when `slot` is no longer in the cache.
    fn account(&self, key: &Key, slot: &Arc<Slot>, old: usize, size: usize) -> bool {
        let mut slots = lock(&self.slots);
        if !slots.map.get(key).is_some_and(|s| Arc::ptr_eq(s, slot)) {
            return false;
        }
        let bytes = slots.bytes.saturating_sub(old) + size;
        if bytes > MAX_BYTES {
            *slots = Slots::default();
            return false;
        }
        slots.bytes = bytes;
        true
    }

    /// The page at `key` for the reader whose CSRF token is `csrf`. The kept one when it was
    /// rendered at `version` (when it is older than the cache's time, `render` runs in the
    /// background to replace it); else what `render` answers, kept when it is a whole HTML page
    /// of 200 without cookies. Readers finding no page of `version` while another renders it
    /// wait for that rendering.
    pub async fn page<F>(
        self: &Arc<Self>,
        key: Key,
        version: u64,
        csrf: &str,
        render: F,
    ) -> Response
    where
        F: Future<Output = Response> + Send + 'static,
    {
        let slot = self.slot(&key);
        let old = loop {
            let waiting = {
                let mut state = lock(&slot.state);
                let current = state.page.clone().filter(|p| p.version == version);
                match current {
                    Some(page) if state.rendering || page.at.elapsed() < self.ttl => {
                        return page.response(csrf);
                    }
                    Some(page) => {
                        // Too old: this reader gets it while it is rendered afresh.
                        state.rendering = true;
                        drop(state);
                        let (cache, slot, token) = (self.clone(), slot.clone(), csrf.to_owned());
                        let size = page.size;
                        tokio::spawn(async move {
                            let _duty = Duty(&slot);
                            let response = render.await;
                            cache
                                .keep(&key, &slot, version, &token, size, response)
                                .await;
                        });
                        return page.response(csrf);
                    }
                    None if !state.rendering => {
                        state.rendering = true;
                        break state.page.as_ref().map_or(0, |p| p.size);
                    }
                    None => slot.rendered.notified(),
                }
            };
            waiting.await;
        };
        let _duty = Duty(&slot);
        let response = render.await;
        self.keep(&key, &slot, version, csrf, old, response).await
    }

    /// Keeps `response` (rendered at `version` for the reader whose token is `csrf`) in `slot`
    /// in place of a page of `old` bytes, when it is a whole HTML page of 200 without cookies;
    /// returns it.
    async fn keep(
        &self,
        key: &Key,
        slot: &Arc<Slot>,
        version: u64,
        csrf: &str,
        old: usize,
        response: Response,
    ) -> Response {
        let keepable = response.status() == StatusCode::OK
            && !response.headers().contains_key(header::SET_COOKIE)
            && response
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("text/html"))
            && response
                .body()
                .size_hint()
                .exact()
                .is_some_and(|n| n <= MAX_PAGE)
            && response.extensions().get::<ErrorMarker>().is_none();
        if !keepable {
            if lock(&slot.state).page.take().is_some() {
                self.account(key, slot, old, 0);
            }
            return response;
        }
        let (parts, body) = response.into_parts();
        let Ok(bytes) = to_bytes(body, MAX_PAGE as usize).await else {
            lock(&slot.state).page = None;
            self.account(key, slot, old, 0);
            return ErrorMarker::response(StatusCode::INTERNAL_SERVER_ERROR, "error-internal");
        };
        let page = Page {
            version,
            at: Instant::now(),
            headers: parts.headers.clone(),
            size: bytes.len(),
            pieces: cut(&bytes, csrf.as_bytes()),
        };
        let kept = self
            .account(key, slot, old, page.size)
            .then(|| Arc::new(page));
        lock(&slot.state).page = kept;
        Response::from_parts(parts, Body::from(bytes))
    }
}

impl Page {
    fn response(&self, csrf: &str) -> Response {
        let body = if self.pieces.len() == 1 {
            Body::from(self.pieces[0].clone())
        } else {
            let mut whole = Vec::with_capacity(self.size);
            for (i, piece) in self.pieces.iter().enumerate() {
                if i > 0 {
                    whole.extend_from_slice(csrf.as_bytes());
                }
                whole.extend_from_slice(piece);
            }
            Body::from(whole)
        };
        let mut r = Response::new(body);
        *r.headers_mut() = self.headers.clone();
        r
    }
}

/// `bytes` cut at every occurrence of `token` (which is not kept).
fn cut(bytes: &Bytes, token: &[u8]) -> Vec<Bytes> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while !token.is_empty() && i + token.len() <= bytes.len() {
        if &bytes[i..i + token.len()] == token {
            pieces.push(bytes.slice(start..i));
            i += token.len();
            start = i;
        } else {
            i += 1;
        }
    }
    pieces.push(bytes.slice(start..));
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_time()
            .build()
            .expect("runtime")
    }

    async fn text(response: Response) -> String {
        let bytes = to_bytes(response.into_body(), 1 << 20).await.expect("body");
        String::from_utf8(bytes.to_vec()).expect("utf-8")
    }

    fn key() -> Key {
        Key {
            lang: Lang::It,
            path: "/processes".into(),
            query: String::new(),
        }
    }

    /// Renders `<form>token</form>` after `ms` milliseconds, counting renderings in `count`.
    async fn render(count: Arc<AtomicUsize>, token: String, ms: u64) -> Response {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        let n = count.fetch_add(1, Ordering::SeqCst);
        let mut r = Response::new(Body::from(format!("<form>{token}</form>#{n}")));
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            "text/html; charset=utf-8".parse().expect("type"),
        );
        r
    }

    #[test]
    fn a_page_is_cut_at_every_token_and_joined_with_another() {
        let page = Bytes::from_static(b"<input value=\"abc\"><meta content=\"abc\">end");
        let pieces = cut(&page, b"abc");
        assert_eq!(pieces.len(), 3);
        let kept = Page {
            version: 0,
            at: Instant::now(),
            headers: HeaderMap::new(),
            size: page.len(),
            pieces,
        };
        let body = runtime().block_on(text(kept.response("XYZW")));
        assert_eq!(body, "<input value=\"XYZW\"><meta content=\"XYZW\">end");
        assert_eq!(cut(&page, b"none").len(), 1);
    }

    #[test]
    fn fifty_readers_of_a_cold_page_wait_for_one_rendering_and_get_their_own_token() {
        runtime().block_on(async {
            let cache = Arc::new(PageCache::new(Duration::from_secs(60)));
            let count = Arc::new(AtomicUsize::new(0));
            let tasks: Vec<_> = (0..50)
                .map(|i| {
                    let (cache, count) = (cache.clone(), count.clone());
                    tokio::spawn(async move {
                        let token = format!("token{i:02}");
                        let r = render(count, token.clone(), 30);
                        text(cache.page(key(), 7, &token, r).await).await
                    })
                })
                .collect();
            for (i, task) in tasks.into_iter().enumerate() {
                assert_eq!(
                    task.await.expect("task"),
                    format!("<form>token{i:02}</form>#0")
                );
            }
            assert_eq!(count.load(Ordering::SeqCst), 1);
            // A write (a new version) renders afresh; the other language is another page.
            let r = render(count.clone(), "t".into(), 0);
            assert_eq!(
                text(cache.page(key(), 8, "t", r).await).await,
                "<form>t</form>#1"
            );
            let english = Key {
                lang: Lang::En,
                ..key()
            };
            let r = render(count.clone(), "t".into(), 0);
            assert_eq!(
                text(cache.page(english, 8, "t", r).await).await,
                "<form>t</form>#2"
            );
        });
    }

    #[test]
    fn an_old_page_is_served_while_it_is_rendered_afresh_in_the_background_and_a_dropped_rendering_frees_the_page()
     {
        runtime().block_on(async {
            let cache = Arc::new(PageCache::new(Duration::from_millis(1000)));
            let count = Arc::new(AtomicUsize::new(0));
            let r = render(count.clone(), "a".into(), 0);
            assert_eq!(
                text(cache.page(key(), 1, "a", r).await).await,
                "<form>a</form>#0"
            );
            tokio::time::sleep(Duration::from_millis(1100)).await;
            // Too old: the reader gets it at once, and a slow rendering starts behind it...
            let r = render(count.clone(), "b".into(), 500);
            assert_eq!(
                text(cache.page(key(), 1, "b", r).await).await,
                "<form>b</form>#0"
            );
            // ...during which the others get it too, without a rendering of their own.
            let r = render(count.clone(), "c".into(), 0);
            assert_eq!(
                text(cache.page(key(), 1, "c", r).await).await,
                "<form>c</form>#0"
            );
            tokio::time::sleep(Duration::from_millis(700)).await;
            let r = render(count.clone(), "d".into(), 0);
            assert_eq!(
                text(cache.page(key(), 1, "d", r).await).await,
                "<form>d</form>#1"
            );
            assert_eq!(count.load(Ordering::SeqCst), 2);
            // A new version while a rendering is dropped half-way: the next reader renders.
            let dropped = {
                let (cache, count) = (cache.clone(), count.clone());
                tokio::spawn(async move {
                    let r = render(count, "e".into(), 10_000);
                    cache.page(key(), 2, "e", r).await
                })
            };
            tokio::time::sleep(Duration::from_millis(20)).await;
            dropped.abort();
            let _ = dropped.await;
            let r = render(count.clone(), "f".into(), 0);
            assert_eq!(
                text(cache.page(key(), 2, "f", r).await).await,
                "<form>f</form>#2"
            );
        });
    }

    #[test]
    fn pages_that_are_not_whole_html_of_200_are_not_kept() {
        runtime().block_on(async {
            let cache = Arc::new(PageCache::new(Duration::from_secs(60)));
            for n in 0..2 {
                let mut r = Response::new(Body::from(format!("{{\"n\": {n}}}")));
                r.headers_mut().insert(
                    header::CONTENT_TYPE,
                    "application/json".parse().expect("type"),
                );
                assert_eq!(
                    text(cache.page(key(), 1, "t", async { r }).await).await,
                    format!("{{\"n\": {n}}}")
                );
            }
            for n in 0..2 {
                let mut r = Response::new(Body::from(format!("<p>{n}</p>")));
                r.headers_mut()
                    .insert(header::CONTENT_TYPE, "text/html".parse().expect("type"));
                r.headers_mut()
                    .insert(header::SET_COOKIE, "a=b".parse().expect("cookie"));
                assert_eq!(
                    text(cache.page(key(), 1, "t", async { r }).await).await,
                    format!("<p>{n}</p>")
                );
            }
        });
    }
}
