//! The measured records of a sweep, and the `results.json` / `results.csv`
//! files they are written to (and read back from by `gilgamesh compare`).

use super::catalog::Shape;
use super::measure::{Merit, RunOutput};
use crate::Counters;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Everything one `gilgamesh scale` run measured.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Report {
    pub machine: Machine,
    pub settings: Settings,
    pub records: Vec<Record>,
}

/// Where the figures come from.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Machine {
    pub cpus: usize,
    pub os: String,
    pub arch: String,
    /// Local time the sweep started, RFC 3339.
    pub date: String,
    pub gilgamesh_version: String,
    /// `python --version` of the anchor column, if there is one.
    pub python: Option<String>,
}

/// How the sweep was run.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Settings {
    pub repeat: usize,
    pub warmup: bool,
    pub quick: bool,
    pub threads: Vec<usize>,
    pub columns: Vec<String>,
    /// True when Ctrl-C stopped the sweep before the end.
    pub interrupted: bool,
}

/// One workload under one column at one thread count.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Record {
    pub workload: String,
    /// Our mode (`gil`, `gil-release`, `gil-io`, `finegrained`, `perobject`)
    /// or `cpython`.
    pub mode: String,
    pub threads: usize,
    /// More threads than CPUs.
    pub oversubscribed: bool,
    pub interference: bool,
    pub size: u64,
    /// Seconds of every timed run, in the order they ran.
    pub runs: Vec<f64>,
    pub median_seconds: f64,
    pub min_seconds: f64,
    pub max_seconds: f64,
    pub work: f64,
    /// The headline figure of merit, median of the runs.
    pub merit: Merit,
    pub merit_min: f64,
    pub merit_max: f64,
    /// Throughput (work / seconds) against the same column at one thread.
    pub speedup: Option<f64>,
    /// `speedup / threads`.
    pub efficiency: Option<f64>,
    /// The figure of merit against the same column at one thread.
    pub merit_vs_one_thread: Option<f64>,
    /// The strategy's counters, from the median run (our modes only).
    pub counters: Option<Counters>,
    /// The secondary figures of merit (`merit` lines after the first), each
    /// the median of the runs that reported it.
    #[serde(default)]
    pub secondary: Vec<Merit>,
}

/// Each secondary merit (by name, in the order first reported) with the
/// median of its values over `runs`.
fn secondary_medians(runs: &[RunOutput]) -> Vec<Merit> {
    let mut out: Vec<Merit> = Vec::new();
    for m in runs.iter().flat_map(|r| &r.secondary) {
        if out.iter().all(|o| o.name != m.name) {
            let values: Vec<f64> = runs
                .iter()
                .flat_map(|r| &r.secondary)
                .filter(|o| o.name == m.name)
                .map(|o| o.value)
                .collect();
            out.push(Merit {
                value: median(&values).unwrap_or(f64::NAN),
                ..m.clone()
            });
        }
    }
    out
}

/// The median (upper median for an even count) of `v`.
pub fn median(v: &[f64]) -> Option<f64> {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied()
}

impl Record {
    /// Summarises the repeats of one configuration (`runs` is not empty).
    pub fn summarise(
        workload: &str,
        mode: &str,
        threads: usize,
        cpus: usize,
        shape: Shape,
        size: u64,
        runs: &[RunOutput],
    ) -> Record {
        let seconds: Vec<f64> = runs.iter().map(|r| r.seconds).collect();
        let merits: Vec<f64> = runs.iter().map(|r| r.merit.value).collect();
        let median_seconds = median(&seconds).unwrap_or(f64::NAN);
        let median_run = runs
            .iter()
            .find(|r| r.seconds == median_seconds)
            .unwrap_or(&runs[0]);
        let min = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
        let max = |v: &[f64]| v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Record {
            workload: workload.to_string(),
            mode: mode.to_string(),
            threads,
            oversubscribed: threads > cpus,
            interference: shape == Shape::Interference,
            size,
            runs: seconds.clone(),
            median_seconds,
            min_seconds: min(&seconds),
            max_seconds: max(&seconds),
            work: median_run.work,
            merit: Merit {
                value: median(&merits).unwrap_or(f64::NAN),
                ..median_run.merit.clone()
            },
            merit_min: min(&merits),
            merit_max: max(&merits),
            speedup: None,
            efficiency: None,
            merit_vs_one_thread: None,
            counters: median_run.counters.clone(),
            secondary: secondary_medians(runs),
        }
    }

    pub fn throughput(&self) -> f64 {
        self.work / self.median_seconds
    }
}

/// Fills in speedup, efficiency and merit ratio of every record whose
/// workload and mode also have a one-thread record.
pub fn relate_to_one_thread(records: &mut [Record]) {
    let bases: Vec<(String, String, f64, f64)> = records
        .iter()
        .filter(|r| r.threads == 1)
        .map(|r| {
            (
                r.workload.clone(),
                r.mode.clone(),
                r.throughput(),
                r.merit.value,
            )
        })
        .collect();
    for r in records.iter_mut() {
        if let Some((_, _, throughput, merit)) = bases
            .iter()
            .find(|(w, m, _, _)| *w == r.workload && *m == r.mode)
        {
            let speedup = r.throughput() / throughput;
            r.speedup = Some(speedup);
            r.efficiency = Some(speedup / r.threads as f64);
            r.merit_vs_one_thread = Some(r.merit.value / merit);
        }
    }
}

impl Report {
    pub fn write_json(&self, path: &Path) -> Result<(), String> {
        let text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn read_json(path: &Path) -> Result<Report, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a gilgamesh results.json: {e}", path.display()))
    }

    /// One flat row per record.
    pub fn write_csv(&self, path: &Path) -> Result<(), String> {
        let err = |e: csv::Error| format!("{}: {e}", path.display());
        let mut w = csv::Writer::from_path(path).map_err(err)?;
        w.write_record([
            "workload",
            "mode",
            "threads",
            "oversubscribed",
            "size",
            "median_seconds",
            "min_seconds",
            "max_seconds",
            "work",
            "merit",
            "merit_unit",
            "merit_median",
            "merit_min",
            "merit_max",
            "speedup",
            "efficiency",
            "gil_acquisitions",
            "gil_switches",
            "forced_switches",
            "drop_requests",
            "gil_wait_ms",
            "contended_object_locks",
            "gc_collections",
            "gc_collected",
            "gc_longest_pause_ms",
            "gc_total_pause_ms",
        ])
        .map_err(err)?;
        let opt = |v: Option<f64>| v.map(|x| format!("{x:.4}")).unwrap_or_default();
        for r in &self.records {
            let c = r.counters.as_ref();
            let counter = |f: fn(&Counters) -> u64| c.map(|c| f(c).to_string()).unwrap_or_default();
            w.write_record([
                r.workload.clone(),
                r.mode.clone(),
                r.threads.to_string(),
                r.oversubscribed.to_string(),
                r.size.to_string(),
                format!("{:.6}", r.median_seconds),
                format!("{:.6}", r.min_seconds),
                format!("{:.6}", r.max_seconds),
                r.work.to_string(),
                r.merit.name.clone(),
                r.merit.unit.clone(),
                format!("{:.6}", r.merit.value),
                format!("{:.6}", r.merit_min),
                format!("{:.6}", r.merit_max),
                opt(r.speedup),
                opt(r.efficiency),
                counter(|c| c.gil_acquisitions),
                counter(|c| c.gil_switches),
                counter(|c| c.forced_switches),
                counter(|c| c.drop_requests),
                c.map(|c| format!("{:.3}", c.gil_wait_ns as f64 / 1e6))
                    .unwrap_or_default(),
                counter(|c| c.contended_object_locks),
                counter(|c| c.gc_collections),
                counter(|c| c.gc_collected),
                c.map(|c| format!("{:.3}", c.gc_longest_pause_ns as f64 / 1e6))
                    .unwrap_or_default(),
                c.map(|c| format!("{:.3}", c.gc_total_pause_ns as f64 / 1e6))
                    .unwrap_or_default(),
            ])
            .map_err(err)?;
        }
        w.flush().map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The workloads in the order they were measured.
    pub fn workloads(&self) -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        for r in &self.records {
            if !seen.contains(&r.workload) {
                seen.push(r.workload.clone());
            }
        }
        seen
    }

    /// The record of one configuration, if it was measured.
    pub fn find(&self, workload: &str, mode: &str, threads: usize) -> Option<&Record> {
        self.records
            .iter()
            .find(|r| r.workload == workload && r.mode == mode && r.threads == threads)
    }

    /// Any record of `workload` at `threads` threads.
    pub fn find_any(&self, workload: &str, threads: usize) -> Option<&Record> {
        self.records
            .iter()
            .find(|r| r.workload == workload && r.threads == threads)
    }

    /// The modes measured for `workload`, in column order.
    pub fn modes(&self, workload: &str) -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        for c in &self.settings.columns {
            if self
                .records
                .iter()
                .any(|r| r.workload == workload && r.mode == *c)
            {
                seen.push(c.clone());
            }
        }
        seen
    }

    /// The thread counts measured for `workload`, ascending.
    pub fn thread_counts(&self, workload: &str) -> Vec<usize> {
        let mut t: Vec<usize> = self
            .records
            .iter()
            .filter(|r| r.workload == workload)
            .map(|r| r.threads)
            .collect();
        t.sort_unstable();
        t.dedup();
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(work: f64, seconds: f64) -> RunOutput {
        super::super::measure::parse_output(&format!("work {work}\nseconds {seconds}\n")).unwrap()
    }

    #[test]
    fn median_of_odd_and_even() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0]), Some(4.0));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn speedup_is_the_throughput_ratio_to_one_thread() {
        let one = Record::summarise("w", "gil", 1, 2, Shape::Scaling, 10, &[run(10.0, 1.0)]);
        // Two threads do twice the work in 1.25 s: 1.6x.
        let two = Record::summarise(
            "w",
            "gil",
            2,
            2,
            Shape::Scaling,
            10,
            &[run(20.0, 1.5), run(20.0, 1.25), run(20.0, 1.0)],
        );
        let mut records = vec![one, two];
        relate_to_one_thread(&mut records);
        assert_eq!(records[1].median_seconds, 1.25);
        assert_eq!(records[1].min_seconds, 1.0);
        assert_eq!(records[1].max_seconds, 1.5);
        assert!((records[1].speedup.unwrap() - 1.6).abs() < 1e-9);
        assert!((records[1].efficiency.unwrap() - 0.8).abs() < 1e-9);
        assert_eq!(records[0].speedup, Some(1.0));
        assert!(!records[1].oversubscribed);
    }
}
