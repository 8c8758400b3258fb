//! Time series: CSV files of hourly profiles, read once and averaged into model steps.
//!
//! A profiles CSV has a `timestamp` column (`YYYY-MM-DD HH:MM`, the hour's beginning, local
//! time) and one numeric column per profile. Its rows are the horizon. Coarser resolutions
//! average consecutive blocks of hours; a final short block keeps its own (shorter) duration,
//! so `Σ Δt` always equals the number of hours in the file.

mod axis;
mod resolution;
pub mod segments;

pub use axis::TimeAxis;
pub use resolution::{parse_resolution, Resolution};

use crate::error::InputProblem;
use crate::input_file::line_of_byte;
use ndarray::Array1;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Hours in a leap year: the longest step, and the most often a step can recur in a year.
pub const HOURS_IN_LEAP_YEAR: usize = 8784;

/// Most problems listed per CSV file before the rest are summarised.
const MAX_PROBLEMS_PER_FILE: usize = 20;

/// A CSV of hourly series, read whole.
#[derive(Debug, Clone)]
pub struct CsvTable {
    pub path: PathBuf,
    pub timestamps: Vec<String>,
    /// The line of the file each data row is on (1-based, blank lines counted), for messages.
    pub lines: Vec<usize>,
    pub columns: BTreeMap<String, Array1<f64>>,
}

impl CsvTable {
    /// Read and check a profiles CSV: a regular file within `MAX_CSV_BYTES`, every cell a
    /// finite number of plausible size, every timestamp well formed.
    pub fn read(path: &Path) -> Result<CsvTable, Vec<InputProblem>> {
        let problem = |loc: String, msg: String| InputProblem::new(loc, msg).in_file(path);
        let bytes = crate::input_file::read_limited(path, crate::input_file::MAX_CSV_BYTES)
            .map_err(|e| vec![problem(String::new(), format!("cannot read CSV: {e}"))])?;
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(bytes.as_slice());
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| {
                vec![problem(
                    String::new(),
                    format!("cannot read CSV header: {}", csv_error(&e)),
                )
                .at_line(
                    e.position()
                        .map(|p| line_of_byte(&bytes, p.byte() as usize)),
                )]
            })?
            .iter()
            .map(str::to_string)
            .collect();
        let mut problems = Vec::new();
        let Some(ts_col) = header.iter().position(|h| h == "timestamp") else {
            return Err(vec![problem(
                "header".into(),
                format!("no `timestamp` column (found: {})", header.join(", ")),
            )
            .at_line(Some(1))]);
        };
        problems.extend(duplicate_columns(&header, path));
        let at = Rows {
            path,
            bytes: &bytes,
        };
        let (timestamps, lines, values) =
            read_rows(&mut reader, &header, ts_col, at, &mut problems);
        if timestamps.is_empty() && problems.is_empty() {
            problems.push(problem(
                String::new(),
                "no data rows: the horizon is empty".into(),
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let columns = header
            .into_iter()
            .zip(values)
            .enumerate()
            .filter(|(i, _)| *i != ts_col)
            .map(|(_, (h, v))| (h, Array1::from(v)))
            .collect();
        Ok(CsvTable {
            path: path.to_path_buf(),
            timestamps,
            lines,
            columns,
        })
    }

    pub fn hours(&self) -> usize {
        self.timestamps.len()
    }
}

/// The line a record is on, as the file counts it (blank lines included). The CSV reader's
/// own line count skips blank lines, and its byte offset is where the blank lines before the
/// record begin: so skip those line ends, then count.
pub fn record_line(bytes: &[u8], p: &csv::Position) -> usize {
    let start = (p.byte() as usize).min(bytes.len());
    let skipped = bytes[start..]
        .iter()
        .take_while(|b| matches!(b, b'\n' | b'\r'))
        .count();
    line_of_byte(bytes, start + skipped)
}

/// Line numbers of records met in file order, counted on from the last one: `record_line`
/// from the file's start for every row would cost a pass over the file per row (quadratic in
/// an hourly year's 8,760 rows).
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl LineCounter<'_> {
    fn line_of(&mut self, p: &csv::Position) -> usize {
        let start = (p.byte() as usize).min(self.bytes.len());
        let skipped = self.bytes[start..]
            .iter()
            .take_while(|b| matches!(b, b'\n' | b'\r'))
            .count();
        let at = start + skipped;
        if at < self.offset {
            // Not in file order (never for the csv reader): count from the start.
            return line_of_byte(self.bytes, at);
        }
        self.line += self.bytes[self.offset..at]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.offset = at;
        self.line
    }
}

/// Where rows come from, for their line numbers.
#[derive(Clone, Copy)]
struct Rows<'a> {
    path: &'a Path,
    bytes: &'a [u8],
}

/// The data rows: timestamps, and every column's values (0 where a cell was bad, with a
/// problem for it; at most `MAX_PROBLEMS_PER_FILE`, then a count).
fn read_rows(
    reader: &mut csv::Reader<&[u8]>,
    header: &[String],
    ts_col: usize,
    at: Rows,
    problems: &mut Vec<InputProblem>,
) -> (Vec<String>, Vec<usize>, Vec<Vec<f64>>) {
    let Rows { path, bytes } = at;
    let problem = |loc: String, msg: String| InputProblem::new(loc, msg).in_file(path);
    let mut timestamps = Vec::new();
    let mut lines = Vec::new();
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); header.len()];
    let mut overflow = 0usize;
    let mut counter = LineCounter {
        bytes,
        offset: 0,
        line: 1,
    };
    for (row, record) in reader.records().enumerate() {
        let mut line_at = |p: Option<&csv::Position>| p.map(|p| counter.line_of(p));
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = line_at(e.position());
                problems.push(problem(format!("row {}", row + 1), csv_error(&e)).at_line(line));
                break;
            }
        };
        let line = line_at(record.position()).unwrap_or(row + 2);
        lines.push(line);
        for (col, cell) in record.iter().enumerate() {
            let mut bad = |msg: String| {
                if problems.len() < MAX_PROBLEMS_PER_FILE {
                    problems.push(
                        problem(format!("column `{}`", header[col]), msg).at_line(Some(line)),
                    );
                } else {
                    overflow += 1;
                }
            };
            if col == ts_col {
                if hour_index(cell).is_none() {
                    bad(format!("timestamp `{cell}` is not `YYYY-MM-DD HH:MM`"));
                }
                timestamps.push(cell.to_string());
                values[col].push(0.0);
                continue;
            }
            match number(cell) {
                Ok(v) => values[col].push(v),
                Err(msg) => {
                    bad(msg);
                    values[col].push(0.0);
                }
            }
        }
    }
    if overflow > 0 {
        problems.push(problem(
            String::new(),
            format!("… and {overflow} more problems"),
        ));
    }
    (timestamps, lines, values)
}

/// Largest magnitude a series cell may have. Series are shares, MW, CNY per MWh or step
/// weights: anything larger is a unit slip, and sums of a year of such cells would overflow or
/// wreck the solver's numerics (ASSUMPTION: a bound, not a sourced number; the same as the
/// scenario's `IMPLAUSIBLE` in model/tech/check.rs).
pub const MAX_ABS_CELL: f64 = 1e12;

/// A cell as a finite number of plausible size, or what is wrong with it.
fn number(cell: &str) -> Result<f64, String> {
    match cell.parse::<f64>() {
        Ok(v) if !v.is_finite() => Err(format!("value {v} is not a finite number")),
        Ok(v) if v.abs() > MAX_ABS_CELL => Err(format!(
            "{v:e} is implausibly large (over {MAX_ABS_CELL:e}): check the unit"
        )),
        Ok(v) => Ok(v),
        Err(_) => Err(format!("`{cell}` is not a number")),
    }
}

/// A CSV error in words, without the reader's own position (the caller gives the line).
fn csv_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!(
            "field {} is not UTF-8 text: save the file as UTF-8",
            err.field() + 1
        ),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields, but the header has {expected_len}"),
        _ => e.to_string(),
    }
}

/// A problem for each column name that appears twice in the header.
fn duplicate_columns(header: &[String], path: &Path) -> Vec<InputProblem> {
    let mut seen = BTreeMap::new();
    let mut problems = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if let Some(first) = seen.insert(h.clone(), i) {
            problems.push(
                InputProblem::new(
                    format!("column `{h}`"),
                    format!(
                        "duplicate column name (columns {} and {})",
                        first + 1,
                        i + 1
                    ),
                )
                .in_file(path)
                .at_line(Some(1)),
            );
        }
    }
    problems
}

/// Calendar month (1–12) of a `YYYY-MM-DD HH:MM` timestamp.
pub fn month_of(timestamp: &str) -> Option<u32> {
    let b = timestamp.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .filter(|s| s.iter().all(u8::is_ascii_digit))
    };
    if b.len() != 16 || b[4] != b'-' || b[7] != b'-' || b[10] != b' ' || b[13] != b':' {
        return None;
    }
    digits(0..4)?;
    digits(8..10)?;
    digits(11..13)?;
    digits(14..16)?;
    let month: u32 = timestamp.get(5..7)?.parse().ok()?;
    (1..=12).contains(&month).then_some(month)
}

/// Hours since 1970-01-01 00:00 of a `YYYY-MM-DD HH:MM` timestamp (minutes ignored), with
/// day and hour ranges checked; `None` when it is not a real date.
pub fn hour_index(timestamp: &str) -> Option<i64> {
    month_of(timestamp)?;
    let y: i64 = timestamp.get(0..4)?.parse().ok()?;
    let m: i64 = timestamp.get(5..7)?.parse().ok()?;
    let d: i64 = timestamp.get(8..10)?.parse().ok()?;
    let h: i64 = timestamp.get(11..13)?.parse().ok()?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in_month = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if d < 1 || d > days_in_month[(m - 1) as usize] || h > 23 {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let (yy, mm) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let doy = (153 * mm + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 24 + h)
}

/// `YYYY-MM-DD HH:00` of an hour counted from 1970-01-01 00:00 (the inverse of `hour_index`;
/// Howard Hinnant's civil-from-days algorithm).
pub fn label_of_hour(hour: i64) -> String {
    let (days, h) = (hour.div_euclid(24), hour.rem_euclid(24));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02} {h:02}:00")
}

/// The first row (0-based) whose timestamp is not one hour after the previous one.
pub fn first_gap(timestamps: &[String]) -> Option<usize> {
    let hours: Vec<Option<i64>> = timestamps.iter().map(|t| hour_index(t)).collect();
    (0..hours.len()).find(|&i| match (i.checked_sub(1).map(|p| hours[p]), hours[i]) {
        (_, None) => true,
        (Some(Some(prev)), Some(h)) => h != prev + 1,
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_invert_hour_index() {
        for t in [
            "1970-01-01 00:00",
            "2024-02-29 23:00",
            "2025-03-01 00:00",
            "2026-12-31 13:00",
        ] {
            assert_eq!(label_of_hour(hour_index(t).unwrap()), t);
        }
        let h = hour_index("2025-02-28 23:00").unwrap();
        assert_eq!(label_of_hour(h + 1), "2025-03-01 00:00");
    }

    #[test]
    fn hour_index_counts_real_hours() {
        assert_eq!(hour_index("1970-01-01 00:00"), Some(0));
        assert_eq!(hour_index("1970-01-02 03:00"), Some(27));
        let feb28 = hour_index("2024-02-28 23:00").unwrap();
        assert_eq!(hour_index("2024-02-29 00:00"), Some(feb28 + 1));
        assert_eq!(
            hour_index("2025-02-29 00:00"),
            None,
            "2025 is not a leap year"
        );
        assert_eq!(hour_index("2025-13-01 00:00"), None);
        assert_eq!(hour_index("2025-01-01 24:00"), None);
        let ts: Vec<String> = ["2025-01-01 00:00", "2025-01-01 01:00", "2025-01-01 03:00"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(first_gap(&ts), Some(2));
        assert_eq!(first_gap(&ts[..2]), None);
    }

    #[test]
    fn resampling_keeps_a_short_final_block() {
        let ts: Vec<String> = (0..5).map(|h| format!("2025-01-01 {h:02}:00")).collect();
        let axis = TimeAxis::from_hours(&ts, 2);
        assert_eq!(axis.duration_h.to_vec(), vec![2.0, 2.0, 1.0]);
        let v = Array1::from(vec![1.0, 3.0, 5.0, 7.0, 9.0]);
        assert_eq!(axis.resample(&v).to_vec(), vec![2.0, 6.0, 9.0]);
        assert_eq!(axis.total_hours(), 5.0);
        assert_eq!(parse_resolution("3h"), Ok(3));
        assert_eq!(parse_resolution("1d"), Ok(24));
        assert!(parse_resolution("0h").is_err());
        assert!(parse_resolution("fast").is_err());
        // Blank lines count: the record `5,6` is on line 7 of the file.
        let bytes = b"h,a\n1,2\n\n3,4\n\n\n5,6\n";
        let mut r = csv::Reader::from_reader(&bytes[..]);
        let lines: Vec<usize> = r
            .records()
            .map(|rec| record_line(bytes, rec.unwrap().position().unwrap()))
            .collect();
        assert_eq!(lines, [2, 4, 7]);
        // The running counter of `read_rows` agrees with counting from the start.
        let mut counter = LineCounter {
            bytes,
            offset: 0,
            line: 1,
        };
        let mut r = csv::Reader::from_reader(&bytes[..]);
        let running: Vec<usize> = r
            .records()
            .map(|rec| counter.line_of(rec.unwrap().position().unwrap()))
            .collect();
        assert_eq!(running, lines);
        // 2⁶¹ days is 2⁶¹·24 hours, which wraps to 0 in 64 bits (and 2⁶¹·24 + 24 to 24 h).
        assert!(parse_resolution("2305843009213693952d").is_err());
        assert!(parse_resolution(&format!("{}d", usize::MAX / 24 + 1)).is_err());
    }
}
