//! The ONE table of energy uses: every output that lists energy by use (summary.json's
//! `energy_twh`, the monthly CSV, sweep.csv, compare.csv, the printed table, report.md) and
//! every chart (colour, legend, stacking order) reads it. A technology that adds a use adds
//! one row here.
//!
//! Colours are the Okabe–Ito palette (safe for the common forms of colour blindness) with
//! greys for neutral uses, and Paul Tol's "muted" scheme for the generator kinds.

/// What a use is in the balance `generation + import + unserved = uses + losses`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A total the others are read against (`available`, `generation`).
    Total,
    /// Output of a generator kind.
    Generation,
    /// Energy that enters the region other than by generation (import, unserved).
    Supply,
    /// A use of the energy.
    Use,
    /// Energy lost (line losses, storage losses) or wasted (curtailment).
    Loss,
}

/// One energy use.
#[derive(Debug, Clone, Copy)]
pub struct EnergyUse {
    /// Name in the output files (summary key, CSV column stem, `dispatch.csv`'s `use`).
    pub key: &'static str,
    /// Legend name.
    pub label: &'static str,
    /// Legend name in Chinese.
    pub label_zh: &'static str,
    /// Fill colour (RGB).
    pub colour: (u8, u8, u8),
    /// Place in stacked bars, bottom first (None: not stacked).
    pub stack: Option<u8>,
    pub role: Role,
    /// Listed in summary.json's `energy_twh` (and the tables that follow it), in table order.
    pub in_summary: bool,
    /// Listed in CSV tables only when the scenario has it (a use added after the file formats
    /// were fixed, so that scenarios without it keep their files byte for byte).
    pub optional: bool,
}

const fn row(
    key: &'static str,
    label: &'static str,
    label_zh: &'static str,
    colour: (u8, u8, u8),
    stack: Option<u8>,
    role: Role,
) -> EnergyUse {
    EnergyUse {
        key,
        label,
        label_zh,
        colour,
        stack,
        role,
        in_summary: true,
        optional: false,
    }
}

const fn generation(
    key: &'static str,
    label: &'static str,
    zh: &'static str,
    c: (u8, u8, u8),
) -> EnergyUse {
    EnergyUse {
        in_summary: false,
        ..row(key, label, zh, c, None, Role::Generation)
    }
}

const BLACK: (u8, u8, u8) = (0x00, 0x00, 0x00);
const GREY: (u8, u8, u8) = (0x8C, 0x8C, 0x8C);
const LIGHT_GREY: (u8, u8, u8) = (0xD9, 0xD9, 0xD9);

/// The table. Its order is the order of `energy_twh` in summary.json and of the energy columns
/// of every CSV (a contract: scripts read them by position as well as by name).
pub const TABLE: &[EnergyUse] = &[
    row(
        "available",
        "available generation",
        "可用发电量",
        BLACK,
        None,
        Role::Total,
    ),
    row(
        "generation",
        "generation",
        "发电量",
        BLACK,
        None,
        Role::Total,
    ),
    row(
        "local_demand",
        "local demand",
        "本地负荷",
        GREY,
        Some(0),
        Role::Use,
    ),
    row(
        "export",
        "export to the grid",
        "外送",
        (0x00, 0x72, 0xB2),
        Some(5),
        Role::Use,
    ),
    row(
        "import",
        "import from the grid",
        "受入",
        (0x56, 0xB4, 0xE9),
        None,
        Role::Supply,
    ),
    row(
        "hydrogen",
        "hydrogen (electrolysers)",
        "电解制氢",
        (0x00, 0x9E, 0x73),
        Some(4),
        Role::Use,
    ),
    row(
        "data_centre",
        "data centres",
        "数据中心",
        (0xCC, 0x79, 0xA7),
        Some(1),
        Role::Use,
    ),
    // Stacked product by product (`industry.<product>`), each at this place.
    row(
        "industry",
        "industry",
        "高载能产业",
        (0xE6, 0x9F, 0x00),
        Some(2),
        Role::Use,
    ),
    // Drawn whole only where the split below is not at hand (the dispatch week).
    row(
        "curtailed",
        "curtailed (spilled)",
        "弃电",
        (0xD5, 0x5E, 0x00),
        Some(10),
        Role::Loss,
    ),
    row(
        "unserved",
        "unserved demand",
        "缺供电量",
        BLACK,
        None,
        Role::Supply,
    ),
    row(
        "line_losses",
        "line losses",
        "线损",
        LIGHT_GREY,
        Some(6),
        Role::Loss,
    ),
    // The split of `curtailed`: hydro spill first (the plan's figure), then solar and wind.
    row(
        "hydro_spill",
        "hydro spilled",
        "弃水",
        (0xD5, 0x5E, 0x00),
        Some(8),
        Role::Loss,
    ),
    row(
        "solar_wind_curtailed",
        "solar and wind curtailed",
        "弃风弃光",
        (0xF5, 0xB0, 0x8A),
        Some(9),
        Role::Loss,
    ),
    EnergyUse {
        optional: true,
        ..row(
            "storage_losses",
            "storage losses",
            "储能损耗",
            (0x66, 0x66, 0x66),
            Some(7),
            Role::Loss,
        )
    },
    // Per step, a store's charging is a use and its discharging a supply (the dispatch week);
    // over a month or a year only their difference, the losses, is a use.
    EnergyUse {
        in_summary: false,
        optional: true,
        ..row(
            "storage_charge",
            "storage charging",
            "储能充电",
            (0x66, 0x66, 0x66),
            Some(7),
            Role::Use,
        )
    },
    EnergyUse {
        in_summary: false,
        optional: true,
        ..row(
            "storage_discharge",
            "storage discharging",
            "储能放电",
            (0xAA, 0xAA, 0xAA),
            None,
            Role::Supply,
        )
    },
    generation(
        "hydro_ror",
        "run-of-river hydro",
        "径流式水电",
        (0x33, 0x22, 0x88),
    ),
    generation(
        "hydro_reservoir",
        "reservoir hydro",
        "水库水电",
        (0x88, 0xCC, 0xEE),
    ),
    generation("solar", "solar", "光伏", (0xDD, 0xCC, 0x77)),
    generation("wind", "wind", "风电", (0x44, 0xAA, 0x99)),
];

/// Number of uses in summary.json's `energy_twh`, always present.
const fn count_summary() -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < TABLE.len() {
        if TABLE[i].in_summary && !TABLE[i].optional {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The keys of the uses every energy table lists, in order (optional uses apart).
pub const ENERGY_USES: [&str; count_summary()] = {
    let mut out = [""; count_summary()];
    let (mut i, mut j) = (0, 0);
    while i < TABLE.len() {
        if TABLE[i].in_summary && !TABLE[i].optional {
            out[j] = TABLE[i].key;
            j += 1;
        }
        i += 1;
    }
    out
};

/// The row of a use by key.
pub fn find(key: &str) -> Option<&'static EnergyUse> {
    TABLE.iter().find(|u| u.key == key)
}

/// The uses an energy table lists, given which optional uses the data has.
pub fn listed(has: impl Fn(&str) -> bool) -> Vec<&'static str> {
    TABLE
        .iter()
        .filter(|u| u.in_summary && (!u.optional || has(u.key)))
        .map(|u| u.key)
        .collect()
}

/// Stacked uses, bottom first, with `industry` expanded into its products.
///
/// `has` says which uses the data at hand has: curtailment is drawn as hydro spill and solar
/// and wind where the split is there, whole otherwise (never both).
pub fn stack_order(industry: &[String], has: impl Fn(&str) -> bool) -> Vec<String> {
    let split = has("hydro_spill");
    let mut stacked: Vec<&EnergyUse> = TABLE
        .iter()
        .filter(|u| u.stack.is_some() && (!u.optional || has(u.key)))
        .filter(|u| match u.key {
            "curtailed" => !split,
            "hydro_spill" | "solar_wind_curtailed" => split,
            _ => true,
        })
        .collect();
    stacked.sort_by_key(|u| u.stack);
    let mut out = Vec::new();
    for u in stacked {
        if u.key == "industry" {
            out.extend(industry.iter().cloned());
        } else {
            out.push(u.key.to_string());
        }
    }
    out
}

/// Whether a key of `dispatch.csv` is a generator's output (not a use, an import or a loss).
pub fn is_generation(key: &str) -> bool {
    match find(key) {
        Some(u) => u.role == Role::Generation,
        // Industry products and anything new that is not in the table are uses.
        None => !key.starts_with("industry.") && !key.starts_with("storage"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_uses_keep_their_contract_order() {
        assert_eq!(
            ENERGY_USES,
            [
                "available",
                "generation",
                "local_demand",
                "export",
                "import",
                "hydrogen",
                "data_centre",
                "industry",
                "curtailed",
                "unserved",
                "line_losses",
                "hydro_spill",
                "solar_wind_curtailed",
            ]
        );
        assert_eq!(
            listed(|k| k == "storage_losses").last(),
            Some(&"storage_losses")
        );
    }

    #[test]
    fn stacking_puts_demand_first_and_spill_on_top() {
        let order = stack_order(&["industry.silicon".into()], |_| false);
        assert_eq!(
            order,
            [
                "local_demand",
                "data_centre",
                "industry.silicon",
                "hydrogen",
                "export",
                "line_losses",
                "curtailed"
            ]
        );
        let split = stack_order(&[], |k| k == "storage_losses" || k == "hydro_spill");
        let tail: Vec<&str> = split[split.len() - 3..]
            .iter()
            .map(String::as_str)
            .collect();
        assert_eq!(
            tail,
            ["storage_losses", "hydro_spill", "solar_wind_curtailed"]
        );
        assert!(is_generation("solar") && !is_generation("export") && !is_generation("industry.x"));
    }
}
