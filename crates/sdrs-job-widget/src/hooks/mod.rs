//! The widget's hooks, one per file: watching a job (`watch`), the time while it runs
//! (`now`), an element's size (`size`), the system's colour scheme (`prefers_dark`), and
//! the Task Center's pages and deletes (`task_center`).

pub mod board;
mod now;
mod prefers_dark;
mod size;
pub mod task_center;
pub mod watch;

pub use now::use_now;
pub use prefers_dark::use_prefers_dark;
pub use size::use_size;
pub use watch::use_job_watch;
