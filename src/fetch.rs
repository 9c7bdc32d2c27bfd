//! Fetching documents: one request per distinct address per page, a timeout on every attempt,
//! bounded retries with backoff, and an error in words for every way it can fail.
//!
//! The rules are here: which origins ([`check_origin`]), how many attempts, how long each may
//! take, what a status means, how large a body may be. The requests themselves are made by the
//! loader's request function ([`set_request`]), which started the first one with the wasm
//! download and reads every body with a cap. They never carry cookies (`credentials: "omit"`)
//! or a `Referer` (`referrerPolicy: "no-referrer"`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo::timers::callback::Timeout;
use gloo::timers::future::TimeoutFuture;
use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Response};

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
    /// The loader's request function, `(url, limit) => {response, controller, body}` (see
    /// [`request`]).
    static REQUEST: RefCell<Option<Function>> = const { RefCell::new(None) };
    /// One entry per distinct address (a page has a handful): a list serves as well as a map.
    static CACHE: RefCell<Vec<(String, Shared<LocalBoxFuture<'static, Body>>)>> =
        const { RefCell::new(Vec::new()) };
}

/// Sets the loader's request function (see [`request`]).
pub fn set_request(f: Option<Function>) {
    REQUEST.with(|e| *e.borrow_mut() = f);
}

/// One request for `url`, made by the loader: its response promise, the controller that aborts
/// it, and the loader's read of its body, capped at `limit` bytes (see [`read`]). For a card's
/// first attempt it is the request the loader started with the wasm download; otherwise a new
/// one. Every request has the same options: no cookies, no `Referer`, CORS. Anything not of that
/// shape is `None`.
fn request(url: &str, limit: usize) -> Option<(Promise, AbortController, Promise)> {
    let f = REQUEST.with(|e| e.borrow().clone())?;
    let request = f
        .call2(
            &JsValue::NULL,
            &JsValue::from_str(url),
            &JsValue::from(limit as f64),
        )
        .ok()?;
    let field = |name: &str| Reflect::get(&request, &JsValue::from_str(name)).ok();
    // The loader and the module ship as one build, so the types are not checked one by one (each
    // check is an import and a shim): the promises are taken through `Promise.resolve`, which
    // accepts any value, and the controller only needs to be an object.
    let response = Promise::resolve(&field("response")?);
    let controller = field("controller")?;
    let body = Promise::resolve(&field("body")?);
    controller.is_object().then(|| {
        (
            response,
            controller.unchecked_into::<AbortController>(),
            body,
        )
    })
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
                let wait = wait_ms.unwrap_or(backoff).min(RETRY_AFTER_CAP_MS);
                TimeoutFuture::new(wait).await;
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
    let Some((response, controller, body)) = request(url, limit) else {
        return Attempt::Fail(FetchError::new("network", "cannot create a request"));
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
            match n {
                Some(n) => format!("the document is {n} bytes, over the {limit}-byte limit"),
                None => format!("the document is over the {limit}-byte limit"),
            },
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
