//! Which constraint binds for each option: summary.json's `binding`, one entry per key of
//! `capacity_built_mw`, read from the results (capacities and flows), never from the solver's
//! duals, so it reads the same whichever solver ran. docs/model.md states the rules:
//!
//! - `not built`: less than `BUILT_MW` built;
//! - `site limit` (options) or `expansion limit` (lines, generators, stores): the total built
//!   is within `SHARE` of the most allowed;
//! - `minimum utilisation`: an industry site runs no more than its minimum utilisation asks,
//!   so every MW more would have to run through hours where it does not pay;
//! - `line congested N % of hours`: a line built short of its limit, with the share of hours
//!   (weighted) its flow is at its capacity: the hours whose value paid for it;
//! - `site limit at a, b`: some sites are full but not all;
//! - `hydrogen market: block x full` (electrolysers short of their sites): the demand blocks
//!   worth serving are full, and the next block, net of transport, does not pay;
//! - `none`: an interior optimum (the last MW just pays for itself).

use crate::results::Results;
use crate::scenario::Scenario;
use std::collections::BTreeMap;

/// Built below this counts as not built, MW (as the report's headline counts it).
pub const BUILT_MW: f64 = 0.5;
/// Relative closeness to a limit that counts as at the limit (interior-point solutions stop
/// ~1e-6 short of their bounds; a real optimum short of a limit is far more than 0.1 % short).
pub const SHARE: f64 = 1e-3;

/// The binding constraint of every key of `capacity_built_mw`.
pub fn binding(
    sc: &Scenario,
    r: &Results,
    built_mw: &BTreeMap<String, f64>,
) -> BTreeMap<String, String> {
    built_mw
        .iter()
        .map(|(key, built)| (key.clone(), one(sc, r, key, *built)))
        .collect()
}

/// Whether a capacity key names one asset (a line, generator or store) rather than an option
/// summed over its sites, as `capacity_built_mw` groups them.
fn single(key: &str) -> bool {
    ["line.", "generator.", "storage."]
        .iter()
        .any(|p| key.starts_with(p))
}

fn one(sc: &Scenario, r: &Results, key: &str, built: f64) -> String {
    if built < BUILT_MW {
        return "not built".into();
    }
    let rows: Vec<_> = r
        .capacities
        .iter()
        .filter(|c| c.unit == "MW")
        .filter(|c| {
            if single(key) {
                c.component == key
            } else {
                c.option == key
            }
        })
        .collect();
    let limit: f64 = rows.iter().map(|c| c.max_new).sum();
    if limit > 0.0 && built >= limit * (1.0 - SHARE) {
        return if single(key) {
            "expansion limit"
        } else {
            "site limit"
        }
        .into();
    }
    if let Some(product) = key.strip_prefix("industry.") {
        if at_min_utilisation(sc, r, key, product) {
            return "minimum utilisation".into();
        }
    }
    if let Some(line) = key.strip_prefix("line.") {
        let capacity: f64 = rows.iter().map(|c| c.existing + c.built).sum();
        let share = congested_share(r, &format!("line.{line}"), capacity);
        return format!("line congested {:.0} % of hours", share * 100.0);
    }
    let full: Vec<&str> = rows
        .iter()
        .filter(|c| c.max_new > 0.0 && c.built >= c.max_new * (1.0 - SHARE))
        .map(|c| c.node.as_str())
        .collect();
    let blocks_full: Vec<&str> = r
        .hydrogen_blocks
        .iter()
        .filter(|b| b.full)
        .map(|b| b.name.as_str())
        .collect();
    if key == "electrolyser" && full.is_empty() && !blocks_full.is_empty() {
        let word = if blocks_full.len() == 1 {
            "block"
        } else {
            "blocks"
        };
        format!("hydrogen market: {word} {} full", blocks_full.join(", "))
    } else if full.is_empty() {
        "none".into()
    } else {
        format!("site limit at {}", full.join(", "))
    }
}

/// Whether any site of an industry runs at (not above) its minimum utilisation: its energy
/// over the allowed months is min_utilisation × capacity × allowed hours.
fn at_min_utilisation(sc: &Scenario, r: &Results, key: &str, product: &str) -> bool {
    let Some(ind) = sc.options.industry.get(product) else {
        return false;
    };
    if ind.min_utilisation <= 0.0 {
        return false;
    }
    let allowed_hours: f64 = r
        .months
        .iter()
        .zip(r.wdt.iter())
        .filter(|(m, _)| ind.months.as_ref().is_none_or(|ms| ms.contains(m)))
        .map(|(_, w)| w)
        .sum();
    r.capacities
        .iter()
        .filter(|c| c.component == key && c.existing + c.built >= BUILT_MW)
        .any(|c| {
            let energy_mwh: f64 = r
                .series
                .iter()
                .filter(|s| s.component == key && r.node_names[s.node] == c.node)
                .map(|s| r.twh(&s.mw).abs() * 1e6)
                .sum();
            let floor = ind.min_utilisation * (c.existing + c.built) * allowed_hours;
            energy_mwh <= floor * (1.0 + SHARE)
        })
}

/// Share of the horizon's (weighted) hours in which a line carries its capacity in either
/// direction, read at its sending end (the larger of its two ends' injections).
fn congested_share(r: &Results, component: &str, capacity_mw: f64) -> f64 {
    let ends: Vec<_> = r
        .series
        .iter()
        .filter(|s| s.component == component)
        .collect();
    let hours = r.wdt.sum();
    if capacity_mw <= 0.0 || hours <= 0.0 {
        return 0.0;
    }
    let at_capacity: f64 = (0..r.wdt.len())
        .filter(|t| {
            let sent = ends.iter().map(|s| s.mw[*t].abs()).fold(0.0, f64::max);
            sent >= capacity_mw * (1.0 - SHARE)
        })
        .map(|t| r.wdt[t])
        .sum();
    at_capacity / hours
}
