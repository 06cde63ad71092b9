//! Command-line contract of `gilgamesh run`: bad input, diagnostics,
//! tracebacks, `--stats` and script arguments.
//!
//! `gilgamesh run FILE.py [--mode gil|gil-release|gil-io|finegrained|perobject]
//!                [--switch-interval SECONDS] [--stats] [-- ARGS...]`

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const MODES: [&str; 5] = ["gil", "gil-release", "gil-io", "finegrained", "perobject"];

/// A script written to the temp directory, removed on drop.
struct TempScript {
    path: PathBuf,
}

impl TempScript {
    fn new(tag: &str, source: &str) -> TempScript {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!(
            "gilgamesh_cli_{tag}_{}_{n}_{nanos}.py",
            std::process::id()
        ));
        std::fs::write(&path, source)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        TempScript { path }
    }

    fn path_str(&self) -> &str {
        self.path.to_str().expect("temp path is UTF-8")
    }

    fn file_name(&self) -> &str {
        self.path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("temp file name is UTF-8")
    }
}

impl Drop for TempScript {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn gilgamesh(args: &[&str]) -> Run {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("gilgamesh binary starts");
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "gilgamesh {args:?} panicked:\n{}",
        run.stderr
    );
    run
}

fn describe(run: &Run) -> String {
    format!(
        "exit code {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        run.code, run.stdout, run.stderr
    )
}

fn last_nonempty_line(text: &str) -> &str {
    text.lines()
        .map(str::trim_end)
        .rfind(|l| !l.is_empty())
        .unwrap_or("")
}

/// Asserts a `FILE:LINE:COL: KIND` diagnostic for `script`, exit code 2 and
/// no output on stdout.
fn assert_static_diagnostic(script: &TempScript, line: u32, col: u32, kind: &str) {
    for mode in MODES {
        let run = gilgamesh(&["run", script.path_str(), "--mode", mode]);
        let needle = format!("{}:{line}:{col}: {kind}", script.file_name());
        assert!(
            run.stderr.contains(&needle),
            "mode {mode}: expected stderr to contain {needle:?}\n{}",
            describe(&run)
        );
        assert_eq!(
            run.code,
            Some(2),
            "mode {mode}: exit code\n{}",
            describe(&run)
        );
        assert_eq!(
            run.stdout,
            "",
            "mode {mode}: nothing may run before a static error\n{}",
            describe(&run)
        );
    }
}

#[test]
fn syntax_error_reports_file_line_and_column() {
    let script = TempScript::new("syntax_paren", "x = 1\ny = 2\nprint(x + y))\n");
    assert_static_diagnostic(&script, 3, 13, "SyntaxError:");
}

#[test]
fn syntax_error_column_counts_indentation() {
    let script = TempScript::new(
        "syntax_star",
        "print('never printed')\ndef f():\n    return 1 +* 2\n",
    );
    assert_static_diagnostic(&script, 3, 15, "SyntaxError:");
}

#[test]
fn nested_unsupported_construct_reports_its_column() {
    let script = TempScript::new(
        "nested_starred_base",
        "print('never printed')\nif True:\n    def g():\n        class A(*b):\n            pass\n",
    );
    assert_static_diagnostic(&script, 4, 17, "unsupported: starred base classes");
}

#[test]
fn await_outside_async_function_is_a_syntax_error() {
    let script = TempScript::new(
        "await_outside",
        "x = 1\nasync def ok():\n    await x\ndef f():\n    await x\n",
    );
    assert_static_diagnostic(&script, 5, 5, "SyntaxError: 'await' outside async function");
    let script = TempScript::new("async_with_outside", "async with x:\n    pass\n");
    assert_static_diagnostic(
        &script,
        1,
        1,
        "SyntaxError: 'async with' outside async function",
    );
}

#[test]
fn async_comprehension_outside_async_function_is_a_syntax_error() {
    let script = TempScript::new(
        "async_comp",
        "x = 1\ndef f(it):\n    return [v async for v in it]\n",
    );
    assert_static_diagnostic(
        &script,
        3,
        12,
        "SyntaxError: asynchronous comprehension outside of an asynchronous function",
    );
}

#[test]
fn unreachable_match_case_is_a_syntax_error() {
    let script = TempScript::new(
        "match_unreachable",
        "x = 1\nmatch x:\n    case a:\n        pass\n    case 1:\n        pass\n",
    );
    assert_static_diagnostic(
        &script,
        3,
        10,
        "SyntaxError: name capture 'a' makes remaining patterns unreachable",
    );
}

#[test]
fn missing_file_fails_cleanly() {
    let path = std::env::temp_dir().join(format!(
        "gilgamesh_cli_does_not_exist_{}.py",
        std::process::id()
    ));
    let _ = std::fs::remove_file(&path);
    let path_str = path.to_str().expect("UTF-8 temp path");
    let run = gilgamesh(&["run", path_str]);
    assert!(
        matches!(run.code, Some(c) if c != 0),
        "missing file must give a non-zero exit code\n{}",
        describe(&run)
    );
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .expect("file name");
    assert!(
        run.stderr.contains(name),
        "the message must mention the file {name:?}\n{}",
        describe(&run)
    );
    assert_eq!(run.stdout, "", "{}", describe(&run));
}

#[test]
fn unknown_mode_is_rejected() {
    let script = TempScript::new("bad_mode", "print('should not run')\n");
    let run = gilgamesh(&["run", script.path_str(), "--mode", "foo"]);
    assert!(
        matches!(run.code, Some(c) if c != 0),
        "--mode foo must give a non-zero exit code\n{}",
        describe(&run)
    );
    assert!(
        run.stderr.contains("foo"),
        "the message must name the bad mode\n{}",
        describe(&run)
    );
    assert!(
        !run.stdout.contains("should not run"),
        "the program must not run\n{}",
        describe(&run)
    );
}

const TRACEBACK_PROGRAM: &str = "\
def f(x):
    return 10 / x

def g(y):
    return f(y - 1)

print('start')
g(1)
";

#[test]
fn uncaught_exception_prints_cpython_traceback() {
    let script = TempScript::new("traceback", TRACEBACK_PROGRAM);
    let name = script.file_name();
    for mode in MODES {
        let run = gilgamesh(&["run", script.path_str(), "--mode", mode]);
        let ctx = format!("mode {mode}\n{}", describe(&run));
        assert_eq!(run.code, Some(1), "exit code, {ctx}");
        assert_eq!(run.stdout, "start\n", "stdout, {ctx}");
        assert!(
            run.stderr
                .starts_with("Traceback (most recent call last):\n"),
            "stderr must start with the traceback header, {ctx}"
        );
        // Frames outermost first: <module> at line 8, g at line 5, f at line 2.
        let frame_lines: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.trim_start().starts_with("File \""))
            .collect();
        let wanted = [(8, "<module>"), (5, "g"), (2, "f")];
        assert_eq!(
            frame_lines.len(),
            wanted.len(),
            "expected one `File \"...\", line N, in NAME` line per frame, {ctx}"
        );
        for (frame, (line, func)) in frame_lines.iter().zip(wanted) {
            assert!(
                frame.starts_with("  File \""),
                "frame lines are indented by two spaces: {frame:?}, {ctx}"
            );
            assert!(
                frame.contains(name),
                "frame line must name the script: {frame:?}, {ctx}"
            );
            let suffix = format!("\", line {line}, in {func}");
            assert!(
                frame.ends_with(&suffix),
                "frame line {frame:?} should end with {suffix:?}, {ctx}"
            );
        }
        assert_eq!(
            last_nonempty_line(&run.stderr),
            "ZeroDivisionError: division by zero",
            "{ctx}"
        );
    }
}

const THREADED_PROGRAM: &str = "\
import threading
lock = threading.Lock()
count = [0]

def work(n):
    for i in range(n):
        with lock:
            count[0] += 1

ts = []
for i in range(4):
    ts.append(threading.Thread(target=work, args=(2000,)))
for t in ts:
    t.start()
for t in ts:
    t.join()
print(count[0])
";

fn run_with_stats(mode: &str) -> Run {
    let script = TempScript::new("stats", THREADED_PROGRAM);
    let run = gilgamesh(&["run", script.path_str(), "--mode", mode, "--stats"]);
    let ctx = format!("mode {mode} --stats\n{}", describe(&run));
    assert_eq!(run.code, Some(0), "exit code, {ctx}");
    assert_eq!(
        run.stdout, "8000\n",
        "--stats must not change stdout, {ctx}"
    );
    assert!(
        run.stderr.chars().any(|c| c.is_ascii_digit()),
        "--stats must print counters to stderr, {ctx}"
    );
    run
}

#[test]
fn stats_under_gil_report_acquisitions() {
    let run = run_with_stats("gil");
    assert!(
        run.stderr.to_lowercase().contains("acquisitions"),
        "gil --stats should mention GIL acquisitions\n{}",
        describe(&run)
    );
}

#[test]
fn stats_under_finegrained_report_contention() {
    let run = run_with_stats("finegrained");
    assert!(
        run.stderr.to_lowercase().contains("contended"),
        "finegrained --stats should mention contended locks\n{}",
        describe(&run)
    );
}

#[test]
fn stats_under_gil_release_is_accepted() {
    run_with_stats("gil-release");
}

#[test]
fn arguments_after_double_dash_reach_sys_argv() {
    let script = TempScript::new(
        "argv",
        "import sys\nprint(sys.argv[1:])\nprint(sys.argv[0])\nprint(len(sys.argv))\n",
    );
    for mode in MODES {
        let run = gilgamesh(&["run", script.path_str(), "--mode", mode, "--", "a", "b"]);
        assert_eq!(run.code, Some(0), "mode {mode}\n{}", describe(&run));
        assert_eq!(
            run.stdout,
            format!("['a', 'b']\n{}\n3\n", script.path_str()),
            "mode {mode}\n{}",
            describe(&run)
        );
    }
}

#[test]
fn script_path_is_passed_through_as_given() {
    // Run from the temp directory with a relative path: argv[0] stays relative.
    let script = TempScript::new("argv_rel", "import sys\nprint(sys.argv)\n");
    let out = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .current_dir(script.path.parent().unwrap_or(Path::new(".")))
        .args(["run", script.file_name()])
        .stdin(Stdio::null())
        .output()
        .expect("gilgamesh binary starts");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("['{}']\n", script.file_name())
    );
}

#[test]
fn switch_interval_flag_is_accepted() {
    let script = TempScript::new("switch", "print('ok')\n");
    for mode in MODES {
        let run = gilgamesh(&[
            "run",
            script.path_str(),
            "--mode",
            mode,
            "--switch-interval",
            "0.002",
        ]);
        assert_eq!(run.code, Some(0), "mode {mode}\n{}", describe(&run));
        assert_eq!(run.stdout, "ok\n", "mode {mode}\n{}", describe(&run));
    }
}

#[test]
fn default_mode_runs_the_program() {
    let script = TempScript::new("default_mode", "print(1 + 2)\n");
    let run = gilgamesh(&["run", script.path_str()]);
    assert_eq!(run.code, Some(0), "{}", describe(&run));
    assert_eq!(run.stdout, "3\n", "{}", describe(&run));
    assert_eq!(run.stderr, "", "{}", describe(&run));
}

/// Asserts that `script` fails to compile with `message` (after the
/// `FILE:LINE:COL: ` prefix) in every mode, without running anything.
fn assert_compile_failure(script: &TempScript, message: &str) {
    for mode in MODES {
        let run = gilgamesh(&["run", script.path_str(), "--mode", mode]);
        let line = last_nonempty_line(&run.stderr);
        assert!(
            line.contains(script.file_name()) && line.ends_with(message),
            "mode {mode}: expected {message:?}\n{}",
            describe(&run)
        );
        assert_eq!(run.code, Some(2), "mode {mode}\n{}", describe(&run));
        assert_eq!(run.stdout, "", "mode {mode}\n{}", describe(&run));
    }
}

#[test]
fn too_many_nested_parentheses_is_a_syntax_error() {
    // CPython's tokenizer allows 200 open brackets of any kind.
    let ok = TempScript::new(
        "parens_200",
        &format!("print({}1{})\n", "(".repeat(199), ")".repeat(199)),
    );
    let run = gilgamesh(&["run", ok.path_str()]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (Some(0), "1\n"),
        "{}",
        describe(&run)
    );
    let script = TempScript::new(
        "parens_201",
        &format!("x = 1\ny = {}1{}\n", "(".repeat(201), ")".repeat(201)),
    );
    assert_static_diagnostic(&script, 2, 205, "SyntaxError: too many nested parentheses");
    for (tag, source) in [
        ("lists", "[".repeat(10_000) + &"]".repeat(10_000)),
        ("sums", "1+(".repeat(100_000) + "1" + &")".repeat(100_000)),
        ("dicts", "{1:".repeat(300) + "1" + &"}".repeat(300)),
    ] {
        let script = TempScript::new(tag, &format!("print('never')\nx = {source}\n"));
        assert_compile_failure(&script, "SyntaxError: too many nested parentheses");
    }
}

#[test]
fn too_deeply_nested_expressions_are_a_recursion_error() {
    for (tag, source) in [
        ("minus", "-".repeat(5_000) + "1"),
        ("attributes", "a".to_string() + &".a".repeat(100_000)),
        ("calls", "f".to_string() + &"()".repeat(100_000)),
        ("subscripts", "a".to_string() + &"[0]".repeat(100_000)),
        ("flat_sum", vec!["1"; 100_000].join("+")),
    ] {
        let script = TempScript::new(tag, &format!("print('never')\nx = {source}\n"));
        assert_compile_failure(
            &script,
            "RecursionError: maximum recursion depth exceeded during compilation",
        );
    }
    let ok = TempScript::new("minus_2000", &format!("print({}1)\n", "-".repeat(2000)));
    let run = gilgamesh(&["run", ok.path_str()]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (Some(0), "1\n"),
        "{}",
        describe(&run)
    );
}

#[test]
fn recursion_far_past_the_stack_raises_recursion_error() {
    // With the limit set far higher than the stack allows, the stack guard
    // raises RecursionError before the stack overflows, on the main thread
    // and on a Python thread.
    let script = TempScript::new(
        "high_limit",
        "import sys, threading\n\
         sys.setrecursionlimit(10**8)\n\
         class A: pass\n\
         a = A()\n\
         A.__call__ = a\n\
         def f(n):\n    return f(n + 1)\n\
         def run():\n\
         \x20   for g in (a, lambda: f(0)):\n\
         \x20       try:\n\
         \x20           g()\n\
         \x20       except RecursionError as e:\n\
         \x20           print(type(e).__name__)\n\
         run()\n\
         t = threading.Thread(target=run)\n\
         t.start()\n\
         t.join()\n",
    );
    for mode in MODES {
        let run = gilgamesh(&["run", script.path_str(), "--mode", mode]);
        assert_eq!(
            (run.code, run.stdout.as_str()),
            (Some(0), "RecursionError\n".repeat(4).as_str()),
            "mode {mode}\n{}",
            describe(&run)
        );
    }
}

/// When the OS refuses a thread (here: its stack does not fit in the address
/// space), `start()` raises RuntimeError, and the thread is neither live nor
/// joinable: the program ends instead of waiting forever at exit for a
/// thread that never ran. Found by workloads/fuzz (256 threads under the
/// fuzzer's address-space limit).
#[cfg(target_os = "linux")]
#[test]
fn thread_that_cannot_start_raises_and_is_not_waited_for() {
    let script = TempScript::new(
        "thread_refused",
        "import threading\n\
         started = []\n\
         gate = threading.Event()\n\
         try:\n    \
             for i in range(1024):\n        \
                 t = threading.Thread(target=gate.wait)\n        \
                 t.start()\n        \
                 started.append(t)\n\
         except RuntimeError as e:\n    \
             print(type(e).__name__, e)\n    \
             try:\n        \
                 t.join()\n    \
             except RuntimeError as e:\n        \
                 print(type(e).__name__, e)\n\
         gate.set()\n\
         for s in started:\n    \
             s.join()\n\
         print('done')\n",
    );
    for mode in MODES {
        // Under an address-space limit threads get 8 MiB stacks; 1024 of
        // them do not fit in 4 GiB.
        let mut child = Command::new("sh")
            .args([
                "-c",
                "ulimit -v 4194304 && exec \"$0\" run \"$1\" --mode \"$2\"",
                env!("CARGO_BIN_EXE_gilgamesh"),
                script.path_str(),
                mode,
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("sh starts");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while child.try_wait().expect("wait").is_none() {
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                panic!("mode {mode}: still running after 60 s (waiting for a thread that never started?)");
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let out = child.wait_with_output().expect("output");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(0),
            "mode {mode}\n{stdout}\n{stderr}"
        );
        assert_eq!(
            stdout,
            "RuntimeError can't start new thread\n\
             RuntimeError cannot join thread before it is started\ndone\n",
            "mode {mode}\n{stderr}"
        );
    }
}
