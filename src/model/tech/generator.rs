//! Generators: run-of-river hydro, solar and wind (availability-limited), and reservoir hydro
//! (its LP is in `reservoir.rs`).
//!
//! Availability-limited (ror, solar, wind), with `a_t` the profile × `profile_scale`:
//! ```text
//! 0 ≤ p_t ≤ a_t·(P + P_new),   0 ≤ P_new ≤ new_capacity_max_mw
//! curtailment_t = a_t·(P + P_new) − p_t
//! ```
//! Cost: `vom·w·Δt·p` plus the annuity of `P_new`; the optional penalty `c·w·Δt·curtailment`
//! is split into its constant and its terms in `p` and `P_new`.

use super::asset::{self, AssetStatus};
use super::check::Checker;
use super::reservoir;
use super::technology::{Built, Context, Technology};
use crate::model::builder::{Builder, CostPart};
use crate::model::lp::{Col, Index, Sense};
use crate::results::readback::{CapacityRow, Readback, Use};
use crate::scenario::values::SeriesRef;
use ndarray::Array1;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum GeneratorKind {
    /// Run-of-river hydro: availability profile, no storage.
    Ror,
    /// Reservoir hydro: inflow profile, storage, turbine, spill.
    Reservoir,
    Solar,
    Wind,
}

impl GeneratorKind {
    /// The key of its output in outputs (`generation_twh`, dispatch.csv, charts).
    pub fn name(self) -> &'static str {
        match self {
            GeneratorKind::Ror => "hydro_ror",
            GeneratorKind::Reservoir => "hydro_reservoir",
            GeneratorKind::Solar => "solar",
            GeneratorKind::Wind => "wind",
        }
    }

    /// Whether it is hydro (its curtailment is reported as hydro spill) or solar and wind.
    pub fn is_hydro(self) -> bool {
        match self {
            GeneratorKind::Ror | GeneratorKind::Reservoir => true,
            GeneratorKind::Solar | GeneratorKind::Wind => false,
        }
    }

    /// Whether its profile is an inflow into a store (true) or an availability in [0, 1].
    pub fn has_reservoir(self) -> bool {
        match self {
            GeneratorKind::Reservoir => true,
            GeneratorKind::Ror | GeneratorKind::Solar | GeneratorKind::Wind => false,
        }
    }
}

/// A generator (or an aggregate of plants of one kind at one node).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Generator {
    pub node: String,
    pub kind: GeneratorKind,
    /// Installed capacity today, MW.
    pub capacity_mw: f64,
    /// Availability per unit of capacity (ror, solar, wind) or inflow per unit of turbine
    /// capacity (reservoir), 0..1 for availability.
    pub profile: SeriesRef,
    /// Multiplies the profile (hydrology scaling; calibration of a province-wide shape).
    #[serde(default = "one")]
    pub profile_scale: f64,
    /// Reservoir only: usable storage, MWh of electricity.
    #[serde(default)]
    pub storage_mwh: f64,
    /// New capacity the optimiser may add, MW (0 = none).
    #[serde(default)]
    pub new_capacity_max_mw: f64,
    #[serde(default)]
    pub capex_cny_per_kw: f64,
    #[serde(default = "thirty")]
    pub lifetime_years: f64,
    /// Fixed O&M of new capacity, CNY per kW per year.
    #[serde(default)]
    pub fom_cny_per_kw_year: f64,
    #[serde(default)]
    pub vom_cny_per_mwh: f64,
    /// `existing` (default), `committed` (sunk, in service from `in_service`) or `candidate`
    /// (nothing yet; all of it to build).
    #[serde(default, skip_serializing_if = "AssetStatus::is_existing")]
    pub status: AssetStatus,
    /// In-service date of a committed generator, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_service: Option<String>,
}

fn one() -> f64 {
    1.0
}
fn thirty() -> f64 {
    30.0
}

impl Technology for Generator {
    fn series(&self, path: &str) -> Vec<(String, SeriesRef)> {
        vec![(format!("{path}.profile"), self.profile.clone())]
    }

    fn check(&self, p: &str, c: &mut Checker) {
        c.node(&format!("{p}.node"), &self.node);
        for (key, v) in [
            ("capacity_mw", self.capacity_mw),
            ("profile_scale", self.profile_scale),
            ("storage_mwh", self.storage_mwh),
            ("new_capacity_max_mw", self.new_capacity_max_mw),
            ("capex_cny_per_kw", self.capex_cny_per_kw),
            ("fom_cny_per_kw_year", self.fom_cny_per_kw_year),
            ("vom_cny_per_mwh", self.vom_cny_per_mwh),
        ] {
            c.nonneg(&format!("{p}.{key}"), v);
        }
        c.lifetime(&format!("{p}.lifetime_years"), self.lifetime_years);
        asset::check(
            p,
            self.status,
            self.in_service.as_deref(),
            (self.capacity_mw, self.new_capacity_max_mw),
            c,
        );
        let reservoir = self.kind.has_reservoir();
        if reservoir && self.new_capacity_max_mw > 0.0 {
            c.bad(
                format!("{p}.new_capacity_max_mw"),
                "reservoir hydro cannot be expanded in this model",
            );
        }
        if !reservoir && self.storage_mwh > 0.0 {
            c.bad(
                format!("{p}.storage_mwh"),
                format!(
                    "only reservoir hydro has storage (this is {})",
                    self.kind.name()
                ),
            );
        }
        // Checked on the hourly values: block averages could hide an hour above 1.
        let Some((lo, hi, _)) = c.hourly_stats(&self.profile) else {
            return;
        };
        let (lo, hi) = (lo * self.profile_scale, hi * self.profile_scale);
        // Point at the scale when it may be what pushed the profile above 1.
        let key = if self.profile_scale != 1.0 {
            "profile_scale"
        } else {
            "profile"
        };
        if lo < 0.0 {
            c.bad(
                format!("{p}.profile"),
                format!(
                    "profile × profile_scale goes below 0 (min {lo:.4}{})",
                    c.first_hour_where(&self.profile, |v| v * self.profile_scale < 0.0)
                ),
            );
        }
        if !reservoir && hi > 1.0 + 1e-9 {
            c.bad(
                format!("{p}.{key}"),
                format!("availability must be in [0, 1]; profile × profile_scale reaches {hi:.4}"),
            );
        }
    }

    fn stores_energy(&self) -> bool {
        self.kind.has_reservoir() && self.storage_mwh > 0.0
    }

    fn capacity_keys(&self, name: &str) -> Vec<String> {
        if self.kind.has_reservoir() || self.new_capacity_max_mw <= 0.0 {
            return Vec::new();
        }
        vec![format!("generator.{name}")]
    }

    fn build(&self, name: &str, b: &mut Builder, ctx: &Context) -> Option<Box<dyn Built>> {
        let node = b.node(&self.node);
        let mut profile_pu = b.series(&self.profile) * self.profile_scale;
        // A committed plant offers nothing, and takes no inflow, before its in-service date.
        let share = asset::enter(
            b,
            format!("generator.{name}"),
            (self.status, self.in_service.as_deref()),
            self.capacity_mw,
            ctx.study_year,
        );
        if self.status == AssetStatus::Committed {
            profile_pu *= &share;
        }
        let (new_capacity, output, level) = if self.kind.has_reservoir() {
            let (output, level) = reservoir::build(
                b,
                name,
                self.capacity_mw,
                self.storage_mwh,
                &profile_pu,
                &share,
            );
            (None, output, level)
        } else {
            let new_capacity = self.new_capacity(b, name);
            let output = self.available_output(b, name, &profile_pu, new_capacity);
            (new_capacity, output, Vec::new())
        };
        let vars = GeneratorVars {
            name: name.to_string(),
            node,
            kind: self.kind,
            capacity_mw: self.capacity_mw,
            new_capacity,
            new_capacity_max_mw: if new_capacity.is_some() {
                self.new_capacity_max_mw
            } else {
                0.0
            },
            profile_pu,
            output,
            level,
        };
        vars.costs(b, self.vom_cny_per_mwh, ctx);
        Some(Box::new(vars))
    }
}

impl Generator {
    /// `P_new`, with its annuity, when the generator may expand.
    fn new_capacity(&self, b: &mut Builder, name: &str) -> Option<Col> {
        (self.new_capacity_max_mw > 0.0).then(|| {
            let f =
                b.lp.family("capacity", &format!("generator.{name}"), Index::One);
            let c = b.lp.col_in(f, 0.0, self.new_capacity_max_mw);
            b.capacity_cost(
                c,
                self.capex_cny_per_kw * 1e3,
                self.lifetime_years,
                self.fom_cny_per_kw_year * 1e3,
            );
            c
        })
    }

    /// `0 ≤ p_t ≤ a_t·(P + P_new)`: a bound when nothing can be built, a row otherwise; no
    /// column where nothing is available.
    fn available_output(
        &self,
        b: &mut Builder,
        name: &str,
        profile_pu: &Array1<f64>,
        new_capacity: Option<Col>,
    ) -> Vec<Option<Col>> {
        let f = b.lp.family("output", name, Index::Ord);
        let limit_f = b.lp.family("available", name, Index::Ord);
        (0..b.steps())
            .map(|t| {
                let a = profile_pu[t];
                match new_capacity {
                    _ if a <= 0.0 => None,
                    None => Some(b.lp.col_in(f, 0.0, a * self.capacity_mw)),
                    Some(new) => {
                        let p = b.lp.col_in(f, 0.0, f64::INFINITY);
                        let terms = [(1.0, p), (-a, new)];
                        b.lp.row_in(limit_f, &terms, Sense::Le, a * self.capacity_mw);
                        Some(p)
                    }
                }
            })
            .collect()
    }
}

/// The columns of one generator and what is needed to read them back.
#[derive(Debug, Clone)]
pub struct GeneratorVars {
    pub name: String,
    pub node: usize,
    pub kind: GeneratorKind,
    pub capacity_mw: f64,
    pub new_capacity: Option<Col>,
    pub new_capacity_max_mw: f64,
    /// Availability (per unit) or, for reservoirs, inflow per unit of turbine capacity.
    pub profile_pu: Array1<f64>,
    /// Output per step (None where nothing can be produced).
    pub output: Vec<Option<Col>>,
    /// Reservoir level per step, MWh (empty for other kinds).
    pub level: Vec<Col>,
}

impl GeneratorVars {
    /// Injections, variable cost and the curtailment penalty of every step's output.
    fn costs(&self, b: &mut Builder, vom_cny_per_mwh: f64, ctx: &Context) {
        let penalty = ctx.curtailment_penalty_cny_per_mwh;
        let priority = if self.kind.is_hydro() {
            0.0
        } else {
            ctx.solar_wind_priority_cny_per_mwh
        };
        for t in 0..b.steps() {
            let Some(p) = self.output[t] else { continue };
            b.inject(self.node, t, 1.0, p);
            let wdt = b.wdt[t];
            b.cost(CostPart::VariableCost, vom_cny_per_mwh * wdt, p);
            b.cost(CostPart::DispatchPriority, -priority * wdt, p);
            if penalty > 0.0 {
                // penalty·(available − p): the available part is a constant (or P_new's term).
                b.cost(CostPart::CurtailmentPenalty, -penalty * wdt, p);
                let available = if self.kind.has_reservoir() {
                    self.profile_pu[t] * self.capacity_mw
                } else {
                    self.profile_pu[t].max(0.0) * self.capacity_mw
                };
                b.cost_constant(CostPart::CurtailmentPenalty, penalty * wdt * available);
                if let Some(new) = self.new_capacity {
                    b.cost(
                        CostPart::CurtailmentPenalty,
                        penalty * wdt * self.profile_pu[t].max(0.0),
                        new,
                    );
                }
            }
        }
    }
}

impl Built for GeneratorVars {
    fn read_back(&self, r: &mut Readback) {
        let p = r.all_opt(&self.output);
        let total_mw = self.capacity_mw + r.opt(self.new_capacity);
        let (available, curtailed) = if self.kind.has_reservoir() {
            reservoir::spill(r, &self.profile_pu, self.capacity_mw, &p, &self.level)
        } else {
            let a = self.profile_pu.mapv(|x| x.max(0.0)) * total_mw;
            let c = (&a - &p).mapv(|x| x.max(0.0));
            (a, c)
        };
        r.available_mw[self.node] += &available;
        if self.kind.is_hydro() {
            r.hydro_spill_mw[self.node] += &curtailed;
        }
        r.curtailed_mw[self.node] += &curtailed;
        r.push(
            self.node,
            self.name.clone(),
            Use::Generation(self.kind.name()),
            p,
        );
        r.capacities.push(CapacityRow {
            component: format!("generator.{}", self.name),
            option: self.kind.name().into(),
            node: r.node_name(self.node),
            unit: "MW",
            existing: self.capacity_mw,
            built: r.opt(self.new_capacity),
            max_new: self.new_capacity_max_mw,
            annual_cost_cny: r.cap_cost(self.new_capacity),
        });
    }
}
