//! `--excel-csv`: every CSV of a folder starts with a UTF-8 byte-order mark (EF BB BF), which
//! Excel needs to read a CSV as UTF-8 rather than the system code page (GBK on Chinese
//! Windows). Off by default: the CSVs are then byte for byte as before. spillway's own readers
//! (the `csv` crate) skip the mark, so `plot`, `merge` and the workbook read both forms.

use super::files::CSV_EXTENSION;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The CSVs directly in `dir`, sorted by name (charts live in a sub-folder, so this is every
/// CSV of an output folder).
pub fn csv_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == CSV_EXTENSION) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Put the mark in front of every CSV in `dir` that lacks it. Each file is replaced whole (a
/// sibling written, then renamed over it), so `spillway plot --excel-csv` on a finished folder
/// never leaves a half-written CSV.
pub fn mark_all(dir: &Path) -> io::Result<()> {
    for path in csv_files(dir)? {
        let bytes = fs::read(&path)?;
        if bytes.starts_with(BOM) {
            continue;
        }
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let tmp = path.with_file_name(format!(".{name}.bom-{}", std::process::id()));
        let mut marked = Vec::with_capacity(BOM.len() + bytes.len());
        marked.extend_from_slice(BOM);
        marked.extend_from_slice(&bytes);
        let written = fs::write(&tmp, &marked).and_then(|()| fs::rename(&tmp, &path));
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_csv_gets_one_mark_and_nothing_else_changes() {
        let d = tempfile::tempdir().unwrap();
        fs::write(d.path().join("a.csv"), "x,y\n1,2\n").unwrap();
        fs::write(d.path().join("summary.json"), "{}").unwrap();
        mark_all(d.path()).unwrap();
        mark_all(d.path()).unwrap(); // twice: still one mark
        assert_eq!(
            fs::read(d.path().join("a.csv")).unwrap(),
            b"\xEF\xBB\xBFx,y\n1,2\n"
        );
        assert_eq!(fs::read(d.path().join("summary.json")).unwrap(), b"{}");
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 2, "no leftovers");
    }
}
