//! Conformance suite: every `tests/conformance/*.py` program must behave like
//! CPython 3.11 under every execution mode of `gilgamesh`.
//!
//! For each `NAME.py` the directory holds `NAME.stdout` (exact stdout bytes)
//! and `NAME.status` (line 1: exit code; line 2: last non-empty stderr line,
//! or empty). They are produced by `tests/conformance/regen.py`.
//!
//! Knobs (environment variables, all optional):
//! * `GILGAMESH_CONFORMANCE_FILTER`: only run programs whose file name
//!   contains this substring (the minimum-count check still applies to the
//!   whole directory).
//! * `GILGAMESH_CONFORMANCE_MODES`: comma-separated subset of the modes.
//! * `GILGAMESH_CONFORMANCE_JOBS`: number of programs run at once.
//! * `GILGAMESH_CONFORMANCE_TIMEOUT_SECS`: per-run wall-clock limit
//!   (default 120); a run past it is killed and reported as a failure.

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const MODES: [&str; 5] = ["gil", "gil-release", "gil-io", "finegrained", "perobject"];
const MIN_PROGRAMS: usize = 200;
const REGEN_SCRIPT: &str = "regen.py";

fn conformance_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("conformance")
}

/// All conformance program file names (`NAME.py`), sorted, excluding the
/// regeneration script.
fn all_programs() -> Vec<String> {
    let dir = conformance_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            (name.ends_with(".py") && name != REGEN_SCRIPT).then_some(name)
        })
        .collect();
    names.sort();
    names
}

fn selected_programs() -> Vec<String> {
    let all = all_programs();
    match std::env::var("GILGAMESH_CONFORMANCE_FILTER") {
        Ok(f) if !f.is_empty() => all.into_iter().filter(|n| n.contains(&f)).collect(),
        _ => all,
    }
}

fn selected_modes() -> Vec<&'static str> {
    match std::env::var("GILGAMESH_CONFORMANCE_MODES") {
        Ok(list) if !list.trim().is_empty() => {
            let wanted: Vec<&str> = list.split(',').map(str::trim).collect();
            for w in &wanted {
                assert!(
                    MODES.contains(w),
                    "GILGAMESH_CONFORMANCE_MODES names unknown mode {w:?}; known: {MODES:?}"
                );
            }
            MODES
                .iter()
                .copied()
                .filter(|m| wanted.contains(m))
                .collect()
        }
        _ => MODES.to_vec(),
    }
}

fn jobs() -> usize {
    std::env::var("GILGAMESH_CONFORMANCE_JOBS")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
                .clamp(2, 8)
        })
}

fn timeout() -> Duration {
    let secs = std::env::var("GILGAMESH_CONFORMANCE_TIMEOUT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&n: &u64| n > 0)
        .unwrap_or(120);
    Duration::from_secs(secs)
}

fn assert_enough_programs() {
    let n = all_programs().len();
    assert!(
        n >= MIN_PROGRAMS,
        "expected at least {MIN_PROGRAMS} conformance programs in {}, found {n}",
        conformance_dir().display()
    );
}

// ---------------------------------------------------------------------------
// Running processes
// ---------------------------------------------------------------------------

struct RunOutput {
    /// `None` when killed by a signal (or by our timeout).
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    timed_out: bool,
    elapsed: Duration,
}

/// Runs `cmd` with stdin closed, capturing stdout and stderr, killing it once
/// `limit` has passed.
fn run_with_timeout(mut cmd: Command, limit: Duration) -> std::io::Result<RunOutput> {
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut out_pipe = child.stdout.take().expect("stdout is piped");
    let mut err_pipe = child.stderr.take().expect("stderr is piped");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out_pipe.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err_pipe.read_to_end(&mut buf);
        buf
    });
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if start.elapsed() >= limit {
            timed_out = true;
            let _ = child.kill();
            break child.wait()?;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = start.elapsed();
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    Ok(RunOutput {
        code: if timed_out { None } else { status.code() },
        stdout,
        stderr,
        timed_out,
        elapsed,
    })
}

/// Applies `f` to every item using `jobs` worker threads; results keep the
/// order of `items`.
fn parallel_map<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..jobs.max(1).min(items.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= items.len() {
                    break;
                }
                let r = f(&items[i]);
                results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .map(|r| r.expect("every item was processed"))
        .collect()
}

// ---------------------------------------------------------------------------
// Expected results
// ---------------------------------------------------------------------------

fn last_nonempty_line(text: &str) -> String {
    text.split('\n')
        .map(str::trim_end)
        .rfind(|l| !l.is_empty())
        .unwrap_or("")
        .to_string()
}

#[derive(Debug, PartialEq)]
struct Expected {
    stdout: Vec<u8>,
    code: i32,
    last_stderr_line: String,
}

fn stem(name: &str) -> &str {
    name.strip_suffix(".py").unwrap_or(name)
}

fn load_expected(name: &str) -> Result<Expected, String> {
    load_expected_in(&conformance_dir(), name)
}

fn load_expected_in(dir: &Path, name: &str) -> Result<Expected, String> {
    let stdout_path = dir.join(format!("{}.stdout", stem(name)));
    let status_path = dir.join(format!("{}.status", stem(name)));
    let stdout = std::fs::read(&stdout_path).map_err(|e| {
        format!(
            "cannot read {} ({e}); run tests/conformance/regen.py",
            stdout_path.display()
        )
    })?;
    let status = std::fs::read_to_string(&status_path).map_err(|e| {
        format!(
            "cannot read {} ({e}); run tests/conformance/regen.py",
            status_path.display()
        )
    })?;
    parse_status(&status)
        .map(|(code, last_stderr_line)| Expected {
            stdout,
            code,
            last_stderr_line,
        })
        .map_err(|e| format!("{}: {e}", status_path.display()))
}

fn parse_status(text: &str) -> Result<(i32, String), String> {
    let mut lines = text.split('\n');
    let code = lines
        .next()
        .unwrap_or("")
        .trim()
        .parse::<i32>()
        .map_err(|e| format!("first line must be an exit code: {e}"))?;
    let last = lines.next().unwrap_or("").trim_end().to_string();
    Ok((code, last))
}

// ---------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------

/// Lines of context shown on each side of the first differing stdout line.
const CONTEXT: usize = 2;

/// Describes where two stdouts first differ, with a little context from each.
fn diff_hint(expected: &[u8], got: &[u8]) -> String {
    let e = String::from_utf8_lossy(expected);
    let g = String::from_utf8_lossy(got);
    let el: Vec<&str> = e.split_inclusive('\n').collect();
    let gl: Vec<&str> = g.split_inclusive('\n').collect();
    let Some(first) = (0..el.len().max(gl.len())).find(|&i| el.get(i) != gl.get(i)) else {
        return "    stdout differs only in bytes that are not valid UTF-8\n".to_string();
    };
    let mut out = format!(
        "    stdout differs from line {} (expected {} lines, {} bytes; got {} lines, {} bytes):\n",
        first + 1,
        el.len(),
        expected.len(),
        gl.len(),
        got.len()
    );
    for (label, lines) in [("expected", &el), ("got", &gl)] {
        let _ = writeln!(out, "      {label}:");
        let lo = first.saturating_sub(CONTEXT);
        let hi = (first + CONTEXT + 1).min(lines.len());
        for (i, line) in lines.iter().enumerate().take(hi).skip(lo) {
            let marker = if i == first { '>' } else { '|' };
            let _ = writeln!(out, "        {:>4} {marker} {line:?}", i + 1);
        }
        if first >= lines.len() {
            let _ = writeln!(out, "        {:>4} > <end of output>", first + 1);
        }
    }
    out
}

fn stderr_tail(stderr: &[u8], lines: usize) -> String {
    let text = String::from_utf8_lossy(stderr);
    let all: Vec<&str> = text.lines().collect();
    let start = all.len().saturating_sub(lines);
    all[start..]
        .iter()
        .map(|l| format!("        | {l}\n"))
        .collect()
}

/// The exit status of a run ended by an internal error (a panic).
const INTERNAL_ERROR_EXIT: i32 = runtime::internal_error::EXIT_CODE;

/// Compares one run against its expectation; `Err` carries the report.
fn check_run(expected: &Expected, got: &RunOutput, limit: Duration) -> Result<(), String> {
    let mut problems = String::new();
    let stderr_text = String::from_utf8_lossy(&got.stderr);
    if got.timed_out {
        let _ = writeln!(problems, "    timed out after {:?} (killed)", limit);
    } else if got.code != Some(expected.code) {
        let _ = writeln!(
            problems,
            "    exit code: expected {}, got {}",
            expected.code,
            got.code
                .map_or("<killed by a signal>".to_string(), |c| c.to_string())
        );
    }
    if got.stdout != expected.stdout {
        problems.push_str(&diff_hint(&expected.stdout, &got.stdout));
    }
    let got_last = last_nonempty_line(&stderr_text);
    if got_last != expected.last_stderr_line {
        let _ = writeln!(
            problems,
            "    last stderr line: expected {:?}, got {:?}",
            expected.last_stderr_line, got_last
        );
    }
    // An internal error fails the program whatever its expected status
    // says: a test must never pass because the interpreter crashed.
    if stderr_text.contains("panicked") {
        let _ = writeln!(problems, "    the interpreter panicked");
    }
    if stderr_text.contains("internal error") || got.code == Some(INTERNAL_ERROR_EXIT) {
        let _ = writeln!(
            problems,
            "    internal error (exit status {INTERNAL_ERROR_EXIT} or \"internal error\" on stderr)"
        );
    }
    if problems.is_empty() {
        return Ok(());
    }
    if !got.stderr.is_empty() {
        let _ = writeln!(problems, "    stderr (last lines):");
        problems.push_str(&stderr_tail(&got.stderr, 6));
    }
    Err(problems)
}

fn gilgamesh_command(program: &str, mode: &str) -> Command {
    gilgamesh_command_in(&conformance_dir(), program, mode)
}

fn gilgamesh_command_in(dir: &Path, program: &str, mode: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gilgamesh"));
    cmd.current_dir(dir)
        .arg("run")
        .arg(program)
        .arg("--mode")
        .arg(mode);
    cmd
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[test]
fn conformance_directory_is_well_formed() {
    assert_enough_programs();
    let dir = conformance_dir();
    let programs = all_programs();
    let mut problems = Vec::new();
    for name in &programs {
        if let Err(e) = load_expected(name) {
            problems.push(format!("{name}: {e}"));
        }
    }
    for entry in std::fs::read_dir(&dir).expect("conformance dir is readable") {
        let file = entry
            .expect("dir entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        for suffix in [".stdout", ".status"] {
            if let Some(base) = file.strip_suffix(suffix) {
                if !programs.iter().any(|p| stem(p) == base) {
                    problems.push(format!(
                        "{file}: no matching {base}.py (stale expectation file)"
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "conformance directory {} is inconsistent:\n{}",
        dir.display(),
        problems.join("\n")
    );
}

#[test]
fn every_program_matches_cpython_in_every_mode() {
    assert_enough_programs();
    let programs = selected_programs();
    assert!(
        !programs.is_empty(),
        "GILGAMESH_CONFORMANCE_FILTER selected no programs"
    );
    let modes = selected_modes();
    let limit = timeout();
    let cases: Vec<(String, &str)> = programs
        .iter()
        .flat_map(|p| modes.iter().map(move |m| (p.clone(), *m)))
        .collect();
    let started = Instant::now();
    let outcomes = parallel_map(&cases, jobs(), |(program, mode)| {
        let expected = load_expected(program)?;
        let got = run_with_timeout(gilgamesh_command(program, mode), limit)
            .map_err(|e| format!("    could not start gilgamesh: {e}\n"))?;
        check_run(&expected, &got, limit).map(|()| got.elapsed)
    });
    let mut failures = String::new();
    let mut failed = 0;
    let mut slowest: Option<(Duration, String)> = None;
    let mut failing_files: Vec<&str> = Vec::new();
    for ((program, mode), outcome) in cases.iter().zip(&outcomes) {
        match outcome {
            Ok(elapsed) => {
                if slowest.as_ref().is_none_or(|(d, _)| elapsed > d) {
                    slowest = Some((*elapsed, format!("{program} --mode {mode}")));
                }
            }
            Err(report) => {
                failed += 1;
                if !failing_files.contains(&program.as_str()) {
                    failing_files.push(program);
                }
                let _ = writeln!(failures, "--- {program} --mode {mode}\n{report}");
            }
        }
    }
    if let Some((d, which)) = &slowest {
        eprintln!(
            "conformance: {} runs in {:.1?}; slowest passing run {which} took {d:.1?}",
            cases.len(),
            started.elapsed()
        );
    }
    assert!(
        failed == 0,
        "{failed} of {} conformance runs failed ({} of {} programs: {}).\n\
         Reproduce one with: cd workloads/tests/conformance && gilgamesh run NAME.py --mode MODE\n\n{failures}",
        cases.len(),
        failing_files.len(),
        programs.len(),
        failing_files.join(", "),
    );
}

/// Programs for features CPython 3.11 lacks (`concurrent.interpreters`,
/// new in 3.14), whose expected outputs were written by hand from CPython
/// 3.14's documented behaviour (see the directory's README): `regen.py`
/// does not touch them and no CPython run checks them.
fn cpython314_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("conformance-cpython314")
}

#[test]
fn cpython314_programs_match_their_expected_output_in_every_mode() {
    let dir = cpython314_dir();
    let mut programs: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.ends_with(".py").then_some(name)
        })
        .collect();
    programs.sort();
    assert!(!programs.is_empty(), "no programs in {}", dir.display());
    if let Ok(f) = std::env::var("GILGAMESH_CONFORMANCE_FILTER") {
        programs.retain(|n| n.contains(&f));
    }
    let limit = timeout();
    let cases: Vec<(String, &str)> = programs
        .iter()
        .flat_map(|p| selected_modes().into_iter().map(move |m| (p.clone(), m)))
        .collect();
    let outcomes = parallel_map(&cases, jobs(), |(program, mode)| {
        let expected = load_expected_in(&dir, program)?;
        let got = run_with_timeout(gilgamesh_command_in(&dir, program, mode), limit)
            .map_err(|e| format!("    could not start gilgamesh: {e}\n"))?;
        check_run(&expected, &got, limit)
    });
    let failures: Vec<String> = cases
        .iter()
        .zip(&outcomes)
        .filter_map(|((program, mode), outcome)| {
            outcome
                .as_ref()
                .err()
                .map(|report| format!("--- {program} --mode {mode}\n{report}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} runs failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The Python interpreter that generated the expectations, if available.
fn cpython_311() -> Option<&'static str> {
    let out = Command::new("python3")
        .args(["-c", "import sys; print(sys.version_info[:2] == (3, 11))"])
        .stdin(Stdio::null())
        .output()
        .ok()?;
    (out.status.success() && String::from_utf8_lossy(&out.stdout).trim() == "True")
        .then_some("python3")
}

fn cpython_command(python: &str, program: &str) -> Command {
    let mut cmd = Command::new(python);
    cmd.current_dir(conformance_dir())
        .arg(program)
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONHASHSEED", "0")
        .env_remove("PYTHONWARNINGS")
        .env_remove("PYTHONSTARTUP")
        .env_remove("PYTHONINSPECT");
    cmd
}

#[test]
fn expected_files_are_current_with_cpython() {
    assert_enough_programs();
    let Some(python) = cpython_311() else {
        eprintln!("skipping: python3 is not on PATH or is not CPython 3.11");
        return;
    };
    let programs = selected_programs();
    let limit = Duration::from_secs(60);
    let outcomes = parallel_map(&programs, jobs(), |program| {
        let expected = load_expected(program)?;
        let got = run_with_timeout(cpython_command(python, program), limit)
            .map_err(|e| format!("    could not start {python}: {e}\n"))?;
        check_run(&expected, &got, limit)
    });
    let mut failures = String::new();
    let mut stale = Vec::new();
    for (program, outcome) in programs.iter().zip(&outcomes) {
        if let Err(report) = outcome {
            stale.push(program.as_str());
            let _ = writeln!(failures, "--- {program} (CPython)\n{report}");
        }
    }
    assert!(
        stale.is_empty(),
        "expected outputs are stale for {} program(s): {}.\n\
         If the programs changed on purpose, run `python3 regen.py` in workloads/tests/conformance.\n\n{failures}",
        stale.len(),
        stale.join(", ")
    );
}
