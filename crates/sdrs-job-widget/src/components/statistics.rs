//! Statistics by job type, as a panel under the timeline (Jaeger's trace statistics, done
//! for jobs): each type's count, failures and min/median/max/total duration, sortable by
//! any column. The core computes and sorts; nothing is computed while the panel is closed.

use sdrs_job_core::statistics::{sort_stats, stats_by_type, StatsColumn};
use sdrs_job_core::{format_duration, Locale};
use yew::prelude::*;

use super::prepared::PreparedRef;
use crate::text;

/// Properties of [`StatisticsPanel`].
#[derive(Properties, PartialEq)]
pub(crate) struct StatisticsPanelProps {
    /// The job as shown (a replay's moment, or live).
    pub prepared: PreparedRef,
    /// Now (epoch ms), for running jobs' durations.
    pub now: i64,
    pub locale: Locale,
}

/// The columns, with their names in `data-sort`.
const COLUMNS: [(StatsColumn, &str); 7] = [
    (StatsColumn::Label, "label"),
    (StatsColumn::Count, "count"),
    (StatsColumn::Failures, "failures"),
    (StatsColumn::Min, "min"),
    (StatsColumn::Median, "median"),
    (StatsColumn::Max, "max"),
    (StatsColumn::Total, "total"),
];

fn heading(column: StatsColumn, locale: Locale) -> &'static str {
    match column {
        StatsColumn::Label => text::STATS_TYPE.get(locale),
        StatsColumn::Count => text::STATS_COUNT.get(locale),
        StatsColumn::Failures => text::STATS_FAILURES.get(locale),
        StatsColumn::Min => text::STATS_MIN.get(locale),
        StatsColumn::Median => text::STATS_MEDIAN.get(locale),
        StatsColumn::Max => text::STATS_MAX.get(locale),
        StatsColumn::Total => text::STATS_TOTAL.get(locale),
    }
}

/// The panel.
#[component]
pub(crate) fn StatisticsPanel(props: &StatisticsPanelProps) -> Html {
    let locale = props.locale;
    let open = use_state(|| false);
    // Longest first, as a first look for what is slow.
    let sort = use_state(|| (StatsColumn::Max, true));
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |event: Event| {
            if let Some(details) = event.target_dyn_into::<web_sys::HtmlDetailsElement>() {
                open.set(details.open());
            }
        })
    };
    // Made again only for another answer, sort or language, or, while the job runs, a
    // tick: not on a hover's or a selection's render.
    let moving = props.prepared.analysis.is_open_ended().then_some(props.now);
    let now = props.now;
    let stats = use_memo(
        (*open, props.prepared.clone(), moving, *sort, locale),
        move |(open, prepared, moving, (column, descending), locale)| {
            open.then(|| {
                let mut stats = stats_by_type(&prepared.analysis, moving.unwrap_or(now), *locale);
                sort_stats(&mut stats, *column, *descending);
                stats
            })
        },
    );
    let table = (*stats).as_ref().map(|stats| {
        let (column, descending) = *sort;
        let duration = |ms: Option<i64>| ms.map_or_else(|| "—".to_owned(), format_duration);
        html! {
            <table class="sdrs-stats-table">
                <thead><tr>
                    { for COLUMNS.iter().map(|&(each, name)| {
                        let sorted = (each == column).then_some(if descending { "descending" } else { "ascending" });
                        let sort = sort.clone();
                        // A first click sorts names A to Z and numbers largest first; again, the other way.
                        let onclick = Callback::from(move |_: MouseEvent| {
                            let (current, descending) = *sort;
                            sort.set(if current == each { (each, !descending) } else { (each, each != StatsColumn::Label) });
                        });
                        html! {
                            <th scope="col" aria-sort={sorted.unwrap_or("none")}>
                                <button type="button" class="sdrs-sort" data-sort={name} {onclick}>{ heading(each, locale) }</button>
                            </th>
                        }
                    }) }
                </tr></thead>
                <tbody>
                    { for stats.iter().map(|row| html! {
                        <tr data-job-type={row.job_type.clone().unwrap_or_default()}>
                            <th scope="row" data-col="label" title={row.job_type.clone()}>{ row.label.clone() }</th>
                            <td data-col="count">{ row.count }</td>
                            <td data-col="failures" class={classes!((row.failures > 0).then_some("has-failures"))}>{ row.failures }</td>
                            <td data-col="min">{ duration(row.min_ms) }</td>
                            <td data-col="median">{ duration(row.median_ms) }</td>
                            <td data-col="max">{ duration(row.max_ms) }</td>
                            <td data-col="total">{ format_duration(row.total_ms) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        }
    });
    html! {
        <details class="sdrs-statistics" data-role="statistics" {ontoggle}>
            <summary>{ text::STATISTICS.get(locale) }</summary>
            { for table }
        </details>
    }
}
