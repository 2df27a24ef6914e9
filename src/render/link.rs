//! One link policy for both documents. A link of a convention's Markdown keeps its destination
//! only when following it can neither run code nor open a local file: `http`, `https`, `mailto`
//! and `tel`, or a place within the document (`#fiche-creche`). Anything else — `javascript:`,
//! `data:`, `file:`, `vbscript:`, a relative or protocol-relative path (`../x`, `//hôte/x`) —
//! becomes plain text, in the PDF's link annotations as in the HTML page.

use pulldown_cmark::LinkType;

/// Schemes a link may have.
const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Whether a Markdown link of KIND to DEST keeps its destination.
pub(crate) fn allowed(kind: LinkType, dest: &str) -> bool {
    // An email autolink (`<contact@caf.fr>`) is a `mailto:` link; its address was checked by
    // the parser.
    if kind == LinkType::Email {
        return true;
    }
    // Browsers and PDF viewers ignore control characters and spaces around and inside a scheme.
    let cleaned: String = dest
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    if cleaned.starts_with('#') {
        return true;
    }
    match cleaned.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            SCHEMES.contains(&scheme.to_ascii_lowercase().as_str())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_phone_and_anchors_are_kept() {
        let inline = LinkType::Inline;
        for kept in [
            "https://caf.fr",
            "HTTP://caf.fr",
            "mailto:contact@caf.fr",
            "tel:+33123456789",
            "#fiche-creche",
        ] {
            assert!(allowed(inline, kept), "{kept}");
        }
        for dropped in [
            "javascript:alert(1)",
            "java\tscript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,x",
            "file:///etc/passwd",
            "vbscript:x",
            "../../etc/passwd",
            "//hote.example/x",
            "notes.txt",
            "",
        ] {
            assert!(!allowed(inline, dropped), "{dropped}");
        }
        assert!(allowed(LinkType::Email, "contact@caf.fr"));
    }
}
