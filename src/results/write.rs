//! Writing a result folder: everything goes to a hidden temporary folder beside the target,
//! which is renamed into place only when complete, so an interrupted run never leaves a
//! half-written folder under the target's name.

use super::{Results, Summary, Use};
use crate::error::{Error, Result};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The marker that says spillway made a folder (and may replace it).
pub const MARKER: &str = ".spillway-output";

/// Write `files` into `dir` atomically. `write` fills the temporary folder.
pub fn write_atomically(
    dir: &Path,
    force: bool,
    write: impl FnOnce(&Path) -> io::Result<()>,
) -> Result<()> {
    let err = |path: &Path, e: &dyn std::fmt::Display| Error::output(path, e);
    if dir.exists() && !dir.join(MARKER).exists() && !force {
        let empty = fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(err(
                dir,
                &"the folder exists and was not made by spillway; choose another --out or pass --force",
            ));
        }
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| err(dir, &"not a folder name"))?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| err(&parent, &e))?;
    recover_interrupted(&parent, &name, dir);
    let tmp = parent.join(format!(".{name}.partial-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir(&tmp).map_err(|e| err(&tmp, &e))?;
    let result = write(&tmp).and_then(|()| fs::write(tmp.join(MARKER), "written by spillway\n"));
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&tmp);
        return Err(err(dir, &e));
    }
    // For the interruption test only: hold the finished temporary folder before the rename so
    // a test can kill the process at the worst moment.
    if let Some(ms) = std::env::var("SPILLWAY_PAUSE_BEFORE_RENAME_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
    if dir.exists() {
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        fs::rename(dir, &old).map_err(|e| err(dir, &e))?;
        if let Err(e) = fs::rename(&tmp, dir) {
            let _ = fs::rename(&old, dir);
            return Err(err(dir, &e));
        }
        let _ = fs::remove_dir_all(&old);
    } else {
        fs::rename(&tmp, dir).map_err(|e| err(dir, &e))?;
    }
    Ok(())
}

/// Clean up after runs that were killed while writing `dir`: a `.NAME.partial-PID` of a process
/// that is gone is deleted; a `.NAME.old-PID` (the previous results, moved aside for the swap)
/// is put back if the target is missing, else deleted.
fn recover_interrupted(parent: &Path, name: &str, dir: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&format!(".{name}.")) else {
            continue;
        };
        let (kind, pid) = match rest.split_once('-') {
            Some((kind @ ("partial" | "old"), pid)) => (kind, pid.parse::<u32>().ok()),
            _ => continue,
        };
        let Some(pid) = pid else { continue };
        if process_alive(pid) {
            continue;
        }
        let path = entry.path();
        if kind == "old" && !dir.exists() {
            let _ = fs::rename(&path, dir);
        } else {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// Whether a process is still running (Linux `/proc`; elsewhere only this process is known).
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc_root = Path::new("/proc");
    if proc_root.join("self").exists() {
        proc_root.join(pid.to_string()).exists()
    } else {
        true // cannot tell: leave it alone
    }
}

/// Write every result file into `dir` (a fresh folder).
pub fn write_files(dir: &Path, r: &Results, summary: &Summary) -> io::Result<()> {
    let json = serde_json::to_string_pretty(summary).map_err(io::Error::other)?;
    fs::write(dir.join("summary.json"), json + "\n")?;
    write_capacities(&dir.join("capacities.csv"), r)?;
    write_monthly(&dir.join("energy_by_use_monthly.csv"), r)?;
    write_dispatch(&dir.join("dispatch.csv"), r)?;
    let curtailment: Vec<_> = r.curtailed_mw.iter().map(Some).collect();
    write_wide(
        &dir.join("curtailment.csv"),
        r,
        "curtailed_mw",
        &curtailment,
    )?;
    let prices: Vec<_> = match &r.prices {
        Some(p) => p.iter().map(Some).collect(),
        None => vec![None; r.node_names.len()],
    };
    write_wide(&dir.join("prices.csv"), r, "price_cny_per_mwh", &prices)?;
    write_duration_curve(&dir.join("curtailment_duration.csv"), r)?;
    Ok(())
}

fn writer(path: &Path) -> io::Result<csv::Writer<io::BufWriter<fs::File>>> {
    Ok(csv::Writer::from_writer(io::BufWriter::new(
        fs::File::create(path)?,
    )))
}

fn num(x: f64) -> String {
    if x.is_finite() {
        let s = format!("{x:.4}");
        if s == "-0.0000" {
            "0.0000".into()
        } else {
            s
        }
    } else {
        String::new()
    }
}

fn write_capacities(path: &Path, r: &Results) -> io::Result<()> {
    let mut w = writer(path)?;
    for row in &r.capacities {
        w.serialize(row).map_err(io::Error::other)?;
    }
    w.flush()
}

/// Energy by use per calendar month, TWh (uses positive, as in the summary), then line losses
/// and each industry product.
fn write_monthly(path: &Path, r: &Results) -> io::Result<()> {
    let mut w = writer(path)?;
    // The uses of the summary (line losses last), then each industry product, so the month's
    // balance closes by use.
    let products: std::collections::BTreeSet<String> = r
        .series
        .iter()
        .filter_map(|s| match &s.category {
            Use::Industry(p) => Some(p.clone()),
            _ => None,
        })
        .collect();
    let uses = super::uses::listed(|k| r.use_twh(k, None).is_some());
    let mut header = vec!["month".to_string(), "flood_season".to_string()];
    header.extend(uses.iter().map(|u| format!("{u}_twh")));
    header.extend(products.iter().map(|p| format!("industry.{p}_twh")));
    w.write_record(&header)?;
    for month in 1..=12u32 {
        let mask: Vec<f64> = r.months.iter().map(|m| f64::from(*m == month)).collect();
        if mask.iter().all(|m| *m == 0.0) {
            continue;
        }
        let sum = |pred: &dyn Fn(&Use) -> bool| -> f64 {
            r.series
                .iter()
                .filter(|s| pred(&s.category))
                .map(|s| {
                    s.mw.iter()
                        .zip(&mask)
                        .zip(r.wdt.iter())
                        .map(|((x, m), h)| x * m * h)
                        .sum::<f64>()
                        / 1e6
                })
                .map(f64::abs)
                .sum()
        };
        let mut values: Vec<f64> = uses
            .iter()
            .map(|u| r.use_twh(u, Some(&mask)).unwrap_or(0.0))
            .collect();
        for p in &products {
            values.push(sum(&|u| matches!(u, Use::Industry(q) if q == p)));
        }
        let mut rec = vec![
            month.to_string(),
            r.flood_months.contains(&month).to_string(),
        ];
        rec.extend(values.iter().map(|v| format!("{v:.6}")));
        w.write_record(&rec)?;
    }
    w.flush()
}

/// Long format: one row per step, node and component; supply positive, use negative.
fn write_dispatch(path: &Path, r: &Results) -> io::Result<()> {
    let mut w = writer(path)?;
    w.write_record(["step", "timestamp", "node", "component", "use", "mw"])?;
    let names: Vec<String> = r.series.iter().map(|s| s.category.name()).collect();
    for t in 0..r.labels.len() {
        let step = t.to_string();
        for (s, name) in r.series.iter().zip(&names) {
            w.write_record([
                step.as_str(),
                r.labels[t].as_str(),
                r.node_names[s.node].as_str(),
                s.component.as_str(),
                name.as_str(),
                num(s.mw[t]).as_str(),
            ])?;
        }
    }
    w.flush()
}

/// Wide format: one row per step, one column per node.
fn write_wide(
    path: &Path,
    r: &Results,
    what: &str,
    cols: &[Option<&ndarray::Array1<f64>>],
) -> io::Result<()> {
    let mut w = writer(path)?;
    let mut header = vec!["step".to_string(), "timestamp".to_string()];
    header.extend(r.node_names.iter().map(|n| format!("{n}_{what}")));
    w.write_record(&header)?;
    for t in 0..r.labels.len() {
        let mut rec = vec![t.to_string(), r.labels[t].clone()];
        rec.extend(cols.iter().map(|c| c.map_or(String::new(), |c| num(c[t]))));
        w.write_record(&rec)?;
    }
    w.flush()
}

/// The curtailment duration curve: total spill over all nodes, largest first, as (hours for
/// which at least that much is spilled, MW). `compare` keeps it per case to draw the cases'
/// curves on one chart.
pub fn duration_curve(r: &Results) -> Vec<(f64, f64)> {
    let mut steps: Vec<(f64, f64)> = (0..r.labels.len())
        .map(|t| (r.curtailed_mw.iter().map(|c| c[t]).sum::<f64>(), r.wdt[t]))
        .collect();
    steps.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut hours = 0.0;
    steps
        .into_iter()
        .map(|(mw, h)| {
            hours += h;
            (hours, mw)
        })
        .collect()
}

/// One duration curve's cells as `curtailment_duration.csv` writes them: rank, hours at or
/// above, MW (shared with `compare`, so both files read back the same way).
pub fn duration_cells(curve: &[(f64, f64)]) -> Vec<[String; 3]> {
    curve
        .iter()
        .enumerate()
        .map(|(rank, (hours, mw))| [(rank + 1).to_string(), format!("{hours}"), num(*mw)])
        .collect()
}

fn write_duration_curve(path: &Path, r: &Results) -> io::Result<()> {
    let mut w = writer(path)?;
    w.write_record(["rank", "hours_at_or_above", "curtailed_mw"])?;
    for cells in duration_cells(&duration_curve(r)) {
        w.write_record(cells)?;
    }
    w.flush()
}
