//! The canonical document: the syntax tree with keywords and arguments in their canonical
//! spelling, fields in canonical order, and, for every line, whether a blank line precedes it.
//! Two sources that give the same document are printed identically.

use super::arguments::{Token, tokens};
use super::order::Kind;
use crate::syntax::{Arg, ArgKind, Block, Comment, Statement};

/// Comments after a comma that ends a line of a list, with the index of that comma's token.
type ListComments = Vec<(usize, String)>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CommentLine {
    /// The text after `#`, trailing spaces removed.
    pub text: String,
    pub blank_before: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Node {
    /// Comment lines just above the statement (they move with it).
    pub comments: Vec<CommentLine>,
    /// A blank line just above the statement's own line (after its comments, if any).
    pub blank_before: bool,
    pub keyword: String,
    pub tokens: Vec<Token>,
    pub block: Option<Body>,
    pub comment_after: Option<String>,
    /// Comments after a comma that ends a line of a list, with the index of that comma in
    /// `tokens` (a list's arguments are its tokens, one for one).
    pub list_comments: Vec<(usize, String)>,
}

impl Node {
    /// Whether a blank line precedes the first line of this statement (its first comment, if any).
    fn first_blank(&mut self) -> &mut bool {
        match self.comments.first_mut() {
            Some(c) => &mut c.blank_before,
            None => &mut self.blank_before,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Body {
    pub nodes: Vec<Node>,
    /// Comments after the last statement.
    pub trailing: Vec<CommentLine>,
}

/// Builds the canonical document of a parsed file. `src` is the text the tree was parsed from.
pub(crate) fn document(statements: &[Statement], trailing: &[Comment], src: &str) -> Body {
    Builder { src }.body(statements, trailing, Kind::Top)
}

struct Builder<'a> {
    src: &'a str,
}

impl Builder<'_> {
    /// At least one empty line between two byte offsets.
    fn blank_between(&self, prev_end: Option<usize>, start: usize) -> bool {
        prev_end.is_some_and(|end| {
            self.src
                .get(end..start)
                .is_some_and(|gap| gap.matches('\n').count() >= 2)
        })
    }

    fn comment(&self, c: &Comment, prev_end: &mut Option<usize>) -> CommentLine {
        let line = CommentLine {
            text: c.text.trim_end().to_string(),
            blank_before: self.blank_between(*prev_end, c.span.start),
        };
        *prev_end = Some(c.span.end);
        line
    }

    /// The statement's arguments as written (comments in a list included, line ends made LF),
    /// when no spacing could keep what they are:
    /// - a bare word of digits is a number the lexer refused because of what follows it: in
    ///   `12 500,1a` the decimal part runs into a letter, so `12` and `500` are words; printed
    ///   `12 500, 1a`, they would read as the number `12 500`;
    /// - a number followed by a currency word apart from it by a tab (`12⇥eur`: an amount
    ///   allows only spaces before its currency) would read as an amount with any space.
    ///
    /// The commas that end the list stay tokens of their own, with their comments, so that a
    /// dangling comma is still seen as one.
    fn as_written(&self, stmt: &Statement) -> Option<(Vec<Token>, ListComments)> {
        let digits =
            |a: &Arg| matches!(&a.kind, ArgKind::Word(w) if w.bytes().all(|b| b.is_ascii_digit()));
        let currency = |a: &Arg| matches!(&a.kind, ArgKind::Word(w) if ["eur", "euro", "euros"].iter().any(|c| w.eq_ignore_ascii_case(c)));
        let priced =
            |pair: &[Arg]| matches!(pair[0].kind, ArgKind::Number(_)) && currency(&pair[1]);
        if !(stmt.args.iter().any(digits) || stmt.args.windows(2).any(priced)) {
            return None;
        }
        let end = stmt.args.iter().rposition(|a| a.kind != ArgKind::Comma)?;
        let written = self
            .src
            .get(stmt.args.first()?.span.start..stmt.args[end].span.end)?;
        let mut tokens = vec![Token::Atom(written.replace("\r\n", "\n"))];
        let mut comments = Vec::new();
        for i in end + 1..stmt.args.len() {
            tokens.push(Token::Comma);
            let at = tokens.len() - 1;
            comments.extend(
                stmt.list_comments
                    .iter()
                    .filter(|(k, _)| *k == i)
                    .map(|(_, c)| (at, c.text.trim_end().to_string())),
            );
        }
        Some((tokens, comments))
    }

    fn body(&self, statements: &[Statement], trailing: &[Comment], kind: Kind) -> Body {
        let mut prev_end = None;
        let mut nodes = Vec::with_capacity(statements.len());
        let mut ranks = Vec::with_capacity(statements.len());
        for stmt in statements {
            let comments = stmt
                .comments_before
                .iter()
                .map(|c| self.comment(c, &mut prev_end))
                .collect();
            let blank_before = self.blank_between(prev_end, stmt.span.start);
            let known = kind.keyword(&stmt.keyword);
            ranks.push(known.map(|k| k.0));
            let keyword = known.map_or_else(|| stmt.keyword.clone(), |k| k.1.to_string());
            let child = kind.child(&keyword);
            let block = stmt.block.as_ref().map(|b| self.block(b, child));
            let end = stmt
                .comment_after
                .as_ref()
                .map_or(stmt.span.end, |c| c.span.end.max(stmt.span.end));
            prev_end = Some(end);
            let (tokens, list_comments) = match self.as_written(stmt) {
                Some(written) => written,
                None => (
                    tokens(kind, &keyword, &stmt.args),
                    stmt.list_comments
                        .iter()
                        .map(|(i, c)| (*i, c.text.trim_end().to_string()))
                        .collect(),
                ),
            };
            nodes.push(Node {
                comments,
                blank_before,
                tokens,
                keyword,
                block,
                comment_after: stmt
                    .comment_after
                    .as_ref()
                    .map(|c| c.text.trim_end().to_string()),
                list_comments,
            });
        }
        // Reorder only a block whose every keyword is known: an unknown one is an error the user
        // is about to fix, and moving things around it would only confuse.
        if kind.reorders() && ranks.iter().all(Option::is_some) {
            let mut ranked: Vec<(usize, Node)> = ranks.into_iter().flatten().zip(nodes).collect();
            ranked.sort_by_key(|(rank, _)| *rank);
            nodes = ranked.into_iter().map(|(_, n)| n).collect();
        }
        let trailing: Vec<CommentLine> = trailing
            .iter()
            .map(|c| self.comment(c, &mut prev_end))
            .collect();
        let mut body = Body { nodes, trailing };
        // A statement that ends with a comma and a comment would read the next one as the rest of
        // its list (`champs a,  # …` then `axe b`): a blank line keeps them apart.
        for i in 1..body.nodes.len() {
            let prev = &body.nodes[i - 1];
            if prev.block.is_none()
                && prev.comment_after.is_some()
                && prev.tokens.last() == Some(&Token::Comma)
            {
                *body.nodes[i].first_blank() = true;
            }
        }
        // Nothing is printed blank at the top of a block or of the file.
        if let Some(first) = body.nodes.first_mut() {
            *first.first_blank() = false;
        } else if let Some(first) = body.trailing.first_mut() {
            first.blank_before = false;
        }
        body
    }

    fn block(&self, block: &Block, kind: Kind) -> Body {
        self.body(&block.statements, &block.trailing_comments, kind)
    }
}
