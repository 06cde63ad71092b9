//! `pyperformance.svg`: a horizontal bar per benchmark and mode of its time
//! against CPython's, on a log scale around 1 (bars to the left are faster
//! than CPython, to the right slower), with the geometric mean on top.
//! Colours are `scale`'s, so a mode looks the same in every plot.

use super::results::Report;
use crate::scale::plot::colour;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::path::Path;

/// Writes the chart to `path`.
pub fn plot(report: &Report, path: &Path) -> Result<(), String> {
    draw(report, path).map_err(|e| format!("{}: {e}", path.display()))
}

/// One labelled row of bars: (label, ratio per mode, in column order).
type Row = (String, Vec<Option<f64>>);

fn rows(report: &Report) -> (Vec<String>, Vec<Row>) {
    let modes: Vec<String> = report.settings.columns.iter().skip(1).cloned().collect();
    let mut rows: Vec<Row> = Vec::new();
    if !report.geometric_means.is_empty() {
        let means = modes
            .iter()
            .map(|m| {
                report
                    .geometric_means
                    .iter()
                    .find(|g| &g.column == m)
                    .map(|g| g.ratio)
            })
            .collect();
        rows.push((
            format!("geometric mean ({})", report.everywhere().len()),
            means,
        ));
    }
    for b in &report.benchmarks {
        let ratios: Vec<Option<f64>> = modes
            .iter()
            .map(|m| b.run(m).and_then(|r| r.ratio).filter(|r| *r > 0.0))
            .collect();
        if ratios.iter().any(Option::is_some) {
            rows.push((b.name.clone(), ratios));
        }
    }
    (modes, rows)
}

fn draw(report: &Report, path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let (modes, rows) = rows(report);
    let ratios = rows.iter().flat_map(|(_, r)| r.iter().flatten().copied());
    let (lo, hi) = ratios.fold((1.0f64, 1.0f64), |(lo, hi), r| (lo.min(r), hi.max(r)));
    let n = rows.len().max(1);
    let band = 6 + 10 * modes.len().max(1);
    let height = (120 + n * band) as u32;
    let root = SVGBackend::new(path, (900, height)).into_drawing_area();
    root.fill(&WHITE)?;
    let caption = if rows.is_empty() {
        "pyperformance: no benchmark ran under CPython and one of our modes".to_string()
    } else {
        format!(
            "pyperformance: time against {} (log scale; < 1 is faster)",
            report.settings.columns[0]
        )
    };
    let mut chart = ChartBuilder::on(&root)
        .caption(caption, ("sans-serif", 20))
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(200)
        .build_cartesian_2d((lo / 1.3..hi * 1.3).log_scale(), 0.0..n as f64)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_desc(format!("time / {} time", report.settings.columns[0]))
        .x_label_formatter(&|x| {
            if *x >= 10.0 {
                format!("{x:.0}")
            } else {
                format!("{x:.2}")
            }
        })
        .draw()?;
    // Row i is drawn from the top; each mode gets a slice of the band.
    let slice = 0.8 / modes.len().max(1) as f64;
    for (j, mode) in modes.iter().enumerate() {
        let c = colour(mode);
        let bars = rows.iter().enumerate().filter_map(|(i, (_, ratios))| {
            let ratio = ratios[j]?;
            let top = (n - i) as f64 - 0.1 - j as f64 * slice;
            Some(Rectangle::new(
                [(1.0, top), (ratio, top - slice)],
                c.filled(),
            ))
        });
        chart
            .draw_series(bars)?
            .label(mode.as_str())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 14, y + 5)], c.filled()));
    }
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(1.0, 0.0), (1.0, n as f64)],
        BLACK.stroke_width(1),
    )))?;
    let label_style =
        TextStyle::from(("sans-serif", 13).into_font()).pos(Pos::new(HPos::Right, VPos::Center));
    for (i, (name, _)) in rows.iter().enumerate() {
        let (_, y) = chart.backend_coord(&(lo / 1.3, (n - i) as f64 - 0.5));
        let (x, _) = chart.backend_coord(&(lo / 1.3, 0.0));
        root.draw(&Text::new(name.clone(), (x - 6, y), label_style.clone()))?;
    }
    if !modes.is_empty() {
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()?;
    }
    root.present()?;
    Ok(())
}
