//! Joining the outputs of shards (`spillway sweep … --shard K/N`) into one sweep.
//!
//! Every folder's `sweep.json` must carry the same definition hash and point count; every point
//! must appear exactly once over all folders. The merged `sweep.csv` is byte-identical to the
//! one an unsharded run writes (same header, rows in point order, cells copied as written), and
//! so are its charts and report, drawn from it.

use super::output::{draw, write_meta};
use crate::error::{Error, InputProblem, Result};
use crate::output::files::{SWEEP_CSV, SWEEP_JSON, SWEEP_TIMING};
use crate::output::folder::{write_atomically, Options};
use crate::output::sweep::{SweepMeta, FORMAT, STATUS, TIMING_HEADER};
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
    let meta_path = dir.join(SWEEP_JSON);
    use crate::input_file::{read_limited, MAX_CSV_BYTES, MAX_JSON_BYTES};
    let text = read_limited(&meta_path, MAX_JSON_BYTES)
        .map_err(|e| {
            problem(
                &meta_path,
                format!("cannot read: {e} (is this a sweep output folder?)"),
            )
        })
        .and_then(|b| String::from_utf8(b).map_err(|_| problem(&meta_path, "not UTF-8 text")))?;
    let meta: SweepMeta = serde_json::from_str(&text)
        .map_err(|e| problem(&meta_path, format!("not a {SWEEP_JSON}: {e}")))?;
    if meta.format != FORMAT {
        return Err(problem(
            &meta_path,
            format!("format `{}`, expected `{FORMAT}`", meta.format),
        ));
    }
    // Checked before anything is sized or counted by it.
    if meta.points_total > super::design::MAX_POINTS {
        return Err(problem(
            &meta_path,
            format!(
                "claims {} points, more than a sweep may have ({})",
                meta.points_total,
                super::design::MAX_POINTS
            ),
        ));
    }
    let read_csv = |name: &str| -> std::result::Result<
        (csv::StringRecord, Vec<csv::StringRecord>),
        InputProblem,
    > {
        let path = dir.join(name);
        let bytes = read_limited(&path, MAX_CSV_BYTES)
            .map_err(|e| problem(&path, format!("cannot read: {e}")))?;
        let mut r = csv::Reader::from_reader(bytes.as_slice());
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
    let (header, rows) = read_csv(SWEEP_CSV)?;
    let (_, timing) = read_csv(SWEEP_TIMING)?;
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
    problems.extend(disagreements(&shards));
    let points = Points::gather(&shards, &mut problems);
    problems.extend(points.misplaced(first));
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    let status_col = first.header.iter().position(|h| h == STATUS);
    let mut status_counts = BTreeMap::new();
    for r in points.rows.values() {
        let st = status_col.and_then(|c| r.get(c)).unwrap_or("").to_string();
        *status_counts.entry(st).or_insert(0) += 1;
    }
    let meta = SweepMeta {
        points: points.rows.keys().copied().collect(),
        shard: None,
        status_counts,
        ..first.meta.clone()
    };
    // The merged CSVs keep the byte-order mark of the shards' (`sweep --excel-csv`).
    let excel_csv = std::fs::read(dirs[0].join(SWEEP_CSV))
        .is_ok_and(|b| b.starts_with(crate::output::excel_csv::BOM));
    write_atomically(
        out,
        Options {
            force,
            excel_csv,
            lang: None,
        },
        |tmp| {
            let mut w = csv::Writer::from_path(tmp.join(SWEEP_CSV))?;
            w.write_record(&first.header)?;
            for r in points.rows.values() {
                w.write_record(r)?;
            }
            w.flush()?;
            let mut w = csv::Writer::from_path(tmp.join(SWEEP_TIMING))?;
            w.write_record(TIMING_HEADER)?;
            for r in points.timing.values() {
                w.write_record(r)?;
            }
            w.flush()?;
            write_meta(&tmp.join(SWEEP_JSON), &meta)?;
            draw(tmp, None)
        },
    )?;
    Ok(Merged {
        meta,
        folders: shards.len(),
    })
}

/// Folders that are not shards of the first one's sweep (another hash, count or header).
fn disagreements(shards: &[ShardDir]) -> Vec<InputProblem> {
    let first = &shards[0];
    let first_json = first.dir.join(SWEEP_JSON);
    let mut problems = Vec::new();
    for s in &shards[1..] {
        let path = s.dir.join(SWEEP_JSON);
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
                &s.dir.join(SWEEP_CSV),
                "its columns differ from the first folder's",
            ));
        }
    }
    problems
}

/// Every folder's rows by point index, and where each point was found.
struct Points<'a> {
    seen: BTreeMap<usize, Vec<&'a Path>>,
    rows: BTreeMap<usize, csv::StringRecord>,
    timing: BTreeMap<usize, csv::StringRecord>,
}

impl<'a> Points<'a> {
    fn gather(shards: &'a [ShardDir], problems: &mut Vec<InputProblem>) -> Points<'a> {
        let mut p = Points {
            seen: BTreeMap::new(),
            rows: BTreeMap::new(),
            timing: BTreeMap::new(),
        };
        for s in shards {
            for r in &s.rows {
                let Some(i) = r.get(0).and_then(|x| x.parse::<usize>().ok()) else {
                    problems.push(problem(
                        &s.dir.join(SWEEP_CSV),
                        "a row without a point index",
                    ));
                    continue;
                };
                p.seen.entry(i).or_default().push(&s.dir);
                p.rows.insert(i, r.clone());
            }
            for r in &s.timing {
                if let Some(i) = r.get(0).and_then(|x| x.parse::<usize>().ok()) {
                    p.timing.insert(i, r.clone());
                }
            }
        }
        p
    }

    /// Points found twice or beyond the sweep, and points missing (the first 20 listed).
    fn misplaced(&self, first: &ShardDir) -> Vec<InputProblem> {
        let mut problems = Vec::new();
        for (i, where_) in &self.seen {
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
            .filter(|i| !self.seen.contains_key(i))
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
        problems
    }
}
