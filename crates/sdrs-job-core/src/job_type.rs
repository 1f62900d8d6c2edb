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

/// The `job_type` of the root that holds the jobs a board watches, on one axis
/// ([`crate::board::combine`]): never sent by the service, labelled for people.
pub const COMBINED_JOB_TYPE: &str = "sdrsJobTimelineWatchedJobs";

/// A label for any job type: the catalogue's, or one derived from the name
/// (`stopProtectionGroupRepNoCG` → "Stop protection group rep"). No type gives "Unknown job".
pub fn job_type_label(job_type: Option<&str>, locale: Locale) -> String {
    let Some(job_type) = job_type.filter(|text| !text.trim().is_empty()) else {
        return match locale {
            Locale::En => "Unknown job".to_owned(),
            Locale::Zh => "未知任务".to_owned(),
        };
    };
    if job_type == COMBINED_JOB_TYPE {
        return match locale {
            Locale::En => "Jobs watched together".to_owned(),
            Locale::Zh => "一同查看的任务".to_owned(),
        };
    }
    if let Some(info) = job_type_info(job_type) {
        return match locale {
            Locale::En => info.label_en.to_owned(),
            Locale::Zh => info.label_zh.to_owned(),
        };
    }
    match locale {
        Locale::Zh => in_chinese(job_type).unwrap_or_else(|| humanize(job_type)),
        Locale::En => humanize(job_type),
    }
}

/// Verbs of job type names, in Chinese.
const VERBS_ZH: &[(&str, &str)] = &[
    ("create", "创建"),
    ("delete", "删除"),
    ("start", "启动"),
    ("stop", "停止"),
    ("failover", "故障切换"),
    ("reverse", "切换"),
    ("reprotect", "重保护"),
    ("attach", "挂载"),
    ("detach", "卸载"),
    ("add", "添加"),
    ("resize", "变更规格"),
    ("expand", "扩容"),
    ("sync", "同步"),
    ("rollback", "回滚"),
    ("clear", "清理"),
    ("update", "更新"),
    ("check", "检查"),
    ("power", "电源"),
];

/// Things job type names act on, in Chinese; longer phrases first.
const OBJECTS_ZH: &[(&[&str], &str)] = &[
    (&["disaster", "recovery", "drill"], "容灾演练"),
    (&["protection", "group"], "保护组"),
    (&["protected", "instance"], "保护实例"),
    (&["replication", "pair"], "复制对"),
    (&["drill", "server"], "演练服务器"),
    (&["evs", "volume"], "云硬盘"),
    (&["server"], "服务器"),
    (&["nic"], "网卡"),
    (&["volume"], "磁盘"),
    (&["drill"], "演练"),
    (&["replication"], "复制"),
    (&["rep"], "复制"),
    (&["instance"], "实例"),
    (&["group"], "组"),
];

/// A Chinese label for an undocumented type made of known words: a verb, then what it
/// acts on (`stopProtectionGroupRepNoCG` → 停止保护组复制); none when a word is unknown
/// (then the name's English words are shown, which are not wrong, only not translated).
fn in_chinese(name: &str) -> Option<String> {
    let words: Vec<String> =
        split_words(strip_suffix(name)).iter().map(|word| word.to_lowercase()).collect();
    let (verb, mut rest) = words.split_first()?;
    let mut label = VERBS_ZH.iter().find(|(english, _)| english == verb)?.1.to_owned();
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let (phrase, chinese) = OBJECTS_ZH
            .iter()
            .find(|(phrase, _)| rest.len() >= phrase.len() && rest[..phrase.len()] == **phrase)?;
        label.push_str(chinese);
        rest = &rest[phrase.len()..];
    }
    Some(label)
}

/// The name without the `NoCG`/`New` suffix the service adds.
fn strip_suffix(name: &str) -> &str {
    let trimmed = name.trim();
    ["NoCG", "New"]
        .iter()
        .find_map(|suffix| trimmed.strip_suffix(suffix).filter(|rest| !rest.is_empty()))
        .unwrap_or(trimmed)
}

/// The words of a camelCase (or `snake_case`, `kebab-case`) name; runs of capitals are
/// one word (`syncEVSVolume` → sync, EVS, Volume).
fn split_words(base: &str) -> Vec<String> {
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
    words
}

/// Splits a camelCase name into words, drops the `NoCG`/`New` suffixes the service uses,
/// and capitalises the first word.
fn humanize(name: &str) -> String {
    let trimmed = name.trim();
    let words = split_words(strip_suffix(name));
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
    fn undocumented_types_of_known_words_read_in_chinese() {
        for (name, chinese) in [
            ("stopProtectionGroupRepNoCG", "停止保护组复制"),
            ("startProtectionGroupRepNoCG", "启动保护组复制"),
            ("createReplicationPairRepNoCG", "创建复制对复制"),
            ("stopServerNew", "停止服务器"),
            ("startServerNew", "启动服务器"),
            ("failoverReplicationPairNew", "故障切换复制对"),
            ("failoverProtectedInstanceNoCG", "故障切换保护实例"),
            ("createDrillServerNew", "创建演练服务器"),
            ("syncEVSVolumeRepNew", "同步云硬盘复制"),
        ] {
            assert_eq!(job_type_label(Some(name), Locale::Zh), chinese, "{name}");
        }
        // A word we do not know: the English words, not a half translation.
        assert_eq!(job_type_label(Some("stopWidgetNew"), Locale::Zh), "Stop widget");
        assert_eq!(job_type_label(Some("stopNew"), Locale::Zh), "Stop");
    }

    #[test]
    fn undocumented_types_get_readable_labels() {
        assert_eq!(
            job_type_label(Some("stopProtectionGroupRepNoCG"), Locale::En),
            "Stop protection group rep"
        );
        assert_eq!(job_type_label(Some("failoverServerNew"), Locale::Zh), "故障切换服务器");
        assert_eq!(job_type_label(Some("frobnicateServerNew"), Locale::Zh), "Frobnicate server");
        assert_eq!(job_type_label(Some("syncEVSVolume"), Locale::En), "Sync EVS volume");
        assert_eq!(job_type_label(Some("snake_case_type"), Locale::En), "Snake case type");
        assert_eq!(job_type_label(Some("New"), Locale::En), "New");
        assert_eq!(job_type_label(None, Locale::En), "Unknown job");
        assert_eq!(job_type_label(Some("  "), Locale::Zh), "未知任务");
    }
}
