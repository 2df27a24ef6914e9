//! Signatories' logos: a file of the project, in a format the PDF can include, described by an
//! alternative text.

use std::io::Read;
use std::path::{Component, Path};

use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::project::Project;
use crate::rules;

/// Formats typst includes, by extension.
const FORMATS: [(&str, &str); 6] = [
    ("png", "PNG"),
    ("jpg", "JPEG"),
    ("jpeg", "JPEG"),
    ("gif", "GIF"),
    ("webp", "WebP"),
    ("svg", "SVG"),
];

pub fn check(project: &Project, model: &Model, diags: &mut Vec<Diagnostic>) {
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
        let written = Path::new(&logo.fichier);
        if written.is_absolute()
            || written
                .components()
                .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
        {
            diags.push(
                Diagnostic::new(&rules::LOGO_INTROUVABLE, format!("« {} » est un chemin absolu", logo.fichier))
                    .label(logo.span, "chemin absolu")
                    .help("copiez le logo dans le projet (par exemple logos/) et écrivez son chemin relatif au dossier du projet"),
            );
            continue;
        }
        let path = project.dir.join(written);
        let canonical = match path.canonicalize() {
            Ok(c) if c.is_file() => c,
            Ok(_) => {
                diags.push(
                    Diagnostic::new(
                        &rules::LOGO_INTROUVABLE,
                        format!("« {} » n'est pas un fichier", logo.fichier),
                    )
                    .label(logo.span, "pas un fichier"),
                );
                continue;
            }
            Err(e) => {
                diags.push(
                    Diagnostic::new(
                        &rules::LOGO_INTROUVABLE,
                        format!(
                            "logo « {} » introuvable dans « {} » : {}",
                            logo.fichier,
                            project.dir.display(),
                            crate::io_message(&e)
                        ),
                    )
                    .label(logo.span, "fichier introuvable"),
                );
                continue;
            }
        };
        if !canonical.starts_with(&project.root) {
            diags.push(
                Diagnostic::new(&rules::LOGO_INTROUVABLE, format!("« {} » est hors du dossier du projet", logo.fichier))
                    .label(logo.span, "hors du projet")
                    .help("copiez le logo dans le projet (par exemple logos/) : seul le dossier du projet est lu à la composition du PDF"),
            );
            continue;
        }
        let extension = written
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let Some(&(_, format)) = FORMATS.iter().find(|(ext, _)| *ext == extension) else {
            diags.push(
                Diagnostic::new(
                    &rules::LOGO_FORMAT,
                    format!(
                        "« {} » : format « {} » non pris en charge",
                        logo.fichier,
                        if extension.is_empty() {
                            "sans extension"
                        } else {
                            &extension
                        }
                    ),
                )
                .label(logo.span, "format non pris en charge"),
            );
            continue;
        };
        if !content_matches(&canonical, format) {
            diags.push(
                Diagnostic::new(&rules::LOGO_FORMAT, format!("« {} » n'est pas une image {format} valide", logo.fichier))
                    .label(logo.span, format!("contenu qui n'est pas du {format}"))
                    .help(format!("ouvrez le fichier dans un éditeur d'images et réenregistrez-le au format {format}")),
            );
        }
    }
}

/// Whether the file starts like an image of the format its extension names.
fn content_matches(path: &Path, format: &str) -> bool {
    let mut head = Vec::with_capacity(4096);
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    if file.take(4096).read_to_end(&mut head).is_err() {
        return false;
    }
    match format {
        "PNG" => head.starts_with(b"\x89PNG\r\n\x1a\n"),
        "JPEG" => head.starts_with(b"\xff\xd8\xff"),
        "GIF" => head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a"),
        "WebP" => head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP",
        "SVG" => {
            let text = String::from_utf8_lossy(&head);
            text.contains("<svg") || (head.starts_with(b"\x1f\x8b"))
        }
        _ => false,
    }
}
