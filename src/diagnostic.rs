//! Diagnostics: what a rule found, where, and how to fix it; rendered by miette or as JSON.

use std::fmt;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use serde::Serialize;

use crate::rules::Rule;
use crate::source::{Sources, Span};

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
    source: Option<NamedSource<Arc<str>>>,
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

fn to_miette(diag: &Diagnostic, sources: &Sources) -> MietteReport {
    let primary_file = diag.primary().map(|s| s.file);
    let named = |file| {
        let f = sources.get(file);
        NamedSource::new(f.display.clone(), f.text.clone()).with_language("ctg")
    };
    let mut labels = Vec::new();
    let mut related = Vec::new();
    for (i, label) in diag.labels.iter().enumerate() {
        let span = LabeledSpan::new(
            Some(label.text.clone()),
            label.span.start,
            label.span.end - label.span.start,
        );
        if Some(label.span.file) == primary_file {
            labels.push(if i == 0 {
                LabeledSpan::new_primary_with_span(
                    Some(label.text.clone()),
                    (label.span.start, label.span.end - label.span.start),
                )
            } else {
                span
            });
        } else {
            related.push(MietteReport {
                message: label.text.clone(),
                code: None,
                severity: miette::Severity::Advice,
                help: None,
                source: Some(named(label.span.file)),
                labels: vec![span],
                related: Vec::new(),
            });
        }
    }
    MietteReport {
        message: diag.message.clone(),
        code: Some(diag.rule.code.to_string()),
        severity: match diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        },
        help: (!diag.help.is_empty()).then(|| diag.help.clone()),
        source: primary_file.map(named),
        labels,
        related,
    }
}

/// Renders one diagnostic as text (with colours when `color` is set).
pub fn render(diag: &Diagnostic, sources: &Sources, color: bool, width: usize) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_links(false)
        .with_context_lines(1);
    let mut out = String::new();
    let report = to_miette(diag, sources);
    // Rendering into a String cannot fail.
    let _ = handler.render_report(&mut out, &report);
    out
}

/// One diagnostic in the documented `--format json` shape.
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
        message: diag.message.clone(),
        file,
        line: start.map(|p| p.0),
        column: start.map(|p| p.1),
        end_line: end.map(|p| p.0),
        end_column: end.map(|p| p.1),
        help: diag.help.clone(),
    }
}
