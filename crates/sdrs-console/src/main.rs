//! The console page: wires the app into the document body. Everything else is in `app`.

mod app;
mod form;
mod opened;
mod outcome;
mod recent;
mod recent_list;
mod samples;
mod url;

fn main() {
    // A link to one job: its request goes out now, and the first render (cold code on a
    // first visit) runs while the server answers; the page's watch takes that answer.
    if let Some(target) = form::linked_target(&url::read()) {
        sdrs_job_widget::prefetch::start(&target, &Default::default());
    }
    yew::Renderer::<app::App>::new().render();
}
