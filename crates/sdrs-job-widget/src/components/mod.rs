//! The widget's components: [`JobTimeline`] and its parts, one per file.

mod detail;
mod header;
mod overview;
mod rows;

use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

use sdrs_job_core::poll::PollPolicy;
use sdrs_job_core::{summarize, JobTree, LayoutIndex, Locale, StatusKind};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::clock::format_local;
use crate::hooks::use_now;
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
    /// Told when the selection changes (the console puts it in the URL); none when the
    /// selection is cleared.
    #[prop_or_default]
    pub on_select: Callback<Option<crate::SelectedJob>>,
    /// Told when the watched job's status changes, its first status included.
    #[prop_or_default]
    pub on_status_change: Callback<crate::StatusChange>,
    /// Told once when the watched job ends (SUCCESS or FAIL), with its summary.
    #[prop_or_default]
    pub on_finished: Callback<crate::Finished>,
    /// Told when watching stops on a final error or the time budget.
    #[prop_or_default]
    pub on_error: Callback<crate::WatchFailure>,
    /// `light` or `dark`; none follows the system (`prefers-color-scheme`).
    #[prop_or_default]
    pub theme: Option<AttrValue>,
}

/// Derived once per job tree.
pub(crate) struct Prepared {
    pub tree: Rc<JobTree>,
    pub index: LayoutIndex,
    pub summary: sdrs_job_core::Summary,
    /// Tree index by job id, built on the first lookup (a selection, a search step), not
    /// on the way to the first paint.
    index_of_id: std::cell::OnceCell<HashMap<String, usize>>,
    /// Sub-jobs of each job (for `aria-setsize`).
    pub child_count: Vec<usize>,
}

impl Prepared {
    /// The tree index of the job with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index_of_id
            .get_or_init(|| {
                self.tree
                    .iter()
                    .filter_map(|job| job.job_id().map(|id| (id.to_owned(), job.index())))
                    .collect()
            })
            .get(id)
            .copied()
    }
}

/// Widgets made so far on this page, for unique DOM ids.
static WIDGETS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// The widget: header, live status, toolbar, timeline and detail panel.
#[component]
pub fn JobTimeline(props: &JobTimelineProps) -> Html {
    let locale = props.locale;
    let id_prefix = use_memo((), |()| {
        // A counter for the widgets of this wasm instance, and a random part for other
        // instances on the same page (the console and an npm widget each count from 0).
        let number = WIDGETS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let instance = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
        AttrValue::from(format!("sdrs-{instance:08x}-{number}"))
    });
    let target = match &props.source {
        JobSource::Watch(target) if !target.is_blank() => Some(target.clone()),
        JobSource::Watch(_) | JobSource::Static(_) => None,
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
                index_of_id: std::cell::OnceCell::new(),
                child_count: {
                    let mut counts = vec![0; tree.len()];
                    for job in tree.iter().skip(1) {
                        if let Some(parent) = job.parent() {
                            counts[parent.index()] += 1;
                        }
                    }
                    counts
                },
            })
        })
    });
    let now = match (is_static, prepared.as_ref()) {
        (true, Some(prepared)) => prepared.index.latest_ms().unwrap_or(ticking_now),
        _ => ticking_now,
    };
    let view = use_reducer(ViewState::default);
    let search_input = use_node_ref();
    // Select what the host asked for once the job has it.
    {
        let view = view.clone();
        let prepared = prepared.clone();
        let wanted = props.select.clone();
        let has_tree = tree.is_some();
        use_effect_with((wanted, has_tree), move |(wanted, _)| {
            if let (Some(wanted), Some(prepared)) = (wanted, prepared.as_ref()) {
                if prepared.index_of(wanted).is_some()
                    && view.selected.as_deref() != Some(wanted.as_str())
                {
                    view.dispatch(ViewAction::Reveal(prepared.tree.clone(), wanted.to_string()));
                }
            }
        });
    }
    {
        let on_select = props.on_select.clone();
        let prepared: Option<Rc<Prepared>> = (*prepared).clone();
        // Told on changes only: nothing is told at mount, when nothing is selected yet.
        let told_selection = use_mut_ref(|| None::<String>);
        use_effect_with(view.selected.clone(), move |selected| {
            if *told_selection.borrow() == *selected {
                return;
            }
            told_selection.borrow_mut().clone_from(selected);
            let job = selected.as_deref().map(|id| {
                let found = prepared.as_ref().and_then(|prepared| {
                    crate::SelectedJob::of(prepared.tree.job(prepared.index_of(id)?))
                });
                // A selection not in the tree (yet: a link's) is told by its id alone.
                found.unwrap_or_else(|| crate::SelectedJob::id_only(id))
            });
            on_select.emit(job);
        });
    }
    // Tell the host about the watched job: once per status, once when watching stops. Only
    // from a state about the job shown now (in the render where the job changes, the state
    // is still the last job's), and afresh for every watch (`generation`).
    {
        let told = use_mut_ref(crate::events::Told::default);
        let stop = match watch.state.phase {
            Phase::Stopped(reason) => Some(reason),
            _ => None,
        };
        let status = (*prepared)
            .as_ref()
            .map(|prepared| prepared.tree.root().status_text().map(str::to_owned));
        let (on_status_change, on_finished, on_error) =
            (props.on_status_change.clone(), props.on_finished.clone(), props.on_error.clone());
        let prepared: Option<Rc<Prepared>> = (*prepared).clone();
        let error = watch.state.error.clone();
        let current = target.is_some() && watch.state.target == target;
        let generation = watch.state.generation;
        use_effect_with((generation, current, status, stop), move |_| {
            if !current {
                return;
            }
            let root = prepared.as_ref().map(|prepared| (prepared.tree.root(), &prepared.summary));
            let events = crate::events::Told::next(&told, generation, root, stop, error.as_ref());
            if let Some(change) = events.status_change {
                on_status_change.emit(change);
            }
            if let Some(finished) = events.finished {
                on_finished.emit(finished);
            }
            if let Some(failure) = events.failure {
                on_error.emit(failure);
            }
        });
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
            let toolbar = toolbar(locale, &view, prepared, &search_input);
            let on_command = {
                let view = view.clone();
                let prepared = prepared.clone();
                let search_input = search_input.clone();
                Callback::from(move |command: rows::Command| match command {
                    rows::Command::CollapseAll => {
                        view.dispatch(ViewAction::CollapseAll(prepared.tree.clone()))
                    }
                    rows::Command::ExpandAll => view.dispatch(ViewAction::ExpandAll),
                    rows::Command::Help => view.dispatch(ViewAction::ToggleHelp),
                    rows::Command::Dismiss => view.dispatch(ViewAction::Dismiss),
                    rows::Command::Search => {
                        if let Some(input) = search_input.cast::<web_sys::HtmlElement>() {
                            let _ = input.focus();
                        }
                    }
                })
            };
            let help = view.help.then(|| shortcuts(locale, &view));
            let detail = view.selected.as_ref().and_then(|id| prepared.index_of(id)).map(|index| {
                html! {
                    <DetailPanel key="detail" prepared={PreparedRef(prepared.clone())} {index} {locale} on_close={on_select.reform(|()| None)} />
                }
            });
            html! {
                <>
                    <Header prepared={PreparedRef(prepared.clone())} {now} {locale} on_reveal={on_reveal.clone()} />
                    { toolbar }
                    { for help }
                    <div class="sdrs-main">
                        <Rows key="rows" prepared={PreparedRef(prepared.clone())} {now} {locale} view={(*view).clone()} theme={props.theme.clone()} id_prefix={(*id_prefix).clone()}
                            on_toggle={let view = view.clone(); Callback::from(move |id: String| view.dispatch(ViewAction::Toggle(id)))}
                            on_select={on_select.reform(Some)}
                            on_focus={let view = view.clone(); Callback::from(move |id: String| view.dispatch(ViewAction::Focus(id)))}
                            on_window={let view = view.clone(); Callback::from(move |(change, domain)| view.dispatch(ViewAction::Window(change, domain)))}
                            {on_command} />
                        { for detail }
                    </div>
                </>
            }
        }
    };
    let locale_name = locale.code();
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
        (ApiErrorKind::Timeout, _) => {
            t(locale, "The server did not answer in time", "服务器未及时应答")
        }
        (ApiErrorKind::InvalidBody | ApiErrorKind::InvalidJob, _) => {
            t(locale, "The server sent a malformed job", "服务器返回的任务格式错误")
        }
        (ApiErrorKind::NotApi, _) => t(
            locale,
            "This is not the SDRS API: check the endpoint",
            "应答不是来自 SDRS API：请检查接入点",
        ),
        (ApiErrorKind::TooLarge, _) => {
            t(locale, "The answer is too large to show", "应答过大，无法显示")
        }
        (ApiErrorKind::Redirect, _) => t(
            locale,
            "The server redirected the request (not followed)",
            "服务器重定向了请求（未跟随）",
        ),
        (ApiErrorKind::Request, _) => t(locale, "The request cannot be made", "无法发出请求"),
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

/// Jobs whose id, type or label contains the query (case-insensitive), in tree order.
pub(crate) fn search_matches(prepared: &Prepared, query: &str, locale: Locale) -> Vec<String> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    prepared
        .tree
        .iter()
        .filter(|job| {
            let found =
                |text: Option<&str>| text.is_some_and(|text| text.to_lowercase().contains(&query));
            found(job.job_id())
                || found(job.job_type())
                || found(Some(prepared.index.label(job.index(), locale)))
        })
        .filter_map(|job| job.job_id().map(str::to_owned))
        .collect()
}

/// The next (or previous) id after the focused one in `ids` (tree order), wrapping around.
fn step_through(
    prepared: &Prepared,
    ids: &[String],
    focused: Option<&str>,
    forward: bool,
) -> Option<String> {
    if ids.is_empty() {
        return None;
    }
    let focused_index = focused.and_then(|id| prepared.index_of(id));
    let position_of = |id: &String| prepared.index_of(id).unwrap_or(0);
    let next = match (focused_index, forward) {
        (None, true) => ids.first(),
        (None, false) => ids.last(),
        (Some(current), true) => ids.iter().find(|id| position_of(id) > current).or(ids.first()),
        (Some(current), false) => {
            ids.iter().rev().find(|id| position_of(id) < current).or(ids.last())
        }
    };
    next.cloned()
}

fn shortcuts(locale: Locale, view: &UseReducerHandle<ViewState>) -> Html {
    let keys: [(&str, &str, &str); 11] = [
        ("↑ ↓", "Previous / next row", "上一行 / 下一行"),
        (
            "→ ←",
            "Expand or go to the first sub-job / collapse or go to the parent",
            "展开或进入子任务 / 折叠或回到父任务",
        ),
        ("Home End", "First / last row", "第一行 / 最后一行"),
        ("PageUp PageDown", "A page up / down", "上一页 / 下一页"),
        ("Enter", "Open the details", "打开详情"),
        ("[ ]", "Collapse all / expand all", "全部折叠 / 全部展开"),
        (
            "/",
            "Search (Enter: next match, Shift+Enter: previous)",
            "搜索（回车：下一个，Shift+回车：上一个）",
        ),
        ("+ − / W S", "Zoom the time axis in / out", "放大 / 缩小时间轴"),
        (
            "A D / 0",
            "Pan the time axis left / right; 0 shows the whole job",
            "向左 / 向右平移时间轴；0 显示整个任务",
        ),
        ("?", "Show or hide these shortcuts", "显示或隐藏快捷键"),
        ("Esc", "Close the details or this help", "关闭详情或帮助"),
    ];
    let close = {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.dispatch(ViewAction::ToggleHelp))
    };
    html! {
        <section class="sdrs-help" role="dialog" aria-label={t(locale, "Keyboard shortcuts", "键盘快捷键")}>
            <dl>
                { for keys.iter().map(|(key, english, chinese)| html! {
                    <div><dt><kbd>{ *key }</kbd></dt><dd>{ t(locale, english, chinese) }</dd></div>
                }) }
            </dl>
            <button type="button" class="sdrs-button is-small" data-action="close-help" onclick={close}>{ t(locale, "Close", "关闭") }</button>
        </section>
    }
}

fn toolbar(
    locale: Locale,
    view: &UseReducerHandle<ViewState>,
    prepared: &Rc<Prepared>,
    search_input: &NodeRef,
) -> Html {
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
    let failure_ids: Vec<String> =
        prepared.summary.failures.iter().filter_map(|failure| failure.job_id.clone()).collect();
    let step = |ids: Vec<String>, forward: bool| {
        let view = view.clone();
        let prepared = prepared.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(id) = step_through(&prepared, &ids, view.focused.as_deref(), forward) {
                view.dispatch(ViewAction::Reveal(prepared.tree.clone(), id));
            }
        })
    };
    let matches = search_matches(prepared, &view.query, locale);
    let match_position =
        view.focused.as_ref().and_then(|id| matches.iter().position(|found| found == id));
    let match_text = if view.query.trim().is_empty() {
        String::new()
    } else {
        match (match_position, locale) {
            (Some(position), Locale::En) => format!("{} of {}", position + 1, matches.len()),
            (Some(position), Locale::Zh) => {
                format!("第 {} 个，共 {} 个", position + 1, matches.len())
            }
            (None, Locale::En) => format!("{} matches", matches.len()),
            (None, Locale::Zh) => format!("{} 个匹配", matches.len()),
        }
    };
    let on_search = {
        let view = view.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                view.dispatch(ViewAction::SetQuery(input.value()));
            }
        })
    };
    let on_search_key = {
        let view = view.clone();
        let prepared = prepared.clone();
        let matches = matches.clone();
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "Enter" => {
                event.prevent_default();
                if let Some(id) =
                    step_through(&prepared, &matches, view.focused.as_deref(), !event.shift_key())
                {
                    view.dispatch(ViewAction::Reveal(prepared.tree.clone(), id));
                }
            }
            "Escape" => view.dispatch(ViewAction::SetQuery(String::new())),
            _ => {}
        })
    };
    let hidden_by_filter = if view.hidden_statuses.is_empty() {
        0
    } else {
        let layout =
            prepared.index.layout(&prepared.tree, crate::clock::now_ms(), &view.collapsed, locale);
        layout.rows.iter().filter(|row| view.hidden_statuses.contains(&row.status_kind)).count()
    };
    html! {
        <div class="sdrs-toolbar" role="toolbar" aria-label={t(locale, "Timeline tools", "时间线工具")}>
            if has_children {
                <button type="button" class="sdrs-button" data-action="expand-all" onclick={dispatch(|_| ViewAction::ExpandAll)}>{ t(locale, "Expand all", "全部展开") }</button>
                <button type="button" class="sdrs-button" data-action="collapse-all" onclick={dispatch(|prepared| ViewAction::CollapseAll(prepared.tree.clone()))}>{ t(locale, "Collapse all", "全部折叠") }</button>
                <button type="button" class="sdrs-button" data-action="expand-level" onclick={expand_level}>{ t(locale, "Expand one level", "展开一级") }</button>
            }
            if let Some(onclick) = jump {
                <button type="button" class="sdrs-button is-danger" data-action="first-failure" {onclick}>{ t(locale, "Jump to the failure", "跳到失败处") }</button>
                <button type="button" class="sdrs-button is-small" data-action="previous-failure" aria-label={t(locale, "Previous failure", "上一个失败")} onclick={step(failure_ids.clone(), false)}>{ "◀" }</button>
                <button type="button" class="sdrs-button is-small" data-action="next-failure" aria-label={t(locale, "Next failure", "下一个失败")} onclick={step(failure_ids.clone(), true)}>{ "▶" }</button>
            }
            <span class="sdrs-search" role="search">
                <input type="search" ref={search_input.clone()} data-action="search" value={view.query.clone()}
                    placeholder={t(locale, "Search id, type, label  ( / )", "搜索 ID、类型、名称（/）")}
                    aria-label={t(locale, "Search jobs", "搜索任务")} oninput={on_search} onkeydown={on_search_key} />
                <span class="sdrs-match-count" aria-live="polite" data-role="match-count">{ match_text }</span>
                <button type="button" class="sdrs-button is-small" data-action="previous-match" aria-label={t(locale, "Previous match", "上一个匹配")} onclick={step(matches.clone(), false)}>{ "↑" }</button>
                <button type="button" class="sdrs-button is-small" data-action="next-match" aria-label={t(locale, "Next match", "下一个匹配")} onclick={step(matches, true)}>{ "↓" }</button>
            </span>
            <button type="button" class="sdrs-button is-small" data-action="shortcuts" aria-label={t(locale, "Keyboard shortcuts", "键盘快捷键")}
                onclick={let view = view.clone(); Callback::from(move |_: MouseEvent| view.dispatch(ViewAction::ToggleHelp))}>{ "?" }</button>
            <label class="sdrs-check">
                <input type="checkbox" data-action="critical-path" checked={view.critical}
                    onchange={let view = view.clone(); Callback::from(move |_: Event| view.dispatch(ViewAction::ToggleCritical))} />
                { t(locale, "Critical path", "关键路径") }
            </label>
            <span class="sdrs-segmented" role="group" aria-label={t(locale, "Time axis", "时间轴")}>
                <button type="button" class={classes!("sdrs-button", (axis == AxisMode::Relative).then_some("is-on"))} aria-pressed={(axis == AxisMode::Relative).to_string()} data-action="axis-relative" onclick={set_axis(AxisMode::Relative)}>{ t(locale, "Relative", "相对时间") }</button>
                <button type="button" class={classes!("sdrs-button", (axis == AxisMode::Absolute).then_some("is-on"))} aria-pressed={(axis == AxisMode::Absolute).to_string()} data-action="axis-absolute" onclick={set_axis(AxisMode::Absolute)}>{ t(locale, "Clock time", "绝对时间") }</button>
            </span>
            <Legend {locale} hidden={view.hidden_statuses.clone()}
                on_toggle={let view = view.clone(); Callback::from(move |status: StatusKind| view.dispatch(ViewAction::ToggleStatus(status)))} />
            if hidden_by_filter > 0 {
                <span class="sdrs-filter-note" data-role="hidden-by-filter">
                    { match locale { Locale::En => format!("{hidden_by_filter} rows hidden by the filter"), Locale::Zh => format!("筛选隐藏了 {hidden_by_filter} 行") } }
                </span>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct LegendProps {
    locale: Locale,
    /// Statuses hidden by the filter.
    hidden: std::collections::HashSet<StatusKind>,
    on_toggle: Callback<StatusKind>,
}

/// The legend doubles as the status filter: each entry shows or hides its rows.
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
        <ul class="sdrs-legend" aria-label={t(props.locale, "Legend and status filter", "图例与状态筛选")}>
            { for entries.into_iter().map(|status| {
                let shown = !props.hidden.contains(&status);
                html! {
                    <li class={classes!("sdrs-legend-item", status_class(status))}>
                        <button type="button" class="sdrs-legend-toggle" aria-pressed={shown.to_string()} data-filter={status.as_str()}
                            title={t(props.locale, "Show or hide these rows", "显示或隐藏这些行")}
                            onclick={props.on_toggle.reform(move |_: MouseEvent| status)}>
                            <span class="sdrs-swatch" aria-hidden="true">{ crate::text::status_icon(status) }</span>
                            { crate::text::status_name(props.locale, status) }
                        </button>
                    </li>
                }
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
