//! `results.xlsx`: the folder's tables in one workbook for people who work in Excel, made from
//! the folder's own files (after they are written, before the folder is swapped in), so it
//! holds exactly what the CSVs hold.
//!
//! - one sheet per CSV, named by its file stem (at most 31 characters, unique), in file-name
//!   order; row 1 the CSV's column names unchanged (so a sheet maps to its CSV column for
//!   column), row 2 each column's unit read from its name (`_mw` → MW, `_cny_per_mwh` →
//!   CNY/MWh; empty when the name carries none), both rows frozen; numbers are written as
//!   numbers, `true`/`false` as booleans, anything else as text;
//! - a run: a `summary` sheet first (every key of `summary.json` but the timings, flattened to
//!   `a.b` paths, with the unit its name carries);
//!   its `assumptions.csv` is its `assumptions` sheet (every key the scenario files set, with
//!   the source written beside it);
//! - a compare or sweep folder: an `assumptions` sheet last, from `compare.json` (each case's
//!   file, description, resolution, solver and provenance) or `sweep.json` (the sweep's
//!   definition).
//!
//! The workbook's creation date is fixed (1980-01-01, the zip epoch its entries carry too), so
//! the same files give the same bytes. `spillway plot` does not rewrite it: it redraws charts
//! and the report, and the data the workbook holds does not change.

use super::files::{COMPARE_JSON, RESULTS_XLSX, SUMMARY, SWEEP_JSON};
use crate::input_file::{read_limited, MAX_CSV_BYTES, MAX_JSON_BYTES};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io;
use std::path::Path;

/// Excel's limits: rows per sheet, columns per sheet, characters in a sheet name.
const MAX_ROWS: usize = 1_048_576;
const MAX_COLUMNS: usize = 16_384;
const MAX_NAME: usize = 31;
/// Column widths, in characters: the widest of the header, the unit and the first rows.
const WIDTH_ROWS: usize = 200;
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;

/// A cell as the workbook writes it.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Number(f64),
    Bool(bool),
    Text(String),
    Empty,
}

impl Cell {
    fn parse(s: &str) -> Cell {
        match s {
            "" => Cell::Empty,
            "true" => Cell::Bool(true),
            "false" => Cell::Bool(false),
            // `inf` and `NaN` parse as f64 but are not numbers a spreadsheet can hold.
            _ => match s.parse::<f64>() {
                Ok(x) if x.is_finite() => Cell::Number(x),
                _ => Cell::Text(s.to_string()),
            },
        }
    }

    fn of_json(v: &Value) -> Cell {
        match v {
            Value::Null => Cell::Empty,
            Value::Bool(b) => Cell::Bool(*b),
            Value::Number(n) => n.as_f64().map_or(Cell::Empty, Cell::Number),
            Value::String(s) => Cell::Text(s.clone()),
            other => Cell::Text(other.to_string()),
        }
    }

    fn width(&self) -> usize {
        match self {
            Cell::Number(x) => format!("{x}").len(),
            Cell::Bool(_) => 5,
            Cell::Text(s) => s.chars().count(),
            Cell::Empty => 0,
        }
    }
}

/// One sheet: its name, header, units row and rows.
struct Table {
    name: String,
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
    /// Rows of the file beyond Excel's limit, said in the sheet's last row.
    dropped_rows: usize,
}

/// Write `results.xlsx` into the output folder `dir` from the files already there.
pub fn write(dir: &Path) -> io::Result<()> {
    let mut tables = Vec::new();
    if dir.join(SUMMARY).is_file() {
        let summary = json(&dir.join(SUMMARY))?;
        tables.push(key_values("summary", &summary));
    }
    for path in super::excel_csv::csv_files(dir)? {
        tables.push(csv_table(&path)?);
    }
    if dir.join(COMPARE_JSON).is_file() {
        tables.push(compare_assumptions(&json(&dir.join(COMPARE_JSON))?));
    } else if dir.join(SWEEP_JSON).is_file() {
        tables.push(key_values("assumptions", &json(&dir.join(SWEEP_JSON))?));
    }
    unique_names(&mut tables);
    workbook(&tables)
        .and_then(|mut wb| wb.save(dir.join(RESULTS_XLSX)))
        .map_err(io::Error::other)
}

fn json(path: &Path) -> io::Result<Value> {
    let bytes = read_limited(path, MAX_JSON_BYTES).map_err(io::Error::other)?;
    serde_json::from_slice(&bytes).map_err(|e| io::Error::other(format!("{}: {e}", path.display())))
}

/// A CSV of the folder as a table (a byte-order mark, if any, is skipped by the reader).
fn csv_table(path: &Path) -> io::Result<Table> {
    let bytes = read_limited(path, MAX_CSV_BYTES).map_err(io::Error::other)?;
    let bad = |e: csv::Error| io::Error::other(format!("{}: {e}", path.display()));
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .map_err(bad)?
        .iter()
        .map(String::from)
        .collect();
    if header.len() > MAX_COLUMNS {
        return Err(io::Error::other(format!(
            "{}: {} columns, more than a spreadsheet holds ({MAX_COLUMNS})",
            path.display(),
            header.len()
        )));
    }
    // Two header rows, and one row to say what was left out.
    let room = MAX_ROWS - 3;
    let mut rows = Vec::new();
    let mut dropped_rows = 0;
    for record in reader.records() {
        let record = record.map_err(bad)?;
        if rows.len() < room {
            rows.push(record.iter().map(Cell::parse).collect());
        } else {
            dropped_rows += 1;
        }
    }
    let name = path.file_stem().unwrap_or_default().to_string_lossy();
    Ok(Table {
        name: name.into_owned(),
        header,
        rows,
        dropped_rows,
    })
}

/// A JSON document as `key` / `value` / `unit` rows, nested keys joined with `.`. Timings
/// (`*_seconds`) and whether the status quo came from the cache (`baseline_cached`) are left
/// out: they differ between two runs of the same inputs, and the workbook, like every file but
/// summary.json, is the same for the same inputs.
fn key_values(name: &str, v: &Value) -> Table {
    let mut rows = Vec::new();
    flatten("", v, &mut rows);
    Table {
        name: name.to_string(),
        header: vec!["key".into(), "value".into(), "unit".into()],
        rows: rows
            .into_iter()
            .filter(|(k, _)| !k.ends_with("_seconds") && k != "baseline_cached")
            .map(|(k, v)| {
                let unit = Cell::parse(&super::units::of_column(&k));
                vec![Cell::Text(k), v, unit]
            })
            .collect(),
        dropped_rows: 0,
    }
}

/// Leaves of `v` as (path, cell); a list of plain values is one cell, joined with `; `.
fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, Cell)>) {
    let join = |k: &str| {
        if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                flatten(&join(k), v, out);
            }
        }
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            let cells: Vec<String> = items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), String::from))
                .collect();
            out.push((prefix.to_string(), Cell::Text(cells.join("; "))));
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(&join(&i.to_string()), v, out);
            }
        }
        leaf => out.push((prefix.to_string(), Cell::of_json(leaf))),
    }
}

/// `compare.json`'s cases: what each was run from (its scenario's own assumptions are in its
/// scenario files, named with their hashes under `provenance`).
fn compare_assumptions(v: &Value) -> Table {
    const KEYS: [&str; 6] = [
        "file",
        "description",
        "summary.resolution",
        "summary.horizon_hours",
        "summary.solver",
        "summary.provenance",
    ];
    let mut rows = Vec::new();
    for case in v["summaries"].as_array().into_iter().flatten() {
        let name = case["summary"]["scenario"].as_str().unwrap_or_default();
        let mut leaves = Vec::new();
        flatten("", case, &mut leaves);
        for (key, cell) in leaves {
            if KEYS
                .iter()
                .any(|k| key == *k || key.starts_with(&format!("{k}.")))
            {
                rows.push(vec![Cell::Text(name.to_string()), Cell::Text(key), cell]);
            }
        }
    }
    Table {
        name: "assumptions".into(),
        header: vec!["case".into(), "key".into(), "value".into()],
        rows,
        dropped_rows: 0,
    }
}

/// Sheet names Excel accepts: no `[]:*?/\`, at most 31 characters, unique ignoring case.
fn unique_names(tables: &mut [Table]) {
    let mut taken = BTreeSet::new();
    for t in tables.iter_mut() {
        let clean: String = t
            .name
            .chars()
            .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
            .collect();
        let base: String = clean.chars().take(MAX_NAME).collect();
        let mut name = base.clone();
        let mut n = 2;
        while !taken.insert(name.to_lowercase()) {
            let suffix = format!("~{n}");
            let keep = MAX_NAME - suffix.len();
            name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
            n += 1;
        }
        t.name = name;
    }
}

fn workbook(tables: &[Table]) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let fixed_date = ExcelDateTime::from_ymd(1980, 1, 1)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&fixed_date));
    let bold = Format::new().set_bold();
    let italic = Format::new().set_italic();
    for t in tables {
        let ws = wb.add_worksheet();
        sheet(ws, t, &bold, &italic)?;
    }
    Ok(wb)
}

/// One sheet: header, units, rows, frozen header, widths.
fn sheet(ws: &mut Worksheet, t: &Table, bold: &Format, italic: &Format) -> Result<(), XlsxError> {
    ws.set_name(&t.name)?;
    let mut widths: Vec<usize> = vec![MIN_WIDTH; t.header.len()];
    for (c, name) in t.header.iter().enumerate() {
        let unit = super::units::of_column(name);
        ws.write_string_with_format(0, c as u16, name, bold)?;
        ws.write_string_with_format(1, c as u16, &unit, italic)?;
        widths[c] = widths[c].max(name.chars().count()).max(unit.len());
    }
    for (r, row) in t.rows.iter().enumerate() {
        let at = (r + 2) as u32;
        for (c, cell) in row.iter().enumerate().take(MAX_COLUMNS) {
            let col = c as u16;
            match cell {
                Cell::Number(x) => ws.write_number(at, col, *x).map(|_| ())?,
                Cell::Bool(b) => ws.write_boolean(at, col, *b).map(|_| ())?,
                Cell::Text(s) => ws.write_string(at, col, s).map(|_| ())?,
                Cell::Empty => {}
            }
            if r < WIDTH_ROWS && c < widths.len() {
                widths[c] = widths[c].max(cell.width());
            }
        }
    }
    if t.dropped_rows > 0 {
        let at = (t.rows.len() + 2) as u32;
        let note = format!(
            "{} more rows are in the CSV: a sheet holds at most {MAX_ROWS} rows",
            t.dropped_rows
        );
        ws.write_string_with_format(at, 0, note, italic)?;
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).min(MAX_WIDTH) as f64 + 1.0)?;
    }
    ws.set_freeze_panes(2, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_numbers_when_they_are_finite_numbers() {
        assert_eq!(Cell::parse("1.5"), Cell::Number(1.5));
        assert_eq!(Cell::parse("-0"), Cell::Number(0.0));
        assert_eq!(Cell::parse("inf"), Cell::Text("inf".into()));
        assert_eq!(
            Cell::parse("2025-01-01 00:00"),
            Cell::Text("2025-01-01 00:00".into())
        );
        assert_eq!(Cell::parse("true"), Cell::Bool(true));
        assert_eq!(Cell::parse(""), Cell::Empty);
    }

    #[test]
    fn sheet_names_are_short_clean_and_unique() {
        let t = |n: &str| Table {
            name: n.into(),
            header: vec![],
            rows: vec![],
            dropped_rows: 0,
        };
        let long = "a_very_long_file_name_for_a_sheet_x";
        let mut tables = vec![t(long), t(&long.replace('x', "y")), t("a/b"), t("A/B")];
        unique_names(&mut tables);
        let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "a_very_long_file_name_for_a_she",
                "a_very_long_file_name_for_a_s~2",
                "a_b",
                "A_B~2"
            ]
        );
    }

    #[test]
    fn nested_json_becomes_dotted_keys() {
        let v: Value = serde_json::json!({"a": {"b": 1.5, "c": null}, "l": ["x", "y"]});
        let mut out = Vec::new();
        flatten("", &v, &mut out);
        assert_eq!(
            out,
            [
                ("a.b".to_string(), Cell::Number(1.5)),
                ("a.c".to_string(), Cell::Empty),
                ("l".to_string(), Cell::Text("x; y".into())),
            ]
        );
    }
}
