//! What a diagnostic shows of a source file. miette is given this excerpt, never the whole file:
//! the lines around the labels (the very lines miette would pick), each longer than
//! [`MAX_LINE_CHARS`] cut around its label with « … », and every character that would act on the
//! terminal rather than print written `<U+001B>`. A diagnostic's output then stays small whatever
//! the file — a 70 000-character line made miette panic past column 65 535, and 8 000 diagnostics
//! on one line printed that line 8 000 times — and a file's raw bytes never reach the terminal.

use std::borrow::Cow;
use std::fmt::Write;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::source::SourceFile;

/// The longest line an excerpt shows, in characters of the file; a longer one is cut.
pub const MAX_LINE_CHARS: usize = 120;

/// Characters of a cut line kept before the label it shows.
const LEAD_CHARS: usize = 40;

/// Lines shown before and after a label (the handler's `context_lines`).
pub(super) const CONTEXT_LINES: usize = 1;

/// Whether C would act on a terminal instead of printing: the C0 controls but the tab and the
/// line feed, DEL, the C1 controls, and the bidirectional formatting characters that reorder
/// what follows them on screen.
fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

fn push_escaped(out: &mut String, c: char) {
    if acts_on_terminal(c) {
        let _ = write!(out, "<U+{:04X}>", c as u32);
    } else {
        out.push(c);
    }
}

/// TEXT with every character that would act on the terminal written `<U+XXXX>`, and cut after
/// MAX characters with « … ».
pub(crate) fn printable(text: &str, max: usize) -> Cow<'_, str> {
    let mut chars = text.char_indices();
    let clean = chars.by_ref().take(max).all(|(_, c)| !acts_on_terminal(c));
    if clean && chars.next().is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    for c in text.chars().take(max) {
        push_escaped(&mut out, c);
    }
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    Cow::Owned(out)
}

/// The lines of a file that a diagnostic shows, in runs of consecutive lines. Offsets in an
/// excerpt are its own: a run starts one byte after the previous one ends, so that two runs never
/// look adjacent to miette.
#[derive(Debug)]
pub(super) struct Excerpt {
    runs: Vec<Run>,
}

#[derive(Debug)]
struct Run {
    /// Offset of the run in the excerpt.
    start: usize,
    /// 0-based line of the file the run starts with.
    first_line: usize,
    text: String,
    /// For a label that starts on a cut line: its offset in the excerpt and its byte column in
    /// the file, which the header (`fichier:ligne:colonne`) shows.
    columns: Vec<(usize, usize)>,
}

/// A label's context as miette computes it (`context_info` in its `source_impls.rs`): its first
/// and last lines, and the number of line feeds read up to its end, which miette compares with
/// the next label's first line to merge two contexts into one.
#[derive(Clone, Copy)]
struct Context {
    start: usize,
    end: usize,
    first: usize,
    last: usize,
    feeds: usize,
}

fn context(file: &SourceFile, start: usize, end: usize) -> Context {
    let first = file.line_index(start).saturating_sub(CONTEXT_LINES);
    // miette counts the span as read once past its last byte, then reads to the end of the
    // line after the first line feed strictly after that byte.
    let last_byte = end.saturating_sub(1);
    let line = file.line_index(last_byte);
    let bytes = file.text.as_bytes();
    let is_feed = match bytes.get(last_byte) {
        Some(b'\n') => true,
        // miette reads a CRLF as one line break, at its CR.
        Some(b'\r') => bytes.get(last_byte + 1) == Some(&b'\n'),
        _ => false,
    };
    let feed_line = if is_feed { line + 1 } else { line };
    let feeds = file.line_count() - 1;
    let wanted = feed_line + CONTEXT_LINES + 1;
    if wanted > feeds {
        Context {
            start,
            end,
            first,
            last: file.line_count() - 1,
            feeds,
        }
    } else {
        Context {
            start,
            end,
            first,
            last: feed_line + CONTEXT_LINES,
            feeds: wanted,
        }
    }
}

/// The contexts miette renders for these spans, merged as it merges them.
fn contexts(file: &SourceFile, spans: &[(usize, usize)]) -> Vec<Context> {
    let mut sorted = spans.to_vec();
    sorted.sort_by_key(|&(start, _)| start);
    let mut out: Vec<Context> = Vec::new();
    for (start, end) in sorted {
        let right = context(file, start, end);
        match out.last_mut() {
            Some(left) if left.first + left.feeds >= right.first => {
                *left = context(file, left.start, left.end.max(end));
            }
            _ => out.push(right),
        }
    }
    out
}

/// One line as shown: cut to a window of characters, escaped.
struct ShownLine {
    text: String,
    /// Whether the text differs from the file's line.
    changed: bool,
    /// The window's byte range in the line.
    window: (usize, usize),
    /// `(offset in the line, offset in the text)` at every character boundary of the window.
    marks: Vec<(usize, usize)>,
}

impl ShownLine {
    /// LINE (without its line feed) as shown, the window placed so that the character at byte
    /// ANCHOR stays in view.
    fn new(line: &str, anchor: usize) -> ShownLine {
        let count = line.chars().count();
        if count <= MAX_LINE_CHARS && !line.chars().any(acts_on_terminal) {
            return ShownLine {
                text: line.to_string(),
                changed: false,
                window: (0, line.len()),
                marks: Vec::new(),
            };
        }
        let (first, last) = if count <= MAX_LINE_CHARS {
            (0, count)
        } else {
            let anchor = line[..anchor].chars().count();
            let first = anchor
                .saturating_sub(LEAD_CHARS)
                .min(count - MAX_LINE_CHARS);
            (first, first + MAX_LINE_CHARS)
        };
        let byte_at = |n: usize| line.char_indices().nth(n).map_or(line.len(), |(i, _)| i);
        let window = (byte_at(first), byte_at(last));
        let mut text = String::new();
        if first > 0 {
            text.push('…');
        }
        let mut marks = Vec::new();
        for (i, c) in line[window.0..window.1].char_indices() {
            marks.push((window.0 + i, text.len()));
            push_escaped(&mut text, c);
        }
        marks.push((window.1, text.len()));
        if last < count {
            text.push('…');
        }
        ShownLine {
            text,
            changed: true,
            window,
            marks,
        }
    }

    /// Where byte AT of the line is in the text: before the window, at its start (the « … »
    /// included); after it, at the end.
    fn map(&self, at: usize) -> usize {
        if !self.changed {
            return at.min(self.text.len());
        }
        if at < self.window.0 {
            return 0;
        }
        if at > self.window.1 {
            return self.text.len();
        }
        match self.marks.binary_search_by_key(&at, |&(o, _)| o) {
            Ok(i) => self.marks[i].1,
            Err(i) => self.marks[i.saturating_sub(1)].1,
        }
    }
}

impl Excerpt {
    /// The excerpt of FILE that shows SPANS (byte ranges of the file; the first is the primary
    /// label: a cut line keeps it in view), and each span in the excerpt's offsets.
    pub(super) fn new(file: &SourceFile, spans: &[(usize, usize)]) -> (Excerpt, Vec<SourceSpan>) {
        let text = &*file.text;
        let spans: Vec<(usize, usize)> = spans
            .iter()
            .map(|&(start, end)| {
                let start = text.floor_char_boundary(start.min(text.len()));
                (
                    start,
                    text.floor_char_boundary(end.clamp(start, text.len())),
                )
            })
            .collect();
        let mut runs = Vec::new();
        let mut mapped = vec![SourceSpan::from((0, 0)); spans.len()];
        let mut next_start = 0;
        for ctx in contexts(file, &spans) {
            let mut run = Run {
                start: next_start,
                first_line: ctx.first,
                text: String::new(),
                columns: Vec::new(),
            };
            for line in ctx.first..=ctx.last {
                let range = file.line_range(line);
                let full = &text[range.clone()];
                let body = full
                    .strip_suffix("\r\n")
                    .or_else(|| full.strip_suffix('\n'))
                    .unwrap_or(full);
                // A cut line keeps in view the primary label if it starts here, else the first
                // label that does.
                let starts_here = |at: usize| at >= range.start && at <= range.start + body.len();
                let starts = spans.iter().map(|&(s, _)| s).filter(|&s| starts_here(s));
                let primary = spans.first().map(|&(s, _)| s).filter(|&s| starts_here(s));
                let anchor = primary
                    .or_else(|| starts.min())
                    .map_or(0, |s| s - range.start);
                let shown = ShownLine::new(body, anchor);
                let line_start = run.start + run.text.len();
                for (i, &(start, end)) in spans.iter().enumerate() {
                    for (at, is_start) in [(start, true), (end, false)] {
                        let here = if at == range.end && line < ctx.last {
                            false // the start of the next line
                        } else {
                            at >= range.start && at <= range.end
                        };
                        if !here {
                            continue;
                        }
                        let offset = if at > range.start + body.len() {
                            // Inside the line break, which is shown as written.
                            line_start + shown.text.len() + (at - range.start - body.len())
                        } else {
                            line_start + shown.map(at - range.start)
                        };
                        if is_start {
                            mapped[i] = SourceSpan::from((offset, 0));
                            if shown.changed {
                                run.columns.push((offset, start - range.start));
                            }
                        } else {
                            let begin = mapped[i].offset();
                            mapped[i] = SourceSpan::from((begin, offset.saturating_sub(begin)));
                        }
                    }
                }
                run.text.push_str(&shown.text);
                run.text.push_str(&full[body.len()..]);
            }
            next_start = run.start + run.text.len() + 1;
            runs.push(run);
        }
        (Excerpt { runs }, mapped)
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let run = self
            .runs
            .iter()
            .find(|r| {
                span.offset() >= r.start && span.offset() + span.len() <= r.start + r.text.len()
            })
            .ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::from((span.offset() - run.start, span.len()));
        let inner =
            run.text
                .as_str()
                .read_span(&local, context_lines_before, context_lines_after)?;
        let column = run
            .columns
            .iter()
            .find(|&&(at, _)| context_lines_before == 0 && at == span.offset())
            .map_or(inner.column(), |&(_, column)| column);
        Ok(Box::new(MietteSpanContents::new(
            inner.data(),
            SourceSpan::from((run.start + inner.span().offset(), inner.span().len())),
            run.first_line + inner.line(),
            column,
            run.first_line + inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};

    use super::*;
    use crate::source::Sources;

    /// A report over any source, to render the same labels over the excerpt and the whole text.
    #[derive(Debug)]
    struct Report<S: SourceCode + 'static> {
        source: NamedSource<S>,
        labels: Vec<LabeledSpan>,
    }

    impl<S: SourceCode> std::fmt::Display for Report<S> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("message")
        }
    }

    impl<S: SourceCode + std::fmt::Debug> std::error::Error for Report<S> {}

    impl<S: SourceCode + std::fmt::Debug + 'static> miette::Diagnostic for Report<S> {
        fn source_code(&self) -> Option<&dyn SourceCode> {
            Some(&self.source)
        }
        fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }

    fn render(report: &dyn miette::Diagnostic) -> String {
        let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
            .with_width(100)
            .with_context_lines(CONTEXT_LINES);
        let mut out = String::new();
        handler.render_report(&mut out, report).unwrap();
        out
    }

    fn labels(spans: impl IntoIterator<Item = SourceSpan>) -> Vec<LabeledSpan> {
        spans
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let text = Some(format!("étiquette {i}"));
                if i == 0 {
                    LabeledSpan::new_primary_with_span(text, s)
                } else {
                    LabeledSpan::new_with_span(text, s)
                }
            })
            .collect()
    }

    /// The rendering over the excerpt.
    fn cut(text: &str, spans: &[(usize, usize)]) -> String {
        let mut sources = Sources::new();
        let id = sources.add(PathBuf::from("/t.ctg"), "t.ctg".into(), text.into(), false);
        let (excerpt, mapped) = Excerpt::new(sources.get(id), spans);
        render(&Report {
            source: NamedSource::new("t.ctg", excerpt),
            labels: labels(mapped),
        })
    }

    /// The rendering over the whole text, as before excerpts.
    fn whole(text: &str, spans: &[(usize, usize)]) -> String {
        render(&Report {
            source: NamedSource::new("t.ctg", text.to_string()),
            labels: labels(spans.iter().map(|&(s, e)| SourceSpan::from((s, e - s)))),
        })
    }

    /// Lines of ordinary length and printable text are shown exactly as miette shows them from
    /// the whole file: the same lines, merged into the same snippets, the same columns.
    #[test]
    fn ordinary_lines_render_as_from_the_whole_file() {
        let lines = [
            "fiche a \"Titre\" {",
            "  axe x",
            "",
            "  public \"é « b »\"",
            "}",
            "\t# c",
        ];
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n.max(1)
        };
        for case in 0..3000 {
            let count = 1 + next(40);
            let crlf = case % 5 == 0;
            let mut text = String::new();
            for _ in 0..count {
                text.push_str(lines[next(lines.len())]);
                text.push_str(if crlf { "\r\n" } else { "\n" });
            }
            if case % 3 == 0 {
                // No line break at the end (a lone CR is escaped, so the whole line ending goes).
                text.truncate(text.len() - if crlf { 2 } else { 1 });
            }
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let spans: Vec<(usize, usize)> = (0..1 + next(3))
                .map(|_| {
                    let a = boundaries[next(boundaries.len())];
                    let b = boundaries[next(boundaries.len())];
                    // Mostly short spans, as labels are; sometimes several lines.
                    if case % 4 == 0 {
                        (a.min(b), a.max(b))
                    } else {
                        let end = boundaries
                            .iter()
                            .copied()
                            .find(|&x| x >= a + next(8))
                            .unwrap_or(a);
                        (a, end)
                    }
                })
                .collect();
            assert_eq!(
                cut(&text, &spans),
                whole(&text, &spans),
                "{text:?} {spans:?}"
            );
        }
    }

    #[test]
    fn long_lines_are_cut_around_the_label() {
        let text = format!("convention \"x\" {{}}\n{} }}\nsuite\n", "a".repeat(70_000));
        let brace = text.rfind('}').unwrap();
        let cut = cut(&text, &[(brace, brace + 1)]);
        assert!(cut.len() < 2_000, "{} octets", cut.len());
        assert!(cut.contains("t.ctg:2:70002"), "{cut}");
        let shown = cut.lines().find(|l| l.starts_with(" 2 │")).unwrap();
        assert!(
            shown.starts_with(" 2 │ …aaa") && shown.ends_with("aaa }"),
            "{shown}"
        );
        let marker = cut.lines().find(|l| l.contains('┬')).unwrap();
        assert_eq!(
            marker.chars().position(|c| c == '┬'),
            shown.chars().position(|c| c == '}'),
            "{cut}"
        );
        // A label in the middle of a long line: « … » on both sides.
        let text = format!("{}X{}\n", "a".repeat(1_000), "b".repeat(1_000));
        let cut = super::tests::cut(&text, &[(1_000, 1_001)]);
        let shown = cut.lines().find(|l| l.starts_with(" 1 │")).unwrap();
        assert!(shown.contains("…aaa") && shown.contains("bbb…"), "{shown}");
        assert_eq!(
            shown
                .chars()
                .filter(|c| matches!(c, 'a' | 'b' | 'X'))
                .count(),
            MAX_LINE_CHARS
        );
        assert!(cut.contains("t.ctg:1:1001"), "{cut}");
    }

    #[test]
    fn characters_that_act_on_the_terminal_are_written_as_code_points() {
        let text = "titre \"\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}abc\u{85}\" x\r y\n";
        let cut = cut(text, &[(0, 5), (7, 12)]);
        assert!(!cut.chars().any(acts_on_terminal), "{cut:?}");
        assert!(
            cut.contains("\"<U+001B>]0;pwned<U+0007><U+001B>[2J<U+202E>abc<U+0085>\" x<U+000D> y"),
            "{cut}"
        );
        assert_eq!(printable("a\u{1b}b", 10), "a<U+001B>b");
        assert_eq!(printable("abcdef", 3), "abc…");
        assert!(matches!(printable("« é »\t", 10), Cow::Borrowed(_)));
    }
}
