//! The console page: wires the app into the document body. Everything else is in `app`.

mod app;
mod samples;
mod url;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
