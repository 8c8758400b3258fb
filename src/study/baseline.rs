//! The status quo a run is read against, and its cache.
//!
//! The status quo is the same scenario with every column of new capacity fixed at zero
//! (`model::build_status_quo`: each option, line, generator and store expansion), so it differs
//! from the run in nothing but the decisions: solved on the same series and settings. It is
//! solved when no cached result matches, and its summary and curtailment curve are cached as
//! `<folder>/.spillway-cache/baseline-<sha256>.json`, where the SHA-256 covers spillway's
//! version, the resolved scenario (serialised), the bytes of every CSV read and every series
//! as resampled, and the run settings (solver, resolution, iteration limit). An entry is used
//! only when the key stored inside it matches the one computed now.

use super::{build_solve_read, Fixing, Outcome, RunSettings};
use crate::error::{Error, Result};
use crate::inputs::Inputs;
use crate::results::decision::BaselineTotals;
use crate::results::Summary;
use crate::scenario::LoadedScenario;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Folder of cached status-quo summaries, inside the folder that holds run folders.
pub const CACHE_DIR: &str = ".spillway-cache";

/// The status quo's results a run folder keeps (`baseline_summary.json`,
/// `baseline_curtailment_duration.csv`), so its curtailment curve is drawn beside the run's.
#[derive(Debug, Clone)]
pub struct StatusQuoResults {
    /// Its summary, as its summary.json would hold it.
    pub summary: serde_json::Value,
    /// Its curtailment duration curve: (hours at or above, MW), largest first.
    pub duration: Vec<(f64, f64)>,
}

/// The cache key of a prepared scenario at these settings, as hex (`summary` is its run's, with
/// its provenance).
pub fn key(
    loaded: &LoadedScenario,
    summary: &Summary,
    inputs: &Inputs,
    settings: &RunSettings,
) -> Result<String> {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    let scenario = serde_json::to_vec(&loaded.scenario).map_err(internal)?;
    h.update(&scenario);
    // Every input file by its SHA-256, as hashed once for provenance (no second read).
    for (path, file) in &summary.provenance.inputs {
        h.update(path.as_bytes());
        h.update(file.sha256.as_bytes());
    }
    inputs.hash_series_into(&mut h);
    h.update(settings.solver().name().as_bytes());
    h.update(summary.resolution.as_bytes());
    h.update(settings.max_iterations().to_le_bytes());
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Set the outcome's net benefit against its status quo, reusing `cache_dir`'s entry when its
/// key matches and solving (then caching) otherwise. A status quo that does not solve to
/// optimal leaves the net benefit null and says why in `changes_vs_baseline`. When the
/// scenario allows anything new (so the status quo can differ from it), its results are kept
/// in the outcome for the run folder.
pub fn attach(
    outcome: &mut Outcome,
    inputs: &Inputs,
    settings: &RunSettings,
    cache_dir: &Path,
) -> Result<()> {
    let status_quo = solved_against(
        &outcome.loaded,
        &mut outcome.summary,
        inputs,
        settings,
        cache_dir,
    )?;
    if !outcome.summary.capacity_built_mw.is_empty() {
        outcome.status_quo = status_quo;
    }
    Ok(())
}

/// `attach` for a summary solved elsewhere (each case of `compare`). Returns the status quo's
/// summary (as its summary.json would hold it) when it solved to optimal.
pub fn attach_to_summary(
    loaded: &LoadedScenario,
    run_summary: &mut Summary,
    inputs: &Inputs,
    settings: &RunSettings,
    cache_dir: &Path,
) -> Result<Option<serde_json::Value>> {
    let sq = solved_against(loaded, run_summary, inputs, settings, cache_dir)?;
    Ok(sq.map(|s| s.summary))
}

/// `attach_to_summary` with the status quo's curtailment curve.
fn solved_against(
    loaded: &LoadedScenario,
    run_summary: &mut Summary,
    inputs: &Inputs,
    settings: &RunSettings,
    cache_dir: &Path,
) -> Result<Option<StatusQuoResults>> {
    let key = key(loaded, run_summary, inputs, settings)?;
    let path = cache_dir.join(format!("baseline-{key}.json"));
    let (sq, cached) = match read_cached(&path, &key) {
        Some(s) => (s, true),
        None => {
            let (r, s, _) = build_solve_read(loaded, inputs, settings, None, Fixing::StatusQuo)?;
            let value = serde_json::to_value(&s).map_err(internal)?;
            let sq = StatusQuoResults {
                summary: value,
                duration: crate::results::write::duration_curve(&r),
            };
            // A cache that cannot be written costs a solve next time, not this run.
            if let Err(e) = write_cached(&path, &key, &sq) {
                eprintln!("note: status quo not cached in {}: {e}", path.display());
            }
            (sq, false)
        }
    };
    let summary = &sq.summary;
    let ok = summary.get("status").and_then(|s| s.as_str()) == Some("optimal");
    let run = serde_json::to_value(&*run_summary).map_err(internal)?;
    match (
        ok,
        BaselineTotals::from_json(summary),
        BaselineTotals::from_json(&run),
    ) {
        (true, Some(base), Some(run)) => {
            run_summary.decision.against(base, &run, cached);
            Ok(Some(sq))
        }
        _ => {
            run_summary.decision.changes_vs_baseline = vec![format!(
                "The status quo did not solve to optimal ({}): no net benefit.",
                summary.get("status").unwrap_or(&serde_json::Value::Null)
            )];
            Ok(None)
        }
    }
}

/// A cached entry whose stored key is `key` (anything else is ignored, as is an entry written
/// before the curve was cached: it is solved again).
fn read_cached(path: &Path, key: &str) -> Option<StatusQuoResults> {
    let text = std::fs::read_to_string(path).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    if v.get("key")?.as_str()? != key {
        return None;
    }
    let duration = serde_json::from_value(v.get("duration")?.clone()).ok()?;
    Some(StatusQuoResults {
        summary: v.get("summary")?.clone(),
        duration,
    })
}

/// Write the entry beside its final name, then rename it there (no half-written entry).
fn write_cached(path: &Path, key: &str, sq: &StatusQuoResults) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let entry = serde_json::json!({ "key": key, "summary": sq.summary, "duration": sq.duration });
    let tmp: PathBuf = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, serde_json::to_vec_pretty(&entry)?)?;
    std::fs::rename(&tmp, path)
}

/// The cache folder for a run written to `out`: `.spillway-cache/` beside it.
pub fn cache_dir_for(out: &Path) -> PathBuf {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty());
    parent.unwrap_or(Path::new(".")).join(CACHE_DIR)
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("status quo: {e}"))
}
