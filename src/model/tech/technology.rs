//! The contract every technology fills. A new technology is one file that implements
//! `Technology` for its scenario struct, plus one line in `tech::instances`; the compiler then
//! names whatever it has not filled (its checks, its series, its build, its read-back, its
//! capacity keys).

use super::check::Checker;
use super::hydrogen_market::{HydrogenBlock, HydrogenTransport};
use super::lumpy::Project;
use crate::model::builder::Builder;
use crate::results::readback::Readback;
use crate::scenario::values::SeriesRef;
use std::collections::BTreeMap;

/// The few numbers of other sections that technologies share (the scenario itself is not
/// handed down, so that a technology's inputs are visible in its signature).
#[derive(Debug, Clone)]
pub struct Context {
    /// Cost on each MWh curtailed (spilled).
    pub curtailment_penalty_cny_per_mwh: f64,
    /// Tie-break cost on flows of lossy lines.
    pub flow_tie_break_cny_per_mwh: f64,
    /// Value on each MWh of solar and wind used (hydro spills first).
    pub solar_wind_priority_cny_per_mwh: f64,
    /// Hydrogen price at the plant gate.
    pub hydrogen_price_cny_per_kg: f64,
    /// Hydrogen demand blocks and the transport to them (`market`; read by the electrolyser).
    pub hydrogen_blocks: BTreeMap<String, HydrogenBlock>,
    pub hydrogen_transport: HydrogenTransport,
    /// Calendar months of the flood season (wet tariffs).
    pub flood_season_months: Vec<u32>,
    /// The study year (`time.study_year`), for committed assets' in-service dates.
    pub study_year: Option<i32>,
}

/// One technology (a generator, a line, an option, the market), as written in one entry of a
/// scenario section. `path` is the entry's key path (`options.industry.silicon`), `name` its
/// own name (`silicon`; the section's name for single entries).
pub trait Technology: Sync {
    /// The series this entry reads, each with the key path that names it.
    fn series(&self, path: &str) -> Vec<(String, SeriesRef)> {
        let _ = path;
        Vec::new()
    }

    /// Range and reference checks (every problem, not the first).
    fn check(&self, path: &str, c: &mut Checker);

    /// Whether the entry keeps energy from one step to the next (then step weights must be 1).
    fn stores_energy(&self) -> bool {
        false
    }

    /// Keys it adds to `summary.json`'s `capacity_built_mw` (and `sweep.csv`'s columns).
    fn capacity_keys(&self, name: &str) -> Vec<String>;

    /// The projects of it that come whole (`lumpy = true`; see `lumpy.rs`), one per capacity
    /// column; none for a divisible entry.
    fn lumpy(&self, path: &str, name: &str) -> Vec<Project> {
        let _ = (path, name);
        Vec::new()
    }

    /// Add its columns, rows, costs and injections; `None` when it adds nothing.
    fn build(&self, name: &str, b: &mut Builder, ctx: &Context) -> Option<Box<dyn Built>>;
}

/// A technology's columns after the build: what it needs to read its results back.
pub trait Built: Send + Sync {
    fn read_back(&self, r: &mut Readback);
}
