//! The energy-use lists the charts read (stacking order, what is not generation), kept in one
//! place so that one table of energy uses can replace them.

/// Uses in stacking order, bottom first: firm local demand, then the new loads, then what leaves
/// (export, losses) and on top what is wasted. `industry` are the industry keys present
/// (`industry.silicon`, …, or `industry`).
pub fn use_order(industry: &[String]) -> Vec<String> {
    let mut v = vec!["local_demand".to_string(), "data_centre".to_string()];
    v.extend(industry.iter().cloned());
    v.extend(["hydrogen", "export", "line_losses", "curtailed"].map(String::from));
    v
}

/// Supplies drawn below zero, after the stacked uses.
pub const BELOW_ZERO: [&str; 2] = ["import", "unserved"];

/// Uses that are not generation (with every `industry.<product>`): what the stack and the
/// supply below zero are made of.
pub const NOT_GENERATION: [&str; 9] = [
    "local_demand",
    "data_centre",
    "hydrogen",
    "export",
    "import",
    "unserved",
    "line_losses",
    "curtailed",
    "industry",
];

/// Whether a `use` of `dispatch.csv` is generation.
pub fn is_generation(use_key: &str) -> bool {
    !NOT_GENERATION.contains(&use_key) && !use_key.starts_with("industry.")
}
