//! `gilgamesh scale`: times workloads under every lock mode and thread count,
//! with CPython as an anchor column, and prints speedup tables.
//!
//! Every run is a fresh process (`gilgamesh run` or `python3`), so the modes
//! and CPython are measured the same way. A workload reports its own time on
//! a `seconds <float>` line; the speedup at N threads is
//! `N * T(1 thread) / T(N threads)` within the same mode, medians of repeats.

use crate::Mode;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// A workload of the catalog: its script and sizes.
struct Workload {
    name: &'static str,
    /// Per-thread size for a full run and for `--quick`.
    size: u64,
    quick_size: u64,
    what: &'static str,
}

const CATALOG: &[Workload] = &[
    Workload {
        name: "countdown",
        size: 10_000_000,
        quick_size: 500_000,
        what: "pure interpreter loop, nothing shared",
    },
    Workload {
        name: "fib",
        size: 29,
        quick_size: 20,
        what: "recursive calls sharing the function and globals",
    },
];

/// Options of `gilgamesh scale`.
#[derive(clap::Args, Debug)]
pub struct ScaleArgs {
    /// Workloads to run (comma-separated).
    #[arg(long, value_delimiter = ',', default_value = "countdown,fib")]
    workloads: Vec<String>,
    /// Modes to run (comma-separated): gil, gil-release, finegrained, cpython.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "cpython,gil,gil-release,finegrained"
    )]
    modes: Vec<String>,
    /// Thread counts (comma-separated); default 1..=number of CPUs (at least 2).
    #[arg(long, value_delimiter = ',')]
    threads: Option<Vec<usize>>,
    /// Timed runs per configuration (the median is reported).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Small sizes and one repeat: a smoke test that takes seconds.
    #[arg(long)]
    quick: bool,
    /// The CPython for the anchor column, or `none` to skip it.
    #[arg(long, default_value = "python3")]
    python: String,
    /// Where the workload scripts are (default: this crate's directory).
    #[arg(long)]
    workloads_dir: Option<PathBuf>,
}

/// One column of the table: a lock mode of ours, or CPython.
#[derive(Clone, Debug, PartialEq)]
enum Column {
    Ours(Mode),
    CPython(String),
}

impl Column {
    fn label(&self) -> String {
        match self {
            Column::Ours(m) => m.to_string(),
            Column::CPython(_) => "cpython".into(),
        }
    }
}

pub fn main(args: ScaleArgs) -> ExitCode {
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gilgamesh scale: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: ScaleArgs) -> Result<(), String> {
    let dir = args
        .workloads_dir
        .clone()
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let workloads: Vec<&Workload> = args
        .workloads
        .iter()
        .map(|w| {
            CATALOG
                .iter()
                .find(|c| c.name == w)
                .ok_or_else(|| format!("unknown workload '{w}' (known: {})", names()))
        })
        .collect::<Result<_, _>>()?;
    let mut columns = Vec::new();
    for m in &args.modes {
        if m == "cpython" {
            if args.python != "none" {
                columns.push(Column::CPython(args.python.clone()));
            }
        } else {
            columns.push(Column::Ours(m.parse::<Mode>()?));
        }
    }
    let cpus = num_cpus::get();
    let threads = args
        .threads
        .clone()
        .unwrap_or_else(|| (1..=cpus.max(2)).collect());
    if threads.is_empty() || threads.contains(&0) {
        return Err("thread counts must be at least 1".into());
    }
    let repeat = if args.quick { 1 } else { args.repeat.max(1) };
    let exe = std::env::current_exe().map_err(|e| format!("cannot find own executable: {e}"))?;

    println!(
        "gilgamesh scale: {} CPU(s); median of {repeat} run(s) per cell; speedup = N x T(1) / T(N) within a column",
        cpus
    );
    for w in workloads {
        let size = if args.quick { w.quick_size } else { w.size };
        let script = dir.join(format!("{}.py", w.name));
        if !script.exists() {
            return Err(format!("workload script {} not found", script.display()));
        }
        println!("\n{} ({}), size {} per thread", w.name, w.what, size);
        let mut table: Vec<Vec<Option<f64>>> = Vec::new();
        for &n in &threads {
            let mut row = Vec::new();
            for col in &columns {
                let mut times = Vec::new();
                for _ in 0..repeat {
                    match time_once(&exe, col, &script, n, size) {
                        Ok(t) => times.push(t),
                        Err(e) => {
                            eprintln!("  {} x{n} under {}: {e}", w.name, col.label());
                            break;
                        }
                    }
                }
                row.push(median(&mut times));
            }
            table.push(row);
        }
        print_table(&threads, &columns, &table, cpus);
    }
    Ok(())
}

fn names() -> String {
    CATALOG
        .iter()
        .map(|w| w.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs a workload once and returns the seconds it reported.
fn time_once(
    exe: &Path,
    col: &Column,
    script: &Path,
    threads: usize,
    size: u64,
) -> Result<f64, String> {
    let mut cmd = match col {
        Column::Ours(mode) => {
            let mut c = Command::new(exe);
            c.arg("run")
                .arg(script)
                .arg("--mode")
                .arg(mode.name())
                .arg("--");
            c
        }
        Column::CPython(python) => {
            let mut c = Command::new(python);
            c.arg(script);
            c
        }
    };
    let out = cmd
        .arg(threads.to_string())
        .arg(size.to_string())
        .output()
        .map_err(|e| format!("cannot run: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "failed ({}): {}",
            out.status,
            err.lines().last().unwrap_or("")
        ));
    }
    parse_seconds(&String::from_utf8_lossy(&out.stdout))
        .ok_or_else(|| "no `seconds <float>` line in the workload's output".to_string())
}

/// The value of the last `seconds X` line.
pub fn parse_seconds(stdout: &str) -> Option<f64> {
    stdout.lines().rev().find_map(|l| {
        l.strip_prefix("seconds ")
            .and_then(|v| v.trim().parse().ok())
    })
}

fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    Some(v[v.len() / 2])
}

fn print_table(threads: &[usize], columns: &[Column], table: &[Vec<Option<f64>>], cpus: usize) {
    let mut header = format!("  {:>8}", "threads");
    for c in columns {
        header.push_str(&format!(" | {:>20}", c.label()));
    }
    println!("{header}");
    println!("  {}", "-".repeat(header.len() - 2));
    // The one-thread time of each column, for speedups.
    let base: Vec<Option<f64>> = (0..columns.len())
        .map(|c| {
            threads
                .iter()
                .position(|&n| n == 1)
                .and_then(|r| table[r][c])
        })
        .collect();
    for (r, &n) in threads.iter().enumerate() {
        let label = if n > cpus {
            format!("{n}*")
        } else {
            n.to_string()
        };
        let mut line = format!("  {label:>8}");
        for (c, cell) in table[r].iter().enumerate() {
            let text = match (cell, base[c]) {
                (Some(t), Some(b)) => format!("{t:.3}s {:>5.2}x", n as f64 * b / t),
                (Some(t), None) => format!("{t:.3}s"),
                (None, _) => "failed".to_string(),
            };
            line.push_str(&format!(" | {text:>20}"));
        }
        println!("{line}");
    }
    if threads.iter().any(|&n| n > cpus) {
        println!("  * oversubscribed: more threads than CPUs");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_last_seconds_line() {
        assert_eq!(parse_seconds("work 10\nseconds 1.5\n"), Some(1.5));
        assert_eq!(parse_seconds("seconds 1\nseconds 2.25\n"), Some(2.25));
        assert_eq!(parse_seconds("work 10\n"), None);
    }

    #[test]
    fn median_of_odd_and_even() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0]), Some(4.0));
        assert_eq!(median(&mut []), None);
    }
}
