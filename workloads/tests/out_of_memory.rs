//! Memory that runs out a little at a time (a list that grows for ever, an
//! int that doubles at every step) raises MemoryError in the Python code
//! that asked for it, as CPython does, in every mode: the allocation that
//! fails deep in the runtime is served from a reserve, and the next safe
//! point raises (`runtime::alloc::ReserveAllocator`). Without the reserve
//! the process aborted (SIGABRT), which is what this test catches.
//!
//! The address space is limited with `ulimit -v` (Linux `RLIMIT_AS`), so
//! that running out takes a second, not the machine's memory.

use std::process::Command;

const MODES: [&str; 5] = ["gil", "gil-release", "gil-io", "finegrained", "perobject"];

/// Runs `source` with at most `limit_kib` of address space.
fn run_limited(
    tag: &str,
    source: &str,
    mode: &str,
    limit_kib: u64,
) -> (Option<i32>, String, String) {
    let path = std::env::temp_dir().join(format!(
        "gilgamesh_oom_{tag}_{mode}_{}.py",
        std::process::id()
    ));
    std::fs::write(&path, source).expect("write the script");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {limit_kib} && exec \"$0\" run \"$1\" --mode \"$2\""
        ))
        .arg(env!("CARGO_BIN_EXE_gilgamesh"))
        .arg(&path)
        .arg(mode)
        .output()
        .expect("sh starts");
    let _ = std::fs::remove_file(&path);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A program that fills memory with small lists, catches the MemoryError,
/// frees them and goes on: the runtime must still work afterwards.
const GROWING_LIST: &str = r#"
chunks = []
try:
    while True:
        chunks.append([0] * 100000)
except MemoryError:
    n = len(chunks)
    del chunks
    print("MemoryError after many chunks:", n > 100)
print(sum(range(1000)))
"#;

#[test]
fn a_growing_list_raises_memory_error_and_the_program_goes_on() {
    for mode in MODES {
        let (code, stdout, stderr) = run_limited("list", GROWING_LIST, mode, 3_000_000);
        assert_eq!(
            (code, stdout.as_str()),
            (Some(0), "MemoryError after many chunks: True\n499500\n"),
            "mode {mode}; stderr:\n{stderr}"
        );
    }
}

/// Ever larger ints, all kept: the failing allocation is most likely inside
/// the big-integer arithmetic, not one the program sized.
const DOUBLING_INT: &str = r#"
def grow():
    n = 3
    while True:
        yield n
        n <<= 1

print(len(list(grow())))
"#;

#[test]
fn an_int_that_grows_without_end_raises_memory_error() {
    for mode in MODES {
        let (code, stdout, stderr) = run_limited("int", DOUBLING_INT, mode, 1_500_000);
        assert_eq!(
            code,
            Some(1),
            "mode {mode}; stdout {stdout:?}; stderr:\n{stderr}"
        );
        let last = stderr.lines().last().unwrap_or_default();
        assert_eq!(last, "MemoryError", "mode {mode}; stderr:\n{stderr}");
    }
}

/// The repr of a buffer that fits but whose copy or repr does not: a
/// fallible exact-size reservation, not an abort in the allocator (found by
/// the fuzzer: `repr(bytearray(b'ab') * (2 ** 31 - 1))`).
const HUGE_REPR: &str = r#"
for make in (bytearray, bytes):
    big = make(b'ab') * (2 ** 30)
    try:
        print(len(repr(big)))
    except MemoryError:
        print(make.__name__, "repr: MemoryError")
    del big
print(repr(bytearray(b"a'\n")), repr(b'"'))
"#;

#[test]
fn the_repr_of_a_huge_buffer_raises_memory_error() {
    for mode in MODES {
        let (code, stdout, stderr) = run_limited("repr", HUGE_REPR, mode, 3_000_000);
        assert_eq!(
            (code, stdout.as_str()),
            (
                Some(0),
                r#"bytearray repr: MemoryError
bytes repr: MemoryError
bytearray(b"a'\n") b'"'
"#
            ),
            "mode {mode}; stderr:\n{stderr}"
        );
    }
}
