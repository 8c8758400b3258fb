//! `provenance` in `summary.json` (and in each case of `compare.json`): what was run, so a
//! calculation book can cite it exactly. Keys (a contract): `provenance.version`,
//! `provenance.commit`, `provenance.inputs`.
//!
//! No timestamps and no absolute paths: two runs of the same inputs, from any folder, record
//! the same provenance (the determinism tests compare summary.json byte for byte).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// spillway's version (`CARGO_PKG_VERSION`).
    pub version: String,
    /// The git commit spillway was built from, when built from a checkout with git (build.rs);
    /// null otherwise. Uncommitted changes are not recorded.
    pub commit: Option<String>,
    /// Every input file read: the scenario file, each file of its `extends` chain and every
    /// series CSV, by its path relative to the scenario file's folder (`/`-separated).
    pub inputs: BTreeMap<String, InputFile>,
}

/// One input file's fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputFile {
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    pub bytes: u64,
}

impl Provenance {
    /// This build's version and commit, with no inputs yet (`study` adds them).
    pub fn of_this_build() -> Provenance {
        Provenance {
            version: env!("CARGO_PKG_VERSION").to_string(),
            commit: option_env!("SPILLWAY_GIT_COMMIT").map(String::from),
            inputs: BTreeMap::new(),
        }
    }
}
