//! Where CPython 3.11's pure-Python standard library is: the last entry of
//! `sys.path`. It is used from an installed CPython, never copied.
//!
//! In order: the folder named by `GILGAMESH_STDLIB`; the folder remembered in
//! the cache file (`$XDG_CACHE_HOME/gilgamesh/stdlib-path`, or
//! `~/.cache/...`) if it still holds `os.py`; else what `python3.11` or
//! `python3` reports as its `stdlib` path when it is CPython 3.11, which is
//! then remembered. Found once per process.

use crate::strategy::LockStrategy;
use crate::vm::Vm;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

/// The variable that names the standard library's folder.
pub const STDLIB_VAR: &str = "GILGAMESH_STDLIB";
/// Extra import folders, searched after the script's (as `PYTHONPATH`).
pub const PATH_VAR: &str = "GILGAMESH_PATH";

/// The standard library's folder, if one was found.
pub fn stdlib_dir() -> Option<&'static Path> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(find).as_deref()
}

/// `sys.path` for a new runtime: the script's folder (`""`: the current
/// one), `GILGAMESH_PATH`'s entries, the standard library.
pub fn initial_path(script_dir: Option<&str>) -> Vec<String> {
    let mut path = vec![script_dir.unwrap_or("").to_string()];
    if let Some(extra) = std::env::var_os(PATH_VAR) {
        path.extend(
            std::env::split_paths(&extra)
                .filter(|p| !p.as_os_str().is_empty())
                .map(|p| p.display().to_string()),
        );
    }
    if let Some(dir) = stdlib_dir() {
        path.push(dir.display().to_string());
    }
    path
}

/// Says once, on stderr, why a top-level module may not have been found.
pub fn warn_if_missing<S: LockStrategy>(vm: &Vm<S>) {
    static WARNED: AtomicBool = AtomicBool::new(false);
    if stdlib_dir().is_none() && !WARNED.swap(true, Ordering::Relaxed) {
        vm.interp.write_stderr(&format!(
            "gilgamesh: CPython 3.11's standard library was not found, so only builtin \
             modules and the script's own can be imported; install CPython 3.11 \
             (Debian 12: apt-get install python3) or set {STDLIB_VAR} to its Lib folder \
             (for example /usr/lib/python3.11)\n"
        ));
    }
}

fn find() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(STDLIB_VAR) {
        // Named explicitly: used as given, even if it turns out wrong.
        return Some(PathBuf::from(dir));
    }
    let cache = cache_file();
    if let Some(cache) = &cache {
        if let Ok(text) = std::fs::read_to_string(cache) {
            let dir = PathBuf::from(text.trim_end_matches('\n'));
            if is_stdlib(&dir) {
                return Some(dir);
            }
        }
    }
    let dir = ["python3.11", "python3"].iter().find_map(|exe| ask(exe))?;
    if let Some(cache) = cache {
        remember(&cache, &dir);
    }
    Some(dir)
}

/// The standard library folder of the CPython 3.11 that `exe` runs, if it is
/// one.
fn ask(exe: &str) -> Option<PathBuf> {
    let out = std::process::Command::new(exe)
        .args([
            "-I",
            "-c",
            "import sys, sysconfig\n\
             if sys.implementation.name == 'cpython' and sys.version_info[:2] == (3, 11):\n    \
             print(sysconfig.get_path('stdlib'))",
        ])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let dir = PathBuf::from(text.trim());
    (out.status.success() && is_stdlib(&dir)).then_some(dir)
}

fn is_stdlib(dir: &Path) -> bool {
    dir.is_absolute() && dir.join("os.py").is_file()
}

fn cache_file() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_CACHE_HOME") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => PathBuf::from(std::env::var_os("HOME")?).join(".cache"),
    };
    Some(base.join("gilgamesh").join("stdlib-path"))
}

/// Writes the cache file atomically (runs may start in parallel); a cache
/// that cannot be written only costs the next run the same question.
fn remember(cache: &Path, dir: &Path) {
    let Some(folder) = cache.parent() else { return };
    if std::fs::create_dir_all(folder).is_err() {
        return;
    }
    let tmp = folder.join(format!("stdlib-path.{}", std::process::id()));
    if std::fs::write(&tmp, format!("{}\n", dir.display())).is_ok() {
        let _ = std::fs::rename(&tmp, cache);
    }
    let _ = std::fs::remove_file(&tmp);
}
