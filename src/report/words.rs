//! Words and small helpers the run, compare and sweep reports share.

use crate::charts::palette;

/// Month names, January first: `MONTHS[m - 1]` for month m of 1–12.
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// An option in words: "electrolysers", "silicon plants", "the line x".
pub fn option_name(key: &str) -> String {
    match key.strip_prefix("industry.") {
        Some(p) => format!("{p} plants"),
        None => match key.strip_prefix("line.") {
            Some(l) => format!("the line {l}"),
            None => palette::use_label(key),
        },
    }
}

/// "a, b and c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Escape a markdown table cell.
pub fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A file stem from a key (`industry.silicon` → `industry_silicon`): a dot would be taken
/// for the start of the extension.
pub fn stem_of(key: &str) -> String {
    key.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// (lowest, median, highest) of the finite values, or None when there are none.
pub fn min_median_max(values: &[f64]) -> Option<(f64, f64, f64)> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    Some((v[0], median, v[n - 1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_stems_and_lists() {
        assert_eq!(
            min_median_max(&[3.0, f64::NAN, 1.0, 2.0, 10.0]),
            Some((1.0, 2.5, 10.0))
        );
        assert_eq!(min_median_max(&[f64::NAN]), None);
        assert_eq!(
            stem_of("line.aba_chengdu_1000kv"),
            "line_aba_chengdu_1000kv"
        );
        let abc = ["a", "b", "c"].map(String::from);
        assert_eq!(join_and(&abc), "a, b and c");
        assert_eq!(option_name("industry.silicon"), "silicon plants");
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}
