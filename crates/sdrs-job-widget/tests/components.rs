//! Component tests of the widget in headless Chromium (`cargo xtask test` runs them with
//! wasm-bindgen-test-runner and chromedriver): rows and their data attributes, collapsing,
//! the "error inside" marker, the failure at the top, text never becoming HTML, the detail
//! panel, virtualization of a 10,101-job tree (the first frame draws only the rows in
//! view), and what `on_select` tells the host.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use sdrs_job_core::{parse_job, synthetic};
use sdrs_job_widget::{JobSource, JobTimelineProps, SharedTree};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const FAILOVER: &str =
    include_str!("../../sdrs-job-core/tests/fixtures/jobs/failover-three-levels.json");
const HTML_REASON: &str =
    include_str!("../../sdrs-job-core/tests/fixtures/jobs/escapes-and-html.json");

/// Mounts the widget on a fresh element and lets yew render.
async fn mount(tree: sdrs_job_core::JobTree) -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let props =
        yew::props!(JobTimelineProps { source: JobSource::Static(SharedTree(Rc::new(tree))) });
    sdrs_job_widget::mount(root.clone(), props);
    settle().await;
    root
}

/// Runs yew's pending renders and effects (effects may schedule another render).
async fn settle() {
    for _ in 0..3 {
        yew::scheduler::flush().await;
    }
}

fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|index| list.item(index)?.dyn_into().ok()).collect()
}

fn click(root: &web_sys::Element, selector: &str) {
    let element: web_sys::HtmlElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector}"))
        .dyn_into()
        .unwrap();
    element.click();
}

#[wasm_bindgen_test]
async fn rows_carry_job_id_and_wire_status() {
    let root = mount(parse_job(FAILOVER).unwrap()).await;
    let rows = all(&root, ".sdrs-row");
    assert_eq!(rows.len(), 10);
    assert_eq!(
        rows[0].get_attribute("data-job-id").as_deref(),
        Some("ff8080826b45d4a5016b5036242c1000")
    );
    assert_eq!(rows[0].get_attribute("data-status").as_deref(), Some("FAIL"));
    assert_eq!(rows[0].get_attribute("aria-level").as_deref(), Some("1"));
    assert!(rows.iter().all(|row| row.get_attribute("data-status").is_some()));
}

#[wasm_bindgen_test]
async fn the_failure_and_its_meaning_are_at_the_top() {
    let root = mount(parse_job(FAILOVER).unwrap()).await;
    let failure = root
        .query_selector(".sdrs-failure")
        .unwrap()
        .expect("a failure section")
        .text_content()
        .unwrap();
    assert!(
        failure.contains("SDRS.0406") && failure.contains("Failed to execute the subjob"),
        "{failure}"
    );
    assert!(
        failure.contains("SDRS.1608") && failure.contains("Replication pair not found"),
        "{failure}"
    );
}

#[wasm_bindgen_test]
async fn collapsing_hides_sub_jobs_and_keeps_the_failure_visible() {
    let root = mount(parse_job(FAILOVER).unwrap()).await;
    click(
        &root,
        r#".sdrs-row[data-job-id="ff8080826b45d4a5016b5036242c1003"] [data-action="toggle"]"#,
    );
    settle().await;
    assert_eq!(all(&root, ".sdrs-row").len(), 8);
    let markers = all(&root, r#"[data-role="hidden-failure"]"#);
    assert_eq!(markers.len(), 1);
    click(&root, r#"[data-action="collapse-all"]"#);
    settle().await;
    assert_eq!(all(&root, ".sdrs-row").len(), 4);
    click(&root, r#"[data-action="expand-all"]"#);
    settle().await;
    assert_eq!(all(&root, ".sdrs-row").len(), 10);
}

#[wasm_bindgen_test]
async fn server_text_is_never_html() {
    let root = mount(parse_job(HTML_REASON).unwrap()).await;
    assert!(all(&root, "img, script, b").is_empty());
    let text = root.text_content().unwrap();
    assert!(text.contains(r#"<img src=x onerror="alert('xss')">"#), "{text}");
    assert!(text.contains("<script>alert(1)</script>"), "an HTML job_type shows as its text");
}

#[wasm_bindgen_test]
async fn selecting_a_row_opens_the_detail_panel() {
    let root = mount(parse_job(FAILOVER).unwrap()).await;
    click(&root, r#".sdrs-row[data-job-id="ff8080826b45d4a5016b5036242c1032"]"#);
    settle().await;
    let detail = root.query_selector(".sdrs-detail").unwrap().expect("a detail panel");
    let text = detail.text_content().unwrap();
    assert!(
        text.contains("SDRS.1608") && text.contains("d1f0c1e2-bbbb-4b7a-9c3d-000000000003"),
        "{text}"
    );
    click(&root, r#"[data-action="close-detail"]"#);
    settle().await;
    assert!(root.query_selector(".sdrs-detail").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_ten_thousand_job_tree_puts_only_visible_rows_in_the_dom() {
    let root = mount(synthetic::failover(100, 100, 1_560_418_800_000)).await;
    let canvas = root.query_selector(".sdrs-grid").unwrap().unwrap();
    assert_eq!(canvas.get_attribute("data-row-count").as_deref(), Some("10101"));
    let rendered = all(&root, ".sdrs-row").len();
    assert!(rendered > 10 && rendered < 120, "{rendered} rows in the DOM");
}

/// Waits for the next animation frame; continues before that frame's later callbacks and
/// its paint, so the DOM read then is what the frame paints.
async fn next_frame() {
    let (sender, receiver) = futures_channel::oneshot::channel::<()>();
    let callback = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = sender.send(());
    });
    web_sys::window().unwrap().request_animation_frame(callback.unchecked_ref()).unwrap();
    receiver.await.unwrap();
}

#[wasm_bindgen_test]
async fn the_first_frame_has_the_rows_in_view_and_the_margin_follows_it() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let tree = synthetic::failover(100, 100, 1_560_418_800_000);
    let props =
        yew::props!(JobTimelineProps { source: JobSource::Static(SharedTree(Rc::new(tree))) });
    sdrs_job_widget::mount(root.clone(), props);
    // The first frame with rows: those in view only (the widget's first guess of its height
    // is 600 px, 24 rows; the margin would add 8).
    let mut first = 0;
    for _ in 0..600 {
        next_frame().await;
        first = all(&root, ".sdrs-row").len();
        if first > 0 {
            break;
        }
    }
    assert!(first > 0 && first <= 24, "{first} rows in the first frame with rows");
    // After it, the margin: 8 rows below those in view, at the top of the job.
    for _ in 0..3 {
        next_frame().await;
    }
    settle().await;
    let scroller = root.query_selector(".sdrs-scroller").unwrap().unwrap();
    let in_view = (f64::from(scroller.client_height()) / 26.0).ceil() as usize;
    assert_eq!(
        all(&root, ".sdrs-row").len(),
        in_view + 8,
        "{} px of rows in view",
        scroller.client_height()
    );
}

#[wasm_bindgen_test]
async fn on_select_tells_the_selected_job_and_nothing_at_mount() {
    let tree = parse_job(FAILOVER).unwrap();
    let failed = tree
        .iter()
        .find(|job| job.error_code().is_some() && !job.has_children())
        .map(|job| (job.job_id().unwrap().to_owned(), job.error_code().unwrap().to_owned()))
        .expect("the fixture has a failed sub-job");
    let told = Rc::new(std::cell::RefCell::new(Vec::new()));
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let on_select = {
        let told = told.clone();
        yew::Callback::from(move |job: Option<sdrs_job_widget::SelectedJob>| {
            told.borrow_mut().push(job)
        })
    };
    let props = yew::props!(JobTimelineProps {
        source: JobSource::Static(SharedTree(Rc::new(tree))),
        on_select,
    });
    sdrs_job_widget::mount(root.clone(), props);
    settle().await;
    assert!(told.borrow().is_empty(), "nothing is told before a selection is made");
    click(&root, &format!(r#".sdrs-row[data-job-id="{}"]"#, failed.0));
    settle().await;
    let told = told.borrow();
    let job = told.last().cloned().flatten().expect("the click is told");
    assert_eq!((job.job_id, job.error_code), (failed.0, Some(failed.1)));
    assert!(job.path.starts_with("entities.sub_jobs["), "{}", job.path);
}

#[wasm_bindgen_test]
async fn the_first_render_is_warmed_off_the_page_and_leaves_nothing() {
    let window = web_sys::window().unwrap();
    let document = window.document().unwrap();
    let performance = window.performance().unwrap();
    let widgets = || document.query_selector_all(".sdrs-job-timeline").unwrap().length();
    let marks = || performance.get_entries_by_name("sdrs-job-timeline:rows").length();
    let (widgets_before, marks_before) = (widgets(), marks());
    let rows = sdrs_job_widget::warm_up_render().await;
    // A screen of rows of the 1,001-job failover (the margin around them would come after a
    // paint, and an element outside the document is never painted).
    assert!(rows >= 10, "{rows} rows drawn");
    settle().await;
    assert_eq!(widgets(), widgets_before, "nothing of it in the document");
    assert_eq!(marks(), marks_before, "no rows mark: the page's rows are not yet there");
}
