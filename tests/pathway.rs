//! Investment periods (issue 12): two-period pathways derived by hand.
//!
//! Every case: one region `a` whose demand is served by imports from the outside node `c` at a
//! period's import price π, or by a candidate generator `g` at `a` (full availability, no
//! variable cost) at capex C CNY/kW, 20-year life. The representative horizon is 4 hours, so a
//! period's year fraction is Y = 4/8760 and one MW of `g` costs k = C·1000·crf(r, 20)·Y a year
//! and saves 4·π a year where it displaces imports. Periods: 2026 (stands for 2026 and 2027)
//! and 2028 (2028 and 2029, `end_year = 2029`).

mod common;

use common::close;
use spillway::study::pathway::{self, Foresight};
use spillway::study::RunSettings;
use std::path::{Path, PathBuf};

const Y: f64 = 4.0 / 8760.0;

fn crf(r: f64, years: f64) -> f64 {
    if r == 0.0 {
        1.0 / years
    } else {
        r / (1.0 - (1.0 + r).powf(-years))
    }
}

/// A period scenario with `demand_mw` flat at `a` and imports at `import_price`.
fn period_toml(year: i32, demand_mw: f64, import_price: f64, capex: f64, rate: f64) -> String {
    format!(
        r#"name = "p{year}"
[time]
profiles = "profiles.csv"
study_year = {year}
[finance]
discount_rate = {rate}
[settings]
flow_tie_break_cny_per_mwh = 0.0
solar_wind_priority_cny_per_mwh = 0.0
[nodes.a]
kind = "region"
demand_twh_per_year = {}
[nodes.c]
kind = "outside"
[generators.g]
node = "a"
kind = "ror"
capacity_mw = 0
status = "candidate"
new_capacity_max_mw = 1000
capex_cny_per_kw = {capex}
lifetime_years = 20
profile = "one"
[lines.ca]
from = "c"
to = "a"
capacity_mw = 1000
[market]
node = "c"
export_price_cny_per_mwh = 0
import_price_cny_per_mwh = {import_price}
"#,
        demand_mw * 8760.0 / 1e6
    )
}

/// Write the two periods and the pathway file; returns the pathway's path.
fn write_case(
    dir: &Path,
    foresight: Foresight,
    periods: [(f64, f64); 2],
    capex: f64,
    rate: f64,
) -> PathBuf {
    let mut csv = String::from("timestamp,one\n");
    for h in 0..4 {
        csv.push_str(&format!("2025-06-01 0{h}:00,1\n"));
    }
    std::fs::write(dir.join("profiles.csv"), csv).unwrap();
    for (year, (demand, price)) in [2026, 2028].into_iter().zip(periods) {
        let text = period_toml(year, demand, price, capex, rate);
        std::fs::write(dir.join(format!("p{year}.toml")), text).unwrap();
    }
    let path = dir.join("pathway.toml");
    let text = format!(
        "name = \"two-periods\"\n[periods]\nyears = [2026, 2028]\nforesight = \"{}\"\n\
         end_year = 2029\nscenarios = {{ 2026 = \"p2026.toml\", 2028 = \"p2028.toml\" }}\n",
        foresight.name()
    );
    std::fs::write(&path, text).unwrap();
    path
}

fn solve(path: &Path) -> pathway::Outcome {
    let settings = RunSettings::builder().build().unwrap();
    pathway::run(path, &settings, true).unwrap()
}

fn new_mw(o: &pathway::Outcome, p: usize) -> f64 {
    o.periods[p]
        .new_mw
        .get("generator.g")
        .copied()
        .unwrap_or(0.0)
}

fn balances_close(o: &pathway::Outcome) {
    for p in &o.periods {
        assert!(
            p.results.balance_max_residual_mw < 1e-6,
            "{}: residual {}",
            p.year,
            p.results.balance_max_residual_mw
        );
    }
}

/// Demand grows from 0 to 30 MW; imports cost 150 CNY/MWh in both periods; r = 10 %.
/// With C = 8,000 CNY/kW, k = 8e6·crf(0.1, 20)·Y ≈ 429.0 CNY per MW and year, below the 4 × 150
/// = 600 a MW saves once there is demand: `g` pays only after demand grows. Built in 2026 it
/// would pay k in 2026 and 2027 for nothing, so it is built in 2028, 30 MW, and the pathway
/// costs 30·k·(δ2028 + δ2029), δ(y) = 1.1^−(y−2026), against the status quo's
/// 30·600·(δ2028 + δ2029). With myopic foresight the answer is the same: 2026 sees no demand
/// and builds nothing, 2028 sees 30 MW at 150 > k/4 and builds 30 MW.
#[test]
fn an_option_that_pays_after_demand_grows_is_built_in_the_second_period() {
    let (r, capex) = (0.1, 8000.0);
    let k = capex * 1000.0 * crf(r, 20.0) * Y;
    let late = 1.1f64.powi(-2) + 1.1f64.powi(-3);
    for foresight in [Foresight::Perfect, Foresight::Myopic] {
        let d = tempfile::tempdir().unwrap();
        let path = write_case(d.path(), foresight, [(0.0, 150.0), (30.0, 150.0)], capex, r);
        let o = solve(&path);
        let what = foresight.name();
        close(new_mw(&o, 0), 0.0, 1e-4, &format!("{what}: built in 2026"));
        close(new_mw(&o, 1), 30.0, 1e-4, &format!("{what}: built in 2028"));
        close(o.periods[0].weight, 1.0 + 1.0 / 1.1, 1e-12, "weight 2026");
        close(o.periods[1].weight, late, 1e-12, "weight 2028");
        close(
            o.capital_cny,
            30.0 * k * late,
            1e-3,
            &format!("{what}: capital"),
        );
        close(o.cost_cny, 30.0 * k * late, 1e-3, &format!("{what}: cost"));
        let sq = o.status_quo_cost_cny.unwrap();
        close(sq, 30.0 * 600.0 * late, 1e-3, "status-quo pathway");
        let benefit = o.net_benefit_cny().unwrap();
        close(benefit, 30.0 * (600.0 - k) * late, 1e-3, "net benefit");
        balances_close(&o);
    }
}

/// Demand 10 MW in both periods; imports cost 150 CNY/MWh in 2026 and 40 in 2028 (say a new
/// line brings cheaper power); r = 0 and C = 17,520 CNY/kW, so k = 17.52e6/20·Y = 400 CNY per
/// MW and year, i.e. 100 CNY per MWh of output. Myopic 2026 sees only 150 > 100 and builds
/// 10 MW, which then stands in 2028. Perfect foresight sees that a MW built in 2026 pays k in
/// all four years (1,600) and saves 4·(150 + 150 + 40 + 40) = 1,520: it builds nothing and
/// imports, costing 10·4·(2·150 + 2·40) = 15,200, the status quo's cost; myopic costs
/// 10 MW × 1,600 = 16,000 (its generator covers all demand, imports nothing), 800 more.
#[test]
fn myopic_foresight_builds_what_pays_now_and_perfect_foresight_skips() {
    let (r, capex) = (0.0, 17520.0);
    let periods = [(10.0, 150.0), (10.0, 40.0)];
    let d = tempfile::tempdir().unwrap();
    let perfect = solve(&write_case(d.path(), Foresight::Perfect, periods, capex, r));
    let e = tempfile::tempdir().unwrap();
    let myopic = solve(&write_case(e.path(), Foresight::Myopic, periods, capex, r));
    close(
        new_mw(&perfect, 0) + new_mw(&perfect, 1),
        0.0,
        1e-4,
        "perfect builds",
    );
    close(perfect.cost_cny, 15_200.0, 1e-3, "perfect cost");
    close(new_mw(&myopic, 0), 10.0, 1e-4, "myopic builds in 2026");
    close(new_mw(&myopic, 1), 0.0, 1e-4, "myopic builds in 2028");
    let stands = myopic.periods[1].summary.capacity_built_mw["generator.g"];
    close(
        stands,
        10.0,
        1e-4,
        "what myopic built in 2026 stands in 2028",
    );
    close(myopic.cost_cny, 16_000.0, 1e-3, "myopic cost");
    for o in [&perfect, &myopic] {
        balances_close(o);
        // The status-quo pathway is one the pathway could have chosen: options never raise the
        // LP's cost (myopic is costed after the fact, so it only holds for perfect foresight).
        let sq = o.status_quo_objective_cny.unwrap();
        if o.pathway.foresight == Foresight::Perfect {
            let tol = 1e-7 * o.objective_cny.abs().max(1.0);
            assert!(sq >= o.objective_cny - tol, "{sq} < {}", o.objective_cny);
        }
    }
    assert!(myopic.cost_cny > perfect.cost_cny);
}

/// The run folder of a pathway: the contract's files with the hand-derived answer of the first
/// case in them (30 MW of `g` entering in 2028), and `spillway plot` redrawing its chart and
/// report byte for byte from those files.
#[test]
fn the_folder_holds_the_contract_files_and_plot_redraws_them() {
    use spillway::output::files::{CAPACITY_BY_PERIOD, ENERGY_BY_PERIOD, PATHWAY_JSON, REPORT};
    let d = tempfile::tempdir().unwrap();
    let path = write_case(
        d.path(),
        Foresight::Perfect,
        [(0.0, 150.0), (30.0, 150.0)],
        8000.0,
        0.1,
    );
    let out = d.path().join("out");
    let bin = env!("CARGO_BIN_EXE_spillway");
    let run = std::process::Command::new(bin)
        .args([
            "run",
            path.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "-q",
        ])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let csv = std::fs::read_to_string(out.join(CAPACITY_BY_PERIOD)).unwrap();
    let header = spillway::output::pathway::CAPACITY_COLUMNS.join(",");
    assert!(csv.starts_with(&format!("{header}\n")), "{csv}");
    assert!(
        csv.contains("\n2026,generator.g,0.000,0.000,0.000\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\n2028,generator.g,0.000,30.000,30.000\n"),
        "{csv}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join(PATHWAY_JSON)).unwrap()).unwrap();
    assert_eq!(json["enters"]["generator.g"], 2028);
    assert_eq!(json["periods"][1]["file"], "p2028.toml");
    let energy = std::fs::read_to_string(out.join(ENERGY_BY_PERIOD)).unwrap();
    assert!(
        energy.starts_with("period,weight,available_twh,"),
        "{energy}"
    );
    let report = std::fs::read_to_string(out.join(REPORT)).unwrap();
    assert!(report.contains("| generator.g | 2028 |"), "{report}");
    let files = [
        "report.md",
        "charts/capacity_by_period.png",
        "charts/capacity_by_period.svg",
    ];
    let before: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(out.join(f)).unwrap())
        .collect();
    let plot = std::process::Command::new(bin)
        .args(["plot", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        plot.status.success(),
        "{}",
        String::from_utf8_lossy(&plot.stderr)
    );
    for (f, b) in files.iter().zip(&before) {
        assert_eq!(
            &std::fs::read(out.join(f)).unwrap(),
            b,
            "{f} redrawn differently"
        );
    }
    let check = std::process::Command::new(bin)
        .args(["check", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(check.status.success());
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(
        said.contains("2 periods (2026, 2028), perfect foresight, 1 candidate(s)"),
        "{said}"
    );
}
