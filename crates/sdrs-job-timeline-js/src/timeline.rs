//! `layoutTimeline`: the timeline's rows, kept compact in wasm until read.

use std::collections::HashSet;
use std::rc::Rc;

use sdrs_job_core::{JobTree, LayoutIndex, Locale};
use wasm_bindgen::prelude::*;

use crate::{from_js, locale_of, to_js, Job, LayoutOptions, LayoutOptionsArgument, Row};

/// A laid-out row, kept compact until read.
#[derive(Clone, Copy)]
struct CompactRow {
    index: usize,
    left: f64,
    width: f64,
    collapsed: bool,
    hidden_failure: bool,
    critical: bool,
    running: bool,
}

/// A timeline: the window and the visible rows. Rows become JS objects only when read
/// (`row(i)`, or `rows` for all of them).
#[wasm_bindgen]
pub struct Timeline {
    tree: Rc<JobTree>,
    index: LayoutIndex,
    locale: Locale,
    start_ms: i64,
    end_ms: i64,
    rows: Vec<CompactRow>,
}

#[wasm_bindgen]
impl Timeline {
    /// Window start (epoch ms).
    #[wasm_bindgen(getter, js_name = startMs)]
    pub fn start_ms(&self) -> f64 {
        self.start_ms as f64
    }

    /// Window end (epoch ms).
    #[wasm_bindgen(getter, js_name = endMs)]
    pub fn end_ms(&self) -> f64 {
        self.end_ms as f64
    }

    /// Number of visible rows.
    #[wasm_bindgen(getter, js_name = rowCount)]
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// The row at a position (undefined past the end).
    #[wasm_bindgen(unchecked_return_type = "Row | undefined")]
    pub fn row(&self, position: usize) -> Result<JsValue, JsValue> {
        self.row_at(position).map_or(Ok(JsValue::UNDEFINED), |row| to_js(&row))
    }

    /// Every visible row as plain objects.
    #[wasm_bindgen(getter, unchecked_return_type = "Row[]")]
    pub fn rows(&self) -> Result<JsValue, JsValue> {
        to_js(&self.all_rows())
    }

    /// `{ startMs, endMs, rows }` as plain objects (for `JSON.stringify`).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ startMs: number; endMs: number; rows: Row[] }")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Plain {
            start_ms: f64,
            end_ms: f64,
            rows: Vec<Row>,
        }
        to_js(&Plain { start_ms: self.start_ms(), end_ms: self.end_ms(), rows: self.all_rows() })
    }
}

impl Timeline {
    fn all_rows(&self) -> Vec<Row> {
        (0..self.rows.len()).filter_map(|position| self.row_at(position)).collect()
    }

    fn row_at(&self, position: usize) -> Option<Row> {
        let compact = self.rows.get(position)?;
        let job = self.tree.job(compact.index);
        let parent = job.parent();
        let status = job.status();
        Some(Row {
            index: compact.index,
            job_id: job.job_id().map(str::to_owned),
            parent_id: parent.and_then(|parent| parent.job_id()).map(str::to_owned),
            parent_index: parent.map(|parent| parent.index()),
            depth: job.depth(),
            status: job.status_text().map(str::to_owned),
            status_kind: status.as_str().to_owned(),
            job_type: job.job_type().map(str::to_owned),
            label: self.index.label(compact.index, self.locale).to_owned(),
            start_ms: job.begin_ms().map(|ms| ms as f64),
            end_ms: job.end_ms().map(|ms| ms as f64),
            left: compact.left,
            width: compact.width,
            has_children: job.has_children(),
            descendant_count: job.descendant_count(),
            collapsed: compact.collapsed,
            hidden_failure: compact.hidden_failure,
            critical: compact.critical,
            not_started: job.begin_ms().is_none(),
            running: compact.running,
        })
    }
}

/// Lays the job out as a timeline at `options.nowMs` (default now), with the jobs in
/// `options.collapsed` folded.
#[wasm_bindgen(js_name = layoutTimeline)]
pub fn layout_timeline(
    job: &Job,
    options: Option<LayoutOptionsArgument>,
) -> Result<Timeline, JsValue> {
    let options: LayoutOptions = match options.map(JsValue::from).filter(|value| !value.is_null()) {
        Some(options) => from_js(options, "layoutTimeline options")?,
        None => LayoutOptions::default(),
    };
    let tree = job.subtree();
    let now = options.now_ms.unwrap_or_else(js_sys::Date::now) as i64;
    let collapsed: HashSet<String> = options.collapsed.unwrap_or_default().into_iter().collect();
    let locale = locale_of(options.locale.as_deref());
    let index = LayoutIndex::new(&tree);
    let layout = index.layout(&tree, now, &collapsed, locale);
    let rows = layout
        .rows
        .iter()
        .map(|row| CompactRow {
            index: row.index,
            left: row.left,
            width: row.width,
            collapsed: row.collapsed,
            hidden_failure: row.hidden_failure,
            critical: row.critical,
            running: row.running,
        })
        .collect();
    let (start_ms, end_ms) = (layout.start_ms, layout.end_ms);
    drop(layout);
    Ok(Timeline { tree, index, locale, start_ms, end_ms, rows })
}
