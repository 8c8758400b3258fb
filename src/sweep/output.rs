//! Writing a sweep folder: `sweep.csv` (one row per point, deterministic: no timings),
//! `sweep_timing.csv` (where the time went) and `sweep.json` (what was run, its hash, the
//! shard), then the charts and `report.md` drawn from them. Names, columns and `SweepMeta` are
//! the contract's (`crate::output::sweep`).

use super::design::show;
use super::run::{PointOutcome, Shard};
use super::Sweep;
use crate::error::Result;
use crate::output::files::{SWEEP_CSV, SWEEP_JSON, SWEEP_TIMING};
use crate::output::fixed;
use crate::output::folder::{write_atomically, Options};
use crate::output::sweep::*;
use crate::results::write::energy_twh;
use crate::results::Summary;
use crate::series::Resolution;
use std::collections::BTreeMap;
use std::io;
use std::path::Path;
use toml::Value;

/// Write the three files atomically into `dir`.
pub fn write(
    dir: &Path,
    options: Options,
    sweep: &Sweep,
    outcomes: &[PointOutcome],
    shard: Option<Shard>,
) -> Result<SweepMeta> {
    let mut status_counts = BTreeMap::new();
    for o in outcomes {
        *status_counts.entry(o.status.to_string()).or_insert(0) += 1;
    }
    let meta = SweepMeta {
        format: FORMAT.into(),
        sweep_file: sweep.file.path.display().to_string(),
        base_scenario: sweep.base.scenario.name.clone(),
        design: serde_json::to_value(sweep.file.spec.design)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        hash: sweep.hash.clone(),
        parameters: sweep.paths().iter().map(|s| s.to_string()).collect(),
        points_total: sweep.points.len(),
        points: outcomes.iter().map(|o| o.index).collect(),
        shard: shard.map(|s| ShardMeta {
            index: s.index,
            count: s.count,
        }),
        resolution_hours: sweep.resolution_hours(),
        resolution: match sweep.resolution() {
            Resolution::Auto(_) => Some(sweep.resolution().to_string()),
            Resolution::Hours(_) => None,
        },
        solver: sweep.settings.solver().name().into(),
        status_counts,
        spec: Some(sweep.file.spec.clone()),
        provenance: Some(crate::study::provenance::with_study_file(
            &sweep.base,
            &sweep.inputs,
            &sweep.file.path,
        )?),
        names: crate::study::names::of(&sweep.base),
    };
    write_atomically(dir, options, |tmp| {
        write_csv(&tmp.join(SWEEP_CSV), sweep, outcomes)?;
        write_timing(&tmp.join(SWEEP_TIMING), outcomes)?;
        write_meta(&tmp.join(SWEEP_JSON), &meta)?;
        draw(tmp, options.lang)
    })?;
    Ok(meta)
}

/// The charts and `report.md`, drawn from the files just written (before the folder's rename).
pub fn draw(dir: &Path, lang: Option<crate::i18n::Lang>) -> io::Result<()> {
    crate::report::sweep::draw(dir, lang)
        .map(|_| ())
        .map_err(|e| io::Error::other(e.to_string()))
}

pub fn write_meta(path: &Path, meta: &SweepMeta) -> io::Result<()> {
    let json = serde_json::to_string_pretty(meta).map_err(io::Error::other)?;
    std::fs::write(path, json + "\n")
}

/// The header of `sweep.csv`.
fn header(sweep: &Sweep) -> Vec<String> {
    let mut h = vec![POINT.to_string()];
    h.extend(sweep.paths().iter().map(|p| p.to_string()));
    if sweep.file.spec.hydrology.is_some() {
        h.extend(
            [
                HYDROLOGY_YEAR,
                HYDROLOGY_RELATIVE_TO_MEAN,
                HYDRO_CLIPPED_TWH,
                HYDROLOGY_LABEL,
                HYDROLOGY_PROBABILITY,
            ]
            .map(String::from),
        );
    }
    h.extend([STATUS, OBJECTIVE_CNY].map(String::from));
    h.extend(sweep.capacity_keys.iter().map(|k| capacity_column(k)));
    h.push(HYDROGEN_STORAGE_T.into());
    h.extend(energy_uses(sweep).iter().map(|u| energy_column(u)));
    h.extend(
        [
            CURTAILMENT_ANNUAL_TWH,
            CURTAILMENT_FLOOD_SEASON_TWH,
            HYDROGEN_KT,
            LCOH_CNY_PER_KG,
            MESSAGE,
        ]
        .map(String::from),
    );
    h
}

/// The energy uses of the table of uses that this sweep's rows have: the optional ones (storage
/// losses) only when the base scenario has what makes them.
fn energy_uses(sweep: &Sweep) -> Vec<&'static str> {
    let has_storage = !sweep.base.scenario.options.storage.is_empty();
    crate::results::uses::listed(|k| k != "storage_losses" || has_storage)
}

/// One row of `sweep.csv`.
fn row(sweep: &Sweep, o: &PointOutcome) -> Vec<String> {
    let p = &sweep.points[o.index];
    let mut r = vec![o.index.to_string()];
    for (j, v) in p.values.iter().enumerate() {
        r.push(v.as_ref().map_or_else(|| sweep.base_display(j), show));
    }
    if sweep.file.spec.hydrology.is_some() {
        let y = p.hydrology.as_ref();
        r.push(y.map_or(String::new(), |y| y.year.year.to_string()));
        r.push(y.map_or(String::new(), |y| format!("{}", y.year.relative_to_mean)));
        r.push(o.hydro_clipped_twh.map_or(String::new(), |x| fixed(x, 6)));
        r.push(y.map_or(String::new(), |y| y.label.clone()));
        // Rounded to 1e-12 so that band edges like 0.825 − 0.625 print as 0.2, not as
        // 0.19999999999999996.
        r.push(y.map_or(String::new(), |y| {
            format!("{}", (y.probability * 1e12).round() / 1e12)
        }));
    }
    r.push(o.status.to_string());
    let s = o.summary.as_ref();
    let cell = |f: &dyn Fn(&Summary) -> Option<f64>, digits: usize| {
        s.and_then(f).map_or(String::new(), |x| fixed(x, digits))
    };
    r.push(cell(&|s| Some(s.objective_cny), 2));
    for k in &sweep.capacity_keys {
        r.push(cell(
            &|s| Some(s.capacity_built_mw.get(k).copied().unwrap_or(0.0)),
            3,
        ));
    }
    r.push(cell(&|s| Some(s.hydrogen_storage_built_kg / 1e3), 3));
    for u in energy_uses(sweep) {
        r.push(cell(&|s| Some(energy_twh(s, u)), 6));
    }
    r.push(cell(&|s| Some(s.curtailment.annual_twh), 6));
    r.push(cell(&|s| Some(s.curtailment.flood_season_twh), 6));
    r.push(cell(&|s| Some(s.hydrogen_kt), 4));
    r.push(cell(&|s| s.lcoh_cny_per_kg, 4));
    r.push(o.message.clone());
    r
}

fn write_csv(path: &Path, sweep: &Sweep, outcomes: &[PointOutcome]) -> io::Result<()> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record(header(sweep))?;
    for o in outcomes {
        w.write_record(row(sweep, o))?;
    }
    w.flush()
}

fn write_timing(path: &Path, outcomes: &[PointOutcome]) -> io::Result<()> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record(TIMING_HEADER)?;
    for o in outcomes {
        let (solve, build) = o
            .summary
            .as_ref()
            .map_or((0.0, 0.0), |s| (s.solve_seconds, s.build_seconds));
        let overhead = o.seconds - solve;
        w.write_record([
            o.index.to_string(),
            format!("{:.4}", o.seconds),
            format!("{solve:.4}"),
            format!("{build:.4}"),
            format!("{overhead:.4}"),
            if solve > 0.0 {
                format!("{:.4}", overhead / solve)
            } else {
                String::new()
            },
        ])?;
    }
    w.flush()
}

/// A stable hash of what defines the sweep's rows, so that shards of different sweeps (or of
/// the same sweep file against an edited base scenario) are not merged. The base scenario's
/// file paths are reduced to file names so that shards run from different folders agree.
pub fn definition_hash(sweep: &Sweep) -> String {
    let mut base = sweep.base_value.clone();
    strip_folders(&mut base, "");
    let points: Vec<(Vec<String>, Option<i32>)> = sweep
        .points
        .iter()
        .map(|p| {
            let vals = p
                .values
                .iter()
                .map(|v| v.as_ref().map_or("base".into(), show))
                .collect();
            (vals, p.hydrology.as_ref().map(|y| y.year.year))
        })
        .collect();
    let definition = serde_json::json!({
        "spec": sweep.file.spec,
        "base": base,
        "points": points,
        "resolution_hours": sweep.resolution_hours(),
        "solver": sweep.settings.solver().name(),
    });
    // Segments are told apart by their count (fixed steps keep the hash they always had).
    let mut definition = definition;
    if let Resolution::Auto(_) = sweep.resolution() {
        definition["resolution"] = sweep.resolution().to_string().into();
    }
    format!("{:016x}", fnv1a(definition.to_string().as_bytes()))
}

fn strip_folders(v: &mut Value, key: &str) {
    match v {
        Value::String(s) if key == "file" || key == "profiles" => {
            *s = Path::new(s.as_str())
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
        }
        Value::Table(t) => t.iter_mut().for_each(|(k, v)| strip_folders(v, k)),
        Value::Array(a) => a.iter_mut().for_each(|v| strip_folders(v, key)),
        _ => {}
    }
}

/// FNV-1a, 64 bit: a small, fixed, platform-independent hash (not for security).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
