//! The same inputs give byte-identical results whatever the thread count. Only the timing keys
//! of summary.json (`*_seconds`) may differ between runs; every other byte must not.

use std::path::{Path, PathBuf};
use std::process::Command;

fn run(out: &Path, threads: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let status = Command::new(env!("CARGO_BIN_EXE_spillway"))
        .current_dir(root)
        .args([
            "run",
            "-q",
            "models/aba-2025.toml",
            "--resolution",
            "24h",
            "--out",
        ])
        .arg(out)
        .env("RAYON_NUM_THREADS", threads)
        .status()
        .unwrap();
    assert!(status.success());
}

/// Every file below `dir`, as paths relative to it (charts live in a subfolder).
fn files(dir: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push(p.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut f = Vec::new();
    walk(dir, dir, &mut f);
    f.sort();
    f
}

/// summary.json without its timings and `baseline_cached` (whether the status quo came from
/// the cache: false on the first run, true on the next; its numbers are compared).
fn without_timings(json: &str) -> String {
    json.lines()
        .filter(|l| !l.trim_start().starts_with("\"") || !l.contains("_seconds\""))
        .filter(|l| !l.contains("\"baseline_cached\""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn results_are_byte_identical_across_thread_counts_and_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let dirs: Vec<PathBuf> = ["1", "2", "2"]
        .iter()
        .enumerate()
        .map(|(i, threads)| {
            let d = tmp.path().join(format!("run{i}"));
            run(&d, threads);
            d
        })
        .collect();
    let reference = files(&dirs[0]);
    assert!(reference.len() >= 7);
    for other in &dirs[1..] {
        assert_eq!(files(other), reference, "different files");
        for rel in &reference {
            let x = std::fs::read(dirs[0].join(rel)).unwrap();
            let y = std::fs::read(other.join(rel)).unwrap();
            if rel.as_os_str() == "summary.json" {
                let (x, y) = (String::from_utf8(x).unwrap(), String::from_utf8(y).unwrap());
                assert_eq!(
                    without_timings(&x),
                    without_timings(&y),
                    "summary.json differs beyond timings"
                );
            } else {
                assert!(x == y, "{} differs between runs", rel.display());
            }
        }
    }
}
