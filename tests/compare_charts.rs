//! What `spillway compare` leaves for people: three charts and report.md drawn from the folder's
//! own files (with each case's duration curve kept), and `spillway plot` redrawing them byte for
//! byte. On two tiny cases (electrolysis allowed or not) so the numbers are known.

mod common;
use assert_cmd::Command;
use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const CHARTS: [&str; 3] = ["capacity_built", "energy_by_use", "curtailment_duration"];

/// One node, 100 MW of free hydro for 4 hours, 20 MW of demand: case `h2` may build up to
/// 200 MW of electrolysers (it builds 80 MW, all the surplus, at 12 CNY/kg > 1752/175.2);
/// case `no-h2` extends it with electrolysis switched off, so it spills the 320 MWh.
fn two_cases() -> Case {
    let body = electrolyser_toml(12.0).replace("name = \"case\"", "name = \"h2\"");
    let c = case(&body, "one", &FOUR_JUNE_HOURS);
    std::fs::write(
        c.dir.path().join("no-h2.toml"),
        "extends = \"case.toml\"\nname = \"no-h2\"\n[options.electrolyser]\nenabled = false\n",
    )
    .unwrap();
    c
}

fn spillway() -> Command {
    Command::cargo_bin("spillway").unwrap()
}

/// The charts and the report, by path relative to the folder.
fn drawn(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut m = BTreeMap::new();
    for e in std::fs::read_dir(out.join("charts")).unwrap() {
        let p = e.unwrap().path();
        let rel = p.strip_prefix(out).unwrap().to_path_buf();
        m.insert(rel, std::fs::read(&p).unwrap());
    }
    for page in ["report.md", "report.html"] {
        m.insert(page.into(), std::fs::read(out.join(page)).unwrap());
    }
    m
}

fn svg(out: &Path, stem: &str) -> String {
    std::fs::read_to_string(out.join("charts").join(format!("{stem}.svg"))).unwrap()
}

#[test]
fn compare_draws_its_charts_and_report_and_plot_redraws_them_byte_for_byte() {
    let c = two_cases();
    let out = c.dir.path().join("cmp");
    spillway()
        .arg("compare")
        .args([c.path.clone(), c.dir.path().join("no-h2.toml")])
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .assert()
        .success();

    // Each case's duration curve is kept: 4 steps each, the last at the 4-hour horizon.
    let mut r = csv::Reader::from_path(out.join("curtailment_duration.csv")).unwrap();
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        ["case", "rank", "hours_at_or_above", "curtailed_mw"]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 8);
    assert_eq!((&rows[3][0], &rows[3][2]), ("h2", "4"));
    assert_eq!((&rows[4][0], &rows[4][3]), ("no-h2", "80.0000"));

    let first = drawn(&out);
    assert_eq!(first.len(), 2 * CHARTS.len() + 2, "{:?}", first.keys());
    for (p, b) in &first {
        assert!(b.len() > 2000, "{p:?} is nearly empty");
    }
    let words: [(&str, &[&str]); 3] = [
        (
            "capacity_built",
            &["new capacity (MW", "case", "h2", "no-h2", "electrolysers"],
        ),
        (
            "energy_by_use",
            &[
                "energy (TWh/yr)",
                "local demand",
                "hydrogen (electrolysers)",
                // Curtailment is drawn as its split (here all hydro: the case has no sun or wind).
                "hydro spilled",
            ],
        ),
        (
            "curtailment_duration",
            &[
                "spilled power (MW)",
                "hours of the horizon at or above (h)",
                "h2: nothing spilled",
                "no-h2: 0.32 GWh a year",
            ],
        ),
    ];
    for (stem, ws) in words {
        let s = svg(&out, stem);
        for w in ws {
            assert!(s.contains(w), "{stem}.svg lacks {w:?}");
        }
    }
    // The case without electrolysis has no electrolyser bar (it is not allowed there), so the
    // hydrogen green appears once in the capacity chart's bars and once in its legend.
    assert_eq!(svg(&out, "capacity_built").matches("#009E73").count(), 2);

    // The report: the cases, a sentence on what differs, the table with compare.csv's numbers.
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        report.starts_with("# Comparison of 2 cases: h2, no-h2"),
        "{report}"
    );
    assert!(
        report.contains("- **no-h2**, against h2: ")
            && report.contains("80 MW less of electrolysers"),
        "{report}"
    );
    // Every row of compare.csv is in the report's table, with the same numbers rounded.
    let mut table = csv::Reader::from_path(out.join("compare.csv")).unwrap();
    for rec in table.records().map(Result::unwrap).skip(1) {
        let unit = &rec[1];
        let digits = match unit {
            "TWh/yr" => 3,
            "CNY/kg" => 2,
            _ => 1,
        };
        let show = |x: &str| {
            x.parse::<f64>()
                .map_or("–".into(), |v| spillway::charts::format_number(v, digits))
        };
        let cells = format!("| {unit} | {} | {} |", show(&rec[2]), show(&rec[3]));
        assert!(
            report.contains(&cells),
            "{}: {cells} not in\n{report}",
            &rec[0]
        );
    }
    assert!(
        report.contains("| new capacity: electrolysers | MW | 80.0 | 0.0 | −80.0 |"),
        "{report}"
    );
    for stem in CHARTS {
        assert!(
            report.contains(&format!("](charts/{stem}.png)")),
            "{stem} not embedded"
        );
    }

    // Redrawn from the files alone, into an emptied folder and over the old files: the same bytes.
    std::fs::remove_dir_all(out.join("charts")).unwrap();
    std::fs::remove_file(out.join("report.md")).unwrap();
    std::fs::remove_file(out.join("report.html")).unwrap();
    let a = spillway().arg("plot").arg(&out).assert().success();
    let stdout = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("redrew 8 files"), "{stdout}");
    assert_eq!(drawn(&out), first);
    spillway().arg("plot").arg(&out).assert().success();
    assert_eq!(drawn(&out), first);
}

#[test]
fn plot_refuses_a_folder_it_cannot_recognise() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("notes.txt"), "hello").unwrap();
    let a = spillway().arg("plot").arg(d.path()).assert().code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("no summary.json (run), compare.csv (compare) or sweep.csv (sweep)"),
        "{err}"
    );
}
