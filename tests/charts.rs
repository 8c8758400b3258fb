//! The chart functions on small data: both files written, of plausible size, deterministic, and
//! the SVG carries the title, axis titles and every series name (so the words are really there).
//!
//! Set `SPILLWAY_KEEP_CHARTS=DIR` to keep the charts in DIR and look at them.

use spillway::charts::{self, Labels};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn out_dir() -> (Option<tempfile::TempDir>, PathBuf) {
    match std::env::var_os("SPILLWAY_KEEP_CHARTS") {
        Some(d) => {
            std::fs::create_dir_all(&d).unwrap();
            (None, PathBuf::from(d))
        }
        None => {
            let t = tempfile::tempdir().unwrap();
            let p = t.path().to_path_buf();
            (Some(t), p)
        }
    }
}

/// Both files exist with plausible sizes; the SVG names every expected word; returns the SVG.
#[track_caller]
fn check(paths: &[PathBuf; 2], words: &[&str]) -> String {
    let png = std::fs::read(&paths[0]).unwrap();
    assert_eq!(
        &png[..8],
        b"\x89PNG\r\n\x1a\n",
        "{:?} is not a PNG",
        paths[0]
    );
    // A blank 1600 × 900 RGB image compresses to a few kB; text and marks make it larger, and
    // a slide image above a few MB would be a bug.
    assert!(
        png.len() > 15_000 && png.len() < 3_000_000,
        "PNG size {}",
        png.len()
    );
    let svg = std::fs::read_to_string(&paths[1]).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(
        svg.len() > 2_000 && svg.len() < 3_000_000,
        "SVG size {}",
        svg.len()
    );
    for w in words {
        assert!(svg.contains(w), "{:?} lacks {w:?}", paths[1]);
    }
    assert!(svg.contains("DejaVu Sans, sans-serif"));
    svg
}

fn labels<'a>(title: &'a str, x: &'a str, y: &'a str) -> Labels<'a> {
    Labels {
        title,
        subtitle: "test case, small data",
        x_axis: x,
        y_axis: y,
    }
}

#[test]
fn duration_curves_sort_and_label_each_case() {
    let (_keep, dir) = out_dir();
    let curves = vec![
        (
            "baseline".to_string(),
            vec![0.0, 300.0, 1200.0, 50.0, 0.0, 900.0],
        ),
        (
            "with options".to_string(),
            vec![0.0, 0.0, 400.0, 0.0, 0.0, 100.0],
        ),
    ];
    let l = labels(
        "Curtailment duration",
        "hours at or above (h)",
        "spilled power (MW)",
    );
    let p = charts::write(
        &dir.join("duration"),
        &charts::LineChart::duration(l, &curves, 8760.0),
    )
    .unwrap();
    check(
        &p,
        &[
            "Curtailment duration",
            "hours at or above (h)",
            "spilled power (MW)",
            "baseline",
            "with options",
            "8,000",
        ],
    );
    // Sorted from largest: the first point of the baseline is its maximum, at 0 h.
    let c = charts::LineChart::duration(l, &curves, 8760.0);
    assert_eq!(c.series[0].points[0], (0.0, 1200.0));
    assert_eq!(c.series[0].points.last(), Some(&(8760.0, 0.0)));
}

#[test]
fn grouped_bars_keep_use_colours_and_show_values() {
    let (_keep, dir) = out_dir();
    let case = |h: f64, e: f64| {
        BTreeMap::from([
            ("electrolyser".to_string(), h),
            ("line.aba_chengdu_1000kv".to_string(), e),
        ])
    };
    let cases = [case(2500.0, 0.0), case(0.0, 3150.0)];
    let keys: Vec<String> = cases[0].keys().cloned().collect();
    let chart = charts::BarGroups {
        labels: labels("Capacity built", "scenario", "new capacity (MW)"),
        groups: vec!["aba-2025".to_string(), "no-hydrogen".to_string()],
        values: cases
            .iter()
            .map(|m| keys.iter().map(|k| m[k]).collect())
            .collect(),
        keys,
        limits: None,
        base: None,
        value_labels: true,
    };
    let p = charts::write(&dir.join("grouped"), &chart).unwrap();
    let svg = check(
        &p,
        &[
            "Capacity built",
            "new capacity (MW)",
            "electrolysers",
            "line aba_chengdu_1000kv",
            "no-hydrogen",
            "2,500",
            "3,150",
        ],
    );
    // Electrolysers are the hydrogen green (#009E73) in every chart.
    assert!(svg.contains("#009E73"), "hydrogen green missing");
}

#[test]
fn lines_vs_parameter_mark_every_point() {
    let (_keep, dir) = out_dir();
    let series = vec![
        ("curtailed".to_string(), vec![2.9, 1.2, 0.3, 0.0]),
        ("hydrogen".to_string(), vec![0.0, 1.5, 3.0, 4.1]),
    ];
    let l = labels(
        "Hydrogen price sweep",
        "hydrogen price (CNY/kg)",
        "energy (TWh)",
    );
    let chart = charts::LineChart::versus(l, &[10.0, 14.0, 18.0, 22.0], &series);
    let p = charts::write(&dir.join("sweep"), &chart).unwrap();
    let svg = check(
        &p,
        &[
            "hydrogen price (CNY/kg)",
            "energy (TWh)",
            "curtailed (spilled)",
            "hydrogen (electrolysers)",
        ],
    );
    assert!(svg.matches("<circle").count() >= 8, "every point is marked");
}

#[test]
fn heatmap_annotates_cells_and_draws_a_colour_bar() {
    let (_keep, dir) = out_dir();
    let xs: Vec<String> = ["12", "16", "20"].iter().map(|s| s.to_string()).collect();
    let ys: Vec<String> = ["0", "1575", "3150"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let z = vec![
        vec![2.9, 1.1, 0.2],
        vec![2.0, 0.8, 0.1],
        vec![1.4, f64::NAN, 0.0],
    ];
    let l = labels(
        "Curtailment over two parameters",
        "hydrogen price (CNY/kg)",
        "1000 kV line limit (MW)",
    );
    let chart = charts::Heatmap {
        labels: l,
        x_values: xs,
        y_values: ys,
        z,
        z_title: "curtailed (TWh)",
    };
    let p = charts::write(&dir.join("heatmap"), &chart).unwrap();
    check(
        &p,
        &[
            "curtailed (TWh)",
            "hydrogen price (CNY/kg)",
            "1000 kV line limit (MW)",
            "2.90",
            "3150",
        ],
    );
}

#[test]
fn tornado_puts_the_widest_swing_on_top() {
    let (_keep, dir) = out_dir();
    let rows = vec![
        ("hydrogen price ±30 %".to_string(), 2.1, 0.1),
        ("export price ±20 %".to_string(), 0.9, 1.0),
        ("electrolyser capex ±25 %".to_string(), 0.4, 1.6),
    ];
    let l = labels("What moves curtailment", "curtailed (TWh)", "parameter");
    let chart = charts::Tornado {
        labels: l,
        base: 0.95,
        rows,
    };
    let p = charts::write(&dir.join("tornado"), &chart).unwrap();
    let svg = check(
        &p,
        &[
            "hydrogen price ±30 %",
            "export price ±20 %",
            "base case: 0.95",
            "curtailed (TWh)",
        ],
    );
    // Category 0 is drawn lowest, so the narrowest swing (export price) comes first in the SVG.
    let pos = |s: &str| svg.find(s).unwrap();
    assert!(
        pos("export price") < pos("electrolyser capex")
            && pos("electrolyser capex") < pos("hydrogen price ±30")
    );
}

#[test]
fn spread_draws_a_box_per_group() {
    let (_keep, dir) = out_dir();
    let groups = vec![
        ("curtailed".to_string(), vec![0.1, 0.4, 0.2, 0.9, 0.3]),
        ("export".to_string(), vec![20.0, 22.5, 21.0]),
        ("empty".to_string(), vec![]),
    ];
    let l = labels("Spread across draws", "use", "energy (TWh)");
    let chart = charts::Spread {
        labels: l,
        groups,
        colours: Vec::new(),
        from_zero: true,
    };
    let p = charts::write(&dir.join("spread"), &chart).unwrap();
    check(
        &p,
        &[
            "Spread across draws",
            "energy (TWh)",
            "curtailed",
            "export",
            "each value",
        ],
    );
}

#[test]
fn stacked_bars_and_areas_stack_negative_values_below_zero() {
    let (_keep, dir) = out_dir();
    let cats: Vec<String> = ["Jun", "Jul"].iter().map(|s| s.to_string()).collect();
    let layers = vec![
        ("local_demand".to_string(), vec![0.2, 0.2]),
        ("export".to_string(), vec![1.5, 2.0]),
        ("curtailed".to_string(), vec![0.4, 0.9]),
        ("import".to_string(), vec![-0.1, 0.0]),
    ];
    let l = labels("Monthly balance", "month", "energy (TWh)");
    let chart = charts::StackedBars {
        labels: l,
        categories: cats,
        layers,
        marker: None,
        shaded: None,
    };
    let p = charts::write(&dir.join("stacked"), &chart).unwrap();
    check(
        &p,
        &[
            "Monthly balance",
            "energy (TWh)",
            "local demand",
            "curtailed (spilled)",
            "import from the grid",
            "Jul",
        ],
    );
    let ticks = vec![(0.0, "1 Jul".to_string()), (24.0, "2 Jul".to_string())];
    let x: Vec<f64> = (0..16).map(|t| f64::from(t) * 3.0).collect();
    let area_layers = vec![
        ("local_demand".to_string(), vec![200.0; 16]),
        (
            "hydrogen".to_string(),
            (0..16).map(|t| f64::from(t) * 10.0).collect(),
        ),
        ("import".to_string(), vec![-50.0; 16]),
    ];
    let l = labels("A flood-season day", "day", "power (MW)");
    let chart = charts::StackedArea {
        labels: l,
        x,
        x_ticks: ticks,
        layers: area_layers,
    };
    let p = charts::write(&dir.join("area"), &chart).unwrap();
    check(
        &p,
        &["power (MW)", "2 Jul", "hydrogen (electrolysers)", "−100"],
    );
}

#[test]
fn charts_are_deterministic_and_written_atomically() {
    let (_keep, dir) = out_dir();
    let curves = vec![("a".to_string(), vec![3.0, 1.0, 2.0])];
    let l = labels("Same twice", "h", "MW");
    let stem = dir.join("twice");
    let chart = charts::LineChart::duration(l, &curves, 3.0);
    let first = charts::write(&stem, &chart).unwrap();
    let bytes: Vec<Vec<u8>> = first.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let second = charts::write(&stem, &chart).unwrap();
    for (p, b) in second.iter().zip(&bytes) {
        assert_eq!(
            &std::fs::read(p).unwrap(),
            b,
            "{p:?} differs between two draws"
        );
    }
    let leftovers = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .count();
    assert_eq!(leftovers, 0);
    // A folder that does not exist is an output error (exit 5), not a panic.
    let err = charts::write(Path::new("/nonexistent/dir/x"), &chart).unwrap_err();
    assert_eq!(err.exit_code(), 5);
}
