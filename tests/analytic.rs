//! Small cases whose optimum, objective and prices were derived by hand (derivations inline).
//! Horizons are a few hours, so fixed costs are scaled by hours/8760 (docs/model.md): with a
//! zero discount rate and a one-year life, C CNY/kW costs C·1000·h/8760 CNY per MW over h hours.

//!
//! Every test runs one body on every solver compiled in (as good_lp's own tests do): clarabel
//! and microlp always, highs under the `highs` feature. microlp gives no duals (good_lp's
//! microlp backend has none), so price checks run on the others only.

mod common;
use common::*;
use spillway::results::Results;
use spillway::solve::SolverChoice;

/// Prices at a node from a solver that gives duals; nothing to check for one that does not
/// (and then it must really give none, so that a lost dual cannot pass unnoticed).
fn prices_for(solver: SolverChoice, r: &Results, node: &str) -> Vec<f64> {
    if solver == SolverChoice::Microlp {
        assert!(r.prices.is_none(), "microlp gave prices");
        Vec::new()
    } else {
        prices(r, node)
    }
}

#[test]
fn electrolyser_is_built_only_when_hydrogen_clears_its_annuity() {
    for solver in solvers() {
        println!("solver: {solver}");
        // The case is `common::electrolyser_toml`: 100 MW of free hydro, 20 MW of demand, up to
        // 200 MW of electrolysers at 1,752 CNY/kW (1-year life), 50 kWh/kg, 4 hours.
        // Value of a MWh as hydrogen: π/κ = π/0.05 = 20π CNY; capacity cost per MWh at full load:
        // 1,752,000/8,760 = 200 CNY. Break-even π = 10 CNY/kg.
        // π = 12: 240 > 200, build all it can use: K = 80 MW (the surplus), 320 MWh → 6,400 kg.
        // objective = 80·200·4 − 12·6,400 = 64,000 − 76,800 = −12,800.
        // Price: one more MWh of demand costs one MWh of hydrogen net of its capacity: 240 − 200 = 40.
        let (r, s) = solve_with(&electrolyser_case(12.0), solver);
        close(
            built(&r, "electrolyser", "a"),
            80.0,
            1e-3,
            "electrolyser MW",
        );
        close(r.hydrogen_kg, 6400.0, 1e-2, "hydrogen kg");
        close(s.objective_cny, -12_800.0, 1e-2, "objective");
        for p in prices_for(solver, &r, "a") {
            close(p, 40.0, 1e-3, "price with electrolyser at the margin");
        }
        close(s.curtailment.annual_twh, 0.0, 1e-9, "curtailment");
        // LCOH = (capacity cost 64,000 + power at 40 CNY/MWh × 320 MWh) / 6,400 kg = 12 = π: zero profit at the margin.
        // LCOH values power at the nodal price: only with duals.
        if solver != SolverChoice::Microlp {
            close(s.lcoh_cny_per_kg.unwrap(), 12.0, 1e-4, "LCOH");
        }

        // π = 8: 160 < 200, nothing built; 320 MWh spill; spill at the margin prices energy at 0.
        let (r, s) = solve_with(&electrolyser_case(8.0), solver);
        close(built(&r, "electrolyser", "a"), 0.0, 1e-4, "electrolyser MW");
        close(s.objective_cny, 0.0, 1e-2, "objective");
        close(s.curtailment.annual_twh * 1e6, 320.0, 1e-2, "curtailed MWh");
        for p in prices_for(solver, &r, "a") {
            close(p, 0.0, 1e-3, "price at a spilling node");
        }
    }
}

fn two_node_case(efficiency: f64) -> Case {
    let body = format!(
        r#"{HEAD}
[nodes.a]
kind = "region"
[nodes.b]
kind = "region"
demand_twh_per_year = 0.7008     # 80 MW flat: 80 × 8,760 h
[generators.cheap]
node = "a"
kind = "ror"
capacity_mw = 100
profile = "one"
vom_cny_per_mwh = 10
[generators.dear]
node = "b"
kind = "ror"
capacity_mw = 100
profile = "one"
vom_cny_per_mwh = 50
[lines.ab]
from = "a"
to = "b"
capacity_mw = 30
efficiency = {efficiency}
"#
    );
    case(
        &body,
        "one",
        &[
            "2025-01-01 00:00,1",
            "2025-01-01 01:00,1",
            "2025-01-01 02:00,1",
            "2025-01-01 03:00,1",
        ],
    )
}

#[test]
fn congested_line_splits_prices() {
    for solver in solvers() {
        println!("solver: {solver}");
        // Lossless: a sends its 30 MW limit; b makes the other 50 MW. Prices: a = 10 (its own
        // generator is marginal, with spare capacity), b = 50. Objective 4·(30·10 + 50·50) = 11,200.
        let (r, s) = solve_with(&two_node_case(1.0), solver);
        close(s.objective_cny, 11_200.0, 1e-2, "objective");
        for (pa, pb) in prices_for(solver, &r, "a")
            .into_iter()
            .zip(prices_for(solver, &r, "b"))
        {
            close(pa, 10.0, 1e-3, "price at the exporting node");
            close(pb, 50.0, 1e-3, "price at the importing node");
        }
        close(s.balance_max_residual_mw, 0.0, 1e-4, "balance");

        // 10 % losses: a still sends 30, b receives 27 and makes 53. Objective 4·(300 + 2,650) = 11,800.
        let (r, s) = solve_with(&two_node_case(0.9), solver);
        close(s.objective_cny, 11_800.0, 1e-2, "objective with losses");
        close(
            s.energy_twh.line_losses * 1e6,
            12.0,
            1e-3,
            "losses MWh (3 MW × 4 h)",
        );
        for (pa, pb) in prices_for(solver, &r, "a")
            .into_iter()
            .zip(prices_for(solver, &r, "b"))
        {
            close(pa, 10.0, 1e-3, "price at the exporting node");
            close(pb, 50.0, 1e-3, "price at the importing node");
        }
    }
}

#[test]
fn reservoir_shifts_wet_inflow_to_dry_hours() {
    for solver in solvers() {
        println!("solver: {solver}");
        // Inflow 150 MW in two wet hours, 0 in two dry ones; demand 80 MW flat; turbine 100 MW; a
        // 1,000 MWh store; imports from the outside node c at 100 CNY/MWh. Inflow 300 MWh < demand
        // 320 MWh, so the store carries 140 MWh to the dry hours and 20 MWh is imported. No spill.
        // Objective 20·100 = 2,000. Import is marginal in every hour (storing one MWh less in a wet
        // hour costs one imported MWh later), so the price is 100 throughout.
        let body = reservoir_import_toml(0.7008, 1000.0);
        let c = case(
            &body,
            "inflow",
            &[
                "2025-06-01 00:00,1.5",
                "2025-06-01 01:00,1.5",
                "2025-06-01 02:00,0",
                "2025-06-01 03:00,0",
            ],
        );
        let (r, s) = solve_with(&c, solver);
        close(s.objective_cny, 2_000.0, 1e-2, "objective");
        close(s.energy_twh.import * 1e6, 20.0, 1e-3, "import MWh");
        close(
            s.generation_twh["hydro_reservoir"] * 1e6,
            300.0,
            1e-3,
            "reservoir MWh",
        );
        close(s.curtailment.annual_twh * 1e6, 0.0, 1e-3, "spill MWh");
        for p in prices_for(solver, &r, "a") {
            close(p, 100.0, 1e-3, "price");
        }
        // Dry hours can only be served from the store or by import: 160 MWh of demand, 20 imported
        // in all (when is a matter of indifference), so the store delivers at least 140 MWh there.
        let dam: Vec<f64> = r
            .series
            .iter()
            .find(|x| x.component == "dam")
            .unwrap()
            .mw
            .to_vec();
        assert!(
            dam[2] + dam[3] >= 140.0 - 1e-3,
            "store carried {} MWh to the dry hours",
            dam[2] + dam[3]
        );
    }
}

/// Region a (hydro only from June, the flood season) linked to the outside node c; a data centre may be built at a.
fn seasonal_case(options: &str) -> Case {
    let body = format!(
        r#"{HEAD}
[nodes.a]
kind = "region"
[nodes.c]
kind = "outside"
[generators.hydro]
node = "a"
kind = "ror"
capacity_mw = 100
profile = "hydro"
[lines.ac]
from = "a"
to = "c"
capacity_mw = 1000
[market]
node = "c"
export_limit_mw = 0
export_price_cny_per_mwh = {{ wet = 0, dry = 0 }}
import_price_cny_per_mwh = {{ wet = 300, dry = 500 }}
{options}
"#
    );
    case(
        &body,
        "hydro",
        &[
            "2025-05-31 22:00,0",
            "2025-05-31 23:00,0",
            "2025-06-01 00:00,1",
            "2025-06-01 01:00,1",
        ],
    )
}

#[test]
fn data_centre_is_served_by_import_in_the_dry_season() {
    for solver in solvers() {
        println!("solver: {solver}");
        // 40 MW IT × PUE 1.25 = 50 MW in every hour. Dry (May, outside the flood season): imported at 500. Wet (June):
        // local hydro, 50 MW of 100 spills. Per MW IT over 4 h: revenue 4·1,000 = 4,000; power
        // 2·1.25·500 = 1,250; capacity 2,190,000·4/8,760 = 1,000 → built to the 40 MW limit.
        // objective = 40·1,000 − 40·4,000 + 2·50·500 = −70,000.
        let c = seasonal_case(
            r#"[options.data_centre]
    sites_max_mw = { a = 40 }
    pue = 1.25
    capex_cny_per_kw = 2190
    lifetime_years = 1
    revenue_cny_per_mwh_it = 1000
    "#,
        );
        let (r, s) = solve_with(&c, solver);
        close(
            built(&r, "data_centre", "a"),
            40.0,
            1e-3,
            "data centre MW IT",
        );
        close(s.objective_cny, -70_000.0, 1e-1, "objective");
        close(s.energy_twh.import * 1e6, 100.0, 1e-3, "import MWh");
        close(
            s.energy_twh.data_centre * 1e6,
            200.0,
            1e-3,
            "data centre MWh",
        );
        close(s.curtailment.annual_twh * 1e6, 100.0, 1e-3, "spill MWh");
        let expected = [500.0, 500.0, 0.0, 0.0]; // dry: the import price; wet: spilling
        for (p, e) in prices_for(solver, &r, "a").into_iter().zip(expected) {
            close(p, e, 1e-3, "price");
        }
        assert!(s.unserved_energy_mwh.abs() < 1e-6);
    }
}

#[test]
fn seasonal_industry_runs_only_in_its_months() {
    for solver in solvers() {
        println!("solver: {solver}");
        // Silicon allowed only in June, σ = 10 MWh/t, margin 2,000 CNY/t → 200 CNY/MWh. Export
        // price 100 (flat), import 1,000. Capacity 219 CNY/kW, 1-year life → 100 CNY per MW over
        // 4 h. Per MW: 2 June hours × (200 − 100) = 200 > 100 → built to its 60 MW limit.
        // objective = 60·100 − 120·200 − 100·(400 − 120) = 6,000 − 24,000 − 28,000 = −46,000.
        let body = format!(
            r#"{HEAD}
    [nodes.a]
    kind = "region"
    [nodes.c]
    kind = "outside"
    [generators.hydro]
    node = "a"
    kind = "ror"
    capacity_mw = 100
    profile = "one"
    [lines.ac]
    from = "a"
    to = "c"
    capacity_mw = 1000
    [market]
    node = "c"
    export_price_cny_per_mwh = 100
    import_price_cny_per_mwh = 1000
    [options.industry.silicon]
    sites_max_mw = {{ a = 60 }}
    mwh_per_tonne = 10
    margin_cny_per_tonne = 2000
    capex_cny_per_kw = 219
    lifetime_years = 1
    months = [6]
    "#
        );
        let c = case(
            &body,
            "one",
            &[
                "2025-05-31 22:00,1",
                "2025-05-31 23:00,1",
                "2025-06-01 00:00,1",
                "2025-06-01 01:00,1",
            ],
        );
        let (r, s) = solve_with(&c, solver);
        close(built(&r, "industry.silicon", "a"), 60.0, 1e-3, "silicon MW");
        close(s.objective_cny, -46_000.0, 1e-1, "objective");
        let u: Vec<f64> = r
            .series
            .iter()
            .find(|x| x.component == "industry.silicon")
            .unwrap()
            .mw
            .iter()
            .map(|x| -x)
            .collect();
        close(u[0] + u[1], 0.0, 1e-4, "no silicon in May");
        close(u[2], 60.0, 1e-3, "silicon at full load in June");
        close(u[3], 60.0, 1e-3, "silicon at full load in June");
        close(s.energy_twh.export * 1e6, 280.0, 1e-3, "export MWh");
        // Price at a: export at the margin in May (100); in June the extra MWh would be taken
        // from export too (silicon is at its limit) → 100.
        for p in prices_for(solver, &r, "a") {
            close(p, 100.0, 1e-3, "price = export price");
        }
    }
}

#[test]
fn minimum_utilisation_forces_a_loss_making_load_to_run() {
    for solver in solvers() {
        println!("solver: {solver}");
        // 10 MW of existing aluminium at a node with no generation; power only by import at 500
        // CNY/MWh; margin 1,000 CNY/t at 10 MWh/t = 100 CNY/MWh, so it would rather stand still.
        // min_utilisation 0.5 forces Σu ≥ 0.5·10·4 = 20 MWh. objective = 20·500 − 20·100 = 8,000.
        let body = format!(
            r#"{HEAD}
    [nodes.a]
    kind = "region"
    [nodes.c]
    kind = "outside"
    [lines.ac]
    from = "a"
    to = "c"
    capacity_mw = 100
    [market]
    node = "c"
    export_price_cny_per_mwh = 0
    export_limit_mw = 0
    import_price_cny_per_mwh = 500
    [options.industry.aluminium]
    existing_mw = {{ a = 10 }}
    mwh_per_tonne = 10
    margin_cny_per_tonne = 1000
    capex_cny_per_kw = 0
    min_utilisation = 0.5
    "#
        );
        let c = case(
            &body,
            "one",
            &[
                "2025-01-01 00:00,1",
                "2025-01-01 01:00,1",
                "2025-01-01 02:00,1",
                "2025-01-01 03:00,1",
            ],
        );
        let (_, s) = solve_with(&c, solver);
        close(s.energy_twh.industry * 1e6, 20.0, 1e-3, "aluminium MWh");
        close(s.energy_twh.import * 1e6, 20.0, 1e-3, "import MWh");
        close(s.objective_cny, 8_000.0, 1e-2, "objective");
        close(s.unserved_energy_mwh, 0.0, 1e-4, "unserved");
    }
}
