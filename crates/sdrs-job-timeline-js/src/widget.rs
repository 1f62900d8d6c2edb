//! The widget entry point (`sdrs-job-timeline/widget`): mount the console's timeline into
//! any element, or use it as a custom element. Thin: options in, the widget's props out.

use std::rc::Rc;

use sdrs_job_widget::{JobSource, JobTarget, JobTimeline, JobTimelineProps, SharedTree};
use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{from_js, js_error, Job, PollPolicy};

/// The widget's stylesheet, for the custom element's shadow root.
const TIMELINE_CSS: &str = sdrs_job_widget::STYLESHEET;

#[wasm_bindgen(inline_js = "
export function defineElement(tagName, mount, css) {
  if (customElements.get(tagName)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  const attributes = ['endpoint', 'project-id', 'job-id', 'job-ids', 'locale', 'theme', 'credentials'];
  const properties = ['token', 'fetch', 'headers', 'policy'];
  const events = {
    onStatusChange: 'sdrs-status-change',
    onFinished: 'sdrs-finished',
    onError: 'sdrs-error',
    onSelect: 'sdrs-select',
  };
  class SdrsJobTimelineElement extends HTMLElement {
    static get observedAttributes() { return attributes; }
    #handle = null;
    #values = {};
    #shown = false; // a job given to update() is shown, not one named by the attributes
    constructor() {
      super();
      // A page may set properties before this module ran (its wasm loads with a top-level
      // await): they then sit on the instance, hiding the accessors. Take them over.
      for (const name of properties) {
        if (Object.prototype.hasOwnProperty.call(this, name)) {
          const value = this[name];
          delete this[name];
          this.#values[name] = value ?? undefined;
        }
      }
    }
    #options() {
      const options = {
        endpoint: this.getAttribute('endpoint') ?? '',
        projectId: this.#shown ? undefined : this.getAttribute('project-id') ?? undefined,
        jobId: this.#shown ? undefined : this.getAttribute('job-id') ?? undefined,
        jobIds: this.#shown ? undefined : this.getAttribute('job-ids')?.split(/[\\s,;]+/).filter(Boolean),
        locale: this.getAttribute('locale') ?? undefined,
        theme: this.getAttribute('theme') ?? undefined,
        credentials: this.getAttribute('credentials') ?? undefined,
        ...this.#values,
      };
      for (const [option, type] of Object.entries(events)) {
        options[option] = (detail) =>
          this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
      }
      return options;
    }
    #set(name, value) {
      this.#values[name] = value ?? undefined;
      this.#handle?.replaceOptions(this.#options());
    }
    set token(value) { this.#set('token', value); }
    get token() { return undefined; }
    set fetch(value) { this.#set('fetch', value); }
    get fetch() { return this.#values.fetch; }
    set headers(value) { this.#set('headers', value); }
    get headers() { return this.#values.headers; }
    set policy(value) { this.#set('policy', value); }
    get policy() { return this.#values.policy; }
    update(job) { this.#shown = true; this.#handle?.update(job); }
    connectedCallback() {
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [sheet];
      const host = root.querySelector('div') ?? root.appendChild(document.createElement('div'));
      this.#handle = mount(host, this.#options());
    }
    attributeChangedCallback(name, before, after) {
      if (before === after) return;
      // A new endpoint does not inherit the token and headers given for the old one.
      if (name === 'endpoint' && this.#handle) { delete this.#values.token; delete this.#values.headers; }
      if (name === 'project-id' || name === 'job-id' || name === 'job-ids') this.#shown = false;
      this.#handle?.replaceOptions(this.#options());
    }
    disconnectedCallback() { this.#handle?.destroy(); this.#handle = null; }
  }
  customElements.define(tagName, SdrsJobTimelineElement);
}
")]
extern "C" {
    #[wasm_bindgen(js_name = defineElement)]
    fn define_element(tag_name: &str, mount: &js_sys::Function, css: &str);
}

/// Options of `mountJobTimeline`: a job to watch (`projectId` and `jobId`, with
/// `endpoint` and `token`), or none to show jobs passed to `update`.
#[derive(Debug, Clone, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct MountOptions {
    /// Base URL of the SDRS API (`""`: the page's origin).
    #[tsify(optional)]
    pub endpoint: Option<String>,
    /// Project of the job to watch.
    #[tsify(optional)]
    pub project_id: Option<String>,
    /// Job to watch.
    #[tsify(optional)]
    pub job_id: Option<String>,
    /// Several jobs to watch at once: a board of them (each one click from its timeline,
    /// all of them on one axis). Naming `jobId` or `jobIds` replaces the other.
    #[tsify(optional)]
    pub job_ids: Option<Vec<String>>,
    /// IAM token, sent as `X-Auth-Token` (never put it in an attribute or a URL). Leave
    /// it out when `fetch` authenticates (a console's session cookie, a signing backend).
    #[tsify(optional)]
    pub token: Option<String>,
    /// The host's own `fetch`, called as `fetch(url, init)` (see `HostFetch`); default the
    /// global `fetch`.
    #[tsify(optional, type = "HostFetch")]
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub fetch: JsValue,
    /// Headers added to every request, e.g. `{ "X-CSRF-Token": csrf }` (a plain object).
    #[tsify(optional, type = "Record<string, string>")]
    pub headers: Option<std::collections::BTreeMap<String, String>>,
    /// The fetch `credentials` mode (fetch's default: `"same-origin"`).
    #[tsify(optional, type = "\"omit\" | \"same-origin\" | \"include\"")]
    pub credentials: Option<String>,
    /// Label language (`LocaleTag`: `"en"`, the default, `"zh"`, or a tag like `"zh-CN"`).
    #[tsify(optional, type = "LocaleTag")]
    pub locale: Option<String>,
    /// `"light"` or `"dark"` (default: the system's).
    #[tsify(optional, type = "\"light\" | \"dark\"")]
    pub theme: Option<String>,
    /// Move keyboard focus to the timeline when the job first shows (default false: a
    /// console that has other things in focus keeps them).
    #[tsify(optional)]
    pub autofocus: Option<bool>,
    /// Polling policy.
    #[tsify(optional)]
    pub policy: Option<PollPolicy>,
    /// Called when the watched job's status changes (its first status included).
    #[tsify(optional, type = "(detail: StatusChangeDetail) => void")]
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub on_status_change: JsValue,
    /// Called once when the watched job ends (SUCCESS or FAIL), with its summary.
    #[tsify(optional, type = "(detail: FinishedDetail) => void")]
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub on_finished: JsValue,
    /// Called when watching stops on a final error or the time budget.
    #[tsify(optional, type = "(detail: ErrorDetail) => void")]
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub on_error: JsValue,
    /// Called when the user selects a job (null when the selection is cleared).
    #[tsify(optional, type = "(detail: SelectDetail | null) => void")]
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub on_select: JsValue,
}

/// A yew callback that calls the host's `function` (if it is one) with `detail(value)`.
/// A host function that throws is reported (`reportError`) and never breaks the widget.
fn host_callback<T: 'static, D: serde::Serialize>(
    function: &JsValue,
    detail: impl Fn(T) -> D + 'static,
) -> yew::Callback<T> {
    let Ok(function) = function.clone().dyn_into::<js_sys::Function>() else {
        return yew::Callback::noop();
    };
    yew::Callback::from(move |value: T| {
        let Ok(detail) = crate::to_js(&detail(value)) else { return };
        if let Err(thrown) = function.call1(&JsValue::UNDEFINED, &detail) {
            let global = js_sys::global();
            if let Ok(report) = js_sys::Reflect::get(&global, &"reportError".into())
                .and_then(|f| f.dyn_into::<js_sys::Function>())
            {
                let _ = report.call1(&global, &thrown);
            }
        }
    })
}

fn status_change_detail(change: sdrs_job_widget::StatusChange) -> crate::StatusChangeDetail {
    crate::StatusChangeDetail {
        job_id: change.job_id,
        job_type: change.job_type,
        status: change.status,
        status_kind: change.kind.as_str(),
        previous_kind: change.previous.map(sdrs_job_core::StatusKind::as_str),
        summary: change.summary,
    }
}

fn finished_detail(finished: sdrs_job_widget::Finished) -> crate::FinishedDetail {
    crate::FinishedDetail {
        job_id: finished.job_id,
        job_type: finished.job_type,
        status: finished.kind.as_str(),
        summary: finished.summary,
    }
}

fn error_detail(failure: sdrs_job_widget::WatchFailure) -> crate::ErrorDetail {
    use sdrs_job_core::poll::StopReason;
    let timed_out = failure.reason == StopReason::TimedOut;
    let (code, message) = match (&failure.error, timed_out) {
        (_, true) => (
            "TIMED_OUT".to_owned(),
            "watching stopped: the job did not finish within the time budget".to_owned(),
        ),
        (Some(error), false) => (error.code.clone(), error.to_string()),
        (None, false) => ("FINAL_ERROR".to_owned(), "watching stopped".to_owned()),
    };
    crate::ErrorDetail {
        reason: if timed_out { "TIMED_OUT" } else { "FINAL_ERROR" },
        code,
        message,
        error: failure.error.as_ref().map(sdrs_job_core::ApiErrorReport::from),
    }
}

// The TypeScript of `SelectDetail` (the widget's `SelectedJob`), generated from the type.
#[wasm_bindgen(typescript_custom_section)]
const WIDGET_TYPES: &str = include_str!("generated/widget-types.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const ELEMENT_TYPES: &str = r#"
/** `<sdrs-job-timeline>` (see `defineJobTimelineElement`). */
export interface SdrsJobTimelineElement extends HTMLElement {
  /** An IAM token (write-only: reading gives undefined). */
  token: string | undefined;
  /** The host's own fetch (a console's authenticated transport). */
  fetch: HostFetch | undefined;
  /** Headers added to every request, e.g. a CSRF header. */
  headers: Record<string, string> | undefined;
  /** The polling policy. */
  policy: PollPolicy | undefined;
  /** Shows a job the page already has, and stops watching. */
  update(job: Job): void;
}

/** The element's events and the `detail` each carries. */
export interface SdrsJobTimelineEventMap {
  "sdrs-status-change": CustomEvent<StatusChangeDetail>;
  "sdrs-finished": CustomEvent<FinishedDetail>;
  "sdrs-error": CustomEvent<ErrorDetail>;
  "sdrs-select": CustomEvent<SelectDetail | null>;
}

declare global {
  interface HTMLElementTagNameMap {
    "sdrs-job-timeline": SdrsJobTimelineElement;
  }
  interface HTMLElementEventMap extends SdrsJobTimelineEventMap {}
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `MountOptions` (declared by tsify), for an optional argument.
    #[wasm_bindgen(typescript_type = "MountOptions")]
    pub type MountOptionsArgument;
}

/// A mounted widget: `update(job)`, `setOptions(options)`, `destroy()`.
#[wasm_bindgen]
pub struct JobTimelineHandle {
    app: Option<App>,
    element: web_sys::Element,
    options: MountOptions,
    job: Option<Rc<sdrs_job_core::JobTree>>,
}

/// What is mounted: one job's timeline, or a board of several.
enum App {
    Timeline(yew::AppHandle<JobTimeline>),
    Board(yew::AppHandle<sdrs_job_widget::JobBoard>),
}

/// The props of what `options` ask for: a board when they name several jobs (and no job
/// was given to `update`), else a timeline.
enum Props {
    Timeline(JobTimelineProps),
    Board(sdrs_job_widget::JobBoardProps),
}

impl MountOptions {
    /// These options with the fields `newer` gives replacing ours (absent ones kept), so
    /// `setOptions({ jobId })` keeps the project, endpoint, token and transport.
    /// A new endpoint does not inherit the token and headers of the old one: they go to
    /// the server they were given for (give them again with the endpoint to keep them).
    fn merged(self, newer: MountOptions) -> MountOptions {
        let given = |value: &JsValue| !value.is_undefined() && !value.is_null();
        let base = |endpoint: &str| endpoint.trim().trim_end_matches('/').to_owned();
        let moved = newer.endpoint.as_deref().is_some_and(|endpoint| {
            base(endpoint) != base(self.endpoint.as_deref().unwrap_or_default())
        });
        let (token, headers) = if moved { (None, None) } else { (self.token, self.headers) };
        // One job or several: naming either replaces the other.
        let (job_id, job_ids) = match (newer.job_id, newer.job_ids) {
            (None, None) => (self.job_id, self.job_ids),
            (job_id, job_ids) => (job_id, job_ids),
        };
        MountOptions {
            endpoint: newer.endpoint.or(self.endpoint),
            project_id: newer.project_id.or(self.project_id),
            job_id,
            job_ids,
            token: newer.token.or(token),
            fetch: if given(&newer.fetch) { newer.fetch } else { self.fetch },
            headers: newer.headers.or(headers),
            credentials: newer.credentials.or(self.credentials),
            locale: newer.locale.or(self.locale),
            theme: newer.theme.or(self.theme),
            autofocus: newer.autofocus.or(self.autofocus),
            policy: newer.policy.or(self.policy),
            on_status_change: if given(&newer.on_status_change) {
                newer.on_status_change
            } else {
                self.on_status_change
            },
            on_finished: if given(&newer.on_finished) {
                newer.on_finished
            } else {
                self.on_finished
            },
            on_error: if given(&newer.on_error) { newer.on_error } else { self.on_error },
            on_select: if given(&newer.on_select) { newer.on_select } else { self.on_select },
        }
    }

    /// The job to watch (an empty one when none is named: the widget then waits).
    fn target(&self) -> Result<JobTarget, JsValue> {
        let transport = crate::watch::transport_of(
            &self.fetch,
            self.headers.as_ref(),
            self.credentials.as_deref(),
        )?;
        Ok(JobTarget {
            endpoint: self.endpoint.clone().unwrap_or_default(),
            project_id: self.project_id.clone().unwrap_or_default(),
            job_id: self.job_id.clone().unwrap_or_default(),
            token: self.token.clone().filter(|token| !token.trim().is_empty()),
            transport,
        })
    }
}

fn props(
    options: &MountOptions,
    job: Option<&Rc<sdrs_job_core::JobTree>>,
) -> Result<Props, JsValue> {
    match (&options.job_ids, job) {
        (Some(ids), None) if !ids.is_empty() => {
            let ids = sdrs_job_core::board::parse_job_ids(&ids.join(","))
                .map_err(|error| js_error("TYPE", &format!("options.jobIds: {error}"), &[]))?;
            let base = options.target()?;
            let targets =
                ids.into_iter().map(|job_id| JobTarget { job_id, ..base.clone() }).collect();
            Ok(Props::Board(sdrs_job_widget::JobBoardProps {
                targets: Rc::new(targets),
                locale: crate::locale_of(options.locale.as_deref()),
                policy: options.policy.clone().unwrap_or_default().to_core(),
                open: None,
                on_open: yew::Callback::noop(),
                on_finished: host_callback(&options.on_finished, finished_detail),
                on_status_change: host_callback(&options.on_status_change, status_change_detail),
            }))
        }
        _ => timeline_props(options, job).map(Props::Timeline),
    }
}

fn timeline_props(
    options: &MountOptions,
    job: Option<&Rc<sdrs_job_core::JobTree>>,
) -> Result<JobTimelineProps, JsValue> {
    let source = match job {
        Some(tree) => JobSource::Static(SharedTree(tree.clone())),
        None => JobSource::Watch(options.target()?),
    };
    Ok(JobTimelineProps {
        source,
        locale: crate::locale_of(options.locale.as_deref()),
        policy: options.policy.clone().unwrap_or_default().to_core(),
        select: None,
        on_select: host_callback(
            &options.on_select,
            |job: Option<sdrs_job_widget::SelectedJob>| job,
        ),
        on_status_change: host_callback(&options.on_status_change, status_change_detail),
        on_finished: host_callback(&options.on_finished, finished_detail),
        on_error: host_callback(&options.on_error, error_detail),
        theme: options.theme.clone().map(Into::into),
        autofocus: options.autofocus.unwrap_or(false),
        start_collapsed: false,
    })
}

/// Shows `props` in `app`, mounting anew in `element` when it is another kind of view.
fn show(app: &mut Option<App>, element: &web_sys::Element, props: Props) {
    match (app.as_mut(), props) {
        (Some(App::Timeline(handle)), Props::Timeline(props)) => handle.update(props),
        (Some(App::Board(handle)), Props::Board(props)) => handle.update(props),
        (current, props) => {
            if let Some(old) = current.is_some().then(|| app.take()).flatten() {
                old.destroy();
            }
            *app = Some(match props {
                Props::Timeline(props) => {
                    App::Timeline(sdrs_job_widget::mount(element.clone(), props))
                }
                Props::Board(props) => {
                    App::Board(sdrs_job_widget::mount_board(element.clone(), props))
                }
            });
        }
    }
}

impl App {
    fn destroy(self) {
        match self {
            App::Timeline(handle) => handle.destroy(),
            App::Board(handle) => handle.destroy(),
        }
    }
}

fn mount_options(options: Option<JsValue>) -> Result<MountOptions, JsValue> {
    match options.filter(|value| !value.is_undefined() && !value.is_null()) {
        Some(options) => from_js(options, "mountJobTimeline options"),
        None => Ok(MountOptions::default()),
    }
}

#[wasm_bindgen]
impl JobTimelineHandle {
    /// Shows a job the host already has (a `Job` from this entry point's `parseJob`), and
    /// stops watching.
    pub fn update(&mut self, job: &Job) {
        self.job = Some(job.analysis().tree().clone());
        self.render();
    }

    /// Shows a job from its response text or bytes (parse errors throw as in `parseJob`).
    #[wasm_bindgen(js_name = updateFromResponse)]
    pub fn update_from_response(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")]
        response: JsValue,
    ) -> Result<(), JsValue> {
        let job = crate::parse_job(response)?;
        self.update(&job);
        Ok(())
    }

    /// Changes what the widget watches or how it looks. The fields given replace the
    /// current ones and the others are kept (`setOptions({ jobId })` keeps the project,
    /// endpoint, token and transport); naming a job stops showing one given to `update`.
    #[wasm_bindgen(js_name = setOptions)]
    pub fn set_options(&mut self, options: MountOptionsArgument) -> Result<(), JsValue> {
        let newer = mount_options(Some(options.into()))?;
        let names_a_job =
            newer.project_id.is_some() || newer.job_id.is_some() || newer.job_ids.is_some();
        let merged = self.options.clone().merged(newer);
        self.apply(merged, names_a_job)
    }

    /// Replaces the options as a whole (what `setOptions` merges into): a field left out
    /// is cleared. The custom element uses it, so that `element.token = null` clears.
    #[wasm_bindgen(js_name = replaceOptions)]
    pub fn replace_options(&mut self, options: MountOptionsArgument) -> Result<(), JsValue> {
        let options = mount_options(Some(options.into()))?;
        let names_a_job =
            options.project_id.is_some() || options.job_id.is_some() || options.job_ids.is_some();
        self.apply(options, names_a_job)
    }

    /// Unmounts the widget: stops polling, aborts its request, removes its listeners and DOM.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }

    /// Shows `options` (naming a job stops showing one given to `update`). Checked before
    /// anything changes: bad options leave the widget as it was.
    fn apply(&mut self, options: MountOptions, names_a_job: bool) -> Result<(), JsValue> {
        let props = props(&options, if names_a_job { None } else { self.job.as_ref() })?;
        self.options = options;
        if names_a_job {
            self.job = None;
        }
        if self.app.is_some() {
            show(&mut self.app, &self.element, props);
        }
        Ok(())
    }

    fn render(&mut self) {
        // The options were checked when they were set, so building props cannot fail here.
        if let (true, Ok(props)) = (self.app.is_some(), props(&self.options, self.job.as_ref())) {
            show(&mut self.app, &self.element, props);
        }
    }
}

/// Mounts the timeline widget into `element`. Watches `options.projectId`/`options.jobId`
/// when given, a board of `options.jobIds` when those are; otherwise shows what is passed
/// to `update`.
#[wasm_bindgen(js_name = mountJobTimeline)]
pub fn mount_job_timeline(
    element: web_sys::Element,
    options: Option<MountOptionsArgument>,
) -> Result<JobTimelineHandle, JsValue> {
    let options = mount_options(options.map(Into::into))?;
    // This module is the page's only Rust: report its panics on the console (once), and
    // keep that hook when yew renders.
    static REPORT_PANICS: std::sync::Once = std::sync::Once::new();
    REPORT_PANICS.call_once(|| std::panic::set_hook(Box::new(console_error_panic_hook::hook)));
    let mut app = None;
    show(&mut app, &element, props(&options, None)?);
    Ok(JobTimelineHandle { app, element, options, job: None })
}

/// Registers the custom element (default `<sdrs-job-timeline>`) with attributes
/// `endpoint`, `project-id`, `job-id`, `locale`, `theme`, `credentials`; the token, a host
/// `fetch`, `headers` and `policy` are properties (`element.token = ...`, never an
/// attribute), also when set before this ran. It renders in a shadow root with its own
/// stylesheet, so host CSS does not leak in and ours does not leak out, and dispatches
/// `sdrs-status-change`, `sdrs-finished`, `sdrs-error` and `sdrs-select` (`CustomEvent`s
/// whose `detail` is the matching callback's, bubbling and composed: they cross the
/// shadow root).
#[wasm_bindgen(js_name = defineJobTimelineElement)]
pub fn define_job_timeline_element(
    #[wasm_bindgen(js_name = tagName)] tag_name: Option<String>,
) -> Result<(), JsValue> {
    let tag_name = tag_name.unwrap_or_else(|| "sdrs-job-timeline".to_owned());
    if !tag_name.contains('-') {
        return Err(js_error("TYPE", "a custom element name needs a hyphen", &[]));
    }
    let mount =
        Closure::<dyn Fn(web_sys::Element, JsValue) -> Result<JobTimelineHandle, JsValue>>::new(
            |element: web_sys::Element, options: JsValue| {
                mount_job_timeline(element, Some(options.unchecked_into()))
            },
        );
    define_element(&tag_name, mount.as_ref().unchecked_ref(), TIMELINE_CSS);
    // The element class keeps calling it for as long as the page lives.
    mount.forget();
    Ok(())
}
