//! One SVG per workload, drawn with plotters' SVG backend (its text is SVG
//! `<text>`, so no font files are needed): speedup against threads with the
//! ideal line dashed, or, for an interference workload, the figure of merit
//! against threads.

use super::results::Report;
use plotters::prelude::*;
use std::path::Path;

/// A colour per column, stable across plots.
pub fn colour(mode: &str) -> RGBColor {
    match mode {
        "gil" => RGBColor(214, 39, 40),
        "gil-release" => RGBColor(255, 127, 14),
        "gil-io" => RGBColor(140, 86, 75),
        "finegrained" => RGBColor(44, 160, 44),
        "perobject" => RGBColor(23, 190, 207),
        "perobject+deferred" => RGBColor(188, 189, 34),
        "perobject+globalcache" => RGBColor(227, 119, 194),
        "cpython" => RGBColor(31, 119, 180),
        _ => RGBColor(148, 103, 189),
    }
}

/// Writes `workload`'s plot to `path`.
pub fn plot(report: &Report, workload: &str, path: &Path) -> Result<(), String> {
    draw(report, workload, path).map_err(|e| format!("{}: {e}", path.display()))
}

fn draw(report: &Report, workload: &str, path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let threads = report.thread_counts(workload);
    let modes = report.modes(workload);
    let interference = report
        .records
        .iter()
        .any(|r| r.workload == workload && r.interference);
    // One (threads, y) series per mode.
    let series: Vec<(String, Vec<(f64, f64)>)> = modes
        .iter()
        .map(|m| {
            let points = threads
                .iter()
                .filter_map(|&n| {
                    let r = report.find(workload, m, n)?;
                    let y = if interference {
                        r.merit.value
                    } else {
                        r.speedup?
                    };
                    y.is_finite().then_some((n as f64, y))
                })
                .collect();
            (m.clone(), points)
        })
        .collect();
    let max_threads = threads.last().copied().unwrap_or(1) as f64;
    let max_y = series
        .iter()
        .flat_map(|(_, p)| p.iter().map(|&(_, y)| y))
        .fold(if interference { 0.0 } else { max_threads }, f64::max);
    let (y_name, unit) = report
        .records
        .iter()
        .find(|r| r.workload == workload)
        .map(|r| (r.merit.name.clone(), r.merit.unit.clone()))
        .unwrap_or_default();
    let y_desc = if interference {
        format!("{y_name} ({unit})")
    } else {
        "speedup (throughput / 1 thread)".to_string()
    };

    let root = SVGBackend::new(path, (720, 480)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(
            format!(
                "{workload}: {}",
                if interference { &y_name } else { "speedup" }
            ),
            ("sans-serif", 22),
        )
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(0.8..max_threads + 0.2, 0.0..max_y * 1.1 + 1e-9)?;
    chart
        .configure_mesh()
        .x_desc("threads")
        .y_desc(y_desc)
        // One label per whole thread count (plotters picks round values).
        .x_labels(max_threads as usize + 1)
        .x_label_formatter(&|x| {
            if (x - x.round()).abs() < 1e-6 {
                format!("{x:.0}")
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|y| {
            if y.abs() >= 100.0 {
                format!("{y:.0}")
            } else {
                format!("{y:.1}")
            }
        })
        .draw()?;
    if !interference {
        let ideal = [(1.0, 1.0), (max_threads, max_threads)];
        chart
            .draw_series(DashedLineSeries::new(ideal, 6, 6, BLACK.stroke_width(1)))?
            .label("ideal")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLACK));
    }
    for (mode, points) in &series {
        let c = colour(mode);
        chart
            .draw_series(LineSeries::new(points.iter().copied(), c.stroke_width(2)))?
            .label(mode.as_str())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], c.stroke_width(2)));
        chart.draw_series(points.iter().map(|&p| Circle::new(p, 4, c.filled())))?;
    }
    chart
        .configure_series_labels()
        .position(if interference {
            SeriesLabelPosition::UpperRight
        } else {
            SeriesLabelPosition::UpperLeft
        })
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .draw()?;
    root.present()?;
    Ok(())
}
