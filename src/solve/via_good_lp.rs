//! The simplex solvers (microlp, and HiGHS when built) through good_lp: the LP is handed over
//! with its column bounds as bounds (not rows) and its rows in the order they were built.

use super::{map_error, Solved, SolverChoice};
use crate::error::{Error, Result};
use crate::model::lp::{Lp, Sense, Values};
use crate::status::Status;
use good_lp::{variable, Expression, ProblemVariables, Variable};
use std::time::Instant;

/// good_lp's form of `lp`: its variables, objective and rows.
fn convert(
    lp: &Lp,
) -> (
    ProblemVariables,
    Vec<Variable>,
    Expression,
    Vec<good_lp::Constraint>,
) {
    let mut vars = ProblemVariables::new();
    let mut integer = vec![false; lp.n_cols()];
    for c in &lp.integer {
        integer[c.0 as usize] = true;
    }
    let cols: Vec<Variable> = (0..lp.n_cols())
        .map(|c| {
            let mut def = variable();
            if integer[c] {
                def = def.integer();
            }
            if lp.lo[c] > f64::NEG_INFINITY {
                def = def.min(lp.lo[c]);
            }
            if lp.hi[c] < f64::INFINITY {
                def = def.max(lp.hi[c]);
            }
            vars.add(def)
        })
        .collect();
    let mut objective = Expression::with_capacity(lp.n_cols());
    for (c, &v) in cols.iter().zip(&lp.obj) {
        if v != 0.0 {
            objective.add_mul(v, *c);
        }
    }
    let rows = (0..lp.n_rows())
        .map(|r| {
            let (idx, val) = lp.row_terms(r);
            let mut e = Expression::with_capacity(idx.len());
            for (&c, &v) in idx.iter().zip(val) {
                e.add_mul(v, cols[c as usize]);
            }
            match lp.sense[r] {
                Sense::Le => e.leq(lp.rhs[r]),
                Sense::Eq => e.eq(lp.rhs[r]),
                Sense::Ge => e.geq(lp.rhs[r]),
            }
        })
        .collect();
    (vars, cols, objective, rows)
}

pub fn solve(lp: &Lp, choice: SolverChoice) -> Result<Solved> {
    let setup = Instant::now();
    let (vars, cols, objective, rows) = convert(lp);
    let unsolved = vars.minimise(objective);
    match choice {
        SolverChoice::Microlp => {
            use good_lp::solvers::{Solution, SolverModel};
            let mut model = unsolved.using(good_lp::solvers::microlp::microlp);
            for r in rows {
                model.add_constraint(r);
            }
            let setup_seconds = setup.elapsed().as_secs_f64();
            let sol = model.solve().map_err(|e| map_error(choice, e))?;
            Ok(Solved {
                status: Status::Optimal,
                values: Values(cols.iter().map(|v| sol.value(*v)).collect()),
                duals: None,
                setup_seconds,
                iterations: 0,
                log: Vec::new(),
            })
        }
        _ => highs(unsolved, cols, rows, setup),
    }
}

#[cfg(feature = "highs")]
fn highs(
    unsolved: good_lp::variable::UnsolvedProblem,
    cols: Vec<Variable>,
    rows: Vec<good_lp::Constraint>,
    setup: Instant,
) -> Result<Solved> {
    use good_lp::constraint::ConstraintReference;
    use good_lp::solvers::{DualValues, Solution, SolutionWithDual, SolverModel};
    let mut model = unsolved.using(good_lp::solvers::highs::highs);
    let refs: Vec<ConstraintReference> =
        rows.into_iter().map(|r| model.add_constraint(r)).collect();
    let setup_seconds = setup.elapsed().as_secs_f64();
    let mut sol = model
        .solve()
        .map_err(|e| map_error(SolverChoice::Highs, e))?;
    // good_lp maps HiGHS's infeasible/unbounded to errors; limits come back as a status.
    if !matches!(sol.status(), good_lp::SolutionStatus::Optimal) {
        return Err(Error::Solver {
            solver: "highs".into(),
            message: format!("stopped with status {:?}", sol.status()),
        });
    }
    let values = Values(cols.iter().map(|v| sol.value(*v)).collect());
    let duals = sol.compute_dual();
    let duals = refs.into_iter().map(|r| duals.dual(r)).collect();
    Ok(Solved {
        status: Status::Optimal,
        values,
        duals: Some(duals),
        setup_seconds,
        iterations: 0,
        log: Vec::new(),
    })
}

/// Solve a mixed-integer program (`lp.integer` non-empty) with HiGHS: the values only (a MILP
/// has no duals; `study::lumpy` fixes the choices and solves the LP again for prices).
#[cfg(feature = "highs")]
pub fn solve_milp(lp: &Lp) -> Result<Values> {
    use good_lp::solvers::{Solution, SolverModel};
    let (vars, cols, objective, rows) = convert(lp);
    let mut model = vars
        .minimise(objective)
        .using(good_lp::solvers::highs::highs);
    for r in rows {
        model.add_constraint(r);
    }
    let sol = model
        .solve()
        .map_err(|e| map_error(SolverChoice::Highs, e))?;
    if !matches!(sol.status(), good_lp::SolutionStatus::Optimal) {
        return Err(Error::Solver {
            solver: "highs".into(),
            message: format!("the MILP stopped with status {:?}", sol.status()),
        });
    }
    Ok(Values(cols.iter().map(|v| sol.value(*v)).collect()))
}

/// Without the `highs` feature there is no MILP solver.
#[cfg(not(feature = "highs"))]
pub fn solve_milp(_: &Lp) -> Result<Values> {
    Err(Error::Solver {
        solver: "highs".into(),
        message: "`--lumpy milp` needs HiGHS, not compiled into this build; rebuild with \
                  `cargo build --release --features highs` (needs cmake and libclang), or use \
                  `--lumpy enumerate`"
            .into(),
    })
}

#[cfg(not(feature = "highs"))]
fn highs(
    _: good_lp::variable::UnsolvedProblem,
    _: Vec<Variable>,
    _: Vec<good_lp::Constraint>,
    _: Instant,
) -> Result<Solved> {
    Err(Error::Solver {
        solver: "highs".into(),
        message: "not compiled into this build".into(),
    })
}
