//! Diagnostics: what a rule found, where, and how to fix it; rendered by miette or as JSON.

mod excerpt;

#[cfg(feature = "cli")]
use std::collections::HashMap;
use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use serde::Serialize;

use crate::rules::Rule;
#[cfg(feature = "cli")]
use crate::source::FileId;
use crate::source::{SourceFile, Sources, Span};
use excerpt::Excerpt;
pub use excerpt::MAX_LINE_CHARS;
#[cfg(feature = "cli")]
pub(crate) use excerpt::printable;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    #[cfg(feature = "cli")]
    pub(crate) fn french(self) -> &'static str {
        match self {
            Severity::Error => "erreur",
            Severity::Warning => "avertissement",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

impl Label {
    pub(crate) fn new(span: Span, text: impl Into<String>) -> Self {
        Label {
            span,
            text: text.into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    /// The first label is the primary location.
    pub labels: Vec<Label>,
    pub help: String,
}

impl Diagnostic {
    pub(crate) fn new(rule: &'static Rule, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.severity,
            message: message.into(),
            labels: Vec::new(),
            help: rule.help.to_string(),
        }
    }

    pub(crate) fn with_label(mut self, label: Label) -> Self {
        self.labels.push(label);
        self
    }

    pub(crate) fn label(self, span: Span, text: impl Into<String>) -> Self {
        self.with_label(Label::new(span, text))
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }

    /// With a suggestion, the help line becomes « vouliez-vous dire … ? » (it replaces the rule's
    /// help, which says the same thing in general terms); without one, the help is left as it is.
    pub(crate) fn suggest(mut self, suggestion: Option<String>) -> Self {
        if let Some(s) = suggestion {
            self.help = format!("vouliez-vous dire « {s} » ?");
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn primary(&self) -> Option<Span> {
        self.labels.first().map(|l| l.span)
    }
}

/// Sorts diagnostics by file and position, so that the output follows the source.
pub(crate) fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| {
        d.primary()
            .map(|s| (s.file.0, s.start, s.end))
            .unwrap_or((u32::MAX, 0, 0))
    });
}

/// A diagnostic in the shape miette renders: labels of one file, other files as related reports.
#[derive(Debug)]
struct MietteReport {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<NamedSource<Excerpt>>,
    labels: Vec<LabeledSpan>,
    related: Vec<MietteReport>,
}

impl fmt::Display for MietteReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MietteReport {}

impl miette::Diagnostic for MietteReport {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}

/// The longest message, label or help a diagnostic prints, in characters: a message may quote
/// what the file says, and the file may say anything.
pub(crate) const MAX_MESSAGE_CHARS: usize = 400;

/// A text of the diagnostic as the terminal may show it, with French spacing (« x », a narrow
/// no-break space before : ; ! ?) whatever spaces the message was written with.
fn shown(text: &str) -> String {
    crate::typography::punctuation(&excerpt::printable(text, MAX_MESSAGE_CHARS))
}

/// The excerpt of FILE that shows LABELS, and their spans in it as miette takes them (the first
/// label primary when PRIMARY).
fn excerpt_of(
    file: &SourceFile,
    labels: &[&Label],
    primary: bool,
) -> (NamedSource<Excerpt>, Vec<LabeledSpan>) {
    let spans: Vec<(usize, usize)> = labels.iter().map(|l| (l.span.start, l.span.end)).collect();
    let (excerpt, mapped) = Excerpt::new(file, &spans);
    let labeled = labels
        .iter()
        .zip(mapped)
        .enumerate()
        .map(|(i, (label, span))| {
            let text = Some(shown(&label.text));
            if primary && i == 0 {
                LabeledSpan::new_primary_with_span(text, span)
            } else {
                LabeledSpan::new_with_span(text, span)
            }
        })
        .collect();
    let name = excerpt::printable(&file.display, MAX_MESSAGE_CHARS).into_owned();
    (
        NamedSource::new(name, excerpt).with_language("ctg"),
        labeled,
    )
}

fn to_miette(diag: &Diagnostic, sources: &Sources) -> MietteReport {
    let primary_file = diag.primary().map(|s| s.file);
    let (here, elsewhere): (Vec<&Label>, Vec<&Label>) = diag
        .labels
        .iter()
        .partition(|l| Some(l.span.file) == primary_file);
    let related = elsewhere
        .into_iter()
        .map(|label| {
            let (source, labels) = excerpt_of(sources.get(label.span.file), &[label], false);
            MietteReport {
                message: shown(&label.text),
                code: None,
                severity: miette::Severity::Advice,
                help: None,
                source: Some(source),
                labels,
                related: Vec::new(),
            }
        })
        .collect();
    let (source, labels) = match primary_file {
        Some(file) => {
            let (source, labels) = excerpt_of(sources.get(file), &here, true);
            (Some(source), labels)
        }
        None => (None, Vec::new()),
    };
    MietteReport {
        message: shown(&diag.message),
        code: Some(diag.rule.code.to_string()),
        severity: match diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        },
        help: (!diag.help.is_empty()).then(|| shown(&diag.help)),
        source,
        labels,
        related,
    }
}

/// Renders one diagnostic as text (with colours when `color` is set). Only an excerpt of the
/// source is shown, lines cut and escaped (see [`excerpt`]), so the text stays short and never
/// holds a character that acts on the terminal.
pub fn render(diag: &Diagnostic, sources: &Sources, color: bool, width: usize) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_links(false)
        .with_context_lines(excerpt::CONTEXT_LINES);
    let mut out = String::new();
    let report = to_miette(diag, sources);
    // Rendering into a String cannot fail.
    let _ = handler.render_report(&mut out, &report);
    french_headings(&out)
}

/// miette's English headings in French: `help:` → `aide :`, `Advice:` (what a related report
/// shows) → `voir aussi :`. Only a heading at the start of its line (after spaces and colour
/// codes) is replaced, never the same word in a message.
fn french_headings(rendered: &str) -> String {
    rendered
        .split_inclusive('\n')
        .map(|line| {
            // A colour code may come before the indentation: `\x1b[36m  help: \x1b[0m…`.
            let code_end = if line.starts_with('\x1b') {
                line.find('m').map_or(0, |m| m + 1)
            } else {
                0
            };
            let (code, rest) = line.split_at(code_end);
            let body = rest.trim_start_matches(' ');
            let indent = &rest[..rest.len() - body.len()];
            for (english, french) in [
                ("help:", "aide\u{202f}:"),
                ("Advice:", "voir aussi\u{202f}:"),
            ] {
                if let Some(after) = body.strip_prefix(english) {
                    return format!("{code}{indent}{french}{after}");
                }
            }
            line.to_string()
        })
        .collect()
}

/// `fichier:ligne:colonne: erreur[code]: message`, as typst's `--diagnostic-format short` and
/// ruff's concise output (editors and CI read this shape; the message stays French).
pub fn one_line(diag: &Diagnostic, sources: &Sources) -> String {
    let j = to_json(diag, sources);
    let at = match (&j.file, j.line, j.column) {
        (Some(f), Some(l), Some(c)) => {
            format!("{}:{l}:{c}: ", excerpt::printable(f, MAX_MESSAGE_CHARS))
        }
        (Some(f), _, _) => format!("{}: ", excerpt::printable(f, MAX_MESSAGE_CHARS)),
        _ => String::new(),
    };
    let kind = match diag.severity {
        Severity::Error => "erreur",
        Severity::Warning => "avertissement",
    };
    format!("{at}{kind}[{}]: {}", j.code, j.message.replace('\n', " "))
}

/// How many diagnostics of one rule in one file are shown one by one; the others are counted.
#[cfg(feature = "cli")]
pub(crate) const MAX_SHOWN_PER_RULE: usize = 10;

/// Diagnostics of one rule in one file left out of the terminal report.
#[cfg(feature = "cli")]
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Hidden {
    pub code: &'static str,
    /// The file as shown (`None`: diagnostics without a location).
    pub file: Option<String>,
    pub count: usize,
}

#[cfg(feature = "cli")]
impl fmt::Display for Hidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (others, left_out) = if self.count == 1 {
            ("autre", "non affiché")
        } else {
            ("autres", "non affichés")
        };
        write!(
            f,
            "{} : … et {} {others}",
            self.code,
            crate::typography::grouped(self.count as u64)
        )?;
        if let Some(file) = &self.file {
            write!(
                f,
                " dans « {} »",
                excerpt::printable(file, MAX_MESSAGE_CHARS)
            )?;
        }
        write!(f, ", {left_out} (--format json les donne tous)")
    }
}

/// The diagnostics a terminal report shows, in order — at most [`MAX_SHOWN_PER_RULE`] of one
/// rule in one file, so that a mistake repeated thousands of times prints a page, not a flood
/// — and what it leaves out, counted by rule and file in order of first omission.
#[cfg(feature = "cli")]
pub(crate) fn for_terminal<'a>(
    diags: &'a [Diagnostic],
    sources: &Sources,
) -> (Vec<&'a Diagnostic>, Vec<Hidden>) {
    let mut seen: HashMap<(&'static str, Option<FileId>), usize> = HashMap::new();
    let mut shown = Vec::new();
    let mut hidden: Vec<(&'static str, Option<FileId>, usize)> = Vec::new();
    for d in diags {
        let key = (d.rule.code, d.primary().map(|s| s.file));
        let n = seen.entry(key).or_default();
        *n += 1;
        if *n <= MAX_SHOWN_PER_RULE {
            shown.push(d);
        } else if let Some(h) = hidden.iter_mut().find(|h| (h.0, h.1) == key) {
            h.2 += 1;
        } else {
            hidden.push((key.0, key.1, 1));
        }
    }
    let hidden = hidden
        .into_iter()
        .map(|(code, file, count)| Hidden {
            code,
            file: file.map(|f| sources.get(f).display.clone()),
            count,
        })
        .collect();
    (shown, hidden)
}

/// One diagnostic in the documented `--format json` shape: message and help escaped and capped
/// as the terminal shows them, since they are read by people too (GitHub annotations, editors).
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub help: String,
}

pub fn to_json(diag: &Diagnostic, sources: &Sources) -> JsonDiagnostic {
    let (file, start, end) = match diag.primary() {
        Some(span) => {
            let f = sources.get(span.file);
            (
                Some(f.display.clone()),
                Some(f.line_col(span.start)),
                Some(f.line_col(span.end)),
            )
        }
        None => (None, None, None),
    };
    JsonDiagnostic {
        code: diag.rule.code,
        severity: diag.severity,
        message: shown(&diag.message),
        file,
        line: start.map(|p| p.0),
        column: start.map(|p| p.1),
        end_line: end.map(|p| p.0),
        end_column: end.map(|p| p.1),
        help: shown(&diag.help),
    }
}
