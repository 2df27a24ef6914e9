//! `--timings`: how long each phase of a build took.

use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct Timings {
    started: Instant,
    phases: Vec<(String, Duration)>,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            started: Instant::now(),
            phases: Vec::new(),
        }
    }
}

impl Timings {
    /// Runs `f` as the phase `name` (a French label) and records its duration.
    pub(crate) fn time<T>(&mut self, name: &str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let value = f();
        self.phases.push((name.to_string(), start.elapsed()));
        value
    }

    /// The table `--timings` prints: one line per phase, then the total since the start.
    pub(crate) fn report(&self) -> String {
        let total = ("total".to_string(), self.started.elapsed());
        let width = self
            .phases
            .iter()
            .chain(std::iter::once(&total))
            .map(|(n, _)| n.chars().count())
            .max()
            .unwrap_or(0);
        let mut out = String::from("Durées :\n");
        for (name, d) in self.phases.iter().chain(std::iter::once(&total)) {
            let pad = " ".repeat(width - name.chars().count());
            out.push_str(&format!("  {name}{pad}  {}\n", milliseconds(*d)));
        }
        out
    }
}

/// `1 234,5 ms`, French style.
fn milliseconds(d: Duration) -> String {
    let tenths = d.as_micros() / 100;
    let (ms, tenth) = (tenths / 10, tenths % 10);
    let digits = ms.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    format!("{grouped:>7},{tenth}\u{a0}ms")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_french_durations() {
        assert_eq!(
            milliseconds(Duration::from_micros(1_234_560)),
            "  1\u{202f}234,5\u{a0}ms"
        );
        assert_eq!(
            milliseconds(Duration::from_micros(850)),
            "      0,8\u{a0}ms"
        );
    }

    #[test]
    fn records_phases() {
        let mut t = Timings::default();
        assert_eq!(t.time("analyse", || 2 + 2), 4);
        let r = t.report();
        assert_eq!(r.lines().count(), 3, "{r}");
        assert!(r.starts_with("Durées :\n  analyse"), "{r}");
        assert!(r.contains("  total"), "{r}");
    }
}
