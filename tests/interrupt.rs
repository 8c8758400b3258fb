//! An interrupted run (kill, Ctrl-C) leaves the previous results intact and no half-written
//! folder under the target's name; the next run cleans up after it.

mod common;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn tiny(capacity: u32) -> common::Case {
    common::case(
        &format!(
            r#"{}
[nodes.a]
kind = "region"
demand_twh_per_year = 0.1752
[generators.hydro]
node = "a"
kind = "ror"
capacity_mw = {capacity}
profile = "one"
"#,
            common::HEAD
        ),
        "one",
        &["2025-06-01 00:00,1", "2025-06-01 01:00,1"],
    )
}

fn spawn_paused(scenario: &Path, out: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_spillway"))
        .args(["run", "-q"])
        .arg(scenario)
        .arg("--out")
        .arg(out)
        .env("SPILLWAY_PAUSE_BEFORE_RENAME_MS", "20000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Wait until the child has finished writing its temporary folder (it is then paused).
fn wait_for_partial(parent: &Path) {
    let start = Instant::now();
    loop {
        let ready = std::fs::read_dir(parent).unwrap().flatten().any(|e| {
            e.file_name().to_string_lossy().contains(".partial-")
                && e.path().join(".spillway-output").exists()
        });
        if ready {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the run never reached its rename"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn interrupt_with(signal: &str) {
    let first = tiny(100);
    let out = first.dir.path().join("results");
    let status = Command::new(env!("CARGO_BIN_EXE_spillway"))
        .args(["run", "-q"])
        .arg(&first.path)
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let before = std::fs::read_to_string(out.join("capacities.csv")).unwrap();

    // A second run with other inputs is killed after writing everything, before the rename.
    std::fs::write(
        &first.path,
        std::fs::read_to_string(&first.path)
            .unwrap()
            .replace("= 100", "= 250"),
    )
    .unwrap();
    let mut child = spawn_paused(&first.path, &out);
    wait_for_partial(first.dir.path());
    let killed = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(!status.success(), "the run was not interrupted");

    // The previous results are intact, byte for byte, under the target's name.
    assert_eq!(
        std::fs::read_to_string(out.join("capacities.csv")).unwrap(),
        before
    );
    // The next run cleans the dead run's temporary folder and writes the new results.
    let status = Command::new(env!("CARGO_BIN_EXE_spillway"))
        .args(["run", "-q"])
        .arg(&first.path)
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(std::fs::read_to_string(out.join("capacities.csv"))
        .unwrap()
        .contains("250.0"));
    let leftovers: Vec<String> = std::fs::read_dir(first.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".partial-") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

#[test]
fn kill_before_rename_keeps_previous_results() {
    interrupt_with("-KILL");
}

#[test]
fn ctrl_c_before_rename_keeps_previous_results() {
    interrupt_with("-INT");
}

#[test]
fn a_dead_runs_moved_aside_results_are_restored() {
    // Killed between moving the old folder aside and renaming the new one in: the old one is
    // found beside the target under `.NAME.old-PID` and put back by the next run.
    let c = tiny(100);
    let out = c.dir.path().join("results");
    let run = |path: &Path| {
        Command::new(env!("CARGO_BIN_EXE_spillway"))
            .args(["run", "-q"])
            .arg(path)
            .arg("--out")
            .arg(&out)
            .status()
            .unwrap()
    };
    assert!(run(&c.path).success());
    let dead_pid = 999_999_999u32; // beyond any pid_max
    let aside = c.dir.path().join(format!(".results.old-{dead_pid}"));
    std::fs::rename(&out, &aside).unwrap();
    // A run that fails validation does not write; a run that writes must first restore.
    std::fs::write(c.dir.path().join("bad.toml"), "name = \"x\"").unwrap();
    assert!(!run(&c.dir.path().join("bad.toml")).success());
    assert!(
        aside.exists(),
        "nothing is touched before results are ready to write"
    );
    assert!(run(&c.path).success());
    assert!(!aside.exists());
    assert!(out.join("summary.json").exists());
}
