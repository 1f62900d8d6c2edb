//! Text with the search match marked, and ids shortened for a row.

use sdrs_job_core::find_ignoring_case;
use yew::prelude::*;

/// `text` with the first match of `query` in a `<mark>` (as text nodes: nothing of the
/// text is read as HTML).
pub(super) fn highlighted(text: &str, query: &str) -> Html {
    match find_ignoring_case(text, query) {
        Some(range) => html! {
            <>
                { text[..range.start].to_owned() }
                <mark class="sdrs-match">{ text[range.clone()].to_owned() }</mark>
                { text[range.end..].to_owned() }
            </>
        },
        None => html! { { text.to_owned() } },
    }
}

/// Ids longer than this many characters are shortened on a row (the full id is in its
/// title and the detail panel).
const SHORT_ID_CHARS: usize = 12;

/// The start of a long id and an ellipsis; a short id as it is.
pub(crate) fn short_id(id: &str) -> String {
    if id.chars().count() <= SHORT_ID_CHARS {
        return id.to_owned();
    }
    let start: String = id.chars().take(SHORT_ID_CHARS - 4).collect();
    format!("{start}…")
}
