//! Technologies: each one file that holds its scenario struct, its checks, its series, its LP
//! build with its equations, its read-back and its capacity keys (see `technology.rs` for the
//! trait it fills).
//!
//! `instances` is the ONE list of them: everything that loops over technologies — loading
//! series, validation, the LP build, reading results back, the keys of `capacity_built_mw` —
//! loops over it, in this order (which is also the order of the LP's columns and of the
//! outputs' rows).
//!
//! To add a technology: write its file here (copy the shape of `storage.rs`), add a field for
//! its section to `scenario::Scenario` or `scenario::Options`, and add one line below.

pub mod asset;
pub mod check;
pub mod data_centre;
pub mod electrolyser;
pub mod generator;
pub mod hydrogen_market;
pub mod industry;
pub mod line;
pub mod lumpy;
pub mod market;
pub mod reservoir;
pub mod storage;
pub mod technology;

use crate::scenario::Scenario;
use std::collections::BTreeMap;
use technology::Technology;

/// One entry of a scenario section, as a technology.
pub struct Instance<'a> {
    /// Key path of the entry (`generators.se_ror`, `options.electrolyser`).
    pub path: String,
    /// Its name (`se_ror`; the section's own name for single entries).
    pub name: &'a str,
    pub tech: &'a dyn Technology,
}

/// Every technology entry of a scenario, in build order.
pub fn instances(sc: &Scenario) -> Vec<Instance<'_>> {
    let o = &sc.options;
    let mut all = Vec::new();
    map(&mut all, "generators", &sc.generators);
    map(&mut all, "lines", &sc.lines);
    single(&mut all, "options", "electrolyser", o.electrolyser.as_ref());
    single(&mut all, "options", "data_centre", o.data_centre.as_ref());
    map(&mut all, "options.industry", &o.industry);
    map(&mut all, "options.storage", &o.storage);
    single(&mut all, "", "market", Some(&sc.market));
    all
}

fn map<'a, T: Technology>(
    all: &mut Vec<Instance<'a>>,
    section: &str,
    entries: &'a BTreeMap<String, T>,
) {
    for (name, t) in entries {
        all.push(Instance {
            path: format!("{section}.{name}"),
            name,
            tech: t,
        });
    }
}

fn single<'a, T: Technology>(
    all: &mut Vec<Instance<'a>>,
    section: &str,
    name: &'a str,
    entry: Option<&'a T>,
) {
    if let Some(t) = entry {
        let path = if section.is_empty() {
            name.to_string()
        } else {
            format!("{section}.{name}")
        };
        all.push(Instance {
            path,
            name,
            tech: t,
        });
    }
}
