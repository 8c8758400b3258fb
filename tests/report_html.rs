//! `report.html` of a run, a comparison and a sweep, parsed as a browser would (html5ever through
//! `scraper`): made from report.md, every chart of report.md inline as SVG, nothing fetched from
//! elsewhere, the tables and (for a run) the net-benefit headline there. The browser check
//! itself (images load, no console errors, printing) is `scripts/check-report-html.sh`.

mod common;
use assert_cmd::Command;
use common::*;
use scraper::{Html, Selector};
use std::path::Path;

fn spillway() -> Command {
    Command::cargo_bin("spillway").unwrap()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The stems of the charts report.md embeds (`![…](charts/<stem>.png)`).
fn chart_stems(md: &str) -> Vec<String> {
    md.split("](charts/")
        .skip(1)
        .filter_map(|rest| rest.split_once(".png)").map(|(stem, _)| stem.to_string()))
        .collect()
}

/// Delimiter rows of Markdown tables (`|---|---:|`): one per table.
fn md_tables(md: &str) -> usize {
    md.lines()
        .filter(|l| {
            let t = l.trim();
            t.starts_with("|-") && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
        })
        .count()
}

/// Parse `out/report.html` and check what every kind of folder's page must hold; returns it.
fn check_page(out: &Path) -> Html {
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let text = std::fs::read_to_string(out.join("report.html")).unwrap();
    let page = Html::parse_document(&text);
    assert!(page.errors.is_empty(), "parse errors: {:?}", page.errors);
    let html = page.select(&sel("html")).next().unwrap();
    assert_eq!(html.value().attr("lang"), Some("en"));
    assert_eq!(page.select(&sel("meta[charset=\"utf-8\"]")).count(), 1);
    assert_eq!(
        page.select(&sel("script, link, img, iframe, object, embed"))
            .count(),
        0
    );

    // Every chart of report.md is a figure holding its SVG, with the SVG file's own drawing.
    let stems = chart_stems(&md);
    assert!(!stems.is_empty(), "no chart in report.md");
    assert_eq!(page.select(&sel("figure.chart > svg")).count(), stems.len());
    for stem in &stems {
        let fig = sel(&format!("figure#chart-{stem} > svg[viewBox]"));
        let svg = page.select(&fig).next();
        let svg = svg.unwrap_or_else(|| panic!("{stem} is not inline"));
        let file = std::fs::read_to_string(out.join(format!("charts/{stem}.svg"))).unwrap();
        let drawn = Html::parse_fragment(&file);
        let texts = |root: scraper::ElementRef| -> Vec<String> {
            root.select(&sel("text"))
                .map(|t| t.text().collect::<String>().trim().to_string())
                .collect()
        };
        let file_root = drawn.select(&sel("svg")).next().unwrap();
        assert_eq!(texts(svg), texts(file_root), "{stem}: text differs");
        assert_eq!(
            svg.select(&sel("*")).count(),
            file_root.select(&sel("*")).count(),
            "{stem}: elements differ"
        );
    }

    // No reference to another file or the network, anywhere.
    for attr in ["src", "href", "xlink:href"] {
        for e in page.select(&sel(&format!("[{}]", attr.replace(':', "\\:")))) {
            let v = e.value().attr(attr).unwrap();
            let local = v.starts_with('#');
            assert!(local, "{attr}=\"{v}\" points outside the page");
        }
    }
    assert!(!text.contains("url("), "the stylesheet fetches something");

    // The tables, and the same headings as report.md.
    assert_eq!(page.select(&sel("table")).count(), md_tables(&md));
    let headings: Vec<String> = page
        .select(&sel("h1, h2, h3"))
        .map(|h| h.text().collect::<String>())
        .collect();
    let md_headings: Vec<String> = md
        .lines()
        .filter_map(|l| {
            l.strip_prefix("### ")
                .or(l.strip_prefix("## "))
                .or(l.strip_prefix("# "))
        })
        .map(|h| h.replace('`', ""))
        .collect();
    assert_eq!(headings, md_headings);
    page
}

const BASE: &str = r#"name = "base"
description = "Test: one valley, one grid"
[time]
profiles = "profiles.csv"
[finance]
discount_rate = 0.0
[settings]
flow_tie_break_cny_per_mwh = 0.0
[nodes.a]
kind = "region"
label = "Upper valley"
position = [102.2, 31.9]                        # Ma'erkang, as in the Aba models
demand_twh_per_year = 0.1752                    # ASSUMPTION: 20 MW of test demand
[nodes.c]
kind = "outside"
label = "Grid"
[generators.hydro]
node = "a"
kind = "ror"
capacity_mw = 100                               # ASSUMPTION: test plant
profile = "flow"
[lines.ac]
from = "a"
to = "c"
capacity_mw = 50                                # ASSUMPTION: test limit
[market]
node = "c"
export_price_cny_per_mwh = 100
import_price_cny_per_mwh = 200
hydrogen_price_cny_per_kg = 10                  # ASSUMPTION: test price
[options.electrolyser]
sites_max_mw = { a = 30 }                       # ASSUMPTION: one site
capex_cny_per_kw = 100
kwh_per_kg = 50
"#;

#[test]
fn a_run_page_holds_its_charts_tables_assumptions_and_net_benefit() {
    let d = tempfile::tempdir().unwrap();
    let mut csv = String::from("timestamp,flow\n");
    for h in 0..48 {
        let flow = 0.5 + 0.5 * ((h % 24) as f64 / 23.0);
        csv.push_str(&format!(
            "2025-07-{:02} {:02}:00,{flow:.4}\n",
            1 + h / 24,
            h % 24
        ));
    }
    std::fs::write(d.path().join("profiles.csv"), csv).unwrap();
    std::fs::write(d.path().join("base.toml"), BASE).unwrap();
    let out = d.path().join("run");
    spillway()
        .args(["run", "--out"])
        .arg(&out)
        .arg(d.path().join("base.toml"))
        .arg("-q")
        .assert()
        .success();
    let page = check_page(&out);
    for stem in ["network", "line_loading", "curtailment_duration"] {
        assert!(
            page.select(&sel(&format!("#chart-{stem} svg")))
                .next()
                .is_some(),
            "{stem}"
        );
    }

    // The headline is the page's first paragraph, with summary.json's net benefit in it.
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let nb = summary["net_benefit_vs_baseline_cny_per_year"]
        .as_f64()
        .unwrap();
    let first = page.select(&sel("main > p")).next().unwrap();
    let strong: String = first
        .select(&sel("strong"))
        .next()
        .unwrap()
        .text()
        .collect();
    let value = strong
        .strip_prefix("Net benefit against the status quo: ")
        .and_then(|v| v.strip_suffix(" M CNY per year"))
        .unwrap_or_else(|| panic!("headline: {strong}"));
    let shown: f64 = value.replace('−', "-").replace(',', "").parse().unwrap();
    assert!(
        (shown - nb / 1e6).abs() <= 0.05 + 1e-9,
        "{shown} against {nb}"
    );

    // The assumptions with their sources: the row of the line's limit, comment and all.
    let rows: Vec<String> = page
        .select(&sel("table tr"))
        .map(|r| r.text().collect::<Vec<_>>().join("|"))
        .collect();
    let limit = rows.iter().find(|r| r.contains("lines.ac.capacity_mw"));
    let limit = limit.unwrap_or_else(|| panic!("no assumption row in {rows:?}"));
    assert!(limit.contains("ASSUMPTION: test limit") && limit.contains("base.toml:"));
}

#[test]
fn compare_and_sweep_pages_hold_their_charts_and_tables() {
    let c = electrolyser_case(12.0);
    std::fs::write(
        c.dir.path().join("no-h2.toml"),
        "extends = \"case.toml\"\nname = \"no-h2\"\n[options.electrolyser]\nenabled = false\n",
    )
    .unwrap();
    let cmp = c.dir.path().join("cmp");
    spillway()
        .arg("compare")
        .args([c.path.clone(), c.dir.path().join("no-h2.toml")])
        .arg("--out")
        .arg(&cmp)
        .arg("-q")
        .assert()
        .success();
    check_page(&cmp);

    let file = c.dir.path().join("price.toml");
    std::fs::write(
        &file,
        "base = \"case.toml\"\n[[parameter]]\npath = \"market.hydrogen_price_cny_per_kg\"\n\
         values = [8, 12]\n",
    )
    .unwrap();
    let sw = c.dir.path().join("sweep");
    spillway()
        .arg("sweep")
        .arg(&file)
        .arg("--out")
        .arg(&sw)
        .arg("-q")
        .assert()
        .success();
    check_page(&sw);
}
