//! Chinese output (`--lang zh`, `lang = "zh"`): report.md and the charts in Chinese on run,
//! compare, sweep and plot, every glyph drawn present in a bundled font, a character outside
//! them an error (exit 5), and the `label` / `label_zh` keys of the scenario schema.

use assert_cmd::Command;
use std::path::Path;

mod common;

use common::valley::write_valley;

/// A folder with the scenario (`valley.toml`, plus `extra` appended) and 48 hours of flow.
fn case(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_valley(dir.path(), extra);
    dir
}

fn spillway() -> Command {
    Command::cargo_bin("spillway").unwrap()
}

fn is_hanzi(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// The text of every `<text>` element of an SVG (what the chart drew, as drawn).
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| Some(t.split_once('>')?.1.split_once("</text>")?.0.to_string()))
        .collect()
}

/// Every chart of a folder drew Chinese, and every character it drew is in a bundled font;
/// so is every character of report.md.
fn assert_drawn_in_bundled_fonts(dir: &Path) {
    let charts = dir.join("charts");
    let mut hanzi = 0;
    for e in std::fs::read_dir(&charts).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "svg") {
            let svg = std::fs::read_to_string(&p).unwrap();
            let texts = svg_texts(&svg);
            assert!(
                texts.iter().any(|t| t.chars().any(is_hanzi)),
                "{} has no Chinese text: {texts:?}",
                p.display()
            );
            for t in texts {
                hanzi += t.chars().filter(|c| is_hanzi(*c)).count();
                assert_eq!(
                    spillway::charts::missing_glyph(&t),
                    None,
                    "{t} in {}",
                    p.display()
                );
            }
        }
    }
    assert!(hanzi > 0);
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    for line in md.lines() {
        assert_eq!(spillway::charts::missing_glyph(line), None, "{line}");
    }
}

#[test]
fn run_in_chinese_writes_a_chinese_report_and_charts_and_plot_redraws_them() {
    let d = case("");
    let out = d.path().join("out");
    spillway()
        .arg("run")
        .arg(d.path().join("valley.toml"))
        .args(["--lang", "zh", "--no-baseline", "-q", "--out"])
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("## 要点") && md.contains("## 图表"), "{md}");
    // Names come from label_zh; the energy words from the tables.
    assert!(md.contains("上游河谷（马尔康、金川）"), "{md}");
    assert!(
        md.contains("阿坝—成都东1000千伏线路") || md.contains("电解槽"),
        "{md}"
    );
    assert_drawn_in_bundled_fonts(&out);
    // Result files do not change with the language.
    let en = d.path().join("en");
    spillway()
        .arg("run")
        .arg(d.path().join("valley.toml"))
        .args(["--no-baseline", "-q", "--out"])
        .arg(&en)
        .assert()
        .success();
    for f in ["capacities.csv", "dispatch.csv", "prices.csv"] {
        assert_eq!(
            std::fs::read(out.join(f)).unwrap(),
            std::fs::read(en.join(f)).unwrap(),
            "{f}"
        );
    }
    assert!(!std::fs::read_to_string(en.join("report.md"))
        .unwrap()
        .chars()
        .any(is_hanzi));
    // `plot --lang zh` redraws the zh folder byte for byte.
    let before = snapshot(&out);
    spillway()
        .arg("plot")
        .arg(&out)
        .args(["--lang", "zh"])
        .assert()
        .success();
    assert_eq!(snapshot(&out), before);
}

/// Every chart and report.md of a folder, by name.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir.join("charts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.push(dir.join("report.md"));
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(p).unwrap()))
        .collect()
}

#[test]
fn lang_in_the_scenario_is_used_and_the_flag_wins() {
    let d = case("");
    let text = std::fs::read_to_string(d.path().join("valley.toml")).unwrap();
    let zh = text.replacen("name = \"valley\"", "name = \"valley\"\nlang = \"zh\"", 1);
    std::fs::write(d.path().join("valley.toml"), zh).unwrap();
    let out = d.path().join("out");
    let run = |lang: Option<&str>| {
        let mut c = spillway();
        c.arg("run").arg(d.path().join("valley.toml"));
        if let Some(l) = lang {
            c.args(["--lang", l]);
        }
        c.args(["--no-baseline", "-q", "--force", "--out"])
            .arg(&out)
            .assert()
            .success();
        std::fs::read_to_string(out.join("report.md")).unwrap()
    };
    assert!(run(None).contains("## 要点"));
    assert!(run(Some("en")).contains("## Headline"));
    // `plot` without the flag draws a run folder in its scenario's language.
    spillway().arg("plot").arg(&out).assert().success();
    assert!(std::fs::read_to_string(out.join("report.md"))
        .unwrap()
        .contains("## 要点"));
}

#[test]
fn compare_and_sweep_in_chinese() {
    let d = case("");
    let cheap = d.path().join("cheap.toml");
    std::fs::write(
        &cheap,
        "extends = \"valley.toml\"\nname = \"cheap\"\n[market]\nhydrogen_price_cny_per_kg = 20\n",
    )
    .unwrap();
    let cmp = d.path().join("cmp");
    spillway()
        .arg("compare")
        .arg(d.path().join("valley.toml"))
        .arg(&cheap)
        .args(["--lang", "zh", "-q", "--out"])
        .arg(&cmp)
        .assert()
        .success();
    let md = std::fs::read_to_string(cmp.join("report.md")).unwrap();
    assert!(md.contains("情景比较") && md.contains("## 图表"), "{md}");
    assert_drawn_in_bundled_fonts(&cmp);
    let sweep = d.path().join("sweep.toml");
    std::fs::write(
        &sweep,
        "base = \"valley.toml\"\n[[parameter]]\npath = \"market.hydrogen_price_cny_per_kg\"\nvalues = [5, 20]\n",
    )
    .unwrap();
    let sw = d.path().join("sw");
    spillway()
        .arg("sweep")
        .arg(&sweep)
        .args(["--lang", "zh", "-q", "--out"])
        .arg(&sw)
        .assert()
        .success();
    let md = std::fs::read_to_string(sw.join("report.md")).unwrap();
    assert!(md.contains("参数扫描") && md.contains("## 图表"), "{md}");
    assert_drawn_in_bundled_fonts(&sw);
    let before = snapshot(&sw);
    spillway()
        .arg("plot")
        .arg(&sw)
        .args(["--lang", "zh"])
        .assert()
        .success();
    assert_eq!(snapshot(&sw), before);
}

#[test]
fn a_character_no_bundled_font_has_is_an_error_naming_it() {
    // U+20000 (CJK Extension B) is outside the subset.
    let d = case("");
    let text = std::fs::read_to_string(d.path().join("valley.toml")).unwrap();
    std::fs::write(
        d.path().join("valley.toml"),
        text.replace("上游河谷（马尔康、金川）", "上游\u{20000}河谷"),
    )
    .unwrap();
    let out = spillway()
        .arg("run")
        .arg(d.path().join("valley.toml"))
        .args(["--lang", "zh", "--no-baseline", "-q", "--out"])
        .arg(d.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("U+20000") && err.contains("上游\u{20000}河谷"),
        "{err}"
    );
    assert!(
        !d.path().join("out").exists(),
        "a failed drawing leaves no folder"
    );
}

#[test]
fn label_and_label_zh_are_keys_of_nodes_lines_and_options_and_misspellings_are_named() {
    let d = case("");
    spillway()
        .arg("check")
        .arg(d.path().join("valley.toml"))
        .assert()
        .success();
    let text = std::fs::read_to_string(d.path().join("valley.toml")).unwrap();
    std::fs::write(
        d.path().join("valley.toml"),
        text.replacen("label_zh = \"电解槽\"", "lable_zh = \"电解槽\"", 1),
    )
    .unwrap();
    let out = spillway()
        .arg("check")
        .arg(d.path().join("valley.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("lable_zh") && err.contains("label_zh"),
        "{err}"
    );
}
