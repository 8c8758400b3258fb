//! An unbounded model names the revenue that has no limit, found by a re-solve with every
//! column capped, instead of a generic hint.

mod common;
use common::*;
use spillway::status::Status;
use spillway::study::{run, RunSettings};

#[test]
fn a_hydrogen_price_in_cny_per_t_is_named_with_its_option_and_node() {
    // The electrolyser case of tests/common with the price typed in CNY/t (20,000) and a site
    // limit of 1e9 MW: unserved energy at the value of lost load (20,000 CNY/MWh by default)
    // buys electricity that makes hydrogen worth 20 kg × 20,000 = 400,000 CNY/MWh, so every
    // MW more pays and the revenue grows with the site limit.
    let toml = electrolyser_toml(20_000.0).replace("{ a = 200 }", "{ a = 1e9 }");
    let c = case(&toml, "one", &FOUR_JUNE_HOURS);
    let settings = RunSettings::builder().build().unwrap();
    let e = match run(&c.path, &settings) {
        Err(e) => e,
        Ok(_) => panic!("expected the model to be unbounded"),
    };
    assert_eq!(e.exit_code(), 3, "{e}");
    assert_eq!(e.status(), Status::Unbounded, "{e}");
    let text = e.to_string();
    assert!(
        text.contains("electrolyser at a: hydrogen revenue has no limit")
            && text.contains("market.hydrogen_price_cny_per_kg in CNY/t"),
        "{text}"
    );
    assert!(!text.contains("sites_max_mw"), "the generic hint: {text}");
}
