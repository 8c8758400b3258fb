//! Keys whose value may take several forms: series references and tariffs.
//!
//! Their deserializers are written by hand so that a wrong form gets a message listing the
//! accepted ones, instead of serde's "did not match any variant of untagged enum".

use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use toml::Value;

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// An Aba district: local demand, generation and options.
    Region,
    /// The wider grid (Sichuan at Chengdu): export sales and imports happen here.
    Outside,
}

/// A reference to one column of a CSV: either a column of `time.profiles` (a bare string)
/// or `{ file = "…", column = "…" }`.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(untagged)]
pub enum SeriesRef {
    Column(String),
    File { file: PathBuf, column: String },
}

/// A tariff: flat, `{ wet = …, dry = … }` by flood season, twelve monthly values, or a series.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(untagged)]
pub enum Tariff {
    Flat(f64),
    Seasonal { wet: f64, dry: f64 },
    Monthly { monthly: Vec<f64> },
    Series { series: SeriesRef },
}

const SERIES_FORMS: &str =
    "a column name (\"hydro_ror_pu\") or { file = \"x.csv\", column = \"name\" }";
const TARIFF_FORMS: &str =
    "a number, { wet = …, dry = … }, { monthly = [12 numbers] } or { series = \"column\" }";

fn keys(t: &toml::Table) -> Vec<&str> {
    let mut k: Vec<&str> = t.keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        Value::Integer(i) => Some(*i as f64),
        _ => None,
    }
}

impl SeriesRef {
    fn from_value(v: Value) -> Result<SeriesRef, String> {
        match v {
            Value::String(s) => Ok(SeriesRef::Column(s)),
            Value::Table(t) if keys(&t) == ["column", "file"] => match (&t["file"], &t["column"]) {
                (Value::String(f), Value::String(c)) => Ok(SeriesRef::File {
                    file: PathBuf::from(f),
                    column: c.clone(),
                }),
                _ => Err(format!(
                    "`file` and `column` must be strings; expected {SERIES_FORMS}"
                )),
            },
            other => Err(format!(
                "expected {SERIES_FORMS}, found {}",
                describe(&other)
            )),
        }
    }
}

impl Tariff {
    fn from_value(v: Value) -> Result<Tariff, String> {
        if let Some(x) = number(&v) {
            return Ok(Tariff::Flat(x));
        }
        let Value::Table(t) = v else {
            return Err(format!("expected {TARIFF_FORMS}, found {}", describe(&v)));
        };
        match keys(&t).as_slice() {
            ["dry", "wet"] => match (number(&t["wet"]), number(&t["dry"])) {
                (Some(wet), Some(dry)) => Ok(Tariff::Seasonal { wet, dry }),
                _ => Err("`wet` and `dry` must be numbers".into()),
            },
            ["monthly"] => match &t["monthly"] {
                Value::Array(a) => a
                    .iter()
                    .map(number)
                    .collect::<Option<Vec<f64>>>()
                    .map(|monthly| Tariff::Monthly { monthly })
                    .ok_or_else(|| "`monthly` must list numbers".into()),
                _ => Err("`monthly` must be an array of 12 numbers".into()),
            },
            ["series"] => {
                SeriesRef::from_value(t["series"].clone()).map(|series| Tariff::Series { series })
            }
            other => Err(format!(
                "expected {TARIFF_FORMS}, found a table with keys {}",
                other.join(", ")
            )),
        }
    }
}

fn describe(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "a string",
        Value::Integer(_) | Value::Float(_) => "a number",
        Value::Boolean(_) => "a boolean",
        Value::Datetime(_) => "a date",
        Value::Array(_) => "an array",
        Value::Table(_) => "a table",
    }
}

impl<'de> Deserialize<'de> for SeriesRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        SeriesRef::from_value(Value::deserialize(d)?).map_err(D::Error::custom)
    }
}

impl<'de> Deserialize<'de> for Tariff {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Tariff::from_value(Value::deserialize(d)?).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tariff(text: &str) -> Result<Tariff, String> {
        #[derive(Deserialize)]
        struct W {
            #[allow(dead_code)]
            t: Tariff,
        }
        toml::from_str::<W>(&format!("t = {text}"))
            .map(|w| w.t)
            .map_err(|e| e.message().to_string())
    }

    #[test]
    fn every_tariff_form_parses_and_others_are_explained() {
        assert_eq!(tariff("250").unwrap(), Tariff::Flat(250.0));
        assert_eq!(
            tariff("{ wet = 1, dry = 2.5 }").unwrap(),
            Tariff::Seasonal { wet: 1.0, dry: 2.5 }
        );
        assert_eq!(
            tariff("{ monthly = [1, 2] }").unwrap(),
            Tariff::Monthly {
                monthly: vec![1.0, 2.0]
            }
        );
        assert_eq!(
            tariff("{ series = \"p\" }").unwrap(),
            Tariff::Series {
                series: SeriesRef::Column("p".into())
            }
        );
        let e = tariff("{ wet = 1, dry = 2, monthly = [1] }").unwrap_err();
        assert!(
            e.contains("found a table with keys dry, monthly, wet"),
            "{e}"
        );
        let e = tariff("\"cheap\"").unwrap_err();
        assert!(e.contains("found a string"), "{e}");
    }
}
