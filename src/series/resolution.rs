//! How finely the horizon is cut into steps: fixed blocks of hours (`3h`, `1d`) or `auto:N`,
//! N segments of varying length chosen from the series (`segments.rs`). Parsed once, on the
//! command line or from a file; the number of hours and months an `auto:N` must fit is only
//! known once the profiles are read (`segments::check_count`).

use std::fmt;
use std::str::FromStr;

/// A resolution: `Hours(k)` steps of k hours, or `Auto(n)` adaptive segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resolution {
    Hours(usize),
    Auto(usize),
}

impl fmt::Display for Resolution {
    /// `3h` or `auto:400`: what `summary.json`'s `resolution` says (a day is written `24h`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Resolution::Hours(k) => write!(f, "{k}h"),
            Resolution::Auto(n) => write!(f, "auto:{n}"),
        }
    }
}

impl FromStr for Resolution {
    type Err = String;

    /// `1h`, `3h`, `24h`, `1d`, a bare number of hours, or `auto:N` (N ≥ 1 segments).
    fn from_str(text: &str) -> Result<Resolution, String> {
        let t = text.trim().to_ascii_lowercase();
        match t.strip_prefix("auto:") {
            Some(n) => match n.trim().parse::<usize>() {
                Ok(n) if n >= 1 => Ok(Resolution::Auto(n)),
                _ => Err(format!(
                    "resolution `{text}`: auto:N needs a whole number of segments N ≥ 1 \
                     (e.g. auto:400)"
                )),
            },
            None => parse_resolution(text).map(Resolution::Hours),
        }
    }
}

/// Parse `1h`, `3h`, `24h`, `1d` or a bare number of hours.
pub fn parse_resolution(text: &str) -> Result<usize, String> {
    let t = text.trim().to_ascii_lowercase();
    let (num, mult) = if let Some(n) = t.strip_suffix('h') {
        (n, 1)
    } else if let Some(n) = t.strip_suffix('d') {
        (n, 24)
    } else {
        (t.as_str(), 1)
    };
    // Checked: `2305843009213693952d` must not wrap around to a small number of hours.
    match num
        .trim()
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
    {
        Some(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "resolution `{text}` is not a whole number of hours ≥ 1 (e.g. 1h, 3h, 24h, 1d) \
             or auto:N"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hours_and_auto_and_refuses_the_rest() {
        assert_eq!("3h".parse(), Ok(Resolution::Hours(3)));
        assert_eq!("1d".parse(), Ok(Resolution::Hours(24)));
        assert_eq!("auto:400".parse(), Ok(Resolution::Auto(400)));
        assert_eq!("AUTO:7".parse(), Ok(Resolution::Auto(7)));
        for bad in [
            "auto:0", "auto:x", "auto:", "auto:-3", "auto:1.5", "0h", "fast",
        ] {
            assert!(bad.parse::<Resolution>().is_err(), "{bad}");
        }
        assert_eq!(Resolution::Hours(24).to_string(), "24h");
        assert_eq!(Resolution::Auto(400).to_string(), "auto:400");
    }
}
