//! What an output folder leaves for people: charts (`charts/*.png`, `charts/*.svg`) and
//! `report.md`, drawn from the files in the folder, never from memory.
//!
//! Writers (`run`, `compare`, `sweep`/`merge`) write their files into their temporary folder and
//! call the drawing of their kind ([`run::draw`], [`compare::draw`], [`sweep::draw`]) on it
//! before the rename; `spillway plot DIR` calls [`draw`], which recognises the folder by the file
//! only that command writes. So `plot` reproduces byte for byte what the command drew. Everything
//! here reads the files through the contract in `crate::output`, and nothing here imports a
//! writer: the report can never change a result file.
//!
//! - [`run`]: a run's five charts and its one-page report;
//! - [`compare`]: a comparison's three charts and its report;
//! - [`sweep`]: a sweep's charts, chosen by its design, and its report;
//! - [`pathway`]: a pathway's capacity by period and its report;
//! - [`figures`]: the one [`figures::Figures`] they all draw into, and [`figures::finish`], the
//!   one way a drawing ends (charts folder, stale charts removed, `report.md` written);
//! - `html`: `report.html`, report.md's text as one self-contained page with the charts inline;
//! - [`read`], `words`, `uses`: reading a results file, the words the reports share, and the
//!   energy-use lists the charts stack by.

pub mod compare;
pub mod figures;
mod html;
pub mod pathway;
pub mod read;
pub mod run;
pub mod sweep;
mod uses;
mod words;

use crate::error::{Error, InputProblem, Result};
use crate::i18n::Lang;
use crate::output::files::{COMPARE_CSV, PATHWAY_JSON, SUMMARY, SWEEP_CSV};
pub use figures::Drawn;
use std::path::Path;

/// What kind of output folder `spillway plot` was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderKind {
    Run,
    Compare,
    Sweep,
    Pathway,
}

/// Recognise a folder by the file only that command writes.
pub fn detect(dir: &Path) -> Result<FolderKind> {
    for (file, kind) in [
        (SUMMARY, FolderKind::Run),
        (COMPARE_CSV, FolderKind::Compare),
        (SWEEP_CSV, FolderKind::Sweep),
        (PATHWAY_JSON, FolderKind::Pathway),
    ] {
        if dir.join(file).is_file() {
            return Ok(kind);
        }
    }
    Err(Error::input(
        InputProblem::new(
            "",
            format!("not a spillway output folder: no {SUMMARY} (run), {COMPARE_CSV} (compare) or {SWEEP_CSV} (sweep)"),
        )
        .in_file(dir),
    ))
}

/// Redraw the charts and `report.md` of any output folder (`spillway plot DIR`, and `run` on
/// its own folder). A missing or malformed result file is an input error (exit 2); a file that
/// cannot be written is an output error (exit 5).
///
/// `lang` is `--lang`; without it a run folder is drawn in the `lang` its scenario set (read
/// from `assumptions.csv`), and any other folder in English.
pub fn draw(dir: &Path, lang: Option<Lang>) -> Result<Drawn> {
    match detect(dir)? {
        FolderKind::Run => run::draw(dir, lang),
        FolderKind::Compare => compare::draw(dir, lang),
        FolderKind::Sweep => sweep::draw(dir, lang),
        FolderKind::Pathway => pathway::draw(dir, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_known_by_their_own_file() {
        let d = tempfile::tempdir().unwrap();
        assert!(detect(d.path()).is_err());
        std::fs::write(d.path().join(SWEEP_CSV), "point\n").unwrap();
        assert_eq!(detect(d.path()).unwrap(), FolderKind::Sweep);
        std::fs::write(d.path().join(SUMMARY), "{}").unwrap();
        assert_eq!(detect(d.path()).unwrap(), FolderKind::Run);
    }
}
