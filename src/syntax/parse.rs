//! pest pairs → syntax tree, with our own French diagnostics and recovery at top-level statements.

use pest::Parser;
use pest::iterators::Pair;
use pest_derive::Parser;

use super::{Arg, ArgKind, Block, Comment, Statement, Tree, scan::scan};
use crate::diagnostic::Diagnostic;
use crate::rules;
use crate::source::{FileId, Span};

#[derive(Parser)]
#[grammar = "../grammar/ctg.pest"]
struct CtgParser;

/// Parses one file. Syntax errors are reported and the statements that could be read are kept:
/// after an error, parsing starts again at the next top-level keyword at the start of a line.
pub fn parse(text: &str, file: FileId) -> (Tree, Vec<Diagnostic>) {
    let mut scanned = scan(text, file);
    let scan_diags = std::mem::take(&mut scanned.diagnostics);
    if scan_diags.is_empty()
        && let Ok(mut pairs) = CtgParser::parse(Rule::file, text)
    {
        let file_pair = pairs.next().expect("file rule");
        let body = file_pair.into_inner().next().expect("body");
        let (statements, trailing_comments) = Builder { file, base: 0 }.body(body);
        return (
            Tree {
                statements,
                trailing_comments,
            },
            Vec::new(),
        );
    }
    let mut diags = scan_diags;
    let mut tree = Tree {
        statements: Vec::new(),
        trailing_comments: Vec::new(),
    };
    let bounds = chunk_starts(text);
    for (i, &start) in bounds.iter().enumerate() {
        let end = bounds.get(i + 1).copied().unwrap_or(text.len());
        let chunk = &text[start..end];
        if scanned.touches_too_deep(start, end) {
            // Reported by the scan; parsing it would overflow the stack.
            continue;
        }
        match CtgParser::parse(Rule::file, chunk) {
            Ok(mut pairs) => {
                let body = pairs
                    .next()
                    .expect("file rule")
                    .into_inner()
                    .next()
                    .expect("body");
                let (statements, trailing) = Builder { file, base: start }.body(body);
                tree.statements.extend(statements);
                tree.trailing_comments = trailing;
            }
            Err(err) => {
                let already = diags
                    .iter()
                    .filter_map(|d| d.primary())
                    .any(|s| s.start >= start && s.start < end);
                if !already {
                    diags.push(pest_error(&err, chunk, file, start));
                }
            }
        }
    }
    (tree, diags)
}

/// Byte offsets where a top-level statement may start: line starts with a letter, outside text blocks.
fn chunk_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut in_text_block = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if !in_text_block && offset > 0 && line.chars().next().is_some_and(char::is_alphabetic) {
            starts.push(offset);
        }
        if line.matches("\"\"\"").count() % 2 == 1 {
            in_text_block = !in_text_block;
        }
        offset += line.len();
    }
    starts
}

fn describe_rule(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::statement | Rule::keyword => "un mot-clé",
        Rule::string
        | Rule::text_block
        | Rule::placeholder
        | Rule::money
        | Rule::date
        | Rule::range_op
        | Rule::number
        | Rule::comma
        | Rule::percent
        | Rule::word => "un argument (texte, identifiant, nombre, montant, date)",
        Rule::block => "un bloc « { … } »",
        Rule::block_end => "« } »",
        Rule::separator => "une fin de ligne",
        Rule::comment | Rule::comment_line => "un commentaire",
        Rule::EOI => "la fin du fichier",
        _ => return None,
    })
}

fn pest_error(
    err: &pest::error::Error<Rule>,
    chunk: &str,
    file: FileId,
    base: usize,
) -> Diagnostic {
    let pos = match err.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let mut expected: Vec<&str> = match &err.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            positives.iter().filter_map(|r| describe_rule(*r)).collect()
        }
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    // The end of the file and a comment are always possible: only worth saying when nothing else is.
    if expected
        .iter()
        .any(|e| *e != "la fin du fichier" && *e != "un commentaire")
    {
        expected.retain(|e| *e != "la fin du fichier" && *e != "un commentaire");
    }
    let mut seen = Vec::new();
    expected.retain(|e| {
        let fresh = !seen.contains(e);
        seen.push(e);
        fresh
    });
    let found = chunk[pos..].chars().next();
    let (found_text, len) = match found {
        None => ("la fin du fichier".to_string(), 0),
        Some('\n') | Some('\r') => ("la fin de la ligne".to_string(), 1),
        Some(c) => (format!("« {c} »"), c.len_utf8()),
    };
    let expected_text = match expected.len() {
        0 => "autre chose".to_string(),
        1 => expected[0].to_string(),
        n => format!("{} ou {}", expected[..n - 1].join(", "), expected[n - 1]),
    };
    Diagnostic::new(
        &rules::SYNTAXE_ATTENDU,
        format!("{found_text} inattendu ici"),
    )
    .label(
        Span::new(file, base + pos, base + pos + len),
        format!("attendu : {expected_text}"),
    )
}

struct Builder {
    file: FileId,
    base: usize,
}

impl Builder {
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.file, self.base + s.start(), self.base + s.end())
    }

    fn comment(&self, pair: Pair<Rule>) -> Comment {
        let span = self.span(&pair);
        Comment {
            text: pair.as_str()[1..].trim_end_matches('\r').to_string(),
            span,
        }
    }

    /// Statements of a body, and the comments left after the last one.
    fn body(&self, body: Pair<Rule>) -> (Vec<Statement>, Vec<Comment>) {
        let mut statements = Vec::new();
        let mut pending: Vec<Comment> = Vec::new();
        let mut newlines = 0usize;
        let mut blank_before_group = false;
        for pair in body.into_inner() {
            match pair.as_rule() {
                Rule::separator if pair.as_str() != ";" => newlines += 1,
                Rule::separator => {}
                Rule::comment_line => {
                    if pending.is_empty() {
                        blank_before_group = newlines >= 2 && !statements.is_empty();
                    }
                    let comment = pair.into_inner().next().expect("comment");
                    pending.push(self.comment(comment));
                    newlines = 1;
                }
                Rule::statement => {
                    let blank = if pending.is_empty() {
                        newlines >= 2 && !statements.is_empty()
                    } else {
                        blank_before_group
                    };
                    let mut stmt = self.statement(pair);
                    stmt.comments_before = std::mem::take(&mut pending);
                    stmt.blank_line_before = blank;
                    statements.push(stmt);
                    newlines = 0;
                }
                _ => {}
            }
        }
        (statements, pending)
    }

    fn statement(&self, pair: Pair<Rule>) -> Statement {
        let whole = self.span(&pair);
        let mut inner = pair.into_inner();
        let kw = inner.next().expect("keyword");
        let keyword_span = self.span(&kw);
        let mut stmt = Statement {
            keyword: kw.as_str().to_string(),
            keyword_span,
            args: Vec::new(),
            block: None,
            span: keyword_span,
            comments_before: Vec::new(),
            comment_after: None,
            list_comments: Vec::new(),
            blank_line_before: false,
        };
        for p in inner {
            let span = self.span(&p);
            let kind = match p.as_rule() {
                Rule::block => {
                    let mut parts = p.into_inner();
                    let body = parts.next().expect("body");
                    let (statements, trailing_comments) = self.body(body);
                    stmt.block = Some(Block {
                        statements,
                        trailing_comments,
                        span,
                    });
                    stmt.span = stmt.span.to(span);
                    continue;
                }
                Rule::comment => {
                    stmt.comment_after = Some(self.comment(p));
                    continue;
                }
                Rule::string => {
                    ArgKind::Str(unescape(p.into_inner().next().map_or("", |i| i.as_str())))
                }
                Rule::text_block => {
                    ArgKind::Text(p.into_inner().next().map_or("", |i| i.as_str()).to_string())
                }
                Rule::placeholder => ArgKind::Placeholder,
                Rule::money => ArgKind::Money(p.as_str().to_string()),
                Rule::date => ArgKind::Date(p.as_str().to_string()),
                Rule::range_op => ArgKind::Range,
                Rule::number => ArgKind::Number(p.as_str().to_string()),
                Rule::comma => {
                    if let Some(c) = p.into_inner().find(|i| i.as_rule() == Rule::comment) {
                        stmt.list_comments.push((stmt.args.len(), self.comment(c)));
                    }
                    ArgKind::Comma
                }
                Rule::percent => ArgKind::Percent,
                Rule::word => ArgKind::Word(p.as_str().to_string()),
                _ => continue,
            };
            let span = if kind == ArgKind::Comma {
                Span::new(span.file, span.start, span.start + 1)
            } else {
                span
            };
            stmt.span = stmt.span.to(span);
            stmt.args.push(Arg { kind, span });
        }
        debug_assert!(stmt.span.end <= whole.end);
        stmt
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}
