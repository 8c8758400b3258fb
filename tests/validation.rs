//! What `check` refuses, and that it says where. (Issue 5 adds snapshot fixtures; these pin
//! the rules the model's meaning depends on.)

mod common;
use spillway::error::Error;
use spillway::series::Resolution;
use spillway::study::prepare;

fn problems(c: &common::Case) -> Vec<String> {
    match prepare(&c.path, None) {
        Err(Error::Input(ps)) => ps.iter().map(|p| p.to_string()).collect(),
        Err(e) => panic!("expected input problems, got {e}"),
        Ok(_) => panic!("expected input problems, got a valid scenario"),
    }
}

fn one_node(extra: &str, header: &str, rows: &[&str]) -> common::Case {
    common::case(
        &format!(
            r#"{}
[nodes.a]
kind = "region"
demand_twh_per_year = 0.1
demand_profile = "one"
[generators.dam]
node = "a"
kind = "reservoir"
capacity_mw = 100
profile = "one"
storage_mwh = 100
{extra}"#,
            common::HEAD
        ),
        header,
        rows,
    )
}

#[test]
fn weights_with_storage_are_refused() {
    let c = one_node(
        "",
        "one,w",
        &["2025-01-01 00:00,1,1", "2025-01-01 01:00,1,5"],
    );
    let text = std::fs::read_to_string(&c.path)
        .unwrap()
        .replace("[time]\n", "[time]\nweights = \"w\"\n");
    std::fs::write(&c.path, text).unwrap();
    let ps = problems(&c);
    assert!(
        ps.iter()
            .any(|p| p.contains("time.weights") && p.contains("storage")),
        "{ps:?}"
    );
}

#[test]
fn availability_above_one_in_any_hour_is_refused_even_when_averaged() {
    let c = one_node(
        "[generators.pv]\nnode = \"a\"\nkind = \"solar\"\ncapacity_mw = 10\nprofile = \"pv\"\n",
        "one,pv",
        &["2025-01-01 00:00,1,1.4", "2025-01-01 01:00,1,0.2"],
    );
    let ps = problems(&c);
    assert!(
        ps.iter()
            .any(|p| p.contains("generators.pv.profile") && p.contains("1.4")),
        "{ps:?}"
    );
    // Averaged into one 2-hour step (0.8) the same hour would hide: still refused.
    match prepare(&c.path, Some(Resolution::Hours(2))) {
        Err(Error::Input(ps)) => assert!(ps
            .iter()
            .any(|p| p.to_string().contains("generators.pv.profile"))),
        _ => panic!("a 2-hour average must not hide an hour above 1"),
    }
}

#[test]
fn timestamps_must_be_consecutive_hours() {
    let c = one_node("", "one", &["2025-01-01 00:00,1", "2025-01-01 02:00,1"]);
    let ps = problems(&c);
    assert!(
        ps.iter()
            .any(|p| p.contains("profiles.csv:3") && p.contains("one hour")),
        "{ps:?}"
    );
}

#[test]
fn bad_cells_are_reported_with_row_and_column() {
    let c = one_node(
        "",
        "one",
        &[
            "2025-01-01 00:00,1",
            "2025-01-01 01:00,abc",
            "2025-01-01 02:00,NaN",
        ],
    );
    let ps = problems(&c);
    assert!(
        ps.iter()
            .any(|p| p.contains("profiles.csv:3: column `one`: `abc` is not a number")),
        "{ps:?}"
    );
    assert!(
        ps.iter()
            .any(|p| p.contains("profiles.csv:4: column `one`") && p.contains("finite")),
        "{ps:?}"
    );
}

#[test]
fn import_cheaper_than_export_is_a_money_pump() {
    let c = one_node(
        "[nodes.c]\nkind = \"outside\"\n[lines.ac]\nfrom = \"a\"\nto = \"c\"\ncapacity_mw = 10\n[market]\nnode = \"c\"\nexport_price_cny_per_mwh = 300\nimport_price_cny_per_mwh = { wet = 400, dry = 200 }\n",
        "one",
        &["2025-01-01 00:00,1", "2025-01-01 01:00,1"],
    );
    let ps = problems(&c);
    assert!(
        ps.iter().any(
            |p| p.contains("market.import_price_cny_per_mwh") && p.contains("2025-01-01 00:00")
        ),
        "{ps:?}"
    );
}

#[test]
fn circular_extends_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.toml"),
        "extends = \"b.toml\"\nname = \"a\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.toml"),
        "extends = \"a.toml\"\nname = \"b\"\n",
    )
    .unwrap();
    match prepare(&dir.path().join("a.toml"), None) {
        Err(Error::Input(ps)) => assert!(ps[0].to_string().contains("circular"), "{ps:?}"),
        _ => panic!("circular extends accepted"),
    }
}

#[test]
fn every_section_problem_is_reported_at_once() {
    let c = one_node(
        "[lines.self]\nfrom = \"a\"\nto = \"a\"\ncapacity_mw = 1\nefficiency = 1.5\n[options.electrolyser]\nsites_max_mw = { nowhere = 5 }\ncapex_cny_per_kw = 1\nkwh_per_kg = 0\n",
        "one",
        &["2025-01-01 00:00,1"],
    );
    let ps = problems(&c);
    for want in [
        "lines.self.to: a line cannot run from `a` to itself",
        "lines.self.efficiency: must be in (0, 1]",
        "options.electrolyser.sites_max_mw.nowhere: no node `nowhere`",
        "options.electrolyser.kwh_per_kg: must be a finite number > 0",
    ] {
        assert!(
            ps.iter().any(|p| p.contains(want)),
            "missing {want:?} in {ps:#?}"
        );
    }
}

#[test]
fn a_node_position_must_be_two_finite_numbers() {
    let hours = ["2025-01-01 00:00,1", "2025-01-01 01:00,1"];
    let c = one_node("", "one", &hours);
    let text = std::fs::read_to_string(&c.path).unwrap();
    let placed = |p: &str| {
        text.replace(
            "kind = \"region\"\n",
            &format!("kind = \"region\"\nposition = {p}\n"),
        )
    };
    std::fs::write(&c.path, placed("[102.2, nan]")).unwrap();
    let ps = problems(&c);
    assert!(
        ps.iter()
            .any(|p| p.contains("nodes.a.position") && p.contains("y must be a finite number")),
        "{ps:?}"
    );
    std::fs::write(&c.path, placed("[102.2]")).unwrap();
    let ps = problems(&c);
    assert!(ps.iter().any(|p| p.contains("nodes.a.position")), "{ps:?}");
    std::fs::write(&c.path, placed("[102.2, 31.9]")).unwrap();
    assert!(prepare(&c.path, None).is_ok());
}
