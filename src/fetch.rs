//! Fetching documents: one request per distinct address per page, a timeout on every attempt,
//! bounded retries with backoff, and an error in words for every way it can fail.
//!
//! Requests never carry cookies (`credentials: "omit"`) or a `Referer` (`referrerPolicy:
//! "no-referrer"`), and go only to origins the page allows ([`check_origin`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo::timers::callback::Timeout;
use gloo::timers::future::TimeoutFuture;
use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, ReferrerPolicy, Request, RequestCredentials, RequestInit, RequestMode,
    Response,
};

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
    /// The loader's function that hands over an early request:
    /// `(url) => {response, controller, body}`
    /// or `undefined`.
    static EARLY: RefCell<Option<Function>> = const { RefCell::new(None) };
    /// One entry per distinct address (a page has a handful): a list serves as well as a map.
    static CACHE: RefCell<Vec<(String, Shared<LocalBoxFuture<'static, Body>>)>> =
        const { RefCell::new(Vec::new()) };
}

/// Sets the loader's early-request function (see [`take_early`]).
pub fn set_early(f: Option<Function>) {
    EARLY.with(|e| *e.borrow_mut() = f);
}

/// The loader's request for `url`, started before the wasm was ready: its response promise, the
/// controller that aborts it, and the loader's read of its body (see [`read`]). The loader makes
/// one only for an allowed origin, with the options of [`attempt`]'s own request; anything not of
/// that shape is ignored.
fn take_early(url: &str) -> Option<(Promise, AbortController, Option<Promise>)> {
    let f = EARLY.with(|e| e.borrow().clone())?;
    let early = f.call1(&JsValue::NULL, &JsValue::from_str(url)).ok()?;
    if !early.is_object() {
        return None;
    }
    let response = Reflect::get(&early, &JsValue::from_str("response"))
        .ok()?
        .dyn_into::<Promise>()
        .ok()?;
    let controller = Reflect::get(&early, &JsValue::from_str("controller"))
        .ok()?
        .dyn_into::<AbortController>()
        .ok()?;
    let body = Reflect::get(&early, &JsValue::from_str("body"))
        .ok()
        .and_then(|b| b.dyn_into::<Promise>().ok());
    Some((response, controller, body))
}

/// Resolves `src` (or `case` against the base) to an absolute address.
pub fn resolve(
    src: Option<&str>,
    case: Option<&str>,
    page: &PageConfig,
) -> Result<ParsedUrl, FetchError> {
    let document_base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten());
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

/// The document's bytes, fetched once per page per address.
pub async fn fetch_cached(url: &ParsedUrl, page: &PageConfig, limit: usize) -> Body {
    let key = url.as_str().to_owned();
    let fut = CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, fut)) = cache.iter().find(|(k, _)| *k == key) {
            return fut.clone();
        }
        let page = page.clone();
        let url = key.clone();
        let fut = async move { fetch_with_retries(&url, &page, limit).await }
            .boxed_local()
            .shared();
        cache.push((key, fut.clone()));
        fut
    });
    fut.await
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
        match attempt(url, page.timeout_ms.max(1), limit, n == 1).await {
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
                let wait = wait_ms.unwrap_or(backoff).min(RETRY_AFTER_CAP_MS);
                TimeoutFuture::new(wait).await;
                backoff = backoff.saturating_mul(2);
            }
        }
    }
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

fn same_origin_as_page(url: &str) -> bool {
    let page_origin = web_sys::window().and_then(|w| w.location().origin().ok());
    let url_origin = parse_url(url, None).ok().map(|u| u.origin);
    page_origin.is_some() && page_origin == url_origin
}

async fn attempt(url: &str, timeout_ms: u32, limit: usize, first: bool) -> Attempt {
    let Some(window) = web_sys::window() else {
        return Attempt::Fail(FetchError::new("network", "no window to fetch from"));
    };
    // The first attempt takes over the loader's early request for this address, if it made one
    // (started with the wasm download, same request options); every later attempt is our own.
    let (response, controller, body) = match first.then(|| take_early(url)).flatten() {
        Some(early) => early,
        None => {
            let controller = match AbortController::new() {
                Ok(c) => c,
                Err(_) => {
                    return Attempt::Fail(FetchError::new("network", "cannot create a request"))
                }
            };
            let init = RequestInit::new();
            init.set_method("GET");
            init.set_mode(RequestMode::Cors);
            init.set_credentials(RequestCredentials::Omit);
            init.set_referrer_policy(ReferrerPolicy::NoReferrer);
            init.set_signal(Some(&controller.signal()));
            let request = match Request::new_with_str_and_init(url, &init) {
                Ok(r) => r,
                Err(_) => {
                    return Attempt::Fail(FetchError::new("bad-options", "invalid request address"))
                }
            };
            (window.fetch_with_request(&request), controller, None)
        }
    };
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let timed_out = timed_out.clone();
        let controller = controller.clone();
        Timeout::new(timeout_ms, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let result = read(response, body, limit).await;
    drop(timer);
    match result {
        Ok(body) => Attempt::Done(body),
        Err(ReadError::Http {
            status,
            retry_after,
        }) => classify_status(status, retry_after),
        Err(ReadError::TooLarge(n)) => Attempt::Fail(FetchError::new(
            "too-large",
            format!("the document is {n} bytes, over the {limit}-byte limit"),
        )),
        Err(ReadError::Failed) if timed_out.get() => Attempt::Fail(FetchError::new(
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
    TooLarge(usize),
    Failed,
}

/// Reads a response: its status, its declared length, then its body. `body` is the loader's read
/// of an early request's body, when it made one: an `ArrayBuffer`, or `null` when it left the
/// body unread (for this function to read).
async fn read(
    response: Promise,
    body: Option<Promise>,
    limit: usize,
) -> Result<Rc<[u8]>, ReadError> {
    let response: Response = JsFuture::from(response)
        .await
        .and_then(JsValue::dyn_into)
        .map_err(|_| ReadError::Failed)?;
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
        return Err(ReadError::TooLarge(n));
    }
    let read_early = match body {
        Some(body) => JsFuture::from(body).await.map_err(|_| ReadError::Failed)?,
        None => JsValue::NULL,
    };
    let buffer = if read_early.is_object() {
        read_early
    } else {
        let buffer = response.array_buffer().map_err(|_| ReadError::Failed)?;
        JsFuture::from(buffer)
            .await
            .map_err(|_| ReadError::Failed)?
    };
    let array = Uint8Array::new(&buffer);
    let len = array.length() as usize;
    if len > limit {
        return Err(ReadError::TooLarge(len));
    }
    Ok(Rc::from(array.to_vec()))
}
