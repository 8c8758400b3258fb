//! A solved pathway written to its folder (names and columns: `output::pathway`), then drawn
//! from those files (`report::pathway`), all before the folder is renamed into place; and the
//! table `spillway run` prints.

use super::{Outcome, PeriodOutcome};
use crate::error::Result;
use crate::output::files::{CAPACITY_BY_PERIOD, ENERGY_BY_PERIOD, PATHWAY_JSON};
use crate::output::pathway::{self as contract, PathwaySummary, PeriodSummary};
use crate::output::{fixed, folder};
use crate::results::summary::ENERGY_USES;
use std::collections::BTreeMap;
use std::io;
use std::path::Path;

/// Less than this is not built (interior-point traces), as in a single run.
const BUILT_MW: f64 = crate::study::binding::BUILT_MW;

/// `pathway.json` of an outcome.
pub fn summary(o: &Outcome) -> PathwaySummary {
    let mut enters: BTreeMap<String, Option<i32>> = BTreeMap::new();
    for p in &o.periods {
        for (key, mw) in &p.new_mw {
            let e = enters.entry(key.clone()).or_insert(None);
            if e.is_none() && *mw >= BUILT_MW {
                *e = Some(p.year);
            }
        }
    }
    let pw = &o.pathway;
    PathwaySummary {
        pathway: pw.name.clone(),
        description: pw.description.clone(),
        status: worst_status(&o.periods),
        foresight: pw.foresight.name().into(),
        years: pw.periods.iter().map(|p| p.0).collect(),
        end_year: pw.end_year,
        discount_rate: o.discount_rate,
        cost_cny: o.cost_cny,
        objective_cny: o.objective_cny,
        capital_cny: o.capital_cny,
        status_quo_cost_cny: o.status_quo_cost_cny,
        net_benefit_cny: o.net_benefit_cny(),
        enters,
        periods: (o.periods.iter().zip(&pw.written))
            .map(|(p, file)| PeriodSummary {
                year: p.year,
                scenario: p.scenario.clone(),
                file: file.clone(),
                first_year: p.years[0],
                last_year: *p.years.last().unwrap_or(&p.year),
                weight: p.weight,
                operating_cost_cny: p.operating_money_cny,
                status: p.summary.status.to_string(),
            })
            .collect(),
        solver: o.periods[0].summary.solver.clone(),
        resolution: o.periods[0].summary.resolution.clone(),
        solve_seconds: o.solve_seconds,
        lp_columns: o.lp_columns,
        lp_rows: o.lp_rows,
    }
}

fn worst_status(periods: &[PeriodOutcome]) -> String {
    let all_optimal = periods
        .iter()
        .all(|p| p.summary.status == crate::status::Status::Optimal);
    match all_optimal {
        true => crate::status::Status::Optimal.to_string(),
        false => crate::status::Status::AlmostOptimal.to_string(),
    }
}

/// One row of `capacity_by_period.csv`.
pub struct CapacityRow {
    pub period: i32,
    pub option: String,
    pub existing_committed_mw: f64,
    pub new_in_period_mw: f64,
    pub total_mw: f64,
}

/// Capacity per period and key: every key of the period's `capacity_built_mw` (options summed
/// over sites, expandable lines, generators and stores) and every committed asset.
pub fn capacity_rows(o: &Outcome) -> Vec<CapacityRow> {
    let mut rows = Vec::new();
    for p in &o.periods {
        let s = &p.summary;
        let mut existing: BTreeMap<String, f64> = BTreeMap::new();
        for c in &p.results.capacities {
            if c.unit == "kg" || c.unit == "MWh" {
                continue;
            }
            let single = ["line.", "generator.", "storage."]
                .iter()
                .any(|x| c.component.starts_with(x));
            let key = if single { &c.component } else { &c.option };
            *existing.entry(key.clone()).or_default() += c.existing;
        }
        let keys = (s.capacity_built_mw.keys()).chain(s.capacity_committed_mw.keys());
        let keys: std::collections::BTreeSet<&String> = keys.collect();
        for key in keys {
            let standing = s.capacity_built_mw.get(key).copied().unwrap_or(0.0);
            let old = existing.get(key).copied().unwrap_or(0.0);
            rows.push(CapacityRow {
                period: p.year,
                option: key.clone(),
                existing_committed_mw: old,
                new_in_period_mw: p.new_mw.get(key).copied().unwrap_or(0.0),
                total_mw: old + standing,
            });
        }
    }
    rows
}

/// Write the folder: `pathway.json`, the two CSVs, then the chart and `report.md`.
pub fn write(o: &Outcome, dir: &Path, options: folder::Options) -> Result<crate::report::Drawn> {
    let mut drawn = None;
    folder::write_atomically(dir, options, |tmp| {
        let json = serde_json::to_vec_pretty(&summary(o)).map_err(io::Error::other)?;
        std::fs::write(tmp.join(PATHWAY_JSON), json)?;
        write_capacity(&tmp.join(CAPACITY_BY_PERIOD), o)?;
        write_energy(&tmp.join(ENERGY_BY_PERIOD), o)?;
        let d =
            crate::report::pathway::draw(tmp, None).map_err(|e| io::Error::other(e.to_string()))?;
        drawn = Some(d);
        Ok(())
    })?;
    Ok(drawn.expect("the folder was written"))
}

fn write_capacity(path: &Path, o: &Outcome) -> io::Result<()> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record(contract::CAPACITY_COLUMNS)?;
    for r in capacity_rows(o) {
        w.write_record([
            r.period.to_string(),
            r.option,
            fixed(r.existing_committed_mw, 3),
            fixed(r.new_in_period_mw, 3),
            fixed(r.total_mw, 3),
        ])?;
    }
    w.flush()
}

fn write_energy(path: &Path, o: &Outcome) -> io::Result<()> {
    let mut w = csv::Writer::from_path(path)?;
    let mut header = vec![contract::PERIOD.to_string(), contract::WEIGHT.to_string()];
    header.extend(ENERGY_USES.iter().map(|u| contract::energy_column(u)));
    header.push(contract::HYDRO_SPILL_FLOOD_SEASON.into());
    w.write_record(&header)?;
    for p in &o.periods {
        let energy = serde_json::to_value(&p.summary.energy_twh).map_err(io::Error::other)?;
        let mut row = vec![p.year.to_string(), fixed(p.weight, 6)];
        for u in ENERGY_USES {
            row.push(fixed(energy[u].as_f64().unwrap_or(f64::NAN), 6));
        }
        row.push(fixed(p.summary.curtailment.hydro_spill_flood_season_twh, 6));
        w.write_record(&row)?;
    }
    w.flush()
}

/// What `spillway run` prints for a pathway.
pub fn table(o: &Outcome) -> String {
    use std::fmt::Write as _;
    let s = summary(o);
    let mut t = String::new();
    let m = |x: f64| x / 1e6;
    let _ = writeln!(
        t,
        "pathway    {} ({} foresight, {} periods to {}, discount rate {})",
        s.pathway,
        s.foresight,
        s.years.len(),
        s.end_year,
        s.discount_rate
    );
    let _ = writeln!(
        t,
        "status     {} ({}; {}; {} columns, {} rows; solve {:.2} s)",
        s.status, s.solver, s.resolution, s.lp_columns, s.lp_rows, s.solve_seconds
    );
    let _ = writeln!(
        t,
        "cost       {:>12.1} M CNY discounted to {} (of which capital {:.1})",
        m(s.cost_cny),
        s.years[0],
        m(s.capital_cny)
    );
    match s.net_benefit_cny {
        Some(b) => {
            _ = writeln!(
                t,
                "net benefit{:>12.1} M CNY against the status-quo pathway (positive = better)",
                m(b)
            )
        }
        None => _ = writeln!(t, "net benefit         – (--no-baseline)"),
    }
    let _ = writeln!(
        t,
        "\n  {:<28} {}",
        "option",
        s.years
            .iter()
            .map(|y| format!("{y:>10}"))
            .collect::<String>()
    );
    let rows = capacity_rows(o);
    for key in s.enters.keys() {
        let cells: String = (s.years.iter())
            .map(|y| {
                let r = rows.iter().find(|r| r.period == *y && &r.option == key);
                format!("{:>10.1}", r.map_or(0.0, |r| r.new_in_period_mw))
            })
            .collect();
        let _ = writeln!(t, "  {key:<28} {cells}  new MW");
    }
    let _ = writeln!(
        t,
        "\n  {:<28} {}",
        "spill (TWh)",
        (o.periods.iter())
            .map(|p| format!("{:>10.3}", p.summary.curtailment.annual_twh))
            .collect::<String>()
    );
    t
}
