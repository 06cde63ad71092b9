//! The bytecode cache: imported modules' compiled code kept on disk between
//! runs, so that an import parses and compiles a source only once (CPython's
//! `__pycache__`, in one folder of the user's).
//!
//! - **Where**: the folder `$GILGAMESH_BYTECODE_CACHE` names; else
//!   `$XDG_CACHE_HOME/gilgamesh/bytecode`, or `~/.cache/gilgamesh/bytecode`.
//!   `GILGAMESH_BYTECODE_CACHE=off` (or `0`, `no`, `false`, empty) turns it
//!   off, and so does [`disable`] (`gilgamesh run --no-bytecode-cache`,
//!   CPython's `-B`). A relative folder is taken from the current folder at
//!   the first import, so a later `os.chdir` does not move it.
//! - **Key**: a file is named by a 128-bit BLAKE2b hash of the source's bytes
//!   (so one path holds one file, whatever imports it, and a changed source
//!   is simply another key). Its header holds the format version, the build
//!   id — a hash of the runtime crate's sources and of `Cargo.lock`, made by
//!   `build.rs`, so that code compiled by another compiler is never loaded —
//!   and the source's hash and length again. A file whose header does not
//!   match is recompiled and replaced.
//! - **What**: the [`CodeUnit`] compile produced, plain data (instructions,
//!   line numbers, constants, names, flags, nested code). Turning it into a
//!   code object ([`crate::interp::Interp::load_code`]: name objects, the
//!   per-thread global cache slots) happens on every load, as after a
//!   compile. A source that does not compile is never stored: its error is
//!   compiled again each time, so it reads the same.
//! - **Safety**: written to a temporary file and renamed into place, so no
//!   process or thread sees a torn file; a file that is truncated, corrupt
//!   (its payload carries a checksum) or unreadable is ignored and written
//!   again. Failing to write (a read-only home) only costs the next run a
//!   compile.
//!
//! Only imported modules (and the Python parts of builtin modules) go
//! through the cache: the main script is compiled each time, as CPython does.

use crate::compile::{compile_module, CodeUnit, CompileError};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::OnceLock;

/// The variable that names the cache folder, or turns the cache off.
pub const CACHE_VAR: &str = "GILGAMESH_BYTECODE_CACHE";

/// The first bytes of a cache file: a tag and the format's version.
const MAGIC: &[u8; 8] = b"GGBC\x00\x00\x00\x01";

/// This build's identity (see `build.rs`).
const BUILD_ID: &[u8; 16] = match env!("GILGAMESH_BUILD_ID").as_bytes().first_chunk::<16>() {
    Some(id) => id,
    None => panic!("GILGAMESH_BUILD_ID is 16 hex digits"),
};

/// Header: magic, build id, source hash, source length, payload length,
/// payload checksum.
const HEADER_LEN: usize = 8 + 16 + 16 + 8 + 8 + 8;

static DISABLED: AtomicBool = AtomicBool::new(false);

/// Turns the cache off for the rest of the process (neither read nor
/// written).
pub fn disable() {
    DISABLED.store(true, Ordering::Relaxed);
}

/// The cache folder, or `None` when the cache is off (or there is no home
/// to put it in).
pub fn cache_dir() -> Option<&'static Path> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    if DISABLED.load(Ordering::Relaxed) {
        return None;
    }
    DIR.get_or_init(|| {
        dir_from(
            std::env::var_os(CACHE_VAR),
            std::env::var_os("XDG_CACHE_HOME"),
            std::env::var_os("HOME"),
        )
    })
    .as_deref()
}

/// Where the cache is, given the three variables' values.
fn dir_from(
    var: Option<std::ffi::OsString>,
    xdg: Option<std::ffi::OsString>,
    home: Option<std::ffi::OsString>,
) -> Option<PathBuf> {
    if let Some(v) = var {
        let off = v.is_empty()
            || v.to_str().is_some_and(|s| {
                matches!(
                    s.to_ascii_lowercase().as_str(),
                    "off" | "0" | "no" | "false"
                )
            });
        return (!off).then(|| {
            let dir = PathBuf::from(v);
            std::path::absolute(&dir).unwrap_or(dir)
        });
    }
    let base = match xdg {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => PathBuf::from(home.filter(|h| !h.is_empty())?).join(".cache"),
    };
    Some(base.join("gilgamesh").join("bytecode"))
}

fn hash16(bytes: &[u8]) -> [u8; 16] {
    let hash = blake2b_simd::Params::new().hash_length(16).hash(bytes);
    let mut out = [0; 16];
    out.copy_from_slice(hash.as_bytes());
    out
}

/// The payload's checksum, against damage (not an adversary, which could as
/// well write a valid file): a multiply-xorshift over 8-byte words, several
/// times faster than BLAKE2b. Each step is a bijection of the state, so a
/// change confined to one word always changes the result.
fn checksum(bytes: &[u8]) -> [u8; 8] {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let step = |h: u64, w: u64| {
        let h = (h ^ w).wrapping_mul(K);
        h ^ (h >> 29)
    };
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut word = [0; 8];
        word.copy_from_slice(w);
        h = step(h, u64::from_le_bytes(word));
    }
    let mut tail = [0; 8];
    tail[..words.remainder().len()].copy_from_slice(words.remainder());
    h = step(h, u64::from_le_bytes(tail));
    (h ^ (h >> 32)).to_le_bytes()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The cache file of a source with this hash.
fn file_for(dir: &Path, source_hash: &[u8; 16]) -> PathBuf {
    dir.join(format!("{}.gbc", hex(source_hash)))
}

/// [`compile_module`] through the cache in `dir` (none: a plain compile).
/// File input and output may be run detached from the interpreter: `io`
/// runs each.
pub fn compile_module_cached(
    source: &str,
    dir: Option<&Path>,
    io: &mut dyn FnMut(&mut dyn FnMut()),
) -> Result<CodeUnit, CompileError> {
    let Some(dir) = dir else {
        return compile_module(source);
    };
    let source_hash = hash16(source.as_bytes());
    let mut cached = None;
    io(&mut || cached = load(dir, source, &source_hash));
    if let Some(unit) = cached {
        return Ok(unit);
    }
    let unit = compile_module(source)?;
    io(&mut || store(dir, source, &source_hash, &unit));
    Ok(unit)
}

/// The code unit cached for `source`, if a valid one is there.
fn load(dir: &Path, source: &str, source_hash: &[u8; 16]) -> Option<CodeUnit> {
    let bytes = std::fs::read(file_for(dir, source_hash)).ok()?;
    decode(&bytes, source, source_hash)
}

/// Checks a cache file's header and checksum and decodes its payload.
fn decode(bytes: &[u8], source: &str, source_hash: &[u8; 16]) -> Option<CodeUnit> {
    let (header, payload) = bytes.split_at_checked(HEADER_LEN)?;
    let (magic, rest) = header.split_at(8);
    let (build, rest) = rest.split_at(16);
    let (hash, rest) = rest.split_at(16);
    let (source_len, rest) = rest.split_at(8);
    let (payload_len, sum) = rest.split_at(8);
    let valid = magic == MAGIC
        && build == BUILD_ID
        && hash == source_hash
        && u64::from_le_bytes(source_len.try_into().ok()?) == source.len() as u64
        && u64::from_le_bytes(payload_len.try_into().ok()?) == payload.len() as u64
        && sum == checksum(payload);
    if !valid {
        return None;
    }
    match postcard::take_from_bytes::<CodeUnit>(payload) {
        Ok((unit, [])) => Some(unit),
        _ => None,
    }
}

/// The bytes of a cache file for `unit`, compiled from `source`.
fn encode(source: &str, source_hash: &[u8; 16], unit: &CodeUnit) -> Option<Vec<u8>> {
    let payload = postcard::to_allocvec(unit).ok()?;
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(BUILD_ID);
    out.extend_from_slice(source_hash);
    out.extend_from_slice(&(source.len() as u64).to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&checksum(&payload));
    out.extend_from_slice(&payload);
    Some(out)
}

/// Writes the cache file atomically; errors are ignored (the next run
/// compiles again).
fn store(dir: &Path, source: &str, source_hash: &[u8; 16], unit: &CodeUnit) {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let Some(bytes) = encode(source, source_hash, unit) else {
        return;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let target = file_for(dir, source_hash);
    // Unique per process and per write: two writers never share a
    // temporary file, and the rename makes the last one win whole.
    let tmp = dir.join(format!(
        ".{}.{}.{}.tmp",
        hex(source_hash),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    if std::fs::write(&tmp, &bytes).is_err() || std::fs::rename(&tmp, &target).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// `serde` for [`num_bigint::BigInt`] constants: two's-complement
/// little-endian bytes.
pub(crate) mod bigint {
    use num_bigint::BigInt;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &BigInt, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&value.to_signed_bytes_le())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<BigInt, D::Error> {
        let bytes = <&[u8]>::deserialize(d)?;
        Ok(BigInt::from_signed_bytes_le(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "\"\"\"doc\"\"\"\nfrom __future__ import annotations\nimport sys\n\
        X = (1, 2.5, -0.0, 3j, 10**40, -10**40, b'b', ..., None, True, frozenset({1, 2, 3}))\n\
        def f(a, /, b=1, *c, d, **e) -> int:\n    x = 1\n    def g():\n        nonlocal x\n        yield x\n    return g\n\
        class C(object, metaclass=type):\n    y: int = 2\n    async def m(self):\n        async with self as s:\n            await s\n\
        match X:\n    case (1, *rest) if rest:\n        pass\n    case {'k': v, **kw}:\n        pass\n    case C(y=3):\n        pass\n";

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "gilgamesh-code-cache-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn no_detach(f: &mut dyn FnMut()) {
        f()
    }

    #[test]
    fn round_trip_is_the_compiled_unit() {
        let unit = compile_module(SOURCE).unwrap();
        let hash = hash16(SOURCE.as_bytes());
        let bytes = encode(SOURCE, &hash, &unit).unwrap();
        assert_eq!(decode(&bytes, SOURCE, &hash).unwrap(), unit);
    }

    #[test]
    fn writes_then_reads_and_ignores_damage() {
        let dir = temp_dir("rw");
        let first = compile_module_cached(SOURCE, Some(&dir), &mut no_detach).unwrap();
        let hash = hash16(SOURCE.as_bytes());
        let file = file_for(&dir, &hash);
        let written = std::fs::read(&file).unwrap();
        assert_eq!(load(&dir, SOURCE, &hash).unwrap(), first);
        // Every truncation and a flipped bit anywhere are refused.
        for cut in [0, 1, HEADER_LEN - 1, HEADER_LEN, written.len() - 1] {
            assert!(
                decode(&written[..cut], SOURCE, &hash).is_none(),
                "cut {cut}"
            );
        }
        for at in [0, 9, 30, 50, HEADER_LEN + 3, written.len() - 1] {
            let mut bad = written.clone();
            bad[at] ^= 0x10;
            assert!(decode(&bad, SOURCE, &hash).is_none(), "flip {at}");
        }
        // A damaged file is compiled again and replaced.
        std::fs::write(&file, &written[..written.len() / 2]).unwrap();
        let again = compile_module_cached(SOURCE, Some(&dir), &mut no_detach).unwrap();
        assert_eq!(again, first);
        assert_eq!(std::fs::read(&file).unwrap(), written);
        // Another source (same length, other bytes) never matches this file.
        let other = SOURCE.replace("X =", "Y =");
        assert!(decode(&written, &other, &hash16(other.as_bytes())).is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn errors_are_not_stored() {
        let dir = temp_dir("err");
        assert!(compile_module_cached("x = (1,", Some(&dir), &mut no_detach).is_err());
        assert!(!dir.exists() || std::fs::read_dir(&dir).unwrap().next().is_none());
    }

    #[test]
    fn where_the_cache_is() {
        let os = |s: &str| Some(std::ffi::OsString::from(s));
        assert_eq!(
            dir_from(os("/c"), os("/x"), os("/h")),
            Some(PathBuf::from("/c"))
        );
        for off in ["off", "OFF", "0", ""] {
            assert_eq!(dir_from(os(off), os("/x"), os("/h")), None);
        }
        assert_eq!(
            dir_from(None, os("/x"), os("/h")),
            Some(PathBuf::from("/x/gilgamesh/bytecode"))
        );
        assert_eq!(
            dir_from(None, os(""), os("/h")),
            Some(PathBuf::from("/h/.cache/gilgamesh/bytecode"))
        );
        assert_eq!(dir_from(None, None, None), None);
    }
}
