//! The widget's words in English and Chinese. Server text (ids, reasons) is never here:
//! it is shown as it came, as text.

use sdrs_job_core::poll::StopReason;
use sdrs_job_core::{Locale, StatusKind, WarningCode};

/// A phrase in both languages.
pub fn t(locale: Locale, english: &'static str, chinese: &'static str) -> &'static str {
    match locale {
        Locale::En => english,
        Locale::Zh => chinese,
    }
}

/// The name of a status category.
pub fn status_name(locale: Locale, status: StatusKind) -> &'static str {
    match status {
        StatusKind::Success => t(locale, "Succeeded", "成功"),
        StatusKind::Running => t(locale, "Running", "运行中"),
        StatusKind::Fail => t(locale, "Failed", "失败"),
        StatusKind::Init => t(locale, "Not started", "初始化"),
        StatusKind::Unknown => t(locale, "Unknown", "未知"),
    }
}

/// An icon for a status, so colour is never the only signal.
pub fn status_icon(status: StatusKind) -> &'static str {
    match status {
        StatusKind::Success => "✓",
        StatusKind::Running => "▶",
        StatusKind::Fail => "✕",
        StatusKind::Init => "○",
        StatusKind::Unknown => "?",
    }
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
