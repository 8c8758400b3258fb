//! The language of the words people read: report.md, chart titles, axes and legends.

use serde::{Deserialize, Serialize};

/// `en` (the default) or `zh` (Simplified Chinese). Set by `--lang` on `run`, `compare`,
/// `sweep` and `plot`, or by `lang = "zh"` in a scenario (the flag wins). Result files (CSV,
/// JSON) never change with it: only what is drawn and written for people does.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The scenario/CLI spelling (`en`, `zh`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// Read the spelling a scenario file or `assumptions.csv` holds (quotes allowed).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().trim_matches('"') {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }
}
