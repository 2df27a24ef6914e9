//! The syntax tree: statements with their spans and comments, as written.
//!
//! This is the layer the formatter prints back; lowering (src/lower/) gives it meaning.

mod parse;
mod scan;

pub use parse::parse;

use crate::source::Span;

#[derive(Debug, Clone)]
pub struct Comment {
    /// The text after `#`, as written (leading space included).
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ArgKind {
    /// `"…"`, unescaped.
    Str(String),
    /// `"""…"""`: the raw text between the quotes.
    Text(String),
    /// `à compléter`
    Placeholder,
    /// Money as written; validated when lowering.
    Money(String),
    /// A date as written; validated when lowering.
    Date(String),
    /// `..`
    Range,
    /// `48`, `12,5`, `2023`
    Number(String),
    /// `,`
    Comma,
    /// `%`
    Percent,
    /// Identifier or bare word.
    Word(String),
}

#[derive(Debug, Clone)]
pub struct Arg {
    pub kind: ArgKind,
    pub span: Span,
}

impl Arg {
    /// How the argument is named in a diagnostic.
    pub(crate) fn describe(&self) -> String {
        match &self.kind {
            ArgKind::Str(s) => format!("le texte « {s} »"),
            ArgKind::Text(_) => "un texte long".into(),
            ArgKind::Placeholder => "« à compléter »".into(),
            ArgKind::Money(m) => format!("le montant « {m} »"),
            ArgKind::Date(d) => format!("la date « {d} »"),
            ArgKind::Range => "« .. »".into(),
            ArgKind::Number(n) => format!("le nombre « {n} »"),
            ArgKind::Comma => "« , »".into(),
            ArgKind::Percent => "« % »".into(),
            ArgKind::Word(w) => format!("« {w} »"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Statement {
    pub keyword: String,
    pub keyword_span: Span,
    pub args: Vec<Arg>,
    pub block: Option<Block>,
    /// Whole statement, keyword to closing brace.
    pub span: Span,
    /// Comment lines just above the statement.
    pub comments_before: Vec<Comment>,
    /// `# …` at the end of the statement's line (after its block, if any).
    pub comment_after: Option<Comment>,
    /// `# …` between a comma and the line break of a list that goes on over the next line, with
    /// the index of that comma in `args`.
    pub list_comments: Vec<(usize, Comment)>,
    /// A blank line separates this statement from the previous one.
    pub blank_line_before: bool,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub statements: Vec<Statement>,
    /// Comments after the last statement, before `}`.
    pub trailing_comments: Vec<Comment>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Tree {
    pub statements: Vec<Statement>,
    /// Comments after the last statement of the file.
    pub trailing_comments: Vec<Comment>,
}
