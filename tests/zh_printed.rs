//! What a user sees printed in Chinese: the table of a small run with `--lang zh`, as a
//! snapshot (`tests/fixtures/zh/run_table.txt`; timings and the folder path masked). Labels come
//! from the scenario's `label_zh`, words from the Chinese tables, values as computed; the
//! English table of the same run is unchanged by `--lang` (checked against a run without it).
//! To accept a deliberate change of the table: `SPILLWAY_BLESS=1 cargo test --test zh_printed`.

use assert_cmd::Command;
use regex::Regex;
use std::path::Path;

mod common;

fn printed(dir: &Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("spillway")
        .unwrap()
        .current_dir(dir)
        .args([
            "run",
            "valley.toml",
            "--no-baseline",
            "--out",
            "out",
            "--force",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // Timings differ from run to run.
    let seconds = Regex::new(r"[0-9]+\.[0-9]+ (s|秒)").unwrap();
    seconds.replace_all(&text, "X $1").into_owned()
}

#[test]
fn the_printed_table_of_a_run_in_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    common::valley::write_valley(tmp.path(), "");
    let zh = printed(tmp.path(), &["--lang", "zh"]);
    let en = printed(tmp.path(), &[]);
    assert_ne!(zh, en);
    // Every label line of the English table has its Chinese line, in the same order.
    assert_eq!(zh.lines().count(), en.lines().count());
    assert!(
        zh.contains("上游河谷") || zh.contains("阿坝—成都东1000千伏线路"),
        "{zh}"
    );
    for word in [
        "scenario",
        "objective",
        "capacity built",
        "energy (TWh",
        "curtailment (",
    ] {
        assert!(!zh.contains(word), "`{word}` left in English:\n{zh}");
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/zh/run_table.txt");
    if std::env::var_os("SPILLWAY_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &zh).unwrap();
    }
    let expected =
        std::fs::read_to_string(&path).expect("the snapshot (SPILLWAY_BLESS=1 makes it)");
    assert_eq!(zh, expected, "the printed Chinese table changed:\n{zh}");
}
