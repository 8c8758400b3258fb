//! Projects that come whole: the `lumpy = true` keys any candidate (a line, an option with
//! sites, a store) may carry, their checks, and the choices they offer.
//!
//! An LP treats every new capacity as divisible: it may "build" 187 MW of a 1,000 MW line.
//! A lumpy project says what can really be built:
//! - `sizes_mw = [0, 3150]`: one of these sizes (0: not built; a list without 0 forces the
//!   project to be built at one of its sizes);
//! - `min_build_mw = 100`: nothing, or at least this much (up to the candidate's maximum).
//!
//! For an option with several sites the rule applies at each site. The LP itself is built as
//! always; `study::lumpy` fixes the capacity column of each project to each of its choices
//! (enumeration) or adds binaries (MILP).

use super::check::{Checker, IMPLAUSIBLE};
use serde::{Deserialize, Serialize};

/// The three keys as they appear in a candidate's section (each struct holds them flat,
/// since `serde(flatten)` cannot be combined with `deny_unknown_fields`).
#[derive(Debug, Clone, Copy)]
pub struct Keys<'a> {
    pub lumpy: bool,
    pub sizes_mw: Option<&'a [f64]>,
    pub min_build_mw: Option<f64>,
}

/// What a lumpy project may be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Rule {
    /// One of these sizes, MW, sorted ascending without repeats.
    Sizes(Vec<f64>),
    /// Nothing, or at least this many MW.
    MinBuild(f64),
}

/// One choice of a lumpy project: bounds on its capacity column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Choice {
    /// Exactly this size, MW (0: not built).
    Size(f64),
    /// Not built (a minimum-build project switched off).
    Off,
    /// Built at least at this size, MW (a minimum-build project switched on).
    AtLeast(f64),
}

impl Choice {
    /// The column's bounds `(lo, hi)` for a column whose own bounds are `[0, max_mw]`.
    pub fn bounds(self, max_mw: f64) -> (f64, f64) {
        match self {
            Choice::Size(s) => (s, s),
            Choice::Off => (0.0, 0.0),
            Choice::AtLeast(m) => (m, max_mw),
        }
    }

    /// As written in `lumpy_combinations.csv`: the size, `off` or `on`.
    pub fn label(self) -> String {
        match self {
            Choice::Size(s) => format!("{s}"),
            Choice::Off => "off".into(),
            Choice::AtLeast(_) => "on".into(),
        }
    }
}

impl Rule {
    /// Every choice, in order (sizes ascending; off before on).
    pub fn choices(&self) -> Vec<Choice> {
        match self {
            Rule::Sizes(s) => s.iter().map(|&v| Choice::Size(v)).collect(),
            Rule::MinBuild(m) => vec![Choice::Off, Choice::AtLeast(*m)],
        }
    }
}

/// One lumpy project of a scenario: the capacity column it governs and its rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    /// Its name in outputs: `line.aba_outbound_500kv`, `electrolyser.se` (a site),
    /// `industry.silicon.nw`, `storage.pumped` (a store, by its name).
    pub name: String,
    /// The entity of its capacity column, `capacity[ENTITY]` (`storage.se`: a store's column
    /// is named by its node).
    pub column: String,
    /// The key path of the section that made it lumpy (for messages).
    pub path: String,
    /// The most the column may hold, MW.
    pub max_mw: f64,
    pub rule: Rule,
}

/// The rule the keys describe, sorted (None when the entry is not lumpy or the keys are bad;
/// `check` reports why).
pub fn rule(k: Keys) -> Option<Rule> {
    if !k.lumpy {
        return None;
    }
    match (k.sizes_mw, k.min_build_mw) {
        (Some(s), None) => {
            let mut s = s.to_vec();
            s.sort_by(f64::total_cmp);
            s.dedup();
            Some(Rule::Sizes(s))
        }
        (None, Some(m)) => Some(Rule::MinBuild(m)),
        _ => None,
    }
}

/// A site of a candidate: its project name, the entity of its capacity column, its most MW.
pub struct Site {
    pub name: String,
    pub column: String,
    pub max_mw: f64,
}

impl Site {
    /// A site whose column is named as the project (`line.x`, `electrolyser.se`).
    pub fn named(name: String, max_mw: f64) -> Site {
        Site {
            column: name.clone(),
            name,
            max_mw,
        }
    }
}

/// The projects an entry at key path `p` makes lumpy: one per site with a positive maximum.
pub fn projects(k: Keys, p: &str, sites: Vec<Site>) -> Vec<Project> {
    let Some(rule) = rule(k) else {
        return Vec::new();
    };
    sites
        .into_iter()
        .filter(|s| s.max_mw > 0.0)
        .map(|s| Project {
            name: s.name,
            column: s.column,
            path: p.to_string(),
            max_mw: s.max_mw,
            rule: rule.clone(),
        })
        .collect()
}

/// An option's most per site, with the key that sets it (`sites_max_mw.se`), for `check`.
pub fn site_maxima(sites: &std::collections::BTreeMap<String, f64>) -> Vec<(String, f64)> {
    sites
        .iter()
        .map(|(node, &max)| (format!("sites_max_mw.{node}"), max))
        .collect()
}

/// Checks of the keys of the entry at `p`, whose candidate may build at most `max` MW at each
/// site (`max_key` names the key that sets it, with the site: `sites_max_mw.se`). A site whose
/// maximum is 0 is not checked against: a case switches a candidate off that way.
pub fn check(k: Keys, p: &str, max: &[(String, f64)], c: &mut Checker) {
    let key = |name: &str| format!("{p}.{name}");
    if !k.lumpy {
        for (name, given) in [
            ("sizes_mw", k.sizes_mw.is_some()),
            ("min_build_mw", k.min_build_mw.is_some()),
        ] {
            if given {
                c.bad(
                    key(name),
                    "applies only to a lumpy project: add `lumpy = true`",
                );
            }
        }
        return;
    }
    match (k.sizes_mw, k.min_build_mw) {
        (None, None) => c.bad(
            key("lumpy"),
            "a lumpy project needs `sizes_mw = [0, …]` (the sizes it may be built at) or `min_build_mw` (the least it is built at)",
        ),
        (Some(_), Some(_)) => c.bad(
            key("min_build_mw"),
            "give either `sizes_mw` or `min_build_mw`, not both",
        ),
        (Some(sizes), None) => check_sizes(sizes, &key("sizes_mw"), max, c),
        (None, Some(m)) => {
            if !(m.is_finite() && m > 0.0 && m <= IMPLAUSIBLE) {
                c.bad(key("min_build_mw"), format!("must be a positive number of MW (got {m})"));
            }
            for (site, most) in max {
                if *most > 0.0 && m > *most {
                    c.bad(key("min_build_mw"), format!("{m} MW is more than the {most} MW this candidate may build ({site})"));
                }
            }
        }
    }
}

fn check_sizes(sizes: &[f64], path: &str, max: &[(String, f64)], c: &mut Checker) {
    if sizes.is_empty() {
        c.bad(path, "lists no size: give at least `[0, SIZE]`");
    }
    for &s in sizes {
        if !(s.is_finite() && (0.0..=IMPLAUSIBLE).contains(&s)) {
            c.bad(path, format!("{s} is not a size: sizes are MW, 0 or more"));
        }
    }
    let largest = sizes
        .iter()
        .copied()
        .filter(|s| s.is_finite())
        .fold(0.0, f64::max);
    for (site, most) in max {
        if *most > 0.0 && largest > *most {
            c.bad(
                path,
                format!(
                    "{largest} MW is more than the {most} MW this candidate may build ({site})"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(k: Keys, max: f64) -> Vec<(String, String)> {
        let mut c = Checker::new(Vec::new(), None, Vec::new(), None);
        check(k, "lines.x", &[("new_capacity_max_mw".into(), max)], &mut c);
        c.into_problems()
    }

    #[test]
    fn sizes_are_sorted_and_checked() {
        let sizes = [3150.0, 0.0, 3150.0];
        let k = Keys {
            lumpy: true,
            sizes_mw: Some(&sizes),
            min_build_mw: None,
        };
        assert_eq!(rule(k), Some(Rule::Sizes(vec![0.0, 3150.0])));
        assert!(checked(k, 3150.0).is_empty());
        let too_big = checked(k, 3000.0);
        assert_eq!(too_big.len(), 1, "{too_big:?}");
        assert_eq!(too_big[0].0, "lines.x.sizes_mw");
        let bad = [-1.0, f64::NAN];
        let k = Keys {
            sizes_mw: Some(&bad),
            ..k
        };
        assert_eq!(checked(k, 10.0).len(), 2);
    }

    #[test]
    fn the_keys_must_go_together() {
        let none = Keys {
            lumpy: true,
            sizes_mw: None,
            min_build_mw: None,
        };
        assert_eq!(checked(none, 10.0)[0].0, "lines.x.lumpy");
        let both = Keys {
            sizes_mw: Some(&[0.0]),
            min_build_mw: Some(1.0),
            ..none
        };
        assert_eq!(checked(both, 10.0)[0].0, "lines.x.min_build_mw");
        let not_lumpy = Keys {
            lumpy: false,
            min_build_mw: Some(1.0),
            ..none
        };
        assert_eq!(checked(not_lumpy, 10.0)[0].0, "lines.x.min_build_mw");
        let too_big = Keys {
            min_build_mw: Some(20.0),
            ..none
        };
        assert_eq!(checked(too_big, 10.0).len(), 1);
        assert_eq!(
            Rule::MinBuild(5.0).choices(),
            [Choice::Off, Choice::AtLeast(5.0)]
        );
        assert_eq!(Choice::AtLeast(5.0).bounds(9.0), (5.0, 9.0));
    }
}
