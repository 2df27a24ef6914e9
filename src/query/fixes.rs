//! The fixes the checker already knows: a diagnostic that asks « vouliez-vous dire « X » ? »
//! is fixed by writing X in place of what its primary label points at.

use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// A replacement that fixes a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the editor shows: `Remplacer par « X »`.
    pub title: String,
    pub span: Span,
    pub text: String,
}

/// The fix of DIAGNOSTIC, when its help suggests a word.
pub fn fix(diagnostic: &Diagnostic) -> Option<Fix> {
    let span = diagnostic.primary()?;
    let text = suggested(&diagnostic.help)?;
    Some(Fix {
        title: format!("Remplacer par «\u{202f}{text}\u{202f}»"),
        span,
        text: text.to_string(),
    })
}

/// The word of `vouliez-vous dire « X » ?` in a help line (`Diagnostic::suggest` writes it; the
/// article rule adds a sentence after it).
fn suggested(help: &str) -> Option<&str> {
    const ASK: &str = "vouliez-vous dire";
    let rest = help[help.find(ASK)? + ASK.len()..].trim_start();
    let rest = rest.strip_prefix('«')?;
    let word = rest[..rest.find('»')?].trim_matches(|c: char| c.is_whitespace());
    (!word.is_empty()).then_some(word)
}

#[cfg(test)]
mod tests {
    use super::suggested;

    #[test]
    fn reads_the_suggested_word() {
        assert_eq!(
            suggested("vouliez-vous dire « période » ?"),
            Some("période")
        );
        assert_eq!(
            suggested(
                "vouliez-vous dire «\u{202f}engagements\u{202f}» ? Pour un nouvel article, donnez-lui un titre"
            ),
            Some("engagements")
        );
        assert_eq!(suggested("valeurs permises : a, b"), None);
        assert_eq!(suggested("vouliez-vous dire « » ?"), None);
    }
}
