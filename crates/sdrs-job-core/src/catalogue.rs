//! The SDRS error-code catalogue (`data/error-codes.tsv`, 256 codes), compiled into a
//! sorted table by `build.rs` so a lookup is a binary search.

use serde::Serialize;

/// One SDRS error code with its HTTP status and its meaning in English and Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorCodeInfo {
    /// The code, e.g. `SDRS.0406`.
    pub code: &'static str,
    /// The HTTP status the service answers with this code.
    pub http_status: u16,
    /// English text, e.g. "Failed to execute the subjob".
    pub message_en: &'static str,
    /// Chinese text, e.g. "sub-Job执行失败。".
    pub message_zh: &'static str,
}

impl ErrorCodeInfo {
    /// The meaning in a language.
    pub fn message(&self, locale: crate::Locale) -> &'static str {
        match locale {
            crate::Locale::En => self.message_en,
            crate::Locale::Zh => self.message_zh,
        }
    }
}

/// The catalogue meaning of `code` to show beside `reason`, in a language: none when the
/// code is not catalogued, or when the reason already says it (the service often starts
/// its reason with the meaning: "Failed to stop the server: …"), so a failure reads once.
pub fn meaning_beside(
    code: Option<&str>,
    reason: Option<&str>,
    locale: crate::Locale,
) -> Option<&'static str> {
    let meaning = error_code_info(code?)?.message(locale);
    let said = |reason: &str| {
        let core = meaning.trim().trim_end_matches(['.', '。', '!', '！']);
        !core.is_empty() && crate::find_ignoring_case(reason, core).is_some()
    };
    (!reason.is_some_and(said)).then_some(meaning)
}

/// Every catalogued code, sorted by code.
pub static ERROR_CODES: &[ErrorCodeInfo] = include!(concat!(env!("OUT_DIR"), "/error_codes.rs"));

/// The catalogue entry for a code such as `SDRS.0406` (surrounding spaces ignored).
pub fn error_code_info(code: &str) -> Option<&'static ErrorCodeInfo> {
    let code = code.trim();
    ERROR_CODES.binary_search_by(|entry| entry.code.cmp(code)).ok().map(|index| &ERROR_CODES[index])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meaning_the_reason_already_says_is_not_repeated() {
        use crate::Locale;
        let reason = "Failed to stop the server: server a did not shut down within 300 s";
        assert_eq!(meaning_beside(Some("SDRS.1308"), Some(reason), Locale::En), None);
        // In Chinese the meaning says what the English reason does not, to a Chinese reader.
        assert!(meaning_beside(Some("SDRS.1308"), Some(reason), Locale::Zh).is_some());
        assert_eq!(
            meaning_beside(Some("SDRS.0406"), Some("disk busy"), Locale::En),
            Some("Failed to execute the subjob")
        );
        assert_eq!(
            meaning_beside(Some("SDRS.0406"), None, Locale::En),
            Some("Failed to execute the subjob")
        );
        assert_eq!(meaning_beside(Some("NOT.A.CODE"), None, Locale::En), None);
        assert_eq!(meaning_beside(None, Some(reason), Locale::En), None);
    }

    #[test]
    fn the_whole_catalogue_is_there() {
        assert_eq!(ERROR_CODES.len(), 256);
        let info = error_code_info("SDRS.0406").unwrap();
        assert_eq!(info.message_en, "Failed to execute the subjob");
        assert_eq!(info.message_zh, "sub-Job执行失败。");
        assert_eq!(info.http_status, 500);
        assert_eq!(error_code_info("SDRS.1013").unwrap().message_en, "Protection group not found");
        assert!(error_code_info("SDRS.9999").is_none());
        assert!(error_code_info("").is_none());
    }
}
