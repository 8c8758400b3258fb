//! From a sweep file to its list of points: grid, one-at-a-time (tornado) or Monte Carlo,
//! each optionally crossed with historical hydrology years.
//!
//! Points are numbered once, here, before anything is solved, so that their order and values
//! do not depend on threads or shards. Monte Carlo draws are made point by point, parameter by
//! parameter, from one seeded stream.

use super::rng::Rng;
use super::spec::{Design, Distribution, ParameterSpec, SweepFile};
use super::years::SweepYear;
use crate::error::{Error, Result};
use toml::Value;

/// Most points a sweep may have (a guard against a grid written by mistake).
pub const MAX_POINTS: usize = 1_000_000;

/// One point: a value per parameter (None: the base scenario's own value) and maybe a year.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub index: usize,
    pub values: Vec<Option<Value>>,
    pub hydrology: Option<SweepYear>,
}

/// The values a parameter takes (grid, one-at-a-time) or how it is drawn (Monte Carlo).
#[derive(Debug, Clone)]
enum Source {
    Values(Vec<Value>),
    Draw(Distribution, Vec<Value>),
}

/// Every point of the sweep, numbered from 0.
pub fn points(file: &SweepFile, years: &[SweepYear]) -> Result<Vec<Point>> {
    let spec = &file.spec;
    let sources = sources(file)?;
    let designed: Vec<Vec<Option<Value>>> = match spec.design {
        Design::Grid => {
            let counts: Vec<usize> = sources.iter().map(|s| s.len()).collect();
            let total = counts
                .iter()
                .try_fold(1usize, |a, c| a.checked_mul(*c))
                .and_then(|t| t.checked_mul(years.len().max(1)));
            if total.is_none_or(|t| t > MAX_POINTS) {
                return Err(Error::input(file.problem(
                    None,
                    "design",
                    format!("the grid has more than {MAX_POINTS} points ({counts:?} values)"),
                )));
            }
            grid(&sources)
        }
        Design::OneAtATime => {
            let total = sources
                .iter()
                .try_fold(1usize, |a, s| a.checked_add(s.len()))
                .and_then(|t| t.checked_mul(years.len().max(1)));
            if total.is_none_or(|t| t > MAX_POINTS) {
                return Err(Error::input(file.problem(
                    None,
                    "design",
                    format!("one_at_a_time has more than {MAX_POINTS} points"),
                )));
            }
            let mut out = vec![vec![None; sources.len()]];
            for (j, s) in sources.iter().enumerate() {
                for v in s.values() {
                    let mut row = vec![None; sources.len()];
                    row[j] = Some(v.clone());
                    out.push(row);
                }
            }
            out
        }
        Design::MonteCarlo => monte_carlo(file, &sources, years)?,
    };
    let mut points = Vec::new();
    for values in designed {
        if years.is_empty() {
            points.push((values, None));
        } else {
            for y in years {
                points.push((values.clone(), Some(y.clone())));
            }
        }
    }
    Ok(points
        .into_iter()
        .enumerate()
        .map(|(index, (values, hydrology))| Point {
            index,
            values,
            hydrology,
        })
        .collect())
}

/// Each parameter's values, checked with the design's own keys; every problem at once.
fn sources(file: &SweepFile) -> Result<Vec<Source>> {
    let spec = &file.spec;
    let mut problems = Vec::new();
    let mut sources = Vec::new();
    for (i, p) in spec.parameters.iter().enumerate() {
        if spec.parameters[..i].iter().any(|q| q.path == p.path) {
            problems.push(file.problem(Some(i), "path", format!("`{}` is swept twice", p.path)));
        }
        match source(p, spec.design) {
            Ok(s) => sources.push(s),
            Err((key, msg)) => problems.push(file.problem(Some(i), key, msg)),
        }
    }
    let mc = spec.design == Design::MonteCarlo;
    if mc && spec.samples.is_none_or(|n| n == 0) {
        problems.push(file.problem(None, "samples", "monte_carlo needs `samples` ≥ 1"));
    }
    if mc && spec.seed.is_none() {
        problems.push(file.problem(
            None,
            "seed",
            "monte_carlo needs a `seed` (the same seed gives the same points everywhere)",
        ));
    }
    if !mc && (spec.samples.is_some() || spec.seed.is_some()) {
        problems.push(file.problem(
            None,
            if spec.samples.is_some() {
                "samples"
            } else {
                "seed"
            },
            "`samples` and `seed` belong to design = \"monte_carlo\"",
        ));
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    Ok(sources)
}

/// `samples` independent draws of every parameter from `seed`.
fn monte_carlo(
    file: &SweepFile,
    sources: &[Source],
    years: &[SweepYear],
) -> Result<Vec<Vec<Option<Value>>>> {
    let spec = &file.spec;
    let n = spec.samples.unwrap_or(0);
    if n.checked_mul(years.len().max(1))
        .is_none_or(|t| t > MAX_POINTS)
    {
        return Err(Error::input(file.problem(
            None,
            "samples",
            format!("more than {MAX_POINTS} points"),
        )));
    }
    let mut rng = Rng::new(spec.seed.unwrap_or(0));
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let mut row = Vec::with_capacity(sources.len());
        for (j, s) in sources.iter().enumerate() {
            let v = s
                .draw(&mut rng)
                .map_err(|msg| Error::input(file.problem(Some(j), "distribution", msg)))?;
            row.push(Some(v));
        }
        out.push(row);
    }
    Ok(out)
}

/// The Cartesian product, first parameter slowest (as nested loops in the order written).
fn grid(sources: &[Source]) -> Vec<Vec<Option<Value>>> {
    let mut rows: Vec<Vec<Option<Value>>> = vec![Vec::new()];
    for s in sources {
        rows = rows
            .into_iter()
            .flat_map(|row| {
                s.values().iter().map(move |v| {
                    let mut r = row.clone();
                    r.push(Some(v.clone()));
                    r
                })
            })
            .collect();
    }
    rows
}

impl Source {
    fn values(&self) -> &[Value] {
        match self {
            Source::Values(v) | Source::Draw(_, v) => v,
        }
    }

    fn len(&self) -> usize {
        self.values().len()
    }

    fn draw(&self, rng: &mut Rng) -> std::result::Result<Value, String> {
        let x = match self {
            Source::Values(v) | Source::Draw(Distribution::Choice, v) => {
                return Ok(v[rng.below(v.len())].clone())
            }
            Source::Draw(Distribution::Uniform { low, high }, _) => {
                low + (high - low) * rng.uniform01()
            }
            Source::Draw(Distribution::Triangular { low, mode, high }, _) => {
                // Inverse of the triangular CDF.
                let u = rng.uniform01();
                let f = (mode - low) / (high - low);
                if u < f {
                    low + ((high - low) * (mode - low) * u).sqrt()
                } else {
                    high - ((high - low) * (high - mode) * (1.0 - u)).sqrt()
                }
            }
            Source::Draw(
                Distribution::Normal {
                    mean,
                    sd,
                    low,
                    high,
                },
                _,
            ) => {
                let (lo, hi) = (
                    low.unwrap_or(f64::NEG_INFINITY),
                    high.unwrap_or(f64::INFINITY),
                );
                let mut tries = 0;
                loop {
                    let x = mean + sd * rng.standard_normal();
                    if (lo..=hi).contains(&x) {
                        break x;
                    }
                    tries += 1;
                    if tries == 10_000 {
                        return Err(format!(
                            "the truncation [{lo}, {hi}] keeps almost none of N({mean}, {sd}²): widen it"
                        ));
                    }
                }
            }
        };
        Ok(Value::Float(x))
    }
}

/// Check one parameter and say where its values come from. Err: (key, message).
fn source(
    p: &ParameterSpec,
    design: Design,
) -> std::result::Result<Source, (&'static str, String)> {
    if p.path.is_empty() || p.path.split('.').any(str::is_empty) {
        return Err((
            "path",
            format!(
                "`{}` is not a key path like `market.hydrogen_price_cny_per_kg`",
                p.path
            ),
        ));
    }
    let range = p.start.is_some() || p.stop.is_some() || p.steps.is_some();
    let ends = p.low.is_some() || p.high.is_some();
    let given = [p.values.is_some(), range, ends]
        .iter()
        .filter(|x| **x)
        .count();
    if given > 1 {
        return Err((
            "path",
            "give one of `values`, `start`/`stop`/`steps` or `low`/`high`".into(),
        ));
    }
    let listed = listed_values(p, range, ends)?;
    match design {
        Design::Grid | Design::OneAtATime => {
            if p.distribution.is_some() {
                return Err((
                    "distribution",
                    "distributions belong to design = \"monte_carlo\"".into(),
                ));
            }
            listed.map(Source::Values).ok_or((
                "path",
                "give `values`, a range (`start`, `stop`, `steps`) or `low`/`high`".into(),
            ))
        }
        Design::MonteCarlo => match (&p.distribution, listed) {
            (None | Some(Distribution::Choice), Some(v)) if p.values.is_some() => {
                Ok(Source::Draw(Distribution::Choice, v))
            }
            (Some(Distribution::Choice), _) => Err((
                "distribution",
                "`choice` draws from `values`: list them".into(),
            )),
            (Some(d), None) => check_distribution(d).map(|()| Source::Draw(d.clone(), Vec::new())),
            (None, _) => Err((
                "path",
                "monte_carlo needs a `distribution` (or `values` to choose from)".into(),
            )),
            (Some(_), Some(_)) => Err((
                "distribution",
                "give a distribution or values, not both".into(),
            )),
        },
    }
}

/// The values a parameter lists: `values`, a range, or tornado ends (None: none of them).
fn listed_values(
    p: &ParameterSpec,
    range: bool,
    ends: bool,
) -> std::result::Result<Option<Vec<Value>>, (&'static str, String)> {
    let listed = if let Some(v) = &p.values {
        if v.is_empty() {
            return Err(("values", "needs at least one value".into()));
        }
        Some(v.clone())
    } else if range {
        let (Some(a), Some(b), Some(n)) = (p.start, p.stop, p.steps) else {
            return Err(("start", "a range needs `start`, `stop` and `steps`".into()));
        };
        if n == 0 || !a.is_finite() || !b.is_finite() {
            return Err((
                "steps",
                "a range needs finite `start`, `stop` and `steps` ≥ 1".into(),
            ));
        }
        // Checked before the values are made: `steps` sizes an allocation.
        if n > MAX_POINTS {
            return Err((
                "steps",
                format!("{n} steps: a sweep has at most {MAX_POINTS} points"),
            ));
        }
        Some(linspace(a, b, n).into_iter().map(Value::Float).collect())
    } else if ends {
        let (Some(lo), Some(hi)) = (p.low, p.high) else {
            return Err(("low", "give both `low` and `high`".into()));
        };
        if !lo.is_finite() || !hi.is_finite() {
            return Err((
                "low",
                format!("`low` and `high` must be finite (got {lo}, {hi})"),
            ));
        }
        Some(vec![Value::Float(lo), Value::Float(hi)])
    } else {
        None
    };
    Ok(listed)
}

fn check_distribution(d: &Distribution) -> std::result::Result<(), (&'static str, String)> {
    let bad = |m: String| Err(("distribution", m));
    match *d {
        Distribution::Uniform { low, high } if !low.is_finite() || !high.is_finite() => bad(
            format!("uniform needs finite low and high (got {low}, {high})"),
        ),
        Distribution::Triangular { low, high, .. } if !low.is_finite() || !high.is_finite() => bad(
            format!("triangular needs finite low and high (got {low}, {high})"),
        ),
        Distribution::Normal { mean, .. } if !mean.is_finite() => {
            bad(format!("normal needs a finite mean (got {mean})"))
        }
        Distribution::Uniform { low, high } if low.is_nan() || high.is_nan() || low >= high => {
            bad(format!("uniform needs low < high (got {low}, {high})"))
        }
        Distribution::Triangular { low, mode, high }
            if !(low < high && (low..=high).contains(&mode)) =>
        {
            bad(format!(
                "triangular needs low ≤ mode ≤ high and low < high (got {low}, {mode}, {high})"
            ))
        }
        Distribution::Normal { sd, .. } if !(sd > 0.0 && sd.is_finite()) => {
            bad(format!("normal needs sd > 0 (got {sd})"))
        }
        Distribution::Normal {
            low: Some(l),
            high: Some(h),
            ..
        } if l.is_nan() || h.is_nan() || l >= h => {
            bad(format!("normal truncation needs low < high (got {l}, {h})"))
        }
        _ => Ok(()),
    }
}

/// `n` evenly spaced values from `a` to `b`; the last is exactly `b`.
pub fn linspace(a: f64, b: f64, n: usize) -> Vec<f64> {
    if n == 1 {
        return vec![a];
    }
    (0..n)
        .map(|i| {
            if i + 1 == n {
                b
            } else {
                a + (b - a) * i as f64 / (n - 1) as f64
            }
        })
        .collect()
}

/// A readable form of a value for tables and CSV cells.
pub fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Float(x) => {
            let s = format!("{x}");
            if s == "-0" {
                "0".into()
            } else {
                s
            }
        }
        other => other.to_string(),
    }
}
