//! Where the cursor is, read from the text alone: the blocks around it and the words of the
//! statement it is in. A file being typed seldom parses, so this is a scan of its lexical
//! shapes (strings, texts, comments, braces), not the parser's tree.

use std::ops::Range;

/// What the statement holding the cursor has before it, word by word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    Word(String),
    /// A string or a `"""` text.
    Text,
    Comma,
    /// Anything else: `..`, `%`, `€`…
    Other,
}

impl Token {
    pub(crate) fn word(&self) -> Option<&str> {
        match self {
            Token::Word(w) => Some(w),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Context {
    /// The statements whose blocks hold the cursor, outermost first, each as its tokens up to
    /// its `{`.
    pub blocks: Vec<Vec<Token>>,
    /// The tokens of the statement the cursor is in, before the word under the cursor.
    pub statement: Vec<Token>,
    /// The word under the cursor (bytes), empty when the cursor is between words.
    pub word: Range<usize>,
    /// The cursor is in a string, a text or a comment.
    pub in_text: bool,
}

/// A character of an identifier or a keyword, as the grammar's `word_char`.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '°' | '\'' | '’')
}

/// The context of byte OFFSET in TEXT.
pub(crate) fn context(text: &str, offset: usize) -> Context {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let mut blocks: Vec<Vec<Token>> = Vec::new();
    let mut statement: Vec<Token> = Vec::new();
    let mut word = offset..offset;
    let mut in_text = false;
    let mut chars = before.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '#' => match before[i..].find('\n') {
                Some(n) => skip_to(&mut chars, i + n),
                None => {
                    in_text = true;
                    break;
                }
            },
            '"' if before[i..].starts_with("\"\"\"") => {
                match before[i + 3..].find("\"\"\"") {
                    Some(n) => skip_to(&mut chars, i + 3 + n + 3),
                    None => {
                        in_text = true;
                        break;
                    }
                }
                statement.push(Token::Text);
            }
            '"' => {
                match string_length(&before[i + 1..]) {
                    Some(n) => skip_to(&mut chars, i + 1 + n),
                    None => {
                        in_text = true;
                        break;
                    }
                }
                statement.push(Token::Text);
            }
            '{' => blocks.push(std::mem::take(&mut statement)),
            '}' => {
                blocks.pop();
                statement.clear();
            }
            ';' => statement.clear(),
            '\n' => {
                // A list goes on after a comma at the end of a line.
                if statement.last() != Some(&Token::Comma) {
                    statement.clear();
                }
            }
            ',' => statement.push(Token::Comma),
            c if is_word_char(c) => {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if !is_word_char(d) {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                }
                if end == offset {
                    word = i..offset;
                } else {
                    statement.push(Token::Word(before[i..end].to_string()));
                }
            }
            c if c.is_whitespace() => {}
            _ => statement.push(Token::Other),
        }
    }
    if !in_text {
        word.end += text[offset..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(text.len() - offset, |(n, _)| n);
    }
    Context {
        blocks,
        statement,
        word,
        in_text,
    }
}

/// Advances CHARS to byte offset END.
fn skip_to(chars: &mut std::iter::Peekable<std::str::CharIndices>, end: usize) {
    while chars.next_if(|&(j, _)| j < end).is_some() {}
}

/// The length of the rest of a string after its opening quote: up to its closing quote
/// included, or up to the end of its line (an unterminated string, which the grammar stops
/// there); `None` when REST ends first.
fn string_length(rest: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match c {
            '\n' => return Some(i),
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(i + 1),
            _ => escaped = false,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(tokens: &[Token]) -> Vec<&str> {
        tokens.iter().map(|t| t.word().unwrap_or("·")).collect()
    }

    /// The context at the `|` of TEXT.
    fn at(text: &str) -> (Context, String) {
        let offset = text.find('|').unwrap();
        let text = text.replacen('|', "", 1);
        (context(&text, offset), text)
    }

    #[test]
    fn blocks_and_statement_around_the_cursor() {
        let (c, text) = at(
            "axe a \"A { }\" {\n  objectif o \"O\"\n}\nfiche f \"F\" {  # {\n  constat \"\"\"\n  { \"\n  \"\"\"\n  objectifs o1,\n    o2, ob|x\n}\n",
        );
        assert!(!c.in_text);
        assert_eq!(c.blocks.len(), 1);
        assert_eq!(words(&c.blocks[0]), ["fiche", "f", "·"]);
        assert_eq!(words(&c.statement), ["objectifs", "o1", "·", "o2", "·"]);
        assert_eq!(&text[c.word], "obx");
    }

    #[test]
    fn keyword_position_and_text() {
        let (c, _) = at("fiche f \"F\" {\n  indicateur \"I\" {\n    |\n");
        assert_eq!(c.blocks.len(), 2);
        assert!(c.statement.is_empty());
        assert!(c.word.is_empty());
        let (c, _) = at("fiche f \"F|\" {\n");
        assert!(c.in_text);
        let (c, _) = at("fiche f \"F\" { # axe |\n");
        assert!(c.in_text);
        let (c, _) = at("convention \"C\" {\n  préambule \"\"\"\n  axe |");
        assert!(c.in_text);
        // A statement ends at a line break, at `;` and at `}`.
        let (c, _) = at("fiche f \"F\" {\n  axe a ; pil|\n");
        assert_eq!(words(&c.statement), Vec::<&str>::new());
        let (c, _) = at("axe a \"A\" {\n}\n|");
        assert!(c.blocks.is_empty() && c.statement.is_empty());
    }
}
