//! Reading a file a user names (scenario, `extends`, series CSV, sweep file, merge metadata):
//! only regular files, and never more than a stated size, checked before reading.
//!
//! Why: a FIFO would block forever, `/dev/zero` would be read until memory runs out, and a
//! multi-gigabyte file named by mistake would be read whole before any check. The limits are far
//! above any real input (an hourly year of 100 series is ~10 MB) and are listed in README.md
//! ("Limits"). They are design choices, not sourced numbers (ASSUMPTION).

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::Path;

/// Largest TOML file read (scenarios, `extends`, sweep files): 4 MiB (ASSUMPTION: the shipped
/// ones are under 10 kB).
pub const MAX_TOML_BYTES: u64 = 4 << 20;

/// Largest CSV read (series, hydrology years, a shard's `sweep.csv`): 512 MiB (ASSUMPTION: an
/// hourly leap year of 500 columns of 12-digit numbers is ~60 MB).
pub const MAX_CSV_BYTES: u64 = 512 << 20;

/// Largest JSON metadata read (`sweep.json`, which lists up to a million point indices): 64 MiB
/// (ASSUMPTION).
pub const MAX_JSON_BYTES: u64 = 64 << 20;

/// The bytes of a regular file no larger than `limit`, or a message saying why not (no path in
/// it: the caller names the file). Opened without blocking, so a FIFO is refused, not waited on.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let file = open_nonblocking(path).map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err(format!("{}, not a regular file", kind_of(&meta)));
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    // The file may grow between the check and the read: never read past the limit.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

fn too_large(bytes: u64, limit: u64) -> String {
    format!(
        "the file is {bytes} bytes, more than the limit of {} MiB for this kind of input",
        limit >> 20
    )
}

/// The 1-based line that byte `offset` of `bytes` is on.
pub fn line_of_byte(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Text (UTF-8) of a file's bytes, or (line, message) for the first byte that is not UTF-8.
pub fn utf8_text(bytes: Vec<u8>) -> Result<String, (usize, String)> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        (
            line_of_byte(bytes, at),
            format!(
                "byte {at} (0x{:02x}) is not UTF-8 text: save the file as UTF-8",
                bytes[at]
            ),
        )
    })
}

/// The text of a TOML file a user names: a regular file within `MAX_TOML_BYTES`, UTF-8, without
/// NUL bytes (TOML allows none, and the parser's own message for one is empty). Errors are
/// (line, message).
pub fn read_toml_text(path: &Path) -> Result<String, (Option<usize>, String)> {
    let bytes = read_limited(path, MAX_TOML_BYTES).map_err(|e| (None, e))?;
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        return Err((
            Some(line_of_byte(&bytes, at)),
            format!("byte {at} is a NUL (0x00): this is not a text file"),
        ));
    }
    utf8_text(bytes).map_err(|(line, msg)| (Some(line), msg))
}

/// A TOML parser's message, never empty.
pub fn toml_message(message: &str) -> String {
    match message.trim() {
        "" => "not valid TOML here".to_string(),
        m => m.to_string(),
    }
}

fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer;
    // it changes nothing for a regular file.
    OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_folders_and_oversized_files_and_finds_lines() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_limited(dir.path(), 10).unwrap_err();
        assert!(e.contains("a folder"), "{e}");
        let f = dir.path().join("f.txt");
        std::fs::write(&f, "0123456789x").unwrap();
        assert!(read_limited(&f, 10).unwrap_err().contains("11 bytes"));
        assert_eq!(read_limited(&f, 11).unwrap().len(), 11);
        assert_eq!(line_of_byte(b"a\nb\n\nc", 5), 4);
        let (line, msg) = utf8_text(b"a = 1\n\nb = \"\xff\"".to_vec()).unwrap_err();
        assert_eq!(line, 3);
        assert!(msg.contains("0xff"), "{msg}");
    }
}
