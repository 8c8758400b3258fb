//! Writing an output folder: everything goes to a hidden temporary folder beside the target,
//! which is renamed into place only when complete, so an interrupted run never leaves a
//! half-written folder under the target's name. Every writer (run, compare, sweep, merge) uses it.

use super::files::MARKER;
use crate::error::{Error, Result};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Write `files` into `dir` atomically. `write` fills the temporary folder.
pub fn write_atomically(
    dir: &Path,
    force: bool,
    write: impl FnOnce(&Path) -> io::Result<()>,
) -> Result<()> {
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
    recover_interrupted(&parent, &name, dir);
    let tmp = parent.join(format!(".{name}.partial-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir(&tmp).map_err(|e| err(&tmp, &e))?;
    let result = write(&tmp).and_then(|()| fs::write(tmp.join(MARKER), "written by spillway\n"));
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&tmp);
        return Err(err(dir, &e));
    }
    // For the interruption test only: hold the finished temporary folder before the rename so
    // a test can kill the process at the worst moment.
    if let Some(ms) = std::env::var("SPILLWAY_PAUSE_BEFORE_RENAME_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
    if dir.exists() {
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        fs::rename(dir, &old).map_err(|e| err(dir, &e))?;
        if let Err(e) = fs::rename(&tmp, dir) {
            let _ = fs::rename(&old, dir);
            return Err(err(dir, &e));
        }
        let _ = fs::remove_dir_all(&old);
    } else {
        fs::rename(&tmp, dir).map_err(|e| err(dir, &e))?;
    }
    Ok(())
}

/// Clean up after runs that were killed while writing `dir`: a `.NAME.partial-PID` of a process
/// that is gone is deleted; a `.NAME.old-PID` (the previous results, moved aside for the swap)
/// is put back if the target is missing, else deleted.
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
        if kind == "old" && !dir.exists() {
            let _ = fs::rename(&path, dir);
        } else {
            let _ = fs::remove_dir_all(&path);
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
        proc_root.join(pid.to_string()).exists()
    } else {
        true // cannot tell: leave it alone
    }
}
