//! Export and import for audit: a job's answer as received, and session records (what a
//! watch knew, every answer's time, its history and its last answer) that `openSessionRecord`
//! (or the console, offline) opens and replays.

use std::rc::Rc;

use sdrs_job_core::session::SessionRecord;
use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use crate::{js_error, to_js, Job};

/// Where a session record says its answers came from (never a credential).
#[derive(Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RecordTarget {
    /// The endpoint the watch asked (`""`: the page's origin).
    pub endpoint: String,
    /// The project id.
    pub project_id: String,
}

/// The answer the job came in, byte for byte as received (for a job built otherwise, its
/// JSON as `toWireJson()` writes it).
#[wasm_bindgen(js_name = answerText)]
pub fn answer_text(job: &Job) -> String {
    match job.tree.source() {
        "" => job.tree.to_json(),
        source => source.to_owned(),
    }
}

/// A session record of a watched job (`watchJob`'s result or `onUpdate`'s job): where it
/// was asked (`target`), every answer's time, the history and the last answer. Write it
/// with `JSON.stringify`; `openSessionRecord` reads it back. A parsed job has no history:
/// `TYPE`.
#[wasm_bindgen(js_name = toSessionRecord, unchecked_return_type = "SessionRecord")]
pub fn to_session_record(
    job: &Job,
    #[wasm_bindgen(unchecked_param_type = "RecordTarget")] target: JsValue,
) -> Result<JsValue, JsValue> {
    let target: RecordTarget = crate::from_js(target, "toSessionRecord target")?;
    let Some(history) = &job.history else {
        return Err(js_error(
            "TYPE",
            "toSessionRecord: the job was parsed, not watched: it has no history",
            &[],
        ));
    };
    let root = job.tree.root();
    let record = SessionRecord::new(
        (&target.endpoint, &target.project_id, root.job_id().unwrap_or_default()),
        (**history).clone(),
        &answer_text(&Job::new(job.tree.clone(), 0)),
        js_sys::Date::now() as i64,
    );
    to_js(&record)
}

/// Opens a session record's JSON text: the last answer as a `Job` carrying the record's
/// history (`jobHistory`), to show or replay. What is wrong with a broken or hand-edited
/// record is an `Error` with `code: "SESSION_RECORD"` saying where.
#[wasm_bindgen(js_name = openSessionRecord)]
pub fn open_session_record(text: &str) -> Result<Job, JsValue> {
    // JSON.parse reads the text (saying where it is not JSON); serde checks the record.
    let value = js_sys::JSON::parse(text).map_err(|error| {
        let message = js_sys::Error::from(error).message();
        js_error("SESSION_RECORD", &format!("session record: {message}"), &[])
    })?;
    if value.is_object() {
        let keys = js_sys::Object::keys(&value.clone().into());
        let keys: Vec<String> = keys.iter().filter_map(|key| key.as_string()).collect();
        if let Some(error) = sdrs_job_core::session::unknown_member(keys.iter().map(String::as_str))
        {
            return Err(js_error("SESSION_RECORD", &error.to_string(), &[]));
        }
    }
    let record: SessionRecord = serde_wasm_bindgen::from_value(value)
        .map_err(|error| js_error("SESSION_RECORD", &format!("session record: {error}"), &[]))?;
    let tree =
        record.open().map_err(|error| js_error("SESSION_RECORD", &error.to_string(), &[]))?;
    Ok(Job::watched(Rc::new(tree), Rc::new(record.history)))
}
