//! An interrupted run (kill, Ctrl-C) leaves the previous results intact and no half-written
//! folder under the target's name; the next run cleans up after it.

mod common;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

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

/// A run that stops at `step` of the swap (see `output::folder::test_pause`) and waits there;
/// returns once it has said so.
fn spawn_paused(scenario: &Path, out: &Path, step: &str) -> Child {
    spawn_paused_for(scenario, out, step, 60_000)
}

fn spawn_paused_for(scenario: &Path, out: &Path, step: &str, ms: u32) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_spillway"))
        .args(["run", "-q"])
        .arg(scenario)
        .arg("--out")
        .arg(out)
        .env("SPILLWAY_TEST_PAUSE", step)
        .env("SPILLWAY_TEST_PAUSE_MS", ms.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(
        line.trim(),
        format!("paused at {step}"),
        "the run never reached {step}"
    );
    child
}

fn run(scenario: &Path, out: &Path) -> std::process::ExitStatus {
    Command::new(env!("CARGO_BIN_EXE_spillway"))
        .args(["run", "-q"])
        .arg(scenario)
        .arg("--out")
        .arg(out)
        .stderr(Stdio::null())
        .status()
        .unwrap()
}

/// Files beside the output folder that only an unfinished write leaves.
/// Hidden entries beside the output folder (the temporary folders of the swap), except the
/// status-quo cache `.spillway-cache/`, which is meant to stay; inside it, a half-written
/// entry (`*.tmp<pid>`) counts as left behind.
fn leftovers(parent: &Path) -> Vec<String> {
    let names = |dir: &Path| -> Vec<String> {
        std::fs::read_dir(dir)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let cache = spillway::study::baseline::CACHE_DIR;
    let mut left: Vec<String> = names(parent)
        .into_iter()
        .filter(|n| n.starts_with('.') && n != cache)
        .collect();
    left.extend(
        names(&parent.join(cache))
            .into_iter()
            .filter(|n| n.contains(".tmp"))
            .map(|n| format!("{cache}/{n}")),
    );
    left
}

/// A run killed with `signal` while stopped at `step` of the swap leaves a complete result
/// under the target's name (the old one or the new one, as the step implies), which `plot` can
/// read; the next run cleans up everything the dead one left.
fn interrupt_at(step: &str, signal: &str, expect_new: bool) {
    let first = tiny(100);
    let out = first.dir.path().join("results");
    assert!(run(&first.path, &out).success());
    let before = std::fs::read_to_string(out.join("capacities.csv")).unwrap();

    // A second run with other inputs is stopped at `step` and killed there.
    std::fs::write(
        &first.path,
        std::fs::read_to_string(&first.path)
            .unwrap()
            .replace("= 100", "= 250"),
    )
    .unwrap();
    let mut child = spawn_paused(&first.path, &out, step);
    let killed = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(!status.success(), "the run was not interrupted");

    // A complete result is under the target's name: the previous one byte for byte, or the new.
    let now = std::fs::read_to_string(out.join("capacities.csv")).unwrap();
    if expect_new {
        assert!(
            now.contains("250"),
            "{step}: expected the new result:\n{now}"
        );
    } else {
        assert_eq!(now, before, "{step}: expected the previous result");
    }
    assert!(out.join("summary.json").exists());
    let plot = Command::new(env!("CARGO_BIN_EXE_spillway"))
        .arg("plot")
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(plot.success(), "{step}: plot failed on the folder left");

    // The next run cleans the dead run's leftovers and writes the new results.
    assert!(run(&first.path, &out).success());
    assert!(std::fs::read_to_string(out.join("capacities.csv"))
        .unwrap()
        .contains("250"));
    let left = leftovers(first.dir.path());
    assert!(left.is_empty(), "{step}: left behind: {left:?}");
}

#[test]
fn kill_at_every_step_of_the_swap_leaves_a_complete_result() {
    interrupt_at("written", "-KILL", false);
    interrupt_at("locked", "-KILL", false);
    interrupt_at("swapped", "-KILL", true);
}

#[test]
fn ctrl_c_before_the_swap_keeps_previous_results() {
    interrupt_at("written", "-INT", false);
}

#[test]
fn a_second_run_waits_for_the_first_swap_and_both_succeed() {
    let c = tiny(100);
    let out = c.dir.path().join("results");
    assert!(run(&c.path, &out).success());
    // The first holds the lock (stopped inside it); the second must wait, not fail or mix.
    let mut first = spawn_paused_for(&c.path, &out, "locked", 3000);
    let mut second = Command::new(env!("CARGO_BIN_EXE_spillway"))
        .args(["run", "-q"])
        .arg(&c.path)
        .arg("--out")
        .arg(&out)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(
        second.try_wait().unwrap().is_none(),
        "the second run did not wait for the first one's swap"
    );
    assert!(first.wait().unwrap().success());
    assert!(second.wait().unwrap().success());
    assert!(out.join("summary.json").exists());
    assert!(leftovers(c.dir.path()).is_empty());
}

#[test]
fn concurrent_runs_into_one_folder_all_succeed_without_debris() {
    let c = tiny(100);
    let out = c.dir.path().join("results");
    let children: Vec<Child> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_spillway"))
                .args(["run", "-q"])
                .arg(&c.path)
                .arg("--out")
                .arg(&out)
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    assert!(out.join("summary.json").exists());
    let left = leftovers(c.dir.path());
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn out_file_with_force_is_replaced_without_a_trace() {
    let c = tiny(100);
    let out = c.dir.path().join("results");
    std::fs::write(&out, "a file of the user's").unwrap();
    assert!(
        !run(&c.path, &out).success(),
        "a file not made by spillway is replaced only with --force"
    );
    let status = Command::new(env!("CARGO_BIN_EXE_spillway"))
        .args(["run", "-q", "--force"])
        .arg(&c.path)
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(out.join("summary.json").exists());
    let left = leftovers(c.dir.path());
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn a_dead_runs_moved_aside_results_are_restored() {
    // Killed between moving the old folder aside and renaming the new one in: the old one is
    // found beside the target under `.NAME.old-PID` and put back by the next run.
    let c = tiny(100);
    let out = c.dir.path().join("results");
    let run = |path: &Path| run(path, &out);
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
