//! The tables of `gilgamesh pyperformance`: a row per benchmark on the
//! terminal as it finishes, and `report.md`, both drawn with `scale`'s table
//! renderer.

use super::results::{BenchmarkRecord, Report, Run, Settings, Status};
use crate::scale::report::render;

/// A time per loop with a unit that keeps three or four digits.
pub fn format_seconds(s: f64) -> String {
    match s {
        s if s >= 1.0 => format!("{s:.2} s"),
        s if s >= 1e-3 => format!("{:.1} ms", s * 1e3),
        s => format!("{:.1} us", s * 1e6),
    }
}

/// One cell: CPython's time, or our time with its ratio to CPython, or the
/// status of a run that gave no time.
fn cell(r: Option<&Run>) -> String {
    let Some(r) = r else {
        return "-".into();
    };
    match (r.status, r.seconds, r.ratio) {
        (Status::Ok, Some(s), Some(ratio)) => format!("{ratio:.2}x ({})", format_seconds(s)),
        (Status::Ok, Some(s), None) => format_seconds(s),
        (Status::TimedOut, ..) => "timed out".into(),
        _ => "failed".into(),
    }
}

fn header(settings: &Settings) -> Vec<String> {
    std::iter::once("benchmark".to_string())
        .chain(settings.columns.iter().cloned())
        .collect()
}

fn row(settings: &Settings, b: &BenchmarkRecord) -> Vec<String> {
    std::iter::once(b.name.clone())
        .chain(settings.columns.iter().map(|c| cell(b.run(c))))
        .collect()
}

/// The geometric-mean row (empty cells where a column has none).
fn mean_row(report: &Report) -> Vec<String> {
    let n = report.everywhere().len();
    std::iter::once(format!("geometric mean ({n})"))
        .chain(report.settings.columns.iter().enumerate().map(|(i, c)| {
            if i == 0 {
                return "1.00x".into();
            }
            report
                .geometric_means
                .iter()
                .find(|g| &g.column == c)
                .map(|g| format!("{:.2}x", g.ratio))
                .unwrap_or_else(|| "-".into())
        }))
        .collect()
}

/// Each column's failure of `b`, merged where the columns agree:
/// `gil, finegrained: ImportError: ...`.
pub fn failures(settings: &Settings, b: &BenchmarkRecord) -> Vec<String> {
    let mut groups: Vec<(Vec<&str>, &str)> = Vec::new();
    for c in &settings.columns {
        let Some(r) = b.run(c) else { continue };
        if r.status == Status::Ok {
            continue;
        }
        let why = r.error.as_deref().unwrap_or("no message");
        match groups.iter_mut().find(|(_, w)| *w == why) {
            Some((cols, _)) => cols.push(c),
            None => groups.push((vec![c], why)),
        }
    }
    groups
        .into_iter()
        .map(|(cols, why)| format!("{}: {why}", cols.join(", ")))
        .collect()
}

/// The terminal line(s) for a benchmark that just finished.
pub fn terminal_row(settings: &Settings, b: &BenchmarkRecord) -> String {
    let cells = row(settings, b);
    let mut out = format!("  {}: {}\n", cells[0], cells[1..].join(" | "));
    for f in failures(settings, b) {
        out.push_str(&format!("      {f}\n"));
    }
    out
}

/// The closing table on the terminal.
pub fn terminal_summary(report: &Report) -> String {
    let s = &report.settings;
    let mut rows = vec![header(s)];
    rows.extend(report.benchmarks.iter().map(|b| row(s, b)));
    rows.push(mean_row(report));
    format!(
        "\nTime per loop under {} and, for our modes, the ratio to it (lower is faster):\n{}\
         {} of {} benchmark(s) ran under every column; {} skipped.\n",
        s.columns[0],
        render(&rows, false),
        report.everywhere().len(),
        report.benchmarks.len(),
        report.skipped.len()
    )
}

/// The whole `report.md`.
pub fn markdown(report: &Report) -> String {
    let m = &report.machine;
    let s = &report.settings;
    let mut out = String::from("# gilgamesh pyperformance report\n\n");
    out.push_str(&format!(
        "{} · {} CPU(s), {} {} · gilgamesh {} · {} · pyperformance {}\n\n",
        m.date,
        m.cpus,
        m.os,
        m.arch,
        m.gilgamesh_version,
        m.python.as_deref().unwrap_or("CPython"),
        s.pyperformance
    ));
    out.push_str(&format!(
        "Each benchmark script ran in its own process per column with the stand-in \
         `pyperf`: {} warm-up(s), then {} timed value(s) of {} loop(s){}. Cells: time per \
         loop (median of the values) and, for our modes, its ratio to {} (lower is \
         faster). The geometric mean is over the benchmarks that ran under every \
         column.{}\n\n",
        s.warmups,
        s.values,
        s.loops,
        if s.threads > 1 {
            format!(
                ", each on {} threads at once (the time is the whole of them)",
                s.threads
            )
        } else {
            String::new()
        },
        s.columns[0],
        if s.interrupted {
            " **Interrupted: only the benchmarks measured so far are here.**"
        } else {
            ""
        }
    ));
    let mut rows = vec![header(s)];
    rows.extend(report.benchmarks.iter().map(|b| row(s, b)));
    rows.push(mean_row(report));
    out.push_str(&render(&rows, true));
    out.push_str("\n![ratio to CPython](pyperformance.svg)\n");
    let failed: Vec<(&str, Vec<String>)> = report
        .benchmarks
        .iter()
        .map(|b| (b.name.as_str(), failures(s, b)))
        .filter(|(_, f)| !f.is_empty())
        .collect();
    if !failed.is_empty() {
        out.push_str("\n## Failures\n\nThe first line of each error, by column.\n\n");
        for (name, lines) in failed {
            out.push_str(&format!("- **{name}**\n"));
            for l in lines {
                out.push_str(&format!("  - {}\n", l.replace('|', "\\|")));
            }
        }
    }
    if !report.skipped.is_empty() {
        out.push_str("\n## Skipped\n\n");
        for sk in &report.skipped {
            out.push_str(&format!("- **{}**: {}\n", sk.name, sk.reason));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pyperformance::results::Timing;

    fn settings() -> Settings {
        Settings {
            loops: 1,
            values: 1,
            warmups: 0,
            threads: 1,
            timeout_seconds: 10,
            columns: vec!["cpython".into(), "gil".into(), "finegrained".into()],
            pyperformance: "local".into(),
            benchmarks_dir: ".".into(),
            interrupted: false,
        }
    }

    fn ok(column: &str, s: f64) -> Run {
        let t = Timing {
            name: "x".into(),
            loops: 1,
            inner_loops: 1,
            threads: 1,
            values: vec![s],
        };
        Run::finished(column, vec![t], None, s)
    }

    #[test]
    fn seconds_keep_a_readable_unit() {
        assert_eq!(format_seconds(2.5), "2.50 s");
        assert_eq!(format_seconds(0.0123), "12.3 ms");
        assert_eq!(format_seconds(0.0000456), "45.6 us");
    }

    #[test]
    fn cells_and_merged_failures() {
        let s = settings();
        let mut b = BenchmarkRecord {
            name: "nq".into(),
            runs: vec![
                ok("cpython", 0.5),
                Run::finished("gil", vec![], Some("ImportError: no re".into()), 0.1),
                Run::finished(
                    "finegrained",
                    vec![],
                    Some("ImportError: no re".into()),
                    0.1,
                ),
            ],
        };
        b.relate_to("cpython");
        assert_eq!(row(&s, &b), ["nq", "500.0 ms", "failed", "failed"]);
        assert_eq!(failures(&s, &b), ["gil, finegrained: ImportError: no re"]);

        let mut b = BenchmarkRecord {
            name: "rich".into(),
            runs: vec![ok("cpython", 0.5), ok("gil", 1.0), ok("finegrained", 2.0)],
        };
        b.relate_to("cpython");
        assert_eq!(
            row(&s, &b),
            ["rich", "500.0 ms", "2.00x (1.00 s)", "4.00x (2.00 s)"]
        );
        assert!(failures(&s, &b).is_empty());
        let line = terminal_row(&s, &b);
        assert!(line.starts_with("  rich: 500.0 ms | 2.00x"), "{line}");
    }
}
