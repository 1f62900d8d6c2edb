//! Word when a watched job ends, for an operator who looked away: while the tab is hidden
//! its title and icon carry the outcome (restored when the tab is shown again), and, if
//! the user switched them on with a click, a browser notification says which job ended and
//! how. Nothing here asks for a permission by itself, and a refused or missing
//! `Notification` leaves the page as it was.

use std::cell::RefCell;

use sdrs_job_core::{job_type_label, Locale, StatusKind};
use sdrs_job_widget::Finished;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Where notifications stand in this browser for this page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotifyState {
    /// The browser has no `Notification`.
    Unsupported,
    /// Not asked yet (or asked and dismissed).
    NotAsked,
    /// Refused: only the browser's site settings can change it.
    Refused,
    /// Allowed, and the user wants them.
    On,
    /// Allowed, but switched off here.
    Off,
}

impl NotifyState {
    /// What the browser says now, `wanted` being the user's switch.
    pub fn read(wanted: bool) -> NotifyState {
        if !supported() {
            return NotifyState::Unsupported;
        }
        match web_sys::Notification::permission() {
            web_sys::NotificationPermission::Granted if wanted => NotifyState::On,
            web_sys::NotificationPermission::Granted => NotifyState::Off,
            web_sys::NotificationPermission::Denied => NotifyState::Refused,
            _ => NotifyState::NotAsked,
        }
    }

    /// The word on the control (its accessible name and tooltip).
    pub fn words(self, locale: Locale) -> &'static str {
        let (english, chinese) = match self {
            NotifyState::Unsupported => ("This browser cannot notify", "此浏览器不支持通知"),
            NotifyState::NotAsked => ("Notify me when the job ends", "任务结束时通知我"),
            NotifyState::Refused => (
                "Notifications are blocked in this browser's site settings",
                "通知已在浏览器的网站设置中被阻止",
            ),
            NotifyState::On => {
                ("Notifying when the job ends (click to stop)", "任务结束时将通知（点击停止）")
            }
            NotifyState::Off => ("Notify me when the job ends", "任务结束时通知我"),
        };
        sdrs_job_widget::text::t(locale, english, chinese)
    }

    /// `data-state` on the control, for styles and tests.
    pub fn name(self) -> &'static str {
        match self {
            NotifyState::Unsupported => "unsupported",
            NotifyState::NotAsked => "not-asked",
            NotifyState::Refused => "refused",
            NotifyState::On => "on",
            NotifyState::Off => "off",
        }
    }
}

/// The bell on the control, drawn (an emoji needs a font the machine may not have); struck
/// through while off.
pub fn bell(on: bool) -> yew::Html {
    yew::html! {
        <svg class="sdrs-bell" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"
            fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round">
            <path d="M8 1.75a4 4 0 0 0-4 4v3L2.5 11.25h11L12 8.75v-3a4 4 0 0 0-4-4z" />
            <path d="M6.5 13.25a1.5 1.5 0 0 0 3 0" />
            if !on { <path d="M2 2l12 12" /> }
        </svg>
    }
}

fn supported() -> bool {
    web_sys::window().is_some_and(|window| {
        js_sys::Reflect::has(&window, &"Notification".into()).unwrap_or(false)
    })
}

/// Asks the browser for the permission (only ever from a click), then calls `done` with
/// the state it leaves.
pub fn ask(done: impl FnOnce(NotifyState) + 'static) {
    let Ok(promise) = web_sys::Notification::request_permission() else {
        done(NotifyState::read(true));
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        // Refused, dismissed or failed: what the browser reads afterwards says which.
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        done(NotifyState::read(true));
    });
}

/// The title a hidden tab shows for a job that ended: outcome first, so it reads in a
/// narrow tab strip.
pub fn outcome_title(
    locale: Locale,
    kind: StatusKind,
    job_type: Option<&str>,
    page: &str,
) -> String {
    let mark = if kind == StatusKind::Success { "✓" } else { "✕" };
    format!("{mark} {} · {} — {page}", kind.as_str(), job_type_label(job_type, locale))
}

/// What the page looked like before an outcome was shown, and the listener that puts it
/// back when the tab is shown.
struct Shown {
    title: String,
    icon: Option<String>,
    _listener: Closure<dyn Fn()>,
}

thread_local! {
    static SHOWN: RefCell<Option<Shown>> = const { RefCell::new(None) };
}

/// Tells that `finished` ended: the title and icon while the tab is hidden, and a
/// notification when `notify` and the tab is hidden or not focused.
pub fn tell(locale: Locale, finished: &Finished, notify: bool) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let hidden = document.visibility_state() == web_sys::VisibilityState::Hidden;
    if hidden {
        show_in_tab(&document, locale, finished);
    }
    if notify && (hidden || !document.has_focus().unwrap_or(true)) {
        notify_now(locale, finished);
    }
}

fn show_in_tab(document: &web_sys::Document, locale: Locale, finished: &Finished) {
    let page = SHOWN.with(|shown| {
        shown.borrow().as_ref().map(|shown| shown.title.clone()).unwrap_or_else(|| document.title())
    });
    let icon = icon_link(document);
    let before_icon = icon.as_ref().map(|link| link.href());
    document.set_title(&outcome_title(locale, finished.kind, finished.job_type.as_deref(), &page));
    if let Some(link) = &icon {
        link.set_href(&outcome_icon(finished.kind));
    }
    SHOWN.with(|shown| {
        if shown.borrow().is_some() {
            // Already waiting to restore the page's own title and icon.
            return;
        }
        let watched = document.clone();
        let listener = Closure::<dyn Fn()>::new(move || {
            if watched.visibility_state() == web_sys::VisibilityState::Visible {
                restore(&watched);
            }
        });
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            listener.as_ref().unchecked_ref(),
        );
        *shown.borrow_mut() = Some(Shown { title: page, icon: before_icon, _listener: listener });
    });
}

fn restore(document: &web_sys::Document) {
    let Some(shown) = SHOWN.with(|shown| shown.borrow_mut().take()) else { return };
    document.set_title(&shown.title);
    if let (Some(link), Some(href)) = (icon_link(document), shown.icon) {
        link.set_href(&href);
    }
    let _ = document.remove_event_listener_with_callback(
        "visibilitychange",
        shown._listener.as_ref().unchecked_ref(),
    );
}

fn icon_link(document: &web_sys::Document) -> Option<web_sys::HtmlLinkElement> {
    document.query_selector("link[rel~='icon']").ok()??.dyn_into().ok()
}

/// A small icon in the outcome's colour: a green check or a red cross.
fn outcome_icon(kind: StatusKind) -> String {
    let (colour, path) = if kind == StatusKind::Success {
        ("%231a7f37", "M4 8.5l2.5 2.5L12 5.5")
    } else {
        ("%23cf222e", "M5 5l6 6M11 5l-6 6")
    };
    format!(
        "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'>\
         <circle cx='8' cy='8' r='8' fill='{colour}'/>\
         <path d='{path}' stroke='white' stroke-width='2' fill='none' stroke-linecap='round'/></svg>"
    )
}

fn notify_now(locale: Locale, finished: &Finished) {
    if NotifyState::read(true) != NotifyState::On {
        return;
    }
    let label = job_type_label(finished.job_type.as_deref(), locale);
    let title = match (locale, finished.kind == StatusKind::Success) {
        (Locale::En, true) => format!("{label} succeeded"),
        (Locale::En, false) => format!("{label} failed"),
        (Locale::Zh, true) => format!("{label} 成功"),
        (Locale::Zh, false) => format!("{label} 失败"),
    };
    let options = web_sys::NotificationOptions::new();
    options.set_body(&body(locale, finished));
    // One notification per job: a second end of the same job replaces the first.
    if let Some(id) = &finished.job_id {
        options.set_tag(&format!("sdrs-job-{id}"));
    }
    // Plain text: a notification never renders markup, so the server's words go as they are.
    let _ = web_sys::Notification::new_with_options(&title, &options);
}

/// The job, and for a failure where it failed first and why.
fn body(locale: Locale, finished: &Finished) -> String {
    let id = finished.job_id.as_deref().unwrap_or("?");
    let origin = finished.summary.failures.iter().find(|failure| failure.is_origin);
    match origin {
        Some(failure) => {
            let code = failure.error_code.as_deref().unwrap_or("—");
            let reason = failure.fail_reason.as_deref().unwrap_or("");
            let reason: String = reason.chars().take(200).collect();
            let step = job_type_label(failure.job_type.as_deref(), locale);
            format!("{id}\n{step}: {code} {reason}")
        }
        None => match locale {
            Locale::En => format!("{id}: {} jobs", finished.summary.total),
            Locale::Zh => format!("{id}：共 {} 个任务", finished.summary.total),
        },
    }
}
