//! A seeded mutation fuzzer over the scenario and CSV loaders (and, for mutants that still pass
//! validation, the model build and solve): whatever a hand-edit does to the files, spillway must
//! answer with an error or a result, never a panic.
//!
//! CI runs `SPILLWAY_FUZZ_ITERS` (default 400) mutants; longer runs:
//! `SPILLWAY_FUZZ_ITERS=20000 SPILLWAY_FUZZ_SEED=7 cargo test --release --test fuzz_loaders`.

use spillway::series::Resolution;
use spillway::study::{prepare, solve, RunSettings};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// xorshift64*: small, seeded, the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WEIRD_NUMBERS: &[&str] = &[
    "-1",
    "0",
    "1e308",
    "-1e308",
    "nan",
    "inf",
    "-inf",
    "1e-320",
    "99999999999999999999",
    "0.5",
    "2",
    "\"x\"",
    "[]",
    "{}",
];
const WEIRD_STRINGS: &[&str] = &[
    "\"\"",
    "\"up\"",
    "\"down\"",
    "\"grid\"",
    "\"../..\"",
    "\"hydro\"",
    "\"nowhere\"",
    "\"region\"",
    "\"outside\"",
    "\"reservoir\"",
    "\"solar\"",
    "1",
    "\"profiles.csv\"",
    "\"a/b\"",
];

fn mutate_toml(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for _ in 0..1 + rng.below(3) {
        let n = lines.len();
        let i = rng.below(n);
        match rng.below(8) {
            0 if n > 1 => {
                lines.remove(i);
            }
            1 => {
                let l = lines[i].clone();
                lines.insert(i, l);
            }
            2 | 3 => {
                // Replace the value of a `key = value` line.
                if let Some((k, _)) = lines[i].split_once(" = ") {
                    let v = if rng.below(2) == 0 {
                        rng.pick(WEIRD_NUMBERS)
                    } else {
                        rng.pick(WEIRD_STRINGS)
                    };
                    lines[i] = format!("{k} = {v}");
                }
            }
            4 => {
                let j = rng.below(n);
                lines.swap(i, j);
            }
            5 => {
                let cut = rng.below(lines[i].len() + 1);
                let l = lines[i].clone();
                lines[i] = l.chars().take(cut).collect();
            }
            6 => lines.insert(
                i,
                rng.pick(&[
                    "[",
                    "]]",
                    "x =",
                    "[nodes.up]",
                    "[generators.g]\nnode = \"up\"",
                    "extends = \"scenario.toml\"",
                    "\u{0}",
                    "é = 1",
                ])
                .to_string(),
            ),
            _ => {
                let key = rng.pick(&[
                    "capacity_mw",
                    "efficiency",
                    "profile_scale",
                    "storage_mwh",
                    "min_utilisation",
                    "months",
                    "resolution_hours",
                    "pue",
                ]);
                lines.push(format!("{key} = {}", rng.pick(WEIRD_NUMBERS)));
            }
        }
    }
    lines.join("\n") + "\n"
}

fn mutate_csv(rng: &mut Rng, text: &str) -> String {
    let mut rows: Vec<String> = text.lines().map(str::to_string).collect();
    let n = rows.len();
    let i = rng.below(n);
    match rng.below(7) {
        0 if n > 1 => {
            rows.remove(i);
        }
        1 => {
            let mut cells: Vec<String> = rows[i].split(',').map(str::to_string).collect();
            let c = rng.below(cells.len());
            cells[c] = rng
                .pick(&[
                    "",
                    "NaN",
                    "-1",
                    "1e400",
                    "abc",
                    "2025-02-30 00:00",
                    "1.5",
                    " 0.3 ",
                    "\"q\"",
                ])
                .to_string();
            rows[i] = cells.join(",");
        }
        2 => rows[i].push_str(",extra"),
        3 => rows.truncate(rng.below(n) + 1),
        4 => rows.insert(i, String::new()),
        5 => {
            let j = rng.below(n);
            rows.swap(i, j);
        }
        _ => rows[0] = rows[0].replacen("hydro", rng.pick(&["timestamp", "sun", "", "hydro"]), 1),
    }
    rows.join("\n") + "\n"
}

#[test]
fn loaders_never_panic_on_mutated_input() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/_shared");
    let base_toml = std::fs::read_to_string(shared.join("base.toml")).unwrap();
    let base_csv = std::fs::read_to_string(shared.join("profiles.csv")).unwrap();
    let iters: usize = std::env::var("SPILLWAY_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    let seed: u64 = std::env::var("SPILLWAY_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let dir = tempfile::tempdir().unwrap();
    let (mut valid, mut solved) = (0, 0);
    // Quiet the default hook: a panic is reported below with the input that caused it.
    std::panic::set_hook(Box::new(|_| {}));
    for i in 0..iters {
        let (toml, csv) = match rng.below(3) {
            0 => (mutate_toml(&mut rng, &base_toml), base_csv.clone()),
            1 => (base_toml.clone(), mutate_csv(&mut rng, &base_csv)),
            _ => (
                mutate_toml(&mut rng, &base_toml),
                mutate_csv(&mut rng, &base_csv),
            ),
        };
        std::fs::write(dir.path().join("scenario.toml"), &toml).unwrap();
        std::fs::write(dir.path().join("profiles.csv"), &csv).unwrap();
        let resolution = [
            None,
            Some(Resolution::Hours(1)),
            Some(Resolution::Hours(5)),
            Some(Resolution::Hours(24)),
            Some(Resolution::Auto(5)),
        ][rng.below(5)];
        let path = dir.path().join("scenario.toml");
        let outcome = catch_unwind(AssertUnwindSafe(|| match prepare(&path, resolution) {
            Ok((loaded, inputs)) => {
                match solve(&loaded, &inputs, &RunSettings::default()) {
                    Ok(_) => (true, true),
                    Err(e) => {
                        // A valid scenario may still be numerically hopeless (1e308 MW): that
                        // must be a solver status (exit 3 or 4), not a crash.
                        assert!([3, 4].contains(&e.exit_code()), "valid input gave {e}");
                        eprintln!("fuzz: valid mutant {i} did not solve: {e}");
                        if let Ok(dump) = std::env::var("SPILLWAY_FUZZ_DUMP_DIR") {
                            let d = Path::new(&dump).join(format!("mutant-{i}"));
                            let _ = std::fs::create_dir_all(&d);
                            let _ = std::fs::write(d.join("scenario.toml"), &toml);
                            let _ = std::fs::write(d.join("profiles.csv"), &csv);
                        }
                        (true, false)
                    }
                }
            }
            Err(e) => {
                // Every error renders and maps to a documented exit code.
                let _ = e.to_string();
                assert!(
                    [2, 3, 4, 5].contains(&e.exit_code()),
                    "unexpected exit code {}",
                    e.exit_code()
                );
                (false, false)
            }
        }));
        match outcome {
            Ok((v, s)) => {
                valid += usize::from(v);
                solved += usize::from(s);
            }
            Err(_) => {
                let _ = std::panic::take_hook();
                panic!("mutant {i} (seed {seed}) panicked.\n--- scenario.toml\n{toml}\n--- profiles.csv (first lines)\n{}", csv.lines().take(8).collect::<Vec<_>>().join("\n"));
            }
        }
    }
    let _ = std::panic::take_hook();
    eprintln!("fuzz: {iters} mutants, {valid} passed validation, {solved} solved, none panicked");
    // The mutator must also produce valid inputs, or it tests only the error paths.
    assert!(valid > 0, "no mutant passed validation");
}

/// Numbers that break careless arithmetic: past `usize`, near 2⁶³, a billion, negative, NaN.
const HOSTILE_COUNTS: &[&str] = &[
    "0",
    "1",
    "2",
    "-1",
    "1000001",
    "1000000000",
    "9223372036854775807",
    "18446744073709551615",
    "99999999999999999999",
    "1e308",
    "nan",
    "inf",
    "-inf",
    "0.5",
    "\"x\"",
];

/// A small valid sweep of the fixtures' base scenario; mutated line by line.
const SWEEP: &str = r#"design = "monte_carlo"
samples = 3
seed = 7
resolution_hours = 24
[[parameter]]
path = "market.hydrogen_price_cny_per_kg"
distribution = { kind = "normal", mean = 20, sd = 4, low = 10, high = 30 }
[[parameter]]
path = "options.electrolyser.capex_cny_per_kw"
distribution = { kind = "uniform", low = 1000, high = 2000 }
"#;

const GRID: &str = r#"design = "grid"
[[parameter]]
path = "market.hydrogen_price_cny_per_kg"
start = 10
stop = 30
steps = 3
[[parameter]]
path = "options.electrolyser.capex_cny_per_kw"
values = [1000, 2000]
"#;

/// Replace one number in `text` (the n-th run of digits) with a hostile one.
fn mutate_number(rng: &mut Rng, text: &str) -> String {
    let starts: Vec<usize> = text
        .char_indices()
        .filter(|(i, c)| {
            c.is_ascii_digit() && !text[..*i].ends_with(|p: char| p.is_ascii_digit() || p == '.')
        })
        .map(|(i, _)| i)
        .collect();
    if starts.is_empty() {
        return text.to_string();
    }
    let s = starts[rng.below(starts.len())];
    let len = text[s..]
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len() - s);
    format!(
        "{}{}{}",
        &text[..s],
        rng.pick(HOSTILE_COUNTS),
        &text[s + len..]
    )
}

/// `sweep.json` of a two-shard sweep, to be mutated.
const META: &str = r#"{"format":"spillway-sweep/1","sweep_file":"s.toml","base_scenario":"b.toml","design":"grid","hash":"00","parameters":["p"],"points_total":4,"points":[0,2],"shard":{"index":1,"count":2},"resolution_hours":24,"solver":"clarabel","status_counts":{"optimal":2}}"#;

/// Run spillway under a time and an address-space limit (unix `ulimit -v`): an allocation
/// failure (abort), a crash or a hang is a failure; any documented exit code is fine.
#[cfg(unix)]
fn run_limited(dir: &Path, args: &[String]) -> Result<i32, String> {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 4000000 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_spillway"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let start = Instant::now();
    while child.try_wait().map_err(|e| e.to_string())?.is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            return Err("hung (over 60 s)".into());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(c @ (0 | 2 | 3 | 4 | 5)) if !stderr.contains("panicked") => Ok(c),
        Some(c) => Err(format!("exit code {c}: {stderr}")),
        None => Err(format!("killed by a signal (abort?): {stderr}")),
    }
}

/// Sweep files, merge metadata and command-line numbers, mutated; each run as the binary under
/// a time and memory limit. `SPILLWAY_FUZZ_CLI_ITERS` (default 60) mutants.
#[cfg(unix)]
#[test]
fn commands_survive_mutated_sweeps_merge_metadata_and_arguments() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/_shared");
    let base = format!(
        "base = {:?}\n",
        shared.join("base.toml").display().to_string()
    );
    let iters: usize = std::env::var("SPILLWAY_FUZZ_CLI_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let seed: u64 = std::env::var("SPILLWAY_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 3);
    let dir = tempfile::tempdir().unwrap();
    let shard = dir.path().join("shard");
    std::fs::create_dir_all(&shard).unwrap();
    let s = |x: &str| x.to_string();
    // At most one point is solved: the shard 1/1000000 holds only point 0.
    let one_point = [
        s("--shard"),
        s("1/1000000"),
        s("--threads"),
        s("1"),
        s("-q"),
    ];
    for i in 0..iters {
        let args: Vec<String> = match rng.below(3) {
            0 => {
                let body = if rng.below(2) == 0 { SWEEP } else { GRID };
                let mut text = base.clone() + body;
                for _ in 0..1 + rng.below(2) {
                    text = mutate_number(&mut rng, &text);
                }
                std::fs::write(dir.path().join("s.toml"), &text).unwrap();
                let mut a = vec![s("sweep"), s("s.toml"), s("--out"), s("out"), s("--force")];
                a.extend(one_point.iter().cloned());
                a
            }
            1 => {
                std::fs::write(shard.join("sweep.json"), mutate_number(&mut rng, META)).unwrap();
                let rows = format!(
                    "point,status\n{},optimal\n2,optimal\n",
                    rng.pick(HOSTILE_COUNTS)
                );
                std::fs::write(shard.join("sweep.csv"), rows).unwrap();
                std::fs::write(shard.join("sweep_timing.csv"), "point,build_seconds\n0,1\n")
                    .unwrap();
                vec![
                    s("merge"),
                    s("shard"),
                    s("--out"),
                    s("merged"),
                    s("--force"),
                    s("-q"),
                ]
            }
            _ => {
                std::fs::write(dir.path().join("s.toml"), base.clone() + GRID).unwrap();
                let flag = rng.pick(&["--resolution", "--threads", "--max-iter", "--shard"]);
                let mut v = s(rng.pick(HOSTILE_COUNTS));
                if flag == "--resolution" {
                    match rng.below(3) {
                        0 => v.push(if rng.below(2) == 0 { 'd' } else { 'h' }),
                        1 => v = format!("auto:{v}"),
                        _ => {}
                    }
                }
                if flag == "--shard" {
                    v = format!("{}/{}", rng.pick(HOSTILE_COUNTS), rng.pick(HOSTILE_COUNTS));
                }
                let mut a = vec![
                    s("sweep"),
                    s("s.toml"),
                    s("--out"),
                    s("out"),
                    s("--force"),
                    s("-q"),
                ];
                if flag != "--shard" {
                    a.extend([s("--shard"), s("1/1000000")]);
                }
                a.extend([s(flag), v]);
                a
            }
        };
        if let Err(e) = run_limited(dir.path(), &args) {
            panic!("mutant {i} (seed {seed}): spillway {args:?} failed: {e}");
        }
    }
}
