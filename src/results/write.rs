//! Writing a run folder's files (into the temporary folder `output::folder` renames into
//! place): the results, `assumptions.csv`, and the baseline's results when found beside it.
//! Names and columns come from the contract in `crate::output`.

use super::{Results, Summary, Use};
use crate::output::files::{
    ASSUMPTIONS, BASELINE_DURATION, BASELINE_SUMMARY, CAPACITIES, CURTAILMENT, DISPATCH, DURATION,
    MONTHLY, PRICES, SUMMARY,
};
use crate::output::run::{
    monthly_column, node_column, CURTAILED_MW, DISPATCH_COLUMNS, DURATION_COLUMNS, FLOOD_SEASON,
    MONTH, PRICE_CNY_PER_MWH, STEP, TIMESTAMP,
};
use crate::scenario::{assumptions, SourceFile};
use std::fs;
use std::io;
use std::path::Path;

/// Write every result file into `dir` (a fresh folder).
pub fn write_files(dir: &Path, r: &Results, summary: &Summary) -> io::Result<()> {
    let json = serde_json::to_string_pretty(summary).map_err(io::Error::other)?;
    fs::write(dir.join(SUMMARY), json + "\n")?;
    write_capacities(&dir.join(CAPACITIES), r)?;
    write_monthly(&dir.join(MONTHLY), r)?;
    write_dispatch(&dir.join(DISPATCH), r)?;
    let curtailment: Vec<_> = r.curtailed_mw.iter().map(Some).collect();
    write_wide(&dir.join(CURTAILMENT), r, CURTAILED_MW, &curtailment)?;
    let prices: Vec<_> = match &r.prices {
        Some(p) => p.iter().map(Some).collect(),
        None => vec![None; r.node_names.len()],
    };
    write_wide(&dir.join(PRICES), r, PRICE_CNY_PER_MWH, &prices)?;
    write_duration_curve(&dir.join(DURATION), r)?;
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
    let mut header = vec![MONTH.to_string(), FLOOD_SEASON.to_string()];
    header.extend(uses.iter().map(|u| monthly_column(u)));
    header.extend(
        products
            .iter()
            .map(|p| monthly_column(&format!("industry.{p}"))),
    );
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
    w.write_record(DISPATCH_COLUMNS)?;
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
    let mut header = vec![STEP.to_string(), TIMESTAMP.to_string()];
    header.extend(r.node_names.iter().map(|n| node_column(n, what)));
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
    w.write_record(DURATION_COLUMNS)?;
    for cells in duration_cells(&duration_curve(r)) {
        w.write_record(cells)?;
    }
    w.flush()
}

/// An energy use of the summary by its key in `ENERGY_USES` (for the compare and sweep tables).
pub fn energy_twh(s: &Summary, use_key: &str) -> f64 {
    s.energy_twh.get(use_key).unwrap_or(f64::NAN)
}

/// Write `assumptions.csv`: file, line, key, value, comment of every key line.
pub fn write_assumptions(dir: &Path, files: &[SourceFile]) -> io::Result<()> {
    let mut w = csv::Writer::from_path(dir.join(ASSUMPTIONS))?;
    for a in assumptions::extract(files) {
        w.serialize(a).map_err(io::Error::other)?;
    }
    w.flush()
}

/// Write the status quo's results into the run folder `dir` (`baseline_summary.json`,
/// `baseline_curtailment_duration.csv`): the run's own status quo (`study::baseline`), so the
/// folder stays self-contained and its curtailment curve is drawn beside the run's.
pub fn write_status_quo(
    dir: &Path,
    summary: &serde_json::Value,
    duration: &[(f64, f64)],
) -> io::Result<()> {
    let json = serde_json::to_string_pretty(summary).map_err(io::Error::other)?;
    fs::write(dir.join(BASELINE_SUMMARY), json + "\n")?;
    let mut w = writer(&dir.join(BASELINE_DURATION))?;
    w.write_record(DURATION_COLUMNS)?;
    for cells in duration_cells(duration) {
        w.write_record(cells)?;
    }
    w.flush()
}
