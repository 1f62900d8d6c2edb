//! One exchange with the jobs API, without IO: what to send, and how to read what came back.
//!
//! Like the polling policy, the protocol is pure functions (hyper's `h1` state machines and
//! `quinn-proto` are built the same way); the widget and `watchJob` are drivers that do the
//! fetch and hand bytes here. URL building, credentials, the caps on what is read and the
//! reading of answers exist once, so the two clients cannot drift.
//!
//! A driver:
//! 1. builds the request with [`job_request`]: the URL with every segment encoded and the
//!    headers, or an [`ApiError`] of kind [`ApiErrorKind::Request`] (then nothing is sent);
//! 2. sends it as `GET` with `redirect: "manual"` (redirects are never followed, so
//!    credentials never reach another server) and a timeout of
//!    [`crate::poll::PollPolicy::request_timeout_ms`];
//! 3. gives the status and headers to [`BodyReader::start`], which either answers at once
//!    (a redirect, a declared length over the cap) or says how much body to read;
//! 4. pushes each chunk as it arrives: [`BodyReader::push`] refuses the chunk that goes past
//!    the cap, and the driver stops reading and aborts the request;
//! 5. calls [`answer`] for the [`Answer`] (the body read, or the error that ended it, with
//!    every value sent cut out of it), and [`poll_outcome`] for [`crate::poll::next_poll`].
//!
//! Nothing the host gave (the token, header values) is ever part of an error message: not
//! in ours, and not in the server's own text (it may echo what it received).

mod answer;
mod request;

pub use answer::{
    answer, deleted_answer, failure_jobs_answer, poll_outcome, Answer, BodyReader, ResponseHead,
};
pub use request::{
    job_request, task_center_request, JobRequest, RequestSpec, TaskCenterCall, TOKEN_HEADER,
};
