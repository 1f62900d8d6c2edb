//! The SDRS job timeline widget: yew function components that watch an SDRS job (or show
//! one they are given) and draw it and its sub-jobs as an interactive timeline.
//!
//! Usable by any yew app: render [`JobTimeline`] with a [`JobSource`]. The console page
//! (`crates/sdrs-console`) and the npm package build on it.
//!
//! Layers: [`http`] names the job and its transport (the request, the caps and the reading
//! of answers are the core's exchange, driven by `sdrs-job-fetch`: the host's `fetch` or
//! the global one; gloo-net is not used because it cannot take a host's `fetch`, which a
//! console's session-cookie or signing transport needs); [`hooks`] hold the state that
//! changes by itself ([`watch`] polls with the core's policy, and the time, sizes and
//! colour scheme are kept current); [`view`] holds the viewer's choices; `components` draw. Every decision about a job (status, layout, critical path,
//! ticks, errors) is the core's; this crate only fetches, keeps state and draws. Server
//! text is always rendered as text.

pub mod clock;
mod components;
pub mod events;
pub mod hooks;
pub mod http;
pub mod prefetch;
mod style;
pub mod text;
pub mod text_board;
pub mod text_task_center;
#[cfg(feature = "ts")]
pub mod typescript;
pub mod view;
mod warm;
/// The watch hook and its state (also `hooks::watch`).
pub use hooks::watch;

pub use components::{
    JobBoard, JobBoardProps, JobSource, JobTimeline, JobTimelineProps, RecordedSession, SharedTree,
    TaskCenter, TaskCenterProps,
};
pub use events::{Finished, SelectedJob, StatusChange, WatchFailure};
pub use http::{Credentials, JobTarget, Transport};

pub use style::STYLESHEET;

/// The repository README's Rust examples, compiled and run as doctests (`cargo test`), so
/// that an example a reader copies cannot stop working.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeExamples;

/// Mounts a [`JobTimeline`] into `element` of a page that is not itself a yew app (or
/// renders it apart from one), keeping the host's panic hook (see [`keep_panic_hook`]).
pub fn mount(element: web_sys::Element, props: JobTimelineProps) -> yew::AppHandle<JobTimeline> {
    keep_panic_hook();
    // The request goes out now; the first render runs while the network answers.
    if let JobSource::Watch(target) = &props.source {
        prefetch::start(target, &props.policy);
    }
    yew::Renderer::<JobTimeline>::with_root_and_props(element, props).render()
}

/// The first render's warm-up (`warm.rs`), run on its own: renders the synthetic failover
/// off the page and gives the number of rows it drew. For tests.
#[doc(hidden)]
pub async fn warm_up_render() -> usize {
    match warm::run() {
        Some((tree, _)) => warm::render(tree).await,
        None => 0,
    }
}

/// Mounts a [`JobBoard`] (many jobs at once) into `element`, as [`mount`] does a timeline.
pub fn mount_board(element: web_sys::Element, props: JobBoardProps) -> yew::AppHandle<JobBoard> {
    keep_panic_hook();
    yew::Renderer::<JobBoard>::with_root_and_props(element, props).render()
}

/// Keeps whatever panic hook the host installed. Left alone, yew replaces the process's
/// panic hook with its own the first time anything is rendered, so a host that reports
/// panics (to its console, its telemetry) would silently stop hearing about them. Call
/// this before rendering with `yew::Renderer` yourself; [`mount`] calls it.
pub fn keep_panic_hook() {
    yew::set_custom_panic_hook(std::panic::take_hook());
}
