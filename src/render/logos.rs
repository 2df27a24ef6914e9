//! Signatories' logos for the HTML page, embedded as `data:` URIs so that the page stays one file
//! that makes no request. An SVG shown through `<img>` runs no script and loads nothing.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use super::view::View;

/// Logo file as written in the sources → its `data:` URI.
pub type Logos = BTreeMap<String, String>;

/// Beyond this size a logo is left out of the page (it stays in the PDF).
pub const MAX_LOGO_BYTES: u64 = 2 * 1024 * 1024;

/// Reads every logo of the view from the project directory. Returns the embeddable ones and a
/// French warning for each logo that cannot be embedded (the page then shows the body's name only).
pub fn load(view: &View, project_dir: &Path) -> (Logos, Vec<String>) {
    let mut logos = Logos::new();
    let mut warnings = Vec::new();
    let files = view
        .parties
        .iter()
        .filter_map(|p| p.logo.as_ref())
        .chain(view.signatures.iter().filter_map(|s| s.logo.as_ref()));
    for logo in files {
        if logos.contains_key(&logo.fichier) {
            continue;
        }
        match data_uri(project_dir, &logo.fichier) {
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

fn data_uri(project_dir: &Path, file: &str) -> Result<String, String> {
    let relative = Path::new(file);
    if relative.as_os_str().is_empty()
        || !relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
    {
        return Err("le chemin doit rester dans le dossier du projet".into());
    }
    let extension = relative
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mime = match extension.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        _ => return Err("format non pris en charge (png, jpg, gif, webp ou svg)".into()),
    };
    let path = project_dir.join(relative);
    let size = std::fs::metadata(&path)
        .map_err(|e| crate::io_message(&e))?
        .len();
    if size > MAX_LOGO_BYTES {
        return Err(format!(
            "le fichier fait {size} octets, au-delà de {MAX_LOGO_BYTES}"
        ));
    }
    let bytes = std::fs::read(&path).map_err(|e| crate::io_message(&e))?;
    Ok(format!("data:{mime};base64,{}", base64(&bytes)))
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
    fn refuses_paths_outside_the_project() {
        let dir = std::env::temp_dir();
        assert!(data_uri(&dir, "../x.png").is_err());
        assert!(data_uri(&dir, "/etc/passwd.png").is_err());
        assert!(data_uri(&dir, "logo.exe").is_err());
    }
}
