//! Fetching documents: one request per distinct address per page, a timeout on every attempt,
//! bounded retries with backoff, and an error in words for every way it can fail.
//!
//! The rules are here: which origins ([`check_origin`]), how many attempts, how long each may
//! take, what a status means, how large a body may be, how long to wait before a retry. The
//! mechanics are the loader's ([`set_loader`]): its request function started the first request
//! with the wasm download, reads every body with a cap, and aborts a request that runs past the
//! timeout it is given; its wait function is the one timer the module uses (gloo's timers, with
//! futures' channel, cost the module 0.6 KB brotli more than these two calls).
//! Requests never carry cookies (`credentials: "omit"`) or a `Referer`
//! (`referrerPolicy: "no-referrer"`).

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

use incident_model::{parse_url, ParsedUrl};

use crate::config::PageConfig;

/// Per-attempt timeout when the page sets none.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
/// Attempts in all when the page sets none: the first and two retries.
pub const DEFAULT_ATTEMPTS: u32 = 3;
/// First backoff; doubles on each retry.
pub const BACKOFF_MS: u32 = 300;
/// Longest wait a `Retry-After` header can ask for.
pub const RETRY_AFTER_CAP_MS: u32 = 5_000;
/// Most attempts a page may configure.
pub const MAX_ATTEMPTS: u32 = 5;

/// Why a document could not be fetched. `code` is stable (it is in `incident-card:error` events).
#[derive(Debug, Clone, PartialEq)]
pub struct FetchError {
    pub code: &'static str,
    pub message: String,
    pub attempts: u32,
}

impl FetchError {
    pub fn new(code: &'static str, message: impl Into<String>) -> FetchError {
        FetchError {
            code,
            message: message.into(),
            attempts: 0,
        }
    }
}

type Body = Result<Rc<[u8]>, FetchError>;

thread_local! {
    /// The loader's request function, `(url, limit, timeoutMs) => {response, body, timedOut}`
    /// (see [`request`]), and its wait function, `(ms) => Promise` (see [`sleep`]).
    static LOADER: RefCell<Option<(Function, Function)>> = const { RefCell::new(None) };
    /// One entry per distinct address (a page has a handful): a list serves as well as a map.
    static CACHE: RefCell<Vec<(String, Rc<RefCell<Slot>>)>> = const { RefCell::new(Vec::new()) };
}

/// Sets the loader's request and wait functions (see `request` and [`sleep`]).
pub fn set_loader(request: Function, wait: Function) {
    LOADER.with(|l| *l.borrow_mut() = Some((request, wait)));
}

/// Resolves after `ms` milliseconds, in a later task (the loader's `setTimeout`); at once when no
/// loader is set (the module's own tests).
pub async fn sleep(ms: u32) {
    let Some(wait) = LOADER.with(|l| l.borrow().as_ref().map(|(_, wait)| wait.clone())) else {
        return;
    };
    if let Ok(promise) = wait.call1(&JsValue::NULL, &JsValue::from(ms)) {
        let _ = JsFuture::from(Promise::resolve(&promise)).await;
    }
}

/// One request for `url`, made by the loader: the request object (its `timedOut` turns true when
/// the loader aborted it after `timeout_ms`), its response promise, and the loader's read of its
/// body, capped at `limit` bytes (see [`read`]). For a card's first attempt it is the request the
/// loader started with the wasm download (timed from its start, with the page's timeout);
/// otherwise a new one. Every request has the same options: no cookies, no `Referer`, CORS.
/// Anything not of that shape is `None`.
fn request(url: &str, limit: usize, timeout_ms: u32) -> Option<(JsValue, Promise, Promise)> {
    let f = LOADER.with(|l| l.borrow().as_ref().map(|(request, _)| request.clone()))?;
    let request = f
        .call3(
            &JsValue::NULL,
            &JsValue::from_str(url),
            &JsValue::from(limit as f64),
            &JsValue::from(timeout_ms),
        )
        .ok()?;
    let field = |name: &str| Reflect::get(&request, &JsValue::from_str(name)).ok();
    // The loader and the module ship as one build, so the types are not checked one by one (each
    // check is an import and a shim): the promises are taken through `Promise.resolve`, which
    // accepts any value.
    let response = Promise::resolve(&field("response")?);
    let body = Promise::resolve(&field("body")?);
    request.is_object().then_some((request, response, body))
}

/// Resolves `src` (or `case` against the base) to an absolute address.
pub fn resolve(
    src: Option<&str>,
    case: Option<&str>,
    page: &PageConfig,
) -> Result<ParsedUrl, FetchError> {
    let document_base = incident_card::browser::window()
        .and_then(|w| w.document())
        .and_then(|d| crate::dom::text_prop(&d, "baseURI"));
    match (src, case) {
        (Some(src), _) if !src.trim().is_empty() => parse_url(src.trim(), document_base.as_deref())
            .map_err(|_| FetchError::new("bad-options", "the card's src is not a valid address")),
        (_, Some(case)) if incident_model::validate::is_valid_id(case.trim()) => {
            parse_url(&page.base, None).map_err(|_| {
                FetchError::new("bad-options", "the page's data base is not a valid address")
            })?;
            let file = format!("{}.json", case.trim());
            parse_url(&file, Some(&page.base))
                .map_err(|_| FetchError::new("bad-options", "cannot build the case address"))
        }
        (_, Some(_)) => Err(FetchError::new(
            "bad-options",
            "the case attribute is not an id of the form PREFIX-NUMBER",
        )),
        _ => Err(FetchError::new(
            "bad-options",
            "the card names no document (set src or case)",
        )),
    }
}

/// The origin rule: the widget's own origin and the page-listed ones; nothing else.
pub fn check_origin(url: &ParsedUrl, page: &PageConfig) -> Result<(), FetchError> {
    if !matches!(url.scheme.as_str(), "https" | "http") {
        return Err(FetchError::new(
            "origin-not-allowed",
            "documents are fetched over https (or http) only",
        ));
    }
    let origin = url.origin.as_str();
    let allowed = origin == page.widget_origin
        || page
            .origins
            .iter()
            .any(|o| o.trim_end_matches('/') == origin);
    if allowed {
        Ok(())
    } else {
        Err(FetchError::new(
            "origin-not-allowed",
            format!(
                "{origin} is not an allowed data origin; the page author can add it to IncidentCards.config.origins"
            ),
        ))
    }
}

/// Where one address's fetch has got to: under way, with the tasks waiting for it, or done.
///
/// This is a shared future cut down to what the widget needs (futures' `Shared` cost the module
/// 0.9 KB brotli more): the first card to ask for an address fetches it in
/// its own task, and the others wait for that. A card's task is never dropped before it ends, so
/// a fetch under way always ends and wakes its waiters.
enum Slot {
    Pending(Vec<Waker>),
    Done(Body),
}

/// The document's bytes, fetched once per page per address.
pub async fn fetch_cached(url: &ParsedUrl, page: &PageConfig, limit: usize) -> Body {
    let key = url.as_str();
    let (slot, first) = CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, slot)) = cache.iter().find(|(k, _)| k == key) {
            return (slot.clone(), false);
        }
        let slot = Rc::new(RefCell::new(Slot::Pending(Vec::new())));
        cache.push((key.to_owned(), slot.clone()));
        (slot, true)
    });
    if !first {
        return Wait(slot).await;
    }
    let body = fetch_with_retries(key, page, limit).await;
    let before = std::mem::replace(&mut *slot.borrow_mut(), Slot::Done(body.clone()));
    if let Slot::Pending(waiting) = before {
        waiting.into_iter().for_each(Waker::wake);
    }
    body
}

/// Waits for another card's fetch of the same address.
struct Wait(Rc<RefCell<Slot>>);

impl Future for Wait {
    type Output = Body;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Body> {
        match &mut *self.0.borrow_mut() {
            Slot::Done(body) => Poll::Ready(body.clone()),
            Slot::Pending(waiting) => {
                waiting.push(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

enum Attempt {
    Done(Rc<[u8]>),
    Retry {
        error: FetchError,
        wait_ms: Option<u32>,
    },
    Fail(FetchError),
}

async fn fetch_with_retries(url: &str, page: &PageConfig, limit: usize) -> Body {
    let attempts = page.attempts.clamp(1, MAX_ATTEMPTS);
    let mut backoff = BACKOFF_MS;
    let mut n = 0;
    loop {
        n += 1;
        match attempt(url, page.timeout_ms.max(1), limit).await {
            Attempt::Done(body) => return Ok(body),
            Attempt::Fail(mut e) => {
                e.attempts = n;
                return Err(e);
            }
            Attempt::Retry { mut error, wait_ms } => {
                if n >= attempts {
                    error.attempts = n;
                    return Err(error);
                }
                sleep(wait_ms.unwrap_or(backoff).min(RETRY_AFTER_CAP_MS)).await;
                backoff = backoff.saturating_mul(2);
            }
        }
    }
}

fn online() -> bool {
    incident_card::browser::window().is_none_or(|w| w.navigator().on_line())
}

fn same_origin_as_page(url: &str) -> bool {
    let page_origin = incident_card::browser::window()
        .and_then(|w| crate::dom::text_prop(&w.location(), "origin"));
    let url_origin = parse_url(url, None).ok().map(|u| u.origin);
    page_origin.is_some() && page_origin == url_origin
}

async fn attempt(url: &str, timeout_ms: u32, limit: usize) -> Attempt {
    let Some((request, response, body)) = request(url, limit, timeout_ms) else {
        return Attempt::Fail(FetchError::new("network", "cannot create a request"));
    };
    let result = read(response, body, limit).await;
    let timed_out = || {
        Reflect::get(&request, &JsValue::from_str("timedOut"))
            .ok()
            .and_then(|v| v.as_bool())
            == Some(true)
    };
    match result {
        Ok(body) => Attempt::Done(body),
        Err(ReadError::Http {
            status,
            retry_after,
        }) => classify_status(status, retry_after),
        Err(ReadError::TooLarge(n)) => Attempt::Fail(FetchError::new(
            "too-large",
            match n {
                Some(n) => format!("the document is {n} bytes, over the {limit}-byte limit"),
                None => format!("the document is over the {limit}-byte limit"),
            },
        )),
        Err(ReadError::Failed) if timed_out() => Attempt::Fail(FetchError::new(
            "timeout",
            format!(
                "the data server did not answer within {} s",
                timeout_ms / 1000
            ),
        )),
        Err(ReadError::Failed) if !online() => Attempt::Retry {
            error: FetchError::new("offline", "you appear to be offline"),
            wait_ms: None,
        },
        Err(ReadError::Failed) if !same_origin_as_page(url) => Attempt::Retry {
            error: FetchError::new(
                "cors",
                "the data server could not be reached or did not allow this page to read it (CORS)",
            ),
            wait_ms: None,
        },
        Err(ReadError::Failed) => Attempt::Retry {
            error: FetchError::new("network", "the data server could not be reached"),
            wait_ms: None,
        },
    }
}

fn classify_status(status: u16, retry_after: Option<u32>) -> Attempt {
    match status {
        404 | 410 => Attempt::Fail(FetchError::new(
            "not-found",
            format!("no document at this address (HTTP {status})"),
        )),
        429 => Attempt::Retry {
            error: FetchError::new(
                "rate-limited",
                "the data server is busy (HTTP 429); try again later",
            ),
            wait_ms: retry_after,
        },
        500..=599 => Attempt::Retry {
            error: FetchError::new(
                "server-error",
                format!("the data server failed (HTTP {status})"),
            ),
            wait_ms: retry_after,
        },
        _ => Attempt::Fail(FetchError::new(
            "http-error",
            format!("the data server refused the request (HTTP {status})"),
        )),
    }
}

enum ReadError {
    Http {
        status: u16,
        retry_after: Option<u32>,
    },
    /// Over the limit: the declared or read length, or `None` when reading stopped past it.
    TooLarge(Option<usize>),
    Failed,
}

/// Reads a response: its status, its declared length, then the loader's read of its body (an
/// `ArrayBuffer`, or the number of bytes read when it stopped past the limit).
async fn read(response: Promise, body: Promise, limit: usize) -> Result<Rc<[u8]>, ReadError> {
    // The loader's `fetch` resolves to a `Response` or rejects.
    let response = JsFuture::from(response)
        .await
        .ok()
        .filter(JsValue::is_object)
        .ok_or(ReadError::Failed)?
        .unchecked_into::<Response>();
    let headers = response.headers();
    if !response.ok() {
        let retry_after = headers
            .get("retry-after")
            .ok()
            .flatten()
            .and_then(|v| v.trim().parse::<u32>().ok())
            .map(|s| s.saturating_mul(1000));
        return Err(ReadError::Http {
            status: response.status(),
            retry_after,
        });
    }
    let declared = headers
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<usize>().ok());
    if let Some(n) = declared.filter(|n| *n > limit) {
        return Err(ReadError::TooLarge(Some(n)));
    }
    let body = JsFuture::from(body).await.map_err(|_| ReadError::Failed)?;
    if body.as_f64().is_some() {
        return Err(ReadError::TooLarge(None));
    }
    if !body.is_object() {
        return Err(ReadError::Failed);
    }
    let array = Uint8Array::new(&body);
    let len = array.length() as usize;
    if len > limit {
        return Err(ReadError::TooLarge(Some(len)));
    }
    Ok(Rc::from(array.to_vec()))
}
