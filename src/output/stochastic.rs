//! The files of a stochastic run (issue 11): `years.csv` (the plan in each year),
//! `regret.csv` (every plan in every year) and summary.json's `stochastic` object. Names here
//! are a contract: planners script against them.

use serde::{Deserialize, Serialize};

/// `years.csv`: one row per hydrology year, the stochastic plan's outcome in it. Money is CNY
/// over the horizon (a year at 8,760 h), capital included.
pub const YEARS_COLUMNS: [&str; 11] = [
    YEAR,
    PROBABILITY,
    RELATIVE_TO_MEAN,
    "spill_twh",
    "hydro_spill_twh",
    "export_twh",
    "hydrogen_twh",
    "hydrogen_kt",
    TOTAL_COST_CNY,
    "status_quo_cost_cny",
    NET_BENEFIT_CNY,
];
/// The year's label: `P10` for a design year, `1998` for a record year.
pub const YEAR: &str = "year";
pub const PROBABILITY: &str = "probability";
pub const RELATIVE_TO_MEAN: &str = "relative_to_mean";
pub const TOTAL_COST_CNY: &str = "total_cost_cny";
/// Status quo's cost in the year − the plan's (positive: building pays in that year).
pub const NET_BENEFIT_CNY: &str = "net_benefit_cny";

/// `regret.csv`: one row per plan and year, then one per plan with `year` = `expected`
/// (probability-weighted cost and regret); then `capacity_mw.<key>` of each plan.
pub const REGRET_COLUMNS: [&str; 7] = [
    PLAN,
    PLAN_KIND,
    YEAR,
    PROBABILITY,
    COST_CNY,
    BEST_COST_CNY,
    REGRET_CNY,
];
/// The plan: a year's label (the plan optimal for that year alone), `mean_year`, `stochastic`.
pub const PLAN: &str = "plan";
/// `single_year`, `mean_year` or `stochastic`.
pub const PLAN_KIND: &str = "plan_kind";
pub const COST_CNY: &str = "cost_cny";
/// The cost of the year's own optimum (empty without the regret table).
pub const BEST_COST_CNY: &str = "best_cost_cny";
/// cost − best cost.
pub const REGRET_CNY: &str = "regret_cny";
/// The `year` of a plan's expected row.
pub const EXPECTED: &str = "expected";
pub const SINGLE_YEAR: &str = "single_year";
pub const MEAN_YEAR: &str = "mean_year";
pub const STOCHASTIC: &str = "stochastic";
/// `capacity_mw.<key>` per key of `capacity_built_mw`, as in sweep.csv.
pub use super::sweep::capacity_column;

/// summary.json's `stochastic` (absent for other runs).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StochasticSummary {
    /// The years' labels, in order.
    pub years: Vec<String>,
    pub probabilities: Vec<f64>,
    /// Annual inflow ÷ the record's mean, per year.
    pub relative_to_mean: Vec<f64>,
    /// EEV − RP, CNY (computed with `regret = false` too: it needs only the mean-year plan in
    /// every year).
    pub vss_cny: Option<f64>,
    /// RP − WS, CNY (computed with `regret = false` too: it needs only each year's optimum).
    pub evpi_cny: Option<f64>,
    /// Benders' final relative gap (0 for the extensive form).
    pub gap: f64,
    /// `extensive` or `benders`.
    pub method: String,
    pub iterations: usize,
    /// The stochastic LP's optimum (with CVaR: the risk-weighted objective), CNY.
    pub objective_cny: f64,
    /// Benders' bounds (both the objective for the extensive form), CNY.
    pub lower_bound_cny: f64,
    pub upper_bound_cny: f64,
    /// RP: the stochastic plan's probability-weighted cost over the years, CNY.
    pub expected_cost_cny: f64,
    pub cvar_alpha: f64,
    pub cvar_weight: f64,
    /// The year whose dispatch the run's other files show (volume nearest the mean).
    pub representative_year: String,
}

/// A row of `years.csv`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct YearRow {
    pub year: String,
    pub probability: f64,
    pub relative_to_mean: f64,
    pub spill_twh: f64,
    pub hydro_spill_twh: f64,
    pub export_twh: f64,
    pub hydrogen_twh: f64,
    pub hydrogen_kt: f64,
    pub total_cost_cny: f64,
    pub status_quo_cost_cny: f64,
    pub net_benefit_cny: f64,
}

/// A row of `regret.csv` (`year` = `expected` for a plan's probability-weighted row).
#[derive(Debug, Clone, PartialEq)]
pub struct RegretRow {
    pub plan: String,
    pub plan_kind: String,
    pub year: String,
    /// None on an expected row.
    pub probability: Option<f64>,
    pub cost_cny: f64,
    pub best_cost_cny: Option<f64>,
    pub regret_cny: Option<f64>,
    /// `capacity_built_mw` of the plan.
    pub capacity_mw: std::collections::BTreeMap<String, f64>,
}

/// Decimals of each unit, as in `sweep.csv`: CNY to the fen, MW to the kW, TWh to the MWh,
/// kt to the kg; a volume ratio to 1e-6.
const CNY_DECIMALS: usize = 2;
const MW_DECIMALS: usize = 3;
const TWH_DECIMALS: usize = 6;
const KT_DECIMALS: usize = 4;
const RATIO_DECIMALS: usize = 6;

/// A probability rounded to 1e-12 and printed shortest (as `sweep.csv`'s
/// `hydrology_probability`), so a design year's band 0.825 − 0.625 prints as 0.2.
fn probability_cell(p: f64) -> String {
    format!("{}", (p * 1e12).round() / 1e12)
}

fn cell(x: Option<f64>, decimals: usize) -> String {
    x.map_or(String::new(), |v| super::fixed(v, decimals))
}

/// Write `years.csv`, each unit to its decimals.
pub fn write_years(path: &std::path::Path, rows: &[YearRow]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record(YEARS_COLUMNS)?;
    for r in rows {
        let twh = |v: f64| super::fixed(v, TWH_DECIMALS);
        let cny = |v: f64| super::fixed(v, CNY_DECIMALS);
        w.write_record([
            r.year.clone(),
            probability_cell(r.probability),
            super::fixed(r.relative_to_mean, RATIO_DECIMALS),
            twh(r.spill_twh),
            twh(r.hydro_spill_twh),
            twh(r.export_twh),
            twh(r.hydrogen_twh),
            super::fixed(r.hydrogen_kt, KT_DECIMALS),
            cny(r.total_cost_cny),
            cny(r.status_quo_cost_cny),
            cny(r.net_benefit_cny),
        ])?;
    }
    w.flush()
}

/// Read `years.csv`.
pub fn read_years(path: &std::path::Path) -> Result<Vec<YearRow>, String> {
    let mut r = csv::Reader::from_path(path).map_err(|e| e.to_string())?;
    r.deserialize()
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Write `regret.csv`; the capacity columns are the union of the plans' keys.
pub fn write_regret(path: &std::path::Path, rows: &[RegretRow]) -> std::io::Result<()> {
    let keys: std::collections::BTreeSet<&String> =
        rows.iter().flat_map(|r| r.capacity_mw.keys()).collect();
    let mut w = csv::Writer::from_path(path)?;
    let mut header: Vec<String> = REGRET_COLUMNS.iter().map(|s| s.to_string()).collect();
    header.extend(keys.iter().map(|k| capacity_column(k)));
    w.write_record(&header)?;
    for r in rows {
        let mut rec = vec![
            r.plan.clone(),
            r.plan_kind.clone(),
            r.year.clone(),
            r.probability.map_or(String::new(), probability_cell),
            cell(Some(r.cost_cny), CNY_DECIMALS),
            cell(r.best_cost_cny, CNY_DECIMALS),
            cell(r.regret_cny, CNY_DECIMALS),
        ];
        let mw = |k: &String| cell(r.capacity_mw.get(k).copied(), MW_DECIMALS);
        rec.extend(keys.iter().map(|k| mw(k)));
        w.write_record(&rec)?;
    }
    w.flush()
}

/// Read `regret.csv`.
pub fn read_regret(path: &std::path::Path) -> Result<Vec<RegretRow>, String> {
    let err = |e: csv::Error| format!("{}: {e}", path.display());
    let mut r = csv::Reader::from_path(path).map_err(err)?;
    let header = r.headers().map_err(err)?.clone();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("{}: no column `{name}`", path.display()))
    };
    let idx: Vec<usize> = REGRET_COLUMNS
        .iter()
        .map(|c| col(c))
        .collect::<Result<_, _>>()?;
    let prefix = super::sweep::CAPACITY_PREFIX;
    let caps: Vec<(usize, String)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| h.strip_prefix(prefix).map(|k| (i, k.to_string())))
        .collect();
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(err)?;
        let text = |i: usize| rec.get(i).unwrap_or("").to_string();
        let num = |i: usize| rec.get(i).and_then(|s| s.parse::<f64>().ok());
        rows.push(RegretRow {
            plan: text(idx[0]),
            plan_kind: text(idx[1]),
            year: text(idx[2]),
            probability: num(idx[3]),
            cost_cny: num(idx[4]).unwrap_or(f64::NAN),
            best_cost_cny: num(idx[5]),
            regret_cny: num(idx[6]),
            capacity_mw: caps
                .iter()
                .filter_map(|(i, k)| num(*i).map(|v| (k.clone(), v)))
                .collect(),
        });
    }
    Ok(rows)
}
