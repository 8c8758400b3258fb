//! The names people read, kept in a compare or sweep folder (`compare.json`, `sweep.json`) so
//! its report and charts can be drawn again from the folder alone: every `label` / `label_zh`
//! the scenario set, by key path (`lines.aba_chengdu_1000kv.label`), and its `lang`.
//!
//! A run folder has them in `assumptions.csv` already; a compare or sweep folder has no
//! scenario of its own, so its writer copies them here: a sweep the base scenario's, a compare
//! the first case's, with the labels of later cases added where the first has none.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// `lang` and `labels` of `compare.json` and `sweep.json` (both absent in older folders, and
/// each left out when empty).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FolderNames {
    /// The scenario's `lang` (a sweep's base scenario's, a comparison's first case's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// `<table>.<key>.label` and `….label_zh` → the name as written, without quotes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// The scenario's generator keys (`jinchuan`): generators have no label, so their keys are
    /// the names shown, as written, in every language.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub generators: BTreeSet<String>,
}

impl FolderNames {
    /// From a scenario's `key = value` pairs (its assumptions): the labels only.
    pub fn from_values<'a>(
        values: impl Iterator<Item = (&'a str, &'a str)>,
        lang: Option<Lang>,
    ) -> FolderNames {
        let mut labels = BTreeMap::new();
        let mut generators = BTreeSet::new();
        for (k, v) in values {
            if k.ends_with(".label") || k.ends_with(".label_zh") {
                labels.insert(k.to_string(), v.trim().trim_matches('"').to_string());
            }
            if let Some(g) = k
                .strip_prefix("generators.")
                .and_then(|g| g.split('.').next())
            {
                generators.insert(g.to_string());
            }
        }
        FolderNames {
            lang,
            labels,
            generators,
        }
    }

    /// Add the labels of `other` that this one does not have (a later case of a comparison).
    pub fn add_missing(&mut self, other: FolderNames) {
        for (k, v) in other.labels {
            self.labels.entry(k).or_insert(v);
        }
        self.generators.extend(other.generators);
    }

    /// The language to draw in: `--lang` wins, then the scenario's, then English.
    pub fn lang_or(&self, flag: Option<Lang>) -> Lang {
        flag.or(self.lang).unwrap_or_default()
    }

    /// The translator of this folder's drawing.
    pub fn translator(&self, flag: Option<Lang>) -> crate::i18n::Translator {
        let lang = self.lang_or(flag);
        // A generator's key path with no value makes its key known to the translator.
        let keys: Vec<String> = (self.generators.iter())
            .map(|g| format!("generators.{g}"))
            .collect();
        let values = (self.labels.iter())
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .chain(keys.iter().map(|k| (k.as_str(), "")));
        crate::i18n::Translator::new(lang, crate::i18n::names::Names::from_values(values, lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_kept_unquoted_the_first_case_wins_and_the_flag_wins() {
        let rows = [
            ("lines.x.label", "\"Aba–Chengdu East 1000 kV line\""),
            ("lines.x.capex_cny_per_kw", "6000"),
            ("nodes.se.label_zh", "\"东南\""),
            ("generators.jinchuan.capacity_mw", "860"),
        ];
        let mut n = FolderNames::from_values(rows.into_iter(), Some(Lang::Zh));
        assert_eq!(n.labels.len(), 2);
        assert!(n.generators.contains("jinchuan"));
        assert_eq!(n.labels["nodes.se.label_zh"], "东南");
        let later = [("lines.x.label", "other"), ("nodes.se.label", "South-east")];
        n.add_missing(FolderNames::from_values(later.into_iter(), None));
        assert_eq!(n.labels["lines.x.label"], "Aba–Chengdu East 1000 kV line");
        assert_eq!(n.labels["nodes.se.label"], "South-east");
        assert_eq!(n.lang_or(None), Lang::Zh);
        assert_eq!(n.lang_or(Some(Lang::En)), Lang::En);
        let en = n.translator(Some(Lang::En));
        assert_eq!(en.text("the line x"), "Aba–Chengdu East 1000 kV line");
    }
}
