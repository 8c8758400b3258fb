//! Files for people outside spillway: `results.xlsx` in every folder (read back with calamine
//! and compared with the CSVs cell for cell), `--excel-csv` (a UTF-8 byte-order mark that
//! spillway's own readers accept), and `provenance` in summary.json.

use assert_cmd::Command;
use calamine::{open_workbook, Data, Reader, Xlsx};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

const BOM: &[u8] = b"\xEF\xBB\xBF";

const BASE: &str = r#"name = "base"
[time]
profiles = "profiles.csv"
[nodes.a]
kind = "region"
demand_twh_per_year = 0.1752                    # ASSUMPTION: 20 MW of test demand
[nodes.c]
kind = "outside"
[generators.hydro]
node = "a"
kind = "ror"
capacity_mw = 100                               # ASSUMPTION: test plant
profile = "flow"
[lines.ac]
from = "a"
to = "c"
capacity_mw = 50
[market]
node = "c"
export_price_cny_per_mwh = 100
import_price_cny_per_mwh = 200
hydrogen_price_cny_per_kg = 10
"#;

const CHILD: &str = r#"extends = "base.toml"
name = "child"
[options.electrolyser]
sites_max_mw = { a = 30 }                       # ASSUMPTION: one site
capex_cny_per_kw = 100
kwh_per_kg = 50
"#;

const SWEEP: &str = "base = \"child.toml\"\n[[parameter]]\npath = \"market.hydrogen_price_cny_per_kg\"\nvalues = [5, 20, 40]\n";

/// base.toml, child.toml, sweep.toml and 48 hours of profile in a fresh folder.
fn case() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("timestamp,flow\n");
    for h in 0..48 {
        let flow = 0.5 + 0.5 * ((h % 24) as f64 / 23.0);
        let (day, hour) = (1 + h / 24, h % 24);
        csv.push_str(&format!("2025-07-{day:02} {hour:02}:00,{flow:.4}\n"));
    }
    std::fs::write(dir.path().join("profiles.csv"), csv).unwrap();
    std::fs::write(dir.path().join("base.toml"), BASE).unwrap();
    std::fs::write(dir.path().join("child.toml"), CHILD).unwrap();
    std::fs::write(dir.path().join("sweep.toml"), SWEEP).unwrap();
    dir
}

fn spillway(args: &[&str], paths: &[&Path]) {
    Command::cargo_bin("spillway")
        .unwrap()
        .args(args)
        .args(paths)
        .assert()
        .success();
}

fn csvs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    v.sort();
    v
}

fn stem(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

/// A CSV's header and rows (the `csv` crate skips a byte-order mark).
fn read_csv(p: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(p).unwrap();
    let h = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (h, rows)
}

/// Whether a workbook cell holds what the CSV cell says: the same number, boolean or text.
fn same(cell: &Data, text: &str) -> bool {
    match cell {
        Data::Float(x) => text.parse::<f64>().is_ok_and(|y| y == *x),
        Data::Int(x) => text.parse::<f64>().is_ok_and(|y| y == *x as f64),
        Data::Bool(b) => text == b.to_string(),
        Data::String(s) => s == text,
        Data::Empty => text.is_empty(),
        _ => false,
    }
}

/// Every sheet of a CSV equals the CSV: header, then (after the units row) every cell.
fn check_workbook(
    dir: &Path,
    first: &[&str],
    last: &[&str],
) -> Xlsx<std::io::BufReader<std::fs::File>> {
    let mut wb: Xlsx<_> = open_workbook(dir.join("results.xlsx")).unwrap();
    let files = csvs(dir);
    let mut expected: Vec<String> = first.iter().map(|s| s.to_string()).collect();
    expected.extend(files.iter().map(|p| stem(p)));
    expected.extend(last.iter().map(|s| s.to_string()));
    assert_eq!(wb.sheet_names(), expected);
    for path in &files {
        let (header, rows) = read_csv(path);
        let sheet = wb.worksheet_range(&stem(path)).unwrap();
        let got: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
        let head: Vec<String> = got[0].iter().map(|c| c.to_string()).collect();
        assert_eq!(head, header, "{}", path.display());
        assert_eq!(
            got.len(),
            rows.len() + 2,
            "{}: header, units, rows",
            path.display()
        );
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                let cell = got[r + 2].get(c).unwrap_or(&Data::Empty);
                assert!(
                    same(cell, text),
                    "{} row {r} col {c}: {cell:?} vs {text:?}",
                    path.display()
                );
            }
        }
    }
    wb
}

#[test]
fn a_run_folder_has_a_workbook_with_every_csv_and_the_summary() {
    let c = case();
    let out = c.path().join("out");
    spillway(
        &["run", "-q"],
        &[&c.path().join("child.toml"), Path::new("--out"), &out],
    );
    let mut wb = check_workbook(&out, &["summary"], &[]);
    // Units are read from the column names.
    let caps = wb.worksheet_range("curtailment").unwrap();
    assert_eq!(caps.get((1, 2)), Some(&Data::String("MW".into())));
    assert_eq!(
        caps.get((0, 2)),
        Some(&Data::String("a_curtailed_mw".into()))
    );
    // The summary sheet holds summary.json's numbers.
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let sheet = wb.worksheet_range("summary").unwrap();
    let value = |key: &str| {
        sheet
            .rows()
            .find(|r| r[0] == Data::String(key.into()))
            .map(|r| r[1].clone())
            .unwrap_or_else(|| panic!("no {key} in the summary sheet"))
    };
    assert_eq!(
        value("objective_cny"),
        Data::Float(summary["objective_cny"].as_f64().unwrap())
    );
    assert_eq!(
        value("capacity_built_mw.electrolyser"),
        Data::Float(
            summary["capacity_built_mw"]["electrolyser"]
                .as_f64()
                .unwrap()
        )
    );
    assert_eq!(
        value("provenance.version"),
        Data::String(env!("CARGO_PKG_VERSION").into())
    );
}

#[test]
fn excel_csv_marks_every_csv_and_spillway_reads_them_back() {
    let c = case();
    let (plain, marked) = (c.path().join("plain"), c.path().join("marked"));
    let child = c.path().join("child.toml");
    spillway(&["run", "-q"], &[&child, Path::new("--out"), &plain]);
    spillway(
        &["run", "-q", "--excel-csv"],
        &[&child, Path::new("--out"), &marked],
    );
    for p in csvs(&plain) {
        let with = std::fs::read(marked.join(p.file_name().unwrap())).unwrap();
        let without = std::fs::read(&p).unwrap();
        assert!(!without.starts_with(BOM), "off by default: {}", p.display());
        assert_eq!(with, [BOM, &without].concat(), "{}", p.display());
    }
    // The same workbook, and `plot` redraws the marked folder exactly as the plain one.
    let bytes = |d: &Path, f: &str| std::fs::read(d.join(f)).unwrap();
    assert_eq!(
        bytes(&plain, "results.xlsx"),
        bytes(&marked, "results.xlsx")
    );
    spillway(&["plot"], &[&marked]);
    assert_eq!(bytes(&plain, "report.md"), bytes(&marked, "report.md"));
    assert_eq!(
        bytes(&plain, "charts/monthly_energy.svg"),
        bytes(&marked, "charts/monthly_energy.svg")
    );
    // `plot --excel-csv` marks a folder written without.
    spillway(&["plot", "--excel-csv"], &[&plain]);
    for p in csvs(&plain) {
        assert!(
            std::fs::read(&p).unwrap().starts_with(BOM),
            "{}",
            p.display()
        );
    }
}

#[test]
fn sweep_shards_with_excel_csv_merge_and_redraw() {
    let c = case();
    let sweep = c.path().join("sweep.toml");
    let out = |n: &str| c.path().join(n);
    spillway(
        &["sweep", "-q"],
        &[&sweep, Path::new("--out"), &out("whole")],
    );
    for k in ["1/2", "2/2"] {
        let dir = out(&format!("s{}", &k[..1]));
        spillway(
            &["sweep", "-q", "--excel-csv", "--shard", k],
            &[&sweep, Path::new("--out"), &dir],
        );
    }
    spillway(
        &["merge"],
        &[&out("s1"), &out("s2"), Path::new("--out"), &out("merged")],
    );
    let merged = std::fs::read(out("merged").join("sweep.csv")).unwrap();
    let whole = std::fs::read(out("whole").join("sweep.csv")).unwrap();
    assert_eq!(
        merged,
        [BOM, &whole].concat(),
        "merged from marked shards: marked"
    );
    spillway(&["plot"], &[&out("merged")]);
    let wb = check_workbook(&out("merged"), &[], &["assumptions"]);
    drop(wb);
    check_workbook(&out("whole"), &[], &["assumptions"]);
}

#[test]
fn a_compare_folder_has_a_workbook_with_each_case() {
    let c = case();
    let out = c.path().join("cmp");
    spillway(
        &["compare", "-q", "--excel-csv"],
        &[
            &c.path().join("base.toml"),
            &c.path().join("child.toml"),
            Path::new("--out"),
            &out,
        ],
    );
    for p in csvs(&out) {
        assert!(
            std::fs::read(&p).unwrap().starts_with(BOM),
            "{}",
            p.display()
        );
    }
    let mut wb = check_workbook(&out, &[], &["assumptions"]);
    let a = wb.worksheet_range("assumptions").unwrap();
    let files: Vec<String> = a
        .rows()
        .filter(|r| r[1] == Data::String("file".into()))
        .map(|r| r[0].to_string())
        .collect();
    assert_eq!(files, ["base", "child"]);
}

fn provenance(out: &Path) -> serde_json::Value {
    let s: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    s["provenance"].clone()
}

fn sha256(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn provenance_names_the_version_and_hashes_every_input() {
    let c = case();
    let child = c.path().join("child.toml");
    let profiles = c.path().join("profiles.csv");
    spillway(
        &["run", "-q"],
        &[&child, Path::new("--out"), &c.path().join("r1")],
    );
    let p = provenance(&c.path().join("r1"));
    assert_eq!(p["version"], env!("CARGO_PKG_VERSION"));
    let commit = &p["commit"];
    assert!(
        commit.is_null()
            || commit
                .as_str()
                .is_some_and(|s| s.len() == 40 && s.chars().all(|c| c.is_ascii_hexdigit())),
        "{commit}"
    );
    let keys: Vec<&String> = p["inputs"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["base.toml", "child.toml", "profiles.csv"]);
    let entry = &p["inputs"]["profiles.csv"];
    assert_eq!(entry["sha256"], sha256(&profiles));
    assert_eq!(entry["bytes"], std::fs::metadata(&profiles).unwrap().len());
    assert_eq!(p["inputs"]["child.toml"]["sha256"], sha256(&child));

    // One byte changed (a flow of 0.5000 becomes 0.6000): another hash, the new file's.
    let text = std::fs::read_to_string(&profiles).unwrap();
    std::fs::write(&profiles, text.replacen(",0.5000", ",0.6000", 1)).unwrap();
    spillway(
        &["run", "-q"],
        &[&child, Path::new("--out"), &c.path().join("r2")],
    );
    let changed = provenance(&c.path().join("r2"));
    assert_ne!(changed["inputs"]["profiles.csv"]["sha256"], entry["sha256"]);
    assert_eq!(
        changed["inputs"]["profiles.csv"]["sha256"],
        sha256(&profiles)
    );
    assert_eq!(changed["inputs"]["base.toml"], p["inputs"]["base.toml"]);

    // The same inputs in another folder, run from elsewhere: the same provenance.
    let d = case();
    std::fs::copy(&profiles, d.path().join("profiles.csv")).unwrap();
    Command::cargo_bin("spillway")
        .unwrap()
        .current_dir(c.path())
        .args(["run", "-q"])
        .arg(d.path().join("child.toml"))
        .arg("--out")
        .arg(d.path().join("r3"))
        .assert()
        .success();
    assert_eq!(provenance(&d.path().join("r3")), changed);
}
