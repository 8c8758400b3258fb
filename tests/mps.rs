//! The LP as free MPS (`run --write-lp`): what is written reads back as the same LP.
//!
//! The reader below is a small free-MPS reader of the standard semantics (and the legacy
//! rule that a negative `UP` with no `LO` makes the lower bound −∞, which the writer must not
//! trip). Written here rather than taken from a crate: the `mps` crate is a nom parser that
//! pulls insta into non-dev builds, and the subset needed is ~80 lines.

mod common;
use assert_cmd::Command;
use spillway::model::lp::{Index, Lp, Sense};
use spillway::model::mps;
use spillway::solve::{self, SolverChoice};
use std::collections::HashMap;

/// An LP read back from MPS text.
#[derive(Debug, Default)]
struct Read {
    comments: Vec<String>,
    rows: Vec<(String, char)>,
    row_index: HashMap<String, usize>,
    objective_row: String,
    cols: Vec<String>,
    col_index: HashMap<String, usize>,
    obj: Vec<f64>,
    /// Per column: (row index, value).
    entries: Vec<Vec<(usize, f64)>>,
    rhs: Vec<f64>,
    lo: Vec<f64>,
    hi: Vec<f64>,
}

fn num(s: &str) -> f64 {
    s.parse()
        .unwrap_or_else(|_| panic!("`{s}` is not a number"))
}

fn read(text: &str) -> Read {
    let mut m = Read::default();
    let mut section = "";
    let mut lo_given = Vec::new();
    for line in text.lines() {
        if let Some(c) = line.strip_prefix('*') {
            m.comments.push(c.trim().to_string());
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        if !line.starts_with(' ') {
            section = f[0];
            continue;
        }
        match section {
            "ROWS" if f[0] == "N" => m.objective_row = f[1].to_string(),
            "ROWS" => {
                m.row_index.insert(f[1].to_string(), m.rows.len());
                m.rows
                    .push((f[1].to_string(), f[0].chars().next().unwrap()));
                m.rhs.push(0.0);
            }
            "COLUMNS" => {
                assert_eq!(f.len(), 3, "one entry per line: {line}");
                let c = *m.col_index.entry(f[0].to_string()).or_insert_with(|| {
                    m.cols.push(f[0].to_string());
                    m.obj.push(0.0);
                    m.entries.push(Vec::new());
                    m.lo.push(0.0);
                    m.hi.push(f64::INFINITY);
                    lo_given.push(false);
                    m.cols.len() - 1
                });
                assert_eq!(c, m.cols.len() - 1, "column {} is not contiguous", f[0]);
                if f[1] == m.objective_row {
                    m.obj[c] = num(f[2]);
                } else {
                    m.entries[c].push((m.row_index[f[1]], num(f[2])));
                }
            }
            "RHS" => m.rhs[m.row_index[f[1]]] = num(f[2]),
            "BOUNDS" => {
                let c = m.col_index[f[2]];
                let v = f.get(3).map(|v| num(v));
                match f[0] {
                    "LO" => (m.lo[c], lo_given[c]) = (v.unwrap(), true),
                    "UP" => {
                        let v = v.unwrap();
                        // The legacy reading some solvers still apply.
                        if v < 0.0 && m.lo[c] == 0.0 && !lo_given[c] {
                            m.lo[c] = f64::NEG_INFINITY;
                        }
                        m.hi[c] = v;
                    }
                    "FX" => (m.lo[c], m.hi[c]) = (v.unwrap(), v.unwrap()),
                    "FR" => (m.lo[c], m.hi[c]) = (f64::NEG_INFINITY, f64::INFINITY),
                    "MI" => m.lo[c] = f64::NEG_INFINITY,
                    "PL" => m.hi[c] = f64::INFINITY,
                    other => panic!("unknown bound type {other}"),
                }
            }
            s => panic!("data line in section `{s}`: {line}"),
        }
    }
    m
}

fn write(lp: &Lp) -> String {
    let mut out = Vec::new();
    mps::write(lp, "test", &["a comment".to_string()], &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Every coefficient, bound, sense and right-hand side of `lp` equals what was read back.
fn assert_same(lp: &Lp, m: &Read) {
    assert_eq!(m.cols.len(), lp.n_cols());
    assert_eq!(m.rows.len(), lp.n_rows());
    let col_names: Vec<String> = lp
        .col_names()
        .iter()
        .map(|n| mps::mps_name(n).into())
        .collect();
    assert_eq!(m.cols, col_names, "columns in order");
    for (c, name) in col_names.iter().enumerate() {
        assert_eq!(m.obj[c], lp.obj[c], "objective of {name}");
        assert_eq!((m.lo[c], m.hi[c]), (lp.lo[c], lp.hi[c]), "bounds of {name}");
    }
    let mut by_row = vec![Vec::new(); lp.n_rows()];
    for (c, es) in m.entries.iter().enumerate() {
        for &(r, v) in es {
            by_row[r].push((c as u32, v));
        }
    }
    for (r, read_terms) in by_row.iter_mut().enumerate() {
        let (name, code) = &m.rows[r];
        assert_eq!(name, &mps::mps_name(&lp.row_names()[r]));
        let sense = match code {
            'E' => Sense::Eq,
            'L' => Sense::Le,
            'G' => Sense::Ge,
            other => panic!("row type {other}"),
        };
        assert_eq!(sense, lp.sense[r], "sense of {name}");
        assert_eq!(m.rhs[r], lp.rhs[r], "rhs of {name}");
        let (cols, vals) = lp.row_terms(r);
        let mut written: Vec<(u32, f64)> = cols.iter().copied().zip(vals.iter().copied()).collect();
        written.sort_by_key(|t| t.0);
        read_terms.sort_by_key(|t| t.0);
        assert_eq!(*read_terms, written, "terms of {name}");
    }
}

#[test]
fn every_bound_kind_and_row_sense_reads_back_exactly() {
    let inf = f64::INFINITY;
    let mut lp = Lp::new();
    let flow = lp.family("flow", "se chengdu", Index::Time);
    let cap = lp.family("capacity", "line.a%b", Index::One);
    let bal = lp.family("balance", "se", Index::Time);
    let bounds = [
        (0.0, inf),
        (0.0, 5.5),
        (-3.25, inf),
        (-3.0, 7.0),
        (2.0, 2.0),
        (0.0, 0.0),
        (-inf, inf),
        (-inf, -1.0),
        (-inf, 4.0),
        (0.0, -1.0),
        (-5.0, -2.0),
        (1e-9, 1e12),
    ];
    let cols: Vec<_> = bounds.iter().map(|&(l, h)| lp.col_in(flow, l, h)).collect();
    let unused = lp.col_in(cap, 0.0, inf);
    for (i, &c) in cols.iter().enumerate() {
        lp.cost((i as f64 - 4.0) / 3.0, c);
    }
    lp.cost(0.1 + 0.2, cols[0]);
    let t = |k: usize, v: f64| (v, cols[k]);
    lp.row_in(
        bal,
        &[t(0, 1.0), t(1, -2.5e-7), t(2, 3e14)],
        Sense::Eq,
        1200.0,
    );
    lp.row_in(bal, &[t(3, 1.0 / 3.0), t(4, -1.0)], Sense::Le, -0.35);
    lp.row_in(bal, &[t(5, 7.0), t(6, 1e-12), t(11, 2.0)], Sense::Ge, 0.0);
    lp.row(
        &[t(7, 1.0), t(8, 1.0), t(9, 1.0), t(10, 1.0)],
        Sense::Eq,
        -4.0,
    );
    lp.row(&[], Sense::Le, 0.0);
    let text = write(&lp);
    let m = read(&text);
    assert_same(&lp, &m);
    assert_eq!(m.objective_row, mps::OBJECTIVE_ROW);
    assert_eq!(m.comments, ["a comment"]);
    // The name with a space is escaped, not split; the column without entries is still there.
    assert!(text.contains("flow[se%20chengdu,t0]"), "{text}");
    assert_eq!(m.cols[unused.0 as usize], "capacity[line.a%25b]");
}

#[test]
fn a_written_lp_solves_to_the_runs_objective_less_the_stated_constant() {
    // Curtailment penalised, so the model has an objective constant the file must state.
    let toml = common::electrolyser_toml(30.0)
        .replace("[nodes.a]", "[nodes.\"a b\"]")
        .replace("node = \"a\"", "node = \"a b\"")
        .replace("{ a = 200 }", "{ \"a b\" = 200 }")
        .replace(
            "flow_tie_break_cny_per_mwh = 0.0",
            "flow_tie_break_cny_per_mwh = 0.0\ncurtailment_penalty_cny_per_mwh = 7",
        );
    let c = common::case(&toml, "one", &common::FOUR_JUNE_HOURS);
    let out = c.dir.path().join("out");
    let file = c.dir.path().join("model.mps");
    Command::cargo_bin("spillway")
        .unwrap()
        .arg("run")
        .arg(&c.path)
        .arg("--out")
        .arg(&out)
        .arg("--write-lp")
        .arg(&file)
        .assert()
        .success();
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let m = read(&text);
    assert_eq!(m.rows.len() as u64, summary["lp_rows"].as_u64().unwrap());
    assert_eq!(m.cols.len() as u64, summary["lp_columns"].as_u64().unwrap());
    let distinct: std::collections::HashSet<_> = m.rows.iter().map(|r| &r.0).collect();
    assert_eq!(distinct.len(), m.rows.len(), "row names are distinct");
    assert!(m.cols.iter().any(|n| n.contains("a%20b")), "{:?}", m.cols);

    // Solve what was read back: its optimum plus the stated constant is the run's objective.
    let stated = m
        .comments
        .iter()
        .find_map(|c| c.strip_prefix("objective constant "))
        .and_then(|c| c.split_whitespace().next())
        .map(num)
        .expect("a `* objective constant` line");
    let parts = &summary["objective_parts_cny"];
    assert!(stated > 0.0, "the penalty's constant is stated: {stated}");
    assert!(parts["curtailment_penalty"].as_f64().is_some(), "{parts}");
    let mut lp = Lp::new();
    let cols: Vec<_> = (0..m.cols.len())
        .map(|c| lp.col(m.lo[c], m.hi[c]))
        .collect();
    let mut rows = vec![Vec::new(); m.rows.len()];
    for (c, es) in m.entries.iter().enumerate() {
        lp.cost(m.obj[c], cols[c]);
        for &(r, v) in es {
            rows[r].push((v, cols[c]));
        }
    }
    for (r, terms) in rows.iter().enumerate() {
        let sense = match m.rows[r].1 {
            'E' => Sense::Eq,
            'L' => Sense::Le,
            _ => Sense::Ge,
        };
        lp.row(terms, sense, m.rhs[r]);
    }
    let obj = lp.obj.clone();
    let solved = solve::solve(lp, SolverChoice::Microlp, 500).unwrap();
    let lp_optimum: f64 = obj.iter().zip(&solved.values.0).map(|(c, x)| c * x).sum();
    let objective = summary["objective_cny"].as_f64().unwrap();
    common::close(
        lp_optimum + stated,
        objective,
        1e-6 * objective.abs().max(1.0),
        "objective",
    );
}

#[test]
fn an_unwritable_lp_file_exits_5_naming_it_and_writes_nothing() {
    let c = common::electrolyser_case(30.0);
    let out = c.dir.path().join("out");
    let missing = c.dir.path().join("no-such-folder").join("model.mps");
    // A folder where the file should go: the rename fails after the LP was written aside.
    let folder = c.dir.path().join("a-folder.mps");
    std::fs::create_dir(&folder).unwrap();
    for path in [&missing, &folder] {
        let assert = Command::cargo_bin("spillway")
            .unwrap()
            .arg("run")
            .arg(&c.path)
            .arg("--out")
            .arg(&out)
            .arg("--write-lp")
            .arg(path)
            .assert()
            .code(5);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert!(stderr.contains(&path.display().to_string()), "{stderr}");
        assert!(!out.exists(), "no results after a failed LP file");
    }
    let left: Vec<_> = std::fs::read_dir(c.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
    assert!(std::fs::read_dir(&folder).unwrap().next().is_none());
}
