//! Adaptive time segments (`--resolution auto:N`): consecutive hours merged into N segments of
//! varying length where every series changes little.
//!
//! The method is tsam's "segmentation" (`tsam/utils/segmentation.py` of
//! github.com/FZJ-IEK3-VSA/tsam, which PyPSA-Eur calls; see docs/time-segments.md): Ward
//! agglomerative clustering in which only *adjacent* steps may join (its connectivity matrix
//! links each step to the one before and after). Ward's rule merges the pair whose union grows
//! the within-segment sum of squared deviations least; for segments a, b of masses mₐ, m_b and
//! means μₐ, μ_b that growth is mₐ·m_b/(mₐ+m_b)·‖μₐ − μ_b‖². Each series is first scaled to
//! [0, 1] by its range, so that no unit dominates (PyPSA-Eur divides each by its maximum
//! before calling tsam); a constant series adds nothing. A segment's value is then the mean of its hours (`TimeAxis::resample`),
//! which keeps every series' energy.
//!
//! Here it runs on the whole horizon at once with a binary heap of candidate merges (stale
//! entries skipped by a version count), O(T log T) merges for T hours with D series at O(D)
//! each, where sklearn's generic connectivity-constrained Ward is far slower on 8,760 points.
//! Two spillway rules are added: a segment never crosses a month boundary (months carry
//! flood-season tariffs and monthly outputs), and hours carry their `time.weights` as masses.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Why N segments cannot be cut from this horizon.
pub fn check_count(n: usize, hours: usize, months: usize) -> Result<(), String> {
    if n > hours {
        Err(format!(
            "auto:{n} asks for more segments than the horizon has hours ({hours}): \
             use at most auto:{hours} (auto:{hours} is the hourly model)"
        ))
    } else if n < months {
        Err(format!(
            "auto:{n} is fewer segments than the horizon has months ({months}), and a \
             segment never crosses a month boundary: use at least auto:{months}"
        ))
    } else {
        Ok(())
    }
}

/// The number of calendar months the hours span (a new one at each change of month).
pub fn months_spanned(month_of_hour: &[u32]) -> usize {
    let changes = month_of_hour.windows(2).filter(|w| w[0] != w[1]).count();
    usize::from(!month_of_hour.is_empty()) + changes
}

/// Cut `hours` hours into `n` segments. `series` are hourly values (each `hours` long), `mass`
/// each hour's weight (None: 1), `month_of_hour` each hour's calendar month. Returns the hour
/// each segment starts at, then `hours` (n + 1 entries). `check_count` must hold.
pub fn segment(
    series: &[&[f64]],
    mass: Option<&[f64]>,
    month_of_hour: &[u32],
    n: usize,
) -> Vec<usize> {
    let hours = month_of_hour.len();
    let months = months_spanned(month_of_hour);
    assert!(check_count(n, hours, months).is_ok(), "auto:{n} unchecked");
    let mut s = Segments::new(&normalised(series), mass, hours);
    let mut heap = BinaryHeap::new();
    for a in 0..hours.saturating_sub(1) {
        if month_of_hour[a] == month_of_hour[a + 1] {
            heap.push(s.candidate(a));
        }
    }
    let mut count = hours;
    while count > n {
        let Some(c) = heap.pop() else {
            unreachable!("check_count guarantees a merge within a month")
        };
        if !s.is_current(&c) {
            continue;
        }
        let b = s.next[c.left];
        s.merge(c.left, b);
        count -= 1;
        let (prev, next) = (s.prev[c.left], s.next[c.left]);
        if prev != NONE && month_of_hour[prev] == month_of_hour[c.left] {
            heap.push(s.candidate(prev));
        }
        if next != NONE && month_of_hour[s.last_hour(c.left)] == month_of_hour[next] {
            heap.push(s.candidate(c.left));
        }
    }
    let mut bounds = Vec::with_capacity(n + 1);
    let mut a = 0;
    while a != NONE && hours > 0 {
        bounds.push(a);
        a = s.next[a];
    }
    bounds.push(hours);
    bounds
}

/// Each series scaled to [0, 1] by its range, hour by hour (row-major: hour × series);
/// constant series are left out.
fn normalised(series: &[&[f64]]) -> (Vec<f64>, usize) {
    let kept: Vec<(&[f64], f64, f64)> = series
        .iter()
        .filter_map(|v| {
            let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            (hi - lo > 0.0).then_some((*v, lo, hi - lo))
        })
        .collect();
    let hours = series.first().map_or(0, |v| v.len());
    let d = kept.len();
    let mut x = vec![0.0; hours * d];
    for (j, (v, lo, range)) in kept.iter().enumerate() {
        for (h, value) in v.iter().enumerate() {
            x[h * d + j] = (value - lo) / range;
        }
    }
    (x, d)
}

const NONE: usize = usize::MAX;

/// The segments so far, as a doubly linked list over the hour each starts at.
struct Segments {
    d: usize,
    /// Per segment start: mass-weighted sum of each normalised series (row of `d`).
    sum: Vec<f64>,
    mass: Vec<f64>,
    len: Vec<usize>,
    prev: Vec<usize>,
    next: Vec<usize>,
    /// Bumped at every merge, so that heap entries made before it are recognised as stale.
    version: Vec<u32>,
}

/// A candidate merge of the segment starting at `left` with the next one.
#[derive(Debug, PartialEq)]
struct Candidate {
    cost: f64,
    left: usize,
    left_version: u32,
    right_version: u32,
}

impl Eq for Candidate {}

impl Ord for Candidate {
    /// The heap pops the largest: the cheapest merge first, the earliest on a tie (so that the
    /// result does not depend on anything but the data).
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .cost
            .total_cmp(&self.cost)
            .then_with(|| other.left.cmp(&self.left))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Segments {
    fn new((x, d): &(Vec<f64>, usize), mass: Option<&[f64]>, hours: usize) -> Segments {
        let mass: Vec<f64> = match mass {
            Some(m) => m.to_vec(),
            None => vec![1.0; hours],
        };
        let sum = (0..hours * d)
            .map(|i| x[i] * mass[i / (*d).max(1)])
            .collect();
        Segments {
            d: *d,
            sum,
            mass,
            len: vec![1; hours],
            prev: (0..hours)
                .map(|h| h.checked_sub(1).unwrap_or(NONE))
                .collect(),
            next: (0..hours)
                .map(|h| if h + 1 < hours { h + 1 } else { NONE })
                .collect(),
            version: vec![0; hours],
        }
    }

    fn last_hour(&self, a: usize) -> usize {
        a + self.len[a] - 1
    }

    /// Ward's growth of the squared deviations if `a` and the next segment merged.
    fn candidate(&self, a: usize) -> Candidate {
        let b = self.next[a];
        let (ma, mb) = (self.mass[a], self.mass[b]);
        let cost = if ma > 0.0 && mb > 0.0 {
            let (ra, rb) = (self.row(a), self.row(b));
            let dist: f64 = ra
                .iter()
                .zip(rb)
                .map(|(sa, sb)| (sa / ma - sb / mb).powi(2))
                .sum();
            ma * mb / (ma + mb) * dist
        } else {
            0.0 // an hour of weight 0 stands for nothing: joining it costs nothing
        };
        Candidate {
            cost,
            left: a,
            left_version: self.version[a],
            right_version: self.version[b],
        }
    }

    fn row(&self, a: usize) -> &[f64] {
        &self.sum[a * self.d..(a + 1) * self.d]
    }

    fn is_current(&self, c: &Candidate) -> bool {
        let b = self.next[c.left];
        self.len[c.left] > 0
            && b != NONE
            && self.version[c.left] == c.left_version
            && self.version[b] == c.right_version
    }

    /// Join segment `b` (the next) into `a`.
    fn merge(&mut self, a: usize, b: usize) {
        for j in 0..self.d {
            self.sum[a * self.d + j] += self.sum[b * self.d + j];
        }
        self.mass[a] += self.mass[b];
        self.len[a] += self.len[b];
        self.len[b] = 0;
        self.next[a] = self.next[b];
        if self.next[b] != NONE {
            self.prev[self.next[b]] = a;
        }
        self.version[a] += 1;
        self.version[b] += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::TimeAxis;
    use ndarray::Array1;

    fn june(hours: usize) -> Vec<u32> {
        vec![6; hours]
    }

    fn stamps(month_of_hour: &[u32]) -> Vec<String> {
        // Hours of day 1 of their month (enough for labels and months here).
        month_of_hour
            .iter()
            .enumerate()
            .map(|(h, m)| format!("2025-{m:02}-01 {:02}:00", h % 24))
            .collect()
    }

    #[test]
    fn a_step_series_is_cut_exactly_at_its_steps() {
        // Three levels held for 3, 4 and 2 hours: merging inside a level costs nothing, across
        // levels something, so 3 segments are the 3 levels.
        let v = [0.0, 0.0, 0.0, 5.0, 5.0, 5.0, 5.0, 1.0, 1.0];
        let w = [2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 7.0, 7.0];
        assert_eq!(segment(&[&v, &w], None, &june(9), 3), vec![0, 3, 7, 9]);
        // Two segments: scaled to [0, 1] the levels are (0, 0), (1, 0), (0.2, 1). Ward's cost
        // of joining the first two is 3·4/7·1² = 1.714, of the last two 4·2/6·(0.8² + 1²) =
        // 2.187: the first two join.
        assert_eq!(segment(&[&v, &w], None, &june(9), 2), vec![0, 7, 9]);
    }

    #[test]
    fn as_many_segments_as_hours_is_the_identity() {
        let v: Vec<f64> = (0..10).map(|h| ((h * 7) % 5) as f64).collect();
        let bounds = segment(&[&v], None, &june(10), 10);
        assert_eq!(bounds, (0..=10).collect::<Vec<_>>());
        let axis = TimeAxis::from_segments(&stamps(&june(10)), bounds, None);
        assert_eq!(axis.resample(&Array1::from(v.clone())).to_vec(), v);
    }

    #[test]
    fn segments_never_cross_a_month_boundary_and_keep_the_chronology() {
        // A flat series over May (5 h) and June (4 h): nothing changes, yet the boundary stays.
        let months = [5, 5, 5, 5, 5, 6, 6, 6, 6];
        let v = [1.0; 9];
        let bounds = segment(&[&v], None, &months, 2);
        assert_eq!(bounds, vec![0, 5, 9]);
        for n in 2..=9 {
            let b = segment(&[&v], None, &months, n);
            assert_eq!(b.len(), n + 1, "auto:{n}");
            assert!(b.windows(2).all(|w| w[0] < w[1]), "in order: {b:?}");
            assert!(b.contains(&5), "auto:{n} crosses the month: {b:?}");
        }
        assert!(check_count(1, 9, months_spanned(&months)).is_err());
        assert!(check_count(10, 9, 2).is_err());
        assert!(check_count(9, 9, 2).is_ok());
    }

    #[test]
    fn every_series_keeps_its_energy_with_and_without_weights() {
        let hours = 48;
        let a: Vec<f64> = (0..hours).map(|h| ((h as f64) * 0.7).sin().abs()).collect();
        let b: Vec<f64> = (0..hours).map(|h| (h % 24) as f64 * 10.0).collect();
        let weights: Vec<f64> = (0..hours).map(|h| 1.0 + (h % 3) as f64).collect();
        let months: Vec<u32> = (0..hours).map(|h| if h < 30 { 5 } else { 6 }).collect();
        for mass in [None, Some(weights.clone())] {
            let bounds = segment(&[&a, &b], mass.as_deref(), &months, 7);
            let w = mass.clone().map(Array1::from);
            let mut axis = TimeAxis::from_segments(&stamps(&months), bounds, w.clone());
            let hourly_w = w.unwrap_or_else(|| Array1::ones(hours));
            axis.weight = axis.resample_plain(&hourly_w);
            for v in [&a, &b] {
                let v = Array1::from(v.clone());
                let stepped = axis.resample(&v);
                let energy = (&stepped * &axis.hours_weighted()).sum();
                let hourly = (&v * &hourly_w).sum();
                assert!(
                    (energy - hourly).abs() < 1e-9 * hourly,
                    "{energy} vs {hourly}"
                );
            }
            assert!((axis.total_hours() - hourly_w.sum()).abs() < 1e-9);
        }
    }
}
