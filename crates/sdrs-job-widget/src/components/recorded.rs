//! A session record opened (offline, from a file): what the page knew, the last answer's
//! tree and the history, shown by `JobSource::Recorded`.

use std::rc::Rc;

use sdrs_job_core::history::History;
use sdrs_job_core::session::{unknown_member, SessionRecord};
use sdrs_job_core::JobTree;

/// A session record opened: what the page knew, the last answer's tree and the history.
#[derive(Debug, Clone)]
pub struct RecordedSession {
    /// The record's endpoint, project and job id.
    pub target: (String, String, String),
    /// The last answer.
    pub tree: Rc<JobTree>,
    /// What the answers showed.
    pub history: Rc<History>,
}

impl RecordedSession {
    /// Opens a session record's JSON: the record checked and its last answer parsed, or
    /// what is wrong and where.
    pub fn open(json: &str) -> Result<RecordedSession, String> {
        // JSON.parse reads the text (saying where it is not JSON); serde checks the record.
        let value = js_sys::JSON::parse(json)
            .map_err(|error| format!("session record: {}", js_sys::Error::from(error).message()))?;
        if !value.is_object() {
            return Err("session record: not a JSON object".to_owned());
        }
        let keys = js_sys::Object::keys(&value.clone().into());
        let keys: Vec<String> = keys.iter().filter_map(|key| key.as_string()).collect();
        if let Some(error) = unknown_member(keys.iter().map(String::as_str)) {
            return Err(error.to_string());
        }
        let record: SessionRecord = serde_wasm_bindgen::from_value(value)
            .map_err(|error| format!("session record: {error}"))?;
        let tree = record.open().map_err(|error| error.to_string())?;
        Ok(RecordedSession {
            target: (record.endpoint, record.project_id, record.job_id),
            tree: Rc::new(tree),
            history: Rc::new(record.history),
        })
    }
}

impl PartialEq for RecordedSession {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.tree, &other.tree) && Rc::ptr_eq(&self.history, &other.history)
    }
}
