//! `gilgamesh pyperformance`: pyperformance's pure-Python benchmarks under
//! CPython and under every lock mode, timed by a stand-in for `pyperf`.
//!
//! The benchmarks come from the pinned pyperformance release on PyPI,
//! installed once with pip into the user's cache folder ([`fetch`]). The
//! MANIFEST says which there are; those needing third-party packages or a
//! newer Python are skipped with the reason ([`discover`]). Each script runs
//! in a fresh process per column — `python3 run_benchmark.py` and
//! `gilgamesh run run_benchmark.py --mode M` — with the stand-in `pyperf`
//! (`workloads/pyperf_standin`) first on the import path of both
//! (`PYTHONPATH`, `GILGAMESH_PATH`), so both run the same fixed loop counts
//! in-process: no worker processes, no calibration. The report
//! ([`report`], [`plot`]) gives each benchmark's status, its time per loop
//! under each column, the ratio to CPython, and the geometric mean of the
//! ratios over the benchmarks that ran everywhere.

pub mod discover;
pub mod fetch;
pub mod plot;
pub mod report;
pub mod results;

use crate::scale::measure::{run_command, Column, Finished, RunFailure, INTERRUPTED};
use crate::scale::results::Machine;
use discover::Benchmark;
use indicatif::{ProgressBar, ProgressStyle};
use results::{BenchmarkRecord, Report, Run, Settings, Status};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::atomic::Ordering;
use std::time::Duration;

/// Options of `gilgamesh pyperformance`.
#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct PyperformanceArgs {
    /// Benchmarks to run (comma-separated MANIFEST names); default: every
    /// one that needs only the standard library.
    #[arg(long, value_delimiter = ',')]
    benchmarks: Option<Vec<String>>,
    /// Our modes to run beside CPython (comma-separated): gil, gil-release,
    /// gil-io, finegrained.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "gil,gil-release,gil-io,finegrained"
    )]
    modes: Vec<crate::Mode>,
    /// The CPython that runs pip and the reference column.
    #[arg(long, default_value = "python3")]
    python: String,
    /// Outer loops per timed value (the same for every column).
    #[arg(long, default_value_t = 1)]
    loops: u64,
    /// Timed values per benchmark (the median is reported).
    #[arg(long, default_value_t = 3)]
    repeat: u64,
    /// Untimed runs before the timed ones.
    #[arg(long, default_value_t = 0)]
    warmups: u64,
    /// Run N copies of each benchmark at once, one per thread, in one
    /// process, and time them together (the scaling experiment).
    #[arg(long, default_value_t = 1)]
    threads: u64,
    /// Seconds after which one benchmark's process is killed and recorded as
    /// timed out.
    #[arg(long, default_value_t = 300)]
    timeout: u64,
    /// Where to write the report (default: a new timestamped directory under
    /// results/).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Where pyperformance is downloaded to [default:
    /// $GILGAMESH_PYPERFORMANCE_CACHE, else $XDG_CACHE_HOME/gilgamesh/pyperformance,
    /// else ~/.cache/gilgamesh/pyperformance].
    #[arg(long)]
    cache: Option<PathBuf>,
    /// A pyperformance `data-files/benchmarks` folder to use instead of the
    /// download (no pip, no network).
    #[arg(long)]
    benchmarks_dir: Option<PathBuf>,
}

const AFTER_HELP: &str = concat!(
    "\
pyperformance's pure-Python benchmarks (the suite Python implementations are \
measured by), run under CPython and under each lock mode. The first run \
downloads pyperformance ",
    fetch::pyperformance_version!(),
    " from PyPI with `python3 -m pip` into the cache folder. \
Every benchmark script runs in its own process per column, with a stand-in \
for pyperf first on the import path (PYTHONPATH for CPython, GILGAMESH_PATH \
for gilgamesh): it runs --warmups, then --repeat values of --loops loops, in \
the process, so every column does the same work. With --threads N, N copies \
share the script's module globals: a benchmark that keeps its state there \
(richards) may fail or race under any implementation. Benchmarks that need \
third-party packages or a newer Python are listed as skipped, with the reason.

Writes results.json, results.csv, report.md and pyperformance.svg into --out: \
per benchmark, its status under each column (ok, failed with the error's \
first line, timed out), its time per loop, the ratio to CPython, and the \
geometric mean of the ratios over the benchmarks that ran under every column.

Examples:
  gilgamesh pyperformance --loops 1 --repeat 1
  gilgamesh pyperformance --benchmarks nqueens,richards --modes gil,finegrained --threads 4"
);

pub fn main(args: PyperformanceArgs) -> ExitCode {
    match run(args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(130),
        Err(e) => {
            eprintln!("gilgamesh pyperformance: {e}");
            ExitCode::from(2)
        }
    }
}

/// `python`'s version as (major, minor, micro), which must be CPython's.
fn cpython_version(python: &str) -> Result<((u32, u32, u32), String), String> {
    let out = Command::new(python)
        .args([
            "-c",
            "import sys; print(sys.implementation.name, *sys.version_info[:3])",
        ])
        .output()
        .map_err(|e| {
            format!("cannot run '{python}' (the CPython to compare with; see --python): {e}")
        })?;
    let text = String::from_utf8_lossy(&out.stdout);
    let words: Vec<&str> = text.split_whitespace().collect();
    let parse = |i: usize| words.get(i).and_then(|w| w.parse::<u32>().ok());
    match (words.first(), parse(1), parse(2), parse(3)) {
        (Some(&"cpython"), Some(a), Some(b), Some(c)) if out.status.success() => {
            Ok(((a, b, c), format!("Python {a}.{b}.{c}")))
        }
        _ => Err(format!(
            "'{python}' is not a working CPython (it printed '{}'); see --python",
            text.trim()
        )),
    }
}

/// Runs everything; `Ok(false)` when Ctrl-C cut it short.
fn run(args: PyperformanceArgs) -> Result<bool, String> {
    if args.loops == 0 || args.repeat == 0 || args.threads == 0 {
        return Err("--loops, --repeat and --threads must be at least 1".into());
    }
    let (version, version_text) = cpython_version(&args.python)?;
    let cpython = Column::cpython(&args.python)?;
    let mut columns = vec![cpython];
    for m in &args.modes {
        let c = Column::Ours(*m);
        if !columns.contains(&c) {
            columns.push(c);
        }
    }
    let cache = fetch::cache_dir(args.cache.as_deref())?;
    let (dir, release) = match &args.benchmarks_dir {
        Some(d) => (d.clone(), "local".to_string()),
        None => (
            fetch::benchmarks_dir(&args.python, &cache, fetch::PYPERFORMANCE_VERSION)?,
            fetch::PYPERFORMANCE_VERSION.to_string(),
        ),
    };
    // Absolute, since each script runs in its own folder.
    let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
    let found = discover::discover(&dir, version)?;
    let (benchmarks, skipped) = select(found, args.benchmarks.as_deref())?;
    let standin = fetch::write_standin(&cache)?;
    let out_dir = args.out.clone().unwrap_or_else(|| {
        PathBuf::from("results").join(format!(
            "pyperformance-{}",
            chrono::Local::now().format("%Y%m%d-%H%M%S")
        ))
    });
    std::fs::create_dir_all(&out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let exe = std::env::current_exe().map_err(|e| format!("cannot find own executable: {e}"))?;
    ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::Relaxed))
        .map_err(|e| format!("cannot install the Ctrl-C handler: {e}"))?;

    let settings = Settings {
        loops: args.loops,
        values: args.repeat,
        warmups: args.warmups,
        threads: args.threads,
        timeout_seconds: args.timeout.max(1),
        columns: columns.iter().map(Column::label).collect(),
        pyperformance: release,
        benchmarks_dir: dir.display().to_string(),
        interrupted: false,
    };
    let mut report = Report {
        machine: Machine {
            cpus: num_cpus::get(),
            os: std::env::consts::OS.into(),
            arch: std::env::consts::ARCH.into(),
            date: chrono::Local::now().to_rfc3339(),
            gilgamesh_version: env!("CARGO_PKG_VERSION").into(),
            python: Some(version_text),
        },
        settings,
        skipped,
        benchmarks: Vec::new(),
        geometric_means: Vec::new(),
    };
    println!(
        "gilgamesh pyperformance: {} benchmark(s) ({} skipped) from {}; columns {}; \
         {} loop(s) x {} value(s), {} warm-up(s), {} thread(s); writing {}",
        benchmarks.len(),
        report.skipped.len(),
        dir.display(),
        report.settings.columns.join(", "),
        args.loops,
        args.repeat,
        args.warmups,
        args.threads,
        out_dir.display()
    );
    let bar = ProgressBar::new((benchmarks.len() * columns.len()) as u64).with_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} runs, {elapsed} elapsed · {msg}")
            .map_err(|e| e.to_string())?,
    );
    let timeout = Duration::from_secs(report.settings.timeout_seconds);
    let options = stand_in_options(&args);
    'all: for b in &benchmarks {
        let mut record = BenchmarkRecord {
            name: b.name.clone(),
            runs: Vec::new(),
        };
        for column in &columns {
            let label = column.label();
            bar.set_message(format!("{} under {label}", b.name));
            let cmd = command(&exe, column, b, &options, &standin);
            match run_command(cmd, timeout) {
                Err(RunFailure::Interrupted) => break 'all,
                Err(RunFailure::TimedOut(t)) => record.runs.push(Run {
                    column: label,
                    status: Status::TimedOut,
                    error: Some(format!("timed out after {} s", t.as_secs())),
                    seconds: None,
                    ratio: None,
                    wall_seconds: t.as_secs_f64(),
                    timings: Vec::new(),
                }),
                Err(RunFailure::Failed(e)) => {
                    record
                        .runs
                        .push(Run::finished(&label, Vec::new(), Some(e), 0.0))
                }
                Ok(finished) => record.runs.push(outcome(&label, &finished)),
            }
            bar.inc(1);
        }
        record.relate_to(&report.settings.columns[0]);
        bar.suspend(|| print!("{}", report::terminal_row(&report.settings, &record)));
        report.benchmarks.push(record);
    }
    bar.finish_and_clear();
    let interrupted = INTERRUPTED.load(Ordering::Relaxed);
    report.settings.interrupted = interrupted;
    report.summarise();
    print!("{}", report::terminal_summary(&report));
    write_artefacts(&report, &out_dir)?;
    println!("\nwrote {}", out_dir.display());
    Ok(!interrupted)
}

/// The benchmarks asked for (all runnable ones by default), and the skipped
/// ones among them.
fn select(
    found: discover::Discovery,
    names: Option<&[String]>,
) -> Result<(Vec<Benchmark>, Vec<discover::Skipped>), String> {
    let Some(names) = names else {
        return Ok((found.runnable, found.skipped));
    };
    let mut runnable = Vec::new();
    let mut skipped = Vec::new();
    for name in names {
        if let Some(b) = found.runnable.iter().find(|b| &b.name == name) {
            runnable.push(b.clone());
        } else if let Some(s) = found.skipped.iter().find(|s| &s.name == name) {
            skipped.push(s.clone());
        } else {
            let mut known: Vec<&str> = found.runnable.iter().map(|b| b.name.as_str()).collect();
            known.sort_unstable();
            return Err(format!(
                "no benchmark '{name}' (runnable ones: {})",
                known.join(", ")
            ));
        }
    }
    Ok((runnable, skipped))
}

/// The stand-in's options, after the benchmark's own.
fn stand_in_options(args: &PyperformanceArgs) -> Vec<String> {
    vec![
        "--loops".into(),
        args.loops.to_string(),
        "--values".into(),
        args.repeat.to_string(),
        "--warmups".into(),
        args.warmups.to_string(),
        "--threads".into(),
        args.threads.to_string(),
    ]
}

/// `var` with `first` in front of what it already holds.
fn path_var(var: &str, first: &Path) -> OsString {
    let mut paths = vec![first.to_path_buf()];
    if let Some(old) = std::env::var_os(var) {
        paths.extend(std::env::split_paths(&old));
    }
    std::env::join_paths(paths).unwrap_or_else(|_| first.as_os_str().to_owned())
}

/// The process that runs `b` under `column`, in the script's folder.
fn command(
    exe: &Path,
    column: &Column,
    b: &Benchmark,
    options: &[String],
    standin: &Path,
) -> Command {
    let mut cmd = match column {
        Column::Ours(mode) => {
            let mut c = Command::new(exe);
            c.arg("run")
                .arg(&b.script)
                .args(["--mode", mode.name(), "--"])
                .env(
                    runtime::modules::stdlib::PATH_VAR,
                    path_var(runtime::modules::stdlib::PATH_VAR, standin),
                );
            c
        }
        Column::CPython { path, .. } => {
            let mut c = Command::new(path);
            c.arg(&b.script)
                .env("PYTHONPATH", path_var("PYTHONPATH", standin))
                // No __pycache__ folders in the benchmarks' tree.
                .env("PYTHONDONTWRITEBYTECODE", "1");
            c
        }
    };
    if let Some(folder) = b.script.parent() {
        cmd.current_dir(folder);
    }
    cmd.args(&b.extra_opts).args(options);
    cmd
}

/// What a finished process says about the benchmark.
fn outcome(column: &str, f: &Finished) -> Run {
    let wall = f.elapsed.as_secs_f64();
    if !f.status.success() {
        let why = results::error_line(&f.stderr)
            .unwrap_or_else(|| format!("exited with {} and no message", f.status));
        return Run::finished(column, Vec::new(), Some(why), wall);
    }
    match results::parse_timings(&f.stdout) {
        Ok(t) if t.is_empty() => Run::finished(
            column,
            Vec::new(),
            Some("the script ran no pyperf benchmark".into()),
            wall,
        ),
        Ok(t) => Run::finished(column, t, None, wall),
        Err(e) => Run::finished(column, Vec::new(), Some(e), wall),
    }
}

/// `results.json`, `results.csv`, `report.md` and `pyperformance.svg`.
pub fn write_artefacts(report: &Report, dir: &Path) -> Result<(), String> {
    report.write_json(&dir.join("results.json"))?;
    report.write_csv(&dir.join("results.csv"))?;
    plot::plot(report, &dir.join("pyperformance.svg"))?;
    std::fs::write(dir.join("report.md"), report::markdown(report))
        .map_err(|e| format!("report.md: {e}"))
}
