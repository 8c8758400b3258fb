//! Axis titles for swept parameters: a short name and the unit read from the key's own suffix
//! (`capex_cny_per_kw` → "capex", "CNY/kW"), because spillway's keys carry their units in their
//! names and a chart without units cannot be read. The full key path goes in the subtitle.

/// Unit words as they appear in key names, and how they are written on a chart.
const WORDS: [(&str, &str); 16] = [
    ("cny", "CNY"),
    ("kw", "kW"),
    ("mw", "MW"),
    ("kwh", "kWh"),
    ("mwh", "MWh"),
    ("twh", "TWh"),
    ("kg", "kg"),
    ("km", "km"),
    ("t", "t"),
    ("tonne", "t"),
    ("h", "h"),
    ("year", "yr"),
    ("years", "years"),
    ("fraction", "fraction"),
    ("it", "IT"),
    ("hours", "h"),
];

/// Keys whose unit is not in their name, or that are nothing but a unit: (key, name, unit).
const SPECIAL: [(&str, &str, &str); 8] = [
    ("discount_rate", "discount rate", "fraction"),
    ("efficiency", "efficiency", "fraction"),
    ("min_utilisation", "minimum utilisation", "fraction"),
    ("pue", "PUE", "ratio"),
    ("profile_scale", "profile scale", "× profile"),
    ("enabled", "enabled", "true/false"),
    ("kwh_per_kg", "electricity use", "kWh/kg"),
    ("mwh_per_tonne", "electricity use", "MWh/t"),
];

/// Tables whose key is not a word a reader knows: (key, name in words). A line is called by
/// what it is, as the planners call it, not by its key.
const OWNERS: [(&str, &str); 1] = [("aba_chengdu_1000kv", "1000 kV line")];

fn word(w: &str) -> Option<&'static str> {
    WORDS.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

/// Split one key (`capex_cny_per_kw`) into its name and unit, if it ends in unit words.
fn split_key(key: &str) -> Option<(String, String)> {
    if let Some((_, name, unit)) = SPECIAL.iter().find(|(k, _, _)| *k == key) {
        return Some(((*name).to_string(), (*unit).to_string()));
    }
    let tokens: Vec<&str> = key.split('_').collect();
    // The unit starts at the first token from which every token is a unit word or `per`.
    let start = (1..tokens.len()).find(|&i| {
        tokens[i..].iter().all(|t| *t == "per" || word(t).is_some()) && tokens[i] != "per"
    })?;
    let mut unit = String::new();
    let mut after_per = false;
    for t in &tokens[start..] {
        match *t {
            "per" => after_per = true,
            "it" => unit.push_str(" IT"),
            w => {
                if !unit.is_empty() {
                    unit.push(if after_per { '/' } else { ' ' });
                }
                unit.push_str(word(w).unwrap_or(w));
            }
        }
    }
    Some((tokens[..start].join(" "), unit))
}

/// A parameter's short name and unit: `options.electrolyser.capex_cny_per_kw` →
/// ("electrolyser capex", "CNY/kW"); `market.export_price_cny_per_mwh.wet` →
/// ("export price (wet)", "CNY/MWh"). Without a recognisable unit: the last key, and
/// "as in the scenario".
pub fn parameter(path: &str) -> (String, String) {
    let keys: Vec<&str> = path.split('.').collect();
    for i in (0..keys.len()).rev() {
        if let Some((name, unit)) = split_key(keys[i]) {
            // The table the key sits in names what it is about (options.<electrolyser>, …),
            // except for the top-level sections.
            let owner = match i.checked_sub(1).map(|j| keys[j]) {
                Some(o) if !["market", "finance", "settings", "time", "options"].contains(&o) => {
                    match OWNERS.iter().find(|(k, _)| *k == o) {
                        Some((_, name)) => format!("{name} "),
                        None => format!("{} ", o.replace('_', " ")),
                    }
                }
                _ => String::new(),
            };
            let mut short = format!("{owner}{name}");
            if i + 1 < keys.len() {
                short = format!("{short} ({})", keys[i + 1..].join("."));
            }
            return (short, unit);
        }
    }
    let last = keys.last().copied().unwrap_or(path).replace('_', " ");
    (last, "as in the scenario".into())
}

/// "electrolyser capex (CNY/kW)": an axis title with its unit.
pub fn axis_title(path: &str) -> String {
    let (name, unit) = parameter(path);
    format!("{name} ({unit})")
}

/// A parameter at a value in words, for labels: "hydrogen price: 20 CNY/kg".
pub fn named_value(path: &str, cell: &str) -> String {
    format!("{}: {}", parameter(path).0, with_unit(path, cell))
}

/// A value with the parameter's unit, for labels: "1,400 CNY/kW". Text values stay as written.
pub fn with_unit(path: &str, cell: &str) -> String {
    let (_, unit) = parameter(path);
    match cell.parse::<f64>() {
        Ok(v) if unit != "as in the scenario" && unit != "true/false" => {
            format!("{} {unit}", number(v))
        }
        _ => cell.to_string(),
    }
}

/// A number as a person writes it: thousands separated, no trailing zeros (at most 4 decimals).
pub fn number(v: f64) -> String {
    let s = crate::charts::format_number(v, 4);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A parameter cell as a tick label: numbers formatted, anything else as written.
pub(super) fn tick(cell: &str) -> String {
    cell.parse().map_or(cell.to_string(), number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_come_from_the_key_names() {
        let p = |s: &str| {
            let (a, b) = parameter(s);
            format!("{a} | {b}")
        };
        assert_eq!(
            p("options.electrolyser.capex_cny_per_kw"),
            "electrolyser capex | CNY/kW"
        );
        assert_eq!(
            p("market.hydrogen_price_cny_per_kg"),
            "hydrogen price | CNY/kg"
        );
        assert_eq!(
            p("market.export_price_cny_per_mwh.wet"),
            "export price (wet) | CNY/MWh"
        );
        assert_eq!(
            p("options.electrolyser.sites_max_mw.sw"),
            "electrolyser sites max (sw) | MW"
        );
        assert_eq!(
            p("lines.aba_chengdu_1000kv.capex_cny_per_mw_km"),
            "1000 kV line capex | CNY/MW/km"
        );
        assert_eq!(
            p("options.data_centre.revenue_cny_per_mwh_it"),
            "data centre revenue | CNY/MWh IT"
        );
        assert_eq!(
            p("options.electrolyser.fom_cny_per_kw_year"),
            "electrolyser fom | CNY/kW/yr"
        );
        assert_eq!(p("finance.discount_rate"), "discount rate | fraction");
        assert_eq!(
            p("options.industry.silicon.mwh_per_tonne"),
            "silicon electricity use | MWh/t"
        );
        assert_eq!(p("nodes.se.demand_twh_per_year"), "se demand | TWh/yr");
        assert_eq!(p("x.mystery"), "mystery | as in the scenario");
        assert_eq!(
            with_unit("options.electrolyser.capex_cny_per_kw", "1400"),
            "1,400 CNY/kW"
        );
        assert_eq!(
            with_unit("market.hydrogen_price_cny_per_kg", "9.5"),
            "9.5 CNY/kg"
        );
        assert_eq!(
            named_value("market.hydrogen_price_cny_per_kg", "20"),
            "hydrogen price: 20 CNY/kg"
        );
        assert_eq!(number(0.125), "0.125");
        assert_eq!(number(-3.0), "−3");
    }
}
