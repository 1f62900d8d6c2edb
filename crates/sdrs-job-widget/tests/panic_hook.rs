//! The widget keeps the host's panic hook. Its own test binary: yew replaces the hook only
//! on the first render of a wasm instance, so no other test may render before this one.
#![cfg(target_arch = "wasm32")]

use std::panic::PanicHookInfo;
use std::rc::Rc;

use sdrs_job_core::parse_job;
use sdrs_job_widget::{mount, JobSource, JobTimelineProps, SharedTree};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

type Hook = Box<dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static>;

fn address(hook: &Hook) -> usize {
    std::ptr::from_ref(&**hook).cast::<()>() as usize
}

#[wasm_bindgen_test]
fn mounting_the_widget_keeps_the_hosts_panic_hook() {
    // The host's hook: forwards to the test harness's, so a failure is still reported.
    let harness = std::panic::take_hook();
    let host: Hook = Box::new(move |info| harness(info));
    let host_address = address(&host);
    std::panic::set_hook(host);

    let document = web_sys::window().and_then(|window| window.document()).expect("a document");
    let element = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&element).expect("appended");
    let tree =
        parse_job(br#"{"job_id":"j","status":"SUCCESS","job_type":"createProtectionGroup"}"#)
            .expect("a job");
    let props =
        yew::props!(JobTimelineProps { source: JobSource::Static(SharedTree(Rc::new(tree))) });
    let app = mount(element, props);

    let current = std::panic::take_hook();
    let kept = address(&current) == host_address;
    std::panic::set_hook(current);
    assert!(kept, "rendering replaced the host's panic hook");
    app.destroy();
}
