//! Sweeps on tiny cases whose answers are known in closed form, and the properties a planner
//! relies on: designs give the points they say, seeds reproduce, threads and shards do not
//! change a byte of sweep.csv, bad paths are named with file and line.

mod common;
use assert_cmd::Command;
use common::*;
use std::collections::BTreeMap;
use std::path::Path;

fn spillway() -> Command {
    Command::cargo_bin("spillway").unwrap()
}

/// Closed form of the electrolyser case: (MW built, objective CNY).
fn expected(price: f64, capex: f64) -> (f64, f64) {
    if price > capex / 175.2 {
        (80.0, 80.0 * capex * 4000.0 / 8760.0 - 6400.0 * price)
    } else {
        (0.0, 0.0)
    }
}

fn write_sweep(c: &Case, name: &str, text: &str) -> std::path::PathBuf {
    let p = c.dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// Run `spillway sweep FILE --out DIR ARGS…` and read sweep.csv back as rows of named cells.
fn sweep_rows(file: &Path, out: &Path, args: &[&str]) -> Vec<BTreeMap<String, String>> {
    spillway()
        .arg("sweep")
        .arg(file)
        .arg("--out")
        .arg(out)
        .args(args)
        .arg("-q")
        .assert()
        .success();
    let mut r = csv::Reader::from_path(out.join("sweep.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            h.iter()
                .zip(rec.unwrap().iter())
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        })
        .collect()
}

fn num(row: &BTreeMap<String, String>, key: &str) -> f64 {
    row[key]
        .parse()
        .unwrap_or_else(|_| panic!("{key} = `{}`", row[key]))
}

const PRICE: &str = "market.hydrogen_price_cny_per_kg";
const CAPEX: &str = "options.electrolyser.capex_cny_per_kw";

#[test]
fn grid_sweep_matches_the_closed_form_at_every_point() {
    let c = electrolyser_case(12.0);
    let f = write_sweep(
        &c,
        "grid.toml",
        &format!(
            "base = \"case.toml\"\ndesign = \"grid\"\n\
             [[parameter]]\npath = \"{PRICE}\"\nstart = 4\nstop = 12\nsteps = 3\n\
             [[parameter]]\npath = \"{CAPEX}\"\nvalues = [876, 1752]\n"
        ),
    );
    let rows = sweep_rows(&f, &c.dir.path().join("out"), &[]);
    assert_eq!(rows.len(), 6);
    // First parameter slowest: (4, 876), (4, 1752), (8, 876), …
    let mut seen_built = 0;
    for (i, row) in rows.iter().enumerate() {
        let (price, capex) = (num(row, PRICE), num(row, CAPEX));
        assert_eq!(price, [4.0, 8.0, 12.0][i / 2], "row {i}");
        assert_eq!(capex, [876.0, 1752.0][i % 2], "row {i}");
        assert_eq!(row["status"], "optimal");
        let (mw, obj) = expected(price, capex);
        close(
            num(row, "capacity_mw.electrolyser"),
            mw,
            1e-2,
            "electrolyser MW",
        );
        close(num(row, "objective_cny"), obj, 0.1, "objective");
        close(
            num(row, "hydrogen_kt"),
            mw * 4.0 * 20.0 / 1e6,
            1e-4,
            "hydrogen kt",
        );
        close(
            num(row, "curtailment_annual_twh") * 1e6,
            320.0 - mw * 4.0,
            1e-2,
            "curtailed MWh",
        );
        seen_built += usize::from(mw > 0.0);
    }
    // Both regimes are exercised: (8, 876) and (12, 876) build; (12, 1752) too since 12 > 10.
    assert_eq!(seen_built, 3);
}

#[test]
fn one_at_a_time_moves_each_parameter_alone_from_the_base() {
    let c = electrolyser_case(12.0);
    let f = write_sweep(
        &c,
        "tornado.toml",
        &format!(
            "base = \"case.toml\"\ndesign = \"one_at_a_time\"\n\
             [[parameter]]\npath = \"{PRICE}\"\nlow = 8\nhigh = 16\n\
             [[parameter]]\npath = \"{CAPEX}\"\nlow = 876\nhigh = 3504\n"
        ),
    );
    let rows = sweep_rows(&f, &c.dir.path().join("out"), &[]);
    let got: Vec<(f64, f64, f64)> = rows
        .iter()
        .map(|r| {
            (
                num(r, PRICE),
                num(r, CAPEX),
                num(r, "capacity_mw.electrolyser"),
            )
        })
        .collect();
    // Base (12, 1752): built. π = 8 < 10: not; π = 16: built. C = 876: built; C = 3504 (π* = 20): not.
    let want = [
        (12.0, 1752.0, 80.0),
        (8.0, 1752.0, 0.0),
        (16.0, 1752.0, 80.0),
        (12.0, 876.0, 80.0),
        (12.0, 3504.0, 0.0),
    ];
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0, g.1), (w.0, w.1));
        close(g.2, w.2, 1e-2, "electrolyser MW");
    }
}

#[test]
fn monte_carlo_is_reproducible_from_its_seed_and_respects_distributions() {
    let c = electrolyser_case(12.0);
    let text = |seed: u64| {
        format!(
            "base = \"case.toml\"\ndesign = \"monte_carlo\"\nsamples = 8\nseed = {seed}\n\
             [[parameter]]\npath = \"{PRICE}\"\ndistribution = {{ kind = \"uniform\", low = 4, high = 16 }}\n\
             [[parameter]]\npath = \"{CAPEX}\"\ndistribution = {{ kind = \"normal\", mean = 1752, sd = 400, low = 1000, high = 2500 }}\n"
        )
    };
    let a = write_sweep(&c, "a.toml", &text(7));
    let b = write_sweep(&c, "b.toml", &text(7));
    let d = write_sweep(&c, "d.toml", &text(8));
    let ra = sweep_rows(&a, &c.dir.path().join("oa"), &[]);
    let rb = sweep_rows(&b, &c.dir.path().join("ob"), &["--threads", "1"]);
    let rd = sweep_rows(&d, &c.dir.path().join("od"), &[]);
    assert_eq!(ra, rb, "same seed, same rows");
    assert_ne!(
        ra.iter().map(|r| r[PRICE].clone()).collect::<Vec<_>>(),
        rd.iter().map(|r| r[PRICE].clone()).collect::<Vec<_>>(),
        "another seed, other draws"
    );
    for r in &ra {
        let (price, capex) = (num(r, PRICE), num(r, CAPEX));
        assert!((4.0..16.0).contains(&price), "{price}");
        assert!((1000.0..=2500.0).contains(&capex), "{capex}");
        // Away from the switch the closed form decides.
        if (price - capex / 175.2).abs() > 0.05 {
            close(
                num(r, "capacity_mw.electrolyser"),
                expected(price, capex).0,
                1e-2,
                "MW",
            );
        }
    }
}

fn six_point_sweep(c: &Case) -> std::path::PathBuf {
    write_sweep(
        c,
        "six.toml",
        &format!(
            "base = \"case.toml\"\n\
             [[parameter]]\npath = \"{PRICE}\"\nvalues = [6, 9.5, 10.5, 14, 20, 30]\n"
        ),
    )
}

#[test]
fn sweep_csv_is_byte_identical_whatever_the_threads_and_shards() {
    let c = electrolyser_case(12.0);
    let f = six_point_sweep(&c);
    let out = |n: &str| c.dir.path().join(n);
    sweep_rows(&f, &out("t1"), &["--threads", "1"]);
    sweep_rows(&f, &out("t2"), &["--threads", "2"]);
    let read = |d: &str| std::fs::read(out(d).join("sweep.csv")).unwrap();
    assert_eq!(read("t1"), read("t2"));
    for k in 1..=3 {
        sweep_rows(&f, &out(&format!("s{k}")), &["--shard", &format!("{k}/3")]);
    }
    // Shard 2 of 3 holds points 1 and 4 (index mod 3 == 1).
    let s2: Vec<String> = csv::Reader::from_path(out("s2").join("sweep.csv"))
        .unwrap()
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert_eq!(s2, ["1", "4"]);
    spillway()
        .args(["merge"])
        .args([out("s3"), out("s1"), out("s2")])
        .arg("--out")
        .arg(out("merged"))
        .assert()
        .success();
    assert_eq!(read("merged"), read("t1"));

    // A missing shard, a shard given twice, a shard of another sweep: refused with exit 2.
    let a = spillway()
        .args(["merge"])
        .args([out("s1"), out("s2")])
        .arg("--out")
        .arg(out("m2"))
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("2 point(s) missing: 2, 5"), "{err}");
    let a = spillway()
        .args(["merge"])
        .args([out("s1"), out("s2"), out("s3"), out("s1")])
        .arg("--out")
        .arg(out("m3"))
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("point 0 is in more than one folder"), "{err}");
    let other = write_sweep(
        &c,
        "other.toml",
        &format!("base = \"case.toml\"\n[[parameter]]\npath = \"{PRICE}\"\nvalues = [6, 9.5, 10.5, 14, 20, 31]\n"),
    );
    sweep_rows(&other, &out("o3"), &["--shard", "3/3"]);
    let a = spillway()
        .args(["merge"])
        .args([out("s1"), out("s2"), out("o3")])
        .arg("--out")
        .arg(out("m4"))
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("from another sweep"), "{err}");
    assert!(!out("m4").exists(), "nothing written on a refused merge");
}

#[test]
fn unknown_parameter_path_names_file_line_and_suggests() {
    let c = electrolyser_case(12.0);
    let f = write_sweep(
        &c,
        "typo.toml",
        "base = \"case.toml\"\n\n[[parameter]]\npath = \"market.hydrogen_price_cny_per_kg\"\nvalues = [1]\n\n\
         [[parameter]]\npath = \"options.electrolyser.capex_cny_per_kww\"\nvalues = [1]\n\n\
         [[parameter]]\npath = \"generators.hydr.capacity_mw\"\nvalues = [1]\n",
    );
    let a = spillway()
        .arg("sweep")
        .arg(&f)
        .arg("--out")
        .arg(c.dir.path().join("x"))
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("typo.toml:8: parameter[2].path"), "{err}");
    assert!(err.contains("did you mean `capex_cny_per_kw`"), "{err}");
    assert!(err.contains("typo.toml:12: parameter[3].path"), "{err}");
    assert!(err.contains("did you mean `hydro`"), "{err}");
    assert!(!err.contains("parameter[1]"), "{err}");
}

#[test]
fn infeasible_or_invalid_points_are_recorded_and_the_sweep_goes_on() {
    let c = electrolyser_case(12.0);
    // A negative capex fails validation at that point only.
    let f = write_sweep(
        &c,
        "neg.toml",
        &format!(
            "base = \"case.toml\"\n[[parameter]]\npath = \"{CAPEX}\"\nvalues = [876, -5, 3504]\n"
        ),
    );
    let rows = sweep_rows(&f, &c.dir.path().join("out"), &[]);
    let st: Vec<&str> = rows.iter().map(|r| r["status"].as_str()).collect();
    assert_eq!(st, ["optimal", "invalid", "optimal"]);
    assert!(
        rows[1]["message"].contains("capex_cny_per_kw"),
        "{}",
        rows[1]["message"]
    );
    assert_eq!(rows[1]["objective_cny"], "");
}

#[test]
fn breakeven_lands_on_the_hand_derived_switch() {
    let c = electrolyser_case(12.0);
    // π* = C/175.2 = 10 CNY/kg at C = 1752.
    let a = spillway()
        .arg("breakeven")
        .arg(&c.path)
        .args([
            "--param",
            PRICE,
            "--option",
            "electrolyser",
            "--lo",
            "5",
            "--hi",
            "15",
            "--tol",
            "0.01",
        ])
        .assert()
        .success();
    let out = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    let value: f64 = out
        .lines()
        .find_map(|l| l.strip_prefix(&format!("break-even  {PRICE} = ")))
        .unwrap_or_else(|| panic!("{out}"))
        .trim()
        .parse()
        .unwrap();
    close(
        value,
        10.0,
        0.01,
        "hydrogen price at which electrolysis enters",
    );
    assert!(out.contains("built (> 1 MW) above"), "{out}");

    // A cost: built below C* = 175.2 × 12 = 2,102.4 CNY/kW (library call, one thread: bisection).
    let b = spillway::breakeven::breakeven(&spillway::breakeven::BreakevenOptions {
        scenario: c.path.clone(),
        param: CAPEX.into(),
        option: "electrolyser".into(),
        when: None,
        lo: Some(1000.0),
        hi: Some(3000.0),
        tol: Some(1.0),
        settings: spillway::study::RunSettings::builder()
            .threads(Some(1))
            .build()
            .unwrap(),
    })
    .unwrap();
    close(
        b.value,
        2102.4,
        1.0,
        "capex at which electrolysis stops paying",
    );
    assert!(!b.built_above && b.hi - b.lo <= 1.0);
    assert_eq!(
        b.solves,
        2 + 11,
        "2000 → 1 CNY/kW by halving takes 11 solves"
    );

    let a = spillway()
        .arg("breakeven")
        .arg(&c.path)
        .args([
            "--param",
            PRICE,
            "--option",
            "electrolyser",
            "--lo",
            "11",
            "--hi",
            "15",
        ])
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("does not straddle the switch"), "{err}");
    let a = spillway()
        .arg("breakeven")
        .arg(&c.path)
        .args(["--param", PRICE, "--option", "electrolyzer"])
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("did you mean `electrolyser`"), "{err}");
    let a = spillway()
        .arg("breakeven")
        .arg(&c.path)
        .args([
            "--param",
            "market.hydrogen_price_cny_per_kgg",
            "--option",
            "electrolyser",
        ])
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("--param: `market.hydrogen_price_cny_per_kgg`"),
        "{err}"
    );
    assert!(
        err.contains("did you mean `hydrogen_price_cny_per_kg`"),
        "{err}"
    );
}

#[test]
fn a_profile_column_only_the_sweep_names_is_read_for_its_points() {
    // The electrolyser case with a second column `half` (0.5) that the base scenario does not
    // name. At π = 12 the surplus is what electrolysis takes: 80 MW with `one`; with `half` the
    // hydro makes 50 MW for 20 MW of demand, so 30 MW. A column that no file has is an input
    // error at the parameter's line, before any solve (exit 2, not an internal error).
    let rows: Vec<String> = FOUR_JUNE_HOURS.iter().map(|r| format!("{r},0.5")).collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let c = case(&electrolyser_toml(12.0), "one,half", &rows);
    let file = write_sweep(
        &c,
        "columns.toml",
        "base = \"case.toml\"\n[[parameter]]\npath = \"generators.hydro.profile\"\nvalues = [\"one\", \"half\"]\n",
    );
    let rows = sweep_rows(&file, &c.dir.path().join("out"), &[]);
    assert_eq!(rows.len(), 2);
    for (row, mw) in rows.iter().zip([80.0, 30.0]) {
        assert_eq!(row["status"], "optimal");
        close(
            num(row, "capacity_mw.electrolyser"),
            mw,
            1e-3,
            "electrolyser MW",
        );
    }
    let bad = write_sweep(
        &c,
        "bad.toml",
        "base = \"case.toml\"\n[[parameter]]\npath = \"generators.hydro.profile\"\nvalues = [\"one\", \"nowhere\"]\n",
    );
    let a = spillway()
        .arg("sweep")
        .arg(&bad)
        .arg("--out")
        .arg(c.dir.path().join("bad"))
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("bad.toml:4: parameter[1].values"), "{err}");
    assert!(err.contains("no column `nowhere`"), "{err}");
    assert!(!c.dir.path().join("bad").exists(), "nothing is written");
}
