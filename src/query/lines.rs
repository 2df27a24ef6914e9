//! Positions as editors count them: lines from 0, columns in UTF-16 code units (the language
//! server protocol's default, and JavaScript's string offsets), against the byte offsets of spans.

/// A line and a column in UTF-16 code units, both from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

/// The line starts of one text, to convert offsets both ways.
pub struct LineIndex<'t> {
    text: &'t str,
    /// Byte offset of each line's first character.
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { text, starts }
    }

    /// The position of byte OFFSET (clamped to the text, moved back to a character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let character = utf16_len(&self.text[self.starts[line]..offset]);
        Position {
            line: line as u32,
            character: character as u32,
        }
    }

    /// The byte offset of POSITION. As the protocol says, a column past the end of its line is
    /// the end of the line (before its line break), and a line past the end is the end of the text.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let line = &self.text[start..self.line_end(position.line as usize)];
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units >= position.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        start + line.len()
    }

    /// Where line LINE's content ends: before its `\n` or `\r\n`.
    fn line_end(&self, line: usize) -> usize {
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let start = self.starts[line];
        if end > start && self.text.as_bytes()[end - 1] == b'\r' && end < self.text.len() {
            end - 1
        } else {
            end
        }
    }

    /// The position just after the last character.
    pub fn end(&self) -> Position {
        self.position(self.text.len())
    }
}

/// The length of TEXT in UTF-16 code units.
pub fn utf16_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().map(char::len_utf16).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn columns_count_utf16_units() {
        // « é » is one unit (two bytes), « 😀 » two units (four bytes).
        let text = "axe é \"😀x\"\nfiche f\r\n\nfin";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), at(0, 0));
        assert_eq!(index.position(text.find('é').unwrap() + 2), at(0, 5));
        let x = text.find("x\"").unwrap();
        assert_eq!(index.position(x), at(0, 9));
        assert_eq!(index.offset(at(0, 9)), x);
        assert_eq!(index.position(text.find("fiche").unwrap()), at(1, 0));
        assert_eq!(index.position(text.find("fin").unwrap() + 3), at(3, 3));
        assert_eq!(index.end(), at(3, 3));
        // Inside a character: back to its start.
        assert_eq!(index.position(text.find('é').unwrap() + 1), at(0, 4));
    }

    #[test]
    fn offsets_are_clamped_to_the_line_and_the_text() {
        let text = "ab\r\ncd\nef";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(at(0, 99)), 2, "before the CRLF");
        assert_eq!(index.offset(at(1, 99)), 6, "before the LF");
        assert_eq!(index.offset(at(2, 1)), 8);
        assert_eq!(index.offset(at(2, 99)), text.len());
        assert_eq!(index.offset(at(9, 0)), text.len());
        // Every offset but the one between CR and LF, which is not a place in the text.
        for offset in (0..=text.len()).filter(|&o| o != 3) {
            assert_eq!(index.offset(index.position(offset)), offset, "{offset}");
        }
    }
}
