//! `run --write-lp FILE.mps`: the LP about to be solved, written as free MPS
//! (`model::mps`) for any other solver, atomically, with what a reader needs to compare
//! objectives stated at the top.
//!
//! The model's objective constants (`Model::cost_constants`, costs that do not depend on any
//! column) are not in the LP: the file states their sum in a `* objective constant` line, so
//! summary.json's `objective_cny` = the LP's optimal objective + that constant.

use crate::error::{Error, Result};
use crate::model::{mps, Model};
use std::io::BufWriter;
use std::path::Path;
use std::time::Instant;

/// Buffer of the file writer: large enough that the hourly LP (tens of MB) is written in few
/// system calls. ASSUMPTION: 1 MiB; any size from 64 KiB up measured alike.
const BUFFER_BYTES: usize = 1 << 20;

/// Write `model`'s LP to `path` (replaced whole, or left as it was on an error). Returns the
/// seconds it took. Errors are output errors (exit code 5) naming `path`.
pub fn write(model: &Model, scenario: &str, path: &Path) -> Result<f64> {
    let start = Instant::now();
    let fail = |e: std::io::Error| Error::output(path, e);
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let file_name = path.file_name().ok_or_else(|| {
        Error::output(path, "not a file name (give a path such as out/model.mps)")
    })?;
    // Beside the target, so the final rename stays on one file system.
    let prefix = format!(".{}.", file_name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // Mode 0644 before the umask, as `File::create` gives (tempfile's own default is 0600).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let tmp = builder.tempfile_in(parent).map_err(fail)?;
    let mut out = BufWriter::with_capacity(BUFFER_BYTES, tmp);
    mps::write(&model.lp, scenario, &header(model, scenario), &mut out).map_err(fail)?;
    let tmp = out.into_inner().map_err(|e| fail(e.into_error()))?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(start.elapsed().as_secs_f64())
}

/// The `*` lines at the top of the file.
fn header(model: &Model, scenario: &str) -> Vec<String> {
    let lp = &model.lp;
    let constant: f64 = model.cost_constants.values().sum();
    let parts: Vec<String> = model
        .cost_constants
        .iter()
        .map(|(part, v)| {
            let key = serde_json::to_value(part)
                .ok()
                .and_then(|k| k.as_str().map(str::to_string))
                .unwrap_or_else(|| format!("{part:?}"));
            format!("{key} {}", mps::Num(*v))
        })
        .collect();
    let parts = if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    };
    vec![
        format!(
            "spillway {}: the LP of scenario {scenario}, {} time steps, minimise row `{}`",
            env!("CARGO_PKG_VERSION"),
            model.wdt.len(),
            mps::OBJECTIVE_ROW
        ),
        format!(
            "{} rows, {} columns, {} non-zeros (the objective row apart)",
            lp.n_rows(),
            lp.n_cols(),
            lp.n_nonzeros()
        ),
        format!(
            "objective constant {} CNY{parts}: summary.json objective_cny = this LP's optimum + it",
            mps::Num(constant)
        ),
    ]
}
