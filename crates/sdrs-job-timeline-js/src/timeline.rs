//! `layoutTimeline`: the timeline's rows, kept compact in wasm (the core's [`Layout`])
//! until read.

use std::collections::HashSet;
use std::rc::Rc;

use sdrs_job_core::{Analysis, Layout, Locale, StatusSet};
use wasm_bindgen::prelude::*;

use crate::{from_js, locale_of, to_js, Job, LayoutOptions, LayoutOptionsArgument};

/// A timeline: the window and the visible rows. Rows become JS objects only when read
/// (`row(i)`, or `rows` for all of them).
#[wasm_bindgen]
pub struct Timeline {
    analysis: Rc<Analysis>,
    locale: Locale,
    layout: Layout,
}

#[wasm_bindgen]
impl Timeline {
    /// Window start (epoch ms).
    #[wasm_bindgen(getter, js_name = startMs)]
    pub fn start_ms(&self) -> f64 {
        self.layout.start_ms as f64
    }

    /// Window end (epoch ms).
    #[wasm_bindgen(getter, js_name = endMs)]
    pub fn end_ms(&self) -> f64 {
        self.layout.end_ms as f64
    }

    /// Number of visible rows.
    #[wasm_bindgen(getter, js_name = rowCount)]
    pub fn row_count(&self) -> usize {
        self.layout.slots.len()
    }

    /// The row at a position (undefined past the end).
    #[wasm_bindgen(unchecked_return_type = "Row | undefined")]
    pub fn row(&self, position: usize) -> Result<JsValue, JsValue> {
        match self.layout.row(&self.analysis, position, self.locale) {
            Some(row) => to_js(&row),
            None => Ok(JsValue::UNDEFINED),
        }
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
        struct Plain<'a> {
            start_ms: f64,
            end_ms: f64,
            rows: Vec<sdrs_job_core::Row<'a>>,
        }
        to_js(&Plain { start_ms: self.start_ms(), end_ms: self.end_ms(), rows: self.all_rows() })
    }
}

/// Options of `Timeline.toSvg`.
#[derive(serde::Deserialize, tsify::Tsify, Default)]
#[serde(rename_all = "camelCase")]
pub struct SvgExportOptions {
    /// Width of the image (default 1200).
    #[tsify(optional)]
    pub width_px: Option<f64>,
    /// Width of its name column (default 340).
    #[tsify(optional)]
    pub name_width_px: Option<f64>,
    /// Most rows drawn (default 10,000); the rest are counted in a last line.
    #[tsify(optional)]
    pub max_rows: Option<usize>,
    /// Clock times at this UTC offset in minutes on the axis (default: offsets from the
    /// job's start, `+1m30s`).
    #[tsify(optional)]
    pub utc_offset_minutes: Option<i32>,
}

#[wasm_bindgen]
impl Timeline {
    /// The timeline as an SVG document, for reports: its rows as laid out, with the axis,
    /// names, statuses, bars and durations; every job's text escaped. Each row is a
    /// `<g data-row data-job-id data-status>`.
    #[wasm_bindgen(js_name = toSvg)]
    pub fn to_svg(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SvgExportOptions")] options: JsValue,
    ) -> Result<String, JsValue> {
        let options: SvgExportOptions = if options.is_undefined() || options.is_null() {
            SvgExportOptions::default()
        } else {
            from_js(options, "toSvg options")?
        };
        let mode = match options.utc_offset_minutes {
            Some(utc_offset_minutes) => sdrs_job_core::TickMode::Absolute { utc_offset_minutes },
            None => sdrs_job_core::TickMode::Relative,
        };
        let svg = sdrs_job_core::svg::timeline_svg(
            &self.analysis,
            &self.layout,
            &sdrs_job_core::svg::SvgOptions {
                width_px: options
                    .width_px
                    .filter(|width| width.is_finite())
                    .unwrap_or(1_200.0)
                    .clamp(200.0, 20_000.0),
                name_px: options
                    .name_width_px
                    .filter(|width| width.is_finite())
                    .unwrap_or(340.0)
                    .clamp(40.0, 2_000.0),
                window: self.layout.domain(),
                mode,
                locale: self.locale,
                max_rows: options.max_rows.unwrap_or(10_000),
            },
        );
        Ok(svg.text)
    }
}

impl Timeline {
    fn all_rows(&self) -> Vec<sdrs_job_core::Row<'_>> {
        self.layout.rows(&self.analysis, self.locale)
    }
}

/// Lays the job out as a timeline at `options.nowMs` (default now), with the jobs in
/// `options.collapsed` folded and each job's sub-jobs in `options.order`.
#[wasm_bindgen(js_name = layoutTimeline)]
pub fn layout_timeline(
    job: &Job,
    options: Option<LayoutOptionsArgument>,
) -> Result<Timeline, JsValue> {
    let options: LayoutOptions = match options.map(JsValue::from).filter(|value| !value.is_null()) {
        Some(options) => from_js(options, "layoutTimeline options")?,
        None => LayoutOptions::default(),
    };
    let now = options.now_ms.unwrap_or_else(js_sys::Date::now) as i64;
    let collapsed: HashSet<String> = options.collapsed.unwrap_or_default().into_iter().collect();
    let locale = locale_of(options.locale.as_deref());
    let analysis = job.analysis();
    let order = options.order.unwrap_or_default();
    let layout = analysis.layout_in(now, &collapsed, StatusSet::EMPTY, order);
    Ok(Timeline { analysis, locale, layout })
}
