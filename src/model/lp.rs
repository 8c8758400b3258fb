//! The LP as spillway holds it: columns with bounds and an objective coefficient, rows with
//! a sense and a right-hand side, each in a named family — and nothing solver-specific.
//!
//! Components never talk to a solver. They add columns (`Col`), rows and objective terms here,
//! and their injections into the shared nodal balance. Solver backends (`crate::solve`) read
//! the finished `Lp`; `mps.rs` writes it for any other solver.
//!
//! Names are systematic (PyPSA's lesson): a family such as `flow[se_chengdu]` names its
//! members `flow[se_chengdu,t0]`, `flow[se_chengdu,t1]`, … in the order they are added. A
//! family is declared once (`family`) and costs one small string; members store its index.

use std::fmt::Write as _;

/// A column of the LP (an index into its columns), so results can be read back by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Col(pub u32);

/// Sense of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    Le,
    Eq,
    Ge,
}

/// What a family's members are indexed by, for their names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Index {
    /// One member per time step: `name[entity,t17]`.
    Time,
    /// Members numbered in order: `name[entity,3]` (blocks, destinations, …).
    Ord,
    /// A single member: `name[entity]` (a capacity).
    One,
}

/// A named family of columns or rows (see the module comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Family(u32);

#[derive(Debug, Clone)]
struct FamilyInfo {
    kind: String,
    entity: String,
    index: Index,
}

/// The LP under construction. Rows are stored by row (CSR): backends transpose as they need.
#[derive(Debug, Clone)]
pub struct Lp {
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
    /// Objective coefficient of each column (minimised).
    pub obj: Vec<f64>,
    col_family: Vec<Family>,
    /// Row r's terms are `row_col[row_start[r]..row_start[r+1]]` with `row_val` alike.
    row_start: Vec<usize>,
    row_col: Vec<u32>,
    row_val: Vec<f64>,
    pub sense: Vec<Sense>,
    pub rhs: Vec<f64>,
    row_family: Vec<Family>,
    families: Vec<FamilyInfo>,
    /// Columns that must take whole values: only the MILP of lumpy projects
    /// (`study::lumpy`) has any, and only HiGHS solves it (`solve::via_good_lp::solve_milp`).
    pub integer: Vec<Col>,
    /// The family of columns and rows added with `col`/`row` (tests, small helpers).
    anonymous: (Family, Family),
}

impl Default for Lp {
    fn default() -> Self {
        Self::new()
    }
}

impl Lp {
    pub fn new() -> Lp {
        let mut lp = Lp {
            lo: Vec::new(),
            hi: Vec::new(),
            obj: Vec::new(),
            col_family: Vec::new(),
            row_start: vec![0],
            row_col: Vec::new(),
            row_val: Vec::new(),
            sense: Vec::new(),
            rhs: Vec::new(),
            row_family: Vec::new(),
            families: Vec::new(),
            integer: Vec::new(),
            anonymous: (Family(0), Family(0)),
        };
        lp.anonymous = (
            lp.family("x", "", Index::Ord),
            lp.family("r", "", Index::Ord),
        );
        lp
    }

    /// Declare a family of columns or rows: `kind[entity,…]` (entity may be empty).
    pub fn family(&mut self, kind: &str, entity: &str, index: Index) -> Family {
        self.families.push(FamilyInfo {
            kind: kind.to_string(),
            entity: entity.to_string(),
            index,
        });
        Family(self.families.len() as u32 - 1)
    }

    /// A column with bounds `lo ≤ x ≤ hi` (use infinities for none), in family `f`.
    pub fn col_in(&mut self, f: Family, lo: f64, hi: f64) -> Col {
        self.lo.push(lo);
        self.hi.push(hi);
        self.obj.push(0.0);
        self.col_family.push(f);
        Col(self.lo.len() as u32 - 1)
    }

    /// Lower a column's upper bound to `hi` (never below its lower bound).
    pub fn cap_upper(&mut self, c: Col, hi: f64) {
        let i = c.0 as usize;
        self.hi[i] = self.hi[i].min(hi).max(self.lo[i]);
    }

    /// An unnamed column `lo ≤ x ≤ hi` (family `x`).
    pub fn col(&mut self, lo: f64, hi: f64) -> Col {
        self.col_in(self.anonymous.0, lo, hi)
    }

    /// An unnamed column `x ≥ 0`.
    pub fn nonneg(&mut self) -> Col {
        self.col(0.0, f64::INFINITY)
    }

    /// Add `coef · x` to the objective.
    pub fn cost(&mut self, coef: f64, c: Col) {
        self.obj[c.0 as usize] += coef;
    }

    /// Add the row `Σ coef·x (sense) rhs` in family `f`; returns its index. Repeated columns
    /// are summed and zero coefficients dropped, so every backend sees the same matrix.
    pub fn row_in(&mut self, f: Family, terms: &[(f64, Col)], sense: Sense, rhs: f64) -> usize {
        let start = self.row_col.len();
        if terms.len() <= 16 {
            for &(coef, c) in terms {
                match self.row_col[start..].iter().position(|&k| k == c.0) {
                    Some(i) => self.row_val[start + i] += coef,
                    None => {
                        self.row_col.push(c.0);
                        self.row_val.push(coef);
                    }
                }
            }
        } else {
            // Long rows (a year's utilisation, a market's total): sort once instead of
            // searching the row for every term.
            let mut sorted: Vec<(u32, f64)> = terms.iter().map(|&(v, c)| (c.0, v)).collect();
            sorted.sort_by_key(|&(c, _)| c);
            for (c, coef) in sorted {
                if self.row_col.len() > start && *self.row_col.last().unwrap_or(&u32::MAX) == c {
                    *self.row_val.last_mut().expect("a term was pushed") += coef;
                } else {
                    self.row_col.push(c);
                    self.row_val.push(coef);
                }
            }
        }
        // Drop what summed to zero (keeps the row's order otherwise).
        let mut keep = start;
        for i in start..self.row_col.len() {
            if self.row_val[i] != 0.0 {
                self.row_col[keep] = self.row_col[i];
                self.row_val[keep] = self.row_val[i];
                keep += 1;
            }
        }
        self.row_col.truncate(keep);
        self.row_val.truncate(keep);
        self.row_start.push(keep);
        self.sense.push(sense);
        self.rhs.push(rhs);
        self.row_family.push(f);
        self.rhs.len() - 1
    }

    /// An unnamed row (family `r`).
    pub fn row(&mut self, terms: &[(f64, Col)], sense: Sense, rhs: f64) -> usize {
        self.row_in(self.anonymous.1, terms, sense, rhs)
    }

    /// Append `other`'s columns and rows after this LP's (objective × `weight`), its families
    /// tagged `kind[tag,entity,…]`; returns the ranges of the new columns and rows
    /// (`model::stack` builds blocked LPs with it).
    pub fn append(
        &mut self,
        other: &Lp,
        tag: &str,
        weight: f64,
    ) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
        let (col0, row0, fam0) = (self.n_cols(), self.n_rows(), self.families.len() as u32);
        self.families
            .extend(other.families.iter().map(|f| FamilyInfo {
                kind: f.kind.clone(),
                entity: match f.entity.is_empty() {
                    true => tag.to_string(),
                    false => format!("{tag},{}", f.entity),
                },
                index: f.index,
            }));
        let shift = |f: &Family| Family(f.0 + fam0);
        self.lo.extend_from_slice(&other.lo);
        self.hi.extend_from_slice(&other.hi);
        self.obj.extend(other.obj.iter().map(|c| c * weight));
        self.col_family.extend(other.col_family.iter().map(shift));
        let nz0 = self.row_col.len();
        self.row_col
            .extend(other.row_col.iter().map(|c| c + col0 as u32));
        self.row_val.extend_from_slice(&other.row_val);
        self.row_start
            .extend(other.row_start[1..].iter().map(|s| s + nz0));
        self.sense.extend_from_slice(&other.sense);
        self.rhs.extend_from_slice(&other.rhs);
        self.row_family.extend(other.row_family.iter().map(shift));
        (col0..self.n_cols(), row0..self.n_rows())
    }

    pub fn n_cols(&self) -> usize {
        self.lo.len()
    }

    pub fn n_rows(&self) -> usize {
        self.rhs.len()
    }

    /// Number of non-zero coefficients in the rows.
    pub fn n_nonzeros(&self) -> usize {
        self.row_col.len()
    }

    /// Row r's terms: (column indices, coefficients).
    pub fn row_terms(&self, r: usize) -> (&[u32], &[f64]) {
        let (a, b) = (self.row_start[r], self.row_start[r + 1]);
        (&self.row_col[a..b], &self.row_val[a..b])
    }

    /// The family of each row, as an index shared by the rows of one family (the optimality
    /// check measures a row's residual against the largest row of its family).
    pub fn row_family_indices(&self) -> Vec<u32> {
        self.row_family.iter().map(|f| f.0).collect()
    }

    /// Names of every column, in order (`kind[entity,t3]`; see `Index`).
    pub fn col_names(&self) -> Vec<String> {
        self.names(&self.col_family)
    }

    /// Names of every row, in order.
    pub fn row_names(&self) -> Vec<String> {
        self.names(&self.row_family)
    }

    /// The one column of the single-member family `kind[entity]` (a capacity), found by its
    /// systematic name: `None` when there is none, or when two families share the name.
    pub fn single_col(&self, kind: &str, entity: &str) -> Option<Col> {
        let mut named = self
            .families
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == kind && f.entity == entity && f.index == Index::One);
        let (f, _) = named.next()?;
        if named.next().is_some() {
            return None;
        }
        let mut members = self
            .col_family
            .iter()
            .enumerate()
            .filter(|(_, g)| g.0 as usize == f);
        let (c, _) = members.next()?;
        members.next().is_none().then_some(Col(c as u32))
    }

    /// Column and row counts by family kind (for `-v`): (kind, columns, rows).
    pub fn family_counts(&self) -> Vec<(String, usize, usize)> {
        let mut counts: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
        for f in &self.col_family {
            counts
                .entry(&self.families[f.0 as usize].kind)
                .or_default()
                .0 += 1;
        }
        for f in &self.row_family {
            counts
                .entry(&self.families[f.0 as usize].kind)
                .or_default()
                .1 += 1;
        }
        counts
            .into_iter()
            .map(|(k, (c, r))| (k.to_string(), c, r))
            .collect()
    }

    fn names(&self, members: &[Family]) -> Vec<String> {
        let mut seen = vec![0u32; self.families.len()];
        members
            .iter()
            .map(|f| {
                let info = &self.families[f.0 as usize];
                let k = seen[f.0 as usize];
                seen[f.0 as usize] += 1;
                let mut s = String::with_capacity(info.kind.len() + info.entity.len() + 8);
                s.push_str(&info.kind);
                s.push('[');
                s.push_str(&info.entity);
                let sep = if info.entity.is_empty() { "" } else { "," };
                // `write!` to a String cannot fail.
                let _ = match info.index {
                    Index::Time => write!(s, "{sep}t{k}"),
                    Index::Ord => write!(s, "{sep}{k}"),
                    Index::One if k == 0 => Ok(()),
                    Index::One => write!(s, "{sep}{k}"),
                };
                s.push(']');
                s
            })
            .collect()
    }
}

/// Column values after a solve, indexed by `Col`.
#[derive(Debug, Clone, Default)]
pub struct Values(pub Vec<f64>);

impl Values {
    pub fn get(&self, c: Col) -> f64 {
        self.0[c.0 as usize]
    }

    /// Value of an optional column (absent = fixed at zero).
    pub fn opt(&self, c: Option<Col>) -> f64 {
        c.map_or(0.0, |c| self.get(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_columns_are_summed_and_zeros_dropped() {
        let mut lp = Lp::new();
        let x = lp.nonneg();
        let y = lp.nonneg();
        lp.row(&[(1.0, x), (2.0, y), (3.0, x), (-2.0, y)], Sense::Le, 1.0);
        let (cols, vals) = lp.row_terms(0);
        assert_eq!(cols, &[0]);
        assert_eq!(vals, &[4.0]);
    }

    #[test]
    fn names_are_systematic() {
        let mut lp = Lp::new();
        let flow = lp.family("flow", "se_chengdu", Index::Time);
        let cap = lp.family("capacity", "electrolyser", Index::One);
        let bal = lp.family("balance", "se", Index::Time);
        let a = lp.col_in(flow, 0.0, 1.0);
        let c = lp.col_in(cap, 0.0, 1.0);
        let b = lp.col_in(flow, 0.0, 1.0);
        lp.row_in(bal, &[(1.0, a), (1.0, c)], Sense::Eq, 0.0);
        lp.row_in(bal, &[(1.0, b)], Sense::Eq, 0.0);
        assert_eq!(
            lp.col_names(),
            [
                "flow[se_chengdu,t0]",
                "capacity[electrolyser]",
                "flow[se_chengdu,t1]"
            ]
        );
        assert_eq!(lp.row_names(), ["balance[se,t0]", "balance[se,t1]"]);
        assert_eq!(lp.single_col("capacity", "electrolyser"), Some(c));
        assert_eq!(lp.single_col("capacity", "line.x"), None);
        assert_eq!(lp.single_col("flow", "se_chengdu"), None);
    }
}
