//! Every workload script runs in every mode and computes the right result
//! (small sizes; timings are not checked here — they belong to `scale`).

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

const MODES: [&str; 3] = ["gil", "gil-release", "finegrained"];

#[test]
fn countdown_counts_every_threads_share() {
    for mode in MODES {
        let out = run("countdown.py", mode, 3, 20_000);
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
