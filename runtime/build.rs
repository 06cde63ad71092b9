//! The build id that keys the bytecode cache (`src/code_cache.rs`): a hash
//! of this crate's sources and of the workspace's `Cargo.lock` (the parser's
//! version), so that a binary whose compiler changed in any way never loads
//! code that another build compiled.

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let mut inputs = Vec::new();
    files(&manifest.join("src"), &mut inputs);
    inputs.push(manifest.join("Cargo.toml"));
    let lock = manifest.join("..").join("Cargo.lock");
    if lock.is_file() {
        println!("cargo:rerun-if-changed={}", lock.display());
        inputs.push(lock);
    }
    inputs.sort();
    let mut hasher = DefaultHasher::new();
    hasher.write(env!("CARGO_PKG_VERSION").as_bytes());
    for path in &inputs {
        let name = path.strip_prefix(&manifest).unwrap_or(path);
        hasher.write(name.to_string_lossy().as_bytes());
        let text = std::fs::read(path).unwrap_or_default();
        hasher.write_usize(text.len());
        hasher.write(&text);
    }
    println!(
        "cargo:rustc-env=GILGAMESH_BUILD_ID={:016x}",
        hasher.finish()
    );
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.toml");
}
