//! What `gilgamesh pyperformance` measured: the stand-in's result lines, one
//! outcome per benchmark and column, the ratios to CPython and their
//! geometric mean, and the `results.json` / `results.csv` files.

use super::discover::Skipped;
use crate::scale::results::{median, Machine};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The first field of the stand-in's result lines (see
/// `pyperf_standin/pyperf/__init__.py`).
pub const RESULT_PREFIX: &str = "gilgamesh-pyperf";

/// One `bench_*` call's timings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timing {
    /// The name the script gave the benchmark.
    pub name: String,
    pub loops: u64,
    pub inner_loops: u64,
    pub threads: u64,
    /// Wall time of each timed value: all threads running `loops` loops.
    pub values: Vec<f64>,
}

impl Timing {
    /// Seconds per loop (and per inner loop), median over the values, as
    /// pyperf reports: with N threads it is the time N copies took together.
    pub fn seconds_per_loop(&self) -> f64 {
        let median = median(&self.values).unwrap_or(f64::NAN);
        median / (self.loops.max(1) * self.inner_loops.max(1)) as f64
    }
}

/// The stand-in's result lines in a script's stdout; other lines (what the
/// benchmark prints itself) are ignored.
pub fn parse_timings(stdout: &str) -> Result<Vec<Timing>, String> {
    let mut out = Vec::new();
    for line in stdout.lines() {
        let mut fields = line.split('\t');
        if fields.next() != Some(RESULT_PREFIX) {
            continue;
        }
        let bad = || format!("malformed stand-in result line '{line}'");
        let rest: Vec<&str> = fields.collect();
        let [name, loops, inner, threads, values] = rest[..] else {
            return Err(bad());
        };
        let number = |s: &str| s.parse::<u64>().map_err(|_| bad());
        let values: Vec<f64> = values
            .split(',')
            .map(|v| v.parse::<f64>().map_err(|_| bad()))
            .collect::<Result<_, _>>()?;
        if values.iter().any(|v| !v.is_finite() || *v < 0.0) {
            return Err(bad());
        }
        out.push(Timing {
            name: name.to_string(),
            loops: number(loops)?,
            inner_loops: number(inner)?,
            threads: number(threads)?,
            values,
        });
    }
    Ok(out)
}

/// The line that says why a run failed: the first line of the last
/// exception in a traceback (`ModuleNotFoundError: No module named 're'`),
/// else the last non-empty line of stderr.
pub fn error_line(stderr: &str) -> Option<String> {
    let lines: Vec<&str> = stderr.lines().collect();
    if let Some(start) = lines
        .iter()
        .rposition(|l| l.starts_with("Traceback (most recent call last):"))
    {
        // Frames are indented; the exception's first line is not.
        if let Some(l) = lines[start + 1..]
            .iter()
            .find(|l| !l.is_empty() && !l.starts_with(' '))
        {
            return Some(l.trim_end().to_string());
        }
    }
    lines
        .iter()
        .rev()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
        .map(str::to_string)
}

/// How one benchmark ended under one column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    Failed,
    TimedOut,
}

/// One benchmark under one column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// `cpython` or one of our modes.
    pub column: String,
    pub status: Status,
    /// Why it failed or timed out.
    pub error: Option<String>,
    /// The sum over the script's `bench_*` calls of seconds per loop.
    pub seconds: Option<f64>,
    /// This time against CPython's (our modes, when both ran).
    pub ratio: Option<f64>,
    /// The whole process, start-up and imports included.
    pub wall_seconds: f64,
    pub timings: Vec<Timing>,
}

impl Run {
    /// A run that ended with `timings` (status ok) or `error`.
    pub fn finished(
        column: &str,
        timings: Vec<Timing>,
        error: Option<String>,
        wall_seconds: f64,
    ) -> Run {
        let ok = error.is_none();
        Run {
            column: column.to_string(),
            status: if ok { Status::Ok } else { Status::Failed },
            seconds: ok.then(|| timings.iter().map(Timing::seconds_per_loop).sum()),
            error,
            ratio: None,
            wall_seconds,
            timings,
        }
    }
}

/// Every column's run of one benchmark.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenchmarkRecord {
    pub name: String,
    pub runs: Vec<Run>,
}

impl BenchmarkRecord {
    pub fn run(&self, column: &str) -> Option<&Run> {
        self.runs.iter().find(|r| r.column == column)
    }

    /// Fills in each run's ratio to the `cpython` column.
    pub fn relate_to(&mut self, cpython: &str) {
        let base = self
            .run(cpython)
            .and_then(|r| r.seconds)
            .filter(|s| *s > 0.0);
        for r in &mut self.runs {
            r.ratio = match (base, r.seconds) {
                (Some(b), Some(s)) if r.column != cpython => Some(s / b),
                _ => None,
            };
        }
    }
}

/// How the benchmarks were run.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Settings {
    pub loops: u64,
    pub values: u64,
    pub warmups: u64,
    pub threads: u64,
    pub timeout_seconds: u64,
    /// The CPython column first, then our modes.
    pub columns: Vec<String>,
    /// The pyperformance version, or `local` for `--benchmarks-dir`.
    pub pyperformance: String,
    pub benchmarks_dir: String,
    pub interrupted: bool,
}

/// A column's geometric mean of ratios to CPython.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GeoMean {
    pub column: String,
    pub ratio: f64,
    /// Over how many benchmarks (those that ran under every column).
    pub benchmarks: usize,
}

/// Everything one `gilgamesh pyperformance` run produced.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Report {
    pub machine: Machine,
    pub settings: Settings,
    pub skipped: Vec<Skipped>,
    pub benchmarks: Vec<BenchmarkRecord>,
    pub geometric_means: Vec<GeoMean>,
}

/// The geometric mean of `values` (`None` when empty).
pub fn geometric_mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let log_sum: f64 = values.iter().map(|v| v.ln()).sum();
    Some((log_sum / values.len() as f64).exp())
}

impl Report {
    /// The benchmarks that ran to the end under every column.
    pub fn everywhere(&self) -> Vec<&BenchmarkRecord> {
        self.benchmarks
            .iter()
            .filter(|b| {
                self.settings.columns.iter().all(|c| {
                    b.run(c)
                        .is_some_and(|r| r.status == Status::Ok && r.seconds.is_some())
                })
            })
            .collect()
    }

    /// Fills in [`Report::geometric_means`]: for each of our columns, over
    /// the benchmarks that ran everywhere.
    pub fn summarise(&mut self) {
        let everywhere = self.everywhere();
        let mut means = Vec::new();
        for column in self.settings.columns.iter().skip(1) {
            let ratios: Vec<f64> = everywhere
                .iter()
                .filter_map(|b| b.run(column).and_then(|r| r.ratio))
                .collect();
            if let Some(ratio) = geometric_mean(&ratios) {
                means.push(GeoMean {
                    column: column.clone(),
                    ratio,
                    benchmarks: ratios.len(),
                });
            }
        }
        self.geometric_means = means;
    }

    pub fn write_json(&self, path: &Path) -> Result<(), String> {
        let text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn read_json(path: &Path) -> Result<Report, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}: not a gilgamesh pyperformance results.json: {e}",
                path.display()
            )
        })
    }

    /// One row per benchmark and column, then one per skipped benchmark.
    pub fn write_csv(&self, path: &Path) -> Result<(), String> {
        let err = |e: csv::Error| format!("{}: {e}", path.display());
        let mut w = csv::Writer::from_path(path).map_err(err)?;
        w.write_record([
            "benchmark",
            "column",
            "status",
            "seconds_per_loop",
            "ratio_to_cpython",
            "wall_seconds",
            "threads",
            "error",
        ])
        .map_err(err)?;
        let opt =
            |v: Option<f64>, digits: usize| v.map(|x| format!("{x:.digits$}")).unwrap_or_default();
        for b in &self.benchmarks {
            for r in &b.runs {
                let status = match r.status {
                    Status::Ok => "ok",
                    Status::Failed => "failed",
                    Status::TimedOut => "timed_out",
                };
                w.write_record([
                    b.name.clone(),
                    r.column.clone(),
                    status.to_string(),
                    opt(r.seconds, 9),
                    opt(r.ratio, 4),
                    format!("{:.3}", r.wall_seconds),
                    self.settings.threads.to_string(),
                    r.error.clone().unwrap_or_default(),
                ])
                .map_err(err)?;
            }
        }
        for s in &self.skipped {
            w.write_record([
                s.name.as_str(),
                "",
                "skipped",
                "",
                "",
                "",
                "",
                s.reason.as_str(),
            ])
            .map_err(err)?;
        }
        w.flush().map_err(|e| format!("{}: {e}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_lines_among_the_benchmarks_own_output() {
        let out = "hello\ngilgamesh-pyperf\tnq\t2\t1\t1\t0.5,0.25,0.75\n\
                   gilgamesh-pyperf\tfast\t4\t10\t2\t2.0\nbye\n";
        let t = parse_timings(out).unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].values, [0.5, 0.25, 0.75]);
        // Median 0.5 over 2 loops.
        assert_eq!(t[0].seconds_per_loop(), 0.25);
        // 2.0 s over 4 loops of 10 inner loops.
        assert_eq!(t[1].seconds_per_loop(), 0.05);
        assert_eq!(t[1].threads, 2);
        assert!(parse_timings("nothing here\n").unwrap().is_empty());
        for bad in [
            "gilgamesh-pyperf\tnq\t2\t1\t0.5\n",
            "gilgamesh-pyperf\tnq\tx\t1\t1\t0.5\n",
            "gilgamesh-pyperf\tnq\t2\t1\t1\t0.5,oops\n",
            "gilgamesh-pyperf\tnq\t2\t1\t1\tnan\n",
        ] {
            assert!(parse_timings(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_error_line_is_the_last_exceptions_first_line() {
        let tb = "Traceback (most recent call last):\n  File \"a.py\", line 1, in <module>\n    \
                  import re\nKeyError: 'x'\n\nDuring handling of the above exception, another \
                  exception occurred:\n\nTraceback (most recent call last):\n  File \"a.py\", \
                  line 3, in <module>\n    import re\nModuleNotFoundError: No module named 're'\n\
                  second line of the message\n";
        assert_eq!(
            error_line(tb).as_deref(),
            Some("ModuleNotFoundError: No module named 're'")
        );
        assert_eq!(
            error_line("warning\ngilgamesh: internal error\n\n").as_deref(),
            Some("gilgamesh: internal error")
        );
        assert_eq!(error_line("\n  \n"), None);
    }

    fn run(column: &str, seconds: Option<f64>) -> Run {
        let timings = seconds
            .map(|s| {
                vec![Timing {
                    name: "b".into(),
                    loops: 1,
                    inner_loops: 1,
                    threads: 1,
                    values: vec![s],
                }]
            })
            .unwrap_or_default();
        let error = seconds.is_none().then(|| "E: boom".to_string());
        Run::finished(column, timings, error, 1.0)
    }

    #[test]
    fn ratios_and_the_geometric_mean_over_benchmarks_that_ran_everywhere() {
        assert_eq!(geometric_mean(&[]), None);
        assert!((geometric_mean(&[2.0, 8.0]).unwrap() - 4.0).abs() < 1e-12);

        let mut a = BenchmarkRecord {
            name: "a".into(),
            runs: vec![run("cpython", Some(1.0)), run("gil", Some(2.0))],
        };
        let mut b = BenchmarkRecord {
            name: "b".into(),
            runs: vec![run("cpython", Some(2.0)), run("gil", Some(16.0))],
        };
        // Failed under gil: it has no ratio and is left out of the mean.
        let mut c = BenchmarkRecord {
            name: "c".into(),
            runs: vec![run("cpython", Some(1.0)), run("gil", None)],
        };
        for r in [&mut a, &mut b, &mut c] {
            r.relate_to("cpython");
        }
        assert_eq!(a.run("gil").unwrap().ratio, Some(2.0));
        assert_eq!(a.run("cpython").unwrap().ratio, None);
        assert_eq!(c.run("gil").unwrap().ratio, None);
        assert_eq!(c.run("gil").unwrap().status, Status::Failed);

        let mut report = Report {
            machine: Machine {
                cpus: 1,
                os: "linux".into(),
                arch: "x86_64".into(),
                date: "now".into(),
                gilgamesh_version: "0".into(),
                python: None,
            },
            settings: Settings {
                loops: 1,
                values: 1,
                warmups: 0,
                threads: 1,
                timeout_seconds: 1,
                columns: vec!["cpython".into(), "gil".into()],
                pyperformance: "local".into(),
                benchmarks_dir: ".".into(),
                interrupted: false,
            },
            skipped: vec![],
            benchmarks: vec![a, b, c],
            geometric_means: vec![],
        };
        report.summarise();
        assert_eq!(report.everywhere().len(), 2);
        let gm = &report.geometric_means[0];
        assert_eq!((gm.column.as_str(), gm.benchmarks), ("gil", 2));
        // sqrt(2 * 8) = 4.
        assert!((gm.ratio - 4.0).abs() < 1e-12);
    }
}
