//! The size of an element, kept current by a `ResizeObserver`: no layout is forced while
//! rendering or scrolling (reading `clientWidth` there costs a full layout of the page).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The content-box size (width, height) of the element `node` refers to, in CSS pixels;
/// `initial` until the first observation (which comes before the first paint).
#[hook]
pub fn use_size(node: NodeRef, initial: (f64, f64)) -> (f64, f64) {
    let size = use_state_eq(|| initial);
    {
        let size = size.clone();
        use_effect_with(node, move |node| {
            let observe = move || {
                let element = node.cast::<web_sys::Element>()?;
                let callback =
                    Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                        let Some(entry) =
                            entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>().ok()
                        else {
                            return;
                        };
                        let rect = entry.content_rect();
                        // Whole pixels: sub-pixel jitter must not re-render.
                        size.set((rect.width().round(), rect.height().round()));
                    });
                let observer =
                    web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
                observer.observe(&element);
                Some((observer, callback))
            };
            let observing = observe();
            move || {
                if let Some((observer, _callback)) = observing {
                    observer.disconnect();
                }
            }
        });
    }
    *size
}
