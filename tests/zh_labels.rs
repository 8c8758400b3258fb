//! The shipped compare (`models/cases/2026/*.toml`) and a shipped sweep
//! (`models/sweeps/line-capex.toml`) in Chinese show names, not keys: no snake_case key of a
//! node, line or option that has a label appears on its own in report.md, report.html or any
//! chart (a key path such as `lines.aba_chengdu_1000kv.capex_cny_per_kw`, the parameter a
//! sweep varies, is the key the user wrote and may appear); and the folder keeps the labels
//! and `lang` it was drawn with, so `plot` redraws it the same.

use assert_cmd::Command;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The snake_case keys of the labelled components, from the folder's JSON `labels`.
fn labelled_keys(json: &Path) -> BTreeSet<String> {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    let labels = v["labels"]
        .as_object()
        .expect("the folder keeps the labels");
    let keys: BTreeSet<String> = (labels.keys())
        .filter_map(|k| k.split('.').nth(1))
        .filter(|k| k.contains('_'))
        .map(String::from)
        .collect();
    assert!(keys.contains("aba_chengdu_1000kv"), "{keys:?}");
    keys
}

/// Where `key` appears as a word of its own in `text`: not inside a key path (after a `.`).
fn bare(text: &str, key: &str) -> bool {
    text.match_indices(key).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + key.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        !word(before) && !word(after) && before != Some('.')
    })
}

/// report.md, report.html and every SVG of a folder.
fn texts(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = ["report.md", "report.html"]
        .iter()
        .map(|f| (f.to_string(), std::fs::read_to_string(dir.join(f)).unwrap()))
        .collect();
    for e in std::fs::read_dir(dir.join("charts")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "svg") {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, std::fs::read_to_string(&p).unwrap()));
        }
    }
    out
}

fn assert_no_bare_keys(dir: &Path, json: &str) {
    let keys = labelled_keys(&dir.join(json));
    let mut found = Vec::new();
    for (file, text) in texts(dir) {
        // The HTML embeds the SVGs; their text is checked in the SVG files themselves.
        for k in keys.iter().filter(|k| bare(&text, k)) {
            found.push(format!("{file}: {k}"));
        }
    }
    assert!(
        found.is_empty(),
        "keys shown where a label exists:\n{}",
        found.join("\n")
    );
}

fn spillway(args: &[&str]) {
    Command::cargo_bin("spillway")
        .unwrap()
        .current_dir(repo())
        .args(args)
        .assert()
        .success();
}

#[test]
fn the_shipped_compare_and_sweep_in_chinese_show_labels_not_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let cmp = tmp.path().join("compare");
    let mut args = vec!["compare".to_string()];
    let mut cases: Vec<String> = std::fs::read_dir(repo().join("models/cases/2026"))
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".toml"))
        .collect();
    cases.sort();
    args.extend(cases);
    let out = cmp.to_string_lossy().into_owned();
    args.extend(
        [
            "--resolution",
            "24h",
            "--lang",
            "zh",
            "--no-baseline",
            "-q",
            "--out",
            &out,
        ]
        .map(String::from),
    );
    spillway(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_no_bare_keys(&cmp, "compare.json");
    let md = std::fs::read_to_string(cmp.join("report.md")).unwrap();
    assert!(md.contains("阿坝外送500千伏线路"), "{md}");

    let sw = tmp.path().join("sweep");
    let out = sw.to_string_lossy().into_owned();
    spillway(&[
        "sweep",
        "models/sweeps/line-capex.toml",
        "--lang",
        "zh",
        "-q",
        "--out",
        &out,
    ]);
    assert_no_bare_keys(&sw, "sweep.json");
}

#[test]
fn a_bare_key_is_told_from_a_key_path() {
    assert!(bare("新建 aba_chengdu_1000kv 容量", "aba_chengdu_1000kv"));
    assert!(!bare(
        "`lines.aba_chengdu_1000kv.capex`",
        "aba_chengdu_1000kv"
    ));
    assert!(!bare("x_aba_chengdu_1000kv", "aba_chengdu_1000kv"));
}
