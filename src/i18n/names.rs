//! The names of a scenario's nodes, lines and options as people read them: `label` (English)
//! and `label_zh` (Chinese) from the scenario, keyed by every form the report and chart code
//! prints when it has only the key ("line aba_chengdu_1000kv", "the line aba_chengdu_1000kv",
//! "industry: silicon", the node's English label …).

use super::Lang;
use std::collections::HashMap;

/// Shown name by the text the code would otherwise print.
#[derive(Debug, Clone, Default)]
pub struct Names {
    by_text: HashMap<String, String>,
}

impl Names {
    pub fn get(&self, text: &str) -> Option<&str> {
        self.by_text.get(text).map(String::as_str)
    }

    /// From a scenario's `key = value` pairs (e.g. `assumptions.csv`'s rows: `lines.x.label`,
    /// values with or without their TOML quotes), for `lang`. A component without the label of
    /// its language keeps the forms its key gives it.
    pub fn from_values<'a>(values: impl Iterator<Item = (&'a str, &'a str)>, lang: Lang) -> Names {
        let values: HashMap<&str, String> = values
            .map(|(k, v)| (k, v.trim().trim_matches('"').to_string()))
            .collect();
        let mut by_text = HashMap::new();
        for key in values.keys().filter_map(|k| k.strip_suffix(".label")) {
            let english = &values[&*format!("{key}.label")];
            let shown = match lang {
                Lang::En => Some(english.clone()),
                Lang::Zh => values.get(&*format!("{key}.label_zh")).cloned(),
            };
            let Some(shown) = shown.filter(|s| !s.is_empty()) else {
                continue;
            };
            for form in printed_forms(key, english) {
                if form != shown {
                    by_text.insert(form, shown.clone());
                }
            }
            if let (Some(short_en), Some(short)) = (short(english), short(&shown)) {
                if short_en != short {
                    by_text.insert(short_en.to_string(), short.to_string());
                }
            }
        }
        Names { by_text }
    }
}

/// The label up to its first parenthesis ("South-east", "西南"), when it has one.
pub fn short(label: &str) -> Option<&str> {
    let cut = label.find([' ', '（', '('])?;
    let head = label[..cut].trim();
    (label[cut..].trim_start().starts_with(['(', '（']) && !head.is_empty()).then_some(head)
}

/// What the code prints for a scenario key path (`lines.x`, `options.industry.silicon`, …)
/// when it knows only the key, and the English label itself (so Chinese replaces it too).
fn printed_forms(key: &str, english: &str) -> Vec<String> {
    let mut forms = vec![english.to_string()];
    let (kind, name) = key.split_once('.').unwrap_or((key, ""));
    match kind {
        "lines" => forms.extend([
            format!("line {name}"),
            format!("the line {name}"),
            format!("line.{name}"),
            name.to_string(),
        ]),
        "nodes" => forms.push(name.to_string()),
        "options" => match name.split_once('.') {
            Some(("industry", p)) => forms.extend([
                format!("industry: {p}"),
                format!("{p} plants"),
                format!("industry.{p}"),
            ]),
            Some((_, s)) => forms.extend([s.to_string(), format!("storage.{s}")]),
            None => forms.push(name.to_string()),
        },
        _ => {}
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_printed_form_of_a_key_shows_the_label_of_the_language() {
        let rows = [
            (
                "lines.aba_chengdu_1000kv.label",
                "\"Aba–Chengdu East 1000 kV line\"",
            ),
            (
                "lines.aba_chengdu_1000kv.label_zh",
                "\"阿坝—成都东1000千伏线路\"",
            ),
            ("nodes.nw.label", "\"North-west (Aba, Ruo'ergai)\""),
            ("nodes.nw.label_zh", "\"西北（阿坝、若尔盖）\""),
            ("nodes.se.label", "\"South-east\""),
        ];
        let en = Names::from_values(rows.iter().copied(), Lang::En);
        assert_eq!(
            en.get("line aba_chengdu_1000kv"),
            Some("Aba–Chengdu East 1000 kV line")
        );
        assert_eq!(en.get("North-west"), None); // the label is itself in English
        let zh = Names::from_values(rows.iter().copied(), Lang::Zh);
        assert_eq!(
            zh.get("the line aba_chengdu_1000kv"),
            Some("阿坝—成都东1000千伏线路")
        );
        assert_eq!(
            zh.get("North-west (Aba, Ruo'ergai)"),
            Some("西北（阿坝、若尔盖）")
        );
        assert_eq!(zh.get("North-west"), Some("西北"));
        // No label_zh: the key's forms stay for the table to translate.
        assert_eq!(zh.get("se"), None);
    }
}
