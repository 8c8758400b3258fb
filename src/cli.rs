//! The command line. Exit codes are documented in `error.rs` and the README.

use crate::error::{Error, InputProblem, Result};
use crate::run;
use crate::study::{self, RunSettings};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "spillway",
    version,
    about = "Where should Aba's spilled flood-season hydro go? A capacity-expansion LP."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Solve a scenario and write results (summary.json and CSVs) to an output folder.
    Run {
        /// Scenario file.
        #[arg(default_value = "models/aba-2026.toml")]
        scenario: PathBuf,
        /// Output folder (default: outputs/<scenario name>/).
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        settings: RunSettings,
        /// Replace an output folder that spillway did not create.
        #[arg(long)]
        force: bool,
        /// Write every CSV with a UTF-8 byte-order mark, so Excel on Chinese Windows opens them right.
        #[arg(long)]
        excel_csv: bool,
        /// Write report.md and the charts' titles, axes and legends in this language (`zh`:
        /// Chinese; wins over `lang` in the scenario).
        #[arg(long, value_enum)]
        lang: Option<crate::i18n::Lang>,
        /// Print only errors.
        #[arg(long, short)]
        quiet: bool,
        /// Also solve the scenario hourly and report how far this run is from it (a table,
        /// and accuracy.csv in the output folder; see docs/time-segments.md).
        #[arg(long)]
        check_accuracy: bool,
        /// Also write the LP being solved to this file, as free MPS, for any other solver
        /// (its objective constant is stated in a `*` line at the top).
        #[arg(long = "write-lp", value_name = "FILE.mps")]
        write_lp: Option<PathBuf>,
        /// Skip the status quo (every new build at zero) that the net benefit is read against;
        /// it is solved once per change of inputs and cached in `.spillway-cache/` beside the
        /// output folder, and roughly doubles the first run's time.
        #[arg(long)]
        no_baseline: bool,
    },
    /// Redraw the charts and report.md of a run, compare or sweep folder from its files.
    Plot {
        /// A folder written by `spillway run`, `compare`, `sweep` or `merge`.
        dir: PathBuf,
        /// Also put a UTF-8 byte-order mark in front of every CSV of the folder that lacks one.
        #[arg(long)]
        excel_csv: bool,
        /// Write report.md and the charts' titles, axes and legends in this language (`zh`:
        /// Chinese; wins over `lang` in the scenario).
        #[arg(long, value_enum)]
        lang: Option<crate::i18n::Lang>,
    },
    /// Validate scenarios and their series without solving; report every problem at once.
    Check {
        #[arg(required = true)]
        scenarios: Vec<PathBuf>,
    },
    /// Studies over many solves: compare, sweep, merge, breakeven (src/cli_studies.rs).
    #[command(flatten)]
    Studies(crate::cli_studies::StudyCommand),
}

const NOT_A_SCENARIO: &str = "this is a sweep file, and `check` expects a scenario file; \
    check the scenario its `base` names, or solve the sweep with `spillway sweep`";

/// Parse arguments, run, print, and return the process exit code. A panic (a bug) is caught
/// and reported as an internal error with exit code 1 instead of a raw backtrace.
pub fn main() -> i32 {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("error: internal error (please report): {info}");
    }));
    std::panic::catch_unwind(run_cli).unwrap_or(1)
}

fn run_cli() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match dispatch(cli.command) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {e}");
            e.exit_code()
        }
    }
}

fn dispatch(command: Command) -> Result<()> {
    match command {
        Command::Studies(c) => crate::cli_studies::dispatch(c),
        Command::Run {
            scenario,
            out,
            settings,
            force,
            excel_csv,
            lang,
            quiet,
            check_accuracy,
            write_lp,
            no_baseline,
        } => run_command(RunArgs {
            scenario,
            out,
            settings,
            folder: crate::output::folder::Options {
                force,
                excel_csv,
                lang,
            },
            quiet,
            check_accuracy,
            write_lp,
            no_baseline,
        }),
        Command::Plot {
            dir,
            excel_csv,
            lang,
        } => {
            if excel_csv {
                crate::output::excel_csv::mark_all(&dir).map_err(|e| Error::output(&dir, &e))?;
            }
            let drawn = crate::report::draw(&dir, lang)?;
            let mut out = std::io::stdout().lock();
            let _ = writeln!(
                out,
                "redrew {} files in {}/ in {:.2} s (reading {:.2} s)",
                drawn.files.len(),
                dir.display(),
                drawn.read_seconds + drawn.draw_seconds,
                drawn.read_seconds
            );
            for s in &drawn.skipped {
                eprintln!("note: chart not drawn: {s}");
            }
            Ok(())
        }
        Command::Check { scenarios } => check_command(&scenarios),
    }
}

/// `spillway check`: every scenario (or pathway file) validated, every problem reported.
fn check_command(scenarios: &[PathBuf]) -> Result<()> {
    let mut problems = Vec::new();
    for path in scenarios {
        if study::pathway::is_pathway_file(path) {
            match study::pathway::check(path) {
                Ok(what) => {
                    _ = writeln!(std::io::stdout().lock(), "ok: {} ({what})", path.display())
                }
                Err(Error::Input(ps)) => problems.extend(ps),
                Err(e) => return Err(e),
            }
            continue;
        }
        match study::prepare(path, None) {
            Ok((loaded, inputs)) => {
                _ = writeln!(
                    std::io::stdout().lock(),
                    "ok: {} ({} nodes, {} generators, {} lines, {})",
                    path.display(),
                    loaded.scenario.nodes.len(),
                    loaded.scenario.generators.len(),
                    loaded.scenario.lines.len(),
                    inputs.axis.describe()
                )
            }
            Err(Error::Input(_)) if crate::sweep::spec::is_sweep_file(path) => {
                problems.push(InputProblem::new("", NOT_A_SCENARIO).in_file(path))
            }
            Err(Error::Input(ps)) => problems.extend(ps),
            Err(e) => return Err(e),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(problems))
    }
}

/// The arguments of `run`, as parsed.
struct RunArgs {
    scenario: PathBuf,
    out: Option<PathBuf>,
    settings: RunSettings,
    folder: crate::output::folder::Options,
    quiet: bool,
    check_accuracy: bool,
    write_lp: Option<PathBuf>,
    no_baseline: bool,
}

/// `spillway run`: solve (with `--write-lp`, writing the LP first; with `--check-accuracy`,
/// solving hourly too), write the results folder, print.
fn run_command(a: RunArgs) -> Result<()> {
    let RunArgs {
        scenario,
        out,
        settings,
        folder,
        quiet,
        check_accuracy,
        write_lp,
        no_baseline,
    } = a;
    if study::pathway::is_pathway_file(&scenario) {
        return run_pathway(&scenario, out, &settings, folder, quiet, no_baseline, {
            let flags = [
                ("--check-accuracy", check_accuracy),
                ("--write-lp", write_lp.is_some()),
            ];
            flags.into_iter().find(|f| f.1).map(|f| f.0)
        });
    }
    let cache = (out.as_deref())
        .map(study::baseline::cache_dir_for)
        .unwrap_or_else(|| study::baseline::cache_dir_for(&run::default_out_dir("x")));
    let cache = (!no_baseline).then_some(cache.as_path());
    let mut outcome =
        study::run_against_status_quo(&scenario, &settings, write_lp.as_deref(), cache)?;
    if check_accuracy {
        study::check_accuracy(&mut outcome, &settings)?;
    }
    let dir = out.unwrap_or_else(|| run::default_out_dir(&outcome.loaded.scenario.name));
    let write_start = std::time::Instant::now();
    let written = run::write_outcome(&outcome, &dir, folder)?;
    let write_seconds = write_start.elapsed().as_secs_f64();
    if !quiet {
        // A closed pipe (`| head`) is not an error of the run: ignore write failures.
        let mut out = std::io::stdout().lock();
        // In the run's language (`--lang`, else the scenario's), with its labels.
        let words = study::names::of(&outcome.loaded).translator(folder.lang);
        let table = crate::print::summary_table(&outcome.summary);
        let _ = write!(out, "{}", crate::print_zh::translate_table(&table, &words));
        let done = format!(
            "results written to {}/ in {write_seconds:.2} s (charts and report.md {:.2} s)",
            dir.display(),
            written.chart_seconds
        );
        let _ = writeln!(out, "{}", words.text(&done));
        if let (Some(path), Some(s)) = (&write_lp, outcome.lp_file_seconds) {
            let _ = writeln!(out, "LP written to {} in {s:.2} s", path.display());
        }
        if let Some(a) = &outcome.accuracy {
            let _ = write!(out, "{}", a.table());
        }
        for note in &written.notes {
            eprintln!("note: {note}");
        }
    }
    crate::print::warn_unserved(&outcome.results);
    Ok(())
}

/// `spillway run` on a scenario with `[periods]`: solve the pathway (and its status quo unless
/// `--no-baseline`), write its folder, print its table. `refused` names a flag of single runs
/// that a pathway does not take yet.
fn run_pathway(
    scenario: &std::path::Path,
    out: Option<PathBuf>,
    settings: &RunSettings,
    folder: crate::output::folder::Options,
    quiet: bool,
    no_baseline: bool,
    refused: Option<&str>,
) -> Result<()> {
    if let Some(flag) = refused {
        return Err(Error::input(InputProblem::new(
            flag,
            format!(
                "not available for a pathway ({} has [periods]); use it on one period's scenario",
                scenario.display()
            ),
        )));
    }
    let outcome = study::pathway::run(scenario, settings, !no_baseline)?;
    let dir = out.unwrap_or_else(|| run::default_out_dir(&outcome.pathway.name));
    let drawn = study::pathway::outputs::write(&outcome, &dir, folder)?;
    if !quiet {
        let mut o = std::io::stdout().lock();
        let _ = write!(o, "{}", study::pathway::outputs::table(&outcome));
        let _ = writeln!(o, "results written to {}/", dir.display());
        for s in &drawn.skipped {
            eprintln!("note: chart not drawn: {s}");
        }
    }
    for p in &outcome.periods {
        crate::print::warn_unserved(&p.results);
    }
    Ok(())
}
