//! Hostile inputs that cannot be committed as fixtures (FIFOs, huge sparse files): each must be
//! refused promptly with exit code 2 and a message naming the file, never block or exhaust
//! memory. Every command runs under a time limit; running into it is a failure.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Run spillway in `dir`; (exit code, stderr). Killed and failed after 60 s (a hang).
fn spillway(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_spillway"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("spillway {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn fixture_base() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/_shared/base.toml")
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo failed");
}

#[cfg(unix)]
#[test]
fn a_fifo_as_scenario_or_series_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("pipe.toml"));
    let (code, err) = spillway(dir.path(), &["check", "pipe.toml"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("pipe.toml") && err.contains("FIFO"), "{err}");

    mkfifo(&dir.path().join("pipe.csv"));
    let scenario = format!(
        "extends = {:?}\n[time]\nprofiles = \"pipe.csv\"\n",
        fixture_base().display().to_string()
    );
    std::fs::write(dir.path().join("s.toml"), scenario).unwrap();
    let (code, err) = spillway(dir.path(), &["check", "s.toml"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("time.profiles") && err.contains("pipe.csv") && err.contains("FIFO"),
        "{err}"
    );
}

#[test]
fn files_over_the_size_limits_are_refused_before_reading() {
    use spillway::input_file::{MAX_CSV_BYTES, MAX_TOML_BYTES};
    let dir = tempfile::tempdir().unwrap();
    // Sparse files: their length is past the limit, they take no space on disk.
    let big_toml = std::fs::File::create(dir.path().join("big.toml")).unwrap();
    big_toml.set_len(MAX_TOML_BYTES + 1).unwrap();
    let (code, err) = spillway(dir.path(), &["check", "big.toml"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("big.toml") && err.contains(&format!("{} bytes", MAX_TOML_BYTES + 1)),
        "{err}"
    );

    let big_csv = std::fs::File::create(dir.path().join("big.csv")).unwrap();
    big_csv.set_len(MAX_CSV_BYTES + 1).unwrap();
    let scenario = format!(
        "extends = {:?}\n[time]\nprofiles = \"big.csv\"\n",
        fixture_base().display().to_string()
    );
    std::fs::write(dir.path().join("s.toml"), scenario).unwrap();
    let (code, err) = spillway(dir.path(), &["check", "s.toml"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("time.profiles") && err.contains("limit"),
        "{err}"
    );
}

#[test]
fn absurd_command_line_numbers_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let base = fixture_base().display().to_string();
    for (args, name) in [
        (vec!["run", &base, "--threads", "1000000"], "--threads"),
        (
            vec!["run", &base, "--resolution", "99999999999999999999h"],
            "--resolution",
        ),
        (
            vec!["run", &base, "--max-iter", "99999999999"],
            "--max-iter",
        ),
    ] {
        let (code, err) = spillway(dir.path(), &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(name), "{args:?}: {err}");
    }
}
