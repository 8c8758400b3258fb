//! The unit a column name carries, for the units row of `results.xlsx`: column names end in
//! their unit (`capacity_mw`, `price_cny_per_mwh`, `energy_twh.export`), and this reads it back
//! rather than keeping a second list of units beside every column.

/// Unit words as they appear in column names, and as people write them.
const UNITS: [(&str, &str); 11] = [
    ("mw", "MW"),
    ("mwh", "MWh"),
    ("gwh", "GWh"),
    ("twh", "TWh"),
    ("cny", "CNY"),
    ("kt", "kt"),
    ("t", "t"),
    ("kg", "kg"),
    ("h", "h"),
    ("hours", "h"),
    ("seconds", "s"),
];

fn unit(word: &str) -> Option<&'static str> {
    UNITS.iter().find(|(w, _)| *w == word).map(|(_, u)| *u)
}

/// The unit in a column name, or "" when it names none: the first unit word (words split at
/// `_` and `.`), with `per <unit>` after it (`cny_per_mwh` → `CNY/MWh`).
pub fn of_column(name: &str) -> String {
    let words: Vec<&str> = name.split(['_', '.']).collect();
    for (i, w) in words.iter().enumerate() {
        let Some(u) = unit(w) else { continue };
        return match (words.get(i + 1), words.get(i + 2).and_then(|w| unit(w))) {
            (Some(&"per"), Some(per)) => format!("{u}/{per}"),
            _ => u.to_string(),
        };
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::of_column;

    #[test]
    fn units_are_read_from_column_names() {
        assert_eq!(of_column("capacity_mw"), "MW");
        assert_eq!(of_column("price_cny_per_mwh"), "CNY/MWh");
        assert_eq!(of_column("energy_twh.export"), "TWh");
        assert_eq!(of_column("capacity_mw.electrolyser"), "MW");
        assert_eq!(of_column("hours_at_or_above"), "h");
        assert_eq!(of_column("aba.curtailed_mw"), "MW");
        assert_eq!(of_column("timestamp"), "");
        assert_eq!(of_column("mw"), "MW");
        assert_eq!(of_column("month"), "");
    }
}
