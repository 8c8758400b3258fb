//! Reading a results file back, for every report: errors name the file (exit 2), CSVs are
//! opened with their header, JSON files deserialized into the contract's structs.

use crate::error::{Error, InputProblem, Result};
use crate::input_file::{read_limited, MAX_CSV_BYTES, MAX_JSON_BYTES};
use serde::de::DeserializeOwned;
use std::path::Path;

/// A problem with a results file that charts and reports read back (exit 2).
pub fn problem(path: &Path, message: impl std::fmt::Display) -> Error {
    Error::input(InputProblem::new("", message.to_string()).in_file(path))
}

/// A results CSV read whole (a regular file, at most `MAX_CSV_BYTES`), for reading.
pub type CsvReader = csv::Reader<std::io::Cursor<Vec<u8>>>;

pub fn reader(path: &Path) -> Result<CsvReader> {
    let bytes = read_limited(path, MAX_CSV_BYTES)
        .map_err(|e| problem(path, format!("cannot read: {e}")))?;
    Ok(csv::Reader::from_reader(std::io::Cursor::new(bytes)))
}

/// A results CSV opened for reading, with its header row.
pub fn reader_with_header(path: &Path) -> Result<(CsvReader, Vec<String>)> {
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
    // A regular file of bounded size, as every input (a FIFO or /dev/zero named by mistake).
    let bytes = read_limited(path, MAX_JSON_BYTES)
        .map_err(|e| problem(path, format!("cannot read: {e}")))?;
    serde_json::from_slice(&bytes).map_err(|e| problem(path, format!("not {what}: {e}")))
}

/// Every row of a CSV, deserialized.
pub fn rows<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    reader(path)?
        .deserialize()
        .enumerate()
        .map(|(i, r)| r.map_err(|e| problem(path, format!("row {}: {e}", i + 2))))
        .collect()
}
