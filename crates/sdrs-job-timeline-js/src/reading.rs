//! Reading a job beyond its rows: statistics by job type, and two runs compared.

use sdrs_job_core::statistics::{sort_stats, stats_by_type, StatsColumn};
use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use crate::{from_js, locale_of, to_js, Job};

/// Options of `jobStatistics`.
#[derive(Deserialize, Tsify, Default)]
#[serde(rename_all = "camelCase")]
pub struct StatisticsOptions {
    /// The clock for running jobs' durations (default now).
    #[tsify(optional)]
    pub now_ms: Option<f64>,
    /// Label language (default English).
    #[tsify(optional, type = "LocaleTag")]
    pub locale: Option<String>,
    /// The column to sort by (default: in the order types first appear).
    #[tsify(optional, type = "StatsColumn")]
    pub sort_by: Option<StatsColumn>,
    /// Largest first (default true; names: Z to A).
    #[tsify(optional)]
    pub descending: Option<bool>,
}

/// The job's statistics by job type (count, failures, unfinished, min/median/max/total
/// duration of those that started), in the order types first appear, or sorted.
#[wasm_bindgen(js_name = jobStatistics, unchecked_return_type = "TypeStats[]")]
pub fn job_statistics(
    job: &Job,
    #[wasm_bindgen(unchecked_param_type = "StatisticsOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options: StatisticsOptions = if options.is_undefined() || options.is_null() {
        StatisticsOptions::default()
    } else {
        from_js(options, "jobStatistics options")?
    };
    let now = options.now_ms.unwrap_or_else(js_sys::Date::now) as i64;
    let mut stats = stats_by_type(&job.analysis(), now, locale_of(options.locale.as_deref()));
    if let Some(column) = options.sort_by {
        sort_stats(&mut stats, column, options.descending.unwrap_or(true));
    }
    to_js(&stats)
}

/// Two runs compared (this failover against the last DR drill of the same protection
/// group): jobs matched by job-type path below the root and then by entity ids, each pair's
/// durations and difference (positive: slower in `b`), biggest slow-down first, and the
/// steps of one run only.
#[wasm_bindgen(js_name = compareJobs, unchecked_return_type = "Comparison")]
pub fn compare_jobs(
    a: &Job,
    b: &Job,
    #[wasm_bindgen(js_name = nowMs)] now_ms: Option<f64>,
) -> Result<JsValue, JsValue> {
    let now = now_ms.unwrap_or_else(js_sys::Date::now) as i64;
    to_js(&sdrs_job_core::compare::compare(&a.analysis(), &b.analysis(), now))
}
