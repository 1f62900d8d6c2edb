//! The Task Center panel's words, in English and Chinese (the rest of the widget's are in
//! `text`). Server text (names, ids, reasons) is never here.

use sdrs_job_core::task_center::{FailureStatus, ResourceKind};
use sdrs_job_core::Locale;

use crate::text::{phrases, t, Phrase};

phrases! {
    TITLE = "Task Center: failed jobs", "任务中心：失败任务";
    HINT = "The service keeps only its failed jobs here: group-level failures, or those inside one protection group.", "服务只在此保留失败的任务：保护组级别的失败，或某个保护组内的失败。";
    FILTERS = "Filters", "筛选";
    GROUP = "Protection group ID", "保护组ID";
    GROUP_PLACEHOLDER = "none: group-level failures", "留空：保护组级别的失败";
    FAILURE = "Failure", "失败类型";
    RESOURCE = "Resource type", "资源类型";
    NAME = "Resource name", "资源名称";
    ANY = "Any", "全部";
    APPLY = "Apply", "应用";
    CLEAR = "Clear", "清除";
    REFRESH = "Refresh", "刷新";
    FIRST = "First page", "第一页";
    PREVIOUS = "Previous", "上一页";
    NEXT = "Next", "下一页";
    LAST = "Last page", "最后一页";
    PER_PAGE = "Per page", "每页";
    LOADING = "Loading the Task Center…", "正在加载任务中心…";
    EMPTY = "No failed jobs match these filters.", "没有符合筛选条件的失败任务。";
    WHEN = "Failed", "时间";
    JOB = "Job", "任务";
    ERROR = "Error", "错误";
    OPEN = "Open in timeline", "在时间线中打开";
    INSIDE = "Failures inside", "查看组内失败";
    DELETE = "Delete", "删除";
    CANCEL = "Cancel", "取消";
    DELETE_GROUP = "Delete all of this group", "删除该组的全部条目";
    DELETE_GROUP_LEVEL = "Delete all group-level entries", "删除全部保护组级别条目";
    CONFIRM_NOTE = "This removes entries from the Task Center only; the jobs and resources stay.", "这只会从任务中心删除条目；任务和资源本身保留。";
    DELETED = "Deleted.", "已删除。";
    BACK_TO_GROUPS = "Back to group-level failures", "返回保护组级别的失败";
}

/// The label of a failure status.
pub fn failure_status(locale: Locale, status: FailureStatus) -> &'static str {
    let (english, chinese) = match status {
        FailureStatus::CreateFail => ("Creation failed", "创建失败"),
        FailureStatus::DeleteFail => ("Deletion failed", "删除失败"),
        FailureStatus::AttachFail => ("Attachment failed", "挂载失败"),
        FailureStatus::DetachFail => ("Detachment failed", "卸载失败"),
        FailureStatus::ExpandFail => ("Expansion failed", "扩容失败"),
        FailureStatus::ResizeFail => ("Specification change failed", "变更规格失败"),
        FailureStatus::StartFail => ("Enabling protection failed", "开启保护失败"),
        FailureStatus::StopFail => ("Disabling protection failed", "停止保护失败"),
        FailureStatus::ReverseFail => ("Planned failover failed", "计划内切换失败"),
        FailureStatus::FailoverFail => ("Failover failed", "故障切换失败"),
        FailureStatus::ReprotectFail => ("Re-protection failed", "开启重保护失败"),
    };
    t(locale, english, chinese)
}

/// The label of a resource kind.
pub fn resource_kind(locale: Locale, kind: ResourceKind) -> &'static str {
    let (english, chinese) = match kind {
        ResourceKind::ServerGroup => ("Protection group", "保护组"),
        ResourceKind::ProtectedInstance => ("Protected instance", "保护实例"),
        ResourceKind::Replication => ("Replication pair", "复制对"),
        ResourceKind::DisasterRecoveryDrill => ("DR drill", "容灾演练"),
        ResourceKind::Unknown => ("Other resource", "其他资源"),
    };
    t(locale, english, chinese)
}

/// Which entries are shown: "1–100 of 1,200".
pub fn range(locale: Locale, first: u64, last: u64, total: u64) -> String {
    match locale {
        Locale::En if total == 0 => "No entries".to_owned(),
        Locale::En => format!("{first}–{last} of {total}"),
        Locale::Zh if total == 0 => "没有条目".to_owned(),
        Locale::Zh => format!("第 {first}–{last} 条，共 {total} 条"),
    }
}

/// "Page 2 of 12".
pub fn page_of(locale: Locale, page: u64, pages: u64) -> String {
    match locale {
        Locale::En => format!("Page {page} of {pages}"),
        Locale::Zh => format!("第 {page} / {pages} 页"),
    }
}

/// What a delete will remove, asked before it is sent.
pub fn confirm_one(locale: Locale, name: &str) -> String {
    match locale {
        Locale::En => format!("Delete the Task Center entry of {name}?"),
        Locale::Zh => format!("删除 {name} 的任务中心条目？"),
    }
}

/// The same for a whole group, or every group-level entry (`group` none).
pub fn confirm_many(locale: Locale, group: Option<&str>, count: u64) -> String {
    match (locale, group) {
        (Locale::En, Some(group)) => {
            format!("Delete all {count} entries inside protection group {group}?")
        }
        (Locale::En, None) => format!("Delete all {count} group-level entries?"),
        (Locale::Zh, Some(group)) => format!("删除保护组 {group} 内的全部 {count} 个条目？"),
        (Locale::Zh, None) => format!("删除全部 {count} 个保护组级别条目？"),
    }
}

/// Inside which group the list is.
pub fn inside_group(locale: Locale, group: &str) -> String {
    match locale {
        Locale::En => format!("Failures inside protection group {group}"),
        Locale::Zh => format!("保护组 {group} 内的失败"),
    }
}
