//! The bilan's charts as geometry: rectangles, polylines, points and labels in a box measured in
//! tenths of a point, every coordinate a non-negative integer so that the output is the same byte
//! for byte on every machine (and prints in Typst code without any escaping). The Typst template draws them with `place`, `rect`, `line` and `circle`; the
//! HTML page as inline SVG. Each chart carries its text alternative; the data table sits beside it.

use serde::Serialize;

/// The statut colours, in `Statut::ALL` order: à engager, en cours, réalisé, reporté, abandonné.
pub(crate) const STATUT_COLOURS: [&str; 5] =
    ["#b8c2cf", "#3b7dd8", "#2e8b57", "#e0a030", "#b04040"];
/// Prévu (light) and réalisé (dark).
const PLANNED: &str = "#b8c9e6";
const PAID: &str = "#1f3a68";
const SERIES: &str = "#1f3a68";
const TARGET: &str = "#2e8b57";

#[derive(Serialize, Debug, Clone)]
pub struct Rect {
    pub x: i64,
    pub y: i64,
    pub w: i64,
    pub h: i64,
    pub fill: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct Label {
    pub x: i64,
    pub y: i64,
    pub text: String,
    /// `start` or `end`: where the text stands from (x, y).
    pub anchor: &'static str,
}

#[derive(Serialize, Debug, Clone)]
pub struct Dot {
    pub x: i64,
    pub y: i64,
    pub fill: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct Segment {
    pub x1: i64,
    pub y1: i64,
    pub x2: i64,
    pub y2: i64,
    pub colour: String,
    pub dashed: bool,
}

/// A chart: its size in points, what it draws, and its text alternative.
#[derive(Serialize, Debug, Clone, Default)]
pub struct Chart {
    pub width: i64,
    pub height: i64,
    pub alt: String,
    pub rects: Vec<Rect>,
    pub segments: Vec<Segment>,
    pub dots: Vec<Dot>,
    pub labels: Vec<Label>,
}

/// Points → tenths of a point, rounded, never negative.
fn n(v: f64) -> i64 {
    (v * 10.0).round().max(0.0) as i64
}

impl Chart {
    fn new(width: f64, height: f64, alt: String) -> Self {
        Chart {
            width: n(width),
            height: n(height),
            alt,
            ..Chart::default()
        }
    }
    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str) {
        self.rects.push(Rect {
            x: n(x),
            y: n(y),
            w: n(w.max(0.0)),
            h: n(h.max(0.0)),
            fill: fill.to_string(),
        });
    }
    fn label(&mut self, x: f64, y: f64, text: impl Into<String>, anchor: &'static str) {
        self.labels.push(Label {
            x: n(x),
            y: n(y),
            text: text.into(),
            anchor,
        });
    }
    fn segment(&mut self, from: (f64, f64), to: (f64, f64), colour: &str, dashed: bool) {
        self.segments.push(Segment {
            x1: n(from.0),
            y1: n(from.1),
            x2: n(to.0),
            y2: n(to.1),
            colour: colour.to_string(),
            dashed,
        });
    }
}

const WIDTH: f64 = 440.0;
const ROW: f64 = 16.0;
const LEFT: f64 = 120.0;

/// Horizontal stacked bars: one row per group (an axe), one segment per statut.
pub(crate) fn stacked(rows: &[(String, Vec<usize>)], legend: &[&str], alt: String) -> Chart {
    let height = ROW * rows.len() as f64 + 22.0;
    let mut c = Chart::new(WIDTH, height, alt);
    let most = rows
        .iter()
        .map(|(_, v)| v.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let scale = (WIDTH - LEFT - 30.0) / most as f64;
    for (i, (name, counts)) in rows.iter().enumerate() {
        let y = i as f64 * ROW;
        c.label(LEFT - 6.0, y + 11.0, name.clone(), "end");
        let mut x = LEFT;
        for (k, &count) in counts.iter().enumerate() {
            let w = count as f64 * scale;
            if count > 0 {
                c.rect(x, y + 2.0, w, ROW - 4.0, STATUT_COLOURS[k % 5]);
            }
            x += w;
        }
        c.label(
            x + 4.0,
            y + 11.0,
            counts.iter().sum::<usize>().to_string(),
            "start",
        );
    }
    legend_row(
        &mut c,
        height - 8.0,
        legend
            .iter()
            .enumerate()
            .map(|(k, l)| (*l, STATUT_COLOURS[k % 5])),
    );
    c
}

fn legend_row<'a>(c: &mut Chart, y: f64, items: impl Iterator<Item = (&'a str, &'a str)>) {
    let mut x = 0.0;
    for (text, colour) in items {
        c.rect(x, y - 7.0, 8.0, 8.0, colour);
        c.label(x + 11.0, y, text, "start");
        x += 14.0 + 5.2 * text.chars().count() as f64;
    }
}

/// Paired horizontal bars: per row, the prévu (light) above the réalisé (dark).
pub(crate) fn paired(rows: &[(String, i64, i64)], alt: String) -> Chart {
    let height = 2.0 * ROW * rows.len() as f64 + 22.0;
    let mut c = Chart::new(WIDTH, height, alt);
    let most = rows
        .iter()
        .map(|(_, r, p)| (*r).max(*p))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let scale = (WIDTH - LEFT - 10.0) / most;
    for (i, (name, realise, prevu)) in rows.iter().enumerate() {
        let y = i as f64 * 2.0 * ROW;
        c.label(LEFT - 6.0, y + ROW + 3.0, name.clone(), "end");
        c.rect(LEFT, y + 3.0, *prevu as f64 * scale, ROW - 4.0, PLANNED);
        c.rect(
            LEFT,
            y + ROW - 1.0,
            *realise as f64 * scale,
            ROW - 4.0,
            PAID,
        );
    }
    legend_row(
        &mut c,
        height - 8.0,
        [("prévu", PLANNED), ("réalisé", PAID)].into_iter(),
    );
    c
}

/// An indicator's way: baseline, yearly values and target, by year.
pub(crate) fn series(
    depart: Option<(i32, f64)>,
    values: &[(i32, f64)],
    cible: Option<(i32, f64)>,
    alt: String,
) -> Chart {
    let (w, h, left, bottom, top) = (220.0, 90.0, 34.0, 16.0, 8.0);
    let mut c = Chart::new(w, h, alt);
    let all: Vec<(i32, f64)> = depart
        .iter()
        .chain(values)
        .chain(cible.iter())
        .copied()
        .collect();
    if all.is_empty() {
        return c;
    }
    let (y0, y1) = (
        all.iter().map(|p| p.0).min().unwrap_or(0),
        all.iter().map(|p| p.0).max().unwrap_or(0),
    );
    let lo = all.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let hi = all.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        (lo - 1.0, hi + 1.0)
    };
    let x =
        |year: i32| left + (w - left - 10.0) * f64::from(year - y0) / f64::from((y1 - y0).max(1));
    let y = |v: f64| top + (h - top - bottom) * (1.0 - (v - lo) / (hi - lo));
    // Axes, and the extreme values at the left.
    c.segment((left, top), (left, h - bottom), "#5b6470", false);
    c.segment((left, h - bottom), (w - 6.0, h - bottom), "#5b6470", false);
    c.label(left - 3.0, y(hi) + 3.0, number(hi), "end");
    c.label(left - 3.0, y(lo) + 3.0, number(lo), "end");
    for year in [y0, y1] {
        c.label(x(year) - 10.0, h - 4.0, year.to_string(), "start");
    }
    let measured: Vec<(i32, f64)> = depart.iter().chain(values).copied().collect();
    for pair in measured.windows(2) {
        c.segment(
            (x(pair[0].0), y(pair[0].1)),
            (x(pair[1].0), y(pair[1].1)),
            SERIES,
            false,
        );
    }
    if let (Some(last), Some(t)) = (measured.last(), cible) {
        c.segment((x(last.0), y(last.1)), (x(t.0), y(t.1)), TARGET, true);
    }
    for p in &measured {
        c.dots.push(Dot {
            x: n(x(p.0)),
            y: n(y(p.1)),
            fill: SERIES.into(),
        });
    }
    if let Some(t) = cible {
        c.dots.push(Dot {
            x: n(x(t.0)),
            y: n(y(t.1)),
            fill: TARGET.into(),
        });
    }
    c
}

/// A value as the chart prints it: French decimal comma, no trailing zeros.
pub(crate) fn number(v: f64) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_tenths_of_a_point_never_negative() {
        assert_eq!(n(-0.01), 0);
        assert_eq!(n(12.345), 123);
        assert_eq!(number(12.5), "12,5");
        assert_eq!(number(48.0), "48");
    }

    #[test]
    fn bars_are_proportional_to_the_counts() {
        let c = stacked(
            &[("1".into(), vec![0, 2, 1, 0, 0])],
            &["a", "b", "c", "d", "e"],
            "x".into(),
        );
        let widths: Vec<f64> = c.rects.iter().take(2).map(|r| r.w as f64).collect();
        assert!((widths[0] - 2.0 * widths[1]).abs() <= 2.0, "{widths:?}");
    }

    #[test]
    fn a_series_rises_when_its_values_do() {
        let c = series(
            Some((2022, 10.0)),
            &[(2023, 20.0)],
            Some((2026, 40.0)),
            "x".into(),
        );
        let ys: Vec<f64> = c.dots.iter().map(|d| d.y as f64).collect();
        assert!(ys[0] > ys[1] && ys[1] > ys[2], "{ys:?}");
    }
}
