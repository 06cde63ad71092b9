//! `gilgamesh compare A.json B.json`: two reports' tables side by side, with
//! ratios — results from two machines or two commits.

use super::report::{format_merit, render};
use super::results::Report;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `gilgamesh compare`.
#[derive(clap::Args, Debug)]
pub struct CompareArgs {
    /// The baseline `results.json`.
    a: PathBuf,
    /// The `results.json` to set against it.
    b: PathBuf,
}

pub fn main(args: CompareArgs) -> ExitCode {
    match (Report::read_json(&args.a), Report::read_json(&args.b)) {
        (Ok(a), Ok(b)) => {
            print!("{}", compare(&a, &b));
            ExitCode::SUCCESS
        }
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("gilgamesh compare: {e}");
            ExitCode::from(2)
        }
    }
}

/// The text of the comparison: per workload present in both, rows = thread
/// counts, and for each mode A's figure, B's figure and B/A (and speedups).
pub fn compare(a: &Report, b: &Report) -> String {
    let mut out = format!(
        "A: {} ({} CPUs, {})\nB: {} ({} CPUs, {})\n",
        a.machine.date,
        a.machine.cpus,
        a.machine.arch,
        b.machine.date,
        b.machine.cpus,
        b.machine.arch
    );
    let shared: Vec<String> = a
        .workloads()
        .into_iter()
        .filter(|w| b.workloads().contains(w))
        .collect();
    if shared.is_empty() {
        out.push_str("\nThe two reports have no workload in common.\n");
        return out;
    }
    for w in shared {
        let modes: Vec<String> = a
            .modes(&w)
            .into_iter()
            .filter(|m| b.modes(&w).contains(m))
            .collect();
        let mut threads = a.thread_counts(&w);
        threads.retain(|n| b.thread_counts(&w).contains(n));
        let mut header = vec!["threads".to_string()];
        for m in &modes {
            header.extend([format!("{m} A"), format!("{m} B"), "B/A".into()]);
        }
        let mut rows = vec![header];
        let mut merit_name = String::new();
        for &n in &threads {
            let mut row = vec![n.to_string()];
            for m in &modes {
                match (a.find(&w, m, n), b.find(&w, m, n)) {
                    (Some(ra), Some(rb)) => {
                        merit_name = ra.merit.name.clone();
                        let show = |r: &super::results::Record| {
                            let merit = format_merit(r.merit.value, &r.merit.unit);
                            match r.speedup {
                                Some(s) if !r.interference => format!("{merit} ({s:.2}x)"),
                                _ => merit,
                            }
                        };
                        row.extend([
                            show(ra),
                            show(rb),
                            format!("{:.2}", rb.merit.value / ra.merit.value),
                        ]);
                    }
                    _ => row.extend(["-".into(), "-".into(), "-".into()]),
                }
            }
            rows.push(row);
        }
        out.push_str(&format!(
            "\n{w}: {merit_name} (speedup in brackets); B/A is the ratio of {merit_name}\n{}",
            render(&rows, false)
        ));
    }
    out
}
