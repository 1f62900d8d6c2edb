//! The one wasm driver of the core's exchange ([`sdrs_job_core::exchange`]): the widget and
//! the npm package's `watchJob` both fetch a job through [`fetch_body`], so they cannot
//! drift.
//!
//! It calls a `fetch` function, the host's (a console's own authenticated transport) or the
//! global one (browsers, workers, Node.js 20+), as `fetch(url, init)` where `init` is a
//! plain object: `method` (`"GET"`, or `"DELETE"` for a Task Center delete), `headers` (a
//! plain object), `redirect: "manual"`,
//! `signal`, and `credentials` when set. So a host's fetch may simply wrap the global one:
//! `(url, init) => fetch(url, { ...init, headers: { ...init.headers, "X-CSRF-Token": csrf } })`.
//!
//! The answer is read by property access only (`type`, `status`, `headers.get`, `body`), so
//! any `Response`-like object works. The body is streamed (`body.getReader()`, else
//! `arrayBuffer()` and checked after) into the core's [`BodyReader`], which refuses the
//! chunk that goes past the cap: the stream is cancelled and the request aborted there.
//! Every request has a timeout, and the caller's signal aborts it too. Redirects are never
//! followed. Runtime error texts are kept for operators, with every header value sent
//! (the token, a CSRF header) cut out of them.

pub mod civil;

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use sdrs_job_core::exchange::{BodyReader, JobRequest, ResponseHead};
use sdrs_job_core::{ApiError, ParseOptions};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

#[wasm_bindgen]
extern "C" {
    /// The global `setTimeout` (browsers, workers and Node.js all have it).
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, milliseconds: f64) -> JsValue;
    /// The global `clearTimeout`.
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// The `credentials` mode of the request (fetch's own default is `SameOrigin`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credentials {
    /// Never send cookies.
    Omit,
    /// Cookies for the page's own origin only (a console's same-origin proxy).
    SameOrigin,
    /// Cookies also to another origin (that origin must allow it with CORS).
    Include,
}

impl Credentials {
    /// Reads `"omit"`, `"same-origin"` or `"include"`.
    pub fn parse(value: &str) -> Option<Credentials> {
        match value {
            "omit" => Some(Credentials::Omit),
            "same-origin" => Some(Credentials::SameOrigin),
            "include" => Some(Credentials::Include),
            _ => None,
        }
    }

    /// The fetch option's value.
    pub fn as_str(self) -> &'static str {
        match self {
            Credentials::Omit => "omit",
            Credentials::SameOrigin => "same-origin",
            Credentials::Include => "include",
        }
    }
}

/// How requests go out: the host's own `fetch`, or the global one, with the host's headers
/// and credentials mode. The default is the global `fetch` with nothing added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Transport {
    /// The host's `fetch(url, init)`; none for the global `fetch`.
    pub fetch: Option<Function>,
    /// Headers to add to every request (e.g. a console's CSRF header).
    pub headers: Vec<(String, String)>,
    /// The `credentials` mode; none for fetch's default.
    pub credentials: Option<Credentials>,
}

impl Transport {
    /// The core's request for a Task Center call, with this transport's headers.
    pub fn task_center_request(
        &self,
        endpoint: &str,
        project_id: &str,
        token: Option<&str>,
        call: &sdrs_job_core::exchange::TaskCenterCall<'_>,
    ) -> Result<JobRequest, ApiError> {
        sdrs_job_core::exchange::task_center_request(
            &sdrs_job_core::exchange::RequestSpec {
                endpoint,
                project_id,
                token,
                headers: &self.headers,
                ..Default::default()
            },
            call,
        )
    }

    /// The core's request for a job, with this transport's headers (checked there: an
    /// error names what is wrong and never holds the token or a header's value).
    pub fn job_request(
        &self,
        endpoint: &str,
        project_id: &str,
        job_id: &str,
        token: Option<&str>,
    ) -> Result<JobRequest, ApiError> {
        sdrs_job_core::exchange::job_request(&sdrs_job_core::exchange::RequestSpec {
            endpoint,
            project_id,
            job_id,
            token,
            headers: &self.headers,
        })
    }
}

fn get(target: &JsValue, key: &str) -> JsValue {
    if target.is_undefined() || target.is_null() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A thrown value's text: its `message` and, as Node.js puts the real reason there, its
/// `cause`'s message.
fn describe_thrown(error: &JsValue) -> String {
    let message = get(error, "message").as_string().or_else(|| error.as_string());
    let cause = get(&get(error, "cause"), "message").as_string();
    match (message, cause) {
        (Some(message), Some(cause)) => format!("{message} ({cause})"),
        (Some(message), None) => message,
        (None, Some(cause)) => cause,
        (None, None) => "the request failed".to_owned(),
    }
}

/// Longest timer `setTimeout` keeps (a longer one fires at once).
const MAX_TIMER_MS: u64 = i32::MAX as u64;
/// Empty chunks in a row after which a body counts as stuck (a reader that resolves at
/// once with nothing would otherwise spin without ever letting the timer fire).
const MAX_EMPTY_CHUNKS: u32 = 10_000;

/// What ends one request: everything set up for it is undone when this is dropped.
struct InFlight {
    controller: AbortController,
    timed_out: Rc<Cell<bool>>,
    timer: JsValue,
    _on_timeout: Closure<dyn FnMut()>,
    caller: Option<(AbortSignal, Closure<dyn FnMut()>)>,
    /// Rejects once the request is aborted (time-out, caller): every wait races it, so a
    /// host's fetch or body that ignores the signal cannot hold the request past it.
    aborted: Promise,
    _on_abort: Closure<dyn FnMut(JsValue)>,
    _swallow: Closure<dyn FnMut(JsValue)>,
    /// Set once the body was read to its end: then nothing is aborted on drop.
    finished: Cell<bool>,
}

impl InFlight {
    fn new(signal: Option<&AbortSignal>, timeout_ms: u64) -> Result<InFlight, ApiError> {
        let controller = AbortController::new()
            .map_err(|_| ApiError::network("this runtime has no AbortController"))?;
        let timed_out = Rc::new(Cell::new(false));
        let on_timeout = {
            let controller = controller.clone();
            let timed_out = timed_out.clone();
            Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let timer =
            set_timeout(on_timeout.as_ref().unchecked_ref(), timeout_ms.min(MAX_TIMER_MS) as f64);
        let mut reject_on_abort = None;
        let aborted = Promise::new(&mut |_resolve, reject| reject_on_abort = Some(reject));
        // Never awaited alone: keep its rejection from being reported as unhandled.
        let swallow = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
        let _ = aborted.catch(&swallow);
        let on_abort = {
            let reject = reject_on_abort.expect("the executor runs at once");
            Closure::<dyn FnMut(JsValue)>::new(move |_event: JsValue| {
                let _ = reject.call0(&JsValue::UNDEFINED);
            })
        };
        let _ = controller
            .signal()
            .add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        let caller = signal.map(|signal| {
            let controller = controller.clone();
            let forward = Closure::<dyn FnMut()>::new(move || controller.abort());
            let _ =
                signal.add_event_listener_with_callback("abort", forward.as_ref().unchecked_ref());
            (signal.clone(), forward)
        });
        Ok(InFlight {
            controller,
            timed_out,
            timer,
            _on_timeout: on_timeout,
            caller,
            aborted,
            _on_abort: on_abort,
            _swallow: swallow,
            finished: Cell::new(false),
        })
    }

    /// Awaits `value` (a promise or not), giving up as soon as the request is aborted.
    async fn settle(&self, value: JsValue) -> Result<JsValue, JsValue> {
        let race = js_sys::Array::of2(&Promise::resolve(&value), &self.aborted);
        JsFuture::from(Promise::race(&race)).await
    }

    fn caller_aborted(&self) -> bool {
        self.caller.as_ref().is_some_and(|(signal, _)| signal.aborted())
    }

    /// Why a promise of this request rejected: `None` when the caller aborted.
    fn failure(&self, thrown: &JsValue, request: &JobRequest, timeout_ms: u64) -> Option<ApiError> {
        if self.caller_aborted() {
            return None;
        }
        if self.timed_out.get() {
            return Some(ApiError::timeout(timeout_ms));
        }
        // Node.js says so when the URL cannot be fetched at all (a relative endpoint, where
        // there is no page origin): a setting to fix, not an outage to wait out.
        let code = get(&get(thrown, "cause"), "code").as_string();
        if code.as_deref() == Some("ERR_INVALID_URL") {
            return Some(ApiError::request(
                "BAD_ENDPOINT",
                "this runtime cannot fetch the endpoint's URL (without a page, as in Node.js, \
                 give an absolute http(s) endpoint)"
                    .to_owned(),
            ));
        }
        Some(ApiError::network(request.redact(&describe_thrown(thrown))))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some((signal, forward)) = &self.caller {
            let _ = signal
                .remove_event_listener_with_callback("abort", forward.as_ref().unchecked_ref());
        }
        // First unhook `aborted`, so that the abort below never rejects it: its handlers
        // are dropped with this struct, and JS must not call them after that.
        let _ = self
            .controller
            .signal()
            .remove_event_listener_with_callback("abort", self._on_abort.as_ref().unchecked_ref());
        // Frees the connection when the body was not read to its end.
        if !self.finished.get() {
            self.controller.abort();
        }
    }
}

/// The `init` object of the request.
fn request_init(request: &JobRequest, transport: &Transport, signal: &AbortSignal) -> Object {
    let headers = Object::new();
    for (name, value) in &request.headers {
        let _ = Reflect::set(&headers, &name.into(), &value.into());
    }
    let init = Object::new();
    let _ = Reflect::set(&init, &"method".into(), &request.method.into());
    let _ = Reflect::set(&init, &"headers".into(), &headers);
    let _ = Reflect::set(&init, &"redirect".into(), &"manual".into());
    let _ = Reflect::set(&init, &"signal".into(), signal);
    if let Some(credentials) = transport.credentials {
        let _ = Reflect::set(&init, &"credentials".into(), &credentials.as_str().into());
    }
    init
}

/// Cancels a response's body stream, if it has one (errors ignored: it is being dropped).
fn cancel(target: &JsValue) {
    if let Ok(cancel) = get(target, "cancel").dyn_into::<Function>() {
        if let Ok(promise) = cancel.call0(target).and_then(|value| value.dyn_into::<Promise>()) {
            // Awaited (and its rejection dropped) so it never surfaces as unhandled.
            wasm_bindgen_futures::spawn_local(async move {
                let _ = JsFuture::from(promise).await;
            });
        }
    }
}

/// Sends `request` and reads the whole body under its cap. `None` when `signal` aborted it;
/// otherwise the body, ready for [`BodyReader::finish`], or the error that ended it
/// (network, timeout, redirect, over a cap: all [`ApiError`]s).
/// Build `request` with [`Transport::job_request`], so that it carries the transport's
/// headers, checked.
pub async fn fetch_body(
    request: &JobRequest,
    transport: &Transport,
    signal: Option<&AbortSignal>,
    timeout_ms: u64,
    options: &ParseOptions,
) -> Option<Result<BodyReader, ApiError>> {
    let in_flight = match InFlight::new(signal, timeout_ms) {
        Ok(in_flight) => in_flight,
        Err(error) => return Some(Err(error)),
    };
    if in_flight.caller_aborted() {
        return None;
    }
    let fetch = match &transport.fetch {
        Some(fetch) => fetch.clone(),
        None => match get(&js_sys::global(), "fetch").dyn_into::<Function>() {
            Ok(fetch) => fetch,
            Err(_) => return Some(Err(ApiError::network("this runtime has no fetch"))),
        },
    };
    let init = request_init(request, transport, &in_flight.controller.signal());
    let response = match fetch.call2(&js_sys::global(), &request.url.as_str().into(), &init) {
        Ok(promise) => in_flight.settle(promise).await,
        Err(thrown) => Err(thrown),
    };
    let response = match response {
        Ok(response) => response,
        Err(thrown) => return in_flight.failure(&thrown, request, timeout_ms).map(Err),
    };
    let Some(status) = get(&response, "status").as_f64() else {
        return Some(Err(ApiError::bad_transport(
            "the fetch resolved to something that is not a Response (no status)",
        )));
    };
    let header_getter = get(&get(&response, "headers"), "get").dyn_into::<Function>().ok();
    let header = |name: &str| -> Option<String> {
        let getter = header_getter.as_ref()?;
        getter.call1(&get(&response, "headers"), &name.into()).ok()?.as_string()
    };
    let (request_id, retry_after, content_type, content_length, location) = (
        header("x-request-id"),
        header("retry-after"),
        header("content-type"),
        header("content-length"),
        header("location"),
    );
    let head = ResponseHead {
        status: status as u16,
        // A host's fetch that followed a redirect anyway (`redirected`) is told as one: the
        // credentials may have gone, and the answer is not the endpoint's.
        opaque_redirect: get(&response, "type").as_string().as_deref() == Some("opaqueredirect")
            || get(&response, "redirected").is_truthy(),
        request_id: request_id.as_deref(),
        retry_after: retry_after.as_deref(),
        content_type: content_type.as_deref(),
        content_length: content_length.as_deref(),
        location: location.as_deref(),
    };
    let body = get(&response, "body");
    let mut reader = match BodyReader::start(&head, options) {
        Ok(reader) => reader,
        Err(error) => {
            cancel(&body);
            return Some(Err(error));
        }
    };
    let stream_reader = get(&body, "getReader")
        .dyn_into::<Function>()
        .ok()
        .and_then(|get_reader| get_reader.call0(&body).ok());
    let Some(stream_reader) = stream_reader else {
        // No stream (a host's Response-like object, or an empty body): read it whole.
        if body.is_null() && get(&response, "arrayBuffer").is_undefined() {
            in_flight.finished.set(true);
            return Some(Ok(reader));
        }
        let whole = match get(&response, "arrayBuffer").dyn_into::<Function>() {
            Ok(array_buffer) => match array_buffer.call0(&response) {
                Ok(promise) => in_flight.settle(promise).await,
                Err(thrown) => Err(thrown),
            },
            Err(_) => return Some(Err(ApiError::bad_transport("the answer has no body to read"))),
        };
        let buffer = match whole {
            Ok(buffer) => buffer,
            Err(thrown) => return in_flight.failure(&thrown, request, timeout_ms).map(Err),
        };
        let Ok(buffer) = buffer.dyn_into::<js_sys::ArrayBuffer>() else {
            return Some(Err(ApiError::bad_transport(
                "arrayBuffer() gave something other than bytes",
            )));
        };
        let bytes = Uint8Array::new(&buffer);
        let pushed = reader.push_with(bytes.length() as usize, |room| bytes.copy_to(room));
        in_flight.finished.set(pushed.is_ok());
        return Some(pushed.map(|()| reader));
    };
    let Ok(read) = get(&stream_reader, "read").dyn_into::<Function>() else {
        return Some(Err(ApiError::network("the answer's body cannot be read")));
    };
    let mut empty_in_a_row = 0u32;
    loop {
        let next = match read.call0(&stream_reader) {
            Ok(promise) => in_flight.settle(promise).await,
            Err(thrown) => Err(thrown),
        };
        let next = match next {
            Ok(next) => next,
            Err(thrown) => return in_flight.failure(&thrown, request, timeout_ms).map(Err),
        };
        if get(&next, "done").is_truthy() {
            in_flight.finished.set(true);
            return Some(Ok(reader));
        }
        let Ok(chunk) = get(&next, "value").dyn_into::<Uint8Array>() else {
            cancel(&stream_reader);
            return Some(Err(ApiError::bad_transport(
                "the answer's body gave something other than bytes",
            )));
        };
        empty_in_a_row = if chunk.length() == 0 { empty_in_a_row + 1 } else { 0 };
        if empty_in_a_row > MAX_EMPTY_CHUNKS {
            cancel(&stream_reader);
            return Some(Err(ApiError::network("the answer's body kept giving empty chunks")));
        }
        if let Err(error) = reader.push_with(chunk.length() as usize, |room| chunk.copy_to(room)) {
            cancel(&stream_reader);
            return Some(Err(error));
        }
    }
}
