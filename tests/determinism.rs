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

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut f: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    f.sort();
    f
}

fn without_timings(json: &str) -> String {
    json.lines()
        .filter(|l| !l.trim_start().starts_with("\"") || !l.contains("_seconds\""))
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
        let names: Vec<_> = files(other)
            .iter()
            .map(|p| p.file_name().unwrap().to_owned())
            .collect();
        assert_eq!(
            names,
            reference
                .iter()
                .map(|p| p.file_name().unwrap().to_owned())
                .collect::<Vec<_>>()
        );
        for a in &reference {
            let b = other.join(a.file_name().unwrap());
            let (x, y) = (
                std::fs::read_to_string(a).unwrap(),
                std::fs::read_to_string(&b).unwrap(),
            );
            if a.file_name().unwrap() == "summary.json" {
                assert_eq!(
                    without_timings(&x),
                    without_timings(&y),
                    "summary.json differs beyond timings"
                );
            } else {
                assert!(x == y, "{} differs between runs", a.display());
            }
        }
    }
}
