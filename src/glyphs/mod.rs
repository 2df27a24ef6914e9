//! Glyph coverage: which characters the PDF's fonts can print.
//!
//! `ctgc build` runs typst with `--ignore-system-fonts`, so the fonts are those embedded in the
//! typst binary, plus a project's vendored `fonts/` directory. Typst silently prints a blank box
//! for a character no font has; ctgc checks the source instead, so that the author is told where
//! the character is. The coverage of typst's embedded fonts is a table generated from the font
//! files (`cargo run --example glyph_table -- <typst-assets>/files/fonts > src/glyphs/typst-fonts.txt`);
//! vendored fonts are read at check time.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::limits::MAX_PROJECT_BYTES;
use crate::world::{Kind, World};

/// The fonts embedded in typst 0.15.1, as ranges of code points (generated, see the module doc).
const EMBEDDED: &str = include_str!("typst-fonts.txt");

/// The directory of a project whose fonts join the embedded ones (passed to typst as `--font-path`).
pub(crate) const FONTS_DIR: &str = "fonts";

/// File extensions typst loads from a font directory.
const FONT_EXTENSIONS: [&str; 4] = ["ttf", "otf", "ttc", "otc"];

/// A set of code points, as sorted, disjoint, non-adjacent inclusive ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    ranges: Vec<(u32, u32)>,
    /// The ASCII part of `ranges` as a bit set: nearly every character checked is ASCII.
    ascii: u128,
}

impl Coverage {
    /// What typst's embedded fonts print (the table is read once per process).
    pub fn embedded() -> Coverage {
        static TABLE: OnceLock<Coverage> = OnceLock::new();
        TABLE.get_or_init(Coverage::from_table).clone()
    }

    fn from_table() -> Coverage {
        let ranges = EMBEDDED
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let (a, b) = l.split_once('-').unwrap_or((l, l));
                Some((
                    u32::from_str_radix(a, 16).ok()?,
                    u32::from_str_radix(b, 16).ok()?,
                ))
            })
            .collect();
        Coverage::from_ranges(ranges)
    }

    fn from_ranges(mut ranges: Vec<(u32, u32)>) -> Coverage {
        ranges.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
        for (a, b) in ranges {
            match merged.last_mut() {
                Some(last) if a <= last.1.saturating_add(1) => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        let ascii = (0..128u32)
            .filter(|&c| merged.iter().any(|&(a, b)| a <= c && c <= b))
            .fold(0u128, |set, c| set | 1 << c);
        Coverage {
            ranges: merged,
            ascii,
        }
    }

    /// Adds the characters of a font file (or of every font of a collection). Returns whether the
    /// data was a font.
    pub fn add_font(&mut self, data: &[u8]) -> bool {
        let count = ttf_parser::fonts_in_collection(data).unwrap_or(1);
        let mut points: Vec<u32> = Vec::new();
        let mut parsed = false;
        for index in 0..count {
            let Ok(face) = ttf_parser::Face::parse(data, index) else {
                continue;
            };
            parsed = true;
            let Some(cmap) = face.tables().cmap else {
                continue;
            };
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    if sub.glyph_index(cp).is_some_and(|g| g.0 != 0) {
                        points.push(cp);
                    }
                });
            }
        }
        if !parsed {
            return false;
        }
        let mut ranges = std::mem::take(&mut self.ranges);
        ranges.extend(points.into_iter().map(|p| (p, p)));
        *self = Coverage::from_ranges(ranges);
        true
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let c = c as u32;
        if c < 128 {
            return self.ascii & 1 << c != 0;
        }
        let i = self.ranges.partition_point(|&(_, end)| end < c);
        self.ranges.get(i).is_some_and(|&(start, _)| start <= c)
    }

    /// The table format of `typst-fonts.txt`: one `XXXX-YYYY` (hex) range per line.
    pub fn to_table(&self) -> String {
        self.ranges
            .iter()
            .map(|&(a, b)| {
                if a == b {
                    format!("{a:04X}\n")
                } else {
                    format!("{a:04X}-{b:04X}\n")
                }
            })
            .collect()
    }
}

/// Characters that print nothing, or that typst lays out without a glyph: they never need one.
/// The Ogham space mark (U+1680) is a space that prints a stroke: it needs its glyph.
pub fn needs_no_glyph(c: char) -> bool {
    (c.is_whitespace() && c != '\u{1680}')
        || c.is_control()
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{fe00}'..='\u{fe0f}')
}

/// The font files of a project's `fonts/` directory (sorted), if it has one.
pub(crate) fn project_fonts(world: &dyn World, project_dir: &Path) -> Vec<PathBuf> {
    let dir = project_dir.join(FONTS_DIR);
    let Ok(entries) = world.entries(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .into_iter()
        .filter(|e| {
            e.kind == Kind::File
                && Path::new(&e.name)
                    .extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| FONT_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
        })
        .map(|e| dir.join(e.name))
        .collect();
    files.sort();
    files
}

/// The coverage of the PDF's fonts for a project: the embedded fonts and its vendored ones.
/// Unreadable vendored fonts are skipped (typst skips them too); a font file is read whole, up
/// to the size of a whole project.
pub(crate) fn for_project(world: &dyn World, project_dir: &Path) -> Coverage {
    let mut coverage = Coverage::embedded();
    for file in project_fonts(world, project_dir) {
        if let Ok(data) = crate::world::read_limited(world, &file, MAX_PROJECT_BYTES) {
            coverage.add_font(&data);
        }
    }
    coverage
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_fonts_print_french_text() {
        let c = Coverage::embedded();
        for ch in "Aàâäçéèêëîïôöùûüÿœæ ÀÇÉÈÊŒ « » ’ – — … € ° № 1234 \u{202f}\u{a0}".chars()
        {
            assert!(
                c.contains(ch) || needs_no_glyph(ch),
                "{ch:?} ({:04X})",
                ch as u32
            );
        }
    }

    #[test]
    fn embedded_fonts_lack_emoji_and_han() {
        let c = Coverage::embedded();
        assert!(!c.contains('😀'));
        assert!(!c.contains('漢'));
    }

    #[test]
    fn ranges_merge() {
        let c = Coverage::from_ranges(vec![(5, 7), (1, 2), (3, 4), (10, 10)]);
        assert_eq!(c.ranges, vec![(1, 7), (10, 10)]);
        assert!(c.contains('\u{6}'));
        assert!(!c.contains('\u{8}'));
    }
}
