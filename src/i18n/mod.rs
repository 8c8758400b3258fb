//! Chinese output: the language (`Lang`), the one English → Chinese table of the words the
//! charts and reports print, and the `Translator` that applies it.
//!
//! Charts and report writers keep writing English; translation happens in one place at the end:
//! - charts: `report::figures::finish` opens a [`scope`] with the folder's translator, and the
//!   text layer (`charts::text`) translates every string as it is measured and drawn;
//! - report.md: `finish` translates the finished markdown line by line ([`Translator::markdown`]);
//! - printed tables: `print_zh` translates the table `run` and `compare` print, line by line.
//!
//! **Adding a word** is one line in [`chart_words`] (run chart titles, axes, legends, ticks),
//! [`report_words`] (run report sentences) or [`study_words`] (compare and sweep, and the
//! printed tables): an exact string, or a pattern whose `{0}`, `{1}` … stand for any text
//! (translated in turn, so names and numbers inside come out right; `{0:n}` a number only).
//! Node, line and option names come from the scenario's `label` / `label_zh` ([`names`]); a
//! compare or sweep folder keeps them in its JSON (`output::names`). `tests/zh_coverage.rs`
//! fails when a chart or report prints English that no entry covers.
//!
//! In English the translator changes nothing but names: a component's key-based name
//! ("line aba_chengdu_1000kv") is shown as its `label` when the scenario gives one.

mod chart_words;
mod lang;
pub mod names;
mod report_words;
mod study_words;
mod table;
mod translate;

pub use lang::Lang;
pub use translate::{current, scope, take_missing, verbatim, Translator};
