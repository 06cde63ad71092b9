//! `gilgamesh`: run Python files under a lock mode, and sweep lock modes and
//! thread counts.

use clap::{Parser, Subcommand};
use runtime::{CompileErrorKind, RunError, StrategyConfig};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use workloads::{format_stats, run_source, Mode};

#[derive(Parser)]
#[command(
    name = "gilgamesh",
    version,
    about = "What does a GIL cost and buy, compared with fine-grained locking?"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a Python file under one lock mode.
    Run {
        /// The program.
        file: PathBuf,
        /// Lock mode: gil, gil-release, gil-io, finegrained or perobject.
        #[arg(long, default_value = "gil")]
        mode: Mode,
        /// GIL switch interval in seconds (sys.setswitchinterval).
        #[arg(long, value_name = "SECONDS", value_parser = parse_interval)]
        switch_interval: Option<Duration>,
        /// Print what the lock strategy counted, to stderr.
        #[arg(long)]
        stats: bool,
        /// Print the counters as one JSON line on stderr (for `scale`).
        #[arg(long, hide = true)]
        stats_json: bool,
        /// Neither read nor write the bytecode cache (as CPython's -B; also
        /// GILGAMESH_BYTECODE_CACHE=off).
        #[arg(long)]
        no_bytecode_cache: bool,
        /// Arguments for the program (they become sys.argv after the script path).
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// Time workloads under every mode and thread count, CPython beside them.
    Scale(workloads::scale::ScaleArgs),
    /// Write report.md, results.csv and the plots again from a results.json
    /// (into the same directory).
    Report {
        /// A `results.json` written by `scale`.
        results: PathBuf,
    },
    /// pyperformance's pure-Python benchmarks under CPython and every mode,
    /// timed by a stand-in for pyperf (downloads pyperformance with pip once).
    Pyperformance(workloads::pyperformance::PyperformanceArgs),
    /// Set two `scale` results.json files side by side, with ratios.
    Compare(workloads::scale::compare::CompareArgs),
    /// Print the bytecode a Python file compiles to.
    Dis {
        /// The program.
        file: PathBuf,
    },
}

fn parse_interval(s: &str) -> Result<Duration, String> {
    let secs: f64 = s
        .parse()
        .map_err(|_| format!("'{s}' is not a number of seconds"))?;
    if secs.is_nan() || secs <= 0.0 || !secs.is_finite() {
        return Err("the switch interval must be a positive number of seconds".into());
    }
    Duration::try_from_secs_f64(secs).map_err(|e| e.to_string())
}

/// Memory that runs out raises MemoryError instead of aborting (see the
/// allocator's documentation).
#[global_allocator]
static ALLOCATOR: runtime::alloc::ReserveAllocator = runtime::alloc::ReserveAllocator;

fn main() -> ExitCode {
    runtime::alloc::restore_reserve();
    if let Some(exit) = python_command_line() {
        return exit;
    }
    let cli = Cli::parse();
    match cli.command {
        Command::Run {
            file,
            mode,
            switch_interval,
            stats,
            stats_json,
            no_bytecode_cache,
            args,
        } => {
            if no_bytecode_cache {
                runtime::code_cache::disable();
            }
            // Child processes that start "the same Python" again
            // (`sys.executable -c ...`, `-m ...`) run in the same mode. Set
            // before any thread starts, so no thread reads the environment
            // while it changes.
            std::env::set_var("GILGAMESH_MODE", mode.name());
            run(file, mode, switch_interval, (stats, stats_json), args)
        }
        Command::Scale(args) => workloads::scale::main(args),
        Command::Compare(args) => workloads::scale::compare::main(args),
        Command::Pyperformance(args) => workloads::pyperformance::main(args),
        Command::Report { results } => rerender(&results),
        Command::Dis { file } => dis(file),
    }
}

fn rerender(results: &std::path::Path) -> ExitCode {
    let dir = results.parent().unwrap_or(std::path::Path::new("."));
    match workloads::scale::results::Report::read_json(results)
        .and_then(|r| workloads::scale::write_artefacts(&r, dir))
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gilgamesh report: {e}");
            ExitCode::from(2)
        }
    }
}

fn dis(file: PathBuf) -> ExitCode {
    let filename = file.display().to_string();
    let source = match std::fs::read_to_string(&file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gilgamesh: can't open file '{filename}': {e}");
            return ExitCode::from(2);
        }
    };
    match runtime::compile::compile_module(&source) {
        Ok(unit) => {
            print!("{}", unit.disassemble());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", e.render(&filename));
            ExitCode::from(2)
        }
    }
}

/// `gilgamesh [-S] [-s] [-E] [-I] [-B] [-u] -c CODE | -m MODULE [ARG...]`: the part of
/// CPython's command line that programs use to start "the same Python" again
/// (`sys.executable`), as pyperformance's startup benchmark and subprocess
/// users do. The option flags are accepted and change nothing here; the
/// lock mode is `GILGAMESH_MODE` (default `gil`). `None` when the command
/// line is not of this form (the subcommands then parse it).
fn python_command_line() -> Option<ExitCode> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "-S" | "-s" | "-E" | "-I" | "-B" | "-u" | "-q" | "-O" | "-OO" | "-P" => i += 1,
            "-X" | "-W" => i += 2,
            "-c" | "-m" => break,
            _ => return None,
        }
    }
    let code = match (args.get(i)?.as_str(), args.get(i + 1)?) {
        // runpy's job: our importlib runs the module as `__main__`, binding
        // no name in it.
        ("-m", module) => format!("__import__('importlib')._run_module_as_main({module:?})"),
        (_, code) => code.clone(),
    };
    let mode = match std::env::var("GILGAMESH_MODE") {
        Ok(m) => match m.parse::<Mode>() {
            Ok(m) => m,
            Err(e) => {
                eprintln!("gilgamesh: GILGAMESH_MODE: {e}");
                return Some(ExitCode::from(2));
            }
        },
        Err(_) => Mode::Gil,
    };
    let mut argv = vec![args[i].clone()];
    argv.extend(args[i + 2..].iter().cloned());
    Some(execute(
        code,
        "<string>".to_string(),
        mode,
        None,
        (false, false),
        argv,
    ))
}

fn run(
    file: PathBuf,
    mode: Mode,
    switch_interval: Option<Duration>,
    (stats, stats_json): (bool, bool),
    args: Vec<String>,
) -> ExitCode {
    let filename = file.display().to_string();
    let source = match std::fs::read(&file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(_) => {
                eprintln!("gilgamesh: {filename}: the file is not valid UTF-8");
                return ExitCode::from(2);
            }
        },
        Err(e) => {
            eprintln!("gilgamesh: can't open file '{filename}': {e}");
            return ExitCode::from(2);
        }
    };
    let mut argv = vec![filename.clone()];
    argv.extend(args);
    execute(
        source,
        filename,
        mode,
        switch_interval,
        (stats, stats_json),
        argv,
    )
}

/// Runs `source` as `__main__` on an interpreter thread and reports how it
/// ended.
fn execute(
    source: String,
    filename: String,
    mode: Mode,
    switch_interval: Option<Duration>,
    (stats, stats_json): (bool, bool),
    argv: Vec<String>,
) -> ExitCode {
    let mut config = StrategyConfig::default();
    if let Some(i) = switch_interval {
        config.switch_interval = i;
    }
    // The main Python thread gets the same large stack as the threads it starts.
    let worker = std::thread::Builder::new()
        .stack_size(runtime::modules::threading::PYTHON_THREAD_STACK)
        .spawn(move || {
            runtime::internal_error::exit_on_panic();
            run_source(mode, config, &source, &filename, argv)
        });
    let outcome = match worker.map(|h| h.join()) {
        Ok(Ok(outcome)) => outcome,
        _ => {
            eprintln!("gilgamesh: internal error: the interpreter thread failed");
            return ExitCode::from(70);
        }
    };
    if stats {
        eprint!("{}", format_stats(mode, &outcome.stats, &outcome.gc));
    }
    if stats_json {
        let counters = workloads::Counters::new(&outcome.stats, &outcome.gc);
        if let Ok(json) = serde_json::to_string(&counters) {
            eprintln!("{}{json}", workloads::scale::measure::STATS_PREFIX);
        }
    }
    match outcome.result {
        Ok(()) => ExitCode::SUCCESS,
        Err(RunError::Compile { filename, error }) => {
            eprintln!("{}", error.render(&filename));
            let _ = error.kind == CompileErrorKind::Syntax;
            ExitCode::from(2)
        }
        Err(RunError::Exit { code, message }) => {
            if let Some(m) = message {
                eprintln!("{m}");
            }
            // C's exit(code) keeps the low 8 bits: -1 is 255, 256 is 0.
            ExitCode::from(code as u8)
        }
        Err(e @ RunError::Io { .. }) => {
            eprintln!("gilgamesh: {e}");
            ExitCode::from(2)
        }
        Err(RunError::Exception { traceback, .. }) => {
            eprint!("{traceback}");
            ExitCode::from(1)
        }
    }
}
