//! When a Monte Carlo outcome falls into two clusters, a box over all draws hides the split (its
//! middle half can straddle values no draw took), so the report counts how many draws are on
//! the high side. Two tests, in order:
//!
//! - **built or not** (capacities): some draws at or below the built threshold (1 MW) and some
//!   above it — "electrolysers built (> 1 MW) in 62 % of samples";
//! - **gap test** (any outcome): sort the draws; the widest gap between neighbours spans at
//!   least [`GAP_SHARE`] of the whole range and each side holds at least [`MIN_SIDE_SHARE`] of
//!   the draws (and at least two). The threshold is the gap's middle, rounded to two
//!   significant figures when that stays inside the gap.
//!
//! The gap test is deliberately simple and explainable (no density estimate): a quarter of the
//! range empty between two groups is a split a reader sees at once in the spread's dots.

use crate::charts::format_number;

/// The widest gap must span at least this share of the range.
pub const GAP_SHARE: f64 = 0.25;
/// Each side of the gap must hold at least this share of the draws.
pub const MIN_SIDE_SHARE: f64 = 0.1;

/// How the draws split: how many are above `threshold`, of `total` (finite values only).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Split {
    pub threshold: f64,
    pub above: usize,
    pub total: usize,
}

impl Split {
    pub fn share(&self) -> f64 {
        self.above as f64 / self.total.max(1) as f64
    }

    /// "2,100", "12", "0.35": the threshold as written in a label.
    pub fn threshold_words(&self) -> String {
        let s = format_number(self.threshold, decimals(self.threshold));
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    }

    /// "62 % (25 of 40)", beside a bar.
    pub fn short_words(&self) -> String {
        format!(
            "{:.0} % ({} of {})",
            self.share() * 100.0,
            self.above,
            self.total
        )
    }

    /// "62 % of samples (25 of 40)".
    pub fn words(&self) -> String {
        format!(
            "{:.0} % of samples ({} of {})",
            self.share() * 100.0,
            self.above,
            self.total
        )
    }
}

fn decimals(v: f64) -> usize {
    let a = v.abs();
    if a >= 10.0 || a == 0.0 {
        0
    } else {
        (1.0 - a.log10().floor()).clamp(0.0, 6.0) as usize
    }
}

/// The split of `values` by the tests of the module doc, or None when they do not split.
/// `built` is the built threshold for a capacity (None for other outcomes).
pub fn split(values: &[f64], built: Option<f64>) -> Option<Split> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n < 2 {
        return None;
    }
    let count = |t: f64| v.iter().filter(|x| **x > t).count();
    if let Some(b) = built {
        let above = count(b);
        if above > 0 && above < n {
            return Some(Split {
                threshold: b,
                above,
                total: n,
            });
        }
    }
    let range = v[n - 1] - v[0];
    if range <= 0.0 {
        return None;
    }
    let (k, gap) = (1..n)
        .map(|k| (k, v[k] - v[k - 1]))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
    let min_side = ((n as f64 * MIN_SIDE_SHARE).ceil() as usize).max(2);
    if gap < GAP_SHARE * range || k < min_side || n - k < min_side {
        return None;
    }
    let (lo, hi) = (v[k - 1], v[k]);
    let threshold = round_inside((lo + hi) / 2.0, lo, hi);
    Some(Split {
        threshold,
        above: count(threshold),
        total: n,
    })
}

/// `x` rounded to two significant figures (three, then none) so long as it stays in (lo, hi).
fn round_inside(x: f64, lo: f64, hi: f64) -> f64 {
    for sig in [2, 3] {
        if x == 0.0 {
            break;
        }
        let p = 10f64.powi(x.abs().log10().floor() as i32 + 1 - sig);
        let r = (x / p).round() * p;
        if r > lo && r < hi {
            return r;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_or_not_counts_the_draws_above_the_threshold() {
        let s = split(&[0.0, 0.5, 187.0, 2500.0, f64::NAN], Some(1.0)).unwrap();
        assert_eq!((s.threshold, s.above, s.total), (1.0, 2, 4));
        assert_eq!(s.words(), "50 % of samples (2 of 4)");
    }

    #[test]
    fn the_gap_test_splits_two_clusters_and_not_a_spread() {
        // 8 draws near 187, 9 spread 892–1,755, 23 at 2,500 (the shipped Monte Carlo): the
        // widest gap is 1,754.5 → 2,500 (32 % of the range), 23 above its middle.
        let mut v = vec![187.4; 8];
        v.extend([
            892.1, 892.1, 892.1, 892.1, 892.1, 1000.0, 1141.4, 1170.3, 1754.5,
        ]);
        v.extend(vec![2500.0; 23]);
        let s = split(&v, Some(1.0)).unwrap();
        assert_eq!((s.threshold, s.above, s.total), (2100.0, 23, 40));
        assert_eq!(s.threshold_words(), "2,100");
        // Evenly spread values have no gap of a quarter of their range.
        let even: Vec<f64> = (0..20).map(f64::from).collect();
        assert_eq!(split(&even, None), None);
        // One outlier is not a cluster.
        let mut one = vec![1.0; 19];
        one.push(100.0);
        assert_eq!(split(&one, None), None);
        // All equal: nothing to split.
        assert_eq!(split(&[5.0; 10], Some(1.0)), None);
    }
}
