//! Printing the canonical document: two spaces per level, one statement per line, lists wrapped
//! after a comma past the line width, `"""` texts re-indented, end-of-line comments aligned
//! across consecutive lines.

use super::arguments::Token;
use super::document::{Body, CommentLine, Node};

/// Lines are kept under this many characters where the language allows a break (after a comma).
pub(crate) const WIDTH: usize = 100;
const INDENT: &str = "  ";

fn width(s: &str) -> usize {
    s.chars().count()
}

pub(crate) fn render(doc: &Body) -> String {
    let mut lines = Vec::new();
    body(doc, 0, &mut lines);
    let mut out = lines.join("\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

fn comment_line(c: &CommentLine, indent: &str, lines: &mut Vec<String>) {
    if c.blank_before {
        lines.push(String::new());
    }
    lines.push(format!("{indent}#{}", c.text));
}

fn body(b: &Body, depth: usize, lines: &mut Vec<String>) {
    let indent = INDENT.repeat(depth);
    // Each statement printed on its own, then end-of-line comments aligned over runs of
    // consecutive one-line statements that all carry one.
    let printed: Vec<Vec<String>> = b.nodes.iter().map(|n| statement(n, depth)).collect();
    let mut columns = vec![0usize; b.nodes.len()];
    let mut i = 0;
    while i < b.nodes.len() {
        let single = |k: usize| printed[k].len() == 1 && b.nodes[k].comment_after.is_some();
        if !single(i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < b.nodes.len()
            && single(j)
            && b.nodes[j].comments.is_empty()
            && !b.nodes[j].blank_before
        {
            j += 1;
        }
        let column = (i..j).map(|k| width(&printed[k][0])).max().unwrap_or(0) + 2;
        columns[i..j].fill(column);
        i = j;
    }
    for ((node, mut text), column) in b.nodes.iter().zip(printed).zip(columns) {
        for c in &node.comments {
            comment_line(c, &indent, lines);
        }
        if node.blank_before {
            lines.push(String::new());
        }
        // A line ending with a comma goes on to the next one: a dangling comma (an error the
        // checker reports) is kept from swallowing the next statement.
        if node.tokens.last() == Some(&Token::Comma)
            && node.block.is_none()
            && node.comment_after.is_none()
        {
            text.last_mut()
                .expect("a statement prints at least one line")
                .push_str(" ;");
        }
        if let Some(c) = &node.comment_after {
            let last = text
                .last_mut()
                .expect("a statement prints at least one line");
            let pad = if column > 0 {
                column.saturating_sub(width(last)).max(2)
            } else {
                2
            };
            last.push_str(&" ".repeat(pad));
            last.push('#');
            last.push_str(c);
        }
        lines.extend(text);
    }
    for c in &b.trailing {
        comment_line(c, &indent, lines);
    }
}

/// The lines of one statement, its block included, without its end-of-line comment.
fn statement(node: &Node, depth: usize) -> Vec<String> {
    let indent = INDENT.repeat(depth);
    let mut lines = arguments(
        &format!("{indent}{}", node.keyword),
        &node.tokens,
        &node.list_comments,
        depth,
    );
    if let Some(block) = &node.block {
        let last = lines
            .last_mut()
            .expect("a statement prints at least one line");
        if block.nodes.is_empty() && block.trailing.is_empty() {
            last.push_str(" {}");
        } else {
            last.push_str(" {");
            body(block, depth + 1, &mut lines);
            lines.push(format!("{indent}}}"));
        }
    }
    lines
}

/// What goes between two arguments: one space, or two where one would merge them with what
/// precedes into another token (`2` then `000 €` would read as the amount `2 000 €`: a group
/// separator is exactly one space, so two spaces keep them apart).
fn gap(line: &str, next: &str) -> &'static str {
    if !(line.ends_with(|c: char| c.is_ascii_digit())
        && next.starts_with(|c: char| c.is_ascii_digit()))
    {
        return " ";
    }
    // The numbers at the end of the line, still separated by single spaces.
    let number = |c: &str| {
        let d = c.strip_prefix('-').unwrap_or(c);
        !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
    };
    let mut run: Vec<&str> = line.rsplit(' ').take_while(|c| number(c)).collect();
    if run.is_empty() {
        return " ";
    }
    run.reverse();
    let probe = format!("x {} {next}\n", run.join(" "));
    let (tree, diags) = crate::syntax::parse(&probe, crate::source::FileId(0));
    // Apart when the numbers stay numbers: in `7 500a`, `7 500` starts a number that fails on
    // the letter, and `7` reads as a word.
    let apart = diags.is_empty()
        && tree.statements.first().is_some_and(|s| {
            s.args.len() == run.len() + 1
                && s.args[..run.len()]
                    .iter()
                    .all(|a| matches!(a.kind, crate::syntax::ArgKind::Number(_)))
        });
    if apart { " " } else { "  " }
}

/// The text of one argument on a line, `None` for a `"""` text.
fn atom(t: &Token) -> Option<&str> {
    match t {
        Token::Atom(s) => Some(s),
        Token::Comma => Some(","),
        Token::Range => Some(".."),
        Token::Percent => Some("%"),
        Token::Text(_) => None,
    }
}

/// A `"""` text that can stay on the line: one line, not ending with a quote, short enough.
fn inline_text(line: &str, text: &str) -> Option<String> {
    let t = format!(" \"\"\"{text}\"\"\"");
    (!text.contains('\n') && !text.ends_with('"') && width(line) + width(&t) <= WIDTH).then_some(t)
}

/// `head` followed by the arguments; lists wrap after a comma (always after one that carries a
/// comment), texts open their own lines.
fn arguments(
    head: &str,
    tokens: &[Token],
    comments: &[(usize, String)],
    depth: usize,
) -> Vec<String> {
    let lines = layout(head, tokens, comments, depth, false);
    // `1er janvier 2023..` is three words and a range (`2023.` is no year); spaced out, it would
    // read as a date. Ranges then stay glued to their neighbours, as they were written.
    if tokens.contains(&Token::Range) && !reads_back(&lines, tokens.len()) {
        return layout(head, tokens, comments, depth, true);
    }
    lines
}

/// Whether printed lines read back as one statement with this many arguments.
fn reads_back(lines: &[String], count: usize) -> bool {
    let (tree, diags) = crate::syntax::parse(&(lines.join("\n") + "\n"), crate::source::FileId(0));
    diags.is_empty() && tree.statements.len() == 1 && tree.statements[0].args.len() == count
}

/// What goes before token `k`: nothing before a comma (or around a glued range), else a space
/// or two (see [`gap`]).
fn before(line: &str, tokens: &[Token], k: usize, text: &str, glue: bool) -> &'static str {
    let t = &tokens[k];
    if *t == Token::Comma
        || (glue && (*t == Token::Range || (k > 0 && tokens[k - 1] == Token::Range)))
    {
        ""
    } else {
        gap(line, text)
    }
}

fn layout(
    head: &str,
    tokens: &[Token],
    comments: &[(usize, String)],
    depth: usize,
    glue: bool,
) -> Vec<String> {
    let indent = INDENT.repeat(depth);
    let continuation = INDENT.repeat(depth + 1);
    // The statement on one line, when it has no multi-line text nor comment in a list, and fits.
    if comments.is_empty()
        && tokens
            .iter()
            .all(|t| atom(t).is_some() || matches!(t, Token::Text(x) if !x.contains('\n')))
    {
        let mut line = head.to_string();
        let mut fits = true;
        for (k, t) in tokens.iter().enumerate() {
            match atom(t) {
                Some(a) => {
                    line.push_str(before(&line, tokens, k, a, glue));
                    line.push_str(a);
                }
                None => match t {
                    Token::Text(x) => match inline_text(&line, x) {
                        Some(t) => line.push_str(&t),
                        None => fits = false,
                    },
                    _ => fits = false,
                },
            }
        }
        if fits && (width(&line) <= WIDTH || !tokens.contains(&Token::Comma)) {
            return vec![line];
        }
    }
    let mut lines = Vec::new();
    let mut line = head.to_string();
    // Pieces that stay together: a list item keeps its comma.
    let mut k = 0;
    while k < tokens.len() {
        match &tokens[k] {
            Token::Text(x) => {
                if let Some(t) = inline_text(&line, x) {
                    line.push_str(&t);
                } else {
                    line.push_str(" \"\"\"");
                    lines.push(std::mem::take(&mut line));
                    for l in x.split('\n') {
                        lines.push(if l.is_empty() {
                            String::new()
                        } else {
                            format!("{continuation}{l}")
                        });
                    }
                    line = format!("{indent}\"\"\"");
                }
                k += 1;
            }
            t => {
                let mut piece = atom(t).unwrap_or_default().to_string();
                let first = k;
                k += 1;
                let commented = |i: usize| comments.iter().any(|(c, _)| *c == i);
                // A comma that carries a comment ends its piece.
                if tokens.get(k) == Some(&Token::Comma) && !(*t == Token::Comma && commented(first))
                {
                    piece.push(',');
                    k += 1;
                }
                let after_comma = line.ends_with(',');
                if line == continuation {
                    // The line after a comment: the list goes on here.
                    line.push_str(&piece);
                } else if after_comma && width(&line) + 1 + width(&piece) > WIDTH {
                    lines.push(std::mem::take(&mut line));
                    line = format!("{continuation}{piece}");
                } else {
                    line.push_str(before(&line, tokens, first, &piece, glue));
                    line.push_str(&piece);
                }
                if let Some((_, c)) = comments.iter().find(|(i, _)| *i == k - 1) {
                    line.push_str("  #");
                    line.push_str(c);
                    lines.push(std::mem::replace(&mut line, continuation.clone()));
                }
            }
        }
    }
    if line != continuation {
        lines.push(line);
    }
    lines
}
