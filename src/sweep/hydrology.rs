//! Historical hydrology years: scale the hydro of the base scenario by one year's annual inflow.
//!
//! Method (docs/sweeps.md): for the chosen year, `f = relative_to_mean` (annual Dadu volume at
//! Pubugou ÷ its 1979–2016 mean). Reservoir inflow is multiplied by `f` (a reservoir stores or
//! spills what it cannot turbine, so no cap is needed). Run-of-river availability is
//! `min(1, f × profile_scale × profile)` hour by hour: a plant cannot run above its capacity,
//! and the water above it is spill that the plant could never use. That clipped energy is *not*
//! counted as curtailment, so wet years' curtailment is biased low; `hydro_clipped_twh` in
//! `sweep.csv` says how much was cut. The shape stays that of the profile year (2020).
//! When the scenario has `[hydrology_prices]`, the export and import tariffs are multiplied by
//! the rule's factor at `f` (`hydrology::prices`).

use crate::hydrology::prices::Multiplier;
use crate::inputs::Inputs;
use crate::scenario::{GeneratorKind, Scenario, SeriesRef, Tariff};

pub use crate::hydrology::record::{read, HydrologyYear, MAX_RELATIVE_TO_MEAN};

/// Scale the scenario's hydro (and, with `[hydrology_prices]`, its export and import prices) to
/// year `y`. Returns the inputs with the clipped run-of-river
/// series added when any hour had to be clipped (None: the base inputs serve as they are), and
/// the energy clipped away, TWh over the horizon (hourly, so independent of the resolution).
pub fn apply(sc: &mut Scenario, inputs: &Inputs, y: &HydrologyYear) -> (Option<Inputs>, f64) {
    let f = y.relative_to_mean;
    let mut derived: Option<Inputs> = None;
    let mut clipped_mwh = 0.0;
    for g in sc.generators.values_mut() {
        match g.kind {
            GeneratorKind::Reservoir => g.profile_scale *= f,
            GeneratorKind::Ror => {
                let scale = g.profile_scale * f;
                let (_, hi, _) = inputs.hourly_stats(&g.profile);
                if hi * scale <= 1.0 {
                    g.profile_scale = scale;
                    continue;
                }
                let hourly = inputs.hourly(&g.profile);
                clipped_mwh += hourly
                    .iter()
                    .map(|x| (x * scale - 1.0).max(0.0))
                    .sum::<f64>()
                    * g.capacity_mw;
                let name = match &g.profile {
                    SeriesRef::Column(c) => format!("{c} × {scale} clipped at 1"),
                    SeriesRef::File { file, column } => {
                        format!("{}:{column} × {scale} clipped at 1", file.display())
                    }
                };
                let target = derived.get_or_insert_with(|| inputs.clone());
                g.profile = target.add_derived(&name, hourly.mapv(|x| (x * scale).min(1.0)));
                g.profile_scale = 1.0;
            }
            GeneratorKind::Solar | GeneratorKind::Wind => {}
        }
    }
    if let Some(rule) = sc.hydrology_prices.clone() {
        let market = &mut sc.market;
        let prices = [
            (rule.export_multiplier, &mut market.export_price_cny_per_mwh),
            (rule.import_multiplier, &mut market.import_price_cny_per_mwh),
        ];
        for (multiplier, tariff) in prices {
            if let Some(m) = multiplier {
                scale_tariff(tariff, &m, f, inputs, &mut derived);
            }
        }
    }
    (derived, clipped_mwh / 1e6)
}

/// Multiply a tariff by the rule's factor at relative volume `f`; a series tariff gets a derived
/// series (added to `derived`, made from `inputs` when there is none yet).
fn scale_tariff(
    tariff: &mut Tariff,
    rule: &Multiplier,
    f: f64,
    inputs: &Inputs,
    derived: &mut Option<Inputs>,
) {
    let k = rule.at(f);
    match tariff {
        Tariff::Flat(x) => *x *= k,
        Tariff::Seasonal { wet, dry } => {
            *wet *= k;
            *dry *= k;
        }
        Tariff::Monthly { monthly } => monthly.iter_mut().for_each(|x| *x *= k),
        Tariff::Series { series } if k != 1.0 => {
            let name = match &*series {
                SeriesRef::Column(c) => format!("{c} × {k}"),
                SeriesRef::File { file, column } => format!("{}:{column} × {k}", file.display()),
            };
            let target = derived.get_or_insert_with(|| inputs.clone());
            let scaled = target.hourly(series).mapv(|x| x * k);
            *series = target.add_derived(&name, scaled);
        }
        Tariff::Series { .. } => {}
    }
}
