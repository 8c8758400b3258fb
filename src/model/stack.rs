//! Several copies of the model in one LP — hydrology years of a two-stage stochastic LP,
//! investment periods of a pathway — each a *block*, joined by rows that link their decisions.
//!
//! A block is an `Lp` built as for a single run (`model::build`), appended whole: its columns
//! and rows keep their order, its objective is multiplied by the block's `weight` (a year's
//! probability, a period's discount factor), and its family names gain the block's tag
//! (`flow[P10,se_chengdu,t3]`), so names stay unique and systematic across blocks. What links
//! the blocks (shared capacity columns, `capacity_y − C = 0` rows, or the sum of builds over
//! periods) is added by the study after the blocks, with `Lp::col_in`/`Lp::row_in` as usual.
//!
//! After the solve, `Stack::split` hands each block its own `Solved`: its slice of the column
//! values, and its row duals divided by its weight, so that `results::extract` reads each
//! block's prices in CNY/MWh exactly as in a single run (the dual of a row whose objective
//! terms are weighted by p is p × the block's own dual).

use super::lp::{Col, Lp};
use super::{CostPart, Model};
use crate::solve::Solved;
use std::ops::Range;

/// Where one block sits in the stacked LP.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub tag: String,
    pub cols: Range<usize>,
    pub rows: Range<usize>,
    /// Multiplier of the block's objective.
    pub weight: f64,
}

/// The stacked LP under construction and where each block is.
#[derive(Debug, Clone, Default)]
pub struct Stack {
    pub lp: Lp,
    pub blocks: Vec<Placed>,
}

impl Stack {
    pub fn new() -> Stack {
        Stack::default()
    }

    /// Append a block's LP with its objective multiplied by `weight`; returns its index.
    /// `weight` must be positive: a zero weight would leave the block's duals undefined.
    pub fn push(&mut self, block: &Lp, tag: &str, weight: f64) -> usize {
        assert!(
            weight > 0.0 && weight.is_finite(),
            "block weight must be positive"
        );
        let (cols, rows) = self.lp.append(block, tag, weight);
        self.blocks.push(Placed {
            tag: tag.to_string(),
            cols,
            rows,
            weight,
        });
        self.blocks.len() - 1
    }

    /// The stacked LP's column for column `c` of block `b`.
    pub fn col(&self, b: usize, c: Col) -> Col {
        Col((self.blocks[b].cols.start + c.0 as usize) as u32)
    }

    /// The stacked LP's row for row `r` of block `b`.
    pub fn row(&self, b: usize, r: usize) -> usize {
        self.blocks[b].rows.start + r
    }

    /// Each block's own solution: its column values, and its row duals ÷ its weight.
    pub fn split(&self, solved: &Solved) -> Vec<Solved> {
        self.blocks
            .iter()
            .map(|p| Solved {
                status: solved.status,
                values: crate::model::lp::Values(solved.values.0[p.cols.clone()].to_vec()),
                duals: solved
                    .duals
                    .as_ref()
                    .map(|d| d[p.rows.clone()].iter().map(|y| y / p.weight).collect()),
                setup_seconds: solved.setup_seconds,
                iterations: solved.iterations,
                log: Vec::new(),
            })
            .collect()
    }
}

/// A column of new capacity in a block (a first-stage decision of a stochastic LP, a
/// period's capacity in a pathway), with what the block charges for it.
#[derive(Debug, Clone, PartialEq)]
pub struct FirstStage {
    /// Its systematic name in the block (`capacity[electrolyser,se]`): the same decision has
    /// the same name in every block built from the same candidates.
    pub name: String,
    pub col: Col,
    /// Overnight cost per unit (MW, MWh or kg), CNY, and lifetime, years.
    pub capex_cny_per_unit: f64,
    pub lifetime_years: f64,
    /// The block's objective coefficients on it: capex annuity and fixed O&M, each already
    /// × the block's year fraction (CNY per unit over the block's horizon).
    pub annuity_cny_per_unit: f64,
    pub fixed_om_cny_per_unit: f64,
}

/// The columns of new capacity of a built model (`Model::capital`) with their costs.
pub fn first_stage(m: &Model) -> Vec<FirstStage> {
    let names = m.lp.col_names();
    let mut cost: std::collections::HashMap<Col, (f64, f64)> = Default::default();
    for &(part, coef, c) in &m.cost_terms {
        let e = cost.entry(c).or_default();
        match part {
            CostPart::Capex => e.0 += coef,
            CostPart::FixedOm => e.1 += coef,
            _ => {}
        }
    }
    m.capital
        .iter()
        .map(|k| {
            let (annuity, fom) = cost.get(&k.col).copied().unwrap_or_default();
            FirstStage {
                name: names[k.col.0 as usize].clone(),
                col: k.col,
                capex_cny_per_unit: k.capex_cny_per_unit,
                lifetime_years: k.lifetime_years,
                annuity_cny_per_unit: annuity,
                fixed_om_cny_per_unit: fom,
            }
        })
        .collect()
}

/// Take the capex annuity and fixed O&M of its new capacity out of a block's objective (and
/// its cost terms), so the study that links the blocks charges them once, where it decides.
pub fn without_capital_cost(m: &mut Model) {
    let capital: std::collections::HashSet<Col> = m.capital.iter().map(|k| k.col).collect();
    for (part, coef, c) in &mut m.cost_terms {
        if matches!(part, CostPart::Capex | CostPart::FixedOm) && capital.contains(c) {
            m.lp.obj[c.0 as usize] -= *coef;
            *coef = 0.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lp::{Index, Sense};
    use crate::solve::{solve, SolverChoice};

    /// One block: serve `demand` MW for 1 h from a plant of capacity `cap` (cost `c` per MWh)
    /// or from unserved energy at 1000 per MWh; `cap` is a column fixed by the caller's row.
    fn block(demand: f64, c: f64) -> (Lp, Col) {
        let mut lp = Lp::new();
        let cap = lp.family("capacity", "plant", Index::One);
        let gen = lp.family("gen", "plant", Index::Time);
        let bal = lp.family("balance", "n", Index::Time);
        let k = lp.col_in(cap, 0.0, f64::INFINITY);
        let g = lp.col_in(gen, 0.0, f64::INFINITY);
        let z = lp.col(0.0, f64::INFINITY);
        lp.cost(c, g);
        lp.cost(1000.0, z);
        lp.row_in(bal, &[(1.0, g), (1.0, z)], Sense::Eq, demand);
        lp.row(&[(1.0, g), (-1.0, k)], Sense::Le, 0.0);
        (lp, k)
    }

    /// Two equally likely years with demand 10 and 30 MW, a plant at 100 per MW and 5 per MWh,
    /// unserved at 1000 per MWh. By hand: each extra MW of capacity up to 10 saves 995 in both
    /// years; from 10 to 30 it saves 995 with probability ½ (497.5 > 100), so C = 30 and the
    /// cost is 100·30 + ½(5·10 + 5·30) = 3100. Year 1's price is the plant's 5 per MWh (its
    /// capacity is slack); year 2's is (100 + ½·5) ÷ ½ = 205: one more MWh there needs one more
    /// MW, paid once, and the block's dual is divided by its weight ½.
    #[test]
    fn two_equally_likely_years_share_one_capacity() {
        let mut stack = Stack::new();
        let mut caps = Vec::new();
        for (tag, demand) in [("y1", 10.0), ("y2", 30.0)] {
            let (lp, k) = block(demand, 5.0);
            let b = stack.push(&lp, tag, 0.5);
            caps.push(stack.col(b, k));
        }
        let shared = stack.lp.col(0.0, f64::INFINITY);
        stack.lp.cost(100.0, shared);
        for k in caps {
            stack.lp.row(&[(1.0, k), (-1.0, shared)], Sense::Eq, 0.0);
        }
        let names = stack.lp.col_names();
        assert_eq!(names[0], "capacity[y1,plant]");
        assert_eq!(names[4], "gen[y2,plant,t0]");
        let solved = solve(stack.lp.clone(), SolverChoice::Clarabel, 200).unwrap();
        let objective: f64 = (0..stack.lp.n_cols())
            .map(|c| stack.lp.obj[c] * solved.values.0[c])
            .sum();
        assert!((objective - 3100.0).abs() < 1e-4, "{objective}");
        assert!((solved.values.get(shared) - 30.0).abs() < 1e-5);
        let blocks = stack.split(&solved);
        assert_eq!(blocks.len(), 2);
        // Each block's balance row is its first row.
        let price = |b: usize| blocks[b].duals.as_ref().unwrap()[0];
        assert!((price(0) - 5.0).abs() < 1e-4, "{}", price(0));
        assert!((price(1) - 205.0).abs() < 1e-3, "{}", price(1));
        assert_eq!(blocks[1].values.0.len(), 3);
        assert!((blocks[1].values.0[1] - 30.0).abs() < 1e-5);
    }
}
