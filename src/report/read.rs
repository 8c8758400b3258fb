//! Reading a results file back, for every report: errors name the file (exit 2), CSVs are
//! opened with their header, JSON files deserialized into the contract's structs.

use crate::error::{Error, InputProblem, Result};
use serde::de::DeserializeOwned;
use std::path::Path;

/// A problem with a results file that charts and reports read back (exit 2).
pub fn problem(path: &Path, message: impl std::fmt::Display) -> Error {
    Error::input(InputProblem::new("", message.to_string()).in_file(path))
}

pub fn reader(path: &Path) -> Result<csv::Reader<std::fs::File>> {
    csv::Reader::from_path(path).map_err(|e| problem(path, format!("cannot read: {e}")))
}

/// A results CSV opened for reading, with its header row.
pub fn reader_with_header(path: &Path) -> Result<(csv::Reader<std::fs::File>, Vec<String>)> {
    let mut r = reader(path)?;
    let header = r
        .headers()
        .map_err(|e| problem(path, e))?
        .iter()
        .map(String::from)
        .collect();
    Ok((r, header))
}

/// A JSON file of the folder; `what` names the kind of file in the error ("a sweep.json").
pub fn json<T: DeserializeOwned>(path: &Path, what: &str) -> Result<T> {
    let text =
        std::fs::read_to_string(path).map_err(|e| problem(path, format!("cannot read: {e}")))?;
    serde_json::from_str(&text).map_err(|e| problem(path, format!("not {what}: {e}")))
}

/// Every row of a CSV, deserialized.
pub fn rows<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    reader(path)?
        .deserialize()
        .enumerate()
        .map(|(i, r)| r.map_err(|e| problem(path, format!("row {}: {e}", i + 2))))
        .collect()
}
