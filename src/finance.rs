//! Annuities and returns: how a capital cost becomes a cost per year, and how an investment
//! with its yearly cash flows becomes a net present value, an internal rate of return and a
//! simple payback (docs/model.md, "Investment and returns").

/// Capital recovery factor `i / (1 − (1+i)^−n)`; `1/n` when the rate is zero.
///
/// At 8% over 20 years this is 0.10185: 1,400 CNY/kW of electrolyser costs 142.6 CNY/kW/yr.
pub fn annuity_factor(rate: f64, lifetime_years: f64) -> f64 {
    if rate.abs() < 1e-12 {
        1.0 / lifetime_years
    } else {
        rate / (1.0 - (1.0 + rate).powf(-lifetime_years))
    }
}

/// Net present value of cash flows at the end of years 0, 1, 2, … at `rate`.
pub fn npv(rate: f64, flows_cny: &[f64]) -> f64 {
    (flows_cny.iter().enumerate())
        .map(|(year, f)| f / (1.0 + rate).powi(year as i32))
        .sum()
}

/// NPV of `investment_cny` in year 0 and `annual_cny` in each of `lifetime_years` years:
/// `−I + A / crf(r, n)`, the identity by which the LP annualises capital, so an option whose
/// yearly net cash flow is exactly its annuity (`A = I·crf`) has an NPV of zero. A fractional
/// lifetime is taken as the closed form gives it.
pub fn npv_level(rate: f64, investment_cny: f64, annual_cny: f64, lifetime_years: f64) -> f64 {
    -investment_cny + annual_cny / annuity_factor(rate, lifetime_years)
}

/// Lowest and highest rate the IRR is searched between: −99 % and +1,000 % a year.
pub const IRR_BRACKET: (f64, f64) = (-0.99, 10.0);

/// Why a rate of return could not be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoIrr {
    /// Nothing is invested (or nothing built).
    NoInvestment,
    /// The yearly net cash flow is not positive: the investment is never repaid.
    NeverRepays,
    /// NPV(r) does not change sign over `IRR_BRACKET`.
    OutsideBracket,
}

impl NoIrr {
    pub fn reason(self) -> &'static str {
        match self {
            NoIrr::NoInvestment => "no investment",
            NoIrr::NeverRepays => "yearly net cash flow not positive: never repays",
            NoIrr::OutsideBracket => "rate of return outside -99 % to 1000 %",
        }
    }
}

/// Internal rate of return: the rate where `npv_at(rate)` is zero, by bisection over
/// `IRR_BRACKET` (robust where Newton's method jumps: NPV need only change sign once). The
/// caller makes sure the flows have a single sign change (an outlay, then returns).
pub fn irr_by(npv_at: impl Fn(f64) -> f64) -> Result<f64, NoIrr> {
    let (mut lo, mut hi) = IRR_BRACKET;
    let (f_lo, f_hi) = (npv_at(lo), npv_at(hi));
    if !(f_lo.is_finite() && f_hi.is_finite()) || f_lo.signum() == f_hi.signum() {
        return Err(NoIrr::OutsideBracket);
    }
    // 200 halvings take the bracket below f64 resolution; stop earlier at 1e-12.
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if npv_at(mid).signum() == f_lo.signum() {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-12 {
            break;
        }
    }
    Ok(0.5 * (lo + hi))
}

/// IRR of cash flows at the end of years 0, 1, 2, … (an outlay first).
pub fn irr(flows_cny: &[f64]) -> Result<f64, NoIrr> {
    irr_by(|r| npv(r, flows_cny))
}

/// IRR of an investment repaid by a level yearly cash flow over its lifetime.
pub fn irr_level(investment_cny: f64, annual_cny: f64, lifetime_years: f64) -> Result<f64, NoIrr> {
    if investment_cny <= 0.0 {
        return Err(NoIrr::NoInvestment);
    }
    if annual_cny <= 0.0 {
        return Err(NoIrr::NeverRepays);
    }
    irr_by(|r| npv_level(r, investment_cny, annual_cny, lifetime_years))
}

/// Simple payback, years: investment / yearly net cash flow (None when that is not positive
/// or nothing is invested).
pub fn payback_years(investment_cny: f64, annual_cny: f64) -> Option<f64> {
    (investment_cny > 0.0 && annual_cny > 0.0).then(|| investment_cny / annual_cny)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn irr_of_one_year_is_the_gain() {
        // −100 now, +110 in a year: 110 / (1 + r) = 100 ⇒ r = 10 %.
        let r = irr(&[-100.0, 110.0]).unwrap();
        assert!((r - 0.10).abs() < 1e-9, "{r}");
        assert!(npv(0.10, &[-100.0, 110.0]).abs() < 1e-12);
    }

    #[test]
    fn irr_of_five_payments_solves_the_polynomial() {
        // −100, then 30 a year for 5 years: 30·(1 − (1+r)^−5)/r = 100. Solved here by a
        // fixed-point iteration on r = 30/100·(1 − (1+r)^−5) (a contraction near the root),
        // independent of the bisection; the textbook value is 15.24 %.
        let mut r: f64 = 0.1;
        for _ in 0..500 {
            r = 0.3 * (1.0 - (1.0 + r).powi(-5));
        }
        assert!((r - 0.1524).abs() < 1e-4, "{r}");
        let flows = [-100.0, 30.0, 30.0, 30.0, 30.0, 30.0];
        let found = irr(&flows).unwrap();
        assert!((found - r).abs() < 1e-9, "{found} vs {r}");
        assert!(npv(found, &flows).abs() < 1e-8);
        // The level form gives the same rate.
        assert!((irr_level(100.0, 30.0, 5.0).unwrap() - r).abs() < 1e-9);
    }

    #[test]
    fn level_npv_at_the_annuity_is_zero() {
        // A yearly cash flow equal to the capital annuity repays exactly at the discount rate.
        let i = 1_000.0;
        let a = i * annuity_factor(0.08, 20.0);
        assert!(npv_level(0.08, i, a, 20.0).abs() < 1e-9);
        assert!((irr_level(i, a, 20.0).unwrap() - 0.08).abs() < 1e-9);
        // It matches the year-by-year sum.
        let mut flows = vec![-i];
        flows.extend(std::iter::repeat_n(a, 20));
        assert!((npv(0.05, &flows) - npv_level(0.05, i, a, 20.0)).abs() < 1e-9);
    }

    #[test]
    fn no_irr_or_payback_when_never_repaid() {
        assert_eq!(irr_level(100.0, 0.0, 10.0), Err(NoIrr::NeverRepays));
        assert_eq!(irr_level(100.0, -5.0, 10.0), Err(NoIrr::NeverRepays));
        assert_eq!(irr_level(0.0, 5.0, 10.0), Err(NoIrr::NoInvestment));
        assert_eq!(payback_years(100.0, 0.0), None);
        assert_eq!(payback_years(100.0, 25.0), Some(4.0));
        // Repaid in part only: a negative but defined rate (−100, then 10 × 5: r < 0).
        let r = irr_level(100.0, 10.0, 5.0).unwrap();
        assert!(r < 0.0 && npv_level(r, 100.0, 10.0, 5.0).abs() < 1e-8);
    }

    #[test]
    fn annuity_matches_hand_values() {
        // 0.08 / (1 - 1.08^-20) = 0.101852…
        assert!((annuity_factor(0.08, 20.0) - 0.101_852_2).abs() < 1e-6);
        assert!((annuity_factor(0.0, 25.0) - 0.04).abs() < 1e-15);
        // One-year life at 8%: repay capital plus one year's interest.
        assert!((annuity_factor(0.08, 1.0) - 1.08).abs() < 1e-12);
    }
}
