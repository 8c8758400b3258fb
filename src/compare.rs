//! `spillway compare`: solve several cases side by side and tabulate what differs.
//!
//! Planners compare whole strategies (export, hydrogen, both) before sweeping numbers. Every case
//! is solved in parallel; the table lists the same quantities for each, with the difference of
//! every later case from the first.

use crate::error::{Error, InputProblem, Result};
use crate::inputs::Inputs;
use crate::model::CostPart;
use crate::output::compare::*;
use crate::output::files::{COMPARE_CSV, COMPARE_JSON, DURATION};
use crate::output::fixed;
use crate::output::folder::{write_atomically, Options};
use crate::output::names::FolderNames;
use crate::output::run::DURATION_COLUMNS;
use crate::results::write::{duration_cells, duration_curve};
use crate::results::Summary;
use crate::scenario::stochastic::is_stochastic;
use crate::scenario::LoadedScenario;
use crate::study::{self, RunSettings};
use rayon::prelude::*;
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One solved case.
#[derive(Debug, Clone, Serialize)]
pub struct Case {
    pub file: PathBuf,
    /// The scenario's `description`, for the report's list of cases.
    pub description: String,
    pub summary: Summary,
    /// (hours at or above, MW), largest spill first: written to `curtailment_duration.csv` so
    /// the cases' curves can be drawn (and redrawn) from the folder.
    #[serde(skip)]
    pub curtailment_duration: Vec<(f64, f64)>,
}

/// One line of the table: a quantity for every case (None: not defined, e.g. LCOH without H₂).
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub metric: String,
    pub unit: &'static str,
    pub values: Vec<Option<f64>>,
    /// Each case minus the first (the first's own entry is 0).
    pub difference_vs_first: Vec<Option<f64>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub cases: Vec<String>,
    pub statuses: Vec<crate::status::Status>,
    pub rows: Vec<Row>,
    /// Every case's full summary, as `summary.json` would hold it.
    pub summaries: Vec<Case>,
    /// The first case's status quo (its scenario with no new capacity): the first bar of the
    /// energy chart. None when it was not solved or did not solve to optimal.
    pub status_quo: Option<StatusQuo>,
    /// The first case's `lang` and the cases' labels, so the folder is drawn in their words.
    #[serde(flatten)]
    pub names: FolderNames,
}

/// `compare.json`'s `status_quo`: whose it is, and its summary as its summary.json would hold it.
#[derive(Debug, Clone, Serialize)]
pub struct StatusQuo {
    pub case: String,
    pub summary: serde_json::Value,
}

/// Solve every case (in parallel) and tabulate. Every case is loaded and checked first, and the
/// cases' names must differ, before anything is solved: an input error costs no solve. With
/// `cache_dir`, each case is also read against its status quo (`study::baseline`, cached there).
pub fn compare(
    files: &[PathBuf],
    settings: &RunSettings,
    cache_dir: Option<&Path>,
) -> Result<Comparison> {
    let prepared = prepare_all(files, settings.resolution())?;
    check_names(files, &prepared)?;
    let names = folder_names(&prepared);
    let outcomes: Vec<Result<(Case, Option<serde_json::Value>)>> = files
        .par_iter()
        .zip(prepared)
        .map(|(f, (loaded, inputs))| {
            let (results, mut summary) = study::solve(&loaded, &inputs, settings)?;
            summary.provenance = study::provenance::provenance(&loaded, &inputs)?;
            let status_quo = match cache_dir {
                // A stochastic case's net benefit is already its years' expectation
                // (`study::stochastic::expected`), against each year's own status quo.
                Some(_) if is_stochastic(&loaded.scenario) => None,
                Some(dir) => study::baseline::attach_to_summary(
                    &loaded,
                    &mut summary,
                    &inputs,
                    settings,
                    dir,
                )?,
                None => None,
            };
            let case = Case {
                file: f.clone(),
                description: loaded.scenario.description.clone(),
                curtailment_duration: duration_curve(&results),
                summary,
            };
            Ok((case, status_quo))
        })
        .collect();
    let mut cases = Vec::new();
    let mut status_quo = None;
    for (f, o) in files.iter().zip(outcomes) {
        match o {
            Ok((c, sq)) => {
                if cases.is_empty() {
                    status_quo = sq.map(|summary| StatusQuo {
                        case: c.summary.scenario.clone(),
                        summary,
                    });
                }
                cases.push(c)
            }
            Err(Error::Infeasible { status, hint }) => {
                return Err(Error::Infeasible {
                    status,
                    hint: format!("case {}: {hint}", f.display()),
                })
            }
            Err(e) => return Err(e),
        }
    }
    let mut c = tabulate(cases);
    c.status_quo = status_quo;
    c.names = names;
    Ok(c)
}

/// The first case's `lang`, and every case's labels (the first case's where they differ).
fn folder_names(prepared: &[(LoadedScenario, Inputs)]) -> FolderNames {
    let mut out: Option<FolderNames> = None;
    for (loaded, _) in prepared {
        let n = study::names::of(loaded);
        match out.as_mut() {
            Some(o) => o.add_missing(n),
            None => out = Some(n),
        }
    }
    out.unwrap_or_default()
}

/// Load and check every case (in parallel), reporting the input problems of all of them at once.
fn prepare_all(
    files: &[PathBuf],
    resolution: Option<crate::series::Resolution>,
) -> Result<Vec<(LoadedScenario, Inputs)>> {
    let prepared: Vec<_> = files
        .par_iter()
        .map(|f| study::prepare(f, resolution))
        .collect();
    let mut ok = Vec::new();
    let mut problems = Vec::new();
    for p in prepared {
        match p {
            Ok(p) => ok.push(p),
            Err(Error::Input(ps)) => problems.extend(ps),
            Err(e) => return Err(e),
        }
    }
    if problems.is_empty() {
        Ok(ok)
    } else {
        Err(Error::Input(problems))
    }
}

/// Cases are told apart by their scenario's `name` (the table's columns, the curves' legend).
fn check_names(files: &[PathBuf], prepared: &[(LoadedScenario, Inputs)]) -> Result<()> {
    let names: Vec<&str> = prepared
        .iter()
        .map(|(l, _)| l.scenario.name.as_str())
        .collect();
    let problems: Vec<InputProblem> = (0..names.len())
        .filter_map(|i| {
            let j = names[..i].iter().position(|n| *n == names[i])?;
            Some(
                InputProblem::new(
                    "name",
                    format!(
                        "the same name `{}` as {}: cases need distinct names",
                        names[i],
                        files[j].display()
                    ),
                )
                .in_file(&files[i]),
            )
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(problems))
    }
}

fn tabulate(cases: Vec<Case>) -> Comparison {
    let s: Vec<&Summary> = cases.iter().map(|c| &c.summary).collect();
    let mut rows = Vec::new();
    let mut add = |metric: String, unit: &'static str, f: &dyn Fn(&Summary) -> Option<f64>| {
        let values: Vec<Option<f64>> = s.iter().map(|x| f(x)).collect();
        let difference_vs_first = values
            .iter()
            .map(|v| match (v, values[0]) {
                (Some(a), Some(b)) => Some(a - b),
                _ => None,
            })
            .collect();
        rows.push(Row {
            metric,
            unit,
            values,
            difference_vs_first,
        });
    };
    add(OBJECTIVE.into(), M_CNY_PER_YEAR, &|x| {
        Some(x.objective_cny / 1e6)
    });
    add(NET_BENEFIT.into(), M_CNY_PER_YEAR, &|x| {
        x.decision
            .net_benefit_vs_baseline_cny_per_year
            .map(|v| v / 1e6)
    });
    // Committed projects first, apart from new builds: a committed line is never "0 built".
    let mut committed: Vec<&String> = s
        .iter()
        .flat_map(|x| x.capacity_committed_mw.keys())
        .collect();
    committed.sort();
    committed.dedup();
    for k in committed {
        add(committed_metric(k), MW, &|x| {
            Some(x.capacity_committed_mw.get(k).copied().unwrap_or(0.0))
        });
    }
    let mut keys: Vec<&String> = s.iter().flat_map(|x| x.capacity_built_mw.keys()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        add(capacity_metric(k), MW, &|x| {
            Some(x.capacity_built_mw.get(k).copied().unwrap_or(0.0))
        });
    }
    add(HYDROGEN_STORAGE.into(), TONNE, &|x| {
        Some(x.hydrogen_storage_built_kg / 1e3)
    });
    // Investment per option, then `total` last.
    let mut invested: Vec<&String> = (s.iter())
        .flat_map(|x| x.decision.investment_cny.keys())
        .filter(|k| *k != INVESTMENT_TOTAL)
        .collect();
    invested.sort();
    invested.dedup();
    for k in invested.into_iter().chain([&INVESTMENT_TOTAL.to_string()]) {
        add(investment_metric(k), M_CNY, &|x| {
            x.decision.investment_cny.get(k).map(|v| v / 1e6)
        });
    }
    // Optional uses (storage losses) when some case has them.
    let listed = crate::results::uses::listed(|k| s.iter().any(|x| x.energy_twh.get(k).is_some()));
    for u in listed {
        add(energy_metric(u), TWH_PER_YEAR, &|x| x.energy_twh.get(u));
    }
    add(CURTAILMENT_ANNUAL.into(), TWH_PER_YEAR, &|x| {
        Some(x.curtailment.annual_twh)
    });
    add(CURTAILMENT_FLOOD_SEASON.into(), TWH_PER_YEAR, &|x| {
        Some(x.curtailment.flood_season_twh)
    });
    add(HYDROGEN.into(), KT_PER_YEAR, &|x| Some(x.hydrogen_kt));
    add(LCOH.into(), CNY_PER_KG, &|x| x.lcoh_cny_per_kg);
    add(EXPORT_REVENUE.into(), M_CNY_PER_YEAR, &|x| {
        Some(
            -x.objective_parts_cny
                .get(&CostPart::ExportRevenue)
                .copied()
                .unwrap_or(0.0)
                / 1e6,
        )
    });
    Comparison {
        cases: s.iter().map(|x| x.scenario.clone()).collect(),
        statuses: s.iter().map(|x| x.status).collect(),
        rows,
        summaries: cases,
        status_quo: None,
        names: FolderNames::default(),
    }
}

/// The side-by-side table printed on stdout.
pub fn table(c: &Comparison) -> String {
    table_in(c, &|s| s.to_string())
}

/// The table with its metrics, units and the status row's name in `words` (the report's
/// names, in the folder's language: `--lang zh` prints "新建容量：电解槽", not
/// `capacity.electrolyser`); columns aligned as a terminal shows them.
pub fn table_in(c: &Comparison, words: &dyn Fn(&str) -> String) -> String {
    let mut head = vec!["".to_string(), words("unit")];
    head.extend(c.cases.iter().cloned());
    head.extend(
        c.cases
            .iter()
            .skip(1)
            .map(|n| format!("{n} − {}", c.cases[0])),
    );
    let mut lines = vec![head];
    let mut status = status_row(c);
    status[0] = words(&status[0]);
    lines.push(status);
    for r in &c.rows {
        let d = digits(r.unit);
        let show = |v: &Option<f64>| v.map_or("–".to_string(), |x| fixed(x, d));
        let mut l = vec![words(&r.metric), words(r.unit)];
        l.extend(r.values.iter().map(show));
        l.extend(r.difference_vs_first.iter().skip(1).map(|v| match v {
            Some(x) if x.abs() >= 0.5 * 10f64.powi(-(d as i32)) => format!("{:+.d$}", x),
            Some(_) => "0".into(),
            None => "–".into(),
        }));
        lines.push(l);
    }
    let widths: Vec<usize> = (0..lines[0].len())
        .map(|i| {
            lines
                .iter()
                .map(|l| crate::print_zh::width(&l[i]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for l in &lines {
        for (i, cell) in l.iter().enumerate() {
            let pad = widths[i] - crate::print_zh::width(cell);
            if i == 0 {
                let _ = write!(out, "{cell}{}", " ".repeat(pad));
            } else {
                let _ = write!(out, "  {}{cell}", " ".repeat(pad));
            }
        }
        out.push('\n');
    }
    out
}

/// The status row of the printed table and of `compare.csv`: each case's status.
fn status_row(c: &Comparison) -> Vec<String> {
    let mut status = vec![STATUS_ROW.to_string(), String::new()];
    status.extend(c.statuses.iter().map(|s| s.to_string()));
    status.extend(c.cases.iter().skip(1).map(|_| String::new()));
    status
}

/// Write `compare.csv`, `compare.json`, `curtailment_duration.csv`, then the charts and
/// `report.md` drawn from those files (`crate::report::compare`), atomically into `dir`.
pub fn write(c: &Comparison, dir: &Path, options: Options) -> Result<()> {
    write_atomically(dir, options, |tmp| {
        write_table(c, &tmp.join(COMPARE_CSV))?;
        let json = serde_json::to_string_pretty(c).map_err(std::io::Error::other)?;
        std::fs::write(tmp.join(COMPARE_JSON), json + "\n")?;
        write_durations(c, &tmp.join(DURATION))?;
        crate::report::compare::draw(tmp, options.lang)
            .map(|_| ())
            .map_err(|e| std::io::Error::other(e.to_string()))
    })
}

/// `compare.csv`: the table with six decimals, differences under `<case>_minus_<first>`.
fn write_table(c: &Comparison, path: &Path) -> std::io::Result<()> {
    let mut w = csv::Writer::from_path(path)?;
    let mut head = vec![METRIC.to_string(), UNIT.to_string()];
    head.extend(c.cases.iter().cloned());
    head.extend(
        c.cases
            .iter()
            .skip(1)
            .map(|n| difference_column(n, &c.cases[0])),
    );
    w.write_record(&head)?;
    w.write_record(status_row(c))?;
    for r in &c.rows {
        let mut l = vec![r.metric.clone(), r.unit.to_string()];
        let cell = |v: &Option<f64>| v.map_or(String::new(), |x| fixed(x, 6));
        l.extend(r.values.iter().map(cell));
        l.extend(r.difference_vs_first.iter().skip(1).map(cell));
        w.write_record(&l)?;
    }
    w.flush()
}

/// `curtailment_duration.csv`: every case's curve, one after the other (long format).
fn write_durations(c: &Comparison, path: &Path) -> std::io::Result<()> {
    let mut w = csv::Writer::from_path(path)?;
    let mut head = vec![CASE];
    head.extend(DURATION_COLUMNS);
    w.write_record(&head)?;
    for case in &c.summaries {
        for [rank, hours, mw] in duration_cells(&case.curtailment_duration) {
            w.write_record([case.summary.scenario.as_str(), &rank, &hours, &mw])?;
        }
    }
    w.flush()
}
