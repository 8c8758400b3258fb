//! Plausibility warnings: prices, costs and efficiencies outside the range typical for their
//! unit. Such a value is not an error (a study may mean it), but it is most often a unit slip,
//! and a slip of ×1000 changes the answer without failing anything: an export price typed in
//! CNY/kWh (0.2) runs "optimal" and builds data centres on free electricity. So the run goes
//! on, and the value, where it is written and the likely slip are named on stderr (`warning:`)
//! and in report.md.
//!
//! The ranges are deliberately wide (a factor of about ten around the values seen in public
//! sources, so that a real value is never flagged while a ×1000 slip always is); where they
//! rest on judgement they say ASSUMPTION. docs/model.md lists them with this reasoning.
//!
//! A value of exactly 0 is never flagged: it is how a scenario says "none" (no penalty, no
//! price, no fixed O&M). Signs are checked by validation; here the size |x| is compared.

use crate::error::InputProblem;
use crate::scenario::LoadedScenario;
use toml::Value;

/// The likely slips, in the words a warning uses.
const KWH_FOR_MWH: &str = "a price in CNY/kWh typed where CNY/MWh is meant (×1000 too small)?";
const T_FOR_KG: &str = "a price in CNY/t typed where CNY/kg is meant (×1000 too large)?";
const NM3_FOR_KG: &str = "a price in CNY/Nm³ typed where CNY/kg is meant (×11 too small)?";
const PERCENT_FOR_FRACTION: &str = "a percentage typed where a fraction is meant (×100 too large)?";
const W_FOR_KW: &str = "a cost in CNY/W typed where CNY/kW is meant (×1000 too small)?";
const MW_FOR_KW: &str = "a cost in CNY/MW typed where CNY/kW is meant (×1000 too large)?";
const KWH_FOR_MWH_ENERGY: &str =
    "kWh per tonne typed where MWh per tonne is meant (×1000 too large)?";
const KG_FOR_T: &str = "a margin in CNY/kg typed where CNY/t is meant (×1000 too small)?";
const UNIT: &str = "check its unit";

/// One key's typical range. `lo`/`hi` bound |value|; `below`/`above` name the likely slip.
pub struct Range {
    /// The key's last name, e.g. `export_price_cny_per_mwh` (wherever it appears).
    pub key: &'static str,
    pub lo: f64,
    pub hi: f64,
    pub unit: &'static str,
    pub below: &'static str,
    pub above: &'static str,
    /// Why these ends (a source, or ASSUMPTION with the reasoning).
    pub why: &'static str,
}

/// The one table of typical ranges (docs/model.md repeats it for readers).
pub const RANGES: &[Range] = &[
    Range {
        key: "export_price_cny_per_mwh",
        lo: 10.0,
        hi: 5_000.0,
        unit: "CNY/MWh",
        below: KWH_FOR_MWH,
        above: UNIT,
        why: "on-grid prices in China 2018 were 199 (hydro, Yunnan) to 860 (solar) CNY/MWh \
              (NEA via S&P Global); ×20 either side is ASSUMPTION",
    },
    Range {
        key: "import_price_cny_per_mwh",
        lo: 10.0,
        hi: 5_000.0,
        unit: "CNY/MWh",
        below: KWH_FOR_MWH,
        above: UNIT,
        why: "as export prices; industrial tariffs are 300–1,000 CNY/MWh (spec)",
    },
    Range {
        key: "voll_cny_per_mwh",
        lo: 1_000.0,
        hi: 1_000_000.0,
        unit: "CNY/MWh",
        below: KWH_FOR_MWH,
        above: UNIT,
        why: "ASSUMPTION: a value of lost load must exceed every price (thousands of CNY/MWh)",
    },
    Range {
        key: "curtailment_penalty_cny_per_mwh",
        lo: 1.0,
        hi: 5_000.0,
        unit: "CNY/MWh",
        below: KWH_FOR_MWH,
        above: UNIT,
        why: "ASSUMPTION: a penalty is of the order of the energy's price",
    },
    Range {
        key: "vom_cny_per_mwh",
        lo: 0.5,
        hi: 2_000.0,
        unit: "CNY/MWh",
        below: KWH_FOR_MWH,
        above: UNIT,
        why: "ASSUMPTION: variable O&M of hydro, solar and wind is a few to tens of CNY/MWh",
    },
    Range {
        key: "revenue_cny_per_mwh_it",
        lo: 10.0,
        hi: 20_000.0,
        unit: "CNY/MWh",
        below: KWH_FOR_MWH,
        above: UNIT,
        why: "ASSUMPTION: the shipped 450 CNY/MWh of IT load, ×20 either side",
    },
    Range {
        key: "hydrogen_price_cny_per_kg",
        lo: 2.0,
        hi: 200.0,
        unit: "CNY/kg",
        below: NM3_FOR_KG,
        above: T_FOR_KG,
        why: "coal- and gas-based hydrogen costs 1.0–2.2 CNY/Nm³, 12–25 CNY/kg (SMM, \
              metal.com); pump prices are 35–75 CNY/kg (Hydrogen Insight); the ends are \
              ASSUMPTION",
    },
    Range {
        key: "price_cny_per_kg",
        lo: 2.0,
        hi: 200.0,
        unit: "CNY/kg",
        below: NM3_FOR_KG,
        above: T_FOR_KG,
        why: "a hydrogen demand block's price: as hydrogen_price_cny_per_kg",
    },
    Range {
        key: "fixed_cny_per_kg",
        lo: 0.05,
        hi: 50.0,
        unit: "CNY/kg",
        below: UNIT,
        above: T_FOR_KG,
        why: "ASSUMPTION: the fixed part of hydrogen transport is a few CNY/kg",
    },
    Range {
        key: "per_km_cny_per_kg",
        lo: 0.002,
        hi: 1.0,
        unit: "CNY/(kg·km)",
        below: UNIT,
        above: "a cost per 100 km typed where per km is meant (×100 too large)?",
        why: "ASSUMPTION: tube trailers cost ~6 CNY/kg per 100 km, 0.06 per km",
    },
    Range {
        key: "stack_cost_cny_per_kw",
        lo: 20.0,
        hi: 50_000.0,
        unit: "CNY/kW",
        below: W_FOR_KW,
        above: MW_FOR_KW,
        why: "ASSUMPTION: a stack is about a third of an electrolyser's capex",
    },
    Range {
        key: "other_cost_cny_per_kg",
        lo: 0.05,
        hi: 50.0,
        unit: "CNY/kg",
        below: UNIT,
        above: T_FOR_KG,
        why: "ASSUMPTION: water, compression and labour are a few CNY/kg",
    },
    Range {
        key: "storage_capex_cny_per_kg",
        lo: 100.0,
        hi: 100_000.0,
        unit: "CNY/kg",
        below: UNIT,
        above: T_FOR_KG,
        why: "ASSUMPTION: steel tube storage of thousands of CNY per kg of hydrogen held",
    },
    Range {
        key: "capex_cny_per_kw",
        lo: 50.0,
        hi: 100_000.0,
        unit: "CNY/kW",
        below: W_FOR_KW,
        above: MW_FOR_KW,
        why: "spec: electrolysers 1,350–1,500, data centres and smelters ~10,000 CNY/kW; \
              the ends are ASSUMPTION",
    },
    Range {
        key: "capex_cny_per_kwh",
        lo: 50.0,
        hi: 20_000.0,
        unit: "CNY/kWh",
        below: UNIT,
        above: "a cost in CNY/MWh typed where CNY/kWh is meant (×1000 too large)?",
        why: "ASSUMPTION: battery and pumped-storage energy capacity costs hundreds to a few \
              thousand CNY/kWh",
    },
    Range {
        key: "capex_cny_per_mw_km",
        lo: 100.0,
        hi: 1_000_000.0,
        unit: "CNY/(MW·km)",
        below: "a cost per kW·km typed where per MW·km is meant (×1000 too small)?",
        above: UNIT,
        why: "ASSUMPTION: a line costs thousands of CNY per MW of capacity and km",
    },
    Range {
        key: "fom_cny_per_kw_year",
        lo: 1.0,
        hi: 5_000.0,
        unit: "CNY/(kW·a)",
        below: UNIT,
        above: MW_FOR_KW,
        why: "ASSUMPTION: fixed O&M is 1–5 % a year of capex",
    },
    Range {
        key: "revenue_cny_per_mw_year",
        lo: 1_000.0,
        hi: 100_000_000.0,
        unit: "CNY/(MW·a)",
        below: "a revenue per kW typed where per MW is meant (×1000 too small)?",
        above: UNIT,
        why: "ASSUMPTION: tens of thousands to millions of CNY per MW a year",
    },
    Range {
        key: "margin_cny_per_tonne",
        lo: 100.0,
        hi: 200_000.0,
        unit: "CNY/t",
        below: KG_FOR_T,
        above: UNIT,
        why: "spec: silicon 6,000 and aluminium 10,000 CNY/t; the ends are ASSUMPTION",
    },
    Range {
        key: "mwh_per_tonne",
        lo: 0.5,
        hi: 100.0,
        unit: "MWh/t",
        below: UNIT,
        above: KWH_FOR_MWH_ENERGY,
        why: "spec: silicon 12–13.5, aluminium 13.4 MWh/t",
    },
    Range {
        key: "kwh_per_kg",
        lo: 39.4,
        hi: 100.0,
        unit: "kWh/kg",
        below: UNIT,
        above: "Wh/kg or kWh per tonne typed where kWh/kg is meant (×1000 too large)?",
        why: "39.4 kWh/kg is hydrogen's higher heating value (no electrolyser does better); \
              systems use ~50 (spec); 100 is ASSUMPTION",
    },
    Range {
        key: "fom_fraction_per_year",
        lo: 0.001,
        hi: 0.2,
        unit: "fraction a year",
        below: UNIT,
        above: PERCENT_FOR_FRACTION,
        why: "ASSUMPTION: fixed O&M is 1–5 % of capex a year; 20 % a year would be a new plant \
              every five years",
    },
    Range {
        key: "discount_rate",
        lo: 0.005,
        hi: 0.25,
        unit: "fraction a year",
        below: UNIT,
        above: PERCENT_FOR_FRACTION,
        why: "spec: 8 % national appraisal convention; the ends are ASSUMPTION",
    },
    Range {
        key: "efficiency",
        lo: 0.5,
        hi: 1.0,
        unit: "fraction",
        below: UNIT,
        above: PERCENT_FOR_FRACTION,
        why: "ASSUMPTION: a line that loses half its energy is not a line",
    },
    Range {
        key: "round_trip_efficiency",
        lo: 0.3,
        hi: 1.0,
        unit: "fraction",
        below: UNIT,
        above: PERCENT_FOR_FRACTION,
        why: "ASSUMPTION: batteries ~0.85–0.9, pumped hydro ~0.75, hydrogen round trips ~0.35",
    },
    Range {
        key: "pue",
        lo: 1.0,
        hi: 2.5,
        unit: "ratio",
        below: UNIT,
        above: UNIT,
        why: "spec: national hub target ≤ 1.25; old sites ~2 (ASSUMPTION)",
    },
];

/// One value outside its range. `problem` places it (file and line, when written in a file).
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub problem: InputProblem,
}

impl Warning {
    /// As printed on stderr (the file as given on the command line).
    pub fn line(&self) -> String {
        format!("warning: {}", self.problem)
    }

    /// As recorded in summary.json and report.md: the file by its name only, so the report
    /// does not depend on the folder it was run from.
    pub fn for_report(&self) -> String {
        let mut p = self.problem.clone();
        p.file = p
            .file
            .as_ref()
            .and_then(|f| f.file_name())
            .map(std::path::PathBuf::from);
        p.to_string()
    }
}

/// Every value of the scenario outside its typical range, in key order.
pub fn check(loaded: &LoadedScenario) -> Vec<Warning> {
    let Ok(root) = Value::try_from(&loaded.scenario) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(&root, &mut Vec::new(), None, loaded, &mut out);
    out
}

/// Visit every number; `rule` is the range of the nearest key above it that has one, with
/// that key's path (where its line is found).
fn walk<'a>(
    v: &'a Value,
    path: &mut Vec<&'a str>,
    rule: Option<(&'static Range, String)>,
    loaded: &LoadedScenario,
    out: &mut Vec<Warning>,
) {
    match v {
        Value::Table(t) => {
            for (k, x) in t {
                path.push(k);
                let here = RANGES
                    .iter()
                    .find(|r| r.key == k)
                    .map(|r| (r, path.join(".")))
                    .or_else(|| rule.clone());
                walk(x, path, here, loaded, out);
                path.pop();
            }
        }
        Value::Array(a) => {
            for x in a {
                walk(x, path, rule.clone(), loaded, out);
            }
        }
        Value::Float(_) | Value::Integer(_) => {
            let x = v.as_float().or(v.as_integer().map(|i| i as f64));
            if let (Some(x), Some((r, key))) = (x, rule) {
                if let Some(w) = judge(x, r, &key, &path.join("."), loaded) {
                    out.push(w);
                }
            }
        }
        _ => {}
    }
}

fn judge(x: f64, r: &Range, key: &str, leaf: &str, loaded: &LoadedScenario) -> Option<Warning> {
    let size = x.abs();
    if x == 0.0 || !x.is_finite() || (r.lo..=r.hi).contains(&size) {
        return None;
    }
    let (side, slip) = if size < r.lo {
        ("below", r.below)
    } else {
        ("above", r.above)
    };
    let what = if leaf == key {
        format!("{x}")
    } else {
        format!("{x} ({})", &leaf[key.len() + 1..])
    };
    let message = format!(
        "{what} is {side} the typical {}–{} {}: {slip}",
        r.lo, r.hi, r.unit
    );
    Some(Warning {
        problem: loaded.problem(key, message),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_one_range_with_its_reason() {
        for (i, r) in RANGES.iter().enumerate() {
            assert!(r.lo > 0.0 && r.lo < r.hi, "{}", r.key);
            assert!(!r.why.is_empty(), "{}", r.key);
            assert!(
                RANGES[i + 1..].iter().all(|o| o.key != r.key),
                "{} twice",
                r.key
            );
        }
    }
}
