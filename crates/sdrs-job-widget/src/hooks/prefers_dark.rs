//! Whether the system prefers a dark colour scheme, kept current (the overview draws
//! with the theme's colours, which CSS alone cannot give a canvas).

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Whether the system prefers a dark colour scheme, kept current.
#[hook]
pub fn use_prefers_dark() -> bool {
    let query = use_memo((), |()| {
        web_sys::window()
            .and_then(|window| window.match_media("(prefers-color-scheme: dark)").ok().flatten())
    });
    let dark =
        use_state_eq(|| query.as_ref().as_ref().is_some_and(web_sys::MediaQueryList::matches));
    {
        let dark = dark.clone();
        use_effect_with(query, move |query| {
            let listening = query.as_ref().as_ref().map(|list| {
                let watched = list.clone();
                let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                    dark.set(watched.matches())
                });
                let _ = list
                    .add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
                (list.clone(), listener)
            });
            move || {
                if let Some((list, listener)) = listening {
                    let _ = list.remove_event_listener_with_callback(
                        "change",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    *dark
}
