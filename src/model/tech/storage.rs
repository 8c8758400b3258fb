//! Electricity storage: a battery or pumped storage, by its parameters. Existing power and
//! energy, and an expansion the optimiser may build.
//!
//! At node n, with P⁰/E⁰ existing power (MW) and energy (MWh), new `P_new`, `E_new`,
//! charge `c_t` and discharge `d_t` (MW), level `e_t` (MWh), one-way efficiency
//! η = √(round-trip efficiency), self-discharge σ per hour:
//! ```text
//! 0 ≤ P_new ≤ new_power_max_mw;   E_new = h·P_new (with `hours` h) or 0 ≤ E_new ≤ new_energy_max_mwh
//! 0 ≤ c_t, d_t ≤ P⁰ + P_new;      0 ≤ e_t ≤ E⁰ + E_new
//! e_t = (1 − σ)^Δt·e_{t−1} + Δt·(η·c_t − d_t/η)          (cyclic: e_{−1} = e_{T−1})
//! balance[n,t] += d_t − c_t
//! objective += annuity(capex_kw·P_new + capex_kwh·E_new) + fom·(…)
//! ```
//! Charging and discharging at once only burns energy; with a positive price it never pays,
//! and where energy is spilled anyway it changes nothing that is reported but losses.

use super::check::Checker;
use super::lumpy;
use super::technology::{Built, Context, Technology};
use crate::model::builder::Builder;
use crate::model::lp::{Col, Index, Sense};
use crate::results::readback::{CapacityRow, Readback, Use};
use serde::{Deserialize, Serialize};

/// A store of electricity at one node.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Storage {
    /// How reports and charts name it (English; default: its key). Not used by the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// How reports and charts name it in Chinese (`--lang zh`; default: `label`, then the key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_zh: Option<String>,
    pub node: String,
    /// Existing charge and discharge power, MW.
    #[serde(default)]
    pub power_mw: f64,
    /// Existing energy capacity, MWh.
    #[serde(default)]
    pub energy_mwh: f64,
    /// New power the optimiser may build, MW (0 = none).
    #[serde(default)]
    pub new_power_max_mw: f64,
    /// Hours of storage of new builds (energy = hours × power). Without it, new energy is
    /// chosen freely up to `new_energy_max_mwh`.
    #[serde(default)]
    pub hours: Option<f64>,
    /// Most new energy capacity, MWh, when `hours` is not given.
    #[serde(default)]
    pub new_energy_max_mwh: f64,
    /// Share of the energy charged that comes back, (0, 1].
    pub round_trip_efficiency: f64,
    /// Share of the stored energy lost per hour, [0, 1).
    #[serde(default)]
    pub self_discharge_per_hour: f64,
    #[serde(default)]
    pub capex_cny_per_kw: f64,
    #[serde(default)]
    pub capex_cny_per_kwh: f64,
    #[serde(default = "fifteen")]
    pub lifetime_years: f64,
    /// Fixed O&M of new capacity as a fraction of its capex per year.
    #[serde(default)]
    pub fom_fraction_per_year: f64,
    /// The new build comes whole (`lumpy.rs`): with `sizes_mw` or `min_build_mw`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lumpy: bool,
    /// Sizes a lumpy new build may take, MW (0: not built).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sizes_mw: Option<Vec<f64>>,
    /// Least a lumpy new build is built at, MW (or nothing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_build_mw: Option<f64>,
}

/// ASSUMPTION: a battery's calendar life (no public source was taken for it; pumped storage
/// lasts far longer: set `lifetime_years`).
fn fifteen() -> f64 {
    15.0
}

impl Technology for Storage {
    fn check(&self, p: &str, c: &mut Checker) {
        lumpy::check(self.lumpy_keys(), p, &self.lumpy_maxima(), c);
        c.node(&format!("{p}.node"), &self.node);
        for (key, v) in [
            ("power_mw", self.power_mw),
            ("energy_mwh", self.energy_mwh),
            ("new_power_max_mw", self.new_power_max_mw),
            ("new_energy_max_mwh", self.new_energy_max_mwh),
            ("capex_cny_per_kw", self.capex_cny_per_kw),
            ("capex_cny_per_kwh", self.capex_cny_per_kwh),
        ] {
            c.nonneg(&format!("{p}.{key}"), v);
        }
        c.fraction_per_year(
            &format!("{p}.fom_fraction_per_year"),
            self.fom_fraction_per_year,
        );
        c.lifetime(&format!("{p}.lifetime_years"), self.lifetime_years);
        if let Some(h) = self.hours {
            c.positive(&format!("{p}.hours"), h);
            if self.new_energy_max_mwh > 0.0 {
                c.bad(
                    format!("{p}.new_energy_max_mwh"),
                    "give either `hours` (energy follows power) or `new_energy_max_mwh`, not both",
                );
            }
        }
        let eta = self.round_trip_efficiency;
        if !(eta > 0.0 && eta <= 1.0) {
            c.bad(
                format!("{p}.round_trip_efficiency"),
                format!("must be in (0, 1] (got {eta}; 85 % is 0.85)"),
            );
        }
        let sigma = self.self_discharge_per_hour;
        if !(0.0..1.0).contains(&sigma) {
            c.bad(
                format!("{p}.self_discharge_per_hour"),
                format!("must be in [0, 1) (got {sigma}; 0.1 % per hour is 0.001)"),
            );
        }
        if self.energy_mwh > 0.0 && self.power_mw == 0.0 && self.new_power_max_mw == 0.0 {
            c.bad(
                format!("{p}.power_mw"),
                "a store with energy but no power (existing or new) can never be used",
            );
        }
    }

    fn stores_energy(&self) -> bool {
        self.power_mw > 0.0 || self.new_power_max_mw > 0.0
    }

    fn lumpy(&self, path: &str, name: &str) -> Vec<lumpy::Project> {
        let site = lumpy::Site {
            name: format!("storage.{name}"),
            column: format!("storage.{}", self.node),
            max_mw: self.new_power_max_mw,
        };
        lumpy::projects(self.lumpy_keys(), path, vec![site])
    }

    fn capacity_keys(&self, name: &str) -> Vec<String> {
        if self.new_power_max_mw > 0.0 {
            vec![format!("storage.{name}")]
        } else {
            Vec::new()
        }
    }

    fn build(&self, name: &str, b: &mut Builder, _ctx: &Context) -> Option<Box<dyn Built>> {
        if !self.stores_energy() {
            return None;
        }
        let node = b.node(&self.node);
        let (new_power, new_energy) = self.new_capacity(b);
        let t_len = b.steps();
        let charge = self.power_columns(b, name, "charge", new_power);
        let discharge = self.power_columns(b, name, "discharge", new_power);
        let level = self.level_columns(b, name, new_power, new_energy);
        let balance_f = b.lp.family("store", name, Index::Time);
        let eta = self.round_trip_efficiency.sqrt();
        for t in 0..t_len {
            let dt = b.duration_h(t);
            let keep = (1.0 - self.self_discharge_per_hour).powf(dt);
            let prev = level[(t + t_len - 1) % t_len];
            // e_t − keep·e_{t−1} − Δt·η·c_t + Δt/η·d_t = 0; one step: the level cancels but
            // for the loss (1 − keep)·e.
            let terms = if t_len == 1 {
                vec![
                    (1.0 - keep, level[t]),
                    (-dt * eta, charge[t]),
                    (dt / eta, discharge[t]),
                ]
            } else {
                vec![
                    (1.0, level[t]),
                    (-keep, prev),
                    (-dt * eta, charge[t]),
                    (dt / eta, discharge[t]),
                ]
            };
            b.lp.row_in(balance_f, &terms, Sense::Eq, 0.0);
            b.inject(node, t, 1.0, discharge[t]);
            b.inject(node, t, -1.0, charge[t]);
        }
        Some(Box::new(StorageVars {
            name: name.to_string(),
            node,
            power_mw: self.power_mw,
            energy_mwh: self.energy_mwh,
            new_power_max_mw: self.new_power_max_mw,
            new_energy_max_mwh: self.new_energy_max_mwh,
            hours: self.hours,
            new_power,
            new_energy,
            charge,
            discharge,
        }))
    }
}

impl Storage {
    /// Its `lumpy`, `sizes_mw` and `min_build_mw` keys.
    fn lumpy_keys(&self) -> lumpy::Keys<'_> {
        lumpy::Keys {
            lumpy: self.lumpy,
            sizes_mw: self.sizes_mw.as_deref(),
            min_build_mw: self.min_build_mw,
        }
    }

    /// The most new power may be, with the key that sets it (sizes are of the power).
    fn lumpy_maxima(&self) -> Vec<(String, f64)> {
        vec![("new_power_max_mw".into(), self.new_power_max_mw)]
    }
    /// Charge or discharge per step, `0 ≤ x_t ≤ P + P_new` (a bound without `P_new`).
    fn power_columns(&self, b: &mut Builder, name: &str, kind: &str, new: Option<Col>) -> Vec<Col> {
        let f = b.lp.family(kind, name, Index::Time);
        let lim = b.lp.family(&format!("{kind}_limit"), name, Index::Time);
        (0..b.steps())
            .map(|_| match new {
                None => b.lp.col_in(f, 0.0, self.power_mw),
                Some(new) => {
                    let x = b.lp.col_in(f, 0.0, f64::INFINITY);
                    b.lp.row_in(lim, &[(1.0, x), (-1.0, new)], Sense::Le, self.power_mw);
                    x
                }
            })
            .collect()
    }

    /// The level per step, `0 ≤ e_t ≤ E + E_new` (or `E + h·P_new` with `hours`).
    fn level_columns(
        &self,
        b: &mut Builder,
        name: &str,
        new_power: Option<Col>,
        new_energy: Option<Col>,
    ) -> Vec<Col> {
        let level_f = b.lp.family("level", name, Index::Time);
        let level_lim = b.lp.family("level_limit", name, Index::Time);
        (0..b.steps())
            .map(|_| match (new_power, new_energy) {
                (None, _) => b.lp.col_in(level_f, 0.0, self.energy_mwh),
                (Some(p), energy) => {
                    let e = b.lp.col_in(level_f, 0.0, f64::INFINITY);
                    let cap = match (self.hours, energy) {
                        (_, Some(en)) => (1.0, en),
                        (Some(h), None) => (h, p),
                        (None, None) => (0.0, p),
                    };
                    let terms = [(1.0, e), (-cap.0, cap.1)];
                    b.lp.row_in(level_lim, &terms, Sense::Le, self.energy_mwh);
                    e
                }
            })
            .collect()
    }

    /// `P_new` and, without `hours`, `E_new`, each with its annuity and fixed O&M.
    fn new_capacity(&self, b: &mut Builder) -> (Option<Col>, Option<Col>) {
        if self.new_power_max_mw <= 0.0 {
            return (None, None);
        }
        let fom = self.fom_fraction_per_year;
        // With `hours`, a MW of power brings h MWh: its cost per MW includes them.
        let per_mw =
            self.capex_cny_per_kw * 1e3 + self.hours.unwrap_or(0.0) * self.capex_cny_per_kwh * 1e3;
        let f =
            b.lp.family("capacity", &format!("storage.{}", self.node), Index::One);
        let p = b.lp.col_in(f, 0.0, self.new_power_max_mw);
        b.capacity_cost(p, per_mw, self.lifetime_years, per_mw * fom);
        let e = (self.hours.is_none() && self.new_energy_max_mwh > 0.0).then(|| {
            let f = b.lp.family(
                "energy_capacity",
                &format!("storage.{}", self.node),
                Index::One,
            );
            let e = b.lp.col_in(f, 0.0, self.new_energy_max_mwh);
            let per_mwh = self.capex_cny_per_kwh * 1e3;
            b.capacity_cost(e, per_mwh, self.lifetime_years, per_mwh * fom);
            e
        });
        (Some(p), e)
    }
}

#[derive(Debug, Clone)]
struct StorageVars {
    name: String,
    node: usize,
    power_mw: f64,
    energy_mwh: f64,
    new_power_max_mw: f64,
    new_energy_max_mwh: f64,
    hours: Option<f64>,
    new_power: Option<Col>,
    new_energy: Option<Col>,
    charge: Vec<Col>,
    discharge: Vec<Col>,
}

impl Built for StorageVars {
    fn read_back(&self, r: &mut Readback) {
        let net = r.all(&self.discharge) - r.all(&self.charge);
        let component = format!("storage.{}", self.name);
        r.push(self.node, component.clone(), Use::Storage, net);
        let power = r.opt(self.new_power);
        r.capacities.push(CapacityRow {
            component: component.clone(),
            option: "storage".into(),
            node: r.node_name(self.node),
            unit: "MW",
            existing: self.power_mw,
            built: power,
            max_new: self.new_power_max_mw,
            annual_cost_cny: r.cap_cost(self.new_power),
        });
        let energy = match self.hours {
            Some(h) => h * power,
            None => r.opt(self.new_energy),
        };
        r.capacities.push(CapacityRow {
            component: format!("{component}.energy"),
            option: "storage_energy".into(),
            node: r.node_name(self.node),
            unit: "MWh",
            existing: self.energy_mwh,
            built: energy,
            max_new: self
                .hours
                .map_or(self.new_energy_max_mwh, |h| h * self.new_power_max_mw),
            annual_cost_cny: r.cap_cost(self.new_energy),
        });
    }
}
