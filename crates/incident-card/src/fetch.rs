//! Fetching documents under the project's network rules: allowed origins only, one request per
//! distinct address per page, a timeout on every attempt, bounded retries with backoff that
//! honour `Retry-After`, a size cap on every body, no cookies (`credentials: "omit"`) and no
//! `Referer` (`referrerPolicy: "no-referrer"`), and an error in words for every way it can fail.
//!
//! The rules are here ([`NetworkRules`], [`check_origin`], the attempts, what a status means).
//! The requests themselves are made by a *transport*:
//! - in a Yew app, by this module (feature `native-fetch`, on by default): `fetch` with an
//!   `AbortController` for the timeout, the body read chunk by chunk and cancelled past the limit;
//! - in the widget, by its loader ([`use_loader`]): the loader starts a card's first request while
//!   the wasm module downloads, and reads every body with the same cap.
//!
//! Timers are gloo's.

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

/// Per-attempt timeout when none is set.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
/// Attempts in all when none is set: the first and two retries.
pub const DEFAULT_ATTEMPTS: u32 = 3;
/// First backoff; doubles on each retry.
pub const BACKOFF_MS: u32 = 300;
/// Longest wait a `Retry-After` header can ask for.
pub const RETRY_AFTER_CAP_MS: u32 = 5_000;
/// Most attempts that may be configured.
pub const MAX_ATTEMPTS: u32 = 5;

/// Where documents may come from and how hard to try.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkRules {
    /// Origins documents may be fetched from (`https://host[:port]`, no path).
    pub origins: Vec<String>,
    /// Whether the page's own origin is allowed too (the default for a Yew app; the widget allows
    /// the origin it was loaded from instead, which it lists in `origins`).
    pub page_origin: bool,
    /// Per-attempt timeout, milliseconds.
    pub timeout_ms: u32,
    /// Attempts in all (first try plus retries) for network errors, 5xx and 429.
    pub attempts: u32,
}

impl Default for NetworkRules {
    /// The page's own origin only, 10 s per attempt, 3 attempts.
    fn default() -> NetworkRules {
        NetworkRules {
            origins: Vec::new(),
            page_origin: true,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            attempts: DEFAULT_ATTEMPTS,
        }
    }
}

impl NetworkRules {
    /// These rules with `origin` allowed as well.
    pub fn allow(mut self, origin: impl Into<String>) -> NetworkRules {
        self.origins.push(origin.into());
        self
    }
}

/// Why a document could not be fetched. `code` is stable (the widget puts it in its
/// `incident-card:error` events).
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
    /// The widget loader's request function, `(url, limit, timeoutMs) => {response, body, timedOut}`
    /// (see [`use_loader`]).
    static LOADER: RefCell<Option<Function>> = const { RefCell::new(None) };
    /// One entry per distinct address (a page has a handful): a list serves as well as a map.
    static CACHE: RefCell<Vec<(String, Rc<RefCell<Slot>>)>> = const { RefCell::new(Vec::new()) };
}

/// Makes every request through the widget loader's `request(url, limit, timeoutMs)`, which returns
/// `{response, body, timedOut}`: a promise of the `Response`, a promise of its body read with the
/// cap (an `ArrayBuffer`, the number of bytes read when it stopped past the limit, or `null` when
/// it was not read), and a flag the loader sets when it aborted the request after `timeoutMs`.
pub fn use_loader(request: Function) {
    LOADER.with(|l| *l.borrow_mut() = Some(request));
}

/// Resolves after `ms` milliseconds, in a later task.
pub async fn sleep(ms: u32) {
    gloo::timers::future::TimeoutFuture::new(ms).await;
}

/// `src` resolved against the page's base address.
pub fn resolve(src: &str) -> Result<ParsedUrl, FetchError> {
    crate::browser_url::install();
    if src.trim().is_empty() {
        return Err(FetchError::new(
            "bad-options",
            "the card names no document (set src, or case to an id of the form PREFIX-NUMBER)",
        ));
    }
    let document_base = crate::browser::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten());
    parse_url(src.trim(), document_base.as_deref())
        .map_err(|_| FetchError::new("bad-options", "the card's src is not a valid address"))
}

fn page_origin() -> Option<String> {
    crate::browser::window().and_then(|w| w.location().origin().ok())
}

/// The origin rule: the listed origins, and the page's own when the rules allow it; nothing else.
pub fn check_origin(url: &ParsedUrl, rules: &NetworkRules) -> Result<(), FetchError> {
    if !matches!(url.scheme.as_str(), "https" | "http") {
        return Err(FetchError::new(
            "origin-not-allowed",
            "documents are fetched over https (or http) only",
        ));
    }
    let origin = url.origin.as_str();
    let allowed = rules
        .origins
        .iter()
        .any(|o| o.trim_end_matches('/') == origin)
        || (rules.page_origin && page_origin().as_deref() == Some(origin));
    if allowed {
        Ok(())
    } else {
        Err(FetchError::new(
            "origin-not-allowed",
            format!(
                "{origin} is not an allowed data origin; the page author can add it to the allowed origins (IncidentCards.config.origins)"
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

/// The document's bytes, fetched once per page per address: the first caller fetches, later ones
/// (other cards showing the same document) wait for its outcome. A failure is not kept: the next
/// caller after it fetches again.
pub async fn fetch_cached(url: &ParsedUrl, rules: &NetworkRules, limit: usize) -> Body {
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
    let body = fetch_with_retries(key, rules, limit).await;
    let before = std::mem::replace(&mut *slot.borrow_mut(), Slot::Done(body.clone()));
    if let Slot::Pending(waiting) = before {
        waiting.into_iter().for_each(Waker::wake);
    }
    // A failure is told to the cards waiting for it, not kept: the next card to ask (after the
    // network is back, or the same card with another theme) fetches again.
    if body.is_err() {
        CACHE.with(|cache| cache.borrow_mut().retain(|(_, s)| !Rc::ptr_eq(s, &slot)));
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

async fn fetch_with_retries(url: &str, rules: &NetworkRules, limit: usize) -> Body {
    let attempts = rules.attempts.clamp(1, MAX_ATTEMPTS);
    let mut backoff = BACKOFF_MS;
    let mut n = 0;
    loop {
        n += 1;
        match attempt(url, rules.timeout_ms.max(1), limit).await {
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
    crate::browser::window().is_none_or(|w| w.navigator().on_line())
}

fn same_origin_as_page(url: &str) -> bool {
    let url_origin = parse_url(url, None).ok().map(|u| u.origin);
    url_origin.is_some() && url_origin == page_origin()
}

async fn attempt(url: &str, timeout_ms: u32, limit: usize) -> Attempt {
    let loader = LOADER.with(|l| l.borrow().clone());
    let (result, timed_out) = match loader {
        Some(request) => through_loader(&request, url, limit, timeout_ms).await,
        None => native(url, limit, timeout_ms).await,
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
        Err(ReadError::Failed) if timed_out => Attempt::Fail(FetchError::new(
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
        // A redirect (the request is made with `redirect: "manual"`, which answers one with
        // status 0; a preloaded request followed it): not followed, since it could lead to an
        // origin the rules do not allow.
        0 => Attempt::Fail(FetchError::new(
            "http-error",
            "the data server answered with a redirect, which cards do not follow (it could lead to any origin); give the card the document's own address",
        )),
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

/// One attempt made by the widget's loader (see [`use_loader`]): what it read, and whether the
/// loader aborted it for its timeout. For a card's first attempt the loader hands over the
/// request it started with the wasm download (timed from its start).
async fn through_loader(
    request: &Function,
    url: &str,
    limit: usize,
    timeout_ms: u32,
) -> (Result<Rc<[u8]>, ReadError>, bool) {
    let Ok(started) = request.call3(
        &JsValue::NULL,
        &JsValue::from_str(url),
        &JsValue::from(limit as f64),
        &JsValue::from(timeout_ms),
    ) else {
        return (Err(ReadError::Failed), false);
    };
    let field = |name: &str| Reflect::get(&started, &JsValue::from_str(name)).unwrap_or_default();
    // The loader and the module ship as one build: the promises are taken through
    // `Promise.resolve`, which accepts any value, instead of a type check per field.
    let response = Promise::resolve(&field("response"));
    let body = Promise::resolve(&field("body"));
    let result = async {
        let response = status(JsFuture::from(response).await, limit)?;
        drop(response);
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
    .await;
    (result, field("timedOut").as_bool() == Some(true))
}

/// The response's status and declared length: the `Response` when it is OK and not declared over
/// `limit`.
fn status(response: Result<JsValue, JsValue>, limit: usize) -> Result<Response, ReadError> {
    let response = response
        .ok()
        .filter(JsValue::is_object)
        .ok_or(ReadError::Failed)?
        .unchecked_into::<Response>();
    let headers = response.headers();
    if response.redirected() {
        return Err(ReadError::Http {
            status: 0,
            retry_after: None,
        });
    }
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
    Ok(response)
}

/// One attempt made here: `fetch` without cookies or `Referer`, aborted after `timeout_ms`, the
/// body read chunk by chunk and cancelled once past `limit` (the declared length counts compressed
/// bytes; what is read counts decoded ones).
#[cfg(feature = "native-fetch")]
async fn native(url: &str, limit: usize, timeout_ms: u32) -> (Result<Rc<[u8]>, ReadError>, bool) {
    use web_sys::{
        AbortController, ReadableStreamDefaultReader, ReferrerPolicy, RequestCredentials,
        RequestInit, RequestMode, RequestRedirect,
    };
    let (Some(window), Ok(controller)) = (crate::browser::window(), AbortController::new()) else {
        return (Err(ReadError::Failed), false);
    };
    let init = RequestInit::new();
    init.set_credentials(RequestCredentials::Omit);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    init.set_mode(RequestMode::Cors);
    init.set_redirect(RequestRedirect::Manual);
    init.set_signal(Some(&controller.signal()));
    let timed_out = Rc::new(std::cell::Cell::new(false));
    // Dropped when this attempt ends, which cancels the timer.
    let _timer = {
        let timed_out = timed_out.clone();
        let controller = controller.clone();
        // Browsers count timers up to 2^31 - 1 ms; a longer one would fire at once.
        gloo::timers::callback::Timeout::new(timeout_ms.min(i32::MAX as u32), move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let result = async {
        let response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await;
        let response = match status(response, limit) {
            Ok(response) => response,
            Err(e) => {
                // A body that is not read is not downloaded either.
                controller.abort();
                return Err(e);
            }
        };
        let Some(stream) = response.body() else {
            return Ok(Rc::from(Vec::new()));
        };
        let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        let mut bytes = Vec::new();
        loop {
            let chunk = JsFuture::from(reader.read())
                .await
                .map_err(|_| ReadError::Failed)?;
            if Reflect::get(&chunk, &JsValue::from_str("done"))
                .ok()
                .and_then(|d| d.as_bool())
                == Some(true)
            {
                return Ok(Rc::from(bytes));
            }
            let value = Reflect::get(&chunk, &JsValue::from_str("value")).unwrap_or_default();
            let part = Uint8Array::new(&value);
            if bytes.len().saturating_add(part.length() as usize) > limit {
                controller.abort();
                return Err(ReadError::TooLarge(None));
            }
            bytes.extend(part.to_vec());
        }
    }
    .await;
    (result, timed_out.get())
}

/// Without `native-fetch` every request goes through the loader; with none set, none can be made.
#[cfg(not(feature = "native-fetch"))]
async fn native(
    _url: &str,
    _limit: usize,
    _timeout_ms: u32,
) -> (Result<Rc<[u8]>, ReadError>, bool) {
    (Err(ReadError::Failed), false)
}
