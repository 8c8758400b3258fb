//! Tests of the P-III design years against values read from published tables (by hand, here).

use super::*;

fn record(values: &[f64]) -> Vec<HydrologyYear> {
    values
        .iter()
        .enumerate()
        .map(|(i, &r)| HydrologyYear {
            year: 2000 + i as i32,
            relative_to_mean: r,
        })
        .collect()
}

/// K_P = 1 + Cv Φ_P(Cs) against the modular-coefficient table of Chinese hydrology textbooks
/// (P-III 模比系数 K_P 值表, two decimals), rows quoted in docs/sources.md: Cv = 0.25 at
/// P = 1, 10, 20, 50, 75, 90, 95, 99 %: Cs = 2 Cv → 1.67, 1.33, 1.20, 0.98, 0.82, 0.70, 0.63,
/// 0.52; Cs = 3 Cv → 1.72, 1.34, 1.20, 0.97, 0.82, 0.71, 0.65, 0.56.
///
/// The entries agree with the exact quantiles to within one unit of their last decimal, not to
/// half a unit: they were evidently made from a coarser Φ table (largest differences 1.34
/// against 1.3337 at Cs = 3 Cv, P = 10 %, and 0.52 against 0.5113 at Cs = 2 Cv, P = 99 %; the
/// exact values checked by a bisection on the incomplete gamma function in
/// inputs/hydrology_record.py). The skew still shows at this tolerance: without it (Cs = 0) K at
/// P = 1 % would be 1.58, not 1.67.
const TABLE_UNIT: f64 = 0.01;

#[test]
fn modular_coefficients_match_the_textbook_table() {
    let p = [0.01, 0.10, 0.20, 0.50, 0.75, 0.90, 0.95, 0.99];
    let rows: [(f64, [f64; 8]); 2] = [
        (2.0, [1.67, 1.33, 1.20, 0.98, 0.82, 0.70, 0.63, 0.52]),
        (3.0, [1.72, 1.34, 1.20, 0.97, 0.82, 0.71, 0.65, 0.56]),
    ];
    let cv = 0.25;
    for (ratio, table) in rows {
        for (p, k_table) in p.iter().zip(table) {
            let k = 1.0 + cv * frequency_factor(*p, ratio * cv);
            assert!(
                (k - k_table).abs() <= TABLE_UNIT + 1e-9,
                "Cs = {ratio} Cv, P = {p}: K = {k}, table {k_table}"
            );
        }
    }
}

/// At Cs = 2 the gamma variable has shape 1: it is exponential, G = −ln P at exceedance P, so
/// Φ = (Cs/2) G − 2/Cs = −ln P − 1 in closed form.
#[test]
fn skew_two_is_the_exponential_case_in_closed_form() {
    for p in [0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99] {
        let hand = -f64::ln(p) - 1.0;
        let got = frequency_factor(p, 2.0);
        assert!((got - hand).abs() < 1e-9, "P {p}: {got} vs {hand}");
    }
}

/// With no skew the curve is the normal one: Φ is the standard normal quantile (tables:
/// z(0.90) = 1.28155, z(0.75) = 0.67449), symmetric about P = 50 %.
#[test]
fn zero_skew_gives_normal_quantiles() {
    assert!((frequency_factor(0.10, 0.0) - 1.28155).abs() < 1e-5);
    assert!((frequency_factor(0.25, 0.0) - 0.67449).abs() < 1e-5);
    assert_eq!(frequency_factor(0.50, 0.0), 0.0);
    for p in [0.01, 0.1, 0.3] {
        let (wet, dry) = (frequency_factor(p, 0.0), frequency_factor(1.0 - p, 0.0));
        assert!((wet + dry).abs() < 1e-12, "P {p}: {wet} {dry}");
    }
}

/// The small-skew expansion joins the gamma quantile without a step, and negative skew is the
/// mirror image of positive skew.
#[test]
fn small_and_negative_skews_are_continuous() {
    for p in [0.05, 0.1, 0.5, 0.9, 0.95] {
        let below = frequency_factor(p, SMALL_SKEW * (1.0 - 1e-9));
        let above = frequency_factor(p, SMALL_SKEW * (1.0 + 1e-9));
        assert!((below - above).abs() < 1e-7, "P {p}: {below} vs {above}");
        for cs in [0.3, 1.5] {
            let mirror = -frequency_factor(1.0 - p, cs);
            assert!((frequency_factor(p, -cs) - mirror).abs() < 1e-12);
        }
    }
}

/// A record with mean 1 and Cv 0.2 exactly (0.8, 1.0, 1.2: Σ(K−1)² / (n−1) = 0.08 / 2) gives
/// the table's Cs = 2 Cv, Cv = 0.20 row: P = 20, 50, 75, 90 % → 1.16, 0.99, 0.86, 0.75; a
/// record twice as large gives twice the design volumes.
#[test]
fn design_years_of_a_hand_record() {
    let p = [0.20, 0.50, 0.75, 0.90];
    let table = [1.16, 0.99, 0.86, 0.75];
    let ys = design_years(&record(&[0.8, 1.0, 1.2]), &p).unwrap();
    let doubled = design_years(&record(&[1.6, 2.0, 2.4]), &p).unwrap();
    for ((y, d), k) in ys.iter().zip(&doubled).zip(table) {
        assert!(
            (y.relative_to_mean - k).abs() <= 0.005 + 0.2 * 0.005 + 1e-9,
            "{y:?}"
        );
        assert!((d.relative_to_mean - 2.0 * y.relative_to_mean).abs() < 1e-12);
    }
    let labels: Vec<&str> = ys.iter().map(|y| y.label.as_str()).collect();
    assert_eq!(labels, ["P20", "P50", "P75", "P90"]);
    assert_eq!(ys[1].exceedance, 0.50);
}

/// Bands between midpoints: 10/50/75/90 % → [0, 0.30], [0.30, 0.625], [0.625, 0.825],
/// [0.825, 1].
#[test]
fn weights_are_the_bands_between_midpoints_and_sum_to_one() {
    let w = band_weights(&DEFAULT_EXCEEDANCE).unwrap();
    for (got, hand) in w.iter().zip([0.30, 0.325, 0.20, 0.175]) {
        assert!((got - hand).abs() < 1e-12, "{w:?}");
    }
    for ps in [
        &[0.5][..],
        &[0.01, 0.02, 0.5, 0.97],
        &[0.2, 0.4, 0.6, 0.8, 0.9],
    ] {
        let w = band_weights(ps).unwrap();
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{ps:?}: {w:?}");
        assert!(w.iter().all(|x| *x > 0.0));
    }
}

/// The wetter the design year (smaller P), the larger its volume, at any skew.
#[test]
fn design_volume_falls_as_exceedance_rises() {
    let ps: Vec<f64> = (1..100).map(|i| i as f64 / 100.0).collect();
    for values in [
        &[0.8, 1.0, 1.2][..],
        &[0.55, 0.9, 1.0, 1.1, 1.7],
        &[1.0, 1.0001],
    ] {
        let ys = design_years(&record(values), &ps).unwrap();
        for w in ys.windows(2) {
            assert!(
                w[1].relative_to_mean < w[0].relative_to_mean,
                "{values:?}: {:?} then {:?}",
                w[0],
                w[1]
            );
        }
    }
}

#[test]
fn bad_probabilities_and_short_records_are_refused_with_the_reason() {
    let r = record(&[0.9, 1.1]);
    let err = |ps: &[f64]| design_years(&r, ps).unwrap_err();
    assert!(err(&[]).contains("no exceedance"));
    assert!(err(&[10.0]).contains("(10 % is 0.10)"));
    assert!(err(&[0.0]).contains("not a fraction"));
    assert!(err(&[0.5, 0.1]).contains("must increase (0.5 then 0.1)"));
    assert!(err(&[0.5, 0.5]).contains("must increase"));
    assert!(design_years(&record(&[1.0]), &[0.5])
        .unwrap_err()
        .contains("at least 2 years"));
    assert!(design_years(&record(&[1.0, 0.0]), &[0.5])
        .unwrap_err()
        .contains("year 2001"));
}

#[test]
fn labels_are_percentages_without_trailing_zeros() {
    assert_eq!(label(0.10), "P10");
    assert_eq!(label(0.025), "P2.5");
    assert_eq!(label(0.999), "P99.9");
}
