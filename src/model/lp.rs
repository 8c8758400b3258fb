//! A thin layer over `good_lp`: columns we can index, rows we can name, one objective.
//!
//! Components never talk to a solver. They add columns (`Col`), rows and objective terms here,
//! and their injections into the shared nodal balance. Solver backends read the finished
//! `Lp` (see `solve.rs`).

use good_lp::{variable, Constraint, Expression, ProblemVariables, Variable};

/// A column of the LP (an index into `Lp::cols`), so results can be read back by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Col(pub u32);

/// Sense of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    Le,
    Eq,
    Ge,
}

/// The LP under construction.
pub struct Lp {
    pub vars: ProblemVariables,
    pub cols: Vec<Variable>,
    pub objective: Expression,
    pub rows: Vec<Constraint>,
}

impl Default for Lp {
    fn default() -> Self {
        Self::new()
    }
}

impl Lp {
    pub fn new() -> Lp {
        Lp {
            vars: ProblemVariables::new(),
            cols: Vec::new(),
            objective: Expression::with_capacity(1024),
            rows: Vec::new(),
        }
    }

    /// A column with bounds `lo ≤ x ≤ hi` (use infinities for none).
    pub fn col(&mut self, lo: f64, hi: f64) -> Col {
        let mut def = variable();
        if lo > f64::NEG_INFINITY {
            def = def.min(lo);
        }
        if hi < f64::INFINITY {
            def = def.max(hi);
        }
        let v = self.vars.add(def);
        self.cols.push(v);
        Col(self.cols.len() as u32 - 1)
    }

    /// A column `x ≥ 0`.
    pub fn nonneg(&mut self) -> Col {
        self.col(0.0, f64::INFINITY)
    }

    pub fn var(&self, c: Col) -> Variable {
        self.cols[c.0 as usize]
    }

    /// Add `coef · x` to the objective.
    pub fn cost(&mut self, coef: f64, c: Col) {
        if coef != 0.0 {
            self.objective.add_mul(coef, self.cols[c.0 as usize]);
        }
    }

    /// Add the row `Σ coef·x (sense) rhs`; returns its index.
    pub fn row(&mut self, terms: &[(f64, Col)], sense: Sense, rhs: f64) -> usize {
        let mut e = Expression::with_capacity(terms.len());
        for &(coef, c) in terms {
            e.add_mul(coef, self.cols[c.0 as usize]);
        }
        let c = match sense {
            Sense::Le => e.leq(rhs),
            Sense::Eq => e.eq(rhs),
            Sense::Ge => e.geq(rhs),
        };
        self.rows.push(c);
        self.rows.len() - 1
    }

    pub fn n_cols(&self) -> usize {
        self.cols.len()
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
