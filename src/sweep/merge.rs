//! Joining the outputs of shards (`spillway sweep … --shard K/N`) into one sweep.
//!
//! Every folder's `sweep.json` must carry the same definition hash and point count; every point
//! must appear exactly once over all folders. The merged `sweep.csv` is byte-identical to the
//! one an unsharded run writes (same header, rows in point order, cells copied as written), and
//! so are its charts and report, drawn from it.

use super::output::{draw, write_meta, SweepMeta, FORMAT, TIMING_HEADER};
use crate::error::{Error, InputProblem, Result};
use crate::results::write::write_atomically;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a merge found and wrote.
#[derive(Debug)]
pub struct Merged {
    pub meta: SweepMeta,
    pub folders: usize,
}

struct ShardDir {
    dir: PathBuf,
    meta: SweepMeta,
    header: csv::StringRecord,
    rows: Vec<csv::StringRecord>,
    timing: Vec<csv::StringRecord>,
}

fn problem(path: &Path, msg: impl Into<String>) -> InputProblem {
    InputProblem::new("", msg).in_file(path)
}

fn read_dir(dir: &Path) -> std::result::Result<ShardDir, InputProblem> {
    let meta_path = dir.join("sweep.json");
    let text = std::fs::read_to_string(&meta_path).map_err(|e| {
        problem(
            &meta_path,
            format!("cannot read: {e} (is this a sweep output folder?)"),
        )
    })?;
    let meta: SweepMeta = serde_json::from_str(&text)
        .map_err(|e| problem(&meta_path, format!("not a sweep.json: {e}")))?;
    if meta.format != FORMAT {
        return Err(problem(
            &meta_path,
            format!("format `{}`, expected `{FORMAT}`", meta.format),
        ));
    }
    let read_csv = |name: &str| -> std::result::Result<
        (csv::StringRecord, Vec<csv::StringRecord>),
        InputProblem,
    > {
        let path = dir.join(name);
        let mut r = csv::Reader::from_path(&path).map_err(|e| problem(&path, e.to_string()))?;
        let header = r
            .headers()
            .map_err(|e| problem(&path, e.to_string()))?
            .clone();
        let rows = r
            .records()
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| problem(&path, e.to_string()))?;
        Ok((header, rows))
    };
    let (header, rows) = read_csv("sweep.csv")?;
    let (_, timing) = read_csv("sweep_timing.csv")?;
    Ok(ShardDir {
        dir: dir.to_path_buf(),
        meta,
        header,
        rows,
        timing,
    })
}

/// Merge shard folders into `out`.
pub fn merge(dirs: &[PathBuf], out: &Path, force: bool) -> Result<Merged> {
    let mut problems = Vec::new();
    let mut shards = Vec::new();
    for d in dirs {
        match read_dir(d) {
            Ok(s) => shards.push(s),
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    let Some(first) = shards.first() else {
        return Err(Error::input(InputProblem::new("", "no folders to merge")));
    };
    let first_json = first.dir.join("sweep.json");
    for s in &shards[1..] {
        let path = s.dir.join("sweep.json");
        if s.meta.hash != first.meta.hash || s.meta.points_total != first.meta.points_total {
            problems.push(problem(
                &path,
                format!(
                    "from another sweep: hash {} ({} points) but {} has {} ({} points)",
                    s.meta.hash,
                    s.meta.points_total,
                    first_json.display(),
                    first.meta.hash,
                    first.meta.points_total
                ),
            ));
        } else if s.header != first.header {
            problems.push(problem(
                &s.dir.join("sweep.csv"),
                "its columns differ from the first folder's",
            ));
        }
    }
    // Where each point was found.
    let mut seen: BTreeMap<usize, Vec<&Path>> = BTreeMap::new();
    let mut rows = BTreeMap::new();
    let mut timing = BTreeMap::new();
    for s in &shards {
        for r in &s.rows {
            let Some(i) = r.get(0).and_then(|x| x.parse::<usize>().ok()) else {
                problems.push(problem(
                    &s.dir.join("sweep.csv"),
                    "a row without a point index",
                ));
                continue;
            };
            seen.entry(i).or_default().push(&s.dir);
            rows.insert(i, r.clone());
        }
        for r in &s.timing {
            if let Some(i) = r.get(0).and_then(|x| x.parse::<usize>().ok()) {
                timing.insert(i, r.clone());
            }
        }
    }
    for (i, where_) in &seen {
        if where_.len() > 1 {
            let list: Vec<String> = where_.iter().map(|p| p.display().to_string()).collect();
            problems.push(InputProblem::new(
                "",
                format!("point {i} is in more than one folder: {}", list.join(", ")),
            ));
        }
        if *i >= first.meta.points_total {
            problems.push(InputProblem::new(
                "",
                format!(
                    "point {i} is beyond the sweep's {} points",
                    first.meta.points_total
                ),
            ));
        }
    }
    let missing: Vec<usize> = (0..first.meta.points_total)
        .filter(|i| !seen.contains_key(i))
        .collect();
    if !missing.is_empty() {
        let shown: Vec<String> = missing.iter().take(20).map(usize::to_string).collect();
        let more = if missing.len() > 20 {
            format!(" and {} more", missing.len() - 20)
        } else {
            String::new()
        };
        let shards_hint = first
            .meta
            .shard
            .map(|s| format!(" (a shard of {} is missing?)", s.count))
            .unwrap_or_default();
        problems.push(InputProblem::new(
            "",
            format!(
                "{} point(s) missing: {}{more}{shards_hint}",
                missing.len(),
                shown.join(", ")
            ),
        ));
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    let status_col = first.header.iter().position(|h| h == "status");
    let mut status_counts = BTreeMap::new();
    for r in rows.values() {
        let st = status_col.and_then(|c| r.get(c)).unwrap_or("").to_string();
        *status_counts.entry(st).or_insert(0) += 1;
    }
    let meta = SweepMeta {
        points: rows.keys().copied().collect(),
        shard: None,
        status_counts,
        ..first.meta.clone()
    };
    write_atomically(out, force, |tmp| {
        let mut w = csv::Writer::from_path(tmp.join("sweep.csv"))?;
        w.write_record(&first.header)?;
        for r in rows.values() {
            w.write_record(r)?;
        }
        w.flush()?;
        let mut w = csv::Writer::from_path(tmp.join("sweep_timing.csv"))?;
        w.write_record(TIMING_HEADER)?;
        for r in timing.values() {
            w.write_record(r)?;
        }
        w.flush()?;
        write_meta(&tmp.join("sweep.json"), &meta)?;
        draw(tmp)
    })?;
    Ok(Merged {
        meta,
        folders: shards.len(),
    })
}
