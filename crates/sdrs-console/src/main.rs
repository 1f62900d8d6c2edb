//! The console page: wires the app into the document body. Everything else is in `app`.

mod app;
mod form;
mod outcome;
mod recent;
mod recent_list;
mod samples;
mod url;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
