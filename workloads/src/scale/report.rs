//! Tables and findings: the same tables on the terminal and in `report.md`.

use super::results::{Record, Report};

/// A figure with its unit, to a sensible number of digits.
pub fn format_merit(value: f64, unit: &str) -> String {
    let digits = match value.abs() {
        v if v >= 1000.0 => 0,
        v if v >= 100.0 => 1,
        v if v >= 1.0 => 2,
        _ => 3,
    };
    if unit == "s" {
        format!("{value:.3}s")
    } else {
        format!("{value:.digits$} {unit}")
    }
}

/// The text of one table cell.
fn cell(r: Option<&Record>) -> String {
    let Some(r) = r else {
        return "-".into();
    };
    let merit = format_merit(r.merit.value, &r.merit.unit);
    if r.interference {
        match r.merit_vs_one_thread {
            Some(ratio) if r.threads > 1 => format!("{merit} ({ratio:.2}x)"),
            _ => merit,
        }
    } else {
        match r.speedup {
            Some(s) => format!("{s:.2}x {merit}"),
            None => merit,
        }
    }
}

/// The caption under a workload's heading: what the cells mean.
fn legend(report: &Report, workload: &str) -> String {
    let Some(first) = report.records.iter().find(|r| r.workload == workload) else {
        return String::new();
    };
    if first.interference {
        format!(
            "Cells: {} (median of repeats) and, in brackets, its ratio to the same mode at one thread. \
             N threads = the probe beside N-1 CPU-bound threads.",
            first.merit.name
        )
    } else {
        format!(
            "Cells: speedup (throughput at N threads / at 1 thread; ideal N) and {} (median of repeats). \
             Each thread does the same fixed work (size {}).",
            first.merit.name, first.size
        )
    }
}

/// Rows = thread counts, columns = modes, as Markdown or as plain text.
pub fn table(report: &Report, workload: &str, markdown: bool) -> String {
    let modes = report.modes(workload);
    let threads = report.thread_counts(workload);
    let mut rows: Vec<Vec<String>> = vec![std::iter::once("threads".to_string())
        .chain(modes.iter().cloned())
        .collect()];
    for &n in &threads {
        let over = report
            .records
            .iter()
            .any(|r| r.workload == workload && r.threads == n && r.oversubscribed);
        let label = if over { format!("{n}*") } else { n.to_string() };
        let mut row = vec![label];
        for m in &modes {
            row.push(cell(report.find(workload, m, n)));
        }
        rows.push(row);
    }
    let mut out = render(&rows, markdown);
    if threads.iter().any(|&n| {
        report
            .find_any(workload, n)
            .is_some_and(|r| r.oversubscribed)
    }) {
        out.push_str(if markdown {
            "\n\\* oversubscribed: more threads than CPUs\n"
        } else {
            "  * oversubscribed: more threads than CPUs\n"
        });
    }
    out
}

/// Renders rows (the first is the header) as an aligned text table or a
/// Markdown table.
pub fn render(rows: &[Vec<String>], markdown: bool) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = (0..cols)
            .map(|c| {
                let s = row.get(c).map(String::as_str).unwrap_or("");
                format!("{s:>w$}", w = widths[c])
            })
            .collect();
        if markdown {
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
            if i == 0 {
                // Right-aligned columns: `---:`.
                let rule: Vec<String> = widths
                    .iter()
                    .map(|&w| format!(" {}: ", "-".repeat(w.max(2) - 1)))
                    .collect();
                out.push_str(&format!("|{}|\n", rule.join("|")));
            }
        } else {
            out.push_str(&format!("  {}\n", cells.join(" | ")));
            if i == 0 {
                let total: usize = widths.iter().sum::<usize>() + 3 * (cols.saturating_sub(1));
                out.push_str(&format!("  {}\n", "-".repeat(total)));
            }
        }
    }
    out
}

/// A sentence or two on what the table shows, written from the figures.
pub fn finding(report: &Report, workload: &str) -> String {
    let modes = report.modes(workload);
    let threads = report.thread_counts(workload);
    // The largest thread count that does not oversubscribe the machine.
    let Some(&n) = threads
        .iter()
        .filter(|&&n| {
            n > 1
                && report
                    .find_any(workload, n)
                    .is_some_and(|r| !r.oversubscribed)
        })
        .max()
    else {
        return "Only one thread count was measured: no scaling finding.".into();
    };
    let at_n: Vec<&Record> = modes
        .iter()
        .filter_map(|m| report.find(workload, m, n))
        .collect();
    let mut text = if at_n.first().is_some_and(|r| r.interference) {
        let merit = &at_n[0].merit;
        let parts: Vec<String> = at_n
            .iter()
            .filter_map(|r| {
                let alone = report.find(workload, &r.mode, 1)?;
                Some(format!(
                    "{} {:.2}x ({} → {})",
                    r.mode,
                    r.merit_vs_one_thread?,
                    format_merit(alone.merit.value, &alone.merit.unit),
                    format_merit(r.merit.value, &r.merit.unit)
                ))
            })
            .collect();
        let mut text = format!(
            "{} beside {} CPU-bound thread(s), against the probe alone: {}.",
            merit.name,
            n - 1,
            parts.join("; ")
        );
        // Secondary figures at n threads (convoy: the CPU-bound threads'
        // throughput beside the probe, against running without it).
        let secondary: Vec<String> = at_n
            .iter()
            .filter(|r| !r.secondary.is_empty())
            .map(|r| {
                let figures: Vec<String> = r
                    .secondary
                    .iter()
                    .map(|m| format!("{} {}", m.name, format_merit(m.value, &m.unit)))
                    .collect();
                format!("{} {}", r.mode, figures.join(", "))
            })
            .collect();
        if !secondary.is_empty() {
            text.push_str(&format!(" At {n} threads: {}.", secondary.join("; ")));
        }
        text
    } else {
        let parts: Vec<String> = at_n
            .iter()
            .filter_map(|r| Some(format!("{} {:.2}x", r.mode, r.speedup?)))
            .collect();
        format!("Speedup at {n} threads (ideal {n}x): {}.", parts.join("; "))
    };
    // One-thread cost of each of our modes against CPython's.
    if let Some(cpython) = modes
        .iter()
        .find(|m| m.starts_with("cpython"))
        .and_then(|m| report.find(workload, m, 1))
    {
        let parts: Vec<String> = modes
            .iter()
            .filter(|m| !m.starts_with("cpython"))
            .filter_map(|m| report.find(workload, m, 1))
            .map(|r| {
                format!(
                    "{} {:.2}x",
                    r.mode,
                    r.median_seconds / cpython.median_seconds
                )
            })
            .collect();
        if !parts.is_empty() && !at_n[0].interference {
            text.push_str(&format!(
                " One thread, time against {}: {}.",
                cpython.mode,
                parts.join("; ")
            ));
        }
    }
    text
}

/// What the lock strategies counted at the largest thread count.
fn counters_table(report: &Report, workload: &str) -> Option<String> {
    let n = *report.thread_counts(workload).last()?;
    let mut rows = vec![vec![
        format!("mode @ {n} threads"),
        "gil acquisitions".into(),
        "switches".into(),
        "forced switches".into(),
        "drop requests".into(),
        "gil wait".into(),
        "contended object locks".into(),
        "gc collections".into(),
        "gc longest pause".into(),
    ]];
    for m in report.modes(workload) {
        let Some(c) = report
            .find(workload, &m, n)
            .and_then(|r| r.counters.as_ref())
        else {
            continue;
        };
        rows.push(vec![
            m.clone(),
            c.gil_acquisitions.to_string(),
            c.gil_switches.to_string(),
            c.forced_switches.to_string(),
            c.drop_requests.to_string(),
            format!("{:.1} ms", c.gil_wait_ns as f64 / 1e6),
            c.contended_object_locks.to_string(),
            c.gc_collections.to_string(),
            format!("{:.3} ms", c.gc_longest_pause_ns as f64 / 1e6),
        ]);
    }
    (rows.len() > 1).then(|| render(&rows, true))
}

/// The ablation ladder of the fine-grained design: the naive design
/// (`perobject`), then each technique of `finegrained::FineGrainedWith`
/// switched on alone (a mode of its own: `workloads::Mode::ABLATION`), then
/// all of them (`finegrained`). Each entry: the mode and the column's
/// heading. A step that was not measured shows `-`.
pub const ABLATION: [(&str, &str); 4] = [
    ("perobject", "perobject (naive)"),
    ("perobject+deferred", "+ deferred shared"),
    ("perobject+globalcache", "+ global-name cache"),
    ("finegrained", "all = finegrained"),
];

/// The thread count the ablation table compares at.
pub const ABLATION_THREADS: usize = 2;

/// The ablation table: for every throughput workload measured under the
/// ladder's first and last modes at [`ABLATION_THREADS`] threads, the
/// speedup there under each mode of [`ABLATION`], then the one-thread time
/// of all the techniques against none. `None` when no workload qualifies.
pub fn ablation_table(report: &Report, markdown: bool) -> Option<String> {
    let n = ABLATION_THREADS;
    let (naive, _) = ABLATION[0];
    let (all, _) = ABLATION[ABLATION.len() - 1];
    let mut rows: Vec<Vec<String>> = vec![std::iter::once(format!("workload @ {n} threads"))
        .chain(ABLATION.iter().map(|(_, heading)| heading.to_string()))
        .chain(std::iter::once(format!("1 thread: {all} / {naive} time")))
        .collect()];
    for w in report.workloads() {
        let qualifies = [naive, all].iter().all(|m| {
            report
                .find(&w, m, n)
                .is_some_and(|r| !r.interference && r.speedup.is_some())
        });
        if !qualifies {
            continue;
        }
        let mut row = vec![w.clone()];
        for (mode, _) in ABLATION {
            row.push(
                report
                    .find(&w, mode, n)
                    .and_then(|r| r.speedup)
                    .map_or_else(|| "-".into(), |s| format!("{s:.2}x")),
            );
        }
        row.push(match (report.find(&w, all, 1), report.find(&w, naive, 1)) {
            (Some(a), Some(b)) => format!("{:.2}x", a.median_seconds / b.median_seconds),
            _ => "-".into(),
        });
        rows.push(row);
    }
    (rows.len() > 1).then(|| render(&rows, markdown))
}

/// The terminal's view of one workload.
pub fn terminal(report: &Report, workload: &str, what: &str) -> String {
    format!(
        "\n{workload}: {what}\n{}\n{}  {}\n",
        legend(report, workload),
        table(report, workload, false),
        finding(report, workload)
    )
}

/// The whole `report.md`.
pub fn markdown(report: &Report, describe: impl Fn(&str) -> String) -> String {
    let m = &report.machine;
    let s = &report.settings;
    let mut out = String::from("# gilgamesh scale report\n\n");
    out.push_str(&format!(
        "{} · {} CPU(s), {} {} · gilgamesh {} · {}\n\n",
        m.date,
        m.cpus,
        m.os,
        m.arch,
        m.gilgamesh_version,
        m.python.as_deref().unwrap_or("no CPython column")
    ));
    out.push_str(&format!(
        "Median of {} run(s) per cell{}{}; thread counts {:?}.{}\n",
        s.repeat,
        if s.warmup { " after a warm-up run" } else { "" },
        if s.quick { ", `--quick` sizes" } else { "" },
        s.threads,
        if s.interrupted {
            " **Interrupted: the sweep stopped early; only what was measured is here.**"
        } else {
            ""
        }
    ));
    if let Some(t) = ablation_table(report, true) {
        out.push_str(&format!(
            "\n## Ablation: what each fine-grained technique buys\n\n\
             Speedup at {ABLATION_THREADS} threads (throughput against the same mode at one \
             thread; ideal {ABLATION_THREADS}x) under the naive design (`perobject`: atomic \
             counts, a lock on every access to a mutable object, nothing immortal), with each \
             technique of `finegrained` added on its own (`perobject+deferred`: builtins \
             and types immortal, module-level functions, modules and code constants \
             counted per thread and freed by the collector; \
             `perobject+globalcache`: `LOAD_GLOBAL` through a per-thread cache instead of \
             the globals dict's lock), and with all of them (`finegrained`). The last \
             column is the one-thread time with every technique against none.\n\n{t}"
        ));
    }
    for w in report.workloads() {
        out.push_str(&format!("\n## {w}\n\n{}\n\n", describe(&w)));
        out.push_str(&format!("{}\n\n", legend(report, &w)));
        out.push_str(&table(report, &w, true));
        out.push_str(&format!("\n**Finding.** {}\n\n", finding(report, &w)));
        out.push_str(&format!("![{w}]({w}.svg)\n"));
        if let Some(c) = counters_table(report, &w) {
            out.push_str(&format!(
                "\nWhat the lock strategy and the cyclic collector counted (median run):\n\n{c}"
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::catalog::Shape;
    use super::super::measure::parse_output;
    use super::super::results::{relate_to_one_thread, Machine, Settings};
    use super::*;

    fn record(workload: &str, mode: &str, threads: usize, seconds: f64) -> Record {
        let out = parse_output(&format!("work {}\nseconds {seconds}\n", threads as f64)).unwrap();
        Record::summarise(workload, mode, threads, 2, Shape::Scaling, 1, &[out])
    }

    fn report(records: Vec<Record>) -> Report {
        let mut records = records;
        relate_to_one_thread(&mut records);
        Report {
            machine: Machine {
                cpus: 2,
                os: "linux".into(),
                arch: "x86_64".into(),
                date: "2026-12-07".into(),
                gilgamesh_version: "0".into(),
                python: None,
            },
            settings: Settings {
                repeat: 1,
                warmup: false,
                quick: false,
                threads: vec![1, 2],
                columns: vec!["gil".into(), "finegrained".into(), "perobject".into()],
                interrupted: false,
            },
            records,
        }
    }

    #[test]
    fn ablation_table_lists_workloads_measured_under_both_ends_of_the_ladder() {
        let r = report(vec![
            record("fib", "perobject", 1, 1.0),
            record("fib", "perobject", 2, 2.0),
            record("fib", "finegrained", 1, 0.5),
            record("fib", "finegrained", 2, 0.5),
            // Not under perobject: left out.
            record("countdown", "finegrained", 1, 1.0),
            record("countdown", "finegrained", 2, 1.0),
        ]);
        let t = ablation_table(&r, true).expect("fib qualifies");
        let fib = t.lines().find(|l| l.contains("fib")).unwrap();
        // perobject 1.00x, the single-technique steps not measured,
        // finegrained 2.00x, one-thread time 0.50x.
        let cells: Vec<&str> = fib.split('|').map(str::trim).collect();
        assert_eq!(cells[1..7], ["fib", "1.00x", "-", "-", "2.00x", "0.50x"]);
        assert!(!t.contains("countdown"));
        assert!(markdown(&r, |_| String::new()).contains("## Ablation"));
        // Nothing qualifies: no table.
        assert!(ablation_table(&report(vec![record("fib", "gil", 1, 1.0)]), true).is_none());
    }
}
