//! The widget's components: [`JobTimeline`] and its parts, one per file.

mod detail;
mod header;
mod rows;

use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

use sdrs_job_core::poll::PollPolicy;
use sdrs_job_core::{summarize, JobTree, LayoutIndex, Locale, StatusKind};
use yew::prelude::*;

use crate::clock::{format_local, use_now};
use crate::http::JobTarget;
use crate::text::{stop_reason, t};
use crate::view::{AxisMode, ViewAction, ViewState};
use crate::watch::{use_job_watch, Phase};

pub use detail::DetailPanel;
pub use header::Header;
pub use rows::Rows;

/// A job tree shared by pointer: props compare by identity, not by walking 10,000 jobs.
#[derive(Debug, Clone)]
pub struct SharedTree(pub Rc<JobTree>);

impl PartialEq for SharedTree {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Where the widget's job comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum JobSource {
    /// Fetch this job, and keep watching it while it runs.
    Watch(JobTarget),
    /// Show this job as it is (a sample, a pasted response, a host's own data).
    Static(SharedTree),
}

/// Properties of [`JobTimeline`].
#[derive(Properties, PartialEq)]
pub struct JobTimelineProps {
    /// The job.
    pub source: JobSource,
    /// Language of labels.
    #[prop_or_default]
    pub locale: Locale,
    /// Polling policy (the core's defaults unless given).
    #[prop_or_default]
    pub policy: PollPolicy,
    /// A job id to select and scroll to once it is there (e.g. from a link).
    #[prop_or_default]
    pub select: Option<AttrValue>,
    /// Told when the selection changes (the console puts it in the URL).
    #[prop_or_default]
    pub on_select: Callback<Option<String>>,
    /// `light` or `dark`; none follows the system (`prefers-color-scheme`).
    #[prop_or_default]
    pub theme: Option<AttrValue>,
}

/// Derived once per job tree.
pub(crate) struct Prepared {
    pub tree: Rc<JobTree>,
    pub index: LayoutIndex,
    pub summary: sdrs_job_core::Summary,
    pub position_of_id: HashMap<String, usize>,
}

/// The widget: header, live status, toolbar, timeline and detail panel.
#[component]
pub fn JobTimeline(props: &JobTimelineProps) -> Html {
    let locale = props.locale;
    let target = match &props.source {
        JobSource::Watch(target) => Some(target.clone()),
        JobSource::Static(_) => None,
    };
    let watch = use_job_watch(target.clone(), props.policy);
    let tree: Option<Rc<JobTree>> = match &props.source {
        JobSource::Static(shared) => Some(shared.0.clone()),
        JobSource::Watch(_) => watch.state.tree.clone(),
    };
    // A watched job runs in real time; a static one (a sample, a pasted response) is shown
    // as of its latest timestamp, since it was captured then.
    let is_static = matches!(props.source, JobSource::Static(_));
    let running =
        !is_static && tree.as_ref().is_some_and(|tree| !tree.root().status().is_terminal());
    let ticking_now = use_now(running, Duration::from_millis(250));
    let fetched_at = watch.state.fetched_at_ms;
    let prepared = use_memo(tree.clone().map(SharedTree), move |tree| {
        // Keyed on the tree's identity: a new response re-derives, a re-render does not.
        tree.as_ref().map(|SharedTree(tree)| {
            let index = LayoutIndex::new(tree);
            let at = if is_static { index.latest_ms() } else { fetched_at }
                .unwrap_or_else(crate::clock::now_ms);
            Rc::new(Prepared {
                tree: tree.clone(),
                summary: summarize(tree, at),
                index,
                position_of_id: tree
                    .iter()
                    .filter_map(|job| job.job_id().map(|id| (id.to_owned(), job.index())))
                    .collect(),
            })
        })
    });
    let now = match (is_static, prepared.as_ref()) {
        (true, Some(prepared)) => prepared.index.latest_ms().unwrap_or(ticking_now),
        _ => ticking_now,
    };
    let view = use_reducer(ViewState::default);
    // Select what the host asked for once the job has it.
    {
        let view = view.clone();
        let prepared = prepared.clone();
        let wanted = props.select.clone();
        let has_tree = tree.is_some();
        use_effect_with((wanted, has_tree), move |(wanted, _)| {
            if let (Some(wanted), Some(prepared)) = (wanted, prepared.as_ref()) {
                if prepared.position_of_id.contains_key(wanted.as_str())
                    && view.selected.as_deref() != Some(wanted.as_str())
                {
                    view.dispatch(ViewAction::Reveal(prepared.tree.clone(), wanted.to_string()));
                }
            }
        });
    }
    {
        let on_select = props.on_select.clone();
        use_effect_with(view.selected.clone(), move |selected| on_select.emit(selected.clone()));
    }

    let live = target.as_ref().map(|_| live_status(locale, &watch, now));
    let error_banner = watch.state.error.as_ref().map(|error| {
        let retrying = !matches!(watch.state.phase, Phase::Stopped(_));
        let kept = watch.state.tree.is_some() && watch.state.fetched_at_ms.is_some();
        let meaning = error.meaning(locale);
        html! {
            <div class="sdrs-error" role="alert" data-error-code={error.code.clone()} data-http-status={error.http_status.map(|status| status.to_string())}>
                <strong>{ error_title(locale, error) }</strong>
                <span class="sdrs-error-message">{ error.to_string() }</span>
                if let Some(meaning) = meaning {
                    <span class="sdrs-error-meaning">{ meaning }</span>
                }
                if retrying && error.retryable() {
                    <span class="sdrs-error-note">{ t(locale, "Retrying with back-off.", "将退避重试。") }</span>
                }
                if kept {
                    <span class="sdrs-error-note">
                        { t(locale, "Showing the last good data from ", "显示上次成功获取的数据：") }
                        { format_local(watch.state.fetched_at_ms.unwrap_or_default()) }
                    </span>
                }
            </div>
        }
    });

    let body = match prepared.as_ref() {
        None => {
            let loading =
                matches!(watch.state.phase, Phase::Fetching) && watch.state.error.is_none();
            html! {
                <div class="sdrs-empty">
                    { if loading { t(locale, "Loading the job…", "正在加载任务…") } else { t(locale, "No job to show.", "没有可显示的任务。") } }
                </div>
            }
        }
        Some(prepared) => {
            let on_reveal = {
                let view = view.clone();
                let tree = prepared.tree.clone();
                Callback::from(move |id: String| {
                    view.dispatch(ViewAction::Reveal(tree.clone(), id))
                })
            };
            let on_select = {
                let view = view.clone();
                Callback::from(move |id: Option<String>| view.dispatch(ViewAction::Select(id)))
            };
            let toolbar = toolbar(locale, &view, prepared);
            let detail = view.selected.as_ref().and_then(|id| prepared.position_of_id.get(id)).map(|&index| {
                html! {
                    <DetailPanel prepared={PreparedRef(prepared.clone())} {index} {locale} on_close={on_select.reform(|()| None)} />
                }
            });
            html! {
                <>
                    <Header prepared={PreparedRef(prepared.clone())} {now} {locale} on_reveal={on_reveal.clone()} />
                    { toolbar }
                    <div class="sdrs-main">
                        <Rows prepared={PreparedRef(prepared.clone())} {now} {locale} view={(*view).clone()}
                            on_toggle={let view = view.clone(); Callback::from(move |id: String| view.dispatch(ViewAction::Toggle(id)))}
                            on_select={on_select.reform(Some)} />
                        { for detail }
                    </div>
                </>
            }
        }
    };
    let locale_name = match locale {
        Locale::En => "en",
        Locale::Zh => "zh",
    };
    html! {
        <div class="sdrs-job-timeline" lang={locale_name} data-theme={props.theme.clone()}>
            { for live }
            { for error_banner }
            { body }
        </div>
    }
}

/// A prepared tree shared by pointer in props.
#[derive(Clone)]
pub(crate) struct PreparedRef(pub Rc<Prepared>);

impl PartialEq for PreparedRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for PreparedRef {
    type Target = Prepared;

    fn deref(&self) -> &Prepared {
        &self.0
    }
}

fn error_title(locale: Locale, error: &sdrs_job_core::ApiError) -> &'static str {
    use sdrs_job_core::ApiErrorKind;
    match (error.kind, error.http_status) {
        (ApiErrorKind::Network, _) => t(locale, "Cannot reach the server", "无法连接服务器"),
        (ApiErrorKind::InvalidBody, _) => {
            t(locale, "The server sent a malformed job", "服务器返回的任务格式错误")
        }
        (_, Some(401)) => {
            t(locale, "Not authenticated (401): check the token", "未认证 (401)：请检查令牌")
        }
        (_, Some(403)) => t(
            locale,
            "Forbidden (403): the token is not valid for this project",
            "禁止访问 (403)：令牌不属于该项目",
        ),
        _ if error.not_found() => t(locale, "Job not found", "未找到任务"),
        _ if error.retryable() => t(locale, "The service is having trouble", "服务暂时异常"),
        _ => t(locale, "The request was refused", "请求被拒绝"),
    }
}

fn live_status(locale: Locale, watch: &crate::watch::WatchHandle, now: i64) -> Html {
    let state = &watch.state;
    let (class, text, button) = match &state.phase {
        Phase::Fetching => {
            ("sdrs-live is-fetching", t(locale, "Refreshing…", "正在刷新…").to_owned(), None)
        }
        Phase::Waiting { next_at_ms } => {
            let seconds = ((next_at_ms - now).max(0) + 999) / 1_000;
            let text = match locale {
                Locale::En => format!("Live · next refresh in {seconds} s"),
                Locale::Zh => format!("实时 · {seconds} 秒后刷新"),
            };
            (
                "sdrs-live is-waiting",
                text,
                Some((t(locale, "Pause", "暂停"), watch.pause.reform(|_: MouseEvent| ()))),
            )
        }
        Phase::Paused => (
            "sdrs-live is-paused",
            t(locale, "Paused", "已暂停").to_owned(),
            Some((t(locale, "Resume", "继续"), watch.resume.reform(|_: MouseEvent| ()))),
        ),
        Phase::Stopped(reason) => {
            ("sdrs-live is-stopped", stop_reason(locale, *reason).to_owned(), None)
        }
    };
    let attempts = match locale {
        Locale::En => format!("{} requests", state.attempts),
        Locale::Zh => format!("已请求 {} 次", state.attempts),
    };
    html! {
        <div class={class} role="status" aria-live="polite">
            <span class="sdrs-live-text">{ text }</span>
            <span class="sdrs-live-attempts">{ attempts }</span>
            if let Some((label, onclick)) = button {
                <button type="button" class="sdrs-button" {onclick}>{ label }</button>
            }
        </div>
    }
}

fn toolbar(locale: Locale, view: &UseReducerHandle<ViewState>, prepared: &Rc<Prepared>) -> Html {
    let dispatch = |action: fn(&Rc<Prepared>) -> ViewAction| {
        let view = view.clone();
        let prepared = prepared.clone();
        Callback::from(move |_: MouseEvent| view.dispatch(action(&prepared)))
    };
    let expand_level = {
        let view = view.clone();
        let prepared = prepared.clone();
        Callback::from(move |_: MouseEvent| {
            let layout = prepared.index.layout(
                &prepared.tree,
                crate::clock::now_ms(),
                &view.collapsed,
                Locale::En,
            );
            let ids = layout
                .rows
                .iter()
                .filter(|row| row.collapsed)
                .filter_map(|row| row.job_id.map(str::to_owned))
                .collect();
            view.dispatch(ViewAction::ExpandLevel(ids));
        })
    };
    let axis = view.axis;
    let set_axis = |mode: AxisMode| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.dispatch(ViewAction::SetAxis(mode)))
    };
    let has_children = prepared.tree.root().has_children();
    let first_failure = prepared.summary.first_origin().and_then(|failure| failure.job_id.clone());
    let jump = first_failure.map(|id| {
        let view = view.clone();
        let tree = prepared.tree.clone();
        Callback::from(move |_: MouseEvent| {
            view.dispatch(ViewAction::Reveal(tree.clone(), id.clone()))
        })
    });
    html! {
        <div class="sdrs-toolbar" role="toolbar" aria-label={t(locale, "Timeline tools", "时间线工具")}>
            if has_children {
                <button type="button" class="sdrs-button" data-action="expand-all" onclick={dispatch(|_| ViewAction::ExpandAll)}>{ t(locale, "Expand all", "全部展开") }</button>
                <button type="button" class="sdrs-button" data-action="collapse-all" onclick={dispatch(|prepared| ViewAction::CollapseAll(prepared.tree.clone()))}>{ t(locale, "Collapse all", "全部折叠") }</button>
                <button type="button" class="sdrs-button" data-action="expand-level" onclick={expand_level}>{ t(locale, "Expand one level", "展开一级") }</button>
            }
            if let Some(onclick) = jump {
                <button type="button" class="sdrs-button is-danger" data-action="first-failure" {onclick}>{ t(locale, "Jump to the failure", "跳到失败处") }</button>
            }
            <label class="sdrs-check">
                <input type="checkbox" data-action="critical-path" checked={view.critical}
                    onchange={let view = view.clone(); Callback::from(move |_: Event| view.dispatch(ViewAction::ToggleCritical))} />
                { t(locale, "Critical path", "关键路径") }
            </label>
            <span class="sdrs-segmented" role="group" aria-label={t(locale, "Time axis", "时间轴")}>
                <button type="button" class={classes!("sdrs-button", (axis == AxisMode::Relative).then_some("is-on"))} aria-pressed={(axis == AxisMode::Relative).to_string()} data-action="axis-relative" onclick={set_axis(AxisMode::Relative)}>{ t(locale, "Relative", "相对时间") }</button>
                <button type="button" class={classes!("sdrs-button", (axis == AxisMode::Absolute).then_some("is-on"))} aria-pressed={(axis == AxisMode::Absolute).to_string()} data-action="axis-absolute" onclick={set_axis(AxisMode::Absolute)}>{ t(locale, "Clock time", "绝对时间") }</button>
            </span>
            <Legend {locale} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct LegendProps {
    locale: Locale,
}

#[component]
fn Legend(props: &LegendProps) -> Html {
    let entries = [
        StatusKind::Success,
        StatusKind::Running,
        StatusKind::Fail,
        StatusKind::Init,
        StatusKind::Unknown,
    ];
    html! {
        <ul class="sdrs-legend" aria-label={t(props.locale, "Legend", "图例")}>
            { for entries.into_iter().map(|status| html! {
                <li class={classes!("sdrs-legend-item", status_class(status))}>
                    <span class="sdrs-swatch" aria-hidden="true">{ crate::text::status_icon(status) }</span>
                    { crate::text::status_name(props.locale, status) }
                </li>
            }) }
            <li class="sdrs-legend-item is-critical"><span class="sdrs-swatch" aria-hidden="true">{ "━" }</span>{ t(props.locale, "Critical path", "关键路径") }</li>
        </ul>
    }
}

/// The CSS class of a status category.
pub(crate) fn status_class(status: StatusKind) -> &'static str {
    match status {
        StatusKind::Success => "is-success",
        StatusKind::Running => "is-running",
        StatusKind::Fail => "is-fail",
        StatusKind::Init => "is-init",
        StatusKind::Unknown => "is-unknown",
    }
}
