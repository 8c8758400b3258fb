//! Writing an output folder: everything goes to a hidden temporary folder beside the target,
//! which is swapped into place only when complete, so an interrupted run never leaves a
//! half-written folder under the target's name. Every writer (run, compare, sweep, merge) uses it.
//!
//! The swap is one atomic exchange where the platform has it (Linux `renameat2` with
//! `RENAME_EXCHANGE`): at every instant the target holds either the old or the new complete
//! result, and after the exchange the old one sits in the temporary's place until it is deleted.
//! Elsewhere (or on a file system without exchange) it is two renames, and a run killed between
//! them leaves the old result as `.NAME.old-PID`, which the next run puts back.
//!
//! Concurrent runs: each writes its own `.NAME.partial-PID`; the clean-up and the swap happen
//! under an exclusive lock on the parent folder (unix `flock`, no lock file to leave behind), so
//! a second run into the same folder waits a moment for the first's swap and then swaps its own.

use super::files::MARKER;
use crate::error::{Error, Result};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// How a folder is written, as the command line asks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Replace a folder spillway did not make (`--force`).
    pub force: bool,
    /// A UTF-8 byte-order mark on every CSV (`--excel-csv`, see `super::excel_csv`).
    pub excel_csv: bool,
    /// The language of the charts and `report.md` (`--lang`); `None`: the scenario's `lang`
    /// where the folder records it, else English.
    pub lang: Option<crate::i18n::Lang>,
}

/// Write `files` into `dir` atomically. `write` fills the temporary folder; then, in it, the
/// CSVs are marked (`--excel-csv`) and `results.xlsx` is made from the files (`super::xlsx`),
/// so the workbook is in the folder exactly when the files it holds are.
pub fn write_atomically(
    dir: &Path,
    options: Options,
    write: impl FnOnce(&Path) -> io::Result<()>,
) -> Result<()> {
    let force = options.force;
    let err = |path: &Path, e: &dyn std::fmt::Display| Error::output(path, e);
    if dir.exists() && !dir.join(MARKER).exists() && !force {
        let empty = fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(err(
                dir,
                &"the folder exists and was not made by spillway; choose another --out or pass --force",
            ));
        }
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| err(dir, &"not a folder name"))?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| err(&parent, &e))?;
    let tmp = parent.join(format!(".{name}.partial-{}", std::process::id()));
    let _ = remove_any(&tmp);
    fs::create_dir(&tmp).map_err(|e| err(&tmp, &e))?;
    let result = write(&tmp)
        .and_then(|()| match options.excel_csv {
            true => super::excel_csv::mark_all(&tmp),
            false => Ok(()),
        })
        .and_then(|()| super::xlsx::write(&tmp))
        .and_then(|()| fs::write(tmp.join(MARKER), "written by spillway\n"));
    if let Err(e) = result {
        let _ = remove_any(&tmp);
        return Err(err(dir, &e));
    }
    test_pause("written");
    let _lock = ParentLock::take(&parent).map_err(|e| err(&parent, &e))?;
    recover_interrupted(&parent, &name, dir);
    test_pause("locked");
    swap_in(&tmp, dir, &parent, &name).map_err(|e| {
        let _ = remove_any(&tmp);
        err(dir, &e)
    })?;
    test_pause("swapped");
    // After an exchange `tmp` holds the previous result (a folder, or the file `--force`
    // replaced); after a plain rename nothing is there.
    let _ = remove_any(&tmp);
    Ok(())
}

/// Put the complete `tmp` where `dir` is: one exchange when `dir` exists and the platform can,
/// else a rename (moving an existing `dir` aside first).
fn swap_in(tmp: &Path, dir: &Path, parent: &Path, name: &str) -> io::Result<()> {
    if fs::symlink_metadata(dir).is_err() {
        return fs::rename(tmp, dir);
    }
    match exchange(tmp, dir) {
        Ok(()) => return Ok(()),
        Err(e) if !exchange_unsupported(&e) => return Err(e),
        Err(_) => {}
    }
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    fs::rename(dir, &old)?;
    test_pause("moved-aside");
    if let Err(e) = fs::rename(tmp, dir) {
        let _ = fs::rename(&old, dir);
        return Err(e);
    }
    let _ = remove_any(&old);
    Ok(())
}

/// Swap two paths in one step (Linux `renameat2(RENAME_EXCHANGE)`, through rustix).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Whether an exchange failed because the kernel or file system cannot do it (then the two
/// renames are the fallback), rather than for a reason the renames would meet too.
fn exchange_unsupported(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Unsupported
        || matches!(e.raw_os_error(), Some(code) if code == errno::EINVAL || code == errno::ENOSYS)
}

/// The two `errno` values that mean "no exchange here" (Linux numbering; unused elsewhere).
mod errno {
    pub const EINVAL: i32 = 22;
    pub const ENOSYS: i32 = 38;
}

/// An exclusive lock on a folder, released when dropped (unix `flock` on the folder itself, so
/// no lock file is ever left behind; elsewhere no lock).
struct ParentLock(#[allow(dead_code)] Option<fs::File>);

impl ParentLock {
    fn take(parent: &Path) -> io::Result<ParentLock> {
        if cfg!(unix) {
            let f = fs::File::open(parent)?;
            f.lock()?;
            Ok(ParentLock(Some(f)))
        } else {
            Ok(ParentLock(None))
        }
    }
}

/// Remove a folder or a file, whichever `path` is.
fn remove_any(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) => Err(e),
    }
}

/// For the interruption tests only: with `SPILLWAY_TEST_PAUSE=STEP` (and
/// `SPILLWAY_TEST_PAUSE_MS`, default 20000), say `paused at STEP` on stderr and wait there, so a
/// test can kill the process between any two steps of the swap.
fn test_pause(step: &str) {
    if std::env::var("SPILLWAY_TEST_PAUSE").is_ok_and(|s| s == step) {
        let ms = std::env::var("SPILLWAY_TEST_PAUSE_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(20_000);
        eprintln!("paused at {step}");
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// Clean up after runs that were killed while writing `dir` (called under the lock): a
/// `.NAME.partial-PID` of a process that is gone is deleted (it holds an unfinished result, or
/// the previous result after an exchange); a `.NAME.old-PID` (the previous result, moved aside
/// by the two-rename fallback) is put back if the target is missing, else deleted.
fn recover_interrupted(parent: &Path, name: &str, dir: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&format!(".{name}.")) else {
            continue;
        };
        let (kind, pid) = match rest.split_once('-') {
            Some((kind @ ("partial" | "old"), pid)) => (kind, pid.parse::<u32>().ok()),
            _ => continue,
        };
        let Some(pid) = pid else { continue };
        if process_alive(pid) {
            continue;
        }
        let path = entry.path();
        if kind == "old" && fs::symlink_metadata(dir).is_err() {
            let _ = fs::rename(&path, dir);
        } else {
            let _ = remove_any(&path);
        }
    }
}

/// Whether a process is still running (Linux `/proc`; elsewhere only this process is known).
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc_root = Path::new("/proc");
    if proc_root.join("self").exists() {
        // A zombie (killed, not yet reaped by its parent) is gone for our purpose.
        match fs::read_to_string(proc_root.join(pid.to_string()).join("stat")) {
            Ok(stat) => !matches!(
                stat.rsplit_once(") ")
                    .and_then(|(_, rest)| rest.chars().next()),
                Some('Z' | 'X')
            ),
            Err(_) => false,
        }
    } else {
        true // cannot tell: leave it alone
    }
}
