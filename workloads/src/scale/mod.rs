//! `gilgamesh scale`: the main job. It runs the workload catalog under every
//! lock mode and thread count, with CPython as the anchor column, and writes
//! a report: `results.json`, `results.csv`, `report.md` and one SVG plot per
//! workload, while the terminal shows the same tables.
//!
//! Every run is a fresh process (see [`measure`]). Each configuration gets a
//! warm-up run (not with `--quick`) and `--repeat` timed runs; records keep
//! the median, minimum and maximum. Ctrl-C kills the run in progress and
//! still writes everything measured so far.

pub mod catalog;
pub mod compare;
pub mod measure;
pub mod plot;
pub mod report;
pub mod results;

use catalog::Workload;
use indicatif::{ProgressBar, ProgressStyle};
use measure::{Column, RunFailure, INTERRUPTED};
use results::{Machine, Record, Report, Settings};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::atomic::Ordering;
use std::time::Duration;

/// Options of `gilgamesh scale`.
#[derive(clap::Args, Debug)]
pub struct ScaleArgs {
    /// Workloads to run (comma-separated); default: the whole catalog.
    #[arg(long, value_delimiter = ',')]
    workloads: Option<Vec<String>>,
    /// Columns (comma-separated): cpython, gil, gil-release, gil-io,
    /// finegrained, perobject (the naive fine-grained design, for the
    /// ablation table), and the ablation's single-technique steps
    /// perobject+deferred and perobject+globalcache.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "cpython,gil,gil-release,gil-io,finegrained,perobject"
    )]
    modes: Vec<String>,
    /// Thread counts (comma-separated); default 1..=number of CPUs (at least
    /// 2), plus one oversubscribed point at twice that (not with --quick).
    #[arg(long, value_delimiter = ',')]
    threads: Option<Vec<usize>>,
    /// Timed runs per configuration (median, min and max are reported).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Small sizes, one run, no warm-up, no oversubscribed point: a smoke
    /// test of the whole pipeline in under a minute.
    #[arg(long)]
    quick: bool,
    /// The CPython for the anchor column (default: python3 when found), or
    /// `none` to skip it.
    #[arg(long)]
    python: Option<String>,
    /// Where to write the report (default: a new timestamped directory under results/).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Where the workload scripts are (default: this crate's directory).
    #[arg(long)]
    workloads_dir: Option<PathBuf>,
    /// Seconds after which one run is killed and recorded as failed.
    #[arg(long, default_value_t = 300)]
    timeout: u64,
}

pub fn main(args: ScaleArgs) -> ExitCode {
    match run(args) {
        Ok(true) => ExitCode::SUCCESS,
        // Interrupted: what was measured is written; exit as Ctrl-C does.
        Ok(false) => ExitCode::from(130),
        Err(e) => {
            eprintln!("gilgamesh scale: {e}");
            ExitCode::from(2)
        }
    }
}

/// The columns asked for, with the CPython one resolved (or left out, with
/// a note, when the default `python3` is missing).
fn columns(modes: &[String], python: Option<&str>) -> Result<Vec<Column>, String> {
    let mut columns = Vec::new();
    for m in modes {
        if m == "cpython" {
            match python {
                Some("none") => {}
                Some(p) => columns.push(Column::cpython(p)?),
                None => match Column::cpython("python3") {
                    Ok(c) => columns.push(c),
                    Err(e) => eprintln!("gilgamesh scale: no CPython column: {e}"),
                },
            }
        } else {
            columns.push(Column::Ours(m.parse()?));
        }
    }
    if columns.is_empty() {
        return Err("no modes to run".into());
    }
    Ok(columns)
}

fn python_version(columns: &[Column]) -> Option<String> {
    columns.iter().find_map(|c| match c {
        Column::CPython { path, .. } => {
            let out = Command::new(path).arg("--version").output().ok()?;
            Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
        }
        Column::Ours(_) => None,
    })
}

/// Runs the sweep; `Ok(false)` when Ctrl-C cut it short.
fn run(args: ScaleArgs) -> Result<bool, String> {
    let dir = args
        .workloads_dir
        .clone()
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let workloads: Vec<&Workload> = match &args.workloads {
        Some(names) => names
            .iter()
            .map(|w| catalog::find(w))
            .collect::<Result<_, _>>()?,
        None => catalog::CATALOG.iter().collect(),
    };
    for w in &workloads {
        let script = dir.join(format!("{}.py", w.script()));
        if !script.exists() {
            return Err(format!("workload script {} not found", script.display()));
        }
    }
    let columns = columns(&args.modes, args.python.as_deref())?;
    let cpus = num_cpus::get();
    let threads = match &args.threads {
        Some(t) => t.clone(),
        None => {
            let mut t: Vec<usize> = (1..=cpus.max(2)).collect();
            if !args.quick {
                t.push(2 * cpus.max(2));
            }
            t
        }
    };
    if threads.is_empty() || threads.contains(&0) {
        return Err("thread counts must be at least 1".into());
    }
    let repeat = if args.quick { 1 } else { args.repeat.max(1) };
    let warmup = !args.quick;
    let out_dir = args.out.clone().unwrap_or_else(|| {
        PathBuf::from("results").join(chrono::Local::now().format("%Y%m%d-%H%M%S").to_string())
    });
    std::fs::create_dir_all(&out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let exe = std::env::current_exe().map_err(|e| format!("cannot find own executable: {e}"))?;
    ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::Relaxed))
        .map_err(|e| format!("cannot install the Ctrl-C handler: {e}"))?;

    let mut report = Report {
        machine: Machine {
            cpus,
            os: std::env::consts::OS.into(),
            arch: std::env::consts::ARCH.into(),
            date: chrono::Local::now().to_rfc3339(),
            gilgamesh_version: env!("CARGO_PKG_VERSION").into(),
            python: python_version(&columns),
        },
        settings: Settings {
            repeat,
            warmup,
            quick: args.quick,
            threads: threads.clone(),
            columns: columns.iter().map(Column::label).collect(),
            interrupted: false,
        },
        records: Vec::new(),
    };
    println!(
        "gilgamesh scale: {cpus} CPU(s); columns {}; threads {threads:?}; median of {repeat} run(s){}; writing {}",
        report.settings.columns.join(", "),
        if warmup { " after a warm-up" } else { "" },
        out_dir.display()
    );

    let runs_per_config = repeat + usize::from(warmup);
    let total = workloads.len() * columns.len() * threads.len() * runs_per_config;
    let bar = ProgressBar::new(total as u64).with_style(
        ProgressStyle::with_template(
            "{bar:30} {pos}/{len} runs, {elapsed} elapsed, ~{eta} left · {msg}",
        )
        .map_err(|e| e.to_string())?,
    );
    let timeout = Duration::from_secs(args.timeout.max(1));
    'sweep: for w in &workloads {
        let size = if args.quick { w.quick_size } else { w.size };
        let script = dir.join(format!("{}.py", w.script()));
        for column in &columns {
            for &n in &threads {
                let label = column.label();
                let mut outputs = Vec::new();
                for i in 0..runs_per_config {
                    let warm = warmup && i == 0;
                    bar.set_message(format!(
                        "{} under {label}, {n} thread(s), {}",
                        w.name,
                        if warm {
                            "warm-up".to_string()
                        } else {
                            format!("run {}/{repeat}", i + 1 - usize::from(warmup))
                        }
                    ));
                    match measure::run_once(&exe, column, &script, w.pattern(), n, size, timeout) {
                        Ok(out) if !warm => outputs.push(out),
                        Ok(_) => {}
                        Err(RunFailure::Interrupted) => break 'sweep,
                        Err(failure) => {
                            let e = failure.message();
                            bar.println(format!("  {} x{n} under {label}: {e}", w.name));
                            bar.inc((runs_per_config - i) as u64);
                            break;
                        }
                    }
                    bar.inc(1);
                }
                if !outputs.is_empty() {
                    report.records.push(Record::summarise(
                        w.name, &label, n, cpus, w.shape, size, &outputs,
                    ));
                }
            }
        }
        results::relate_to_one_thread(&mut report.records);
        bar.suspend(|| print!("{}", report::terminal(&report, w.name, w.what)));
    }
    bar.finish_and_clear();
    let interrupted = INTERRUPTED.load(Ordering::Relaxed);
    report.settings.interrupted = interrupted;
    results::relate_to_one_thread(&mut report.records);
    if let Some(t) = report::ablation_table(&report, false) {
        println!(
            "\nablation: speedup at {} threads, naive design to finegrained\n{t}",
            report::ABLATION_THREADS
        );
    }
    write_artefacts(&report, &out_dir)?;
    if interrupted {
        println!(
            "\ninterrupted: wrote what was measured ({} configuration(s)) to {}",
            report.records.len(),
            out_dir.display()
        );
    } else {
        println!("\nwrote {}", out_dir.display());
    }
    Ok(!interrupted)
}

/// `results.json`, `results.csv`, `report.md` and a plot per workload.
pub fn write_artefacts(report: &Report, dir: &Path) -> Result<(), String> {
    report.write_json(&dir.join("results.json"))?;
    report.write_csv(&dir.join("results.csv"))?;
    for w in report.workloads() {
        plot::plot(report, &w, &dir.join(format!("{w}.svg")))?;
    }
    let describe = |w: &str| {
        catalog::find(w)
            .map(|w| w.what.to_string())
            .unwrap_or_default()
    };
    let md = report::markdown(report, describe);
    std::fs::write(dir.join("report.md"), md).map_err(|e| format!("report.md: {e}"))
}
