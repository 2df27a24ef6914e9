//! Literal text as written in a source, made plain: grouped numbers and `"""` texts.

/// A number as written with its thousands grouped (`32 000`), without the spaces: `32000`.
pub(crate) fn ungrouped(number: &str) -> String {
    number
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect()
}

/// Dedents a `"""` text: drops the first and last lines when blank, removes the common indentation,
/// normalises CRLF to LF.
pub(crate) fn dedent(raw: &str) -> String {
    kept_lines(raw)
        .into_iter()
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where each line of the dedented text starts in RAW: what lets a place in the text (a citation)
/// be shown where it is written.
pub(crate) fn line_starts(raw: &str) -> Vec<usize> {
    kept_lines(raw).into_iter().map(|(at, _)| at).collect()
}

/// The lines a `"""` text keeps, each with the offset in RAW where its kept text starts.
fn kept_lines(raw: &str) -> Vec<(usize, &str)> {
    let mut lines: Vec<(usize, &str)> = raw
        .split('\n')
        .scan(0, |at, line| {
            let here = *at;
            *at += line.len() + 1;
            Some((here, line.strip_suffix('\r').unwrap_or(line)))
        })
        .collect();
    if lines.first().is_some_and(|(_, l)| l.trim().is_empty()) {
        lines.remove(0);
    }
    if lines.last().is_some_and(|(_, l)| l.trim().is_empty()) {
        lines.pop();
    }
    let indent = lines
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(_, l)| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    lines
        .into_iter()
        .map(|(at, l)| match l.get(indent..) {
            // A blank line shorter than the indentation, or whose white space is not ASCII
            // (a no-break space), keeps nothing.
            Some(rest) if !l.trim().is_empty() => (at + indent, rest.trim_end()),
            _ => (at + l.len() - l.trim_start().len(), l.trim()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedents_and_tells_where_each_line_starts() {
        let raw = "\r\n    Titre\r\n\n      - un\n \u{a0}\n    fin  \n  ";
        assert_eq!(dedent(raw), "Titre\n\n  - un\n\nfin");
        let starts = line_starts(raw);
        assert_eq!(&raw[starts[0]..starts[0] + 5], "Titre");
        assert_eq!(&raw[starts[2]..starts[2] + 4], "  - ");
        assert_eq!(&raw[starts[4]..starts[4] + 3], "fin");
    }
}
