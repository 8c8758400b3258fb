//! The valley of the Chinese-output tests: one region with a labelled run-of-river plant, a
//! line to the grid at Chengdu and an electrolyser option, over 48 hours of flow.

pub const VALLEY: &str = r#"name = "valley"
description = "Test: one valley, one grid"
[time]
profiles = "profiles.csv"
[nodes.a]
kind = "region"
label = "Upper valley (Ma'erkang, Jinchuan)"
label_zh = "上游河谷（马尔康、金川）"
demand_twh_per_year = 0.1752                    # ASSUMPTION: 20 MW of test demand
[nodes.c]
kind = "outside"
label = "Grid at Chengdu"
label_zh = "成都电网"
[generators.hydro]
node = "a"
kind = "ror"
capacity_mw = 100                               # ASSUMPTION: test plant
profile = "flow"
[lines.ac]
label = "Aba–Chengdu East 1000 kV line"
label_zh = "阿坝—成都东1000千伏线路"
from = "a"
to = "c"
capacity_mw = 50                                # ASSUMPTION
new_capacity_max_mw = 40                        # ASSUMPTION
capex_cny_per_kw = 100                          # ASSUMPTION
[market]
node = "c"
export_price_cny_per_mwh = 100                  # ASSUMPTION
import_price_cny_per_mwh = 200                  # ASSUMPTION
hydrogen_price_cny_per_kg = 10                  # ASSUMPTION
[options.electrolyser]
label = "electrolysers"
label_zh = "电解槽"
sites_max_mw = { a = 30 }                       # ASSUMPTION: one site
capex_cny_per_kw = 100                          # ASSUMPTION
kwh_per_kg = 50                                 # ASSUMPTION
"#;

/// Write `profiles.csv` (48 hours of flow) and `valley.toml` (`VALLEY` with `extra` appended)
/// into `dir`.
pub fn write_valley(dir: &std::path::Path, extra: &str) {
    let mut csv = String::from("timestamp,flow\n");
    for h in 0..48 {
        let flow = 0.5 + 0.5 * ((h % 24) as f64 / 23.0);
        csv.push_str(&format!(
            "2025-07-{:02} {:02}:00,{flow:.4}\n",
            1 + h / 24,
            h % 24
        ));
    }
    std::fs::write(dir.join("profiles.csv"), csv).unwrap();
    std::fs::write(dir.join("valley.toml"), format!("{VALLEY}{extra}")).unwrap();
}
