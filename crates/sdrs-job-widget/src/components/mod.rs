//! The widget's components, one per file: [`JobTimeline`] (the whole widget) and its parts.
//!
//! - `job_timeline`: the root; `prepared`: what the parts share about the job;
//! - `live_status`, `error_banner`, `header`, `toolbar` (with `legend`), `shortcuts`;
//! - `timeline`: the virtualized rows, the axis and the overview; `detail`: the panel;
//! - `task_center`: the Task Center panel ([`TaskCenter`]), the service's failed jobs;
//! - `board`: many jobs at once ([`JobBoard`]): a sortable board, one axis, each job's timeline.

mod board;
mod compare;
mod detail;
mod error_banner;
mod export;
mod header;
mod job_timeline;
mod legend;
mod live_status;
mod prepared;
mod recorded;
mod replay;
mod shortcuts;
mod statistics;
mod task_center;
mod timeline;
mod toolbar;

pub use board::{JobBoard, JobBoardProps};
pub use job_timeline::{JobSource, JobTimeline, JobTimelineProps, RecordedSession};
pub use prepared::SharedTree;
pub use task_center::{TaskCenter, TaskCenterProps};
