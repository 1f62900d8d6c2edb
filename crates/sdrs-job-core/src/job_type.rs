//! The catalogue of the 19 documented `job_type` values: labels in Chinese and English,
//! the resource each acts on and the operation. `job_type` stays an open string on the
//! wire; undocumented types (sub-jobs carry some, e.g. `stopProtectionGroupRepNoCG`) get
//! a readable label derived from the name.

use serde::Serialize;

/// Which label language to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Locale {
    /// The language tag, `en` or `zh`: the value of `lang` attributes, URLs and the JS API.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Zh => "zh",
        }
    }

    /// Reads `en` or `zh`; a longer language tag counts by its language (`zh-CN`, `en_US`).
    pub fn from_code(code: &str) -> Option<Locale> {
        let language = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match language.as_str() {
            "en" => Some(Locale::En),
            "zh" => Some(Locale::Zh),
            _ => None,
        }
    }
}

/// The kind of resource a job acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ResourceKind {
    /// 保护组
    ProtectionGroup,
    /// 保护实例
    ProtectedInstance,
    /// 复制对
    ReplicationPair,
    /// 容灾演练
    DrDrill,
}

/// What a job does to its resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Operation {
    /// Create the resource.
    Create,
    /// Delete the resource.
    Delete,
    /// Start protection.
    Start,
    /// Re-protect after a failover.
    Reprotect,
    /// Stop protection.
    Stop,
    /// Fail over to the DR site.
    Failover,
    /// Switch over (planned reversal of direction).
    Reverse,
    /// Attach a replication pair.
    AttachReplicationPair,
    /// Detach a replication pair.
    DetachReplicationPair,
    /// Add a NIC.
    AddNic,
    /// Delete a NIC.
    DeleteNic,
    /// Change the flavor.
    Resize,
    /// Expand the disks.
    Expand,
}

/// One documented job type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobTypeInfo {
    /// The wire value, e.g. `failoverProtectionGroupNoCG`.
    pub job_type: &'static str,
    /// English label.
    pub label_en: &'static str,
    /// Chinese label, as on the API page.
    pub label_zh: &'static str,
    /// The resource acted on.
    pub resource: ResourceKind,
    /// The operation.
    pub operation: Operation,
}

macro_rules! job_types {
    ($( $wire:literal, $en:literal, $zh:literal, $resource:ident, $operation:ident; )*) => {
        /// The 19 job types of the API page, in its order.
        pub static JOB_TYPES: &[JobTypeInfo] = &[$(
            JobTypeInfo {
                job_type: $wire,
                label_en: $en,
                label_zh: $zh,
                resource: ResourceKind::$resource,
                operation: Operation::$operation,
            },
        )*];
    };
}

job_types! {
    "createProtectionGroupNoCG", "Create protection group", "创建保护组", ProtectionGroup, Create;
    "deleteProtectionGroupNoCG", "Delete protection group", "删除保护组", ProtectionGroup, Delete;
    "startProtectionGroupNoCG", "Start protection group", "保护组开始保护", ProtectionGroup, Start;
    "reprotectProtectionGroupNoCG", "Reprotect protection group", "保护组重保护", ProtectionGroup, Reprotect;
    "stopProtectionGroupNoCG", "Stop protection group", "保护组停止保护", ProtectionGroup, Stop;
    "failoverProtectionGroupNoCG", "Fail over protection group", "保护组故障切换", ProtectionGroup, Failover;
    "reverseProtectionGroupNoCG", "Switch over protection group", "保护组切换", ProtectionGroup, Reverse;
    "createProtectedInstanceNoCG", "Create protected instance", "创建保护实例", ProtectedInstance, Create;
    "deleteProtectedInstanceNoCG", "Delete protected instance", "删除保护实例", ProtectedInstance, Delete;
    "attachReplicationPairNew", "Attach replication pair", "保护实例挂载复制对", ProtectedInstance, AttachReplicationPair;
    "detachReplicationPairNew", "Detach replication pair", "保护实例卸载复制对", ProtectedInstance, DetachReplicationPair;
    "addNicNew", "Add NIC to protected instance", "保护实例添加网卡", ProtectedInstance, AddNic;
    "deleteNicNew", "Delete NIC from protected instance", "保护实例删除网卡", ProtectedInstance, DeleteNic;
    "resizeProtectedInstanceNew", "Resize protected instance", "保护实例变更规格", ProtectedInstance, Resize;
    "createReplicationPairNoCG", "Create replication pair", "创建复制对", ReplicationPair, Create;
    "deleteReplicationPairNoCG", "Delete replication pair", "删除复制对", ReplicationPair, Delete;
    "expandReplicationPairNew", "Expand replication pair", "复制对扩容", ReplicationPair, Expand;
    "createDisasterRecoveryDrill", "Create DR drill", "创建容灾演练", DrDrill, Create;
    "deleteDisasterRecoveryDrill", "Delete DR drill", "删除容灾演练", DrDrill, Delete;
}

/// The catalogue entry of a documented job type.
pub fn job_type_info(job_type: &str) -> Option<&'static JobTypeInfo> {
    JOB_TYPES.iter().find(|info| info.job_type == job_type)
}

/// A label for any job type: the catalogue's, or one derived from the name
/// (`stopProtectionGroupRepNoCG` → "Stop protection group rep"). No type gives "Unknown job".
pub fn job_type_label(job_type: Option<&str>, locale: Locale) -> String {
    let Some(job_type) = job_type.filter(|text| !text.trim().is_empty()) else {
        return match locale {
            Locale::En => "Unknown job".to_owned(),
            Locale::Zh => "未知任务".to_owned(),
        };
    };
    if let Some(info) = job_type_info(job_type) {
        return match locale {
            Locale::En => info.label_en.to_owned(),
            Locale::Zh => info.label_zh.to_owned(),
        };
    }
    humanize(job_type)
}

/// Splits a camelCase name into words, drops the `NoCG`/`New` suffixes the service uses,
/// and capitalises the first word.
fn humanize(name: &str) -> String {
    let trimmed = name.trim();
    let base = ["NoCG", "New"]
        .iter()
        .find_map(|suffix| trimmed.strip_suffix(suffix).filter(|rest| !rest.is_empty()))
        .unwrap_or(trimmed);
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let characters: Vec<char> = base.chars().collect();
    for (position, &character) in characters.iter().enumerate() {
        let boundary = character.is_uppercase()
            && position > 0
            && (characters[position - 1].is_lowercase()
                || characters.get(position + 1).is_some_and(|next| next.is_lowercase()));
        if (boundary || character == '_' || character == '-' || character == ' ')
            && !current.is_empty()
        {
            words.push(std::mem::take(&mut current));
        }
        if character != '_' && character != '-' && character != ' ' {
            current.push(character);
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    let mut label = String::new();
    for (position, word) in words.iter().enumerate() {
        if position > 0 {
            label.push(' ');
        }
        let is_acronym = word.chars().count() > 1
            && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
        if position == 0 {
            let mut characters = word.chars();
            if let Some(first) = characters.next() {
                label.extend(first.to_uppercase());
                label.push_str(characters.as_str());
            }
        } else if is_acronym {
            label.push_str(word);
        } else {
            label.push_str(&word.to_lowercase());
        }
    }
    if label.is_empty() {
        trimmed.to_owned()
    } else {
        label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_codes_round_trip_and_read_language_tags() {
        for locale in [Locale::En, Locale::Zh] {
            assert_eq!(Locale::from_code(locale.code()), Some(locale));
        }
        assert_eq!(Locale::from_code("zh-CN"), Some(Locale::Zh));
        assert_eq!(Locale::from_code(" EN_us "), Some(Locale::En));
        assert_eq!(Locale::from_code("fr"), None);
        assert_eq!(Locale::from_code(""), None);
    }

    #[test]
    fn documented_types_have_both_labels() {
        assert_eq!(JOB_TYPES.len(), 19);
        let info = job_type_info("failoverProtectionGroupNoCG").unwrap();
        assert_eq!(
            (info.resource, info.operation),
            (ResourceKind::ProtectionGroup, Operation::Failover)
        );
        assert_eq!(job_type_label(Some("createDisasterRecoveryDrill"), Locale::Zh), "创建容灾演练");
        for info in JOB_TYPES {
            assert!(!info.label_en.is_empty() && !info.label_zh.is_empty());
        }
    }

    #[test]
    fn undocumented_types_get_readable_labels() {
        assert_eq!(
            job_type_label(Some("stopProtectionGroupRepNoCG"), Locale::En),
            "Stop protection group rep"
        );
        assert_eq!(job_type_label(Some("failoverServerNew"), Locale::Zh), "Failover server");
        assert_eq!(job_type_label(Some("syncEVSVolume"), Locale::En), "Sync EVS volume");
        assert_eq!(job_type_label(Some("snake_case_type"), Locale::En), "Snake case type");
        assert_eq!(job_type_label(Some("New"), Locale::En), "New");
        assert_eq!(job_type_label(None, Locale::En), "Unknown job");
        assert_eq!(job_type_label(Some("  "), Locale::Zh), "未知任务");
    }
}
