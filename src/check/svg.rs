//! What typst refuses in an SVG logo, found before the build: a file its SVG reader cannot read
//! (XML that is not well formed, no `<svg>` root, more nesting or elements than the reader
//! accepts, an invalid size), and an image the SVG links to instead of holding it, which the PDF
//! cannot include. The reader is typst's own (usvg, the version typst 0.15 uses) with typst's
//! options, so that a logo `check` accepts is a logo the build can lay out.

use std::sync::Mutex;

use usvg::roxmltree;

/// Why typst cannot lay out an SVG, in French, for the diagnostic.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// The reader refuses the file: why.
    Unreadable(String),
    /// The SVG links to this image (`<image href="…">`) rather than holding it.
    LinkedImage(String),
}

/// What keeps typst from laying out the SVG in DATA, if anything.
pub(crate) fn problem(data: &[u8]) -> Option<Problem> {
    let linked: Mutex<Option<String>> = Mutex::new(None);
    let options = usvg::Options {
        // As typst: no default font family, no resources directory, `data:` images decoded, and
        // every other link handed to the resolver — which typst loads from the project; here it
        // is noted, and refused.
        font_family: String::new(),
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|href, _| {
                if let Ok(mut first) = linked.lock() {
                    first.get_or_insert_with(|| href.to_string());
                }
                None
            }),
        },
        ..usvg::Options::default()
    };
    let read = usvg::Tree::from_data(data, &options);
    drop(options);
    if let Err(e) = read {
        return Some(Problem::Unreadable(reason(e)));
    }
    linked.into_inner().ok().flatten().map(Problem::LinkedImage)
}

fn reason(error: usvg::Error) -> String {
    match error {
        usvg::Error::NotAnUtf8Str => "ce n'est pas un texte en UTF-8".into(),
        usvg::Error::MalformedGZip => "sa compression (SVGZ) est endommagée".into(),
        usvg::Error::ElementsLimitReached => "il a trop d'éléments".into(),
        usvg::Error::InvalidSize => "sa largeur, sa hauteur ou sa viewBox ne sont pas valides".into(),
        usvg::Error::ParsingFailed(e) => match e {
            roxmltree::Error::NodesLimitReached
            | roxmltree::Error::AttributesLimitReached
            | roxmltree::Error::NamespacesLimitReached => {
                "il dépasse les limites du lecteur SVG (plus d'un million d'éléments, références « use » comprises, ou plus de 1 024 niveaux d'imbrication)".into()
            }
            roxmltree::Error::NoRootNode => {
                "son élément racine n'est pas <svg>".into()
            }
            roxmltree::Error::EntityReferenceLoop(_) => {
                "ses entités XML se citent en boucle ou trop profondément".into()
            }
            e => {
                let at = e.pos();
                format!(
                    "ce n'est pas du XML bien formé (ligne {}, colonne {})",
                    at.row, at.col
                )
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>"#;

    #[test]
    fn a_plain_svg_is_accepted() {
        assert_eq!(problem(SQUARE.as_bytes()), None);
        let embedded = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="data:image/png;base64,AAAA" width="10" height="10"/></svg>"#;
        assert_eq!(problem(embedded.as_bytes()), None);
    }

    #[test]
    fn linked_images_are_refused() {
        for href in [
            "http://exemple.fr/x.png",
            "autre.png",
            "/etc/hostname",
            "file:///x.png",
        ] {
            let svg = format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="{href}" width="10" height="10"/></svg>"#
            );
            assert_eq!(
                problem(svg.as_bytes()),
                Some(Problem::LinkedImage(href.into())),
                "{href}"
            );
        }
    }

    #[test]
    fn what_the_reader_refuses_is_said() {
        let unclosed = &SQUARE[..SQUARE.len() - 6];
        assert!(
            matches!(problem(unclosed.as_bytes()), Some(Problem::Unreadable(m)) if m.contains("XML bien formé")),
        );
        let not_svg = "<!-- <svg --><html/>";
        assert!(
            matches!(problem(not_svg.as_bytes()), Some(Problem::Unreadable(m)) if m.contains("racine")),
        );
        let deep = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{}{}</svg>"#,
            "<g>".repeat(1100),
            "</g>".repeat(1100)
        );
        assert!(
            matches!(problem(deep.as_bytes()), Some(Problem::Unreadable(m)) if m.contains("limites")),
        );
        // Each level uses the previous one ten times: 10⁷ elements from a few hundred bytes.
        let mut bomb = String::from(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><defs><rect id="l0" width="1" height="1"/>"#,
        );
        for level in 1..=7 {
            bomb.push_str(&format!("<g id=\"l{level}\">"));
            for _ in 0..10 {
                bomb.push_str(&format!("<use xlink:href=\"#l{}\"/>", level - 1));
            }
            bomb.push_str("</g>");
        }
        bomb.push_str(r##"</defs><use xlink:href="#l7"/></svg>"##);
        assert!(
            matches!(problem(bomb.as_bytes()), Some(Problem::Unreadable(m)) if m.contains("limites")),
        );
        let zero = r#"<svg xmlns="http://www.w3.org/2000/svg" width="0" height="10"/>"#;
        assert!(
            matches!(problem(zero.as_bytes()), Some(Problem::Unreadable(m)) if m.contains("largeur")),
        );
    }
}
