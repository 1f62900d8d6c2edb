//! The job model: one response's jobs in a flat, pre-ordered [`JobTree`].
//!
//! - `fields`: the wire vocabulary (fields, values as read, status categories);
//! - `tree`: storage and the read API ([`JobTree`], [`JobRef`]);
//! - `build`: building a tree job by job ([`JobTreeBuilder`]);
//! - `path` and `write`: JSON paths of jobs, and the tree written back as JSON.
//!
//! Dependencies point one way: `fields` ← `tree` ← `build`, `path`, `write`.

mod build;
mod fields;
mod path;
mod tree;
mod write;

pub use build::{JobRecord, JobTreeBuilder};
pub use fields::{EntityField, FieldValue, JobField, Presence, StatusKind, StatusSet};
pub use tree::{Children, JobIndex, JobRef, JobTree};

pub(crate) use path::join;
pub(crate) use tree::{Str, SOURCE_SPAN};
