//! The LP in free MPS, so any solver can read the exact problem spillway solves.
//!
//! Layout (free MPS as HiGHS, CPLEX, Gurobi, GLPK and SCIP read it):
//!
//! ```text
//! * comment lines (the objective constant, sizes)
//! NAME     <name>
//! ROWS
//!  N  cost                      the objective (minimised; MPS's default sense)
//!  E  balance[se,t0]            E, L or G for =, ≤, ≥
//! COLUMNS
//!  flow[se_chengdu,t0]  cost  0.5          one entry per line: the objective first,
//!  flow[se_chengdu,t0]  balance[se,t0]  1  then the rows in order
//! RHS
//!  RHS  balance[se,t0]  1200               only the non-zero right-hand sides
//! BOUNDS
//!  LO BND  x  -5                           see `bound_lines`
//! ENDATA
//! ```
//!
//! Every column appears in COLUMNS, if need be with an explicit `cost 0` entry, so a reader
//! counts the same columns as `Lp::n_cols`. Numbers are written with Rust's shortest
//! round-trip formatting, so a reader's `strtod` gives back the very same f64.
//!
//! Names are the LP's systematic names (`flow[se_chengdu,t123]`). Free MPS splits fields on
//! white space, and a scenario's TOML keys (node and asset names) may contain spaces, so each
//! white-space or control character in a name is written as `%XX` (its UTF-8 bytes in hex) and
//! `%` itself as `%25`: names stay distinct and readable (`flow[se%20chengdu,t0]`).

use super::lp::{Lp, Sense};
use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};

/// Name of the objective row.
pub const OBJECTIVE_ROW: &str = "cost";

/// Write `lp` as free MPS. `comments` become `*` lines at the top (one per entry; each is
/// made single-line). Fails on a non-finite coefficient, objective or right-hand side, or a
/// bound no MPS file can hold (a lower bound of +∞, an upper bound of −∞, NaN).
pub fn write(lp: &Lp, name: &str, comments: &[String], out: &mut impl Write) -> io::Result<()> {
    let col_names: Vec<String> = lp.col_names().into_iter().map(escaped).collect();
    let row_names: Vec<String> = lp.row_names().into_iter().map(escaped).collect();
    for c in comments {
        writeln!(out, "* {}", c.replace(['\n', '\r'], " "))?;
    }
    writeln!(out, "NAME {}", mps_name(name))?;
    writeln!(out, "ROWS")?;
    writeln!(out, " N {OBJECTIVE_ROW}")?;
    for (r, row) in row_names.iter().enumerate() {
        let code = match lp.sense[r] {
            Sense::Eq => 'E',
            Sense::Le => 'L',
            Sense::Ge => 'G',
        };
        writeln!(out, " {code} {row}")?;
    }
    write_columns(lp, &col_names, &row_names, out)?;
    writeln!(out, "RHS")?;
    for (r, &b) in lp.rhs.iter().enumerate() {
        finite(b, || format!("right-hand side of row {}", row_names[r]))?;
        if b != 0.0 {
            writeln!(out, " RHS {} {}", row_names[r], Num(b))?;
        }
    }
    writeln!(out, "BOUNDS")?;
    for (c, col) in col_names.iter().enumerate() {
        for (code, value) in bound_lines(lp.lo[c], lp.hi[c]).ok_or_else(|| {
            invalid(format!(
                "column {col} has bounds [{}, {}]",
                lp.lo[c], lp.hi[c]
            ))
        })? {
            match value {
                Some(v) => writeln!(out, " {code} BND {col} {}", Num(v))?,
                None => writeln!(out, " {code} BND {col}")?,
            }
        }
    }
    writeln!(out, "ENDATA")?;
    out.flush()
}

/// COLUMNS: the rows are stored by row, so transpose once (counting sort by column).
fn write_columns(
    lp: &Lp,
    col_names: &[String],
    row_names: &[String],
    out: &mut impl Write,
) -> io::Result<()> {
    let mut start = vec![0usize; lp.n_cols() + 1];
    for r in 0..lp.n_rows() {
        for &c in lp.row_terms(r).0 {
            start[c as usize + 1] += 1;
        }
    }
    for c in 0..lp.n_cols() {
        start[c + 1] += start[c];
    }
    let mut next = start.clone();
    let mut entries = vec![(0u32, 0.0f64); lp.n_nonzeros()];
    for (r, row) in row_names.iter().enumerate() {
        let (cols, vals) = lp.row_terms(r);
        for (&c, &v) in cols.iter().zip(vals) {
            finite(v, || {
                format!("coefficient of {} in row {row}", col_names[c as usize])
            })?;
            entries[next[c as usize]] = (r as u32, v);
            next[c as usize] += 1;
        }
    }
    writeln!(out, "COLUMNS")?;
    for (c, col) in col_names.iter().enumerate() {
        let obj = lp.obj[c];
        finite(obj, || format!("objective coefficient of {col}"))?;
        let terms = &entries[start[c]..start[c + 1]];
        // A column with no entry at all would be unknown to a reader: give it its zero cost.
        if obj != 0.0 || terms.is_empty() {
            writeln!(out, " {col} {OBJECTIVE_ROW} {}", Num(obj))?;
        }
        for &(r, v) in terms {
            writeln!(out, " {col} {} {}", row_names[r as usize], Num(v))?;
        }
    }
    Ok(())
}

/// The BOUNDS lines of a column with bounds `[lo, hi]` (code and value), or None for bounds
/// MPS cannot state. MPS's default is `[0, +∞)`. `LO` is written whenever the lower bound is
/// not 0, and before `UP`, and also when it is 0 below a negative upper bound: some readers
/// give an `UP` with a negative value and no `LO` the legacy meaning "lower bound −∞". `MI`
/// is always followed by its `UP` (or written as `FR`), because old readers let `MI` set the
/// upper bound to 0.
pub fn bound_lines(lo: f64, hi: f64) -> Option<Vec<(&'static str, Option<f64>)>> {
    if lo.is_nan() || hi.is_nan() || lo == f64::INFINITY || hi == f64::NEG_INFINITY {
        return None;
    }
    let lines = match (lo.is_finite(), hi.is_finite()) {
        (true, true) if lo == hi => vec![("FX", Some(lo))],
        (true, true) if lo != 0.0 || hi < 0.0 => vec![("LO", Some(lo)), ("UP", Some(hi))],
        (true, true) => vec![("UP", Some(hi))],
        (true, false) if lo != 0.0 => vec![("LO", Some(lo))],
        (true, false) => vec![],
        (false, true) => vec![("MI", None), ("UP", Some(hi))],
        (false, false) => vec![("FR", None)],
    };
    Some(lines)
}

/// A name as free MPS can hold it (see the module comment); unchanged in the usual case.
pub fn mps_name(name: &str) -> Cow<'_, str> {
    if !name.contains(needs_escape) {
        return Cow::Borrowed(name);
    }
    let mut s = String::with_capacity(name.len() + 8);
    for ch in name.chars() {
        if needs_escape(ch) {
            let mut buf = [0u8; 4];
            for b in ch.encode_utf8(&mut buf).bytes() {
                s.push_str(&format!("%{b:02X}"));
            }
        } else {
            s.push(ch);
        }
    }
    Cow::Owned(s)
}

fn needs_escape(ch: char) -> bool {
    ch == '%' || ch.is_whitespace() || ch.is_control()
}

/// `mps_name` of an owned name, without copying it in the usual case.
fn escaped(name: String) -> String {
    if name.contains(needs_escape) {
        mps_name(&name).into_owned()
    } else {
        name
    }
}

/// An f64 in the shortest text that reads back to the same value: plain digits for ordinary
/// magnitudes (`1200`, `0.35`), exponent form otherwise (`1e-9`, `2.5e18`), never `inf`.
pub struct Num(pub f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a = self.0.abs();
        if a == 0.0 {
            f.write_str("0")
        } else if (1e-4..1e15).contains(&a) {
            write!(f, "{}", self.0)
        } else {
            write!(f, "{:e}", self.0)
        }
    }
}

fn finite(v: f64, what: impl FnOnce() -> String) -> io::Result<()> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(invalid(format!("{} is {v}", what())))
    }
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_to_the_same_f64() {
        for x in [
            1.0,
            -0.35,
            1200.0,
            1e-9,
            -2.5e18,
            0.1 + 0.2,
            1.0 / 3.0,
            f64::MIN_POSITIVE,
            f64::MAX,
            123456789.12345679,
            9.999999999999999e14,
        ] {
            let text = Num(x).to_string();
            assert_eq!(text.parse::<f64>().unwrap(), x, "{text}");
            assert!(!text.contains(' '));
        }
        assert_eq!(Num(-0.0).to_string(), "0");
        assert_eq!(Num(1e-9).to_string(), "1e-9");
        assert_eq!(Num(1200.0).to_string(), "1200");
    }

    #[test]
    fn names_with_spaces_are_escaped_and_stay_distinct() {
        assert_eq!(mps_name("flow[se_chengdu,t0]"), "flow[se_chengdu,t0]");
        assert_eq!(mps_name("flow[se chengdu,t0]"), "flow[se%20chengdu,t0]");
        assert_eq!(mps_name("a%20b"), "a%2520b");
        assert_eq!(mps_name("阿坝\tx"), "阿坝%09x");
        assert_ne!(mps_name("a b"), mps_name("a%20b"));
    }

    #[test]
    fn bounds_state_lo_whenever_it_is_not_the_default() {
        let inf = f64::INFINITY;
        assert_eq!(bound_lines(0.0, inf), Some(vec![]));
        assert_eq!(bound_lines(0.0, 5.0), Some(vec![("UP", Some(5.0))]));
        assert_eq!(
            bound_lines(0.0, -1.0),
            Some(vec![("LO", Some(0.0)), ("UP", Some(-1.0))])
        );
        assert_eq!(
            bound_lines(-inf, -1.0),
            Some(vec![("MI", None), ("UP", Some(-1.0))])
        );
        assert_eq!(bound_lines(-inf, inf), Some(vec![("FR", None)]));
        assert_eq!(bound_lines(2.0, 2.0), Some(vec![("FX", Some(2.0))]));
        assert_eq!(bound_lines(inf, inf), None);
        assert_eq!(bound_lines(f64::NAN, 1.0), None);
    }
}
