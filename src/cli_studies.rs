//! The command line of studies over many solves: `compare`, `sweep`, `merge`, `breakeven`.
//! Kept apart from `cli.rs` (single runs) so that each stays one concept.

use crate::breakeven::{self, BreakevenOptions};
use crate::compare;
use crate::error::Result;
use crate::output::folder::Options;
use crate::study::RunSettings;
use crate::sweep::run::{solve_points, Shard};
use crate::sweep::{merge, output, Sweep};
use clap::Subcommand;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Subcommand)]
pub enum StudyCommand {
    /// Solve several cases in parallel and print them side by side (writes compare.csv, compare.json).
    Compare {
        /// Two or more scenario files (the first is the reference of the difference columns).
        #[arg(required = true, num_args = 2..)]
        cases: Vec<PathBuf>,
        /// Output folder (default: outputs/compare/).
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
        /// Chinese; wins over `lang` in the first case's scenario).
        #[arg(long, value_enum)]
        lang: Option<crate::i18n::Lang>,
        /// Print only errors.
        #[arg(long, short)]
        quiet: bool,
        /// Skip each case's status quo (every new build at zero) that its net benefit is read
        /// against; it is solved once per change of inputs and cached in `.spillway-cache/`
        /// beside the output folder.
        #[arg(long)]
        no_baseline: bool,
    },
    /// Solve every point of a sweep file in parallel (writes sweep.csv, sweep_timing.csv, sweep.json).
    Sweep {
        sweep: PathBuf,
        /// Output folder (default: outputs/sweeps/<sweep file name>/, or …/shard-K-of-N/).
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        settings: RunSettings,
        /// Solve only shard K of N: the points whose index mod N is K−1 (join with `merge`).
        #[arg(long)]
        shard: Option<Shard>,
        #[arg(long)]
        force: bool,
        /// Write every CSV with a UTF-8 byte-order mark, so Excel on Chinese Windows opens them right.
        #[arg(long)]
        excel_csv: bool,
        /// Write report.md and the charts' titles, axes and legends in this language (`zh`:
        /// Chinese; wins over `lang` in the base scenario).
        #[arg(long, value_enum)]
        lang: Option<crate::i18n::Lang>,
        /// No progress bar, no summary line.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Join the output folders of sweep shards into one sweep.csv, checking none is missing.
    Merge {
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        force: bool,
        #[arg(long, short)]
        quiet: bool,
    },
    /// Find the value of a parameter at which an option starts to be built, or a criterion starts
    /// to hold (search on full solves).
    Breakeven {
        scenario: PathBuf,
        /// Key path in the scenario, e.g. market.hydrogen_price_cny_per_kg.
        #[arg(long)]
        param: String,
        /// A key of summary.json's capacity_built_mw, e.g. electrolyser or line.aba_chengdu_1000kv:
        /// find where its first MW is built.
        #[arg(long, required_unless_present = "when", conflicts_with = "when")]
        option: Option<String>,
        /// A criterion over summary.json keys instead: `KEY >= NUMBER`, `KEY >= KEY` (also <=, >,
        /// <), or `fills OPTION` (built within 0.1 % of its site limit), e.g.
        /// "energy_twh.hydrogen >= energy_twh.export".
        #[arg(long)]
        when: Option<String>,
        /// Lower end of the bracket (default 0).
        #[arg(long, allow_negative_numbers = true)]
        lo: Option<f64>,
        /// Upper end of the bracket (default twice the base value).
        #[arg(long, allow_negative_numbers = true)]
        hi: Option<f64>,
        /// Width of the final bracket (default 1/1000 of the starting one).
        #[arg(long)]
        tol: Option<f64>,
        /// `--threads` is the number of points solved at once per round.
        #[command(flatten)]
        settings: RunSettings,
    },
}

/// A closed pipe (`| head`) is not an error of the study: ignore write failures on stdout.
fn say(text: &str) {
    let _ = write!(std::io::stdout().lock(), "{text}");
}

pub fn dispatch(command: StudyCommand) -> Result<()> {
    match command {
        StudyCommand::Compare {
            cases,
            out,
            settings,
            force,
            excel_csv,
            lang,
            quiet,
            no_baseline,
        } => run_compare(
            &cases,
            out,
            &settings,
            Options {
                force,
                excel_csv,
                lang,
            },
            quiet,
            no_baseline,
        ),
        StudyCommand::Sweep {
            sweep,
            out,
            settings,
            shard,
            force,
            excel_csv,
            lang,
            quiet,
        } => run_sweep(
            &sweep,
            out,
            &settings,
            shard,
            Options {
                force,
                excel_csv,
                lang,
            },
            quiet,
        ),
        StudyCommand::Merge {
            dirs,
            out,
            force,
            quiet,
        } => {
            let m = merge::merge(&dirs, &out, force)?;
            if !quiet {
                say(&format!(
                    "merged {} point(s) from {} folder(s) into {}/sweep.csv\n",
                    m.meta.points_total,
                    m.folders,
                    out.display()
                ));
            }
            Ok(())
        }
        StudyCommand::Breakeven {
            scenario,
            param,
            option,
            when,
            lo,
            hi,
            tol,
            settings,
        } => {
            let b = breakeven::breakeven(&BreakevenOptions {
                scenario,
                param,
                option: option.unwrap_or_default(),
                when,
                lo,
                hi,
                tol,
                settings,
            })?;
            say(&breakeven::report(&b));
            Ok(())
        }
    }
}

/// `spillway compare`: solve the cases (each against its status quo unless `no_baseline`),
/// write the folder and print the table.
fn run_compare(
    cases: &[PathBuf],
    out: Option<PathBuf>,
    settings: &RunSettings,
    folder: Options,
    quiet: bool,
    no_baseline: bool,
) -> Result<()> {
    let dir = out.unwrap_or_else(|| Path::new("outputs").join("compare"));
    // Each case's status quo is cached beside the folder, as for `run`.
    let cache = crate::study::baseline::cache_dir_for(&dir);
    let cache = (!no_baseline).then_some(cache.as_path());
    let c = settings
        .pool()?
        .install(|| compare::compare(cases, settings, cache))?;
    let lang = folder.lang;
    compare::write(&c, &dir, folder)?;
    if !quiet {
        // In English the metrics are compare.csv's keys, as scripts read them; in
        // Chinese the report's names for them.
        let t = c.names.translator(lang);
        let metric = |m: &str| match t.lang() {
            crate::i18n::Lang::En => m.to_string(),
            _ => t.text(&crate::report::compare::metric_name(m)),
        };
        say(&compare::table_in(&c, &metric));
        say(&format!("written to {}/\n", dir.display()));
    }
    Ok(())
}

/// `spillway sweep`: load, solve this shard's points, write, and say how they ended.
fn run_sweep(
    sweep: &Path,
    out: Option<PathBuf>,
    settings: &RunSettings,
    shard: Option<Shard>,
    folder: Options,
    quiet: bool,
) -> Result<()> {
    let start = Instant::now();
    let s = Sweep::load(sweep, settings)?;
    let points: Vec<_> = s
        .points
        .iter()
        .filter(|p| shard.is_none_or(|sh| sh.takes(p.index)))
        .collect();
    let outcomes = solve_points(&s, &points, !quiet)?;
    let dir = out.unwrap_or_else(|| {
        let stem = sweep
            .file_stem()
            .map_or("sweep".into(), |n| n.to_string_lossy().into_owned());
        let d = Path::new("outputs").join("sweeps").join(stem);
        match shard {
            Some(sh) => d.join(format!("shard-{}-of-{}", sh.index, sh.count)),
            None => d,
        }
    });
    let meta = output::write(&dir, folder, &s, &outcomes, shard)?;
    let bad = outcomes.iter().filter(|o| !o.status.has_solution()).count();
    if bad > 0 {
        eprintln!("warning: {bad} of {} point(s) have no solution (see `status` and `message` in sweep.csv)", outcomes.len());
    }
    if !quiet {
        let counts: Vec<String> = meta
            .status_counts
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect();
        say(&format!(
            "{} of {} point(s) solved ({}) at {} in {:.1} s; written to {}/\n",
            outcomes.len(),
            s.points.len(),
            counts.join(", "),
            match s.resolution() {
                crate::series::Resolution::Hours(h) => format!("{h} h"),
                r => r.to_string(),
            },
            start.elapsed().as_secs_f64(),
            dir.display()
        ));
    }
    Ok(())
}
