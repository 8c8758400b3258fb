//! What a sweep leaves for people: the charts its design calls for (lines, heat maps, tornados,
//! spreads, hydrology spreads) and report.md with its definition, statuses and ranges, all drawn
//! from sweep.csv and sweep.json; `plot` and `merge` reproduce them byte for byte, and so does
//! another thread count. On the electrolyser case of tests/sweeps.rs (built iff π > C/175.2).

mod common;
use assert_cmd::Command;
use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn spillway() -> Command {
    Command::cargo_bin("spillway").unwrap()
}

const PRICE: &str = "market.hydrogen_price_cny_per_kg";
const CAPEX: &str = "options.electrolyser.capex_cny_per_kw";

/// Write a sweep file beside the case, run it into `out`, return the names of its charts.
fn sweep(c: &Case, name: &str, text: &str, args: &[&str]) -> (PathBuf, Vec<String>) {
    let file = c.dir.path().join(format!("{name}.toml"));
    std::fs::write(&file, format!("base = \"case.toml\"\n{text}")).unwrap();
    let out = c.dir.path().join(name);
    spillway()
        .arg("sweep")
        .arg(&file)
        .arg("--out")
        .arg(&out)
        .args(args)
        .arg("-q")
        .assert()
        .success();
    let mut names: Vec<String> = std::fs::read_dir(out.join("charts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    (out, names)
}

/// The charts and the report, by path relative to the folder.
fn drawn(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut m = BTreeMap::new();
    for e in std::fs::read_dir(out.join("charts")).unwrap() {
        let p = e.unwrap().path();
        m.insert(
            p.strip_prefix(out).unwrap().to_path_buf(),
            std::fs::read(&p).unwrap(),
        );
    }
    for page in ["report.md", "report.html"] {
        m.insert(page.into(), std::fs::read(out.join(page)).unwrap());
    }
    m
}

/// Both files of each stem, and every word in its SVG.
#[track_caller]
fn has(out: &Path, names: &[String], stem: &str, words: &[&str]) {
    for ext in ["png", "svg"] {
        let f = format!("{stem}.{ext}");
        assert!(names.contains(&f), "{f} not among {names:?}");
        let len = std::fs::metadata(out.join("charts").join(&f))
            .unwrap()
            .len();
        assert!(len > 2000, "{f} is nearly empty ({len} bytes)");
    }
    let svg = std::fs::read_to_string(out.join("charts").join(format!("{stem}.svg"))).unwrap();
    for w in words {
        assert!(svg.contains(w), "{stem}.svg lacks {w:?}");
    }
}

fn report(out: &Path) -> String {
    std::fs::read_to_string(out.join("report.md")).unwrap()
}

#[test]
fn one_parameter_gives_lines_a_report_with_ranges_and_the_same_bytes_on_any_thread_count() {
    let c = electrolyser_case(12.0);
    let text = format!("[[parameter]]\npath = \"{PRICE}\"\nvalues = [6, 9.5, 10.5, 14, 20, 30]\n");
    let (out, names) = sweep(&c, "price", &text, &["--threads", "2"]);
    assert_eq!(names.len(), 10, "{names:?}");
    let x = "hydrogen price (CNY/kg)";
    has(&out, &names, "lines_objective", &[x, "objective (M CNY/yr"]);
    has(
        &out,
        &names,
        "lines_capacity",
        &[x, "new capacity (MW)", "electrolysers"],
    );
    has(
        &out,
        &names,
        "lines_curtailment",
        &[
            x,
            "curtailment (TWh/yr)",
            "spilled over the year",
            "in the flood season",
        ],
    );
    has(
        &out,
        &names,
        "lines_hydrogen",
        &[x, "hydrogen made (kt/yr)", "hydrogen (electrolysers)"],
    );
    let r = report(&out);
    assert!(r.starts_with("# Sweep price: 6 points of case"), "{r}");
    assert!(
        r.contains("| `market.hydrogen_price_cny_per_kg` | the values 6, 9.5, 10.5, 14, 20, 30 | 6 values, 6 to 30 |"),
        "{r}"
    );
    assert!(
        r.contains("| optimal | 6 |") && r.contains("Every point has a solution."),
        "{r}"
    );
    // Built at 10.5 and above (π > 10): 0, 0, 80, 80, 80, 80 MW; median 80.
    assert!(
        r.contains("| new capacity: electrolysers | MW | 0.0 | 80.0 | 80.0 |"),
        "{r}"
    );
    assert!(r.contains("](charts/lines_capacity.png)"), "{r}");
    assert!(
        r.contains("one parameter varies: the key outputs, and each option's capacity with the energy by use, against it"),
        "{r}"
    );

    // Another thread count, the same charts and report; plot redraws them from the files.
    let (one, _) = sweep(&c, "price1", &text, &["--threads", "1"]);
    let first = drawn(&out);
    let mut renamed = drawn(&one);
    let md = String::from_utf8(renamed.remove(Path::new("report.md")).unwrap()).unwrap();
    assert_eq!(md.replace("price1", "price"), report(&out));
    let html = String::from_utf8(renamed.remove(Path::new("report.html")).unwrap()).unwrap();
    let html_first = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert_eq!(html.replace("price1", "price"), html_first);
    for (p, b) in &renamed {
        assert!(first[p] == *b, "{p:?} differs between 1 and 2 threads");
    }
    std::fs::remove_dir_all(out.join("charts")).unwrap();
    std::fs::remove_file(out.join("report.md")).unwrap();
    std::fs::remove_file(out.join("report.html")).unwrap();
    let csv_before = std::fs::read(out.join("sweep.csv")).unwrap();
    spillway().arg("plot").arg(&out).assert().success();
    assert_eq!(drawn(&out), first);
    assert_eq!(std::fs::read(out.join("sweep.csv")).unwrap(), csv_before);
}

#[test]
fn each_design_gets_its_charts() {
    let c = electrolyser_case(12.0);
    // Two parameters on a grid: heat maps over both.
    let (out, names) = sweep(
        &c,
        "grid",
        &format!(
            "[[parameter]]\npath = \"{PRICE}\"\nvalues = [8, 12]\n\
             [[parameter]]\npath = \"{CAPEX}\"\nvalues = [876, 1752, 3504]\n"
        ),
        &[],
    );
    assert_eq!(names.len(), 6, "{names:?}");
    for stem in ["heatmap_objective", "heatmap_curtailment"] {
        has(
            &out,
            &names,
            stem,
            &[
                "hydrogen price (CNY/kg)",
                "electrolyser capex (CNY/kW)",
                "3,504",
            ],
        );
    }
    has(&out, &names, "heatmap_curtailment", &["spilled (TWh/yr)"]);

    // One at a time: tornados, the widest swing named with its settings.
    let (out, names) = sweep(
        &c,
        "oat",
        &format!(
            "design = \"one_at_a_time\"\n\
             [[parameter]]\npath = \"{PRICE}\"\nlow = 8\nhigh = 16\n\
             [[parameter]]\npath = \"{CAPEX}\"\nlow = 876\nhigh = 3504\n"
        ),
        &[],
    );
    assert_eq!(names.len(), 6, "{names:?}");
    for stem in ["tornado_objective", "tornado_curtailment"] {
        has(
            &out,
            &names,
            stem,
            &[
                "hydrogen price: 8 → 16 CNY/kg",
                "electrolyser capex: 876 → 3,504 CNY/kW",
                "base case",
            ],
        );
    }
    has(
        &out,
        &names,
        "tornado_curtailment",
        &["spilled over the year (TWh/yr)"],
    );

    // Monte Carlo: spreads of the key outputs.
    let (out, names) = sweep(
        &c,
        "mc",
        &format!(
            "design = \"monte_carlo\"\nsamples = 12\nseed = 3\n\
             [[parameter]]\npath = \"{PRICE}\"\ndistribution = {{ kind = \"uniform\", low = 4, high = 16 }}\n"
        ),
        &[],
    );
    assert_eq!(names.len(), 8, "{names:?}");
    has(
        &out,
        &names,
        "spread_objective",
        &["objective (M CNY/yr", "each value"],
    );
    has(
        &out,
        &names,
        "spread_capacity",
        &["new capacity (MW)", "electrolysers"],
    );
    has(
        &out,
        &names,
        "spread_energy",
        &[
            "energy (TWh/yr)",
            "spilled over the year",
            "hydrogen (electrolysers)",
        ],
    );
    let r = report(&out);
    assert!(r.contains("Monte Carlo: 12 draws from seed 3."), "{r}");
    assert!(r.contains("| uniform 4 to 16 |"), "{r}");
}

#[test]
fn hydrology_years_give_spreads_across_years() {
    let c = electrolyser_case(12.0);
    std::fs::write(
        c.dir.path().join("years.csv"),
        "hydrology_year,relative_to_mean\n2001,1.5\n2002,0.5\n2003,1.0\n",
    )
    .unwrap();
    // Years alone: one box per output, and curtailment against the year's inflow.
    let (out, names) = sweep(
        &c,
        "years",
        "hydrology = \"all\"\nhydrology_file = \"years.csv\"\n",
        &[],
    );
    assert_eq!(names.len(), 6, "{names:?}");
    has(
        &out,
        &names,
        "years_curtailment",
        &["spilled over the year", "run-of-river clipped"],
    );
    has(
        &out,
        &names,
        "years_capacity",
        &["new capacity (MW)", "electrolysers"],
    );
    has(
        &out,
        &names,
        "years_curtailment_vs_inflow",
        &["annual inflow relative to the mean of the years on record (×)"],
    );
    let r = report(&out);
    assert!(
        r.contains("each of 3 years (2001, 2002, 2003; annual inflow 0.50 to 1.50 × the mean)"),
        "{r}"
    );

    // A parameter crossed with years: lines of the means, and a box per design point.
    let (out, names) = sweep(
        &c,
        "crossed",
        &format!(
            "hydrology = [2001, 2002]\nhydrology_file = \"years.csv\"\n\
             [[parameter]]\npath = \"{PRICE}\"\nvalues = [8, 16]\n"
        ),
        &[],
    );
    has(&out, &names, "lines_capacity", &["mean over 2 years"]);
    has(
        &out,
        &names,
        "years_curtailment",
        &["8 CNY/kg", "16 CNY/kg", "hydrogen price"],
    );
    has(
        &out,
        &names,
        "years_capacity_electrolyser",
        &["Electrolysers across hydrology years"],
    );
    assert!(
        report(&out).contains("each design point taken as its mean over the 2 hydrology years"),
        "{}",
        report(&out)
    );
}

#[test]
fn points_without_a_solution_are_listed_and_left_out_of_the_ranges() {
    let c = electrolyser_case(12.0);
    let (out, names) = sweep(
        &c,
        "neg",
        &format!("[[parameter]]\npath = \"{CAPEX}\"\nvalues = [876, -5, 3504]\n"),
        &[],
    );
    let r = report(&out);
    assert!(
        r.contains("| invalid | 1 |") && r.contains("| optimal | 2 |"),
        "{r}"
    );
    assert!(
        r.contains("| 1 | options.electrolyser.capex_cny_per_kw = -5 | invalid | "),
        "{r}"
    );
    assert!(r.contains("Over the 2 point(s) with a solution"), "{r}");
    // 876 builds 80 MW (12 > 5), 3,504 builds nothing (12 < 20).
    assert!(
        r.contains("| new capacity: electrolysers | MW | 0.0 | 40.0 | 80.0 |"),
        "{r}"
    );
    has(
        &out,
        &names,
        "lines_capacity",
        &["1 without a solution left out"],
    );
}

#[test]
fn merged_shards_draw_what_the_unsharded_sweep_drew() {
    let c = electrolyser_case(12.0);
    let text = format!("[[parameter]]\npath = \"{PRICE}\"\nvalues = [6, 9.5, 10.5, 14]\n");
    let (whole, _) = sweep(&c, "whole", &text, &[]);
    let file = c.dir.path().join("whole.toml");
    let mut shards = Vec::new();
    for k in 1..=2 {
        let out = c.dir.path().join(format!("s{k}"));
        spillway()
            .arg("sweep")
            .arg(&file)
            .arg("--out")
            .arg(&out)
            .args(["--shard", &format!("{k}/2"), "-q"])
            .assert()
            .success();
        shards.push(out);
    }
    let r = report(&shards[1]);
    assert!(r.contains("This folder is **shard 2 of 2**"), "{r}");
    assert!(r.contains("the 2 points whose index mod 2 is 1"), "{r}");
    let merged = c.dir.path().join("merged");
    spillway()
        .arg("merge")
        .args(&shards)
        .arg("--out")
        .arg(&merged)
        .arg("-q")
        .assert()
        .success();
    assert_eq!(drawn(&merged), drawn(&whole));
}
