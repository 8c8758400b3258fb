//! The criterion a break-even search looks for (`--when EXPR`), evaluated on a solve's
//! summary as it is serialised to `summary.json`, so any numeric key of that file works.
//!
//! The grammar is small enough that a hand-written parser is shorter and clearer than a
//! parser crate (and gives errors in the planner's words):
//!
//! ```text
//! EXPR    := "fills" OPTION | OPERAND OP OPERAND
//! OP      := ">=" | "<=" | ">" | "<"
//! OPERAND := NUMBER | KEY          KEY: a dotted path into summary.json
//! ```
//!
//! `capacity_built_mw` has keys with dots in them (`line.aba_chengdu_1000kv`), so a path is
//! resolved greedily: at each level the longest run of segments that names a key is taken.

use crate::scenario::did_you_mean;
use serde_json::Value;

/// Built within this share of the option's total site limit counts as "fills" (0.1 %).
pub const FILLS_SHARE: f64 = 1e-3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Ge,
    Le,
    Gt,
    Lt,
}

impl Op {
    fn holds(self, a: f64, b: f64) -> bool {
        match self {
            Op::Ge => a >= b,
            Op::Le => a <= b,
            Op::Gt => a > b,
            Op::Lt => a < b,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Lt => "<",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Number(f64),
    Key(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Criterion {
    /// `left op right` over summary keys and numbers.
    Compare {
        left: Operand,
        op: Op,
        right: Operand,
    },
    /// `fills OPTION`: built within `FILLS_SHARE` of the option's total site limit, MW.
    Fills { option: String },
}

/// What a criterion found in one summary: whether it holds, and the numbers it compared
/// (for the report: "12.0 >= 1000").
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    pub holds: bool,
    pub left: f64,
    pub right: f64,
}

impl std::fmt::Display for Criterion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let side = |o: &Operand| match o {
            Operand::Number(x) => format!("{x}"),
            Operand::Key(k) => k.clone(),
        };
        match self {
            Criterion::Compare { left, op, right } => {
                write!(f, "{} {} {}", side(left), op.symbol(), side(right))
            }
            Criterion::Fills { option } => write!(f, "fills {option}"),
        }
    }
}

/// Parse `--when`. The error is a sentence for the user.
pub fn parse(text: &str) -> Result<Criterion, String> {
    let t = text.trim();
    if let Some(rest) = t.strip_prefix("fills") {
        let option = rest.trim();
        if rest.starts_with(char::is_whitespace) && !option.is_empty() && !option.contains(' ') {
            return Ok(Criterion::Fills {
                option: option.to_string(),
            });
        }
        if option.is_empty() {
            return Err("`fills` needs an option, e.g. `fills electrolyser`".into());
        }
    }
    // Two-character operators first, so `>=` is not read as `>` followed by `=`.
    let ops = [(">=", Op::Ge), ("<=", Op::Le), (">", Op::Gt), ("<", Op::Lt)];
    let (at, sym, op) = ops
        .iter()
        .filter_map(|(s, op)| t.find(s).map(|i| (i, *s, *op)))
        .min_by_key(|(i, s, _)| (*i, std::cmp::Reverse(s.len())))
        .ok_or_else(|| {
            format!(
                "`{t}` has no comparison: write `KEY >= NUMBER`, `KEY >= KEY` (also <=, >, <) or \
                 `fills OPTION`"
            )
        })?;
    let left = operand(&t[..at])?;
    let right = operand(&t[at + sym.len()..])?;
    if matches!((&left, &right), (Operand::Number(_), Operand::Number(_))) {
        return Err(format!(
            "`{t}` compares two numbers: one side must be a key of summary.json"
        ));
    }
    Ok(Criterion::Compare { left, op, right })
}

fn operand(text: &str) -> Result<Operand, String> {
    let s = text.trim();
    if s.is_empty() {
        return Err("a comparison needs something on both sides".into());
    }
    if let Ok(x) = s.parse::<f64>() {
        return if x.is_finite() {
            Ok(Operand::Number(x))
        } else {
            Err(format!("`{s}` is not a finite number"))
        };
    }
    let ok = s
        .split('.')
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '_'));
    if !ok || s.contains(['<', '>', '=']) {
        return Err(format!(
            "`{s}` is neither a number nor a key path of summary.json (letters, digits, _ and dots)"
        ));
    }
    Ok(Operand::Key(s.to_string()))
}

/// Every numeric leaf of a summary as a dotted path (for "did you mean").
fn numeric_paths(v: &Value, prefix: &str, out: &mut Vec<String>) {
    if let Value::Object(m) = v {
        for (k, x) in m {
            let p = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match x {
                Value::Number(_) | Value::Null => out.push(p),
                Value::Object(_) => numeric_paths(x, &p, out),
                _ => {}
            }
        }
    }
}

/// The value at a dotted path (greedy over keys that contain dots). `Ok(None)`: the key
/// exists but is null (an LCOH when no hydrogen is made).
pub fn lookup(summary: &Value, path: &str) -> Result<Option<f64>, String> {
    let parts: Vec<&str> = path.split('.').collect();
    let mut v = summary;
    let mut i = 0;
    while i < parts.len() {
        let Value::Object(m) = v else { break };
        let found = (i + 1..=parts.len())
            .rev()
            .find_map(|j| m.get(&parts[i..j].join(".")).map(|x| (j, x)));
        match found {
            Some((j, x)) => {
                v = x;
                i = j;
            }
            None => break,
        }
    }
    match v {
        _ if i < parts.len() => Err(unknown_key(summary, path)),
        Value::Number(n) => Ok(n.as_f64()),
        Value::Null => Ok(None),
        _ => Err(format!(
            "`{path}` in summary.json is not a number (give a path down to a number)"
        )),
    }
}

fn unknown_key(summary: &Value, path: &str) -> String {
    let mut known = Vec::new();
    numeric_paths(summary, "", &mut known);
    let refs: Vec<&str> = known.iter().map(String::as_str).collect();
    format!(
        "`{path}` is not a key of summary.json{}",
        did_you_mean(path, &refs)
    )
}

impl Criterion {
    /// Every summary key the criterion reads, checked against one summary before a search.
    pub fn check_keys(&self, summary: &Value) -> Result<(), String> {
        let keys: Vec<String> = match self {
            Criterion::Compare { left, right, .. } => [left, right]
                .into_iter()
                .filter_map(|o| match o {
                    Operand::Key(k) => Some(k.clone()),
                    Operand::Number(_) => None,
                })
                .collect(),
            Criterion::Fills { option } => vec![format!("capacity_built_mw.{option}")],
        };
        keys.iter().try_for_each(|k| lookup(summary, k).map(|_| ()))
    }

    /// Evaluate on a summary. `site_limit_mw` is the option's total site limit (for `fills`).
    /// A null value (nothing to measure) makes a comparison false.
    pub fn eval(&self, summary: &Value, site_limit_mw: Option<f64>) -> Result<Seen, String> {
        let side = |o: &Operand| -> Result<Option<f64>, String> {
            match o {
                Operand::Number(x) => Ok(Some(*x)),
                Operand::Key(k) => lookup(summary, k),
            }
        };
        match self {
            Criterion::Compare { left, op, right } => {
                let (a, b) = (side(left)?, side(right)?);
                Ok(Seen {
                    holds: matches!((a, b), (Some(a), Some(b)) if op.holds(a, b)),
                    left: a.unwrap_or(f64::NAN),
                    right: b.unwrap_or(f64::NAN),
                })
            }
            Criterion::Fills { option } => {
                let built = lookup(summary, &format!("capacity_built_mw.{option}"))?.unwrap_or(0.0);
                let limit = site_limit_mw.unwrap_or(f64::NAN);
                Ok(Seen {
                    holds: limit > 0.0 && built >= limit * (1.0 - FILLS_SHARE),
                    left: built,
                    right: limit,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_the_three_forms() {
        assert_eq!(
            parse("capacity_built_mw.electrolyser >= 1000").unwrap(),
            Criterion::Compare {
                left: Operand::Key("capacity_built_mw.electrolyser".into()),
                op: Op::Ge,
                right: Operand::Number(1000.0),
            }
        );
        assert_eq!(
            parse("energy_twh.hydrogen>energy_twh.export").unwrap(),
            Criterion::Compare {
                left: Operand::Key("energy_twh.hydrogen".into()),
                op: Op::Gt,
                right: Operand::Key("energy_twh.export".into()),
            }
        );
        assert_eq!(
            parse(" fills electrolyser ").unwrap(),
            Criterion::Fills {
                option: "electrolyser".into()
            }
        );
    }

    #[test]
    fn rejects_what_is_not_a_criterion() {
        for bad in [
            "capacity_built_mw.electrolyser",
            "1 < 2",
            ">= 3",
            "a.b >= ",
            "fills",
            "a b >= 3",
            "a >= inf",
        ] {
            assert!(parse(bad).is_err(), "{bad} parsed");
        }
    }

    #[test]
    fn keys_with_dots_resolve_and_misspellings_are_named() {
        let s = json!({"capacity_built_mw": {"line.aba": 5.0, "electrolyser": 2.0},
                       "lcoh_cny_per_kg": null});
        assert_eq!(lookup(&s, "capacity_built_mw.line.aba"), Ok(Some(5.0)));
        assert_eq!(lookup(&s, "lcoh_cny_per_kg"), Ok(None));
        let e = lookup(&s, "capacity_built_mw.electrolyzer").unwrap_err();
        assert!(
            e.contains("did you mean `capacity_built_mw.electrolyser`"),
            "{e}"
        );
    }

    #[test]
    fn evaluates_against_the_summary() {
        let s = json!({"capacity_built_mw": {"electrolyser": 999.5},
                       "energy_twh": {"hydrogen": 2.0, "export": 3.0}});
        let c = parse("capacity_built_mw.electrolyser >= 1000").unwrap();
        assert!(!c.eval(&s, None).unwrap().holds);
        let c = parse("energy_twh.hydrogen < energy_twh.export").unwrap();
        assert!(c.eval(&s, None).unwrap().holds);
        let c = parse("fills electrolyser").unwrap();
        assert!(c.eval(&s, Some(1000.0)).unwrap().holds); // within 0.1 %
        assert!(!c.eval(&s, Some(1001.0)).unwrap().holds);
    }
}
