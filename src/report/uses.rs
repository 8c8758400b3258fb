//! The charts' view of the one table of energy uses (`results::uses`): stacking order, the
//! supplies drawn below zero, and what counts as generation.

use crate::results::uses::{self, Role, TABLE};

/// Uses in stacking order, bottom first: firm local demand, then the new loads, then what leaves
/// (export, losses) and on top what is wasted. `industry` are the industry keys present
/// (`industry.silicon`, …, or `industry`). Optional uses (storage losses) are listed too: the
/// callers keep only the uses their files have.
pub fn use_order(industry: &[String], has: impl Fn(&str) -> bool) -> Vec<String> {
    uses::stack_order(industry, has)
}

/// Supplies drawn below zero, after the stacked uses (import, unserved; a store's discharge is
/// drawn by the dispatch week, which has it).
pub const BELOW_ZERO: [&str; 2] = {
    let mut out = [""; 2];
    let (mut i, mut j) = (0, 0);
    while i < TABLE.len() {
        if matches!(TABLE[i].role, Role::Supply) && TABLE[i].in_summary {
            out[j] = TABLE[i].key;
            j += 1;
        }
        i += 1;
    }
    out
};

/// Whether a `use` of `dispatch.csv` is generation.
pub fn is_generation(use_key: &str) -> bool {
    uses::is_generation(use_key)
}
