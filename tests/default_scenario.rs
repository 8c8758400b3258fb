//! Properties of the shipped Aba scenarios: calibration, closing balances, consistent accounting
//! and monotonicity. Coarse resolutions except where hourly detail is the point.

mod common;
use common::close;
use spillway::results::Summary;
use spillway::scenario::{load_scenario, GeneratorKind};
use spillway::study::{run, RunSettings};
use std::path::{Path, PathBuf};

fn models() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models")
}

fn solve(path: &Path, hours: usize) -> Summary {
    let settings = RunSettings::builder()
        .resolution_hours(Some(hours))
        .build()
        .unwrap();
    run(path, &settings)
        .unwrap_or_else(|e| panic!("{e}"))
        .summary
}

#[test]
fn baseline_reproduces_the_plans_flood_season_spill_hourly() {
    // The plan: "峰水期30亿千瓦时左右水电消纳困难" — about 3 TWh of hydro in the flood season
    // (hydro spill, not solar and wind curtailment).
    let s = solve(&models().join("aba-2025-baseline.toml"), 1);
    let spill = s.curtailment.hydro_spill_flood_season_twh;
    assert!(
        (2.7..=3.3).contains(&spill),
        "baseline flood-season hydro spill {spill:.3} TWh, want 3.0 ± 0.3"
    );
    // The split adds up, and solar and wind curtail only where hydro cannot give way.
    let c = &s.curtailment;
    assert!((c.hydro_spill_twh + c.solar_wind_twh - c.annual_twh).abs() < 1e-9);
    assert!(c.solar_wind_twh < 0.1 * c.hydro_spill_twh, "{c:?}");
    assert!(
        s.unserved_energy_mwh < 1e-3,
        "unserved {}",
        s.unserved_energy_mwh
    );
    assert!(
        s.capacity_built_mw.values().all(|v| *v == 0.0),
        "the status quo builds nothing"
    );
}

#[test]
fn baseline_fleet_matches_the_plans_capacity_and_generation() {
    let sc = load_scenario(&models().join("aba-2025-baseline.toml"))
        .unwrap()
        .scenario;
    let total_mw: f64 = sc.generators.values().map(|g| g.capacity_mw).sum();
    assert!(
        (9_500.0..=10_500.0).contains(&total_mw),
        "clean capacity {total_mw} MW, want about 10 GW"
    );
    // Hydro in service in 2020 (all but Shuangjiangkou and Bala, first units 2025) should make
    // about the plan's 21.4 TWh (2020) when nothing is spilled: within 10 %.
    let profile_mean = 0.4296; // mean of hydro_ror_pu and hydro_inflow_pu (inputs/README.md)
    let legacy_twh: f64 = sc
        .generators
        .iter()
        .filter(|(n, g)| {
            matches!(g.kind, GeneratorKind::Ror | GeneratorKind::Reservoir)
                && *n != "shuangjiangkou"
                && *n != "bala"
        })
        .map(|(_, g)| g.capacity_mw * profile_mean * g.profile_scale * 8760.0 / 1e6)
        .sum();
    assert!(
        (legacy_twh / 21.4 - 1.0).abs() < 0.10,
        "legacy hydro {legacy_twh:.2} TWh vs 21.4 TWh in 2020"
    );
}

#[test]
fn default_scenario_balances_and_accounts_at_3h() {
    let s = solve(&models().join("aba-2025.toml"), 3);
    assert_eq!(s.status.to_string(), "optimal");
    assert!(
        s.balance_max_residual_mw < 1e-3,
        "balance residual {} MW",
        s.balance_max_residual_mw
    );
    let parts: f64 = s.objective_parts_cny.values().sum();
    close(
        parts,
        s.objective_cny,
        1e-6 * s.objective_cny.abs(),
        "objective = sum of its parts",
    );
    let e = &s.energy_twh;
    close(
        e.available,
        e.generation + e.curtailed,
        1e-6,
        "available = generation + curtailed",
    );
    let supply = e.generation + e.import + e.unserved;
    let uses = e.local_demand + e.export + e.hydrogen + e.data_centre + e.industry + e.line_losses;
    close(supply, uses, 1e-6, "supply = uses");
    assert!(s.unserved_energy_mwh < 1e-3);
    // Options can only lower the cost of the status quo (the baseline is a feasible choice).
    let base = solve(&models().join("aba-2025-baseline.toml"), 3);
    assert!(
        s.objective_cny <= base.objective_cny + 1.0,
        "options raised the cost: {} > {}",
        s.objective_cny,
        base.objective_cny
    );
    assert!(s.curtailment.flood_season_twh <= base.curtailment.flood_season_twh + 1e-6);
}

#[test]
fn more_demand_never_lowers_cost() {
    let dir = tempfile::tempdir().unwrap();
    let mut last = f64::NEG_INFINITY;
    for scale in [1.0, 1.5, 3.0] {
        let path = dir.path().join(format!("more-{scale}.toml"));
        let base = models().join("aba-2025.toml");
        std::fs::write(
            &path,
            format!(
                "extends = {base:?}\nname = \"more\"\n[nodes.se]\ndemand_twh_per_year = {}\n[nodes.sw]\ndemand_twh_per_year = {}\n",
                0.8 * scale,
                0.5 * scale
            ),
        )
        .unwrap();
        let s = solve(&path, 24);
        assert!(
            s.objective_cny >= last - 1.0,
            "demand ×{scale}: objective {} < {last}",
            s.objective_cny
        );
        last = s.objective_cny;
    }
}
