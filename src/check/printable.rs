//! Characters the PDF cannot print: a character of a text that no font of the document has
//! (an emoji, a Chinese character…) would come out as a blank box; it is reported where it is
//! written. Only what the documents print is read: strings and text blocks, not comments, nor
//! the file paths of `inclure` and `logo`.

use crate::diagnostic::Diagnostic;
use crate::glyphs::{self, Coverage};
use crate::model::Model;
use crate::project::Project;
use crate::rules;
use crate::source::{Language, SourceFile, Sources, Span};
use crate::world::World;

pub(crate) fn check(
    world: &dyn World,
    project: &Project,
    sources: &Sources,
    model: &Model,
    diags: &mut Vec<Diagnostic>,
) {
    let mut coverage = glyphs::for_project(world, &project.dir);
    // The Caf's model's fonts print too.
    let model_fonts = model.caf_model.fonts(world);
    for file in &model_fonts {
        if let Ok(data) = crate::world::read_limited(world, file, crate::limits::MAX_PROJECT_BYTES)
        {
            coverage.add_font(&data);
        }
    }
    let vendored =
        !model_fonts.is_empty() || !glyphs::project_fonts(world, &project.dir).is_empty();
    for file in sources.iter().filter(|f| f.language == Language::Ctg) {
        for (start, end) in printed_ranges(&file.text) {
            report(file, start, end, &coverage, vendored, diags);
        }
    }
}

fn report(
    file: &SourceFile,
    start: usize,
    end: usize,
    coverage: &Coverage,
    vendored: bool,
    diags: &mut Vec<Diagnostic>,
) {
    for (i, c) in file.text[start..end].char_indices() {
        if coverage.contains(c) || glyphs::needs_no_glyph(c) {
            continue;
        }
        let at = start + i;
        let fonts = if vendored {
            "ni les polices intégrées ni celles du dossier fonts/ ne le contiennent"
        } else {
            "aucune police du document ne le contient"
        };
        diags.push(
            Diagnostic::new(
                &rules::LEXIQUE_NON_IMPRIMABLE,
                format!("le caractère « {c} » (U+{:04X}) ne peut pas être imprimé : {fonts}", c as u32),
            )
            .label(Span::new(file.id, at, at + c.len_utf8()), "caractère sans glyphe")
            .help(format!(
                "remplacez-le par du texte, ou placez dans le dossier {}/ du projet une police qui le contient",
                glyphs::FONTS_DIR
            )),
        );
    }
}

/// The byte ranges of string and text-block contents, comments skipped, path arguments
/// (`inclure "…"`, the file of `logo "…" "…"`) left out.
fn printed_ranges(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // memchr jumps from one `#` or `"` to the next: this runs over every byte of the sources.
    let mut i = 0;
    while let Some(found) = memchr::memchr2(b'#', b'"', &bytes[i..]) {
        i += found;
        match bytes[i] {
            b'#' => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |e| i + e);
            }
            _ if text[i..].starts_with("\"\"\"") => {
                let start = i + 3;
                let end = memchr::memmem::find(&bytes[start..], b"\"\"\"")
                    .map_or(text.len(), |e| start + e);
                out.push((start, end));
                i = (end + 3).min(text.len());
            }
            _ => {
                let start = i + 1;
                let mut j = start;
                loop {
                    match memchr::memchr3(b'"', b'\n', b'\\', bytes.get(j..).unwrap_or_default()) {
                        Some(k) if bytes[j + k] == b'\\' => j += k + 2,
                        Some(k) => break j += k,
                        None => break j = bytes.len(),
                    }
                }
                let end = j.min(bytes.len());
                if !is_path_argument(text, i) {
                    out.push((start, end));
                }
                i = end + 1;
            }
        }
        if i >= bytes.len() {
            break;
        }
    }
    out
}

/// Whether the string opening at `quote` directly follows `inclure` or `logo` on its line.
fn is_path_argument(text: &str, quote: usize) -> bool {
    let line_start = text[..quote].rfind('\n').map_or(0, |p| p + 1);
    let before = text[line_start..quote].trim_end();
    // The last word: a separator may be wider than a byte (a no-break space).
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '{' || c == ';')
        .next()
        .unwrap_or(before);
    crate::keyword::fold_eq(word, "inclure") || crate::keyword::fold_eq(word, "logo")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The printed parts of TEXT, as read.
    fn printed(text: &str) -> Vec<&str> {
        printed_ranges(text)
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect()
    }

    #[test]
    fn reads_only_printed_text() {
        let text = "# 😀 commentaire\nfiche a \"Titre 😀\" { # 😀\n  logo \"logos/😀.png\" \"Logo 😀\"\n  description \"\"\"\n  x 😀\n  \"\"\"\n}\ninclure \"😀/*.ctg\"\n";
        let found = printed(text);
        assert_eq!(found, vec!["Titre 😀", "Logo 😀", "\n  x 😀\n  "]);
    }

    /// The byte-by-byte reading `printed_ranges` replaced, as a reference.
    fn reference_ranges(text: &str) -> Vec<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'#' => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                b'"' if text[i..].starts_with("\"\"\"") => {
                    let start = i + 3;
                    let end = text[start..]
                        .find("\"\"\"")
                        .map_or(text.len(), |e| start + e);
                    out.push((start, end));
                    i = (end + 3).min(text.len());
                }
                b'"' => {
                    let start = i + 1;
                    let mut j = start;
                    while j < bytes.len() && bytes[j] != b'"' && bytes[j] != b'\n' {
                        j += if bytes[j] == b'\\' { 2 } else { 1 };
                    }
                    let end = j.min(bytes.len());
                    if !is_path_argument(text, i) {
                        out.push((start, end));
                    }
                    i = end + 1;
                }
                _ => i += 1,
            }
        }
        out
    }

    #[test]
    fn agrees_with_a_byte_by_byte_reading() {
        let alphabet = ['#', '"', '\\', '\n', 'a', 'é'];
        let mut text = String::new();
        for len in 0..=6 {
            for n in 0..6u32.pow(len) {
                text.clear();
                let mut k = n;
                for _ in 0..len {
                    text.push(alphabet[(k % 6) as usize]);
                    k /= 6;
                }
                assert_eq!(printed_ranges(&text), reference_ranges(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn words_end_at_wide_spaces() {
        let text = "  slogan\u{202f}logo\"a\"\n  inclure\u{a0}\"b\"";
        let found = printed(text);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn escapes_do_not_end_strings() {
        let text = "slogan \"a \\\" b\" vu \"c\"";
        let found = printed(text);
        assert_eq!(found, vec!["a \\\" b", "c"]);
    }

    #[test]
    fn reading_goes_on_after_a_text_block() {
        let text = "constat \"\"\"x\"\"\" \"T\"\n";
        let found = printed(text);
        assert_eq!(found, vec!["x", "T"]);
    }

    #[test]
    fn words_end_at_braces_and_semicolons() {
        let text = "fiche a {logo \"a.png\" \"Alt\"}\nvu \"b\";inclure \"c/*.ctg\"\n";
        let found = printed(text);
        assert_eq!(found, vec!["Alt", "b"]);
    }

    /// The non-printable findings of a project whose convention has an emoji in its title, with
    /// the project files FILES besides it: the character under the label, and the message.
    fn unprintable(files: &[(&str, &[u8])]) -> Vec<(String, String)> {
        let text = "convention \"Crèche 😀\" {\n  période 2023 .. 2026\n}\n";
        let mut all: Vec<(&str, &[u8])> = vec![("convention.ctg", text.as_bytes())];
        all.extend_from_slice(files);
        let comp = crate::check::probe::project(&all);
        comp.diagnostics
            .iter()
            .filter(|d| d.rule.code == rules::LEXIQUE_NON_IMPRIMABLE.code)
            .map(|d| {
                (
                    crate::check::probe::under_label(&comp, d),
                    d.message.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn the_message_names_the_fonts_searched() {
        assert_eq!(
            unprintable(&[]),
            [(
                "😀".to_string(),
                "le caractère « 😀 » (U+1F600) ne peut pas être imprimé : aucune police du \
                 document ne le contient"
                    .to_string()
            )]
        );
        // A font file of fonts/ counts by its name, even when it cannot be read.
        assert_eq!(
            unprintable(&[("fonts/Marianne.ttf", b"not a font")]),
            [(
                "😀".to_string(),
                "le caractère « 😀 » (U+1F600) ne peut pas être imprimé : ni les polices \
                 intégrées ni celles du dossier fonts/ ne le contiennent"
                    .to_string()
            )]
        );
        // Only font files count.
        assert!(
            unprintable(&[("fonts/lisez-moi.txt", b"")])[0]
                .1
                .ends_with("aucune police du document ne le contient")
        );
    }
}
