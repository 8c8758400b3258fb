//! A stochastic scenario as one case of a study (`compare`, a sweep's point, a break-even
//! probe): its plan, and its results weighted over the years by their probabilities, so a
//! table of cases compares a plan's expected year with the other cases' single year.
//!
//! A run's summary.json keeps the representative year's dispatch (docs/model.md §12); a study
//! has no `years.csv` beside it, so the expectation is the honest one number per quantity.

use super::Report;
use crate::error::Result;
use crate::inputs::Inputs;
use crate::results::{Results, Summary};
use crate::scenario::LoadedScenario;
use crate::study::RunSettings;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Solve a stochastic scenario as one case: without the regret table (a study writes no
/// `regret.csv`; VSS and EVPI are still in `stochastic`), its summary the expectation over the
/// years. The results (dispatch) stay the representative year's.
pub fn solve_as_case(
    loaded: &LoadedScenario,
    inputs: &Inputs,
    settings: &RunSettings,
) -> Result<(Results, Summary)> {
    let mut case = loaded.clone();
    if let Some(st) = case.scenario.stochastic.as_mut() {
        st.regret = false;
    }
    let (results, rep, report) = super::solve(&case, inputs, settings)?;
    Ok((results, summary(&rep, &report)))
}

/// The plan's summary with every energy, spill, hydrogen and money figure replaced by its
/// probability-weighted mean over the years; capacities, investment and the `stochastic`
/// object are the plan's (the same in every year). LCOH is the expected cost over the expected
/// kilograms (each year's LCOH weighted by p_y · kg_y); the net benefit against the status quo
/// is Σ p_y (status quo's cost − the plan's) per year of 8,760 h, from the same solves as
/// `years.csv`. Prices, binding constraints and per-option returns stay the representative
/// year's.
pub fn summary(rep: &Summary, report: &Report) -> Summary {
    let p: Vec<f64> = report.years.iter().map(|y| y.probability).collect();
    let by = &report.by_year;
    let mean = |f: &dyn Fn(&Summary) -> f64| by.iter().zip(&p).map(|(s, p)| p * f(s)).sum();
    let mut s = rep.clone();
    s.objective_cny = mean(&|x| x.objective_cny);
    s.objective_parts_cny = weighted_map(by.iter().map(|x| &x.objective_parts_cny), &p);
    s.generation_twh = weighted_map(by.iter().map(|x| &x.generation_twh), &p);
    s.unserved_by_node_mwh = weighted_map(by.iter().map(|x| &x.unserved_by_node_mwh), &p);
    s.curtailment = weighted(&by.iter().map(|x| &x.curtailment).collect::<Vec<_>>(), &p)
        .unwrap_or(s.curtailment);
    s.energy_twh =
        weighted(&by.iter().map(|x| &x.energy_twh).collect::<Vec<_>>(), &p).unwrap_or(s.energy_twh);
    s.hydrogen_kt = mean(&|x| x.hydrogen_kt);
    s.unserved_energy_mwh = mean(&|x| x.unserved_energy_mwh);
    let kg_weight = |x: &Summary| x.hydrogen_kt * x.lcoh_cny_per_kg.unwrap_or(0.0);
    s.lcoh_cny_per_kg = (s.hydrogen_kt > 0.0).then(|| mean(&kg_weight) / s.hydrogen_kt);
    s.electrolyser_capacity_factor = rep
        .electrolyser_capacity_factor
        .map(|_| mean(&|x| x.electrolyser_capacity_factor.unwrap_or(0.0)));
    let plan = report.table.plans.last().map(|pl| &pl.cost_by_year_cny);
    let status_quo = &report.table.status_quo_by_year_cny;
    let per_year = 8_760.0 / rep.horizon_hours.max(1e-9);
    s.decision.net_benefit_vs_baseline_cny_per_year = plan.map(|costs| {
        let gain: f64 = (costs.iter().zip(status_quo).zip(&p))
            .map(|((c, q), p)| p * (q - c))
            .sum();
        gain * per_year
    });
    s
}

/// Σ p_y · map_y key by key (a key missing in a year counts 0 there).
fn weighted_map<'a, K: Ord + Clone + 'a>(
    maps: impl Iterator<Item = &'a BTreeMap<K, f64>>,
    p: &[f64],
) -> BTreeMap<K, f64> {
    let mut out: BTreeMap<K, f64> = BTreeMap::new();
    for (m, p) in maps.zip(p) {
        for (k, v) in m {
            *out.entry(k.clone()).or_insert(0.0) += p * v;
        }
    }
    out
}

/// A struct of figures with each floating-point field replaced by Σ p_y · field_y (through its
/// JSON form, so a field added later is weighted too); whole numbers (months) and text are
/// the first year's. None if the weighted value no longer reads back (it always should).
fn weighted<T: Serialize + DeserializeOwned>(items: &[&T], p: &[f64]) -> Option<T> {
    let values: Vec<Value> = items
        .iter()
        .map(|t| serde_json::to_value(t).ok())
        .collect::<Option<_>>()?;
    serde_json::from_value(weigh(&values, p)).ok()
}

fn weigh(values: &[Value], p: &[f64]) -> Value {
    let first = values.first().cloned().unwrap_or(Value::Null);
    if values.iter().all(Value::is_f64) {
        let sum: f64 = values
            .iter()
            .zip(p)
            .map(|(v, p)| p * v.as_f64().unwrap_or(0.0))
            .sum();
        return serde_json::Number::from_f64(sum).map_or(first, Value::Number);
    }
    match first {
        Value::Object(o) => {
            let weighed = o.keys().map(|k| {
                let column: Vec<Value> = (values.iter())
                    .map(|v| v.get(k).cloned().unwrap_or(Value::Null))
                    .collect();
                (k.clone(), weigh(&column, p))
            });
            Value::Object(weighed.collect())
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn floats_are_weighted_and_whole_numbers_kept() {
        let a = json!({"twh": 1.0, "months": [6, 7], "by": {"x": 2.0}});
        let b = json!({"twh": 3.0, "months": [6, 7], "by": {"x": 4.0}});
        let w = weigh(&[a, b], &[0.25, 0.75]);
        assert_eq!(w, json!({"twh": 2.5, "months": [6, 7], "by": {"x": 3.5}}));
    }

    #[test]
    fn a_key_missing_in_a_year_counts_zero() {
        let a = BTreeMap::from([("e".to_string(), 2.0)]);
        let b = BTreeMap::from([("e".to_string(), 4.0), ("h".to_string(), 8.0)]);
        let w = weighted_map([&a, &b].into_iter(), &[0.5, 0.5]);
        assert_eq!(w, BTreeMap::from([("e".into(), 3.0), ("h".into(), 4.0)]));
    }
}
