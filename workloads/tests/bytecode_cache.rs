//! The bytecode cache (`runtime::code_cache`): a program whose modules are
//! loaded from the cache prints exactly what it prints when they are
//! compiled, in every mode; a damaged cache file is ignored and replaced;
//! `GILGAMESH_BYTECODE_CACHE=off` and `--no-bytecode-cache` write nothing.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const MODES: [&str; 5] = ["gil", "gil-release", "gil-io", "finegrained", "perobject"];

/// An imported module that exercises what the compiler decides: a
/// docstring, `__future__` annotations, constants of every kind, closures,
/// generators, classes, `match`, f-strings, and line numbers in a
/// traceback.
const MODULE: &str = r#""""The cached module's docstring."""
from __future__ import annotations
import re, json, collections, dataclasses

BIG = 10 ** 40 + 7
NEG = -(2 ** 70)
FLOATS = (1.5, -0.0, float("inf"), 1e-300)
CPLX = 3j + 1
RAW = b"\x00\xffbytes"
TEXT = "caf\u00e9 \U0001F600"
KW = dict(a=1, b=2)
SETS = {1, 2, 3}, frozenset({"x", "y", "z"})
ELL = ...

def annotated(a: int, b: "str" = "d", /, *args: float, c: list[int], **kw: dict) -> tuple:
    """A function docstring."""
    return a, b, args, c, kw

def counter(start):
    n = start
    def bump(by=1):
        nonlocal n
        n += by
        return n
    return bump

def gen(k):
    total = yield "first"
    for i in range(k):
        total = (yield i * (total or 1))
    return total

@dataclasses.dataclass(frozen=True)
class Point:
    x: int
    y: int = 0
    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)

def describe(v):
    match v:
        case Point(x=0, y=0):
            return "origin"
        case Point(x=x, y=0):
            return f"on x at {x!r:>4}"
        case [first, *rest] if rest:
            return f"list {first} +{len(rest)}"
        case {"k": val, **others}:
            return f"map {val} {sorted(others)}"
        case _:
            return "other"

def fails(depth):
    if depth == 0:
        raise ValueError(f"deep {BIG % 97}")
    return fails(depth - 1)
"#;

const MAIN: &str = r#"import cachedmod as m
import re, json, collections, dataclasses
print(m.__doc__)
print(m.annotated.__doc__, m.annotated.__annotations__)
print(m.annotated(1, "b", 2.0, c=[3], e=4), m.annotated.__code__.co_posonlyargcount)
print(m.BIG, m.NEG, m.FLOATS, m.CPLX, m.RAW, m.TEXT, m.KW, m.SETS[0], sorted(m.SETS[1]), m.ELL)
b = m.counter(10)
print(b(), b(5), b.__code__.co_freevars, m.counter.__code__.co_cellvars)
g = m.gen(3)
print(next(g), g.send(2), g.send(3), g.send(4))
try:
    g.send(5)
except StopIteration as e:
    print("stop", e.value)
print(m.Point(3, 4).norm1(), m.Point(1), dataclasses.fields(m.Point)[1].default)
for v in [m.Point(0, 0), m.Point(7), [1, 2, 3], {"k": 1, "z": 2}, 5]:
    print(m.describe(v))
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "me@here"), json.dumps({"a": [1, 2.5, None]}, sort_keys=True))
print(collections.Counter("abracadabra").most_common(2), collections.OrderedDict(a=1))
print(m.describe.__code__.co_firstlineno, m.fails.__code__.co_name, m.Point.norm1.__qualname__)
try:
    m.fails(2)
except ValueError as e:
    tb = e.__traceback__
    while tb is not None:
        print(tb.tb_frame.f_code.co_name, tb.tb_lineno)
        tb = tb.tb_next
m.fails(1)
"#;

/// A fresh folder under the temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!(
            "gilgamesh_bytecode_cache_{tag}_{}_{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[derive(Debug, PartialEq)]
struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(script: &Path, mode: &str, cache: &str, extra: &[&str]) -> Outcome {
    let out = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .arg("run")
        .arg(script)
        .args(["--mode", mode])
        .args(extra)
        .env("GILGAMESH_BYTECODE_CACHE", cache)
        .stdin(Stdio::null())
        .output()
        .expect("gilgamesh starts");
    let outcome = Outcome {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !outcome.stderr.contains("panicked"),
        "panicked:\n{}",
        outcome.stderr
    );
    outcome
}

/// Each cache file with its inode and bytes.
fn cache_files(dir: &Path) -> BTreeMap<String, (u64, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let ino = e.metadata().expect("metadata").ino();
            (name, (ino, std::fs::read(e.path()).expect("read")))
        })
        .collect()
}

fn program(dir: &Path) -> PathBuf {
    std::fs::write(dir.join("cachedmod.py"), MODULE).expect("write module");
    let main = dir.join("main.py");
    std::fs::write(&main, MAIN).expect("write main");
    main
}

#[test]
fn cached_modules_behave_as_compiled_ones() {
    let work = TempDir::new("prog");
    let cache = TempDir::new("cache");
    let cache_str = cache.0.to_str().expect("UTF-8 temp path");
    let main = program(&work.0);

    let uncached = run(&main, "gil", "off", &[]);
    assert_eq!(uncached.code, Some(1), "{uncached:?}");
    assert!(
        uncached.stdout.contains("The cached module's docstring.")
            && uncached.stderr.contains("ValueError: deep")
            && uncached
                .stderr
                .contains("raise ValueError(f\"deep {BIG % 97}\")"),
        "{uncached:?}"
    );
    assert!(cache_files(&cache.0).is_empty(), "off wrote files");

    // The first run compiles and writes: the module, the standard library
    // modules it imports, the Python parts of builtin modules.
    assert_eq!(run(&main, "gil", cache_str, &[]), uncached);
    let written = cache_files(&cache.0);
    assert!(written.len() > 10, "{:?}", written.keys());
    assert!(
        written.keys().all(|k| k.ends_with(".gbc")),
        "{:?}",
        written.keys()
    );

    // Later runs read: the same output in every mode, no file rewritten.
    for mode in MODES {
        let outcome = run(&main, mode, cache_str, &[]);
        assert_eq!(outcome, uncached, "mode {mode}");
    }
    assert_eq!(cache_files(&cache.0), written, "a cache file was rewritten");

    // Damage every file in a different way: each is ignored and replaced
    // by a good one.
    for (i, (name, (_, bytes))) in written.iter().enumerate() {
        let path = cache.0.join(name);
        let damaged = match i % 4 {
            0 => bytes[..bytes.len() / 2].to_vec(),
            1 => Vec::new(),
            2 => {
                let mut b = bytes.clone();
                let at = b.len() - 3;
                b[at] ^= 0x41;
                b
            }
            _ => b"not a cache file at all, though long enough for a header of one".to_vec(),
        };
        std::fs::write(&path, damaged).expect("damage");
    }
    assert_eq!(run(&main, "finegrained", cache_str, &[]), uncached);
    let repaired = cache_files(&cache.0);
    assert_eq!(repaired.len(), written.len());
    for (name, (_, bytes)) in &written {
        assert_eq!(&repaired[name].1, bytes, "{name} not rewritten whole");
    }

    // A changed source is compiled again; the old entry stays valid for the
    // old text.
    std::fs::write(
        work.0.join("cachedmod.py"),
        MODULE.replace("deep {BIG % 97}", "changed"),
    )
    .expect("edit");
    let edited = run(&main, "gil", cache_str, &[]);
    assert!(edited.stderr.contains("ValueError: changed"), "{edited:?}");
    assert_eq!(cache_files(&cache.0).len(), written.len() + 1);
}

#[test]
fn syntax_errors_and_switches() {
    let work = TempDir::new("err");
    let cache = TempDir::new("errcache");
    let cache_str = cache.0.to_str().expect("UTF-8 temp path");
    std::fs::write(work.0.join("broken.py"), "x = 1\ndef f(:\n    pass\n").expect("write");
    let main = work.0.join("main.py");
    std::fs::write(&main, "import broken\n").expect("write");
    // A module that compiles, loaded the same way, first: what the import
    // machinery itself stores is then in the cache.
    std::fs::write(work.0.join("good.py"), "x = 1\n").expect("write");
    let good = work.0.join("good_main.py");
    std::fs::write(&good, "import good\nprint(good.x)\n").expect("write");
    assert_eq!(run(&good, "gil", cache_str, &[]).stdout, "1\n");
    let before = cache_files(&cache.0).len();
    let first = run(&main, "gil", cache_str, &[]);
    assert_eq!(first.code, Some(1), "{first:?}");
    assert!(
        first.stderr.contains("SyntaxError") && first.stderr.contains("broken.py"),
        "{first:?}"
    );
    // Nothing is stored for a module that does not compile, and its error
    // reads the same the next time.
    assert_eq!(cache_files(&cache.0).len(), before);
    assert_eq!(run(&main, "gil", cache_str, &[]), first);
    assert_eq!(run(&main, "gil", "off", &[]), first);

    // The switch: nothing read or written.
    let other = TempDir::new("offcache");
    let other_str = other.0.to_str().expect("UTF-8 temp path");
    let ok = work.0.join("ok.py");
    std::fs::write(&ok, "import json\nprint(json.dumps([1]))\n").expect("write");
    let out = run(&ok, "gil", other_str, &["--no-bytecode-cache"]);
    assert_eq!(out.stdout, "[1]\n", "{out:?}");
    assert!(cache_files(&other.0).is_empty());
    let out = run(&ok, "gil", other_str, &[]);
    assert_eq!(out.stdout, "[1]\n", "{out:?}");
    assert!(!cache_files(&other.0).is_empty());
}
