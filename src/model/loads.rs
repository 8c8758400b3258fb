//! Data centres (firm load) and energy-intensive industry (flexible within its months).
//!
//! Data centre at node n, IT capacity `K_d` (MW), power usage effectiveness PUE:
//! ```text
//! 0 ≤ K_d ≤ sites_max_mw;   balance[n,t] −= PUE·K_d   in every step (firm)
//! objective += annuity(K_d) − (v_d·Σ_t w·Δt + v_y·Σ_t w·Δt/8760)·K_d
//!     (v_d: revenue per MWh of IT energy, v_y: revenue per MW-year of IT capacity)
//! ```
//! Industry k at node n, existing `K⁰`, new `K_new`, σ MWh per tonne, margin m CNY per tonne:
//! ```text
//! 0 ≤ u_t ≤ K⁰ + K_new  in allowed months, u_t = 0 otherwise;  balance[n,t] −= u_t
//! Σ_allowed w·Δt·u_t ≥ μ·(K⁰ + K_new)·Σ_allowed w·Δt        (minimum utilisation μ)
//! objective += annuity(K_new) − Σ_t w·Δt·(m/σ)·u_t
//! ```

use super::lp::{Col, Sense};
use super::{Builder, CostPart};

#[derive(Debug, Clone)]
pub struct DataCentreVars {
    pub node: usize,
    pub capacity: Col,
    pub pue: f64,
    pub max_mw: f64,
}

#[derive(Debug, Clone)]
pub struct IndustryVars {
    pub product: String,
    pub node: usize,
    pub existing_mw: f64,
    pub max_new_mw: f64,
    pub new_capacity: Option<Col>,
    pub draw: Vec<Option<Col>>,
    pub mwh_per_tonne: f64,
    pub min_utilisation: f64,
}

pub fn build(b: &mut Builder) -> (Vec<DataCentreVars>, Vec<IndustryVars>) {
    (data_centres(b), industry(b))
}

fn data_centres(b: &mut Builder) -> Vec<DataCentreVars> {
    let Some(d) = b.sc.options.data_centre.as_ref().filter(|d| d.enabled) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (node_name, &max_mw) in &d.sites_max_mw {
        if max_mw <= 0.0 {
            continue;
        }
        let node = b.node(node_name);
        let capacity = b.lp.col(0.0, max_mw);
        b.capacity_cost(
            capacity,
            d.capex_cny_per_kw * 1e3,
            d.lifetime_years,
            d.capex_cny_per_kw * 1e3 * d.fom_fraction_per_year,
        );
        let hours = b.wdt.sum();
        let revenue =
            d.revenue_cny_per_mwh_it * hours + d.revenue_cny_per_mw_year * b.year_fraction;
        b.cost(CostPart::DataCentreRevenue, -revenue, capacity);
        for t in 0..b.steps() {
            b.inject(node, t, -d.pue, capacity);
        }
        out.push(DataCentreVars {
            node,
            capacity,
            pue: d.pue,
            max_mw,
        });
    }
    out
}

fn industry(b: &mut Builder) -> Vec<IndustryVars> {
    let sc = b.sc;
    let mut out = Vec::new();
    for (product, k) in sc.options.industry.iter().filter(|(_, k)| k.enabled) {
        let mut sites: Vec<&String> = k.sites_max_mw.keys().chain(k.existing_mw.keys()).collect();
        sites.sort();
        sites.dedup();
        for node_name in sites {
            let existing_mw = k.existing_mw.get(node_name).copied().unwrap_or(0.0);
            let max_new_mw = k.sites_max_mw.get(node_name).copied().unwrap_or(0.0);
            if existing_mw <= 0.0 && max_new_mw <= 0.0 {
                continue;
            }
            let node = b.node(node_name);
            let new_capacity = (max_new_mw > 0.0).then(|| {
                let c = b.lp.col(0.0, max_new_mw);
                b.capacity_cost(
                    c,
                    k.capex_cny_per_kw * 1e3,
                    k.lifetime_years,
                    k.capex_cny_per_kw * 1e3 * k.fom_fraction_per_year,
                );
                c
            });
            let value_per_mwh = k.margin_cny_per_tonne / k.mwh_per_tonne;
            let mut draw = Vec::with_capacity(b.steps());
            let mut allowed_hours = 0.0;
            let mut utilisation_terms = Vec::new();
            for t in 0..b.steps() {
                let month = b.inputs.axis.month[t];
                if !k.months.as_ref().is_none_or(|m| m.contains(&month)) {
                    draw.push(None);
                    continue;
                }
                let u = match new_capacity {
                    None => b.lp.col(0.0, existing_mw),
                    Some(new) => {
                        let u = b.lp.nonneg();
                        b.lp.row(&[(1.0, u), (-1.0, new)], Sense::Le, existing_mw);
                        u
                    }
                };
                let wdt = b.wdt[t];
                b.inject(node, t, -1.0, u);
                b.cost(CostPart::IndustryMargin, -value_per_mwh * wdt, u);
                allowed_hours += wdt;
                utilisation_terms.push((wdt, u));
                draw.push(Some(u));
            }
            if k.min_utilisation > 0.0 && !utilisation_terms.is_empty() {
                let mu_h = k.min_utilisation * allowed_hours;
                if let Some(new) = new_capacity {
                    utilisation_terms.push((-mu_h, new));
                }
                b.lp.row(&utilisation_terms, Sense::Ge, mu_h * existing_mw);
            }
            out.push(IndustryVars {
                product: product.clone(),
                node,
                existing_mw,
                max_new_mw,
                new_capacity,
                draw,
                mwh_per_tonne: k.mwh_per_tonne,
                min_utilisation: k.min_utilisation,
            });
        }
    }
    out
}
