//! What a year, a period and a build are worth at the first period's year (docs/model.md §11).
//!
//! With periods starting in years `y_1 < … < y_P`, the last year inside the horizon `E`
//! (`periods.end_year`) and the discount rate `r`:
//!
//! ```text
//! δ(y)   = (1 + r)^−(y − y_1)                          a year's discount factor
//! years(p) = y_p … y_{p+1} − 1   (the last: y_P … E)   the years a period stands for
//! W_p    = Σ_{y ∈ years(p)} δ(y)                       the weight of period p's block
//! K_{q,L} = Σ_{y = y_q}^{E} [y < y_q + L] δ(y)·Y_{p(y)}  what one CNY a year from y_q for L
//!                                                        years is worth, inside the horizon
//! ```
//!
//! `Y_p` is period p's year fraction (Σ w·Δt ÷ 8760; 1 for a scenario of a full year), so a
//! block whose representative horizon is shorter than a year pays fixed costs as a single run
//! of it does. Years after `E` are outside the horizon: neither their operation nor their
//! annuities count (the annuity end effect).

/// The calendar of a pathway.
#[derive(Debug, Clone)]
pub struct Timing {
    pub rate: f64,
    /// First year of each period, increasing.
    pub starts: Vec<i32>,
    /// Last year inside the horizon (inclusive).
    pub end_year: i32,
    /// Each period's year fraction `Y_p`.
    pub year_fraction: Vec<f64>,
}

impl Timing {
    /// δ(y): one CNY in year `y`, at the first period's year.
    pub fn factor(&self, year: i32) -> f64 {
        (1.0 + self.rate).powi(-(year - self.starts[0]))
    }

    /// The years period `p` stands for.
    pub fn years(&self, p: usize) -> std::ops::RangeInclusive<i32> {
        let last = match self.starts.get(p + 1) {
            Some(next) => next - 1,
            None => self.end_year,
        };
        self.starts[p]..=last
    }

    /// W_p: the weight of period p's operating cost (discounted years it stands for).
    pub fn weight(&self, p: usize) -> f64 {
        self.years(p).map(|y| self.factor(y)).sum()
    }

    /// The period a year of the horizon belongs to.
    fn period_of(&self, year: i32) -> usize {
        self.starts.iter().rposition(|s| *s <= year).unwrap_or(0)
    }

    /// K_{q,L}: a yearly charge from period q's first year for `lifetime_years`, counted only
    /// inside the horizon, discounted, each year scaled by its period's year fraction.
    pub fn capital_factor(&self, q: usize, lifetime_years: f64) -> f64 {
        let from = self.starts[q];
        (from..=self.end_year)
            .filter(|y| f64::from(y - from) < lifetime_years)
            .map(|y| self.factor(y) * self.year_fraction[self.period_of(y)])
            .sum()
    }

    /// Whether capacity built in period q still stands in period p (p ≥ q): p's first year is
    /// before q's first year + lifetime.
    pub fn alive(&self, q: usize, p: usize, lifetime_years: f64) -> bool {
        p >= q && f64::from(self.starts[p] - self.starts[q]) < lifetime_years
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timing(rate: f64) -> Timing {
        Timing {
            rate,
            starts: vec![2026, 2028, 2030],
            end_year: 2030,
            year_fraction: vec![1.0; 3],
        }
    }

    #[test]
    fn weights_are_the_discounted_years_of_each_period() {
        let t = timing(0.1);
        // 2026 and 2027; 2028 and 2029; 2030 alone.
        assert!((t.weight(0) - (1.0 + 1.0 / 1.1)).abs() < 1e-12);
        assert!((t.weight(1) - (1.1f64.powi(-2) + 1.1f64.powi(-3))).abs() < 1e-12);
        assert!((t.weight(2) - 1.1f64.powi(-4)).abs() < 1e-12);
        assert_eq!(t.years(2), 2030..=2030);
    }

    #[test]
    fn annuities_stop_at_the_horizon_end_and_at_the_end_of_life() {
        let t = timing(0.0);
        // Built in 2028 with a 20-year life: paid 2028, 2029, 2030 inside the horizon.
        assert_eq!(t.capital_factor(1, 20.0), 3.0);
        // Built in 2026 with a 3-year life: 2026, 2027, 2028; gone by 2030.
        assert_eq!(t.capital_factor(0, 3.0), 3.0);
        assert!(t.alive(0, 1, 3.0) && !t.alive(0, 2, 3.0));
        let mut short = timing(0.0);
        short.year_fraction = vec![0.5, 1.0, 1.0];
        assert_eq!(short.capital_factor(0, 40.0), 0.5 + 0.5 + 1.0 + 1.0 + 1.0);
    }
}
