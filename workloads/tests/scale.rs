//! `gilgamesh scale` and `gilgamesh compare` as a user runs them: the four
//! artefacts, their contents, Ctrl-C, and bad flags.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn gilgamesh(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .args(args)
        .output()
        .expect("run gilgamesh")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "gilgamesh-scale-test-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("results.json")).expect("valid JSON")
}

#[test]
fn quick_sweep_writes_json_csv_markdown_and_plots() {
    let out = scratch("quick");
    let o = gilgamesh(&[
        "scale",
        "--quick",
        "--python",
        "none",
        "--workloads",
        "countdown,fib",
        "--modes",
        "gil,finegrained",
        "--threads",
        "1,2",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("Speedup at 2 threads"), "{stdout}");

    let results = json(&out.join("results.json"));
    let records = results["records"].as_array().expect("records");
    // 2 workloads x 2 modes x 2 thread counts.
    assert_eq!(records.len(), 8);
    for r in records {
        let threads = r["threads"].as_u64().unwrap();
        let speedup = r["speedup"].as_f64().expect("a speedup");
        if threads == 1 {
            assert_eq!(speedup, 1.0);
        }
        assert!(r["median_seconds"].as_f64().unwrap() > 0.0);
        assert!(r["min_seconds"].as_f64() <= r["max_seconds"].as_f64());
        // Our modes record what the strategy counted.
        assert!(r["counters"].is_object(), "{r}");
    }
    let gil2 = records
        .iter()
        .find(|r| r["mode"] == "gil" && r["threads"] == 2)
        .unwrap();
    assert!(gil2["counters"]["gil_acquisitions"].as_u64().unwrap() > 0);

    let csv = std::fs::read_to_string(out.join("results.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + 8);
    assert!(csv.starts_with("workload,mode,threads,"));

    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    for needle in [
        "## countdown",
        "## fib",
        "| threads |",
        "**Finding.**",
        "![fib](fib.svg)",
    ] {
        assert!(md.contains(needle), "report.md lacks {needle}:\n{md}");
    }
    for w in ["countdown", "fib"] {
        let svg = std::fs::read_to_string(out.join(format!("{w}.svg"))).unwrap();
        assert!(svg.contains("<svg") && svg.contains("finegrained") && svg.contains("ideal"));
    }

    // report re-renders the artefacts from results.json.
    std::fs::remove_file(out.join("report.md")).unwrap();
    let json_path = out.join("results.json");
    let o = gilgamesh(&["report", json_path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.join("report.md").exists());

    // compare against itself: every ratio is 1.
    let path = out.join("results.json");
    let o = gilgamesh(&["compare", path.to_str().unwrap(), path.to_str().unwrap()]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("countdown") && text.contains("gil B"),
        "{text}"
    );
    assert!(text.contains("1.00"));
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn the_cpython_column_runs_the_same_scripts() {
    if Command::new("python3").arg("--version").output().is_err() {
        return; // No CPython on this machine: the column is optional.
    }
    let out = scratch("cpython");
    let o = gilgamesh(&[
        "scale",
        "--quick",
        "--workloads",
        "fib",
        "--modes",
        "cpython",
        "--threads",
        "1",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let results = json(&out.join("results.json"));
    let mode = results["records"][0]["mode"].as_str().unwrap().to_string();
    assert!(mode == "cpython" || mode == "cpython-nogil", "{mode}");
    assert!(results["machine"]["python"]
        .as_str()
        .unwrap()
        .starts_with("Python 3"));
    let _ = std::fs::remove_dir_all(&out);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_sweep_and_still_writes_what_was_measured() {
    let out = scratch("interrupt");
    // Far more work than the test waits for.
    let mut child = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .args([
            "scale",
            "--python",
            "none",
            "--workloads",
            "countdown",
            "--modes",
            "gil",
            "--threads",
            "1,2",
            "--repeat",
            "1000",
            "--out",
            out.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    let results = json(&out.join("results.json"));
    assert_eq!(results["settings"]["interrupted"], true);
    assert!(out.join("report.md").exists());
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn bad_flags_are_refused_with_a_message() {
    let cases: &[(&[&str], &str)] = &[
        (&["scale", "--workloads", "nope"], "unknown workload 'nope'"),
        (&["scale", "--modes", "fast"], "unknown mode 'fast'"),
        (
            &["scale", "--threads", "0", "--python", "none"],
            "at least 1",
        ),
        (&["scale", "--repeat", "x"], "invalid value"),
        (
            &["compare", "/nonexistent/a.json", "/nonexistent/b.json"],
            "/nonexistent/a.json",
        ),
    ];
    for (args, message) in cases {
        let o = gilgamesh(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
    }
}
