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
    /// The scenario's component keys (`jinchuan`): a name a planner gave, shown as written
    /// where it has no label (generators have none).
    keys: std::collections::HashSet<String>,
}

impl Names {
    /// The shown name of `text`, also when a sentence starts with it ("The line ac",
    /// "Electrolysers"): then the name of its lower-case form, with a capital if it has one.
    pub fn get(&self, text: &str) -> Option<std::borrow::Cow<'_, str>> {
        if let Some(n) = self.by_text.get(text) {
            return Some(n.as_str().into());
        }
        let first = text.chars().next().filter(char::is_ascii_uppercase)?;
        let lower = format!("{}{}", first.to_ascii_lowercase(), &text[1..]);
        let n = self.by_text.get(&lower)?;
        let mut c = n.chars();
        let head = c.next()?;
        Some(format!("{}{}", head.to_uppercase(), c.as_str()).into())
    }

    /// Whether `text` is one of the scenario's component keys.
    pub fn is_key(&self, text: &str) -> bool {
        self.keys.contains(text)
    }

    /// From a scenario's `key = value` pairs (e.g. `assumptions.csv`'s rows: `lines.x.label`,
    /// values with or without their TOML quotes), for `lang`. A component without the label of
    /// its language keeps the forms its key gives it.
    pub fn from_values<'a>(values: impl Iterator<Item = (&'a str, &'a str)>, lang: Lang) -> Names {
        let values: HashMap<&str, String> = values
            .map(|(k, v)| (k, v.trim().trim_matches('"').to_string()))
            .collect();
        let keys = values.keys().filter_map(|k| component_key(k)).collect();
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
        Names { by_text, keys }
    }
}

/// The component a key path belongs to (`generators.jinchuan.capacity_mw` → `jinchuan`).
fn component_key(path: &str) -> Option<String> {
    let mut parts = path.split('.');
    let table = parts.next()?;
    ["generators", "nodes", "lines", "options"]
        .contains(&table)
        .then(|| parts.next().map(String::from))?
}

/// The label up to its first parenthesis ("South-east", "Upper valley", "西南"), when it has
/// one.
pub fn short(label: &str) -> Option<&str> {
    let cut = label.find(['（', '('])?;
    let head = label[..cut].trim();
    (!head.is_empty()).then_some(head)
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
            Some("Aba–Chengdu East 1000 kV line".into())
        );
        assert_eq!(
            en.get("The line aba_chengdu_1000kv").as_deref(),
            Some("Aba–Chengdu East 1000 kV line")
        );
        assert_eq!(en.get("North-west"), None); // the label is itself in English
        let zh = Names::from_values(rows.iter().copied(), Lang::Zh);
        assert_eq!(
            zh.get("the line aba_chengdu_1000kv").as_deref(),
            Some("阿坝—成都东1000千伏线路")
        );
        assert_eq!(
            zh.get("North-west (Aba, Ruo'ergai)").as_deref(),
            Some("西北（阿坝、若尔盖）")
        );
        assert_eq!(zh.get("North-west").as_deref(), Some("西北"));
        assert_eq!(short("Upper valley (Ma'erkang)"), Some("Upper valley"));
        assert_eq!(short("Sichuan grid"), None);
        // No label_zh: the key's forms stay for the table to translate.
        assert_eq!(zh.get("se"), None);
    }
}
