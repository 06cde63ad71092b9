//! Getting pyperformance's benchmarks: `pip install --no-deps --target` of
//! a pinned release into the user's cache folder, once; never into the
//! repository.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The pyperformance release whose benchmarks are run: the newest when this
/// was written; it supports CPython 3.10 and later. (A macro, so that the
/// help text can name it.)
macro_rules! pyperformance_version {
    () => {
        "1.14.0"
    };
}
pub(crate) use pyperformance_version;

/// `pyperformance_version!` as a constant.
pub const PYPERFORMANCE_VERSION: &str = pyperformance_version!();

/// The variable that names the cache folder (the `--cache` flag wins).
pub const CACHE_VAR: &str = "GILGAMESH_PYPERFORMANCE_CACHE";

/// `--cache`, else `$GILGAMESH_PYPERFORMANCE_CACHE`, else
/// `$XDG_CACHE_HOME/gilgamesh/pyperformance`, else
/// `~/.cache/gilgamesh/pyperformance`.
pub fn cache_dir(flag: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(dir) = flag {
        return Ok(dir.to_path_buf());
    }
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = var(CACHE_VAR) {
        return Ok(PathBuf::from(dir));
    }
    let base = match var("XDG_CACHE_HOME") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(var("HOME").ok_or_else(|| {
            format!("no cache folder: HOME is not set; pass --cache DIR or set {CACHE_VAR}")
        })?)
        .join(".cache"),
    };
    Ok(base.join("gilgamesh").join("pyperformance"))
}

/// The `data-files/benchmarks` folder of pyperformance `version` under
/// `cache`, installed there with `python -m pip` if it is not yet.
pub fn benchmarks_dir(python: &str, cache: &Path, version: &str) -> Result<PathBuf, String> {
    let target = cache.join(format!("pyperformance-{version}"));
    let benchmarks = target
        .join("pyperformance")
        .join("data-files")
        .join("benchmarks");
    if benchmarks.join("MANIFEST").is_file() {
        return Ok(benchmarks);
    }
    std::fs::create_dir_all(cache)
        .map_err(|e| format!("cannot create the cache folder {}: {e}", cache.display()))?;
    // Installed beside the final folder, then renamed: an interrupted
    // install never looks complete.
    let partial = cache.join(format!(
        "pyperformance-{version}.partial-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&partial);
    let pip_version = Command::new(python)
        .args(["-m", "pip", "--version"])
        .output()
        .map_err(|e| format!("cannot run '{python}': {e}"))?;
    if !pip_version.status.success() {
        return Err(format!(
            "'{python} -m pip' is not available, so pyperformance cannot be downloaded: \
             install pip (Debian: apt-get install python3-pip), or pass --benchmarks-dir \
             with an unpacked pyperformance's data-files/benchmarks folder"
        ));
    }
    eprintln!(
        "gilgamesh pyperformance: downloading pyperformance {version} with pip into {}",
        target.display()
    );
    let out = Command::new(python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-input",
            "--no-deps",
            "--no-compile",
            "--target",
        ])
        .arg(&partial)
        .arg(format!("pyperformance=={version}"))
        .output()
        .map_err(|e| format!("cannot run '{python} -m pip': {e}"))?;
    if !out.status.success() {
        let _ = std::fs::remove_dir_all(&partial);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let network = [
            "Could not find a version",
            "NewConnectionError",
            "Temporary failure in name resolution",
            "Network is unreachable",
            "No matching distribution",
            "ConnectTimeout",
            "ProxyError",
        ]
        .iter()
        .any(|n| stderr.contains(n));
        let last = stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("(no message)");
        return Err(if network {
            format!(
                "pip could not download pyperformance {version} (is PyPI reachable from \
                 this machine?): {last}"
            )
        } else {
            format!("pip failed to install pyperformance {version}: {last}")
        });
    }
    let _ = std::fs::remove_dir_all(&target);
    std::fs::rename(&partial, &target)
        .map_err(|e| format!("cannot move the download into {}: {e}", target.display()))?;
    if !benchmarks.join("MANIFEST").is_file() {
        return Err(format!(
            "pyperformance {version} installed, but {} has no MANIFEST",
            benchmarks.display()
        ));
    }
    Ok(benchmarks)
}

/// The stand-in `pyperf` package, written into `cache/pyperf-standin/` on
/// every run (so it always matches this binary); returns the folder to put
/// first on the import path.
pub fn write_standin(cache: &Path) -> Result<PathBuf, String> {
    let root = cache.join("pyperf-standin");
    let package = root.join("pyperf");
    std::fs::create_dir_all(&package)
        .map_err(|e| format!("cannot create {}: {e}", package.display()))?;
    let file = package.join("__init__.py");
    std::fs::write(&file, STANDIN).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    // Absolute, since each script runs in its own folder.
    Ok(std::fs::canonicalize(&root).unwrap_or(root))
}

/// The stand-in's source, compiled into the binary.
pub const STANDIN: &str = include_str!("../../pyperf_standin/pyperf/__init__.py");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_for_the_cache_folder() {
        let dir = cache_dir(Some(Path::new("/tmp/x"))).unwrap();
        assert_eq!(dir, PathBuf::from("/tmp/x"));
    }

    #[test]
    fn the_standin_is_written_as_a_package() {
        let dir = std::env::temp_dir().join(format!("gilgamesh-standin-{}", std::process::id()));
        let root = write_standin(&dir).unwrap();
        let text = std::fs::read_to_string(root.join("pyperf").join("__init__.py")).unwrap();
        assert!(text.contains("class Runner"));
        assert!(text.contains(super::super::results::RESULT_PREFIX));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
