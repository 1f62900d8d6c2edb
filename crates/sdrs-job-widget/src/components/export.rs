//! Export, for audit and reports: the last answer as received, the session record (which
//! a console opens offline and replays), and the job as a Chrome trace or as OTLP spans.
//! Each is one file downloaded from a `Blob`; nothing is sent anywhere.

use std::rc::Rc;

use sdrs_job_core::history::History;
use sdrs_job_core::session::SessionRecord;
use sdrs_job_core::svg::{timeline_svg, SvgOptions};
use sdrs_job_core::{JobTree, Locale, TickMode, TimeWindow};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::prepared::{LayoutRef, PreparedRef};
use crate::text;

/// Width of an exported image, and of its name column.
const IMAGE_PX: (f64, f64) = (1_200.0, 340.0);
/// Most rows in an SVG (a report of 10,000 rows is still one file).
const SVG_ROWS: usize = 10_000;
/// Most rows in a PNG: a canvas is at most about 16,000 pixels high.
const PNG_ROWS: usize = 600;

/// Properties of [`ExportMenu`].
#[derive(Properties, PartialEq)]
pub(crate) struct ExportMenuProps {
    /// The last answer (live, whatever moment a replay shows).
    pub tree: Rc<JobTree>,
    /// What the answers showed (none: a job shown as it is, with no answers observed).
    pub history: Option<Rc<History>>,
    /// The endpoint, project and job id the answers came from (none: not watched).
    pub target: Option<(String, String, String)>,
    /// Now (epoch ms): where a running job's trace events end.
    pub now: i64,
    pub locale: Locale,
    /// The job as shown (a replay's moment, or live), for the images.
    pub shown: PreparedRef,
    /// Its rows as laid out on screen.
    pub layout: LayoutRef,
    /// The time shown on screen.
    pub window: TimeWindow,
    /// How the axis labels its ticks on screen.
    pub mode: TickMode,
}

/// Offers the resource at `url` (an object or data URL) as a file called `name`.
fn download_url(name: &str, url: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    if let Some(link) = document
        .create_element("a")
        .ok()
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        link.set_href(url);
        link.set_download(name);
        link.click();
    }
}

/// The PNG (a data URL) of an SVG drawn at `scale`, through an image and a canvas. The
/// image is a `data:` URL, which a strict Content-Security-Policy allows as `img-src data:`
/// (a `blob:` one would need `img-src blob:` besides).
async fn png_of(svg: &str, width: f64, height: f64, scale: f64) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let image = web_sys::HtmlImageElement::new().ok()?;
    let encoded = String::from(js_sys::encode_uri_component(svg));
    image.set_src(&format!("data:image/svg+xml;charset=utf-8,{encoded}"));
    wasm_bindgen_futures::JsFuture::from(image.decode()).await.ok()?;
    let canvas: web_sys::HtmlCanvasElement =
        document.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width((width * scale) as u32);
    canvas.set_height((height * scale) as u32);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").ok()??.dyn_into().ok()?;
    context.scale(scale, scale).ok()?;
    context.draw_image_with_html_image_element(&image, 0.0, 0.0).ok()?;
    canvas.to_data_url_with_type("image/png").ok()
}

/// `value` as JSON text (through `JSON.stringify`: one serializer for the widget and the
/// package's functions).
fn json_of<T: serde::Serialize>(value: &T) -> Option<String> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let value = value.serialize(&serializer).ok()?;
    js_sys::JSON::stringify(&value).ok()?.as_string()
}

/// Offers `text` as a file called `name`.
pub(crate) fn download(name: &str, text: &str, mime: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(link) = document
        .create_element("a")
        .ok()
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    // The click has started the download; the URL is no longer needed once it is taken.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// A file name's job part: the job id's letters, digits and dashes (ids are hex, but a
/// hand-written one may hold anything).
fn name_of(tree: &JobTree) -> String {
    let id: String = tree
        .root()
        .job_id()
        .unwrap_or("job")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(64)
        .collect();
    format!("sdrs-job-{}", if id.is_empty() { "job" } else { &id })
}

/// The export menu.
#[component]
pub(crate) fn ExportMenu(props: &ExportMenuProps) -> Html {
    let locale = props.locale;
    let name = name_of(&props.tree);
    let action = |make: Rc<dyn Fn() -> Option<(String, String)>>| {
        Callback::from(move |_: MouseEvent| {
            if let Some((file, text)) = make() {
                download(&file, &text, "application/json");
            }
        })
    };
    let answer = {
        let (tree, name) = (props.tree.clone(), name.clone());
        action(Rc::new(move || {
            // Byte for byte as received; a job built in the page has no answer: its JSON.
            let text = match tree.source() {
                "" => tree.to_json(),
                source => source.to_owned(),
            };
            Some((format!("{name}.json"), text))
        }))
    };
    let session = match (&props.history, &props.target) {
        (Some(history), Some(target)) => {
            let (tree, name, history, target) =
                (props.tree.clone(), name.clone(), history.clone(), target.clone());
            Some(action(Rc::new(move || {
                let (endpoint, project, job) = &target;
                let record = SessionRecord::new(
                    (endpoint, project, job),
                    (*history).clone(),
                    tree.source(),
                    crate::clock::now_ms(),
                );
                let text = json_of(&record)?;
                Some((format!("{name}.session.json"), text))
            })))
        }
        _ => None,
    };
    let chrome = {
        let (tree, name, now) = (props.tree.clone(), name.clone(), props.now);
        action(Rc::new(move || {
            let trace = sdrs_job_core::chrome_trace::chrome_trace(tree.root(), now, locale);
            Some((format!("{name}.trace.json"), json_of(&trace)?))
        }))
    };
    let otlp = {
        let (tree, name, now) = (props.tree.clone(), name.clone(), props.now);
        action(Rc::new(move || {
            let spans = sdrs_job_core::otlp::otlp_spans(tree.root(), now, locale);
            Some((format!("{name}.otlp.json"), json_of(&spans)?))
        }))
    };
    let image = {
        let (shown, layout, window, mode) =
            (props.shown.clone(), props.layout.clone(), props.window, props.mode);
        move |max_rows: usize| {
            let options = SvgOptions {
                width_px: IMAGE_PX.0,
                name_px: IMAGE_PX.1,
                window,
                mode,
                locale,
                max_rows,
            };
            timeline_svg(&shown.analysis, &layout, &options)
        }
    };
    let svg = {
        let (image, name) = (image.clone(), name.clone());
        Callback::from(move |_: MouseEvent| {
            download(&format!("{name}.svg"), &image(SVG_ROWS).text, "image/svg+xml")
        })
    };
    let png = {
        let name = name.clone();
        Callback::from(move |_: MouseEvent| {
            let drawn = image(PNG_ROWS);
            let name = format!("{name}.png");
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(url) = png_of(&drawn.text, drawn.width_px, drawn.height_px, 2.0).await {
                    download_url(&name, &url);
                }
            });
        })
    };
    html! {
        <details class="sdrs-export" data-role="export">
            <summary>{ text::EXPORT.get(locale) }</summary>
            <div class="sdrs-export-items" role="group" aria-label={text::EXPORT.get(locale)}>
                <button type="button" class="sdrs-button is-small" data-action="export-answer" onclick={answer}>{ text::EXPORT_ANSWER.get(locale) }</button>
                if let Some(session) = session {
                    <button type="button" class="sdrs-button is-small" data-action="export-session" onclick={session}>{ text::EXPORT_SESSION.get(locale) }</button>
                }
                <button type="button" class="sdrs-button is-small" data-action="export-chrome-trace" onclick={chrome}>{ text::EXPORT_CHROME_TRACE.get(locale) }</button>
                <button type="button" class="sdrs-button is-small" data-action="export-otlp" onclick={otlp}>{ text::EXPORT_OTLP.get(locale) }</button>
                <button type="button" class="sdrs-button is-small" data-action="export-svg" onclick={svg}>{ text::EXPORT_SVG.get(locale) }</button>
                <button type="button" class="sdrs-button is-small" data-action="export-png" onclick={png}>{ text::EXPORT_PNG.get(locale) }</button>
            </div>
        </details>
    }
}
