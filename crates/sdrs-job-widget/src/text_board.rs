//! The board's words (many jobs at once), in English and Chinese (the rest of the
//! widget's are in `text`). Server text (ids, reasons) is never here.

use sdrs_job_core::board::{BoardCounts, BoardSort};
use sdrs_job_core::Locale;

use crate::text::{phrases, t, Phrase};

phrases! {
    TITLE = "Jobs", "任务";
    VIEWS = "View", "视图";
    AS_BOARD = "Board", "列表";
    AS_ONE_AXIS = "All on one axis", "同一时间轴";
    STATUS = "Status", "状态";
    PROGRESS = "Progress", "进度";
    FAILURE = "Where it failed", "失败位置";
    BEGAN = "Began", "开始";
    ELAPSED = "Elapsed", "耗时";
    OPEN = "Open", "打开";
    BACK = "All jobs", "全部任务";
    NOT_YET = "Not answered yet", "尚未响应";
    WAITING_ANSWERS = "Waiting for the first answers…", "正在等待首次响应…";
    NO_JOBS = "No job ids given.", "未提供任务ID。";
}

/// The heading of a sortable column.
pub fn sort_heading(locale: Locale, sort: BoardSort) -> &'static str {
    match sort {
        BoardSort::Given => t(locale, "#", "#"),
        BoardSort::Status => STATUS.get(locale),
        BoardSort::Label => t(locale, "Job", "任务"),
        BoardSort::Progress => PROGRESS.get(locale),
        BoardSort::Elapsed => ELAPSED.get(locale),
        BoardSort::Begin => BEGAN.get(locale),
    }
}

/// "20 jobs: 1 failed, 3 running, 16 succeeded".
pub fn counts(locale: Locale, counts: &BoardCounts) -> String {
    let mut parts = Vec::new();
    let mut part = |count: usize, english: &str, chinese: &str| {
        if count > 0 {
            parts.push(match locale {
                Locale::En => format!("{count} {english}"),
                Locale::Zh => format!("{chinese} {count}"),
            });
        }
    };
    part(counts.failed, "failed", "失败");
    part(counts.running, "running", "运行中");
    part(counts.waiting, "not answered yet", "尚未响应");
    part(counts.succeeded, "succeeded", "成功");
    match locale {
        Locale::En => format!("{} jobs: {}", counts.total, parts.join(", ")),
        Locale::Zh => format!("共 {} 个任务：{}", counts.total, parts.join("，")),
    }
}

/// Why a job's watch stopped without it ending, shortly.
pub fn watch_stopped(locale: Locale, code: &str) -> String {
    match locale {
        Locale::En => format!("watch stopped: {code}"),
        Locale::Zh => format!("已停止查询：{code}"),
    }
}
