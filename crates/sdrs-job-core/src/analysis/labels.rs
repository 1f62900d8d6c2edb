//! Readable labels of job types, stored once per distinct type.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::job_type::{job_type_info, job_type_label, Locale};
use crate::model::{JobIndex, JobRef, JobTree};

/// Job type labels, stored once per distinct type.
#[derive(Debug, Clone, Default)]
pub(super) struct Labels {
    /// Per job, its entry in `labels`.
    label_of: Vec<u32>,
    /// Distinct labels: (English, Chinese).
    labels: Vec<(Cow<'static, str>, Cow<'static, str>)>,
}

impl Labels {
    pub(super) fn new(tree: &JobTree) -> Labels {
        // A job has one of a few dozen types: a short list searched most-recent-first beats
        // hashing every job's type; past 32 distinct types (odd data) a map takes over.
        let mut types: Vec<Option<&str>> = Vec::new();
        let mut type_ids: HashMap<Option<&str>, u32> = HashMap::new();
        let mut labels = Vec::new();
        let mut last: Option<(Option<&str>, u32)> = None;
        let label_of = tree
            .iter()
            .map(|job| {
                let job_type = job.job_type();
                if let Some((seen, id)) = last {
                    if seen == job_type {
                        return id;
                    }
                }
                let found = if types.len() <= 32 {
                    types.iter().position(|known| *known == job_type).map(|id| id as u32)
                } else {
                    type_ids.get(&job_type).copied()
                };
                let id = found.unwrap_or_else(|| {
                    labels.push((label(job, Locale::En), label(job, Locale::Zh)));
                    let id = labels.len() as u32 - 1;
                    types.push(job_type);
                    if types.len() > 32 {
                        if type_ids.is_empty() {
                            type_ids.extend(
                                types.iter().enumerate().map(|(id, known)| (*known, id as u32)),
                            );
                        } else {
                            type_ids.insert(job_type, id);
                        }
                    }
                    id
                });
                last = Some((job_type, id));
                id
            })
            .collect();
        Labels { label_of, labels }
    }

    pub(super) fn get(&self, index: JobIndex, locale: Locale) -> &str {
        let (english, chinese) = &self.labels[self.label_of[index] as usize];
        match locale {
            Locale::En => english,
            Locale::Zh => chinese,
        }
    }
}

/// The label of a job's type: the catalogue's, or one made from the type's name.
pub(super) fn label(job: JobRef<'_>, locale: Locale) -> Cow<'static, str> {
    match job.job_type().and_then(job_type_info) {
        Some(info) => Cow::Borrowed(match locale {
            Locale::En => info.label_en,
            Locale::Zh => info.label_zh,
        }),
        None => Cow::Owned(job_type_label(job.job_type(), locale)),
    }
}
