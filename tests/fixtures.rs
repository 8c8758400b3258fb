//! Snapshot tests of what a user sees for invalid (or implausible: the `warn_*` folders, which
//! exit 0 with `warning:` lines) input: every folder under
//! `tests/fixtures/invalid/` (but `_shared`) is run as `spillway check scenario.toml` (or the
//! arguments in its `cmd` file) from inside that folder, and its exit code and stderr must match
//! the folder's `expected` file exactly. After an intended change of wording, regenerate with
//! `SPILLWAY_BLESS=1 cargo test --test fixtures` and review the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir() && !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    dirs.sort();
    dirs
}

fn observe(dir: &Path) -> String {
    let args =
        std::fs::read_to_string(dir.join("cmd")).unwrap_or_else(|_| "check scenario.toml".into());
    let out = Command::new(env!("CARGO_BIN_EXE_spillway"))
        .args(args.split_whitespace())
        .current_dir(dir)
        .output()
        .unwrap();
    let code = out
        .status
        .code()
        .map_or("signal".to_string(), |c| c.to_string());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "{}: spillway panicked:\n{stderr}",
        dir.display()
    );
    format!("exit code: {code}\n--- stderr\n{stderr}")
}

#[test]
fn invalid_inputs_give_exactly_the_recorded_messages() {
    let bless = std::env::var("SPILLWAY_BLESS").is_ok_and(|v| v == "1");
    let dirs = fixtures();
    assert!(dirs.len() >= 30, "only {} fixtures", dirs.len());
    let mut failures = Vec::new();
    for dir in &dirs {
        let seen = observe(dir);
        let expected_path = dir.join("expected");
        if bless {
            std::fs::write(&expected_path, &seen).unwrap();
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(expected) if expected == seen => {}
            Ok(expected) => failures.push(format!(
                "{}\n--- expected\n{expected}\n--- seen\n{seen}",
                dir.display()
            )),
            Err(_) => failures.push(format!(
                "{}: no `expected` file (bless to create)",
                dir.display()
            )),
        }
        // Every fixture is something the user must see: an error (never success, never a
        // crash), or a plausibility warning on a run that goes on (exit 0, `warning:` lines).
        assert!(
            !seen.starts_with("exit code: 0\n") || seen.contains("\nwarning: "),
            "{} succeeded without a warning",
            dir.display()
        );
        assert!(
            !seen.starts_with("exit code: 1\n"),
            "{} hit an internal error:\n{seen}",
            dir.display()
        );
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
