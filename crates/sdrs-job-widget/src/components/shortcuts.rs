//! The keyboard shortcuts, shown on `?`.

use sdrs_job_core::Locale;
use yew::prelude::*;

use crate::text;

/// Properties of [`Shortcuts`].
#[derive(Properties, PartialEq)]
pub struct ShortcutsProps {
    pub locale: Locale,
    /// Close the help.
    pub on_close: Callback<()>,
}

/// The list of shortcuts, as a dialog.
#[component]
pub fn Shortcuts(props: &ShortcutsProps) -> Html {
    let locale = props.locale;
    html! {
        <section class="sdrs-help" role="dialog" aria-label={text::KEYBOARD_SHORTCUTS.get(locale)}>
            <dl>
                { for text::SHORTCUTS.iter().map(|(key, phrase)| html! {
                    <div><dt><kbd>{ *key }</kbd></dt><dd>{ phrase.get(locale) }</dd></div>
                }) }
            </dl>
            <button type="button" class="sdrs-button is-small" data-action="close-help" onclick={props.on_close.reform(|_: MouseEvent| ())}>{ text::CLOSE.get(locale) }</button>
        </section>
    }
}
