//! Every word the widget shows, in English and Chinese: phrases as [`Phrase`] constants,
//! phrases with numbers as functions. Components hold no text of their own. Server text
//! (ids, reasons) is never here: it is shown as it came, as text. What a job's data means
//! (labels, error meanings, durations) comes from the core.

use sdrs_job_core::poll::StopReason;
use sdrs_job_core::{
    format_duration, ApiError, ApiErrorKind, Locale, RowOrder, StatusKind, WarningCode,
};

/// A phrase in both languages.
pub fn t(locale: Locale, english: &'static str, chinese: &'static str) -> &'static str {
    match locale {
        Locale::En => english,
        Locale::Zh => chinese,
    }
}

/// A fixed phrase: English, Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase(pub &'static str, pub &'static str);

impl Phrase {
    /// The phrase in a language.
    pub fn get(self, locale: Locale) -> &'static str {
        t(locale, self.0, self.1)
    }
}

/// Declares [`Phrase`] constants: `NAME = "English", "中文";`, each documented by its
/// English (the Task Center's and the board's words use it too).
macro_rules! phrases {
    ($($(#[$doc:meta])* $name:ident = $english:literal, $chinese:literal;)*) => {
        $($(#[$doc])* #[doc = $english] pub const $name: Phrase = Phrase($english, $chinese);)*
    };
}
pub(crate) use phrases;

phrases! {
    // The whole widget.
    LOADING = "Loading the job…", "正在加载任务…";
    NO_JOB = "No job to show.", "没有可显示的任务。";
    // Live status and errors.
    REFRESHING = "Refreshing…", "正在刷新…";
    PAUSE = "Pause", "暂停";
    PAUSED = "Paused", "已暂停";
    RESUME = "Resume", "继续";
    RETRY = "Retry", "重试";
    RETRYING = "Retrying with back-off.", "将退避重试。";
    SHOWING_LAST_GOOD = "Showing the last good data from ", "显示上次成功获取的数据：";
    // Header.
    FAILURE = "Failure", "失败原因";
    FAILED_SUB_JOB = "Failed sub-job: ", "失败的子任务：";
    SHOW_IN_TIMELINE = "Show in timeline", "在时间线中显示";
    DATA_WARNINGS = "data warnings", "条数据警告";
    COPY_JOB_ID = "Copy job id", "复制任务ID";
    COPY = "Copy", "复制";
    SUB_JOBS_FINISHED = "Sub-jobs finished", "已完成的子任务";
    JOBS_BY_STATUS = "Jobs by status", "各状态任务数";
    BEGAN = "Began", "开始";
    ENDED = "Ended", "结束";
    DURATION = "Duration", "耗时";
    // Toolbar.
    TIMELINE_TOOLS = "Timeline tools", "时间线工具";
    EXPAND_ALL = "Expand all", "全部展开";
    COLLAPSE_ALL = "Collapse all", "全部折叠";
    EXPAND_LEVEL = "Expand one level", "展开一级";
    JUMP_TO_FAILURE = "Jump to the failure", "跳到失败处";
    PREVIOUS_FAILURE = "Previous failure", "上一个失败";
    NEXT_FAILURE = "Next failure", "下一个失败";
    SEARCH_PLACEHOLDER = "Search jobs, codes, ids (/)", "搜索任务、错误码、ID（/）";
    SEARCH_JOBS = "Search jobs", "搜索任务";
    PREVIOUS_MATCH = "Previous match", "上一个匹配";
    NEXT_MATCH = "Next match", "下一个匹配";
    KEYBOARD_SHORTCUTS = "Keyboard shortcuts", "键盘快捷键";
    KEYS_HINT = "Keys: ?", "快捷键：?";
    CRITICAL_PATH = "Critical path", "关键路径";
    TIME_AXIS = "Time axis", "时间轴";
    RELATIVE = "Relative", "相对时间";
    CLOCK_TIME = "Clock time", "绝对时间";
    UTC_HINT = "Clock time in UTC instead of this browser's time zone", "以 UTC 而非本机时区显示时间";
    LEGEND = "Legend and status filter", "图例与状态筛选";
    SHOW_OR_HIDE_ROWS = "Show or hide these rows", "显示或隐藏这些行";
    CLOSE = "Close", "关闭";
    // The timeline.
    ZOOM_AXIS = "Zoom the time axis", "缩放时间轴";
    ZOOM_OUT = "Zoom out", "缩小";
    ZOOM_IN = "Zoom in", "放大";
    ZOOM_RESET = "Reset zoom", "重置缩放";
    WHOLE_JOB = "Whole job", "整个任务";
    JOB = "Job", "任务";
    AXIS_HINT = "Drag across the axis to zoom into a range; wheel to zoom", "在时间轴上拖动以放大区间；滚轮缩放";
    JOBS_GRID = "Job and sub-jobs", "任务及子任务";
    OVERVIEW_HINT = "Overview: drag the window to pan, drag elsewhere to zoom into a range, click to centre", "概览：拖动窗口平移，在其他位置拖动以放大区间，单击居中";
    EXPAND = "Expand", "展开";
    COLLAPSE = "Collapse", "折叠";
    NOT_STARTED = "not started", "未开始";
    HIDDEN_SUB_JOBS = "hidden sub-jobs", "隐藏的子任务";
    FAILURE_INSIDE = "failure inside", "内含失败";
    TOOLTIP_BEGAN = "Began ", "开始 ";
    TOOLTIP_TOOK = "Took ", "耗时 ";
    DURATIONS = "Durations", "耗时列";
    DURATIONS_HINT = "Show or hide the duration column", "显示或隐藏耗时列";
    // The detail panel.
    JOB_DETAILS = "Job details", "任务详情";
    CLOSE_DETAILS = "Close details", "关闭详情";
    ABSENT = "(absent)", "（缺失）";
    BEGAN_LOCAL = "began (local)", "开始（本地）";
    DURATION_FIELD = "duration", "耗时";
    GAP_FIELD = "gap before", "之前的间隔";
    OBSERVED = "Observed by this page", "本页观察到的变化";
    // Replay of the observed answers.
    REPLAY = "Replay of this page's answers", "回放本页收到的应答";
    REPLAY_POSITION = "Moment replayed", "回放的时刻";
    PLAY = "Play", "播放";
    LIVE = "Live", "实时";
    REPLAY_SPEED = "Replay speed", "回放速度";
    // Statistics by job type.
    STATISTICS = "Statistics by job type", "按任务类型统计";
    STATS_TYPE = "Job type", "任务类型";
    STATS_COUNT = "Count", "数量";
    STATS_FAILURES = "Failed", "失败";
    STATS_MIN = "Shortest", "最短";
    STATS_MEDIAN = "Median", "中位数";
    STATS_MAX = "Longest", "最长";
    STATS_TOTAL = "Total", "合计";
    // Comparing two runs.
    COMPARE = "Compare with another run", "与另一次运行对比";
    COMPARE_JOB_ID = "Job id of the other run ", "另一次运行的任务 ID ";
    COMPARE_GO = "Compare", "对比";
    COMPARE_FILE = "…or a file (a response or a session record) ", "…或文件（任务响应或会话记录）";
    COMPARE_UNREADABLE = "the file could not be read", "无法读取该文件";
    COMPARE_STEP = "Step (below the root job)", "步骤（根任务以下）";
    COMPARE_OTHER = "Other run", "另一次运行";
    COMPARE_THIS = "This run", "本次运行";
    COMPARE_DELTA = "Difference", "差值";
    COMPARE_ROOT = "(the whole job)", "（整个任务）";
    COMPARE_ABSENT = "not in this run", "本次运行中没有";
    // Export.
    EXPORT = "Export", "导出";
    EXPORT_ANSWER = "Last answer (JSON, as received)", "最后一次应答（JSON，原样）";
    EXPORT_SESSION = "Session record (replays offline)", "会话记录（可离线回放）";
    EXPORT_CHROME_TRACE = "Chrome trace (Perfetto)", "Chrome 追踪（Perfetto）";
    EXPORT_OTLP = "OTLP spans (JSON)", "OTLP 跨度（JSON）";
    EXPORT_SVG = "Image (SVG), as laid out", "图像（SVG），按当前布局";
    EXPORT_PNG = "Image (PNG, first 600 rows)", "图像（PNG，前 600 行）";
    SUB_JOBS = "sub-jobs", "子任务";
    PATH = "path", "路径";
    ROOT_PATH = "(root)", "(root)";
    COPY_ID = "Copy id", "复制ID";
    COPY_LINK = "Copy link", "复制链接";
    LINK_TO_JOB = "Link to this job", "此任务的链接";
    COPY_JSON = "Copy JSON", "复制JSON";
    RAW_JSON = "Raw JSON (without sub-jobs)", "原始JSON（不含子任务）";
}

/// The keyboard shortcuts, as the help lists them: keys, then what they do.
pub const SHORTCUTS: [(&str, Phrase); 11] = [
    ("↑ ↓", Phrase("Previous / next row", "上一行 / 下一行")),
    (
        "→ ←",
        Phrase(
            "Expand or go to the first sub-job / collapse or go to the parent",
            "展开或进入子任务 / 折叠或回到父任务",
        ),
    ),
    ("Home End", Phrase("First / last row", "第一行 / 最后一行")),
    ("PageUp PageDown", Phrase("A page up / down", "上一页 / 下一页")),
    ("Enter", Phrase("Open the details", "打开详情")),
    ("[ ]", Phrase("Collapse all / expand all", "全部折叠 / 全部展开")),
    (
        "/",
        Phrase(
            "Search (Enter: next match, Shift+Enter: previous)",
            "搜索（回车：下一个，Shift+回车：上一个）",
        ),
    ),
    ("+ − / W S", Phrase("Zoom the time axis in / out", "放大 / 缩小时间轴")),
    (
        "A D / 0",
        Phrase(
            "Pan the time axis left / right; 0 shows the whole job",
            "向左 / 向右平移时间轴；0 显示整个任务",
        ),
    ),
    ("?", Phrase("Show or hide these shortcuts", "显示或隐藏快捷键")),
    ("Esc", Phrase("Close the details or this help", "关闭详情或帮助")),
];

/// The name of a status category.
pub fn status_name(locale: Locale, status: StatusKind) -> &'static str {
    match status {
        StatusKind::Success => t(locale, "Succeeded", "成功"),
        StatusKind::Running => t(locale, "Running", "运行中"),
        StatusKind::Fail => t(locale, "Failed", "失败"),
        StatusKind::Init => t(locale, "Not started", "未开始"),
        StatusKind::Unknown => t(locale, "Unknown", "未知"),
    }
}

/// An icon for a status, so colour is never the only signal.
pub fn status_icon(status: StatusKind) -> &'static str {
    sdrs_job_core::svg::status_mark(status)
}

/// Why polling stopped, for people.
pub fn stop_reason(locale: Locale, reason: StopReason) -> &'static str {
    match reason {
        StopReason::Succeeded => {
            t(locale, "Stopped watching: the job succeeded.", "已停止刷新：任务成功。")
        }
        StopReason::Failed => {
            t(locale, "Stopped watching: the job failed.", "已停止刷新：任务失败。")
        }
        StopReason::FinalError => t(
            locale,
            "Stopped watching: the server refused the request.",
            "已停止刷新：服务器拒绝了请求。",
        ),
        StopReason::TimedOut => t(
            locale,
            "Stopped watching: the job did not finish within the maximum wait.",
            "已停止刷新：任务在最长等待时间内未结束。",
        ),
    }
}

/// A short title for a warning code.
pub fn warning_title(locale: Locale, code: WarningCode) -> &'static str {
    match code {
        WarningCode::UnknownStatus => t(locale, "Undocumented status", "未记录的状态"),
        WarningCode::EndBeforeBegin => t(locale, "Ends before it begins", "结束早于开始"),
        WarningCode::TerminalWithoutEnd => {
            t(locale, "Finished without end time", "已结束但无结束时间")
        }
        WarningCode::EndWithoutTerminal => {
            t(locale, "End time while not finished", "未结束却有结束时间")
        }
        WarningCode::SuccessWithUnfinishedChild => {
            t(locale, "Succeeded with an unfinished sub-job", "成功但子任务未完成")
        }
        WarningCode::ChildOutsideParent => {
            t(locale, "Sub-job outside its parent's time", "子任务超出父任务时间")
        }
        WarningCode::DuplicateJobId => t(locale, "Duplicate job id", "重复的任务ID"),
        WarningCode::BadTimestamp => t(locale, "Unreadable time", "无法解析的时间"),
    }
}

/// The title of an error banner: what went wrong, in a few words.
pub fn error_title(locale: Locale, error: &ApiError) -> &'static str {
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

/// "Live · next refresh in 3 s".
pub fn next_refresh(locale: Locale, seconds: i64) -> String {
    match locale {
        Locale::En => format!("Live · next refresh in {seconds} s"),
        Locale::Zh => format!("实时 · {seconds} 秒后刷新"),
    }
}

/// Requests made so far.
pub fn attempts(locale: Locale, count: u32) -> String {
    match locale {
        Locale::En if count == 1 => "1 request".to_owned(),
        Locale::En => format!("{count} requests"),
        Locale::Zh => format!("已请求 {count} 次"),
    }
}

/// Jobs in the tree, for the counts.
pub fn job_total(locale: Locale, count: usize) -> String {
    match locale {
        Locale::En if count == 1 => "1 job".to_owned(),
        Locale::En => format!("{count} jobs"),
        Locale::Zh => format!("{count} 个任务"),
    }
}

/// The failed jobs, counted where the failure started: "1 failed, in 1 failed sub-job"
/// (`(origins, containing)` from `Summary::failure_counts`).
pub fn failed_count(locale: Locale, (origins, containing): (usize, usize)) -> String {
    match (locale, containing) {
        (Locale::En, 0) => format!("{origins} failed"),
        (Locale::En, 1) => format!("{origins} failed, in 1 failed sub-job"),
        (Locale::En, _) => format!("{origins} failed, in {containing} failed sub-jobs"),
        (Locale::Zh, 0) => format!("{origins} 个失败"),
        (Locale::Zh, _) => format!("{origins} 个失败，位于 {containing} 个失败的子任务中"),
    }
}

/// Where the search stands: "2 of 5", or "5 matches" when the focus is on none.
pub fn match_count(locale: Locale, position: Option<usize>, total: usize) -> String {
    match (position, locale) {
        (Some(position), Locale::En) => format!("{} of {total}", position + 1),
        (Some(position), Locale::Zh) => format!("第 {} 个，共 {total} 个", position + 1),
        (None, Locale::En) if total == 1 => "1 match".to_owned(),
        (None, Locale::En) => format!("{total} matches"),
        (None, Locale::Zh) => format!("{total} 个匹配"),
    }
}

/// Rows the status filter leaves out.
pub fn hidden_by_filter(locale: Locale, count: usize) -> String {
    match locale {
        Locale::En if count == 1 => "1 row hidden by the filter".to_owned(),
        Locale::En => format!("{count} rows hidden by the filter"),
        Locale::Zh => format!("筛选隐藏了 {count} 行"),
    }
}

/// The duration column's heading, with the order it sorts by.
pub fn duration_heading(locale: Locale, order: RowOrder) -> String {
    let arrow = match order {
        RowOrder::Tree => "",
        RowOrder::LongestFirst => " ↓",
        RowOrder::ShortestFirst => " ↑",
    };
    format!("{}{arrow}", DURATION.get(locale))
}

/// What a click on the duration heading does next.
pub fn sort_hint(locale: Locale, order: RowOrder) -> &'static str {
    match order {
        RowOrder::Tree => t(locale, "Sort by duration, longest first", "按耗时排序，最长在前"),
        RowOrder::LongestFirst => {
            t(locale, "Sort by duration, shortest first", "按耗时排序，最短在前")
        }
        RowOrder::ShortestFirst => t(locale, "Back to the service's order", "恢复服务返回的顺序"),
    }
}

/// A gap before a step: "12s gap before this step".
pub fn gap_before(locale: Locale, ms: i64) -> String {
    let gap = format_duration(ms);
    match locale {
        Locale::En => format!("{gap} gap before this step: no other step of its parent ran"),
        Locale::Zh => format!("此步骤之前有 {gap} 的间隔：其父任务的其他步骤均未运行"),
    }
}

/// What an observed wait in INIT says: "waited 12s in INIT (seen by this page)".
pub fn observed_init(locale: Locale, ms: i64) -> String {
    let wait = format_duration(ms);
    match locale {
        Locale::En => format!("waited {wait} in INIT (seen by this page's answers)"),
        Locale::Zh => format!("在 INIT 状态等待了 {wait}（本页收到的应答所见）"),
    }
}

/// One observed change of a job, as the detail panel lists it.
pub fn observed_change(locale: Locale, change: &sdrs_job_core::history::Change) -> String {
    use sdrs_job_core::history::{Change, ObservedStatus};
    let status = |status: &ObservedStatus| match &status.text {
        Some(text) => text.clone(),
        None if status.kind == StatusKind::Unknown => t(locale, "no status", "无状态").to_owned(),
        None => status.kind.as_str().to_owned(),
    };
    match (change, locale) {
        (Change::Appeared { status: shown, .. }, Locale::En) => format!("seen: {}", status(shown)),
        (Change::Appeared { status: shown, .. }, Locale::Zh) => {
            format!("首次见到：{}", status(shown))
        }
        (Change::Status { status: shown, .. }, Locale::En) => format!("became {}", status(shown)),
        (Change::Status { status: shown, .. }, Locale::Zh) => format!("变为 {}", status(shown)),
        (Change::Began { begin_ms, .. }, Locale::En) => {
            format!("begin_time arrived: {}", crate::clock::format_local(*begin_ms))
        }
        (Change::Began { begin_ms, .. }, Locale::Zh) => {
            format!("收到 begin_time：{}", crate::clock::format_local(*begin_ms))
        }
        (Change::Ended { end_ms, .. }, Locale::En) => {
            format!("end_time arrived: {}", crate::clock::format_local(*end_ms))
        }
        (Change::Ended { end_ms, .. }, Locale::Zh) => {
            format!("收到 end_time：{}", crate::clock::format_local(*end_ms))
        }
        (Change::Gone { .. }, Locale::En) => "gone from the answer".to_owned(),
        (Change::Gone { .. }, Locale::Zh) => "应答中不再出现".to_owned(),
    }
}

/// Where a replay stands: "as at 2026-12-03 12:00:03.120 · moment 3 of 12".
pub fn replay_position(locale: Locale, position: usize, moments: usize, at_ms: i64) -> String {
    let at = crate::clock::format_local(at_ms);
    let number = position + 1;
    match locale {
        Locale::En => format!("as at {at} · moment {number} of {moments}"),
        Locale::Zh => format!("回放到 {at} · 第 {number} 个时刻，共 {moments} 个"),
    }
}

/// What a comparison holds: "12 steps compared; 1 in the other run only, 2 in this run only".
pub fn compare_summary(locale: Locale, rows: usize, only_other: usize, only_this: usize) -> String {
    match locale {
        Locale::En => format!(
            "{rows} steps compared, slowest first; {only_other} in the other run only, {only_this} in this run only"
        ),
        Locale::Zh => format!(
            "共对比 {rows} 个步骤，变慢最多的在前；{only_other} 个仅在另一次运行中，{only_this} 个仅在本次运行中"
        ),
    }
}

/// The short label of a gap: "gap 12s".
pub fn gap_label(locale: Locale, ms: i64) -> String {
    let gap = format_duration(ms);
    match locale {
        Locale::En => format!("gap {gap}"),
        Locale::Zh => format!("间隔 {gap}"),
    }
}

/// The zoomed span against the whole job: "1m00s of 5m00s".
pub fn visible_span(locale: Locale, shown_ms: i64, whole_ms: i64) -> String {
    let (shown, whole) = (format_duration(shown_ms), format_duration(whole_ms));
    match locale {
        Locale::En => format!("{shown} of {whole}"),
        Locale::Zh => format!("{shown} / 共 {whole}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_of_one_are_singular() {
        assert_eq!(attempts(Locale::En, 1), "1 request");
        assert_eq!(attempts(Locale::En, 2), "2 requests");
        assert_eq!(job_total(Locale::En, 1), "1 job");
        assert_eq!(match_count(Locale::En, None, 1), "1 match");
        assert_eq!(hidden_by_filter(Locale::En, 1), "1 row hidden by the filter");
        assert_eq!(job_total(Locale::Zh, 1), "1 个任务");
        assert_eq!(failed_count(Locale::En, (1, 1)), "1 failed, in 1 failed sub-job");
        assert_eq!(failed_count(Locale::En, (2, 0)), "2 failed");
    }

    #[test]
    fn a_job_not_started_is_not_initialising() {
        assert_eq!(status_name(Locale::Zh, StatusKind::Init), "未开始");
    }
}
