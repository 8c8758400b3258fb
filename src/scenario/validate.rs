//! Checks of meaning that types cannot express. Every problem is collected and reported at
//! once, each with its key path and the file and line it is written at.

use super::{GeneratorKind, LoadedScenario, NodeKind, Tariff};
use crate::error::{Error, InputProblem, Result};
use crate::inputs::Inputs;

/// Validate a parsed scenario and, when given, its loaded series. `problems` may already hold
/// problems found while loading the series; they are reported together with these.
pub fn validate(
    loaded: &LoadedScenario,
    inputs: Option<&Inputs>,
    mut problems: Vec<InputProblem>,
) -> Result<()> {
    let sc = &loaded.scenario;
    let mut bad = |path: String, msg: String| problems.push(loaded.problem(&path, msg));
    let name_ok = !sc.name.is_empty()
        && sc.name != "."
        && sc.name != ".."
        && !sc.name.contains(['/', '\\', '\0'])
        && !sc.name.starts_with('.');
    if !name_ok {
        bad(
            "name".into(),
            format!(
                "`{}` cannot be a folder name (no separators, no leading dot)",
                sc.name
            ),
        );
    }
    if let Some(b) = &sc.baseline {
        if !b.is_file() {
            bad(
                "baseline".into(),
                format!("no scenario file {}", b.display()),
            );
        }
    }
    for m in &sc.time.flood_season_months {
        if !(1..=12).contains(m) {
            bad(
                "time.flood_season_months".into(),
                format!("month {m} is not in 1..=12"),
            );
        }
    }
    let r = sc.finance.discount_rate;
    if !(0.0..1.0).contains(&r) {
        bad(
            "finance.discount_rate".into(),
            format!("must be in [0, 1) (got {r}; 8% is 0.08)"),
        );
    }
    let s = &sc.settings;
    nonneg(&mut bad, "settings.voll_cny_per_mwh", s.voll_cny_per_mwh);
    nonneg(
        &mut bad,
        "settings.curtailment_penalty_cny_per_mwh",
        s.curtailment_penalty_cny_per_mwh,
    );
    nonneg(
        &mut bad,
        "settings.flow_tie_break_cny_per_mwh",
        s.flow_tie_break_cny_per_mwh,
    );
    if sc.nodes.is_empty() {
        bad("nodes".into(), "at least one node is needed".into());
    }
    let node_exists = |n: &str| sc.nodes.contains_key(n);
    let known = sc.nodes.keys().map(String::as_str).collect::<Vec<_>>();
    let unknown_node = |n: &str| {
        format!(
            "no node `{n}`{} (nodes: {})",
            super::did_you_mean(n, &known),
            known.join(", ")
        )
    };
    for (name, node) in &sc.nodes {
        nonneg(
            &mut bad,
            &format!("nodes.{name}.demand_twh_per_year"),
            node.demand_twh_per_year,
        );
        if let (Some(inputs), Some(r)) = (inputs, &node.demand_profile) {
            let (lo, _, mean) = inputs.hourly_stats(r);
            if lo < 0.0 || mean <= 0.0 {
                bad(
                    format!("nodes.{name}.demand_profile"),
                    format!(
                        "a demand shape must be ≥ 0 with a positive mean (min {lo}, mean {mean})"
                    ),
                );
            }
        }
    }
    for (name, g) in &sc.generators {
        let p = format!("generators.{name}");
        if !node_exists(&g.node) {
            bad(format!("{p}.node"), unknown_node(&g.node));
        }
        for (key, v) in [
            ("capacity_mw", g.capacity_mw),
            ("profile_scale", g.profile_scale),
            ("storage_mwh", g.storage_mwh),
            ("new_capacity_max_mw", g.new_capacity_max_mw),
            ("capex_cny_per_kw", g.capex_cny_per_kw),
            ("fom_cny_per_kw_year", g.fom_cny_per_kw_year),
            ("vom_cny_per_mwh", g.vom_cny_per_mwh),
        ] {
            nonneg(&mut bad, &format!("{p}.{key}"), v);
        }
        positive(&mut bad, &format!("{p}.lifetime_years"), g.lifetime_years);
        if g.kind == GeneratorKind::Reservoir && g.new_capacity_max_mw > 0.0 {
            bad(
                format!("{p}.new_capacity_max_mw"),
                "reservoir hydro cannot be expanded in this model".into(),
            );
        }
        if g.kind != GeneratorKind::Reservoir && g.storage_mwh > 0.0 {
            bad(
                format!("{p}.storage_mwh"),
                format!(
                    "only reservoir hydro has storage (this is {})",
                    g.kind.name()
                ),
            );
        }
        if let Some(inputs) = inputs {
            // Checked on the hourly values: block averages could hide an hour above 1.
            let (lo, hi, _) = inputs.hourly_stats(&g.profile);
            let (lo, hi) = (lo * g.profile_scale, hi * g.profile_scale);
            // Point at the scale when it may be what pushed the profile above 1.
            let key = if g.profile_scale != 1.0 {
                "profile_scale"
            } else {
                "profile"
            };
            if lo < 0.0 {
                bad(
                    format!("{p}.profile"),
                    format!("profile × profile_scale goes below 0 (min {lo:.4})"),
                );
            }
            if g.kind != GeneratorKind::Reservoir && hi > 1.0 + 1e-9 {
                bad(
                    format!("{p}.{key}"),
                    format!(
                        "availability must be in [0, 1]; profile × profile_scale reaches {hi:.4}"
                    ),
                );
            }
        }
    }
    for (name, l) in &sc.lines {
        let p = format!("lines.{name}");
        for (key, n) in [("from", &l.from), ("to", &l.to)] {
            if !node_exists(n) {
                bad(format!("{p}.{key}"), unknown_node(n));
            }
        }
        if l.from == l.to {
            bad(
                format!("{p}.to"),
                format!("a line cannot run from `{}` to itself", l.from),
            );
        }
        nonneg(&mut bad, &format!("{p}.capacity_mw"), l.capacity_mw);
        nonneg(
            &mut bad,
            &format!("{p}.new_capacity_max_mw"),
            l.new_capacity_max_mw,
        );
        nonneg(
            &mut bad,
            &format!("{p}.fom_fraction_per_year"),
            l.fom_fraction_per_year,
        );
        positive(&mut bad, &format!("{p}.lifetime_years"), l.lifetime_years);
        if !(l.efficiency > 0.0 && l.efficiency <= 1.0) {
            bad(
                format!("{p}.efficiency"),
                format!("must be in (0, 1] (got {})", l.efficiency),
            );
        }
        for (key, v) in [
            ("capex_cny_per_kw", l.capex_cny_per_kw),
            ("capex_cny_per_mw_km", l.capex_cny_per_mw_km),
            ("length_km", l.length_km),
        ] {
            if let Some(v) = v {
                nonneg(&mut bad, &format!("{p}.{key}"), v);
            }
        }
        if l.new_capacity_max_mw > 0.0 {
            let per_km = l.capex_cny_per_mw_km.is_some() && l.length_km.is_some();
            match (l.capex_cny_per_kw.is_some(), per_km) {
                (false, false) => bad(format!("{p}.capex_cny_per_kw"), "an expandable line needs `capex_cny_per_kw`, or `capex_cny_per_mw_km` with `length_km`".into()),
                (true, true) => bad(format!("{p}.capex_cny_per_mw_km"), "give either `capex_cny_per_kw` or `capex_cny_per_mw_km`, not both".into()),
                _ => {}
            }
        }
    }
    let m = &sc.market;
    match &m.node {
        Some(n) if !node_exists(n) => bad("market.node".into(), unknown_node(n)),
        Some(n) if sc.nodes[n].kind != NodeKind::Outside => bad(
            "market.node".into(),
            format!("`{n}` is a region; the market sits at an `outside` node"),
        ),
        None if sc.nodes.values().any(|n| n.kind == NodeKind::Outside) => bad(
            "market.node".into(),
            "the scenario has an outside node but no `market.node`: name where export is sold"
                .into(),
        ),
        _ => {}
    }
    for (key, v) in [
        ("export_limit_mw", m.export_limit_mw),
        ("import_limit_mw", m.import_limit_mw),
    ] {
        if let Some(v) = v {
            nonneg(&mut bad, &format!("market.{key}"), v);
        }
    }
    nonneg(
        &mut bad,
        "market.hydrogen_price_cny_per_kg",
        m.hydrogen_price_cny_per_kg,
    );
    for (key, t) in [
        ("export_price_cny_per_mwh", &m.export_price_cny_per_mwh),
        ("import_price_cny_per_mwh", &m.import_price_cny_per_mwh),
    ] {
        if let Tariff::Monthly { monthly } = t {
            if monthly.len() != 12 {
                bad(
                    format!("market.{key}"),
                    format!("`monthly` needs 12 values (got {})", monthly.len()),
                );
            }
        }
    }
    if let (Some(inputs), Some(_)) = (inputs, &m.node) {
        let flood = &sc.time.flood_season_months;
        let exp = inputs.tariff(&m.export_price_cny_per_mwh, flood);
        let imp = inputs.tariff(&m.import_price_cny_per_mwh, flood);
        for (key, values) in [
            ("export_price_cny_per_mwh", &exp),
            ("import_price_cny_per_mwh", &imp),
        ] {
            // Prices may be negative, but not infinite, NaN or absurd.
            if let Some(v) = values
                .iter()
                .find(|v| !v.is_finite() || v.abs() > IMPLAUSIBLE)
            {
                bad(
                    format!("market.{key}"),
                    format!("must be finite and at most {IMPLAUSIBLE:e} in size (got {v:e})"),
                );
            }
        }
        if let Some(t) = (0..exp.len()).find(|&t| imp[t] < exp[t]) {
            bad(
                "market.import_price_cny_per_mwh".into(),
                format!(
                    "below the export price at step {t} ({}: import {} < export {}); buying to resell is a money pump",
                    inputs.axis.label[t], imp[t], exp[t]
                ),
            );
        }
    }
    let check_sites = |bad: &mut dyn FnMut(String, String),
                       p: &str,
                       sites: &std::collections::BTreeMap<String, f64>| {
        for (n, v) in sites {
            if !node_exists(n) {
                bad(format!("{p}.{n}"), unknown_node(n));
            }
            nonneg(bad, &format!("{p}.{n}"), *v);
        }
    };
    let mut has_storage = sc
        .generators
        .values()
        .any(|g| g.kind == GeneratorKind::Reservoir && g.storage_mwh > 0.0);
    if let Some(e) = &sc.options.electrolyser {
        let p = "options.electrolyser";
        check_sites(&mut bad, &format!("{p}.sites_max_mw"), &e.sites_max_mw);
        positive(&mut bad, &format!("{p}.kwh_per_kg"), e.kwh_per_kg);
        if e.kwh_per_kg >= IMPLAUSIBLY_SMALL && e.kwh_per_kg < GIBBS_KWH_PER_KG {
            bad(
                format!("{p}.kwh_per_kg"),
                format!(
                    "{} kWh/kg is below the {GIBBS_KWH_PER_KG} kWh/kg that splitting water needs at best (Gibbs energy); systems need ≈ 50",
                    e.kwh_per_kg
                ),
            );
        }
        positive(&mut bad, &format!("{p}.lifetime_years"), e.lifetime_years);
        positive(
            &mut bad,
            &format!("{p}.storage_lifetime_years"),
            e.storage_lifetime_years,
        );
        for (key, v) in [
            ("capex_cny_per_kw", e.capex_cny_per_kw),
            ("fom_fraction_per_year", e.fom_fraction_per_year),
            ("other_cost_cny_per_kg", e.other_cost_cny_per_kg),
            ("storage_max_kg", e.storage_max_kg),
            ("storage_capex_cny_per_kg", e.storage_capex_cny_per_kg),
            (
                "offtake_limit_kg_per_h",
                e.offtake_limit_kg_per_h.unwrap_or(0.0),
            ),
        ] {
            nonneg(&mut bad, &format!("{p}.{key}"), v);
        }
        has_storage |= e.enabled && e.storage_max_kg > 0.0;
    }
    if let Some(d) = &sc.options.data_centre {
        let p = "options.data_centre";
        check_sites(&mut bad, &format!("{p}.sites_max_mw"), &d.sites_max_mw);
        if d.pue.is_nan() || d.pue < 1.0 {
            bad(
                format!("{p}.pue"),
                format!("power usage effectiveness is at least 1 (got {})", d.pue),
            );
        }
        positive(&mut bad, &format!("{p}.lifetime_years"), d.lifetime_years);
        nonneg(
            &mut bad,
            &format!("{p}.capex_cny_per_kw"),
            d.capex_cny_per_kw,
        );
        nonneg(
            &mut bad,
            &format!("{p}.fom_fraction_per_year"),
            d.fom_fraction_per_year,
        );
    }
    for (product, k) in &sc.options.industry {
        let p = format!("options.industry.{product}");
        check_sites(&mut bad, &format!("{p}.sites_max_mw"), &k.sites_max_mw);
        check_sites(&mut bad, &format!("{p}.existing_mw"), &k.existing_mw);
        positive(&mut bad, &format!("{p}.mwh_per_tonne"), k.mwh_per_tonne);
        positive(&mut bad, &format!("{p}.lifetime_years"), k.lifetime_years);
        nonneg(
            &mut bad,
            &format!("{p}.capex_cny_per_kw"),
            k.capex_cny_per_kw,
        );
        nonneg(
            &mut bad,
            &format!("{p}.fom_fraction_per_year"),
            k.fom_fraction_per_year,
        );
        if !(0.0..=1.0).contains(&k.min_utilisation) {
            bad(
                format!("{p}.min_utilisation"),
                format!("must be in [0, 1] (got {})", k.min_utilisation),
            );
        }
        if let Some(months) = &k.months {
            if months.is_empty() || months.iter().any(|m| !(1..=12).contains(m)) {
                bad(
                    format!("{p}.months"),
                    "must list months in 1..=12 (omit it for all year)".into(),
                );
            }
        }
    }
    if let Some(inputs) = inputs {
        let w = &inputs.axis.weight;
        if w.iter().any(|x| x.is_nan() || *x <= 0.0) {
            bad(
                "time.weights".into(),
                "every weight must be positive".into(),
            );
        } else if has_storage && w.iter().any(|x| (*x - 1.0).abs() > 1e-12) {
            bad(
                "time.weights".into(),
                "weights other than 1 with storage (reservoir or hydrogen store) would move energy between \
                 representative periods that do not follow each other; use a chronological horizon"
                    .into(),
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        // In file and line order, as an editor would walk them; problems without a line last.
        problems.sort_by(|a, b| {
            (&a.file, a.line.is_none(), a.line).cmp(&(&b.file, b.line.is_none(), b.line))
        });
        Err(Error::Input(problems))
    }
}

/// Larger than any quantity in these units could be (MW, MWh, kg, CNY per unit, TWh): such a
/// number is a unit slip, and would only wreck the solver's numerics.
const IMPLAUSIBLE: f64 = 1e12;

/// Electrical energy to split water into 1 kg of hydrogen at 25 °C with heat supplied
/// (ΔG = 237 kJ/mol ÷ 2.016 g/mol): no electrolyser needs less.
const GIBBS_KWH_PER_KG: f64 = 32.7;

fn nonneg(bad: &mut dyn FnMut(String, String), path: &str, v: f64) {
    if !v.is_finite() || v < 0.0 {
        bad(
            path.to_string(),
            format!("must be a finite number ≥ 0 (got {v})"),
        );
    } else {
        plausible(bad, path, v);
    }
}

/// Smaller than any positive quantity here could be (a lifetime, kWh per kg, MWh per tonne): a
/// slip that would make divisions explode.
const IMPLAUSIBLY_SMALL: f64 = 1e-6;

fn positive(bad: &mut dyn FnMut(String, String), path: &str, v: f64) {
    if !v.is_finite() || v <= 0.0 {
        bad(
            path.to_string(),
            format!("must be a finite number > 0 (got {v})"),
        );
    } else if v < IMPLAUSIBLY_SMALL {
        bad(
            path.to_string(),
            format!("{v:e} is implausibly small (under {IMPLAUSIBLY_SMALL:e}): check the unit"),
        );
    } else {
        plausible(bad, path, v);
    }
}

fn plausible(bad: &mut dyn FnMut(String, String), path: &str, v: f64) {
    if v.abs() > IMPLAUSIBLE {
        bad(
            path.to_string(),
            format!("{v:e} is implausibly large (over {IMPLAUSIBLE:e}): check the unit"),
        );
    }
}
