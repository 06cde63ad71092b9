//! `gilgamesh pyperformance` as a user runs it, on the fake benchmarks in
//! `tests/pyperformance/benchmarks` (pyperformance's layout; no pip, no
//! network): discovery and skipping, the stand-in pyperf under CPython and
//! our modes, failures, timeouts, threads, and the four artefacts.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pyperformance/benchmarks")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "gilgamesh-pyperformance-test-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Runs `gilgamesh pyperformance` on the fixtures, with its cache and
/// output in `dir`.
fn pyperformance(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .arg("pyperformance")
        .arg("--benchmarks-dir")
        .arg(fixtures())
        .arg("--cache")
        .arg(dir.join("cache"))
        .arg("--out")
        .arg(dir.join("out"))
        .args(args)
        .output()
        .expect("run gilgamesh")
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("results.json")).expect("valid JSON")
}

fn run<'a>(results: &'a serde_json::Value, bench: &str, column: &str) -> &'a serde_json::Value {
    results["benchmarks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["name"] == bench)
        .unwrap_or_else(|| panic!("no {bench} in {results}"))["runs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["column"] == column)
        .unwrap_or_else(|| panic!("no {bench} under {column}"))
}

#[test]
fn runs_every_column_and_writes_json_csv_markdown_and_svg() {
    let dir = scratch("all");
    let o = pyperformance(
        &dir,
        &[
            "--benchmarks",
            "tiny,tiny_time,tiny_timeit,broken,needs_pkg,future",
            "--modes",
            "gil,gil-release,finegrained",
            "--loops",
            "2",
            "--repeat",
            "2",
        ],
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = dir.join("out");
    let results = json(&out.join("results.json"));
    assert_eq!(
        results["settings"]["columns"],
        serde_json::json!(["cpython", "gil", "gil-release", "finegrained"])
    );
    for bench in ["tiny", "tiny_time", "tiny_timeit"] {
        let cpython = run(&results, bench, "cpython");
        assert_eq!(cpython["status"], "ok", "{cpython}");
        assert!(cpython["seconds"].as_f64().unwrap() > 0.0);
        let timing = &cpython["timings"][0];
        assert_eq!(timing["name"], bench);
        assert_eq!(timing["loops"], 2);
        assert_eq!(timing["values"].as_array().unwrap().len(), 2);
        for mode in ["gil", "gil-release", "finegrained"] {
            let r = run(&results, bench, mode);
            assert_eq!(r["status"], "ok", "{bench} under {mode}: {r}");
            assert!(r["ratio"].as_f64().unwrap() > 0.0);
            // The same loop counts as CPython's.
            assert_eq!(r["timings"][0]["loops"], 2);
        }
    }
    // bench_func's inner_loops reaches the record.
    assert_eq!(run(&results, "tiny", "gil")["timings"][0]["inner_loops"], 2);
    for column in ["cpython", "gil", "finegrained"] {
        let r = run(&results, "broken", column);
        assert_eq!(r["status"], "failed");
        assert_eq!(r["error"], "ValueError: broken on purpose", "{column}");
    }
    let skipped = results["skipped"].as_array().unwrap();
    let reason = |name: &str| {
        skipped
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("{name} not skipped"))["reason"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        reason("needs_pkg"),
        "needs third-party package(s): Chameleon, genshi"
    );
    assert!(reason("future").starts_with("requires Python >=3.99"));
    let means = results["geometric_means"].as_array().unwrap();
    assert_eq!(means.len(), 3);
    assert_eq!(means[0]["benchmarks"], 3);

    let csv = std::fs::read_to_string(out.join("results.csv")).unwrap();
    assert!(csv.starts_with("benchmark,column,status,seconds_per_loop,ratio_to_cpython,"));
    // 4 benchmarks x 4 columns, then 2 skipped.
    assert_eq!(csv.lines().count(), 1 + 16 + 2);
    assert!(csv.contains("needs_pkg,,skipped,"));

    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let header: Vec<&str> = md
        .lines()
        .find(|l| l.starts_with("|"))
        .unwrap()
        .split('|')
        .map(str::trim)
        .collect();
    assert_eq!(
        header,
        [
            "",
            "benchmark",
            "cpython",
            "gil",
            "gil-release",
            "finegrained",
            ""
        ]
    );
    for needle in [
        "# gilgamesh pyperformance report",
        "geometric mean (3)",
        "## Failures",
        "cpython, gil, gil-release, finegrained: ValueError: broken on purpose",
        "## Skipped",
        "- **future**: requires Python >=3.99",
        "![ratio to CPython](pyperformance.svg)",
    ] {
        assert!(md.contains(needle), "{needle:?} not in\n{md}");
    }
    let svg = std::fs::read_to_string(out.join("pyperformance.svg")).unwrap();
    assert!(svg.starts_with("<svg"), "{svg}");
    for needle in ["tiny_time", "geometric mean", "finegrained"] {
        assert!(svg.contains(needle), "{needle} not in the plot");
    }
    // The terminal shows the closing table.
    assert!(stdout.contains("geometric mean (3)"), "{stdout}");
    // The fixtures' tree stays clean: no bytecode written into it.
    assert!(!fixtures().join("bm_tiny").join("__pycache__").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn threads_run_copies_at_once_and_timeouts_are_recorded() {
    let dir = scratch("threads");
    let o = pyperformance(
        &dir,
        &[
            "--benchmarks",
            "tiny,forever",
            "--modes",
            "finegrained",
            "--threads",
            "3",
            "--repeat",
            "1",
            "--timeout",
            "2",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let results = json(&dir.join("out/results.json"));
    assert_eq!(results["settings"]["threads"], 3);
    for column in ["cpython", "finegrained"] {
        let r = run(&results, "tiny", column);
        assert_eq!(r["status"], "ok", "{r}");
        assert_eq!(r["timings"][0]["threads"], 3);
        let r = run(&results, "forever", column);
        assert_eq!(r["status"], "timed_out", "{r}");
        assert_eq!(r["error"], "timed out after 2 s");
    }
    let md = std::fs::read_to_string(dir.join("out/report.md")).unwrap();
    assert!(md.contains("each on 3 threads at once"), "{md}");
    assert!(md.contains("timed out"), "{md}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_requests_get_clear_errors() {
    let dir = scratch("bad");
    let o = pyperformance(&dir, &["--benchmarks", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains(
            "no benchmark 'nope' (runnable ones: broken, forever, tiny, tiny_time, tiny_timeit)"
        ),
        "{stderr}"
    );

    let o = pyperformance(&dir, &["--python", "/nonexistent/python3"]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("cannot run '/nonexistent/python3'"),
        "{stderr}"
    );

    let o = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .args(["pyperformance", "--benchmarks-dir"])
        .arg(dir.join("missing"))
        .arg("--cache")
        .arg(dir.join("cache"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("not a pyperformance benchmarks folder"),
        "{stderr}"
    );

    let o = pyperformance(&dir, &["--modes", "gill"]);
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
