//! `preview`: the HTML page `ctgc build` writes, made from the editor's files — the project's own
//! templates and the signatories' logos read from them, as the command line reads them from the
//! disk.

use std::sync::Arc;

use ctgc::render::view;
use ctgc::render::{Templates, html, logos};
use ctgc::world::World;

use crate::diagnostics::analyse;
use crate::files::FileSet;

/// A project's templates directory when `modèles:` of ctgc.yaml names none, as the command line
/// reads it (`ctgc::templates::project_dir`, not public).
const TEMPLATES_DIR: &str = "templates";

/// The page, and what it had to leave out (French warnings, as `ctgc build` prints them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub html: String,
    pub warnings: Vec<String>,
}

/// Renders the files' convention as its HTML page. `Err` (French) when there is none to show:
/// the files are no project, or the convention has errors — `ctgc build` writes nothing then
/// either, and the editor already shows why.
pub fn preview(files: &FileSet) -> Result<Page, String> {
    let world = files.world();
    let comp = analyse(files, world.as_ref())?;
    let errors = comp.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        return Err(waiting_for(errors));
    }
    let view = view::build(&comp.model)
        .map_err(|e| format!("les articles par défaut n'ont pas pu être complétés — {e}"))?;
    let dir = comp.project.dir.join(
        comp.model
            .config
            .modeles
            .as_deref()
            .unwrap_or(TEMPLATES_DIR),
    );
    let shared: Arc<dyn World> = world.clone();
    let templates = Templates::in_world(shared, dir);
    let (embedded, warnings) = logos::embed(world.as_ref(), &comp.project, [&view]);
    let html = html::render_with_logos(&view, &templates, &embedded)
        .map_err(|e| format!("la page HTML n'a pas pu être produite — {e}"))?;
    Ok(Page { html, warnings })
}

/// Why the page waits, for ERRORS errors (at least one).
fn waiting_for(errors: usize) -> String {
    if errors == 1 {
        "la convention contient une erreur : l’aperçu sera mis à jour quand elle sera corrigée"
            .into()
    } else {
        format!(
            "la convention contient {errors}\u{a0}erreurs : l’aperçu sera mis à jour quand elles seront corrigées"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The browser test's convention with logos (one of them a scripted SVG).
    const LOGOS: &str = include_str!("../../../tests/browser/logos/convention.ctg");
    const CAF_SVG: &[u8] = include_bytes!("../../../tests/browser/logos/logos/caf.svg");
    const CC_PNG: &[u8] = include_bytes!("../../../tests/browser/logos/logos/cc.png");

    fn files(list: &[(&str, &[u8])]) -> FileSet {
        let mut set = FileSet::default();
        for (path, bytes) in list {
            set.set(path, bytes.to_vec()).unwrap();
        }
        set
    }

    #[test]
    fn the_page_shows_the_fiches_and_embeds_the_logos() {
        let page = preview(&files(&[
            ("convention.ctg", LOGOS.as_bytes()),
            ("logos/caf.svg", CAF_SVG),
            ("logos/cc.png", CC_PNG),
        ]))
        .unwrap();
        // « du Val »: French typography binds the article to the name with a no-break space.
        assert!(
            page.html
                .contains("Convention territoriale globale du\u{a0}Val des\u{a0}Logos")
        );
        assert!(page.html.contains("Ouvrir une micro-crèche"));
        assert!(page.html.contains("data:image/svg+xml;base64,"));
        assert!(page.html.contains("data:image/png;base64,"));
        assert_eq!(page.warnings, Vec::<String>::new());
    }

    #[test]
    fn the_project_templates_override_the_built_in_ones() {
        let page = preview(&files(&[
            ("convention.ctg", LOGOS.as_bytes()),
            ("logos/caf.svg", CAF_SVG),
            ("logos/cc.png", CC_PNG),
            (
                "templates/convention.html.j2",
                "<p>Mon modèle : {{ titre }}</p>".as_bytes(),
            ),
        ]))
        .unwrap();
        assert_eq!(
            page.html,
            "<p>Mon modèle : Convention territoriale globale du\u{a0}Val des\u{a0}Logos</p>"
        );
        // Elsewhere when ctgc.yaml says so.
        let elsewhere = preview(&files(&[
            ("ctgc.yaml", "modèles: gabarits\n".as_bytes()),
            ("convention.ctg", LOGOS.as_bytes()),
            ("logos/caf.svg", CAF_SVG),
            ("logos/cc.png", CC_PNG),
            (
                "gabarits/convention.html.j2",
                "<p>{{ titre }}</p>".as_bytes(),
            ),
            ("templates/convention.html.j2", "<p>ignoré</p>".as_bytes()),
        ]))
        .unwrap();
        assert_eq!(
            elsewhere.html,
            "<p>Convention territoriale globale du\u{a0}Val des\u{a0}Logos</p>"
        );
    }

    #[test]
    fn errors_leave_no_page() {
        // A logo missing is an error of `ctgc check`: no page, as `ctgc build` writes none.
        let files = files(&[("convention.ctg", LOGOS.as_bytes())]);
        let errors = crate::diagnostics::check(&files)
            .iter()
            .filter(|d| d.severity == "error")
            .count();
        assert!(errors >= 2, "{errors}");
        assert_eq!(preview(&files), Err(waiting_for(errors)));
        let none = preview(&FileSet::default()).unwrap_err();
        assert!(none.contains("ne forment pas un projet"), "{none}");
    }

    #[test]
    fn the_wait_is_said_in_french() {
        assert_eq!(
            waiting_for(1),
            "la convention contient une erreur : l’aperçu sera mis à jour quand elle sera corrigée"
        );
        assert_eq!(
            waiting_for(3),
            "la convention contient 3\u{a0}erreurs : l’aperçu sera mis à jour quand elles seront corrigées"
        );
    }
}
