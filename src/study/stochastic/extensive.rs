//! The extensive form: every year's dispatch and one shared set of capacities in one LP
//! (docs/model.md, "The stochastic LP").
//!
//! Each year y is a block of `model::stack::Stack` built as for a single run, with its capital
//! costs taken out and its objective × p_y (× (1 − λ) with CVaR). Each first-stage decision k
//! gets one shared column `plan[k]` carrying its annuity and fixed O&M K_k, and rows
//! `nonanticipativity[k,y] : capacity_y,k − C_k = 0` tie every year's copy to it. With a CVaR
//! weight λ > 0 (Rockafellar–Uryasev, linear):
//!
//! ```text
//! year_cost[y] :  cost_y − Σ_j c_yj x_yj − Σ_k K_k C_k = const_y      (the year's total cost)
//! cvar[y]      :  u_y − cost_y + η ≥ 0,  u_y ≥ 0
//! min (1 − λ) (Σ_k K_k C_k + Σ_y p_y (Σ_j c_yj x_yj + const_y)) + λ (η + Σ_y p_y u_y / (1 − α))
//! ```

use super::dispatch;
use super::years::YearCase;
use super::{Risk, Solution};
use crate::error::Result;
use crate::inputs::Inputs;
use crate::model::lp::{Col, Index, Sense};
use crate::model::stack::{self, Stack};
use crate::study::RunSettings;

/// Solve the stochastic LP of `cases` as one LP. `names` are the first-stage decisions.
pub fn solve(
    cases: &[YearCase],
    base: &Inputs,
    names: &[String],
    risk: Risk,
    settings: &RunSettings,
) -> Result<Solution> {
    let lambda = risk.weight;
    let Blocks {
        mut stack,
        copies,
        terms,
        constants,
        shared,
    } = blocks(cases, base, names, lambda)?;
    let lp = &mut stack.lp;
    let plan: Vec<Col> = names
        .iter()
        .zip(&shared)
        .map(|(name, &(cost, lo, hi))| {
            let f = lp.family("plan", name, Index::One);
            let c = lp.col_in(f, lo, hi);
            lp.cost((1.0 - lambda) * cost, c);
            c
        })
        .collect();
    for (case, copy) in cases.iter().zip(&copies) {
        for ((name, &k), &c) in names.iter().zip(copy).zip(&plan) {
            let entity = format!("{name},{}", case.year.label);
            let f = lp.family("nonanticipativity", &entity, Index::One);
            lp.row_in(f, &[(1.0, k), (-1.0, c)], Sense::Eq, 0.0);
        }
    }
    if lambda > 0.0 {
        let capital: Vec<(f64, Col)> = shared.iter().zip(&plan).map(|(s, &c)| (-s.0, c)).collect();
        add_cvar(lp, cases, &terms, &capital, &constants, risk);
    }
    let expected_constant: f64 = cases
        .iter()
        .zip(&constants)
        .map(|(c, k)| c.year.probability * k)
        .sum();
    let lp_for_objective = stack.lp.obj.clone();
    let solved = crate::solve::solve(stack.lp, settings.solver(), settings.max_iterations())?;
    let x = &solved.values.0;
    let objective_cny = lp_for_objective
        .iter()
        .zip(x)
        .map(|(c, v)| c * v)
        .sum::<f64>()
        + (1.0 - lambda) * expected_constant;
    if settings.verbose() {
        for (n, c) in names.iter().zip(&plan) {
            eprintln!("extensive plan {n} = {}", x[c.0 as usize]);
        }
    }
    Ok(Solution {
        plan: plan.iter().map(|c| x[c.0 as usize]).collect(),
        objective_cny,
        lower_cny: objective_cny,
        upper_cny: objective_cny,
        iterations: solved.iterations as usize,
        gap: 0.0,
    })
}

/// The CVaR columns and rows (see the module comment). `terms[y]` are block y's own objective
/// terms (stacked columns, unweighted), `capital` the shared columns with −K_k.
fn add_cvar(
    lp: &mut crate::model::lp::Lp,
    cases: &[YearCase],
    terms: &[Vec<(f64, Col)>],
    capital: &[(f64, Col)],
    constants: &[f64],
    risk: Risk,
) {
    let lambda = risk.weight;
    let eta = {
        let f = lp.family("cvar_eta", "", Index::One);
        lp.col_in(f, f64::NEG_INFINITY, f64::INFINITY)
    };
    lp.cost(lambda, eta);
    for ((case, t), k) in cases.iter().zip(terms).zip(constants) {
        let label = &case.year.label;
        let f = lp.family("year_cost", label, Index::One);
        let cost = lp.col_in(f, f64::NEG_INFINITY, f64::INFINITY);
        let f = lp.family("cvar_excess", label, Index::One);
        let u = lp.col_in(f, 0.0, f64::INFINITY);
        lp.cost(lambda * case.year.probability / (1.0 - risk.alpha), u);
        let mut row: Vec<(f64, Col)> = vec![(1.0, cost)];
        row.extend(t.iter().map(|&(c, j)| (-c, j)));
        row.extend_from_slice(capital);
        let f = lp.family("year_cost", label, Index::One);
        lp.row_in(f, &row, Sense::Eq, *k);
        let f = lp.family("cvar", label, Index::One);
        lp.row_in(f, &[(1.0, u), (-1.0, cost), (1.0, eta)], Sense::Ge, 0.0);
    }
}

/// The years' blocks and what the linking needs from them.
struct Blocks {
    stack: Stack,
    /// Per block: the stacked columns of its capacities.
    copies: Vec<Vec<Col>>,
    /// Per block (with CVaR only): its own objective terms, unweighted.
    terms: Vec<Vec<(f64, Col)>>,
    /// Per block: its objective constant.
    constants: Vec<f64>,
    /// Per decision: K_k, lo, hi.
    shared: Vec<(f64, f64, f64)>,
}

/// Build every year's block: capital cost out, objective × p_y (× (1 − λ)), copies unbounded.
fn blocks(cases: &[YearCase], base: &Inputs, names: &[String], lambda: f64) -> Result<Blocks> {
    let mut stack = Stack::new();
    // Per block: the stacked columns of its capacities, its objective terms, its constant.
    let mut copies: Vec<Vec<Col>> = Vec::new();
    let mut terms: Vec<Vec<(f64, Col)>> = Vec::new();
    let mut constants = Vec::new();
    let mut shared: Vec<(f64, f64, f64)> = Vec::new(); // K_k, lo, hi
    for case in cases {
        let mut m = crate::model::build(&case.scenario, case.inputs(base));
        let cols = dispatch::columns(&m, names)?;
        if shared.is_empty() {
            shared = cols
                .iter()
                .map(|k| {
                    let i = k.col.0 as usize;
                    let cost = k.annuity_cny_per_unit + k.fixed_om_cny_per_unit;
                    (cost, m.lp.lo[i], m.lp.hi[i])
                })
                .collect();
        }
        stack::without_capital_cost(&mut m);
        let b = stack.push(&m.lp, &case.year.label, case.year.probability);
        copies.push(cols.iter().map(|k| stack.col(b, k.col)).collect());
        // The shared column carries the bounds; a copy's own would be degenerate twins.
        for c in copies.last().into_iter().flatten() {
            let i = c.0 as usize;
            (stack.lp.lo[i], stack.lp.hi[i]) = (f64::NEG_INFINITY, f64::INFINITY);
        }
        constants.push(m.cost_constants.values().sum::<f64>());
        if lambda > 0.0 {
            let cols = stack.blocks[b].cols.clone();
            let mut own = Vec::new();
            for (j, i) in cols.enumerate() {
                stack.lp.obj[i] *= 1.0 - lambda;
                if m.lp.obj[j] != 0.0 {
                    own.push((m.lp.obj[j], Col(i as u32)));
                }
            }
            terms.push(own);
        }
    }
    Ok(Blocks {
        stack,
        copies,
        terms,
        constants,
        shared,
    })
}
