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
