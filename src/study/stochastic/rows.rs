//! A stochastic run's report as the rows of `years.csv` and `regret.csv` (`output::stochastic`).

use super::regret::Kind;
use super::Report;
use crate::output::stochastic::{RegretRow, YearRow, EXPECTED, MEAN_YEAR, SINGLE_YEAR, STOCHASTIC};

impl Report {
    /// The stochastic plan in each year.
    pub fn year_rows(&self) -> Vec<YearRow> {
        let plan = self
            .table
            .plans
            .last()
            .expect("the stochastic plan is evaluated");
        self.years
            .iter()
            .enumerate()
            .map(|(y, year)| {
                let s = &self.by_year[y];
                let total = plan.cost_by_year_cny[y];
                let status_quo = self.table.status_quo_by_year_cny[y];
                YearRow {
                    year: year.label.clone(),
                    probability: year.probability,
                    relative_to_mean: year.relative_to_mean,
                    spill_twh: s.curtailment.annual_twh,
                    hydro_spill_twh: s.curtailment.hydro_spill_twh,
                    export_twh: s.energy_twh.export,
                    hydrogen_twh: s.energy_twh.hydrogen,
                    hydrogen_kt: s.hydrogen_kt,
                    total_cost_cny: total,
                    status_quo_cost_cny: status_quo,
                    net_benefit_cny: status_quo - total,
                }
            })
            .collect()
    }

    /// Every plan in every year, then each plan's expected row.
    pub fn regret_rows(&self) -> Vec<RegretRow> {
        let p: Vec<f64> = self.years.iter().map(|y| y.probability).collect();
        let best = self.table.best_by_year_cny.as_ref();
        let mut rows = Vec::new();
        for (plan, caps) in self.table.plans.iter().zip(&self.plan_capacities) {
            let kind = match plan.kind {
                Kind::SingleYear => SINGLE_YEAR,
                Kind::MeanYear => MEAN_YEAR,
                Kind::Stochastic => STOCHASTIC,
            };
            let row = |year: String, probability, cost, best: Option<f64>| RegretRow {
                plan: plan.name.clone(),
                plan_kind: kind.into(),
                year,
                probability,
                cost_cny: cost,
                best_cost_cny: best,
                regret_cny: best.map(|b| cost - b),
                capacity_mw: caps.clone(),
            };
            for (y, year) in self.years.iter().enumerate() {
                let b = best.map(|b| b[y]);
                rows.push(row(
                    year.label.clone(),
                    Some(year.probability),
                    plan.cost_by_year_cny[y],
                    b,
                ));
            }
            let ws = best.map(|b| p.iter().zip(b).map(|(p, b)| p * b).sum());
            rows.push(row(
                EXPECTED.into(),
                None,
                self.table.expected(plan, &p),
                ws,
            ));
        }
        rows
    }
}
