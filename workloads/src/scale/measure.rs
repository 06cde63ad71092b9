//! Running one workload once, in a fresh process, and reading what it
//! reported.
//!
//! Every run is a new process — `gilgamesh run` for our modes, the given
//! Python for the anchor column — so all columns are measured the same way.
//! The output protocol of a workload script:
//!
//! ```text
//! result ...                                  (any lines; checked by tests)
//! work 4000000                                (units of work done, all threads)
//! seconds 0.8123                              (wall time of the measured part)
//! merit requests_per_second 9512.3 req/s higher   (optional; the first is the headline)
//! merit spin_vs_alone 91.5 % higher              (further merits: secondary figures)
//! ```
//!
//! Without a `merit` line the figure of merit is `seconds`, lower is better.

use crate::{Counters, Mode};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The prefix of the line `gilgamesh run --stats-json` writes to stderr.
pub const STATS_PREFIX: &str = "gilgamesh-stats: ";

/// One column of a report: a lock mode of ours, or a CPython.
#[derive(Clone, Debug, PartialEq)]
pub enum Column {
    Ours(Mode),
    /// A CPython at `path`, labelled `cpython` or, when it reports a
    /// disabled GIL, `cpython-nogil`.
    CPython {
        path: String,
        label: String,
    },
}

impl Column {
    pub fn label(&self) -> String {
        match self {
            Column::Ours(m) => m.to_string(),
            Column::CPython { label, .. } => label.clone(),
        }
    }

    /// The CPython column for `python`, or why there is none.
    pub fn cpython(python: &str) -> Result<Column, String> {
        let probe = "import sys; print(getattr(sys, '_is_gil_enabled', lambda: True)())";
        let out = Command::new(python)
            .args(["-c", probe])
            .output()
            .map_err(|e| format!("cannot run '{python}': {e}"))?;
        if !out.status.success() {
            return Err(format!("'{python}' failed to start ({})", out.status));
        }
        let gil = String::from_utf8_lossy(&out.stdout).trim() != "False";
        Ok(Column::CPython {
            path: python.to_string(),
            label: if gil { "cpython" } else { "cpython-nogil" }.to_string(),
        })
    }
}

/// A figure of merit as a workload reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Merit {
    pub name: String,
    pub value: f64,
    pub unit: String,
    pub higher_is_better: bool,
}

/// What one run reported.
#[derive(Clone, Debug, PartialEq)]
pub struct RunOutput {
    pub work: f64,
    pub seconds: f64,
    /// The headline figure of merit (`seconds` when the script gives none).
    pub merit: Merit,
    /// The `merit` lines after the first, in order (`convoy`'s spinner
    /// throughput beside the echo rate).
    pub secondary: Vec<Merit>,
    /// What the lock strategy counted (our modes only).
    pub counters: Option<Counters>,
}

/// Parses a workload's stdout by the protocol above.
pub fn parse_output(stdout: &str) -> Result<RunOutput, String> {
    let mut work = None;
    let mut seconds = None;
    let mut merits = Vec::new();
    for line in stdout.lines() {
        let mut words = line.split_whitespace();
        match words.next() {
            Some("work") => work = words.next().and_then(|v| v.parse::<f64>().ok()),
            Some("seconds") => seconds = words.next().and_then(|v| v.parse::<f64>().ok()),
            Some("merit") => {
                let fields: Vec<&str> = words.collect();
                let [name, value, unit, better] = fields[..] else {
                    return Err(format!("malformed merit line '{line}'"));
                };
                let value: f64 = value
                    .parse()
                    .map_err(|_| format!("malformed merit value in '{line}'"))?;
                let higher_is_better = match better {
                    "higher" => true,
                    "lower" => false,
                    _ => return Err(format!("merit line '{line}' must end in higher|lower")),
                };
                merits.push(Merit {
                    name: name.to_string(),
                    value,
                    unit: unit.to_string(),
                    higher_is_better,
                });
            }
            _ => {}
        }
    }
    let seconds = seconds.ok_or("no `seconds <float>` line in the workload's output")?;
    let work = work.ok_or("no `work <number>` line in the workload's output")?;
    if seconds.is_nan() || seconds <= 0.0 {
        return Err(format!("the workload reported {seconds} seconds"));
    }
    let mut merits = merits.into_iter();
    let merit = merits.next();
    Ok(RunOutput {
        work,
        seconds,
        secondary: merits.collect(),
        merit: merit.unwrap_or(Merit {
            name: "seconds".into(),
            value: seconds,
            unit: "s".into(),
            higher_is_better: false,
        }),
        counters: None,
    })
}

/// Set by the Ctrl-C handler: the run in progress is killed and the sweep
/// stops.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Why a run gave no figure.
#[derive(Debug)]
pub enum RunFailure {
    Interrupted,
    /// Killed after this long.
    TimedOut(Duration),
    Failed(String),
}

impl RunFailure {
    /// What went wrong, in words.
    pub fn message(&self) -> String {
        match self {
            RunFailure::Interrupted => "interrupted".into(),
            RunFailure::TimedOut(t) => format!("timed out after {} s", t.as_secs()),
            RunFailure::Failed(e) => e.clone(),
        }
    }
}

/// Runs `script THREADS SIZE [pattern]` once under `column` (our modes
/// through `exe`, which is `gilgamesh` itself), killing it after `timeout`.
pub fn run_once(
    exe: &Path,
    column: &Column,
    script: &Path,
    pattern: Option<&str>,
    threads: usize,
    size: u64,
    timeout: Duration,
) -> Result<RunOutput, RunFailure> {
    let mut cmd = match column {
        Column::Ours(mode) => {
            let mut c = Command::new(exe);
            c.arg("run")
                .arg(script)
                .args(["--mode", mode.name(), "--stats-json", "--"]);
            c
        }
        Column::CPython { path, .. } => {
            let mut c = Command::new(path);
            c.arg(script);
            c
        }
    };
    cmd.arg(threads.to_string()).arg(size.to_string());
    cmd.args(pattern);
    let Finished {
        status,
        stdout,
        stderr,
        ..
    } = run_command(cmd, timeout)?;
    if !status.success() {
        let last = stderr
            .lines()
            .rfind(|l| !l.starts_with(STATS_PREFIX))
            .unwrap_or("");
        return Err(RunFailure::Failed(format!("failed ({status}): {last}")));
    }
    let mut output = parse_output(&stdout).map_err(RunFailure::Failed)?;
    output.counters = stderr
        .lines()
        .find_map(|l| l.strip_prefix(STATS_PREFIX))
        .and_then(|json| serde_json::from_str(json).ok());
    Ok(output)
}

/// A child process that ran to its end.
#[derive(Debug)]
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    /// Wall time from the start to the exit.
    pub elapsed: Duration,
}

/// Runs `cmd` (stdin closed, output captured), killing it after `timeout`
/// or when Ctrl-C sets [`INTERRUPTED`].
pub fn run_command(mut cmd: Command, timeout: Duration) -> Result<Finished, RunFailure> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .map_err(|e| RunFailure::Failed(format!("cannot run: {e}")))?;
    // Drain both pipes on their own threads so a chatty child never blocks.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut bytes);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let out = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let err = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {}
            Err(e) => return Err(RunFailure::Failed(format!("cannot wait: {e}"))),
        }
        let interrupted = INTERRUPTED.load(Ordering::Relaxed);
        if interrupted || start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Err(if interrupted {
                RunFailure::Interrupted
            } else {
                RunFailure::TimedOut(timeout)
            });
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = start.elapsed();
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    if INTERRUPTED.load(Ordering::Relaxed) {
        return Err(RunFailure::Interrupted);
    }
    Ok(Finished {
        status,
        stdout,
        stderr,
        elapsed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_are_the_merit_unless_a_merit_line_says_otherwise() {
        let out = parse_output("result 3\nwork 10\nseconds 1.5\n").unwrap();
        assert_eq!((out.work, out.seconds), (10.0, 1.5));
        assert_eq!(out.merit.name, "seconds");
        assert!(!out.merit.higher_is_better);

        let out = parse_output(
            "work 100\nseconds 2\nmerit requests_per_second 50.0 req/s higher\nmerit p99 3 ms lower\n",
        )
        .unwrap();
        assert_eq!(out.merit.name, "requests_per_second");
        assert_eq!(out.merit.value, 50.0);
        assert!(out.merit.higher_is_better);
        assert_eq!(out.secondary.len(), 1);
        assert_eq!(out.secondary[0].name, "p99");
        assert!(!out.secondary[0].higher_is_better);
    }

    #[test]
    fn malformed_output_is_an_error() {
        assert!(parse_output("work 10\n").is_err());
        assert!(parse_output("seconds 1\n").is_err());
        assert!(parse_output("work 1\nseconds 0\n").is_err());
        assert!(parse_output("work 1\nseconds 1\nmerit x 1 s sideways\n").is_err());
        assert!(parse_output("work 1\nseconds 1\nmerit x\n").is_err());
    }
}
