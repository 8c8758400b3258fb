//! `spillway breakeven`: the value of one parameter at which an option starts to be built, or
//! at which a criterion over summary.json keys starts to hold (`--when`, see `criterion`).
//!
//! A search on full solves. By default the option counts as built when its
//! `capacity_built_mw` exceeds `BUILT_THRESHOLD_MW` (1 MW: well above an interior-point
//! solver's noise of ~1e-6 MW, well below any plant worth planning). With `k` threads each round solves `k` evenly spaced points
//! inside the bracket at once and keeps the sub-interval where the answer changes, so the
//! bracket shrinks by `k + 1` per round (bisection for one thread). The search assumes the
//! answer changes once in the bracket (it does for a price or a cost of the option itself): it
//! checks the criterion differs at the two ends and says so when it does not, but a criterion
//! that flips more than once inside the bracket is not detected (docs/model.md). Rounds stop
//! at `MAX_ROUNDS` whatever the tolerance.

pub mod criterion;

use crate::error::{Error, InputProblem, Result};
use crate::inputs::Inputs;
use crate::results::Results;
use crate::scenario::{did_you_mean, LoadedScenario};
use crate::study::{self, RunSettings};
use crate::sweep::{capacity_keys, path};
use criterion::{Criterion, Op, Operand, Seen};
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
    /// A key of `capacity_built_mw`, e.g. `electrolyser` or `line.aba_chengdu_1000kv` (the
    /// default criterion: its first MW); empty with `when`.
    pub option: String,
    /// `--when EXPR`: the criterion over summary.json keys (see `criterion`), instead of the
    /// option's first MW.
    pub when: Option<String>,
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
    /// `--when` as parsed (None: the option's first MW).
    pub criterion: Option<String>,
    /// Midpoint of the final bracket.
    pub value: f64,
    /// Final bracket: the criterion holds on one side and not on the other.
    pub lo: f64,
    pub hi: f64,
    pub tol: f64,
    pub solves: usize,
    /// Whether the criterion holds at the bracket's upper end (a price) or lower end (a cost).
    pub built_above: bool,
    pub threshold_mw: f64,
    /// The criterion's left side at the starting bracket's ends (the option's MW by default).
    pub built_at_start_mw: (f64, f64),
    /// The criterion's right side at the starting bracket's ends.
    pub right_at_start: (f64, f64),
    /// Whether the search stopped at `MAX_ROUNDS` before the bracket was `tol` narrow.
    pub stopped_at_round_limit: bool,
}

/// A hard limit on search rounds. With `tol ≥ MIN_TOL_SHARE × (hi − lo)` bisection needs at
/// most ⌈log2(1e9)⌉ = 30 rounds, so the limit only guards against a bug, never cuts a search.
pub const MAX_ROUNDS: usize = 64;
/// The narrowest tolerance allowed, as a share of the starting bracket: below it the bracket
/// ends differ by less than the solver's own tolerance and bisection only chases noise.
pub const MIN_TOL_SHARE: f64 = 1e-9;

struct Search {
    loaded: LoadedScenario,
    inputs: Inputs,
    base: Value,
    param: String,
    criterion: Criterion,
    settings: RunSettings,
}

impl Search {
    /// Solve with the parameter at `x` and evaluate the criterion on the summary.
    fn seen(&self, x: f64) -> Result<Seen> {
        let mut v = self.base.clone();
        path::set(&mut v, &self.param, Value::Float(x))
            .map_err(|e| Error::input(InputProblem::new("--param", e.to_string())))?;
        let sc = path::deserialize(v).map_err(|e| Error::input(InputProblem::new("--param", e)))?;
        let loaded = LoadedScenario {
            scenario: sc,
            files: self.loaded.files.clone(),
        };
        let (r, s) = study::solve(&loaded, &self.inputs, &self.settings).map_err(|e| match e {
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
        let json = serde_json::to_value(&s).map_err(|e| Error::Internal(e.to_string()))?;
        let limit = match &self.criterion {
            Criterion::Fills { option } => Some(site_limit_mw(&r, option)),
            Criterion::Compare { .. } => None,
        };
        self.criterion
            .eval(&json, limit)
            .map_err(|m| Error::input(InputProblem::new("--when", m)))
    }
}

/// The total site limit of a key of `capacity_built_mw`, MW (summed over nodes as the summary
/// sums the option's capacity).
fn site_limit_mw(r: &Results, option: &str) -> f64 {
    r.capacities
        .iter()
        .filter(|c| c.unit == "MW" && (c.option == option || c.component == option))
        .map(|c| c.max_new)
        .sum()
}

/// The criterion of a search: `--when`, or the option's first MW.
fn criterion(o: &BreakevenOptions, loaded: &LoadedScenario) -> Result<Criterion> {
    match &o.when {
        Some(w) => {
            if !o.option.is_empty() {
                return Err(Error::input(InputProblem::new(
                    "--option",
                    "give either --option (its first MW) or --when, not both",
                )));
            }
            criterion::parse(w).map_err(|m| Error::input(InputProblem::new("--when", m)))
        }
        None => {
            check_option(o, loaded)?;
            Ok(Criterion::Compare {
                left: Operand::Key(format!("capacity_built_mw.{}", o.option)),
                op: Op::Gt,
                right: Operand::Number(BUILT_THRESHOLD_MW),
            })
        }
    }
}

pub fn breakeven(o: &BreakevenOptions) -> Result<Breakeven> {
    let (loaded, inputs) = study::prepare(&o.scenario, o.settings.resolution())?;
    let crit = criterion(o, &loaded)?;
    let base = path::to_value(&loaded.scenario);
    let (lo, hi, tol) = bracket(o, &base)?;
    let search = Search {
        loaded,
        inputs,
        base,
        param: o.param.clone(),
        criterion: crit,
        settings: o.settings.clone(),
    };
    let pool = o.settings.pool()?;
    let k = pool.current_num_threads();
    let probe = |xs: &[f64]| -> Vec<Result<Seen>> {
        pool.install(|| xs.par_iter().map(|x| search.seen(*x)).collect())
    };
    let mut ends = probe(&[lo, hi]).into_iter();
    let (at_lo, at_hi) = match (ends.next(), ends.next()) {
        (Some(Ok(a)), Some(Ok(b))) => (a, b),
        (Some(Err(e)), _) | (_, Some(Err(e))) => return Err(e),
        _ => return Err(Error::Internal("two ends, two answers".into())),
    };
    let mut solves = 2;
    let holds_lo = at_lo.holds;
    if holds_lo == at_hi.holds {
        return Err(not_straddled(
            o,
            &search.criterion,
            (lo, hi),
            (&at_lo, &at_hi),
        ));
    }
    let (mut a, mut b) = (lo, hi);
    let mut rounds = 0;
    while b - a > tol && rounds < MAX_ROUNDS {
        rounds += 1;
        let xs: Vec<f64> = (1..=k)
            .map(|i| a + (b - a) * i as f64 / (k + 1) as f64)
            .collect();
        let seen = probe(&xs);
        solves += xs.len();
        let mut new_a = a;
        let mut new_b = b;
        for (x, r) in xs.iter().zip(seen) {
            if r?.holds == holds_lo {
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
        criterion: o.when.as_ref().map(|_| search.criterion.to_string()),
        value: 0.5 * (a + b),
        lo: a,
        hi: b,
        tol,
        solves,
        built_above: !holds_lo,
        threshold_mw: BUILT_THRESHOLD_MW,
        built_at_start_mw: (at_lo.left, at_hi.left),
        right_at_start: (at_lo.right, at_hi.right),
        stopped_at_round_limit: b - a > tol,
    })
}

/// The error when the criterion is the same at both ends: the search has nothing to find.
fn not_straddled(
    o: &BreakevenOptions,
    c: &Criterion,
    ends: (f64, f64),
    seen: (&Seen, &Seen),
) -> Error {
    let (lo, hi) = ends;
    let (at_lo, at_hi) = (seen.0.left, seen.1.left);
    let message = match &o.when {
        None => format!(
            "the bracket [{lo}, {hi}] of {} does not straddle the switch: `{}` is {} at both ends \
             ({at_lo:.1} MW at {lo}, {at_hi:.1} MW at {hi}; built means > {BUILT_THRESHOLD_MW} MW); widen it",
            o.param,
            o.option,
            if seen.0.holds { "built" } else { "not built" }
        ),
        Some(_) => format!(
            "the bracket [{lo}, {hi}] of {} does not straddle the switch: `{c}` holds at {} \
             ({} at {lo}, {} at {hi}); widen the bracket, or the criterion does not change with {} here",
            o.param,
            if seen.0.holds { "both ends" } else { "neither end" },
            sides(c, seen.0),
            sides(c, seen.1),
            o.param
        ),
    };
    Error::input(InputProblem::new("--lo/--hi", message))
}

/// "999.5 vs 1000" for a report line.
fn sides(c: &Criterion, s: &Seen) -> String {
    let num = |x: f64| {
        if x.is_finite() {
            format!("{x:.4}")
        } else {
            "null".into()
        }
    };
    match c {
        Criterion::Fills { .. } => format!("{} of {} MW", num(s.left), num(s.right)),
        Criterion::Compare { .. } => format!("{} vs {}", num(s.left), num(s.right)),
    }
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
    if tol < MIN_TOL_SHARE * (hi - lo) {
        return Err(Error::input(InputProblem::new(
            "--tol",
            format!(
                "{tol:e} is below {MIN_TOL_SHARE:e} of the bracket [{lo}, {hi}]: the solver cannot \
                 tell points that close apart; give at least {:.3e}",
                MIN_TOL_SHARE * (hi - lo)
            ),
        )));
    }
    Ok((lo, hi, tol))
}

/// The report printed on stdout.
pub fn report(b: &Breakeven) -> String {
    if let Some(c) = &b.criterion {
        return report_when(b, c);
    }
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

/// The report of a search on `--when`.
fn report_when(b: &Breakeven, c: &str) -> String {
    let side = if b.built_above { "above" } else { "below" };
    let num = |x: f64| {
        if x.is_finite() {
            format!("{x:.4}")
        } else {
            "null".into()
        }
    };
    let mut s = format!(
        "break-even  {} = {:.6}\n\
         meaning     `{c}` holds {side} this value\n\
         bracket     [{:.6}, {:.6}] (width {:.3e}, tolerance {:.3e})\n\
         solves      {}\n\
         at start    {} vs {} at the low end, {} vs {} at the high end\n",
        b.param,
        b.value,
        b.lo,
        b.hi,
        b.hi - b.lo,
        b.tol,
        b.solves,
        num(b.built_at_start_mw.0),
        num(b.right_at_start.0),
        num(b.built_at_start_mw.1),
        num(b.right_at_start.1),
    );
    if b.stopped_at_round_limit {
        s.push_str(&format!(
            "note        stopped after {MAX_ROUNDS} rounds, before the bracket was as narrow as the tolerance\n"
        ));
    }
    s
}
