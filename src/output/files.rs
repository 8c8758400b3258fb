//! Every file name of an output folder. A new output file gets its name here first; its writer
//! and its reader both take it from here.

/// The marker that says spillway made a folder (and may replace it).
pub const MARKER: &str = ".spillway-output";
/// Sub-folder that holds the charts (`<stem>.png` and `<stem>.svg`), in every kind of folder.
pub const CHARTS_DIR: &str = "charts";
/// The page for people, in every kind of folder.
pub const REPORT: &str = "report.md";
/// `report.md` as one self-contained page (charts inline as SVG), in every kind of folder.
pub const REPORT_HTML: &str = "report.html";
/// Every CSV of the folder as a sheet, with `summary` (a run) and `assumptions` sheets
/// (`output::xlsx`), in every kind of folder.
pub const RESULTS_XLSX: &str = "results.xlsx";
/// The extension of the folder's CSVs (each a sheet of `results.xlsx`; `--excel-csv` marks them).
pub const CSV_EXTENSION: &str = "csv";

// A run folder.
/// The machine-readable summary: the contract for users' scripts.
pub const SUMMARY: &str = "summary.json";
pub const CAPACITIES: &str = "capacities.csv";
pub const MONTHLY: &str = "energy_by_use_monthly.csv";
pub const DISPATCH: &str = "dispatch.csv";
pub const CURTAILMENT: &str = "curtailment.csv";
pub const PRICES: &str = "prices.csv";
/// The curtailment duration curve; in a compare folder, every case's curve (long format).
pub const DURATION: &str = "curtailment_duration.csv";
/// Every key the scenario files set, with its comment (see `scenario::assumptions`).
pub const ASSUMPTIONS: &str = "assumptions.csv";
/// `run --check-accuracy`: the run against the hourly model (`run::ACCURACY_COLUMNS`).
pub const ACCURACY: &str = "accuracy.csv";
/// A scenario with projects that come whole: every combination of their choices
/// (`run::lumpy_columns`).
pub const LUMPY_COMBINATIONS: &str = "lumpy_combinations.csv";
/// The baseline's `summary.json` and `curtailment_duration.csv`, copied at run time.
pub const BASELINE_SUMMARY: &str = "baseline_summary.json";
pub const BASELINE_DURATION: &str = "baseline_curtailment_duration.csv";

// A compare folder.
pub const COMPARE_CSV: &str = "compare.csv";
pub const COMPARE_JSON: &str = "compare.json";

// A sweep folder.
pub const SWEEP_CSV: &str = "sweep.csv";
pub const SWEEP_JSON: &str = "sweep.json";
pub const SWEEP_TIMING: &str = "sweep_timing.csv";

// A pathway folder (`[periods]`, issue 12; columns and JSON in `output::pathway`).
/// The pathway's totals, its periods and when each option enters.
pub const PATHWAY_JSON: &str = "pathway.json";
/// Capacity per period and option or line: existing and committed, new, total.
pub const CAPACITY_BY_PERIOD: &str = "capacity_by_period.csv";
/// Energy by use and spill per period, TWh over the period's representative year.
pub const ENERGY_BY_PERIOD: &str = "energy_by_period.csv";

// A stochastic run folder (besides a run's files; `output::stochastic`).
/// The stochastic plan in each hydrology year.
pub const YEARS: &str = "years.csv";
/// Every plan (each year's optimum, the mean-year plan, the stochastic plan) in every year.
pub const REGRET: &str = "regret.csv";
