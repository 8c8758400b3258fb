//! Hydrology-year sweeps: reservoir inflow scales with the year, run-of-river availability is
//! scaled and clipped hour by hour at 1, and the clipped energy is reported.

mod common;
use assert_cmd::Command;
use common::*;

/// Region `a` without demand (everything available is spilled): 100 MW run-of-river with
/// availability 0.25, 0.5, 0.75, 0.5 and a 100 MW reservoir with inflow 0.5 in each of 4 hours.
/// Years: 2001 has twice the mean inflow, 2002 half.
fn case_with_years() -> Case {
    let body = format!(
        r#"{HEAD}
[nodes.a]
kind = "region"
[generators.river]
node = "a"
kind = "ror"
capacity_mw = 100
profile = "ror"
[generators.dam]
node = "a"
kind = "reservoir"
capacity_mw = 100
profile = "inflow"
storage_mwh = 10
"#
    );
    let c = case(
        &body,
        "ror,inflow",
        &[
            "2025-07-01 00:00,0.25,0.5",
            "2025-07-01 01:00,0.5,0.5",
            "2025-07-01 02:00,0.75,0.5",
            "2025-07-01 03:00,0.5,0.5",
        ],
    );
    std::fs::write(
        c.dir.path().join("years.csv"),
        "hydrology_year,relative_to_mean\n2001,2.0\n2002,0.5\n2003,1.0\n",
    )
    .unwrap();
    std::fs::write(
        c.dir.path().join("years.toml"),
        "base = \"case.toml\"\nhydrology = [2001, 2002]\nhydrology_file = \"years.csv\"\n",
    )
    .unwrap();
    c
}

#[test]
fn wet_years_clip_run_of_river_at_full_availability_and_say_how_much() {
    let c = case_with_years();
    for resolution in ["1h", "2h"] {
        let out = c.dir.path().join(format!("out{resolution}"));
        Command::cargo_bin("spillway")
            .unwrap()
            .arg("sweep")
            .arg(c.dir.path().join("years.toml"))
            .args(["--resolution", resolution, "-q", "--out"])
            .arg(&out)
            .assert()
            .success();
        let mut r = csv::Reader::from_path(out.join("sweep.csv")).unwrap();
        let h = r.headers().unwrap().clone();
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        let get = |row: usize, key: &str| -> f64 {
            rows[row][h.iter().position(|x| x == key).unwrap()]
                .parse()
                .unwrap()
        };
        assert_eq!(
            &rows[0][h.iter().position(|x| x == "hydrology_year").unwrap()],
            "2001"
        );
        // 2001 (×2): river 0.5, 1, 1.5 → 1 (clipped), 1 → 350 MWh, 50 MWh clipped away;
        // dam inflow 1.0 × 100 MW × 4 h = 400 MWh. The clip is hourly, so 2h blocks agree.
        close(
            get(0, "energy_twh.available") * 1e6,
            750.0,
            1e-6,
            "available MWh, wet year",
        );
        close(
            get(0, "hydro_clipped_twh") * 1e6,
            50.0,
            1e-6,
            "clipped MWh, wet year",
        );
        // 2002 (×0.5): river 0.125 + 0.25 + 0.375 + 0.25 = 1 → 100 MWh; dam 0.25 × 400 = 100 MWh.
        close(
            get(1, "energy_twh.available") * 1e6,
            200.0,
            1e-6,
            "available MWh, dry year",
        );
        close(get(1, "hydro_clipped_twh"), 0.0, 0.0, "clipped, dry year");
        // Nothing uses the energy: it is all curtailed, and clipped energy is not among it.
        close(
            get(0, "curtailment_annual_twh") * 1e6,
            750.0,
            1e-3,
            "curtailed MWh, wet year",
        );
    }
}

#[test]
fn an_unknown_year_is_an_input_error_naming_the_sweep_file() {
    let c = case_with_years();
    let f = c.dir.path().join("bad.toml");
    std::fs::write(
        &f,
        "base = \"case.toml\"\nhydrology_file = \"years.csv\"\nhydrology = [2001, 1850]\n",
    )
    .unwrap();
    let a = Command::cargo_bin("spillway")
        .unwrap()
        .arg("sweep")
        .arg(&f)
        .arg("--out")
        .arg(c.dir.path().join("x"))
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("bad.toml:3: hydrology: no year 1850"), "{err}");
    assert!(err.contains("years 2001–2003"), "{err}");
}

/// Read `sweep.csv` of a folder: its header and rows.
fn sweep_csv(out: &std::path::Path) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_path(out.join("sweep.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    (h, r.records().map(Result::unwrap).collect())
}

fn cell<'a>(h: &csv::StringRecord, row: &'a csv::StringRecord, key: &str) -> &'a str {
    &row[h.iter().position(|x| x == key).unwrap()]
}

fn run_sweep(sweep: &std::path::Path, out: &std::path::Path) {
    Command::cargo_bin("spillway")
        .unwrap()
        .arg("sweep")
        .arg(sweep)
        .args(["-q", "--out"])
        .arg(out)
        .assert()
        .success();
}

/// `hydrology = "design"` on a record of 0.8, 1.0, 1.2 (mean 1, Cv 0.2 exactly; Cs = 2 Cv):
/// four points P10, P50, P75, P90 with the band weights 0.30, 0.325, 0.20, 0.175, design
/// volumes as in the textbook table (P50, P75, P90: 0.99, 0.86, 0.75 at Cv 0.2, Cs 0.4, to one
/// unit of its last decimal), and each point's hydro scaled by its own volume (400 MWh × K).
#[test]
fn design_years_are_points_with_labels_weights_and_design_volumes() {
    let c = case_with_years();
    std::fs::write(
        c.dir.path().join("years.csv"),
        "hydrology_year,relative_to_mean\n2001,0.8\n2002,1.0\n2003,1.2\n",
    )
    .unwrap();
    let sweep = c.dir.path().join("design.toml");
    std::fs::write(
        &sweep,
        "base = \"case.toml\"\nhydrology = \"design\"\nhydrology_file = \"years.csv\"\n",
    )
    .unwrap();
    let out = c.dir.path().join("out");
    run_sweep(&sweep, &out);
    let (h, rows) = sweep_csv(&out);
    let labels: Vec<&str> = rows
        .iter()
        .map(|r| cell(&h, r, "hydrology_label"))
        .collect();
    assert_eq!(labels, ["P10", "P50", "P75", "P90"]);
    let num = |row: &csv::StringRecord, key: &str| -> f64 { cell(&h, row, key).parse().unwrap() };
    let weights: Vec<f64> = rows
        .iter()
        .map(|r| num(r, "hydrology_probability"))
        .collect();
    for (w, hand) in weights.iter().zip([0.30, 0.325, 0.20, 0.175]) {
        close(*w, hand, 1e-12, "weight");
    }
    close(weights.iter().sum(), 1.0, 1e-12, "weights sum");
    for (row, table) in rows[1..].iter().zip([0.99, 0.86, 0.75]) {
        close(num(row, "hydrology_relative_to_mean"), table, 0.01, "K_P");
    }
    for row in &rows {
        let k = num(row, "hydrology_relative_to_mean");
        // sweep.csv writes TWh to 6 decimals: 1 MWh.
        close(
            num(row, "energy_twh.available") * 1e6,
            400.0 * k,
            0.5 + 1e-9,
            "available MWh = 400 MWh × K",
        );
    }
    // The typical years: P10 (K ≈ 1.26) → 2003, P50 → 2002, P75 (0.86) → 2001; P90 finds every
    // year taken and gets the nearest, 2001.
    let years: Vec<&str> = rows.iter().map(|r| cell(&h, r, "hydrology_year")).collect();
    assert_eq!(years, ["2003", "2002", "2001", "2001"]);
}

/// Region a sells everything to the outside node at 100 CNY/MWh: 100 MW of run-of-river at 0.5
/// over 4 hours, 200 MWh × f in year f. With the rule [[0.7, 1.3], [1.0, 1.0], [1.3, 0.9]] the
/// objective (the negative of the revenue) is −100 × m(f) × 200 f: f = 0.7 → −18,200 (without
/// the rule −14,000: 4,200 less, = 0.3 × 100 × 140); 0.85 (m = 1.15) → −19,550; 1.0 → −20,000;
/// 1.3 (m = 0.9) → −23,400. A series tariff of 100 in every hour moves the same way.
#[test]
fn export_prices_follow_the_hydrology_rule_by_hand() {
    let rule = "[hydrology_prices]\nexport_multiplier = { points = [[0.7, 1.3], [1.0, 1.0], [1.3, 0.9]] }\n";
    let cases = [
        ("100", rule, [-18_200.0, -19_550.0, -20_000.0, -23_400.0]),
        (
            "{ series = \"price\" }",
            rule,
            [-18_200.0, -19_550.0, -20_000.0, -23_400.0],
        ),
        ("100", "", [-14_000.0, -17_000.0, -20_000.0, -26_000.0]),
    ];
    for (tariff, rule, hand) in cases {
        let body = format!(
            r#"{HEAD}
[nodes.a]
kind = "region"
[nodes.c]
kind = "outside"
[generators.river]
node = "a"
kind = "ror"
capacity_mw = 100
profile = "one"
[lines.ac]
from = "a"
to = "c"
capacity_mw = 1000
[market]
node = "c"
export_price_cny_per_mwh = {tariff}
import_price_cny_per_mwh = 1000
{rule}"#
        );
        let c = case(
            &body,
            "one,price",
            &[
                "2025-06-01 00:00,0.5,100",
                "2025-06-01 01:00,0.5,100",
                "2025-06-01 02:00,0.5,100",
                "2025-06-01 03:00,0.5,100",
            ],
        );
        std::fs::write(
            c.dir.path().join("years.csv"),
            "hydrology_year,relative_to_mean\n2001,0.7\n2002,0.85\n2003,1.0\n2004,1.3\n",
        )
        .unwrap();
        let sweep = c.dir.path().join("years.toml");
        std::fs::write(
            &sweep,
            "base = \"case.toml\"\nhydrology = \"all\"\nhydrology_file = \"years.csv\"\n",
        )
        .unwrap();
        let out = c.dir.path().join("out");
        run_sweep(&sweep, &out);
        let (h, rows) = sweep_csv(&out);
        for (row, hand) in rows.iter().zip(hand) {
            let got: f64 = cell(&h, row, "objective_cny").parse().unwrap();
            let what = format!(
                "objective, {tariff}, rule {:?}, year {}",
                rule.len(),
                &row[0]
            );
            close(got, hand, 0.05, &what);
            close(
                cell(&h, row, "hydrology_probability").parse().unwrap(),
                0.25,
                0.0,
                "1/n",
            );
        }
    }
}
