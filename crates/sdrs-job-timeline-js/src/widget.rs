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
const TIMELINE_CSS: &str = include_str!("../../../www/timeline.css");

#[wasm_bindgen(inline_js = "
export function defineElement(tagName, mount, css) {
  if (customElements.get(tagName)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  const attributes = ['endpoint', 'project-id', 'job-id', 'locale', 'theme'];
  customElements.define(tagName, class extends HTMLElement {
    static get observedAttributes() { return attributes; }
    #handle = null;
    #token = undefined;
    #options() {
      return {
        endpoint: this.getAttribute('endpoint') ?? '',
        projectId: this.getAttribute('project-id') ?? undefined,
        jobId: this.getAttribute('job-id') ?? undefined,
        locale: this.getAttribute('locale') ?? undefined,
        theme: this.getAttribute('theme') ?? undefined,
        token: this.#token,
      };
    }
    set token(value) { this.#token = value ?? undefined; this.#handle?.setOptions(this.#options()); }
    get token() { return undefined; }
    update(job) { this.#handle?.update(job); }
    connectedCallback() {
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [sheet];
      const host = root.querySelector('div') ?? root.appendChild(document.createElement('div'));
      this.#handle = mount(host, this.#options());
    }
    attributeChangedCallback() { this.#handle?.setOptions(this.#options()); }
    disconnectedCallback() { this.#handle?.destroy(); this.#handle = null; }
  });
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
    /// IAM token, sent as `X-Auth-Token` (never put it in an attribute or a URL).
    #[tsify(optional)]
    pub token: Option<String>,
    /// `"en"` (default) or `"zh"`.
    #[tsify(optional, type = "\"en\" | \"zh\"")]
    pub locale: Option<String>,
    /// `"light"` or `"dark"` (default: the system's).
    #[tsify(optional, type = "\"light\" | \"dark\"")]
    pub theme: Option<String>,
    /// Polling policy.
    #[tsify(optional)]
    pub policy: Option<PollPolicy>,
}

#[wasm_bindgen]
extern "C" {
    /// `MountOptions` (declared by tsify), for an optional argument.
    #[wasm_bindgen(typescript_type = "MountOptions")]
    pub type MountOptionsArgument;
}

/// A mounted widget: `update(job)`, `setOptions(options)`, `destroy()`.
#[wasm_bindgen]
pub struct JobTimelineHandle {
    app: Option<yew::AppHandle<JobTimeline>>,
    options: MountOptions,
    job: Option<Rc<sdrs_job_core::JobTree>>,
}

fn props(options: &MountOptions, job: Option<&Rc<sdrs_job_core::JobTree>>) -> JobTimelineProps {
    let source = match (job, options.project_id.as_deref(), options.job_id.as_deref()) {
        (Some(tree), _, _) => JobSource::Static(SharedTree(tree.clone())),
        (None, Some(project_id), Some(job_id)) => JobSource::Watch(JobTarget {
            endpoint: options.endpoint.clone().unwrap_or_default(),
            project_id: project_id.to_owned(),
            job_id: job_id.to_owned(),
            token: options.token.clone(),
        }),
        // Nothing to show yet: an empty static job would be misleading, so wait for input.
        (None, _, _) => JobSource::Watch(JobTarget {
            endpoint: String::new(),
            project_id: String::new(),
            job_id: String::new(),
            token: None,
        }),
    };
    JobTimelineProps {
        source,
        locale: crate::locale_of(options.locale.as_deref()),
        policy: options.policy.clone().unwrap_or_default().to_core(),
        select: None,
        on_select: Default::default(),
        theme: options.theme.clone().map(Into::into),
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
        self.job = Some(job.subtree());
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

    /// Changes what the widget watches or how it looks.
    #[wasm_bindgen(js_name = setOptions)]
    pub fn set_options(&mut self, options: MountOptionsArgument) -> Result<(), JsValue> {
        self.options = mount_options(Some(options.into()))?;
        if self.options.project_id.is_some() && self.options.job_id.is_some() {
            self.job = None;
        }
        self.render();
        Ok(())
    }

    /// Unmounts the widget: stops polling, aborts its request, removes its listeners and DOM.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }

    fn render(&mut self) {
        let props = props(&self.options, self.job.as_ref());
        if let Some(app) = self.app.as_mut() {
            app.update(props);
        }
    }
}

/// Mounts the timeline widget into `element`. Watches `options.projectId`/`options.jobId`
/// when given; otherwise shows what is passed to `update`.
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
    let app = sdrs_job_widget::mount(element, props(&options, None));
    Ok(JobTimelineHandle { app: Some(app), options, job: None })
}

/// Registers the custom element (default `<sdrs-job-timeline>`) with attributes
/// `endpoint`, `project-id`, `job-id`, `locale`, `theme`; the token is set as a property
/// (`element.token = ...`), never an attribute. It renders in a shadow root with its own
/// stylesheet, so host CSS does not leak in and ours does not leak out.
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
