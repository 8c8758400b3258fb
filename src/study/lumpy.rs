//! Projects that come whole (`lumpy = true`, `model::tech::lumpy`), solved exactly.
//!
//! - `enumerate` (the default): every combination of the projects' choices is one LP, the
//!   project's capacity column fixed at a size (`lo = hi = size`), or off (`hi = 0`) or on
//!   (`lo = min_build_mw`). The combinations are solved in parallel (rayon, `--threads`), the
//!   lowest objective is the answer, and every combination's result goes to
//!   `lumpy_combinations.csv`. More than `--lumpy-limit` combinations (default
//!   `settings::DEFAULT_LUMPY_LIMIT`) is refused with exit code 2, suggesting the MILP.
//! - `milp` (`--lumpy milp`, the `highs` feature): one mixed-integer program through HiGHS,
//!   with binaries for the choices (sizes: `Σ_k b_k = 1`, `K = Σ_k size_k·b_k`; minimum build:
//!   `min·b ≤ K ≤ max·b`). Its choice is then fixed and the LP solved again with the run's
//!   solver, so prices (duals) and every output come from the same path as `enumerate`.
//!
//! Either way the answer is an LP with every lumpy capacity at an allowed value: the divisible
//! relaxation is never reported as the answer.

pub use super::lumpy_table::Table;
use super::lumpy_table::{bounds, Row};
use super::settings::LumpyMethod;
use super::{build_solve_read, Fixing, RunSettings};
use crate::error::{Error, Result};
use crate::inputs::Inputs;
use crate::model::lp::{Col, Index, Lp, Sense};
use crate::model::tech::lumpy::{Choice, Project, Rule};
use crate::model::{self, tech};
use crate::plausible::Warning;
use crate::results::{Results, Summary};
use crate::scenario::{LoadedScenario, Scenario};
use rayon::prelude::*;

/// Every lumpy project of a scenario, in build order (one per site of an option).
pub fn projects(sc: &Scenario) -> Vec<Project> {
    tech::instances(sc)
        .iter()
        .flat_map(|i| i.tech.lumpy(&i.path, i.name))
        .collect()
}

/// How many combinations the projects' choices make (None: more than `usize` holds).
pub fn combinations(projects: &[Project]) -> Option<usize> {
    projects
        .iter()
        .try_fold(1usize, |n, p| n.checked_mul(p.rule.choices().len()))
}

/// Solve a validated scenario with lumpy projects exactly: the answer's results and summary
/// (with summary.json's `lumpy`), and the table of combinations.
pub fn solve(
    loaded: &LoadedScenario,
    inputs: &Inputs,
    settings: &RunSettings,
    projects: &[Project],
) -> Result<(Results, Summary, Table)> {
    let count = combinations(projects);
    let (results, mut summary, table) = match settings.lumpy() {
        Some(LumpyMethod::Milp) => milp(loaded, inputs, settings, projects, count)?,
        Some(LumpyMethod::Enumerate) | None => {
            let n = count
                .filter(|&n| n <= settings.lumpy_limit())
                .ok_or_else(|| too_many(loaded, projects, count, settings.lumpy_limit()))?;
            enumerate(loaded, inputs, settings, projects, n)?
        }
    };
    summary.lumpy = table.summary();
    Ok((results, summary, table))
}

/// The refusal beyond the limit: exit code 2, naming the first project's `lumpy` key.
fn too_many(
    loaded: &LoadedScenario,
    projects: &[Project],
    count: Option<usize>,
    limit: usize,
) -> Error {
    let per_project: Vec<String> = projects
        .iter()
        .map(|p| format!("{}: {} choices", p.name, p.rule.choices().len()))
        .collect();
    let count = count.map_or("more than 2^64".to_string(), |n| n.to_string());
    Error::input(loaded.problem(
        &format!("{}.lumpy", projects[0].path),
        format!(
            "{count} combinations of lumpy choices ({}) are more than the {limit} that are \
             enumerated: solve them as one MILP with `--lumpy milp` (needs the `highs` feature), \
             or raise `--lumpy-limit`",
            per_project.join(" × ")
        ),
    ))
}

/// Every combination, the first project's choice varying slowest.
fn all_combinations(projects: &[Project]) -> Vec<Vec<Choice>> {
    projects.iter().fold(vec![Vec::new()], |acc, p| {
        acc.iter()
            .flat_map(|prefix| {
                p.rule.choices().into_iter().map(move |c| {
                    let mut next = prefix.clone();
                    next.push(c);
                    next
                })
            })
            .collect()
    })
}

/// The best of the combinations solved so far: (index, objective, its results).
type Best = Option<(usize, f64, Box<(Results, Summary)>)>;

/// Keep the lower objective (ties: the earlier combination), so that the answer does not
/// depend on the order in which threads finish.
fn better(a: Best, b: Best) -> Best {
    match (a, b) {
        (Some(a), Some(b)) => {
            if b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)).is_lt() {
                Some(b)
            } else {
                Some(a)
            }
        }
        (a, None) => a,
        (None, b) => b,
    }
}

/// Solve every combination (in parallel) and keep the best; only its results are kept in
/// memory, so an hourly enumeration holds one set of results per thread, not one per row.
fn enumerate(
    loaded: &LoadedScenario,
    inputs: &Inputs,
    settings: &RunSettings,
    projects: &[Project],
    count: usize,
) -> Result<(Results, Summary, Table)> {
    let combos = all_combinations(projects);
    debug_assert_eq!(combos.len(), count);
    let solve_one = |(i, choices): (usize, &Vec<Choice>)| -> Result<(Vec<Row>, Best)> {
        let fixed = bounds(projects, choices);
        match build_solve_read(loaded, inputs, settings, None, Fixing::Capacities(&fixed)) {
            Ok((r, s, built)) => {
                let row = Row::solved(choices.clone(), &s, built);
                let best = s
                    .status
                    .has_solution()
                    .then(|| (i, s.objective_cny, Box::new((r, s))));
                Ok((vec![row], best))
            }
            // A combination that ends without a solution is a row of the table, not the end.
            Err(
                e @ (Error::Infeasible { .. } | Error::Solver { .. } | Error::Unconfirmed { .. }),
            ) => Ok((vec![Row::failed(choices.clone(), e.status())], None)),
            Err(e) => Err(e),
        }
    };
    let joined = in_pool(settings, || {
        combos.par_iter().enumerate().map(solve_one).try_reduce(
            || (Vec::new(), None),
            |(mut rows, a), (more, b)| {
                rows.extend(more);
                Ok((rows, better(a, b)))
            },
        )
    })??;
    let (rows, best) = joined;
    let table = Table::new(LumpyMethod::Enumerate, projects, count, rows);
    match best {
        Some((_, _, rs)) => {
            let (r, s) = *rs;
            Ok((r, s, table))
        }
        // Nothing solved: end as the first combination ended (its status, exit code 3 or 4).
        None => {
            let fixed = bounds(projects, &combos[0]);
            build_solve_read(loaded, inputs, settings, None, Fixing::Capacities(&fixed))?;
            Err(Error::Internal(
                "no combination of lumpy choices solved".into(),
            ))
        }
    }
}

/// Run `f` in a pool of `--threads` threads, or in the pool it is already in (a sweep's point
/// or a comparison's case: its threads are shared, not multiplied).
fn in_pool<T: Send>(settings: &RunSettings, f: impl FnOnce() -> T + Send) -> Result<T> {
    if rayon::current_thread_index().is_some() {
        Ok(f())
    } else {
        Ok(settings.pool()?.install(f))
    }
}

/// One MILP through HiGHS for the choices, then the LP with them fixed (see the module).
fn milp(
    loaded: &LoadedScenario,
    inputs: &Inputs,
    settings: &RunSettings,
    projects: &[Project],
    count: Option<usize>,
) -> Result<(Results, Summary, Table)> {
    let mut m = model::build(&loaded.scenario, inputs);
    let mut binaries = Vec::new();
    for p in projects {
        let k = m
            .lp
            .single_col("capacity", &p.column)
            .ok_or_else(|| Error::Internal(format!("no single column `capacity[{}]`", p.column)))?;
        binaries.push(add_choice(&mut m.lp, p, k));
    }
    let values = crate::solve::solve_milp(&m.lp)?;
    let choices: Vec<Choice> = projects
        .iter()
        .zip(&binaries)
        .map(|(p, b)| {
            let on = |c: &Col| values.get(*c) > 0.5;
            match &p.rule {
                Rule::Sizes(sizes) => {
                    let k = b.iter().position(on).unwrap_or(0);
                    Choice::Size(sizes[k])
                }
                Rule::MinBuild(min) if b.iter().any(on) => Choice::AtLeast(*min),
                Rule::MinBuild(_) => Choice::Off,
            }
        })
        .collect();
    let fixed = bounds(projects, &choices);
    let (r, s, built) =
        build_solve_read(loaded, inputs, settings, None, Fixing::Capacities(&fixed))?;
    let row = Row::solved(choices, &s, built);
    let table = Table::new(
        LumpyMethod::Milp,
        projects,
        count.unwrap_or(usize::MAX),
        vec![row],
    );
    Ok((r, s, table))
}

/// The binaries and rows of one project's choice on its capacity column `k`; returns the
/// binaries (one per size, or the one on/off).
fn add_choice(lp: &mut Lp, p: &Project, k: Col) -> Vec<Col> {
    let bin_f = lp.family("lumpy_choice", &p.name, Index::Ord);
    let row_f = lp.family("lumpy", &p.name, Index::Ord);
    match &p.rule {
        Rule::Sizes(sizes) => {
            let b: Vec<Col> = sizes.iter().map(|_| lp.col_in(bin_f, 0.0, 1.0)).collect();
            lp.integer.extend(&b);
            let one: Vec<(f64, Col)> = b.iter().map(|&c| (1.0, c)).collect();
            lp.row_in(row_f, &one, Sense::Eq, 1.0);
            let mut size = vec![(1.0, k)];
            size.extend(sizes.iter().zip(&b).map(|(&s, &c)| (-s, c)));
            lp.row_in(row_f, &size, Sense::Eq, 0.0);
            b
        }
        Rule::MinBuild(min) => {
            let b = lp.col_in(bin_f, 0.0, 1.0);
            lp.integer.push(b);
            lp.row_in(row_f, &[(1.0, k), (-min, b)], Sense::Ge, 0.0);
            lp.row_in(row_f, &[(1.0, k), (-p.max_mw, b)], Sense::Le, 0.0);
            vec![b]
        }
    }
}

/// A warning for every candidate line that is not lumpy and that the answer builds: its size
/// is a divisible quantity, and real lines come in sizes.
pub fn divisible_lines(loaded: &LoadedScenario, summary: &Summary) -> Vec<Warning> {
    let sc = &loaded.scenario;
    sc.lines
        .iter()
        .filter(|(_, l)| l.new_capacity_max_mw > 0.0 && !l.lumpy)
        .filter_map(|(name, _)| {
            let built = *summary.capacity_built_mw.get(&format!("line.{name}"))?;
            (built >= super::binding::BUILT_MW).then(|| Warning {
                problem: loaded.problem(
                    &format!("lines.{name}.new_capacity_max_mw"),
                    format!(
                        "the answer builds {built:.1} MW of this line, a divisible quantity; \
                         real lines come in sizes: mark it `lumpy = true` with \
                         `sizes_mw = [0, …]` for an exact answer (docs/model.md, \
                         \"Projects that come whole\")"
                    ),
                ),
            })
        })
        .collect()
}
