//! `spillway breakeven`: the value of one parameter at which an option starts to be built.
//!
//! A search on full solves: the option counts as built when its `capacity_built_mw` exceeds
//! `BUILT_THRESHOLD_MW` (1 MW: well above an interior-point solver's noise of ~1e-6 MW, well
//! below any plant worth planning). With `k` threads each round solves `k` evenly spaced points
//! inside the bracket at once and keeps the sub-interval where the answer changes, so the
//! bracket shrinks by `k + 1` per round (bisection for one thread). The search assumes the
//! answer changes once in the bracket (it does for a price or a cost of the option itself).

use crate::error::{Error, InputProblem, Result};
use crate::inputs::Inputs;
use crate::scenario::{did_you_mean, LoadedScenario};
use crate::study::{self, RunSettings};
use crate::sweep::{capacity_keys, path};
use rayon::prelude::*;
use serde::Serialize;
use std::path::PathBuf;
use toml::Value;

/// Capacity above which an option counts as built, MW.
pub const BUILT_THRESHOLD_MW: f64 = 1.0;

#[derive(Debug, Clone)]
pub struct BreakevenOptions {
    pub scenario: PathBuf,
    /// Key path of the parameter, e.g. `market.hydrogen_price_cny_per_kg`.
    pub param: String,
    /// A key of `capacity_built_mw`, e.g. `electrolyser` or `line.aba_chengdu_1000kv`.
    pub option: String,
    /// Bracket (default: 0 and twice the base value).
    pub lo: Option<f64>,
    pub hi: Option<f64>,
    /// Stop when the bracket is this narrow (default: 1/1000 of the starting bracket).
    pub tol: Option<f64>,
    /// Solver, resolution, iteration limit; its threads are the points solved at once per round.
    pub settings: RunSettings,
}

#[derive(Debug, Clone, Serialize)]
pub struct Breakeven {
    pub param: String,
    pub option: String,
    /// Midpoint of the final bracket.
    pub value: f64,
    /// Final bracket: the option is built on one side and not on the other.
    pub lo: f64,
    pub hi: f64,
    pub tol: f64,
    pub solves: usize,
    /// Whether the option is built at the bracket's upper end (a price) or lower end (a cost).
    pub built_above: bool,
    pub threshold_mw: f64,
    /// Capacity at the starting bracket's ends, MW.
    pub built_at_start_mw: (f64, f64),
}

struct Search {
    loaded: LoadedScenario,
    inputs: Inputs,
    base: Value,
    param: String,
    option: String,
    settings: RunSettings,
}

impl Search {
    /// Capacity of the option built when the parameter is `x`, MW.
    fn built_mw(&self, x: f64) -> Result<f64> {
        let mut v = self.base.clone();
        path::set(&mut v, &self.param, Value::Float(x))
            .map_err(|e| Error::input(InputProblem::new("--param", e.to_string())))?;
        let sc = path::deserialize(v).map_err(|e| Error::input(InputProblem::new("--param", e)))?;
        let loaded = LoadedScenario {
            scenario: sc,
            files: self.loaded.files.clone(),
        };
        let (_, s) = study::solve(&loaded, &self.inputs, &self.settings).map_err(|e| match e {
            Error::Input(ps) => Error::Input(
                ps.into_iter()
                    .map(|mut p| {
                        p.message = format!("with {} = {x}: {}", self.param, p.message);
                        p
                    })
                    .collect(),
            ),
            e => e,
        })?;
        Ok(s.capacity_built_mw
            .get(&self.option)
            .copied()
            .unwrap_or(0.0))
    }
}

pub fn breakeven(o: &BreakevenOptions) -> Result<Breakeven> {
    let (loaded, inputs) = study::prepare(&o.scenario, o.settings.resolution_hours())?;
    check_option(o, &loaded)?;
    let base = path::to_value(&loaded.scenario);
    let (lo, hi, tol) = bracket(o, &base)?;
    let search = Search {
        loaded,
        inputs,
        base,
        param: o.param.clone(),
        option: o.option.clone(),
        settings: o.settings.clone(),
    };
    let pool = o.settings.pool()?;
    let k = pool.current_num_threads();
    let probe = |xs: &[f64]| -> Vec<Result<f64>> {
        pool.install(|| xs.par_iter().map(|x| search.built_mw(*x)).collect())
    };
    let ends = probe(&[lo, hi]);
    let (at_lo, at_hi) = match (&ends[0], &ends[1]) {
        (Ok(a), Ok(b)) => (*a, *b),
        _ => return Err(ends.into_iter().find_map(|r| r.err()).expect("one failed")),
    };
    let mut solves = 2;
    let built_lo = at_lo > BUILT_THRESHOLD_MW;
    if built_lo == (at_hi > BUILT_THRESHOLD_MW) {
        return Err(Error::input(InputProblem::new(
            "--lo/--hi",
            format!(
                "the bracket [{lo}, {hi}] of {} does not straddle the switch: `{}` is {} at both ends \
                 ({at_lo:.1} MW at {lo}, {at_hi:.1} MW at {hi}; built means > {BUILT_THRESHOLD_MW} MW); widen it",
                o.param,
                o.option,
                if built_lo { "built" } else { "not built" }
            ),
        )));
    }
    let (mut a, mut b) = (lo, hi);
    while b - a > tol {
        let xs: Vec<f64> = (1..=k)
            .map(|i| a + (b - a) * i as f64 / (k + 1) as f64)
            .collect();
        let built = probe(&xs);
        solves += xs.len();
        let mut new_a = a;
        let mut new_b = b;
        for (x, r) in xs.iter().zip(built) {
            if (r? > BUILT_THRESHOLD_MW) == built_lo {
                new_a = *x;
            } else {
                new_b = *x;
                break;
            }
        }
        a = new_a;
        b = new_b;
    }
    Ok(Breakeven {
        param: o.param.clone(),
        option: o.option.clone(),
        value: 0.5 * (a + b),
        lo: a,
        hi: b,
        tol,
        solves,
        built_above: !built_lo,
        threshold_mw: BUILT_THRESHOLD_MW,
        built_at_start_mw: (at_lo, at_hi),
    })
}

/// The option must be one the scenario can build (a key of `capacity_built_mw`).
fn check_option(o: &BreakevenOptions, loaded: &LoadedScenario) -> Result<()> {
    let keys: Vec<String> = capacity_keys(&loaded.scenario).into_iter().collect();
    if keys.contains(&o.option) {
        return Ok(());
    }
    let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    Err(Error::input(InputProblem::new(
        "--option",
        format!(
            "`{}` is not an option this scenario can build{} (options: {})",
            o.option,
            did_you_mean(&o.option, &refs),
            keys.join(", ")
        ),
    )))
}

/// The starting bracket and the tolerance: as given, or from the parameter's base value.
fn bracket(o: &BreakevenOptions, base: &Value) -> Result<(f64, f64, f64)> {
    // A misspelt path is named as such before any bracket is worked out from it.
    let mut probe = base.clone();
    path::set(&mut probe, &o.param, Value::Float(1.0))
        .map_err(|e| e.to_string())
        .and_then(|()| path::deserialize(probe).map(|_| ()))
        .map_err(|e| Error::input(InputProblem::new("--param", format!("`{}`: {e}", o.param))))?;
    let base_x =
        path::get(base, &o.param).and_then(|v| v.as_float().or(v.as_integer().map(|i| i as f64)));
    let (lo, hi) = match (o.lo, o.hi, base_x) {
        (Some(l), Some(h), _) => (l, h),
        (l, h, Some(b)) if b > 0.0 => (l.unwrap_or(0.0), h.unwrap_or(2.0 * b)),
        _ => {
            return Err(Error::input(InputProblem::new(
                "--lo/--hi",
                format!(
                    "`{}` has no positive base value to bracket from: give --lo and --hi",
                    o.param
                ),
            )))
        }
    };
    if lo.partial_cmp(&hi) != Some(std::cmp::Ordering::Less) || !lo.is_finite() || !hi.is_finite() {
        return Err(Error::input(InputProblem::new(
            "--lo/--hi",
            format!("need lo < hi (got {lo}, {hi})"),
        )));
    }
    let tol = o.tol.unwrap_or((hi - lo) / 1000.0);
    if tol.is_nan() || tol <= 0.0 {
        return Err(Error::input(InputProblem::new(
            "--tol",
            format!("must be > 0 (got {tol})"),
        )));
    }
    Ok((lo, hi, tol))
}

/// The report printed on stdout.
pub fn report(b: &Breakeven) -> String {
    let side = if b.built_above { "above" } else { "below" };
    format!(
        "break-even  {} = {:.6}\n\
         meaning     `{}` is built (> {} MW) {side} this value\n\
         bracket     [{:.6}, {:.6}] (width {:.3e}, tolerance {:.3e})\n\
         solves      {}\n\
         at start    {:.1} MW at the low end, {:.1} MW at the high end\n",
        b.param,
        b.value,
        b.option,
        b.threshold_mw,
        b.lo,
        b.hi,
        b.hi - b.lo,
        b.tol,
        b.solves,
        b.built_at_start_mw.0,
        b.built_at_start_mw.1,
    )
}
