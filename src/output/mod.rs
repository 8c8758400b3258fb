//! The file contract: what every output folder holds, by name, column and JSON shape.
//!
//! Planners script against these files, so their names, CSV columns and JSON keys are a
//! contract. Writers (`results::write`, `compare`, `sweep::output`, `sweep::merge`) and readers
//! (`report`) both import them from here and from nowhere else, so data flows one way:
//! results → files (this contract) → charts and reports, and no reader imports a writer.
//!
//! - [`files`]: every file name of a run, compare and sweep folder;
//! - [`run`]: the columns of a run's CSVs and the part of `summary.json` the report reads;
//! - [`compare`]: `compare.csv`'s columns and metrics, `compare.json` as read back;
//! - [`sweep`]: `sweep.csv`'s and `sweep_timing.csv`'s columns, `sweep.json` ([`sweep::SweepMeta`]);
//! - [`pathway`]: `capacity_by_period.csv`'s and `energy_by_period.csv`'s columns, `pathway.json`;
//! - [`provenance`]: `summary.json`'s `provenance` (version, commit, input files' hashes);
//! - [`names`]: the labels and `lang` a compare or sweep folder keeps for its report;
//! - [`xlsx`]: `results.xlsx`, every CSV of a folder as a sheet, made from the folder's files;
//! - [`excel_csv`]: `--excel-csv`, a UTF-8 byte-order mark on every CSV;
//! - [`folder`]: how any of them is written: all at once, into a folder spillway marks as its own.

pub mod compare;
pub mod excel_csv;
pub mod files;
pub mod folder;
pub mod names;
pub mod pathway;
pub mod provenance;
pub mod run;
pub mod stochastic;
pub mod sweep;
pub mod units;
pub mod xlsx;

/// A number with fixed decimals, as `compare.csv` and `sweep.csv` write it: solver noise around
/// zero (−0.000) is written as 0, and a value that is not finite as an empty cell.
pub fn fixed(x: f64, digits: usize) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let s = format!("{x:.digits$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn fixed_cells_drop_the_sign_of_zero_and_leave_non_numbers_empty() {
        assert_eq!(fixed(-0.0000001, 3), "0.000");
        assert_eq!(fixed(-0.5, 1), "-0.5");
        assert_eq!(fixed(2.25, 1), "2.2");
        assert_eq!(fixed(f64::NAN, 2), "");
    }
}
