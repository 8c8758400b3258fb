//! The decision charts (issue 10, item 2): what a sweep draws is the capacity and energy of
//! `sweep.csv` itself, checked column by column, and against the closed form of the electrolyser
//! case of tests/sweeps.rs (80 MW built iff π > C/175.2, else nothing); Monte Carlo's share is a
//! count of the rows; compare reads each case against its status quo (net benefit by hand) and
//! leaves an option built nowhere off its capacity chart.

mod common;
use assert_cmd::Command;
use common::*;
use spillway::report::sweep::decisions;
use spillway::report::sweep::read::SweepFiles;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const PRICE: &str = "market.hydrogen_price_cny_per_kg";
const CAPEX: &str = "options.electrolyser.capex_cny_per_kw";
const CAP: &str = "capacity_mw.electrolyser";
const H2_TWH: &str = "energy_twh.hydrogen";

fn spillway() -> Command {
    Command::cargo_bin("spillway").unwrap()
}

/// Write a sweep file beside the case and run it into a folder of the same name.
fn sweep(c: &Case, name: &str, text: &str) -> PathBuf {
    let file = c.dir.path().join(format!("{name}.toml"));
    std::fs::write(&file, format!("base = \"case.toml\"\n{text}")).unwrap();
    let out = c.dir.path().join(name);
    spillway()
        .args(["sweep", "-q", "--out"])
        .arg(&out)
        .arg(&file)
        .assert()
        .success();
    out
}

/// `sweep.csv` as rows of column → cell.
fn rows(out: &Path) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(out.join("sweep.csv")).unwrap();
    let h: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            h.iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect()
}

fn num(row: &HashMap<String, String>, col: &str) -> f64 {
    row[col].parse().unwrap()
}

/// Both files of a chart, and its SVG.
#[track_caller]
fn chart(out: &Path, stem: &str) -> String {
    let png = out.join("charts").join(format!("{stem}.png"));
    assert!(png.is_file(), "{stem}.png missing");
    std::fs::read_to_string(out.join("charts").join(format!("{stem}.svg"))).unwrap()
}

/// The closed form of the case: 80 MW (all the surplus) iff π > C/175.2.
fn built_mw(price: f64, capex: f64) -> f64 {
    if price > capex / 175.2 {
        80.0
    } else {
        0.0
    }
}

#[test]
fn the_decisions_against_one_parameter_are_the_columns_of_sweep_csv() {
    let c = electrolyser_case(12.0);
    let out = sweep(
        &c,
        "price",
        &format!("[[parameter]]\npath = \"{PRICE}\"\nvalues = [16, 4, 12, 8]\n"),
    );
    let v = decisions::versus(&SweepFiles::read(&out).unwrap()).unwrap();
    let mut csv = rows(&out);
    csv.sort_by(|a, b| num(a, PRICE).total_cmp(&num(b, PRICE)));
    let x: Vec<f64> = csv.iter().map(|r| num(r, PRICE)).collect();
    assert_eq!(v.x, x);
    assert_eq!(v.x, [4.0, 8.0, 12.0, 16.0]);
    let cap = &v
        .capacity_mw
        .iter()
        .find(|o| o.0 == "electrolyser")
        .unwrap()
        .1;
    let h2 = &v.energy_twh.iter().find(|o| o.0 == "hydrogen").unwrap().1;
    for (i, r) in csv.iter().enumerate() {
        assert_eq!(cap[i], num(r, CAP));
        assert_eq!(h2[i], num(r, H2_TWH));
        close(
            cap[i],
            built_mw(x[i], 1752.0),
            0.5,
            "capacity against the closed form",
        );
    }
    let svg = chart(&out, "decisions");
    for w in [
        "electrolysers (MW)",
        "hydrogen (electrolysers) (TWh)",
        "new capacity (MW)",
    ] {
        assert!(svg.contains(w), "decisions.svg lacks {w:?}");
    }
    // The reading is computed: built above the last price at which it is not (8 CNY/kg).
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        report.contains("Electrolysers: built above 8 CNY/kg (up to 80 MW at 16 CNY/kg)"),
        "{report}"
    );
}

#[test]
fn the_switch_price_data_are_the_columns_of_sweep_csv() {
    let c = electrolyser_case(12.0);
    let out = sweep(
        &c,
        "grid",
        &format!(
            "[[parameter]]\npath = \"{PRICE}\"\nvalues = [4, 8, 12, 16]\n\
             [[parameter]]\npath = \"{CAPEX}\"\nvalues = [876, 1752, 3504]\n"
        ),
    );
    let switches = decisions::switches(&SweepFiles::read(&out).unwrap());
    assert_eq!(switches.len(), 1);
    let s = &switches[0];
    assert_eq!(
        (s.option.as_str(), s.x_parameter.as_str()),
        ("electrolyser", PRICE)
    );
    assert_eq!(s.x, [4.0, 8.0, 12.0, 16.0]);
    let csv = rows(&out);
    let capexes = [876.0, 1752.0, 3504.0];
    assert_eq!(s.lines.len(), capexes.len());
    for (line, capex) in s.lines.iter().zip(capexes) {
        assert_eq!(
            line.label,
            format!(
                "electrolyser capex: {} CNY/kW",
                spillway::charts::format_number(capex, 0)
            )
        );
        for (k, price) in s.x.iter().enumerate() {
            let row = (csv.iter())
                .find(|r| num(r, PRICE) == *price && num(r, CAPEX) == capex)
                .unwrap();
            assert_eq!(line.capacity_mw[k], num(row, CAP));
            assert_eq!(
                line.energy_twh[k],
                num(row, &format!("energy_twh.{}", s.energy_use))
            );
            close(
                line.capacity_mw[k],
                built_mw(*price, capex),
                0.5,
                "switch capacity",
            );
        }
    }
    let svg = chart(&out, "switch_electrolyser");
    for w in [
        "electrolyser capex: 876 CNY/kW",
        "electrolysers (MW)",
        "hydrogen price (CNY/kg)",
    ] {
        assert!(svg.contains(w), "switch_electrolyser.svg lacks {w:?}");
    }
}

#[test]
fn the_monte_carlo_share_is_a_count_of_the_rows_built() {
    let c = electrolyser_case(12.0);
    let out = sweep(
        &c,
        "mc",
        &format!(
            "design = \"monte_carlo\"\nsamples = 16\nseed = 7\n\
             [[parameter]]\npath = \"{PRICE}\"\ndistribution = {{ kind = \"uniform\", low = 4, high = 16 }}\n"
        ),
    );
    let csv = rows(&out);
    let built = csv.iter().filter(|r| num(r, CAP) > 1.0).count();
    // Built iff the draw is above 10 CNY/kg: the count agrees with the closed form too.
    let above = csv
        .iter()
        .filter(|r| num(r, PRICE) > 1752.0 / 175.2)
        .count();
    assert_eq!(built, above);
    assert!(
        built > 0 && built < csv.len(),
        "the seed must split the draws"
    );
    let shares = decisions::shares(&SweepFiles::read(&out).unwrap());
    let e = shares.iter().find(|s| s.column == CAP).unwrap();
    assert_eq!((e.split.above, e.split.total), (built, csv.len()));
    assert_eq!(e.label, "electrolysers built (> 1 MW)");
    let svg = chart(&out, "shares");
    assert!(
        svg.contains("electrolysers built (&gt; 1 MW)")
            || svg.contains("electrolysers built (> 1 MW)")
    );
    let pct = format!(
        "{:.0} % ({built} of {})",
        100.0 * built as f64 / csv.len() as f64,
        csv.len()
    );
    assert!(svg.contains(&pct), "shares.svg lacks {pct:?}");
}

#[test]
fn one_at_a_time_draws_a_tornado_of_each_built_option() {
    let c = electrolyser_case(12.0);
    let out = sweep(
        &c,
        "oat",
        &format!(
            "design = \"one_at_a_time\"\n\
             [[parameter]]\npath = \"{PRICE}\"\nlow = 8\nhigh = 16\n\
             [[parameter]]\npath = \"{CAPEX}\"\nlow = 876\nhigh = 3504\n"
        ),
    );
    let svg = chart(&out, "tornado_capacity_electrolyser");
    for w in [
        "hydrogen price: 8 → 16 CNY/kg",
        "new capacity of electrolysers (MW)",
    ] {
        assert!(svg.contains(w), "tornado lacks {w:?}");
    }
    // Base 12 CNY/kg at 1,752 CNY/kW: 80 MW; 8 CNY/kg: none; 3,504 CNY/kW: none. Both swings are
    // 80 MW wide; the first parameter wins the tie.
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        report.contains(
            "The widest swing: hydrogen price: 8 → 16 CNY/kg, from 0 to 80 MW (base 80 MW)."
        ),
        "{report}"
    );
}

/// The case (named `case`) and `h2-low`, the same at `second_price`.
fn compare(c: &Case, second_price: f64) -> PathBuf {
    let low = electrolyser_toml(second_price).replace("name = \"case\"", "name = \"h2-low\"");
    std::fs::write(c.dir.path().join("low.toml"), low).unwrap();
    let out = c.dir.path().join("cmp");
    spillway()
        .arg("compare")
        .args([c.path.clone(), c.dir.path().join("low.toml")])
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .assert()
        .success();
    out
}

#[test]
fn compare_reads_each_case_against_its_status_quo() {
    let c = electrolyser_case(12.0);
    let out = compare(&c, 4.0);
    let mut r = csv::Reader::from_path(out.join("compare.csv")).unwrap();
    let table: HashMap<String, Vec<String>> = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            (
                rec[0].to_string(),
                rec.iter().skip(1).map(String::from).collect(),
            )
        })
        .collect();
    // By hand: 320 MWh a year-fraction of 4 h at 20 kg/MWh × 12 CNY/kg earns 76,800 CNY, 80 MW
    // at 1,752 CNY/kW with a 1-year life costs 64,000 CNY over the 4 hours: 12,800 CNY, × 8,760/4
    // = 28.032 M CNY a year. The case that builds nothing is its own status quo: 0.
    let nb = &table["net_benefit_vs_baseline"];
    assert_eq!(nb[0], "M CNY/yr");
    close(
        nb[1].parse().unwrap(),
        28.032,
        1e-3,
        "net benefit of the case",
    );
    close(nb[2].parse().unwrap(), 0.0, 1e-3, "net benefit of h2-low");
    close(
        table["investment.total"][1].parse().unwrap(),
        80.0 * 1752.0 / 1e3,
        1e-3,
        "investment",
    );
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        report.contains("**case** has the largest net benefit against the status quo"),
        "{report}"
    );
    assert!(
        report.contains("What changes in **case** against its status quo:"),
        "{report}"
    );
    // The energy chart has the status quo as its first bar.
    let svg = chart(&out, "energy_by_use");
    let (sq, h2) = (
        svg.find(">status quo<")
            .or_else(|| svg.find("status quo"))
            .unwrap(),
        svg.rfind("h2-low").unwrap(),
    );
    assert!(sq < h2, "the status quo is not the first bar");
    assert!(
        svg.contains("available generation"),
        "no available-energy tick"
    );
}

#[test]
fn an_option_built_in_no_case_gets_no_room_on_the_capacity_chart() {
    let c = electrolyser_case(4.0);
    // Neither case builds (4 and 8 CNY/kg are below 10): no capacity chart, and the report says
    // why instead of drawing bars at zero against an axis of nothing.
    let out = compare(&c, 8.0);
    assert!(!out.join("charts/capacity_built.png").exists());
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        report.contains("capacity built: no case builds any (electrolysers allowed, none built)"),
        "{report}"
    );
}
