//! Pages for anonymous readers, served again from memory.
//!
//! A page an anonymous reader asks for (GET, no session, an HTML answer of 200) is kept with the
//! store's data version at the moment it began to render ([`store::Store::data_version`]). The
//! next anonymous reader of the same address in the same language gets the kept page when no
//! write has been committed by this process since and it is younger than the configured time
//! (`page_cache_ms`, for writes by other processes and for what changes with the clock, such as
//! phases opening); up to twice that time it is still served while one rendering replaces it in
//! the background, and older it is rendered afresh. Logged-in people always get a page rendered
//! for them.
//!
//! The page holds a CSRF token in its forms. It is rendered with a random token nobody holds
//! (a visitor's own could be chosen to match text on the page), kept cut at every occurrence of
//! it, and joined again with each reader's own token. Readers of the same page wait for one
//! rendering instead of each rendering it; an address whose answer is not kept (an export, a
//! redirect, an error) is rendered for each reader without waiting, for a while. Memory is
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

/// A rendered page, cut at the CSRF token it was rendered with.
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
    /// Until then the address's answers are not kept (its last one was not a whole page of
    /// 200: an export, a redirect, an error), so its readers render without waiting in turn.
    unkept_until: Option<Instant>,
}

/// What a reader of a slot does.
enum Step {
    Serve(Arc<Page>),
    /// Serve it, and render it afresh in the background (this reader took the duty).
    Refresh(Arc<Page>),
    /// Render and keep; `usize` is the size of the page replaced.
    Render(usize),
    /// Render for this reader only.
    Pass,
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

    /// The page at `key` for the reader whose CSRF token is `csrf`; `render` renders it with
    /// the CSRF token `placeholder` (a random one nobody holds, put back by each reader's own).
    ///
    /// The kept page when it was rendered at `version` less than the cache's time ago; up to
    /// twice that time, the kept page too while `render` runs in the background to replace it;
    /// else what `render` answers, kept when it is a whole HTML page of 200 without cookies.
    /// Readers finding no page of `version` while another renders it wait for that rendering.
    pub async fn page<F>(
        self: &Arc<Self>,
        key: Key,
        version: u64,
        placeholder: &str,
        csrf: &str,
        render: F,
    ) -> Response
    where
        F: Future<Output = Response> + Send + 'static,
    {
        let slot = self.slot(&key);
        let step = loop {
            let waiting = {
                let mut state = lock(&slot.state);
                let current = state.page.clone().filter(|p| p.version == version);
                let age = current.as_ref().map(|p| p.at.elapsed());
                match (current, age) {
                    (Some(page), Some(age)) if age < self.ttl => break Step::Serve(page),
                    (Some(page), Some(age)) if age < 2 * self.ttl => {
                        if state.rendering {
                            break Step::Serve(page);
                        }
                        // Too old: rendered afresh behind this reader.
                        state.rendering = true;
                        break Step::Refresh(page);
                    }
                    _ if state.unkept_until.is_some_and(|t| Instant::now() < t) => {
                        break Step::Pass;
                    }
                    _ if !state.rendering => {
                        state.rendering = true;
                        break Step::Render(state.page.as_ref().map_or(0, |p| p.size));
                    }
                    _ => slot.rendered.notified(),
                }
            };
            waiting.await;
        };
        match step {
            Step::Serve(page) => page.response(csrf),
            Step::Refresh(page) => {
                let (cache, slot) = (self.clone(), slot.clone());
                let (size, token) = (page.size, placeholder.to_owned());
                tokio::spawn(async move {
                    let _duty = Duty(&slot);
                    let response = render.await;
                    let _ = cache
                        .keep(&key, &slot, version, &token, size, response)
                        .await;
                });
                page.response(csrf)
            }
            Step::Pass => own_token(render.await, placeholder, csrf).await,
            Step::Render(old) => {
                let _duty = Duty(&slot);
                let response = render.await;
                match self
                    .keep(&key, &slot, version, placeholder, old, response)
                    .await
                {
                    Ok(page) => page.response(csrf),
                    Err(response) => own_token(response, placeholder, csrf).await,
                }
            }
        }
    }

    /// Keeps `response` (rendered at `version` with the CSRF token `placeholder`) in `slot` in
    /// place of a page of `old` bytes when it is a whole HTML page of 200 without cookies, and
    /// returns the page; else marks the address as not kept for a while and returns `response`.
    async fn keep(
        &self,
        key: &Key,
        slot: &Arc<Slot>,
        version: u64,
        placeholder: &str,
        old: usize,
        response: Response,
    ) -> Result<Arc<Page>, Response> {
        let keepable = response.status() == StatusCode::OK
            && !response.headers().contains_key(header::SET_COOKIE)
            && is_html(&response)
            && response
                .body()
                .size_hint()
                .exact()
                .is_some_and(|n| n <= MAX_PAGE)
            && response.extensions().get::<ErrorMarker>().is_none();
        if !keepable {
            let had = {
                let mut state = lock(&slot.state);
                state.unkept_until = Some(Instant::now() + self.ttl);
                state.page.take().is_some()
            };
            if had {
                self.account(key, slot, old, 0);
            }
            return Err(response);
        }
        let (parts, body) = response.into_parts();
        let Ok(bytes) = to_bytes(body, MAX_PAGE as usize).await else {
            lock(&slot.state).page = None;
            self.account(key, slot, old, 0);
            return Err(ErrorMarker::response(
                StatusCode::INTERNAL_SERVER_ERROR,
                "error-internal",
            ));
        };
        let page = Arc::new(Page {
            version,
            at: Instant::now(),
            headers: parts.headers,
            size: bytes.len(),
            pieces: cut(&bytes, placeholder.as_bytes()),
        });
        let kept = self.account(key, slot, old, page.size);
        let mut state = lock(&slot.state);
        state.unkept_until = None;
        state.page = kept.then(|| page.clone());
        Ok(page)
    }
}

fn is_html(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// A response rendered with the CSRF token `placeholder` and not kept, with the reader's own
/// token `csrf` in its place (HTML only: other answers do not carry the token).
async fn own_token(response: Response, placeholder: &str, csrf: &str) -> Response {
    if !is_html(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    match to_bytes(body, usize::MAX).await {
        Ok(bytes) => {
            let pieces = cut(&bytes, placeholder.as_bytes());
            Response::from_parts(parts, joined(&pieces, bytes.len(), csrf))
        }
        Err(_) => ErrorMarker::response(StatusCode::INTERNAL_SERVER_ERROR, "error-internal"),
    }
}

impl Page {
    fn response(&self, csrf: &str) -> Response {
        let mut r = Response::new(joined(&self.pieces, self.size, csrf));
        *r.headers_mut() = self.headers.clone();
        r
    }
}

/// `pieces` joined with `csrf` between them (`size`: about the whole length).
fn joined(pieces: &[Bytes], size: usize, csrf: &str) -> Body {
    if let [only] = pieces {
        return Body::from(only.clone());
    }
    let mut whole = Vec::with_capacity(size);
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            whole.extend_from_slice(csrf.as_bytes());
        }
        whole.extend_from_slice(piece);
    }
    Body::from(whole)
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

    /// The token pages are rendered with in these tests.
    const HIDDEN: &str = "0123456789abcdef";

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

    /// Renders `<form>HIDDEN</form>#n` after `ms` milliseconds, `n` counting renderings.
    async fn render(count: Arc<AtomicUsize>, ms: u64) -> Response {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        let n = count.fetch_add(1, Ordering::SeqCst);
        let mut r = Response::new(Body::from(format!("<form>{HIDDEN}</form>#{n}")));
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            "text/html; charset=utf-8".parse().expect("type"),
        );
        r
    }

    async fn read(
        cache: &Arc<PageCache>,
        v: u64,
        csrf: &str,
        r: impl Future<Output = Response> + Send + 'static,
    ) -> String {
        text(cache.page(key(), v, HIDDEN, csrf, r).await).await
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
                        read(&cache, 7, &format!("token{i:02}"), render(count, 30)).await
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
            assert_eq!(
                read(&cache, 8, "t", render(count.clone(), 0)).await,
                "<form>t</form>#1"
            );
            let english = Key {
                lang: Lang::En,
                ..key()
            };
            let r = cache
                .page(english, 8, HIDDEN, "t", render(count.clone(), 0))
                .await;
            assert_eq!(text(r).await, "<form>t</form>#2");
        });
    }

    #[test]
    fn an_old_page_is_served_while_it_is_rendered_afresh_and_a_very_old_one_is_not() {
        runtime().block_on(async {
            let cache = Arc::new(PageCache::new(Duration::from_millis(1000)));
            let count = Arc::new(AtomicUsize::new(0));
            assert_eq!(
                read(&cache, 1, "a", render(count.clone(), 0)).await,
                "<form>a</form>#0"
            );
            tokio::time::sleep(Duration::from_millis(1100)).await;
            // Too old: the reader gets it at once, and a slow rendering starts behind it...
            assert_eq!(
                read(&cache, 1, "b", render(count.clone(), 600)).await,
                "<form>b</form>#0"
            );
            // ...during which the others get it too, without a rendering of their own.
            assert_eq!(
                read(&cache, 1, "c", render(count.clone(), 0)).await,
                "<form>c</form>#0"
            );
            let mut fresh = String::new();
            for _ in 0..100 {
                tokio::time::sleep(Duration::from_millis(50)).await;
                fresh = read(&cache, 1, "d", render(count.clone(), 0)).await;
                if fresh != "<form>d</form>#0" {
                    break;
                }
            }
            assert_eq!(fresh, "<form>d</form>#1");
            // Older than twice the time: rendered afresh before it is served.
            tokio::time::sleep(Duration::from_millis(2100)).await;
            assert_eq!(
                read(&cache, 1, "e", render(count.clone(), 0)).await,
                "<form>e</form>#2"
            );
        });
    }

    #[test]
    fn a_rendering_dropped_half_way_frees_the_page() {
        runtime().block_on(async {
            let cache = Arc::new(PageCache::new(Duration::from_secs(60)));
            let count = Arc::new(AtomicUsize::new(0));
            let started = Arc::new(Notify::new());
            let dropped = {
                let (cache, count, started) = (cache.clone(), count.clone(), started.clone());
                tokio::spawn(async move {
                    let r = async move {
                        started.notify_one();
                        render(count, 60_000).await
                    };
                    read(&cache, 2, "x", r).await
                })
            };
            started.notified().await;
            dropped.abort();
            let _ = dropped.await;
            assert_eq!(
                read(&cache, 2, "f", render(count.clone(), 0)).await,
                "<form>f</form>#0"
            );
        });
    }

    #[test]
    fn answers_that_are_not_whole_html_of_200_are_not_kept_and_not_waited_for() {
        runtime().block_on(async {
            let cache = Arc::new(PageCache::new(Duration::from_secs(60)));
            for n in 0..2 {
                let mut r = Response::new(Body::from(format!("{{\"n\": {n}}}")));
                r.headers_mut().insert(
                    header::CONTENT_TYPE,
                    "application/json".parse().expect("type"),
                );
                assert_eq!(
                    read(&cache, 1, "t", async { r }).await,
                    format!("{{\"n\": {n}}}")
                );
            }
            // A page with a cookie is not kept, yet its reader gets their own token in it.
            for n in 0..2 {
                let mut r = Response::new(Body::from(format!("<p>{HIDDEN} {n}</p>")));
                r.headers_mut()
                    .insert(header::CONTENT_TYPE, "text/html".parse().expect("type"));
                r.headers_mut()
                    .insert(header::SET_COOKIE, "a=b".parse().expect("cookie"));
                assert_eq!(
                    read(&cache, 1, "mine", async { r }).await,
                    format!("<p>mine {n}</p>")
                );
            }
            // Ten readers of an address whose answer is not kept render side by side, not one
            // after another.
            let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
            let tasks: Vec<_> = (0..10)
                .map(|_| {
                    let (cache, now, most) = (cache.clone(), now.clone(), most.clone());
                    tokio::spawn(async move {
                        let r = async move {
                            let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                            most.fetch_max(n, Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(300)).await;
                            now.fetch_sub(1, Ordering::SeqCst);
                            Response::new(Body::from("export"))
                        };
                        read(&cache, 1, "t", r).await
                    })
                })
                .collect();
            for task in tasks {
                assert_eq!(task.await.expect("task"), "export");
            }
            assert!(
                most.load(Ordering::SeqCst) > 1,
                "the readers rendered one at a time"
            );
        });
    }
}
