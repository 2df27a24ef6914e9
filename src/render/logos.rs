//! Signatories' logos for the HTML page, embedded as `data:` URIs so that the page stays one file
//! that makes no request. An SVG shown through `<img>` runs no script and loads nothing. Which
//! logo is acceptable is `crate::logos`'s rule, the one `ctgc check` applies.

use std::collections::BTreeMap;
#[cfg(feature = "cli")]
use std::path::{Path, PathBuf};

use super::view::View;
#[cfg(feature = "cli")]
use crate::caf_model::CafModel;
use crate::logos::{self, Problem};
use crate::project::Project;
use crate::world::World;

/// Logo file as written in the sources → its `data:` URI.
pub type Logos = BTreeMap<String, String>;

/// Reads every logo of the view from the project directory on the disk: see [`embed`].
#[cfg(feature = "cli")]
pub fn load(view: &View, project_dir: &Path) -> (Logos, Vec<String>) {
    load_all([view], project_dir)
}

/// Reads every logo of VIEWS (a convention's and its avenants') once, into one map.
#[cfg(feature = "cli")]
pub fn load_all<'a>(
    views: impl IntoIterator<Item = &'a View>,
    project_dir: &Path,
) -> (Logos, Vec<String>) {
    let world = crate::world::DiskWorld;
    let project = Project {
        dir: project_dir.to_path_buf(),
        root: world
            .canonicalize(project_dir)
            .unwrap_or_else(|_| project_dir.to_path_buf()),
        main: PathBuf::new(),
        config_file: None,
    };
    embed(&world, &project, views)
}

/// Reads every logo of the views in the project, each file once, by the rules `ctgc check`
/// applies. Returns the embeddable ones and a French warning for each logo that cannot be
/// embedded (the page then shows the body's name only).
pub fn embed<'a>(
    world: &dyn World,
    project: &Project,
    views: impl IntoIterator<Item = &'a View>,
) -> (Logos, Vec<String>) {
    let mut logos = Logos::new();
    let mut warnings = Vec::new();
    let files = views.into_iter().flat_map(|view| {
        view.parties
            .iter()
            .filter_map(|p| p.logo.as_ref())
            .chain(view.signatures.iter().filter_map(|s| s.logo.as_ref()))
    });
    for logo in files {
        if logos.contains_key(&logo.fichier) {
            continue;
        }
        match data_uri(world, project, &logo.fichier).map_err(|p| why(&p)) {
            Ok(uri) => {
                logos.insert(logo.fichier.clone(), uri);
            }
            Err(why) => {
                let warning = format!("logo « {} » absent de la page HTML : {why}", logo.fichier);
                if !warnings.contains(&warning) {
                    warnings.push(warning);
                }
            }
        }
    }
    (logos, warnings)
}

/// Adds the logo of the Caf's model to LOGOS, under the name the view gives it; a French
/// warning when it cannot be embedded.
#[cfg(feature = "cli")]
pub(crate) fn embed_house(
    world: &dyn World,
    caf_model: &CafModel,
    logos: &mut Logos,
) -> Option<String> {
    let (Some(root), Some(logo)) = (&caf_model.root, &caf_model.style.logo) else {
        return None;
    };
    let found = logos::locate_in(world, root, &logo.fichier);
    match found.and_then(|found| Ok(uri(&found, &found.read(world)?))) {
        Ok(uri) => {
            logos.insert(logo.shown_as(), uri);
            None
        }
        Err(problem) => Some(format!(
            "logo du modèle « {} » absent de la page HTML : {}",
            logo.fichier,
            why(&problem)
        )),
    }
}

fn data_uri(world: &dyn World, project: &Project, file: &str) -> Result<String, Problem> {
    let found = logos::locate(world, project, file)?;
    let bytes = found.read(world)?;
    Ok(uri(&found, &bytes))
}

fn uri(found: &logos::Logo, bytes: &[u8]) -> String {
    format!("data:{};base64,{}", found.format.mime, base64(bytes))
}

/// Why a logo is left out of the page, in French.
fn why(problem: &Problem) -> String {
    match problem {
        Problem::Absolute | Problem::Outside => {
            "le chemin doit rester dans le dossier du projet".into()
        }
        Problem::Missing(e) | Problem::Unreadable(e) => e.to_string(),
        Problem::NotAFile => "ce n'est pas un fichier".into(),
        Problem::UnknownFormat(_) => {
            "format non pris en charge (png, jpg, gif, webp ou svg)".into()
        }
        Problem::Content(format) => format!("ce n'est pas une image {} valide", format.name),
        Problem::TooLarge(size) => format!(
            "le fichier fait {size} octets, au-delà de {}",
            logos::MAX_EMBEDDED_BYTES
        ),
    }
}

/// Standard base64 with padding (RFC 4648).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected);
        }
    }

    #[test]
    fn embeds_what_check_accepts() {
        use crate::world::MemoryWorld;
        let world = MemoryWorld::new().with("logos/caf.svg", "<svg/>");
        let project = Project {
            dir: std::path::PathBuf::from("."),
            root: std::path::PathBuf::from(MemoryWorld::ROOT),
            main: std::path::PathBuf::from("convention.ctg"),
            config_file: None,
        };
        assert_eq!(
            data_uri(&world, &project, "./logos/caf.svg"),
            Ok("data:image/svg+xml;base64,PHN2Zy8+".to_string())
        );
        assert!(data_uri(&world, &project, "../x.png").is_err());
        assert!(data_uri(&world, &project, "/etc/passwd.png").is_err());
        assert!(data_uri(&world, &project, "logo.exe").is_err());
    }
}
