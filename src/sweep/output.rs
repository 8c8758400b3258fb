//! What a sweep writes: `sweep.csv` (one row per point, deterministic: no timings),
//! `sweep_timing.csv` (where the time went) and `sweep.json` (what was run, its hash, the shard).

use super::design::show;
use super::run::{PointOutcome, Shard};
use super::spec::SweepSpec;
use super::Sweep;
use crate::error::Result;
use crate::results::write::write_atomically;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io;
use std::path::Path;
use toml::Value;

/// Energy uses reported per point, as in `summary.json`'s `energy_twh`.
pub use crate::results::summary::ENERGY_USES;

/// `sweep.json`: enough to check that shards belong together and to read `sweep.csv` back.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SweepMeta {
    pub format: String,
    pub sweep_file: String,
    pub base_scenario: String,
    pub design: String,
    /// FNV-1a (64 bit) of the definition: sweep file as parsed, base scenario (without its
    /// folder), every point's values, resolution and solver. Shards must agree on it.
    pub hash: String,
    pub parameters: Vec<String>,
    pub points_total: usize,
    /// The points in this folder's `sweep.csv`.
    pub points: Vec<usize>,
    pub shard: Option<Shard>,
    pub resolution_hours: usize,
    pub solver: String,
    pub status_counts: BTreeMap<String, usize>,
    /// The sweep file as parsed (description, design, parameters, seed), so that the folder's
    /// report can state the definition without the sweep file. Absent in older folders.
    #[serde(default)]
    pub spec: Option<SweepSpec>,
}

pub const FORMAT: &str = "spillway-sweep/1";

/// Write the three files atomically into `dir`.
pub fn write(
    dir: &Path,
    force: bool,
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
        shard,
        resolution_hours: sweep.resolution_hours(),
        solver: sweep.settings.solver().name().into(),
        status_counts,
        spec: Some(sweep.file.spec.clone()),
    };
    write_atomically(dir, force, |tmp| {
        write_csv(&tmp.join("sweep.csv"), sweep, outcomes)?;
        write_timing(&tmp.join("sweep_timing.csv"), outcomes)?;
        write_meta(&tmp.join("sweep.json"), &meta)?;
        draw(tmp)
    })?;
    Ok(meta)
}

/// The charts and `report.md`, drawn from the files just written (before the folder's rename).
pub fn draw(dir: &Path) -> io::Result<()> {
    crate::study_report::draw_sweep(dir)
        .map(|_| ())
        .map_err(|e| io::Error::other(e.to_string()))
}

pub fn write_meta(path: &Path, meta: &SweepMeta) -> io::Result<()> {
    let json = serde_json::to_string_pretty(meta).map_err(io::Error::other)?;
    std::fs::write(path, json + "\n")
}

/// The header of `sweep.csv`.
pub fn header(sweep: &Sweep) -> Vec<String> {
    let mut h = vec!["point".to_string()];
    h.extend(sweep.paths().iter().map(|p| p.to_string()));
    if sweep.file.spec.hydrology.is_some() {
        h.extend(
            [
                "hydrology_year",
                "hydrology_relative_to_mean",
                "hydro_clipped_twh",
            ]
            .map(String::from),
        );
    }
    h.extend(["status", "objective_cny"].map(String::from));
    h.extend(
        sweep
            .capacity_keys
            .iter()
            .map(|k| format!("capacity_mw.{k}")),
    );
    h.push("hydrogen_storage_t".into());
    h.extend(ENERGY_USES.iter().map(|u| format!("energy_twh.{u}")));
    h.extend(
        [
            "curtailment_annual_twh",
            "curtailment_flood_season_twh",
            "hydrogen_kt",
            "lcoh_cny_per_kg",
            "message",
        ]
        .map(String::from),
    );
    h
}

/// One row of `sweep.csv`.
pub fn row(sweep: &Sweep, o: &PointOutcome) -> Vec<String> {
    let p = &sweep.points[o.index];
    let mut r = vec![o.index.to_string()];
    for (j, v) in p.values.iter().enumerate() {
        r.push(v.as_ref().map_or_else(|| sweep.base_display(j), show));
    }
    if sweep.file.spec.hydrology.is_some() {
        let y = p.hydrology.as_ref();
        r.push(y.map_or(String::new(), |y| y.year.to_string()));
        r.push(y.map_or(String::new(), |y| format!("{}", y.relative_to_mean)));
        r.push(o.hydro_clipped_twh.map_or(String::new(), |x| fixed(x, 6)));
    }
    r.push(o.status.to_string());
    let s = o.summary.as_ref();
    let cell = |f: &dyn Fn(&crate::results::Summary) -> Option<f64>, digits: usize| {
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
    for u in ENERGY_USES {
        r.push(cell(&|s| Some(energy(s, u)), 6));
    }
    r.push(cell(&|s| Some(s.curtailment.annual_twh), 6));
    r.push(cell(&|s| Some(s.curtailment.flood_season_twh), 6));
    r.push(cell(&|s| Some(s.hydrogen_kt), 4));
    r.push(cell(&|s| s.lcoh_cny_per_kg, 4));
    r.push(o.message.clone());
    r
}

/// An energy use of the summary by its name in `ENERGY_USES`.
pub fn energy(s: &crate::results::Summary, use_name: &str) -> f64 {
    let e = &s.energy_twh;
    match use_name {
        "available" => e.available,
        "generation" => e.generation,
        "local_demand" => e.local_demand,
        "export" => e.export,
        "import" => e.import,
        "hydrogen" => e.hydrogen,
        "data_centre" => e.data_centre,
        "industry" => e.industry,
        "curtailed" => e.curtailed,
        "unserved" => e.unserved,
        "line_losses" => e.line_losses,
        _ => f64::NAN,
    }
}

/// Fixed decimals, with solver noise around zero (−0.000) written as 0.
pub fn fixed(x: f64, digits: usize) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let s = format!("{x:.digits$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

fn write_csv(path: &Path, sweep: &Sweep, outcomes: &[PointOutcome]) -> io::Result<()> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record(header(sweep))?;
    for o in outcomes {
        w.write_record(row(sweep, o))?;
    }
    w.flush()
}

pub const TIMING_HEADER: [&str; 6] = [
    "point",
    "seconds",
    "solve_seconds",
    "build_seconds",
    "overhead_seconds",
    "overhead_share_of_solve",
];

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
            (vals, p.hydrology.as_ref().map(|y| y.year))
        })
        .collect();
    let definition = serde_json::json!({
        "spec": sweep.file.spec,
        "base": base,
        "points": points,
        "resolution_hours": sweep.resolution_hours(),
        "solver": sweep.settings.solver().name(),
    });
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
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
