//! Where the network picture puts nodes that the scenario gives no position: a force-directed
//! layout (Fruchterman–Reingold: every pair repels, every line pulls its ends together) with
//! a fixed start and a fixed number of rounds, so the same graph always gives the same
//! positions and the chart's bytes do not change from run to run.
//!
//! Written here rather than taken from a crate: the graphs are a handful of nodes, the
//! algorithm is forty lines, and byte-identical charts need the exact arithmetic pinned
//! (no random start, no parallel summation), which layout crates do not promise.

/// Rounds of the layout; the step shrinks linearly to nothing over them.
const ROUNDS: usize = 400;

/// Positions `[x, y]` for `n` nodes joined by `edges` (pairs of indices; repeats allowed, a
/// self-loop ignored). A node with `fixed[i] = Some(p)` stays at `p`; the others start on a
/// circle around the fixed ones (or the origin) in index order and move by the forces.
pub fn layout(n: usize, edges: &[(usize, usize)], fixed: &[Option<[f64; 2]>]) -> Vec<[f64; 2]> {
    let pinned = |i: usize| fixed.get(i).copied().flatten();
    let given: Vec<[f64; 2]> = (0..n).filter_map(pinned).collect();
    // The ideal distance between neighbours: the spread of the given positions, else 1.
    let (centre, spread) = match given.len() {
        0 => ([0.0, 0.0], 1.0),
        k => {
            let c = [
                given.iter().map(|p| p[0]).sum::<f64>() / k as f64,
                given.iter().map(|p| p[1]).sum::<f64>() / k as f64,
            ];
            let r = given.iter().map(|p| distance(*p, c)).fold(0.0, f64::max);
            (c, if r > 1e-9 { r } else { 1.0 })
        }
    };
    let ideal = spread * 2.0 / (n.max(2) as f64).sqrt();
    let mut pos: Vec<[f64; 2]> = (0..n)
        .map(|i| {
            pinned(i).unwrap_or_else(|| {
                let a = std::f64::consts::TAU * i as f64 / n as f64;
                [centre[0] + spread * a.cos(), centre[1] + spread * a.sin()]
            })
        })
        .collect();
    for round in 0..ROUNDS {
        let step = ideal * 0.2 * (1.0 - round as f64 / ROUNDS as f64);
        let mut push = vec![[0.0f64; 2]; n];
        for i in 0..n {
            for j in (i + 1)..n {
                let (d, u) = apart(pos[i], pos[j], i, j);
                let f = ideal * ideal / d;
                add(&mut push[i], u, f);
                add(&mut push[j], u, -f);
            }
        }
        for &(i, j) in edges.iter().filter(|(i, j)| i != j && *i < n && *j < n) {
            let (d, u) = apart(pos[i], pos[j], i, j);
            let f = d * d / ideal;
            add(&mut push[i], u, -f);
            add(&mut push[j], u, f);
        }
        for i in (0..n).filter(|i| pinned(*i).is_none()) {
            let len = (push[i][0] * push[i][0] + push[i][1] * push[i][1]).sqrt();
            if len > 1e-12 {
                let s = len.min(step) / len;
                pos[i] = [pos[i][0] + push[i][0] * s, pos[i][1] + push[i][1] * s];
            }
        }
    }
    pos
}

fn distance(a: [f64; 2], b: [f64; 2]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

/// The distance from `b` to `a` and the unit vector pointing from `b` to `a`; two nodes on the
/// same spot are pulled apart along a direction fixed by their indices.
fn apart(a: [f64; 2], b: [f64; 2], i: usize, j: usize) -> (f64, [f64; 2]) {
    let d = distance(a, b);
    if d > 1e-9 {
        (d, [(a[0] - b[0]) / d, (a[1] - b[1]) / d])
    } else {
        let a = (i * 7 + j * 13) as f64;
        (1e-9, [a.cos(), a.sin()])
    }
}

fn add(to: &mut [f64; 2], u: [f64; 2], f: f64) {
    to[0] += u[0] * f;
    to[1] += u[1] * f;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Aba shape: four districts in a ring, one of them tied to the grid by three lines.
    fn aba() -> (usize, Vec<(usize, usize)>) {
        (
            5,
            vec![(0, 4), (0, 4), (0, 4), (1, 0), (2, 0), (3, 1), (3, 2)],
        )
    }

    #[test]
    fn the_same_graph_gives_the_same_positions() {
        let (n, e) = aba();
        let a = layout(n, &e, &[]);
        let b = layout(n, &e, &[None; 5]);
        assert_eq!(a, b);
        assert!(a.iter().flatten().all(|v| v.is_finite()));
    }

    #[test]
    fn given_positions_are_kept_and_the_rest_placed_apart() {
        let (n, e) = aba();
        let fixed = [Some([102.0, 31.5]), None, None, None, Some([104.1, 30.7])];
        let p = layout(n, &e, &fixed);
        assert_eq!(p[0], [102.0, 31.5]);
        assert_eq!(p[4], [104.1, 30.7]);
        let gap = distance(p[0], p[4]);
        for i in 0..n {
            for j in (i + 1)..n {
                assert!(
                    distance(p[i], p[j]) > 0.1 * gap,
                    "nodes {i} and {j} too close: {p:?}"
                );
            }
        }
    }

    #[test]
    fn neighbours_end_nearer_than_strangers() {
        // A path 0–1–2–3–4: its ends settle farther apart than any two neighbours.
        let e = [(0, 1), (1, 2), (2, 3), (3, 4)];
        let p = layout(5, &e, &[]);
        let longest_line = e
            .iter()
            .map(|(i, j)| distance(p[*i], p[*j]))
            .fold(0.0, f64::max);
        assert!(distance(p[0], p[4]) > longest_line, "{p:?}");
    }
}
