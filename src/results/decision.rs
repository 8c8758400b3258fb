//! The decision metrics of `summary.json` (issue 10): investment per option and in all, each
//! option's NPV, IRR, payback and binding constraint, and the net benefit against the status
//! quo with what changes against it. Flattened into `Summary` as one block, so these keys sit
//! at the top level: `net_benefit_vs_baseline_cny_per_year`, `investment_cny`, `options`,
//! `baseline`, `baseline_cached`, `changes_vs_baseline`.

use super::Results;
use crate::finance;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Decision {
    /// Status quo's money objective − this run's, CNY per year (positive: this plan is better;
    /// horizon totals × 8,760 ÷ `horizon_hours`). Null with `--no-baseline` or without one.
    pub net_benefit_vs_baseline_cny_per_year: Option<f64>,
    /// The status quo's few totals this run is read against (null without one).
    pub baseline: Option<BaselineTotals>,
    /// Whether the status quo's results were reused from the cache (null without one).
    pub baseline_cached: Option<bool>,
    /// "What changes against the status quo", one sentence each: export, spill, imports.
    pub changes_vs_baseline: Vec<String>,
    /// Overnight investment per option (key of `capacity_built_mw`) and `total`, CNY.
    pub investment_cny: BTreeMap<String, f64>,
    /// Returns of each option from its own cash flows.
    pub options: BTreeMap<String, OptionReturns>,
}

/// One option's returns (docs/model.md, "Investment and returns").
#[derive(Debug, Clone, Serialize)]
pub struct OptionReturns {
    pub investment_cny: f64,
    pub lifetime_years: f64,
    pub discount_rate: f64,
    pub revenue_cny_per_year: f64,
    pub electricity_cny_per_year: Option<f64>,
    pub cost_cny_per_year: f64,
    pub net_cash_flow_cny_per_year: Option<f64>,
    pub new_share: f64,
    /// −investment + net cash flow × annuity present value at `discount_rate`.
    pub npv_cny: Option<f64>,
    /// Internal rate of return (fraction a year); null with `irr_note` saying why.
    pub irr: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub irr_note: Option<String>,
    /// investment ÷ net cash flow, years (null when the flow is not positive).
    pub payback_years: Option<f64>,
    /// The constraint that limits it (as the top-level `binding` list).
    pub binding: String,
}

/// The status quo's totals, as its summary.json has them.
#[derive(Debug, Clone, Serialize)]
pub struct BaselineTotals {
    pub objective_cny: f64,
    /// The objective without the LP's steering terms (curtailment penalty, tie-breaks,
    /// dispatch priority): money only.
    pub money_objective_cny: f64,
    pub export_twh: f64,
    pub export_revenue_cny: f64,
    pub import_twh: f64,
    pub curtailed_twh: f64,
    pub horizon_hours: f64,
}

/// Objective parts that steer the LP and are not money.
pub const STEERING_PARTS: [&str; 3] =
    ["curtailment_penalty", "flow_tie_break", "dispatch_priority"];

/// The objective of a summary's `objective_parts_cny` without the steering parts.
pub fn money_objective(parts: &BTreeMap<String, f64>) -> f64 {
    (parts.iter())
        .filter(|(k, _)| !STEERING_PARTS.contains(&k.as_str()))
        .map(|(_, v)| v)
        .sum()
}

impl Decision {
    /// Investment and returns of every option of a run (no baseline yet). An option with
    /// less than `min_built_mw` in `built_mw` counts as not built: interior-point traces
    /// (watts) are not an investment, and their NPV is 0 with no IRR or payback.
    pub fn new(
        r: &Results,
        binding: &BTreeMap<String, String>,
        built_mw: &BTreeMap<String, f64>,
        min_built_mw: f64,
    ) -> Decision {
        let mut d = Decision::default();
        for (key, f) in &r.options {
            let mut f = f.clone();
            if built_mw.get(key).copied().unwrap_or(0.0) < min_built_mw {
                f.investment_cny = 0.0;
                f.net_cny_per_year = Some(0.0);
            }
            let rate = r.discount_rate;
            let f = &f;
            let irr = f
                .net_cny_per_year
                .map_or(Err(finance::NoIrr::NeverRepays), |a| {
                    finance::irr_level(f.investment_cny, a, f.lifetime_years)
                });
            let npv = (f.net_cny_per_year)
                .filter(|_| f.lifetime_years > 0.0)
                .map(|a| finance::npv_level(rate, f.investment_cny, a, f.lifetime_years));
            d.investment_cny.insert(key.clone(), f.investment_cny);
            d.options.insert(
                key.clone(),
                OptionReturns {
                    investment_cny: f.investment_cny,
                    lifetime_years: f.lifetime_years,
                    discount_rate: rate,
                    revenue_cny_per_year: f.revenue_cny_per_year,
                    electricity_cny_per_year: f.electricity_cny_per_year,
                    cost_cny_per_year: f.cost_cny_per_year,
                    net_cash_flow_cny_per_year: f.net_cny_per_year,
                    new_share: f.new_share,
                    npv_cny: npv.or(Some(0.0).filter(|_| f.investment_cny == 0.0)),
                    irr: irr.ok(),
                    irr_note: irr.err().map(|e| e.reason().to_string()),
                    payback_years: f
                        .net_cny_per_year
                        .and_then(|a| finance::payback_years(f.investment_cny, a)),
                    binding: binding.get(key).cloned().unwrap_or_else(|| "none".into()),
                },
            );
        }
        let total = d.investment_cny.values().sum();
        d.investment_cny.insert("total".into(), total);
        d
    }

    /// Set the net benefit and the sentences from the status quo's totals and this run's.
    pub fn against(&mut self, base: BaselineTotals, run: &BaselineTotals, cached: bool) {
        let per_year = 8760.0 / run.horizon_hours.max(1e-9);
        self.net_benefit_vs_baseline_cny_per_year =
            Some((base.money_objective_cny - run.money_objective_cny) * per_year);
        self.changes_vs_baseline = changes(&base, run);
        self.baseline = Some(base);
        self.baseline_cached = Some(cached);
    }
}

/// One sentence each for export (energy and revenue), spill and imports.
fn changes(base: &BaselineTotals, run: &BaselineTotals) -> Vec<String> {
    let verb = |d: f64| if d >= 0.0 { "rise" } else { "fall" };
    let twh = |a: f64, b: f64| format!("{:.2} TWh to {:.2} TWh", a, b);
    let (de, ds, di) = (
        run.export_twh - base.export_twh,
        run.curtailed_twh - base.curtailed_twh,
        run.import_twh - base.import_twh,
    );
    vec![
        format!(
            "Exports {} by {:.2} TWh ({}), export revenue {}s by {:.1} M CNY.",
            verb(de),
            de.abs(),
            twh(base.export_twh, run.export_twh),
            verb(run.export_revenue_cny - base.export_revenue_cny),
            (run.export_revenue_cny - base.export_revenue_cny).abs() / 1e6
        ),
        format!(
            "Spill (curtailment) {}s by {:.2} TWh ({}).",
            verb(ds),
            ds.abs(),
            twh(base.curtailed_twh, run.curtailed_twh)
        ),
        if di.abs() < 5e-3 {
            format!("Imports do not change ({:.2} TWh).", run.import_twh)
        } else {
            format!(
                "Imports {} by {:.2} TWh ({}).",
                verb(di),
                di.abs(),
                twh(base.import_twh, run.import_twh)
            )
        },
    ]
}

impl BaselineTotals {
    /// The totals of a summary.json read as JSON (a cached status quo, or this run's summary
    /// serialised); None when a key is missing.
    pub fn from_json(v: &serde_json::Value) -> Option<BaselineTotals> {
        let num =
            |path: &[&str]| -> Option<f64> { path.iter().try_fold(v, |v, k| v.get(k))?.as_f64() };
        let parts: BTreeMap<String, f64> =
            serde_json::from_value(v.get("objective_parts_cny")?.clone()).ok()?;
        Some(BaselineTotals {
            objective_cny: num(&["objective_cny"])?,
            money_objective_cny: money_objective(&parts),
            export_twh: num(&["energy_twh", "export"])?,
            export_revenue_cny: -parts.get("export_revenue").copied().unwrap_or(0.0),
            import_twh: num(&["energy_twh", "import"])?,
            curtailed_twh: num(&["curtailment", "annual_twh"])?,
            horizon_hours: num(&["horizon_hours"])?,
        })
    }
}
