//! Fills `provenance.inputs` (see `output::provenance`): every file a scenario was read from,
//! hashed.
//!
//! The files are read again to hash them, right after loading (the loaders check and parse
//! as they read and keep no bytes); a file changed in between would be caught by comparing
//! with the results only in that instant, which we accept.

use crate::error::{Error, InputProblem, Result};
use crate::input_file::{read_limited, MAX_CSV_BYTES};
use crate::inputs::Inputs;
use crate::output::provenance::{InputFile, Provenance};
use crate::scenario::LoadedScenario;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// This build's provenance with the scenario's files (its `extends` chain) and every series
/// CSV read for it.
pub fn provenance(loaded: &LoadedScenario, inputs: &Inputs) -> Result<Provenance> {
    let mut p = Provenance::of_this_build();
    let Some(first) = loaded.files.first() else {
        return Ok(p);
    };
    let base = first.path.parent().unwrap_or(Path::new(""));
    let files = (loaded.files.iter().map(|f| f.path.as_path())).chain(inputs.csv_files());
    for path in files {
        p.inputs.insert(relative(path, base), digest(path)?);
    }
    Ok(p)
}

/// A study's provenance: its base scenario's (`provenance`), and the study's own file (a sweep
/// file), by its path relative to the base scenario's folder like every other input.
pub fn with_study_file(
    loaded: &LoadedScenario,
    inputs: &Inputs,
    study_file: &Path,
) -> Result<Provenance> {
    let mut p = provenance(loaded, inputs)?;
    let base = (loaded.files.first())
        .and_then(|f| f.path.parent())
        .unwrap_or(Path::new(""));
    p.inputs
        .insert(relative(study_file, base), digest(study_file)?);
    Ok(p)
}

/// SHA-256 and size of a file's bytes.
pub fn digest(path: &Path) -> Result<InputFile> {
    // The largest input is a CSV; a scenario file is smaller still.
    let bytes = read_limited(path, MAX_CSV_BYTES).map_err(|e| {
        Error::input(InputProblem::new("", format!("cannot read to hash it: {e}")).in_file(path))
    })?;
    let hash = Sha256::digest(&bytes);
    Ok(InputFile {
        sha256: hash.iter().map(|b| format!("{b:02x}")).collect(),
        bytes: bytes.len() as u64,
    })
}

/// `path` relative to the folder `base`, `/`-separated (the same on every machine and in every
/// temporary folder); as given when the two share no root.
fn relative(path: &Path, base: &Path) -> String {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let rel: PathBuf = pathdiff::diff_paths(canonical(path), canonical(base))
        .unwrap_or_else(|| path.to_path_buf());
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_scenario_folder() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("models")).unwrap();
        std::fs::create_dir_all(d.path().join("data")).unwrap();
        let base = d.path().join("models");
        assert_eq!(relative(&base.join("a.toml"), &base), "a.toml");
        assert_eq!(
            relative(&base.join("../data/x.csv"), &base),
            "../data/x.csv"
        );
    }

    #[test]
    fn the_digest_is_the_sha256_of_the_bytes() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("x.csv");
        std::fs::write(&f, "abc").unwrap();
        let got = digest(&f).unwrap();
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        assert_eq!(
            got.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(got.bytes, 3);
    }
}
