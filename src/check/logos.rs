//! Signatories' logos: a file of the project, in a format the PDF can include, described by an
//! alternative text. The rules themselves are `crate::logos`'s, shared with the documents.

use super::svg;
use crate::diagnostic::Diagnostic;
use crate::limits::MAX_FILE_BYTES;
use crate::logos::{self, Problem};
use crate::model::Model;
use crate::project::Project;
use crate::rules;
use crate::world::{self, World};

pub(crate) fn check(
    world: &dyn World,
    project: &Project,
    model: &Model,
    diags: &mut Vec<Diagnostic>,
) {
    for party in &model.parties {
        let Some(logo) = &party.logo else { continue };
        if logo.alt.trim().is_empty() {
            diags.push(
                Diagnostic::new(
                    &rules::LOGO_SANS_ALTERNATIVE,
                    format!(
                        "le logo de « {} » n'a pas de texte de remplacement",
                        party.nom.value
                    ),
                )
                .label(logo.span, "logo sans description"),
            );
        }
        let file = &logo.fichier;
        let found = logos::locate(world, project, &logo.fichier)
            .and_then(|found| found.check_content(world).map(|()| found));
        let problem = match found {
            Ok(found) => {
                if found.format.name == "SVG"
                    && let Ok(data) = world::read_limited(world, &found.path, MAX_FILE_BYTES)
                    && let Some(problem) = svg::problem(&data)
                {
                    diags.push(svg_diagnostic(file, problem).label(logo.span, "logo SVG refusé"));
                }
                continue;
            }
            Err(problem) => problem,
        };
        diags.push(match problem {
            Problem::Absolute => Diagnostic::new(&rules::LOGO_INTROUVABLE, format!("« {file} » est un chemin absolu"))
                .label(logo.span, "chemin absolu")
                .help("copiez le logo dans le projet (par exemple logos/) et écrivez son chemin relatif au dossier du projet"),
            Problem::NotAFile => Diagnostic::new(
                &rules::LOGO_INTROUVABLE,
                format!("« {file} » n'est pas un fichier"),
            )
            .label(logo.span, "pas un fichier"),
            Problem::Missing(why) | Problem::Unreadable(why) => Diagnostic::new(
                &rules::LOGO_INTROUVABLE,
                format!(
                    "logo « {file} » introuvable dans « {} » : {why}",
                    project.dir.display()
                ),
            )
            .label(logo.span, "fichier introuvable"),
            Problem::Outside => Diagnostic::new(&rules::LOGO_INTROUVABLE, format!("« {file} » est hors du dossier du projet"))
                .label(logo.span, "hors du projet")
                .help("copiez le logo dans le projet (par exemple logos/) : seul le dossier du projet est lu à la composition du PDF"),
            Problem::UnknownFormat(extension) => Diagnostic::new(
                &rules::LOGO_FORMAT,
                format!(
                    "« {file} » : format « {} » non pris en charge",
                    if extension.is_empty() {
                        "sans extension"
                    } else {
                        &extension
                    }
                ),
            )
            .label(logo.span, "format non pris en charge"),
            Problem::Content(format) => {
                let format = format.name;
                Diagnostic::new(&rules::LOGO_FORMAT, format!("« {file} » n'est pas une image {format} valide"))
                    .label(logo.span, format!("contenu qui n'est pas du {format}"))
                    .help(format!("ouvrez le fichier dans un éditeur d'images et réenregistrez-le au format {format}"))
            }
            // Only the HTML page has a size limit: `ctgc build` says when it leaves a logo out.
            Problem::TooLarge(_) => continue,
        });
    }
}

/// An SVG logo that typst would refuse (see `check/svg.rs`).
fn svg_diagnostic(file: &str, problem: svg::Problem) -> Diagnostic {
    match problem {
        svg::Problem::Unreadable(why) => Diagnostic::new(
            &rules::LOGO_FORMAT,
            format!("le logo « {file} » ne peut pas être lu comme une image SVG : {why}"),
        )
        .help("ouvrez le logo dans un éditeur d'images (Inkscape…) et réenregistrez-le en SVG simple, ou fournissez-le en PNG"),
        svg::Problem::LinkedImage(href) => Diagnostic::new(
            &rules::LOGO_FORMAT,
            format!("le logo « {file} » renvoie à une image qu'il ne contient pas (« {href} ») : le PDF ne peut pas l'inclure"),
        )
        .help("incorporez l'image au fichier SVG (dans Inkscape : Extensions, Images, Incorporer les images), ou fournissez le logo en PNG"),
    }
}
