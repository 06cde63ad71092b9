//! Every workload script runs in every mode and computes the right result
//! (small sizes; timings are not checked here — they belong to `scale`).
//!
//! The output protocol that `gilgamesh scale` parses is checked too:
//! `result ...` lines first (exactly what CPython prints for the same
//! arguments; the expected lines below are CPython 3.11's), then `work <int>`,
//! then `seconds <float>`, then optional `merit <name> <float> <unit>
//! higher|lower` lines.

use std::path::Path;
use std::process::Command;

fn run(script: &str, mode: &str, threads: u32, size: u32) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .arg("run")
        .arg(dir.join(script))
        .args(["--mode", mode, "--"])
        .arg(threads.to_string())
        .arg(size.to_string())
        .output()
        .expect("run gilgamesh");
    assert!(
        out.status.success(),
        "{script} under {mode} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn work_line(stdout: &str) -> &str {
    stdout
        .lines()
        .find(|l| l.starts_with("work "))
        .expect("a `work` line")
}

fn seconds_line_is_a_positive_number(stdout: &str) {
    let secs: f64 = stdout
        .lines()
        .find_map(|l| l.strip_prefix("seconds "))
        .expect("a `seconds` line")
        .parse()
        .expect("seconds is a number");
    assert!(secs > 0.0);
}

const MODES: [&str; 5] = ["gil", "gil-release", "gil-io", "finegrained", "perobject"];

#[test]
fn countdown_counts_every_threads_share() {
    for mode in MODES {
        let out = run("countdown.py", mode, 3, 20_000);
        assert_eq!(work_line(&out), "work 60000", "{mode}");
        seconds_line_is_a_positive_number(&out);
    }
}

#[test]
fn interp_countdown_counts_in_every_interpreter() {
    for mode in MODES {
        let out = run("interp_countdown.py", mode, 3, 20_000);
        assert_eq!(work_line(&out), "work 60000", "{mode}");
        seconds_line_is_a_positive_number(&out);
    }
}

#[test]
fn fib_sums_every_threads_result() {
    // fib(15) = 610; four threads.
    for mode in MODES {
        let out = run("fib.py", mode, 4, 15);
        assert_eq!(work_line(&out), "work 2440", "{mode}");
        seconds_line_is_a_positive_number(&out);
    }
}

/// A workload's output, split by the protocol.
struct Report {
    results: Vec<String>,
    work: u64,
    /// The names of the `merit` lines, in order.
    merits: Vec<String>,
}

/// Parses `stdout`, insisting on the order result*, work, seconds, merit*.
fn parse_report(stdout: &str, what: &str) -> Report {
    let mut lines = stdout.lines().peekable();
    let mut results = Vec::new();
    while let Some(l) = lines.next_if(|l| l.starts_with("result ")) {
        results.push(l.to_string());
    }
    let work = lines
        .next()
        .and_then(|l| l.strip_prefix("work "))
        .unwrap_or_else(|| panic!("{what}: a `work` line after the results:\n{stdout}"))
        .parse()
        .unwrap_or_else(|e| panic!("{what}: work is an integer: {e}"));
    let seconds: f64 = lines
        .next()
        .and_then(|l| l.strip_prefix("seconds "))
        .unwrap_or_else(|| panic!("{what}: a `seconds` line after `work`:\n{stdout}"))
        .parse()
        .unwrap_or_else(|e| panic!("{what}: seconds is a number: {e}"));
    assert!(seconds > 0.0, "{what}: seconds {seconds}");
    let mut merits = Vec::new();
    for l in lines {
        let fields: Vec<&str> = l
            .strip_prefix("merit ")
            .unwrap_or_else(|| panic!("{what}: unexpected line {l:?}"))
            .split(' ')
            .collect();
        assert_eq!(
            fields.len(),
            4,
            "{what}: merit NAME VALUE UNIT higher|lower: {l:?}"
        );
        let value: f64 = fields[1]
            .parse()
            .unwrap_or_else(|e| panic!("{what}: merit value {l:?}: {e}"));
        assert!(value.is_finite() && value >= 0.0, "{what}: {l:?}");
        assert!(
            matches!(fields[3], "higher" | "lower"),
            "{what}: merit direction in {l:?}"
        );
        merits.push(fields[0].to_string());
    }
    Report {
        results,
        work,
        merits,
    }
}

/// A small run of a workload and what it must print.
struct Case {
    script: &'static str,
    threads: u32,
    size: u32,
    /// The `result` lines, as CPython 3.11 prints them.
    results: &'static [&'static str],
    work: u64,
    /// The names of the `merit` lines (their values are timings).
    merits: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        script: "float_nbody.py",
        threads: 2,
        size: 200,
        results: &[
            "result energy_before -0.169075164",
            "result energy_after -0.169026909",
            "result threads_agree True",
        ],
        work: 400,
        merits: &[],
    },
    Case {
        script: "alloc_churn.py",
        threads: 2,
        size: 2000,
        results: &["result checksum 31940"],
        work: 4000,
        merits: &[],
    },
    Case {
        script: "shared_counter.py",
        threads: 3,
        size: 2000,
        results: &["result count 6000"],
        work: 6000,
        merits: &[],
    },
    Case {
        script: "shared_list_read.py",
        threads: 2,
        size: 20,
        results: &["result total 19980000"],
        work: 40,
        merits: &[],
    },
    Case {
        script: "native_hash.py",
        threads: 2,
        size: 3,
        results: &[
            "result buffer_bytes 1048576",
            "result identical_hashes 6",
            "result threads_agree True",
        ],
        work: 6,
        merits: &["throughput"],
    },
    Case {
        script: "sleep_io.py",
        threads: 3,
        size: 10,
        results: &["result sleeps 30"],
        work: 30,
        merits: &[],
    },
    Case {
        script: "tcp_echo.py",
        threads: 2,
        size: 200,
        results: &[
            "result round_trips 400",
            "result intact_echoes 400",
            "result bytes_echoed 25600",
        ],
        work: 400,
        merits: &["requests_per_second"],
    },
    Case {
        script: "convoy.py",
        threads: 1,
        size: 30,
        results: &["result every_echo_intact True", "result spinners 0"],
        work: 30,
        merits: &["requests_per_second"],
    },
    Case {
        script: "convoy.py",
        threads: 2,
        size: 30,
        results: &["result every_echo_intact True", "result spinners 1"],
        work: 30,
        merits: &[
            "requests_per_second",
            "spin_rate",
            "spin_alone_rate",
            "spin_vs_alone",
        ],
    },
    Case {
        script: "wakeup_latency.py",
        threads: 2,
        size: 20,
        results: &["result sleeps 20", "result spinners 1"],
        work: 20,
        merits: &["p50_latency", "p99_latency", "max_latency"],
    },
    Case {
        script: "task_queue.py",
        threads: 3,
        size: 60,
        results: &["result tasks 60", "result sum 48375"],
        work: 60,
        merits: &[],
    },
];

fn check(report: Report, case: &Case, what: &str) {
    assert_eq!(report.results, case.results, "{what}");
    assert_eq!(report.work, case.work, "{what}");
    assert_eq!(report.merits, case.merits, "{what}");
}

/// Runs every case of `script` in every mode.
fn check_workload(script: &str) {
    let cases: Vec<&Case> = CASES.iter().filter(|c| c.script == script).collect();
    assert!(!cases.is_empty(), "no case for {script}");
    for case in cases {
        for mode in MODES {
            let what = format!("{script} {} {} under {mode}", case.threads, case.size);
            let out = run(script, mode, case.threads, case.size);
            check(parse_report(&out, &what), case, &what);
        }
    }
}

#[test]
fn float_nbody_conserves_energy_alike_in_every_thread() {
    check_workload("float_nbody.py");
}

#[test]
fn alloc_churn_checksum() {
    check_workload("alloc_churn.py");
}

#[test]
fn shared_counter_loses_no_increment() {
    check_workload("shared_counter.py");
}

#[test]
fn shared_list_read_sums_the_shared_list() {
    check_workload("shared_list_read.py");
}

#[test]
fn native_hash_threads_agree() {
    check_workload("native_hash.py");
}

#[test]
fn sleep_io_sleeps_in_every_thread() {
    check_workload("sleep_io.py");
}

#[test]
fn tcp_echo_echoes_every_request() {
    check_workload("tcp_echo.py");
}

#[test]
fn convoy_echoes_beside_spinners() {
    check_workload("convoy.py");
}

#[test]
fn wakeup_latency_reports_percentiles() {
    check_workload("wakeup_latency.py");
}

#[test]
fn task_queue_sums_every_task() {
    check_workload("task_queue.py");
}

/// The expected lines above are CPython's: when `python3` is CPython 3.11,
/// every case prints them under it too (the scripts run unchanged there).
#[test]
fn expectations_match_cpython() {
    let is_311 = Command::new("python3")
        .args(["-c", "import sys; print(sys.version_info[:2] == (3, 11))"])
        .output()
        .is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).trim() == "True");
    if !is_311 {
        eprintln!("skipped: python3 is not CPython 3.11");
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    for case in CASES {
        let out = Command::new("python3")
            .arg(dir.join(case.script))
            .arg(case.threads.to_string())
            .arg(case.size.to_string())
            .output()
            .expect("run python3");
        let what = format!("python3 {} {} {}", case.script, case.threads, case.size);
        assert!(
            out.status.success(),
            "{what} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        check(
            parse_report(&String::from_utf8_lossy(&out.stdout), &what),
            case,
            &what,
        );
    }
}

/// Each `ftscaling` pattern at 2 threads x 2000, and CPython 3.11's result line.
const FTSCALING: [(&str, &str); 13] = [
    ("object_cfunction", "result object_cfunction 3804548"),
    ("cmodule_function", "result cmodule_function 1998000"),
    ("module_function", "result module_function 4002000"),
    ("mult_constant", "result mult_constant 2004004"),
    ("generator", "result generator 3998000"),
    ("pymethod", "result pymethod 4002000"),
    ("pyfunction", "result pyfunction 4002000"),
    ("load_string_const", "result load_string_const 4000"),
    ("load_tuple_const", "result load_tuple_const 4000"),
    ("create_pyobject", "result create_pyobject 3998000"),
    ("create_closure", "result create_closure 4002000"),
    ("create_dict", "result create_dict 3998000"),
    ("thread_local_read", "result thread_local_read 4000"),
];

#[test]
fn ftscaling_patterns_compute_cpythons_results() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The catalog names every pattern the script has.
    let names = scale_catalog_patterns();
    assert_eq!(
        names,
        FTSCALING.map(|(p, _)| p),
        "catalog and test list differ"
    );
    for (pattern, expected) in FTSCALING {
        for mode in MODES {
            let out = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
                .arg("run")
                .arg(dir.join("ftscaling.py"))
                .args(["--mode", mode, "--", "2", "2000", pattern])
                .output()
                .expect("run gilgamesh");
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{pattern} under {mode}: {stdout}");
            let report = parse_report(&stdout, pattern);
            assert_eq!(report.results, [expected], "{pattern} under {mode}");
            assert_eq!(report.work, 4000, "{pattern} under {mode}");
            seconds_line_is_a_positive_number(&stdout);
        }
    }
}

/// The `ftscaling.*` patterns of the scale catalog, in catalog order.
fn scale_catalog_patterns() -> Vec<&'static str> {
    workloads::scale::catalog::CATALOG
        .iter()
        .filter(|w| w.script() == "ftscaling")
        .filter_map(|w| w.pattern())
        .collect()
}
