//! Bar charts drawn on the server as SVG: the geometry is computed here, the markup is the
//! `partials/bar_chart` template (an accessible `<svg>` with a title and a data table beside it).

use serde::Serialize;

/// Grouped counts: one group per label (a topic, a month), one value per series (a kind, an
/// outcome).
pub struct BarChartData {
    pub id: String,
    /// The message id of its title, then (once named) the title.
    pub title: String,
    /// The message ids of its series, then (once named) their names.
    pub series: Vec<String>,
    pub groups: Vec<(String, Vec<i64>)>,
}

#[derive(Debug, Serialize)]
pub struct Bar {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
    series: usize,
    label: String,
}

#[derive(Debug, Serialize)]
pub struct AxisLabel {
    x: f64,
    y: f64,
    text: String,
}

/// What the template draws.
#[derive(Debug, Serialize)]
pub struct BarChart {
    id: String,
    title: String,
    width: f64,
    height: f64,
    bars: Vec<Bar>,
    labels: Vec<AxisLabel>,
    max: i64,
    series: Vec<Legend>,
    rows: Vec<Row>,
    empty: bool,
}

#[derive(Debug, Serialize)]
pub struct Legend {
    index: usize,
    name: String,
}

#[derive(Debug, Serialize)]
pub struct Row {
    label: String,
    values: Vec<i64>,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;
const LEFT: f64 = 8.0;

/// Lays out side-by-side bars for each group, scaled to the largest value.
pub fn bar_chart(data: BarChartData) -> BarChart {
    let max = data.groups.iter().flat_map(|(_, v)| v.iter().copied()).max().unwrap_or(0).max(1);
    let group_width = (WIDTH - LEFT) / data.groups.len().max(1) as f64;
    let bar_width = (group_width * 0.8) / data.series.len().max(1) as f64;
    let plot = HEIGHT - TOP - BOTTOM;
    let mut bars = Vec::new();
    let mut labels = Vec::new();
    for (g, (label, values)) in data.groups.iter().enumerate() {
        let left = LEFT + g as f64 * group_width + group_width * 0.1;
        for (s, value) in values.iter().enumerate() {
            let height = plot * (*value as f64) / max as f64;
            bars.push(Bar {
                x: round(left + s as f64 * bar_width),
                y: round(TOP + plot - height),
                width: round((bar_width - 1.0).max(1.0)),
                height: round(height),
                series: s,
                label: format!("{label}, {}: {value}", data.series.get(s).map(String::as_str).unwrap_or("")),
            });
        }
        let short: String = label.chars().take(14).collect();
        labels.push(AxisLabel { x: round(left + group_width * 0.4), y: HEIGHT - BOTTOM + 16.0, text: short });
    }
    BarChart {
        empty: data.groups.iter().all(|(_, v)| v.iter().all(|n| *n == 0)),
        id: data.id,
        title: data.title,
        width: WIDTH,
        height: HEIGHT,
        bars,
        labels,
        max,
        series: data.series.into_iter().enumerate().map(|(index, name)| Legend { index, name }).collect(),
        rows: data.groups.into_iter().map(|(label, values)| Row { label, values }).collect(),
    }
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_value_and_stay_inside() {
        let chart = bar_chart(BarChartData {
            id: "c".into(),
            title: "t".into(),
            series: vec!["a".into(), "b".into()],
            groups: vec![("one".into(), vec![4, 2]), ("two".into(), vec![0, 1])],
        });
        assert_eq!(chart.max, 4);
        assert_eq!(chart.bars.len(), 4);
        let tallest = chart.bars.iter().map(|b| b.height).fold(0.0, f64::max);
        assert!((tallest - (HEIGHT - TOP - BOTTOM)).abs() < 0.2);
        assert!(chart.bars.iter().all(|b| b.x >= 0.0 && b.x + b.width <= WIDTH && b.y >= 0.0));
        assert!(!chart.empty);
    }
}
