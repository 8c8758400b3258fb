//! Setting one number of a scenario by its key path (`lines.aba_chengdu_1000kv.capex_cny_per_kw`).
//!
//! The scenario is serialized to a `toml::Value` once; each point copies it, sets its values
//! and deserializes back into a `Scenario`. That is cheap next to a solve, keeps the serde structs
//! the single source of truth for what a key may be, and reuses their unknown-key errors.

use crate::scenario::{did_you_mean, Scenario};
use serde::Deserialize;
use serde_path_to_error::Segment;
use serde_value::{DeserializerError, ValueDeserializer};
use toml::Value;

/// Why a path could not be set.
#[derive(Debug, Clone, PartialEq)]
pub enum PathError {
    /// A key that is not in the scenario (`prefix` is where the lookup stopped).
    Unknown {
        prefix: String,
        key: String,
        hint: String,
    },
    /// The path goes through something that is not a table (a number, a list).
    NotATable { prefix: String },
}

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PathError::Unknown { prefix, key, hint } if prefix.is_empty() => {
                write!(f, "no key `{key}` in the scenario{hint}")
            }
            PathError::Unknown { prefix, key, hint } => {
                write!(f, "no key `{key}` under `{prefix}`{hint}")
            }
            PathError::NotATable { prefix } => {
                write!(
                    f,
                    "`{prefix}` is a value, not a table: the path cannot go below it"
                )
            }
        }
    }
}

/// The scenario as a TOML value (paths already absolute, as loaded).
pub fn to_value(sc: &Scenario) -> Value {
    Value::try_from(sc).expect("a Scenario always serializes to TOML")
}

/// The value at a path, if the scenario writes one.
pub fn get<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(root, |v, k| v.as_table()?.get(k))
}

/// Set `path` to `value`. Intermediate tables must exist (a typo in a component name is an
/// error, not a new component); the last key may be new (an optional field left unset), and
/// `deserialize` then says whether the scenario has such a field. A number keeps the type of
/// the value it replaces (an integer key stays an integer when the new value is whole).
pub fn set(root: &mut Value, path: &str, value: Value) -> Result<(), PathError> {
    let parts: Vec<&str> = path.split('.').collect();
    let mut here = root;
    for (i, part) in parts.iter().enumerate() {
        let prefix = parts[..i].join(".");
        let Some(table) = here.as_table_mut() else {
            return Err(PathError::NotATable { prefix });
        };
        if i + 1 == parts.len() {
            let value = match (table.get(*part), value) {
                (Some(Value::Integer(_)), Value::Float(x))
                    if x.fract() == 0.0 && x.abs() < 9e15 =>
                {
                    Value::Integer(x as i64)
                }
                (Some(Value::Float(_)), Value::Integer(n)) => Value::Float(n as f64),
                (_, v) => v,
            };
            table.insert(part.to_string(), value);
            return Ok(());
        }
        if !table.contains_key(*part) {
            let known: Vec<&str> = table.keys().map(String::as_str).collect();
            let mut hint = did_you_mean(part, &known);
            if hint.is_empty() && !known.is_empty() {
                hint = format!(" (there: {})", known.join(", "));
            }
            return Err(PathError::Unknown {
                prefix,
                key: part.to_string(),
                hint,
            });
        }
        here = table.get_mut(*part).expect("checked above");
    }
    unreachable!("a path has at least one part")
}

/// Back from the value to a `Scenario`. An unknown key comes back as `PathError::Unknown` at
/// the path serde stopped at, with "did you mean" drawn from the keys serde expected there.
pub fn deserialize(root: Value) -> Result<Scenario, String> {
    // The common case (every point of a sweep) stays one direct conversion.
    let plain = match Scenario::deserialize(root.clone()) {
        Ok(sc) => return Ok(sc),
        Err(e) => e,
    };
    // serde_value keeps the error structured (the unknown key and the expected ones), and
    // serde_path_to_error says where it is.
    let Ok(v) = serde_value::to_value(&root) else {
        return Err(plain.message().trim().to_string());
    };
    let e = match serde_path_to_error::deserialize(ValueDeserializer::new(v)) {
        Ok(sc) => return Ok(sc),
        Err(e) => e,
    };
    let keys: Vec<String> = e
        .path()
        .iter()
        .map_while(|s| match s {
            Segment::Map { key } => Some(key.clone()),
            _ => None,
        })
        .collect();
    match e.into_inner() {
        DeserializerError::UnknownField(key, expected) => {
            let prefix = match keys.split_last() {
                Some((last, parent)) if *last == key => parent.join("."),
                _ => keys.join("."),
            };
            Err(PathError::Unknown {
                hint: did_you_mean(&key, expected),
                prefix,
                key,
            }
            .to_string())
        }
        other => Err(other.to_error::<serde::de::value::Error>().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Value {
        Value::Table(toml::from_str(text).unwrap())
    }

    #[test]
    fn set_replaces_and_keeps_integer_type() {
        let mut v = table("[a]\nn = 3\nx = 1.5\n");
        set(&mut v, "a.n", Value::Float(24.0)).unwrap();
        set(&mut v, "a.x", Value::Integer(2)).unwrap();
        assert_eq!(get(&v, "a.n"), Some(&Value::Integer(24)));
        assert_eq!(get(&v, "a.x"), Some(&Value::Float(2.0)));
        set(&mut v, "a.new", Value::Float(1.0)).unwrap();
        assert_eq!(get(&v, "a.new"), Some(&Value::Float(1.0)));
    }

    #[test]
    fn unknown_intermediate_key_suggests_a_neighbour() {
        let mut v = table("[lines.aba_chengdu_1000kv]\ncapex_cny_per_kw = 6000.0\n");
        let e = set(
            &mut v,
            "lines.aba_chengdu_100kv.capex_cny_per_kw",
            Value::Float(1.0),
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("did you mean `aba_chengdu_1000kv`"),
            "{e}"
        );
        let e = set(
            &mut v,
            "lines.aba_chengdu_1000kv.capex_cny_per_kw.x",
            Value::Float(1.0),
        )
        .unwrap_err();
        assert!(matches!(e, PathError::NotATable { .. }), "{e}");
    }
}
