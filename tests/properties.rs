//! Property tests (proptest): what must hold for every input, not just the examples.
//!
//! - any text goes through the whole front end without a panic;
//! - a control character anywhere is a `lexique::caractere-controle` diagnostic at its place;
//! - any printable text written in a string (RTL, combining marks, zero-width characters,
//!   quotes, the markup of every target) reaches the model verbatim, and the escape layers of
//!   Typst and HTML give it back verbatim; a character no font of the PDF has is reported;
//! - `ctgc fmt` is idempotent and keeps the meaning, whatever the layout it starts from, avenants
//!   included (their changes in any choice and order, which it keeps);
//! - money and dates print back to what they parse from.

mod support;
use support::meaning::meaning;
use support::unescape::{html_unescape, typst_unescape};

use proptest::prelude::*;

use ctgc::compile::{Options, analyse_file};
use ctgc::date::Date;
use ctgc::format::format;
use ctgc::glyphs::{Coverage, needs_no_glyph};
use ctgc::money::Money;
use ctgc::render::view::TO_COMPLETE;
use ctgc::render::{Templates, html, typst, view};
use ctgc::source::FileId;
use ctgc::typography::french;

/// A one-fiche convention whose fiche title is TITLE (already escaped for a CTG string).
fn convention_with_title(title: &str) -> String {
    format!(
        r#"convention "Convention territoriale globale de test" {{
  territoire "Communauté de communes de test"
  période 2023 .. 2026
  signature 13 janvier 2023
  lieu "Aime"
  exemplaires 2
  champs petite-enfance, jeunesse, parentalité, accès-aux-droits
}}
signataire caf "Caisse d'allocations familiales" {{
  nature caf
  représentant "Président" M. "Jean Blanc"
  représentant "Directrice" Mme "Anne Upravan"
}}
signataire cc "Communauté de communes" {{
  nature epci
  représentant "Président" M. "Pierre Gonthier"
}}
axe pe "Petite enfance" {{
  objectif creche "Crèche"
}}
fiche creche "{title}" {{
  axe pe
  objectifs creche
  champ petite-enfance, jeunesse, parentalité, accès-aux-droits
  pilote cc
}}
"#
    )
}

/// `"` and `\` escaped as a CTG string requires.
fn ctg_string(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Printable text of every kind a user may paste: letters of many scripts, right-to-left text,
/// combining marks, zero-width characters and bidi marks, quotes, the markup characters of CTG,
/// Markdown, Typst and HTML.
fn printable() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "Z", "é", "ç", "Œ", "ß", "ﬁ", "א", "ש", "ب", "ة", "語", "한", "Ж", "Ω", "\u{301}",
        "\u{308}", "\u{200b}", "\u{200d}", "\u{200e}", "\u{200f}", "\u{2060}", "\u{feff}",
        "\u{a0}", "\u{202f}", "'", "’", "«", "»", "\"", "“", "`", "\\", "#", "$", "*", "_", "<",
        ">", "&", "@", "[", "]", "{", "}", "(", ")", "~", "-", "+", "=", "/", ".", "%", ";", ":",
        "!", "?", "|", "^", "€", " ", "1", "0", "«a»", "&amp;", "<b>", "#set", "$x$", "**", "__",
        "- ",
    ]);
    prop::collection::vec(pieces, 1..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_text_goes_through_without_panic(text in "\\PC{0,300}", noise in prop::collection::vec(any::<u8>(), 0..20)) {
        let mut bytes = text.into_bytes();
        let at = bytes.len() / 2;
        bytes.splice(at..at, noise);
        for final_check in [false, true] {
            let comp = analyse_file("p.ctg", &bytes, Options { final_check }).expect("en mémoire");
            for d in &comp.diagnostics {
                let rendered = ctgc::diagnostic::render(d, &comp.sources, false, 100);
                prop_assert!(rendered.contains(d.rule.code));
            }
            prop_assert!(view::build(&comp.model).is_ok(), "the built-in articles fill in");
            let _ = ctgc::export::export(&comp.model);
        }
    }

    #[test]
    fn control_characters_are_diagnostics(
        c in prop::char::ranges(vec!['\u{0}'..='\u{8}', '\u{b}'..='\u{c}', '\u{e}'..='\u{1f}', '\u{7f}'..='\u{9f}'].into()),
        position in 0.0f64..1.0,
    ) {
        let base = convention_with_title("Titre");
        let mut at = (base.len() as f64 * position) as usize;
        while !base.is_char_boundary(at) {
            at -= 1;
        }
        let text = format!("{}{c}{}", &base[..at], &base[at..]);
        let comp = analyse_file("p.ctg", text.as_bytes(), Options::default()).expect("en mémoire");
        let found: Vec<_> = comp.diagnostics.iter().filter(|d| d.rule.code == "ctg::lexique::caractere-controle").collect();
        prop_assert_eq!(found.len(), 1);
        let span = found[0].primary().expect("span");
        prop_assert_eq!((span.start, span.end), (at, at + c.len_utf8()));
        prop_assert!(found[0].message.contains(&format!("U+{:04X}", c as u32)), "{}", found[0].message);
    }

    #[test]
    fn printable_text_reaches_the_documents_verbatim(title in printable()) {
        prop_assume!(!title.contains(TO_COMPLETE));
        // A title that prints nothing (spaces, zero-width characters) is an error of its own
        // (`Lowerer::name`; fixtures nom-vide.ctg and nom-invisible.ctg of
        // tests/fixtures/syntaxe.argument-invalide/).
        prop_assume!(!title.chars().all(needs_no_glyph));
        let text = convention_with_title(&ctg_string(&title));
        let comp = analyse_file("p.ctg", text.as_bytes(), Options::default()).expect("en mémoire");
        // A character no font of the PDF has (Han, Hangul…) is reported, once per occurrence;
        // nothing else is an error.
        let coverage = Coverage::embedded();
        let unprintable = title.chars().filter(|&c| !coverage.contains(c) && !needs_no_glyph(c)).count();
        let errors: Vec<&str> = comp.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.rule.code).collect();
        prop_assert!(errors.iter().all(|&code| code == "ctg::lexique::caractere-non-imprimable"), "{:?}", errors);
        prop_assert_eq!(errors.len(), unprintable);
        // The model holds what was written.
        prop_assert_eq!(&comp.model.fiches[0].titre.value, &title);
        // The view adds French typography (spaces before ; : ! ?), nothing else.
        let shown = french(&title);
        let v = view::build(&comp.model).expect("the view builds");
        prop_assert_eq!(&v.fiches[0].titre, &shown);
        // Each escape layer gives the text back exactly, and the documents contain it escaped.
        let templates = Templates::new(None);
        let h = html::escape(&shown);
        prop_assert_eq!(html_unescape(&h), shown.clone());
        prop_assert!(html::render(&v, &templates).expect("HTML").contains(&h));
        let t = typst::escape(&shown);
        let expected: String = shown.chars().map(|c| if c == '\'' { '’' } else { c }).collect();
        prop_assert_eq!(typst_unescape(&t), expected);
        prop_assert!(typst::render(&v, &templates).expect("Typst").contains(&t));
    }

    #[test]
    fn money_prints_back_to_itself(cents in -9_000_000_000_000i64..9_000_000_000_000i64) {
        let m = Money(cents);
        prop_assert_eq!(Money::parse(&m.source()), Ok(m));
        prop_assert_eq!(Money::parse(&m.french()), Ok(m));
    }

    #[test]
    fn dates_print_back_to_themselves(year in 1900i32..=2200, month in 1u32..=12, day in 1u32..=31) {
        if let Some(d) = Date::new(year, month, day) {
            prop_assert_eq!(Date::parse(&d.french()), Ok(d));
            prop_assert_eq!(Date::parse(&d.iso()), Ok(d));
        }
    }
}

// Each case formats and compiles up to a dozen fiches twice: fewer cases.
proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn fmt_is_idempotent_and_keeps_the_meaning(
        fiches in 1usize..12,
        indent in prop::sample::select(vec!["", " ", "    ", "\t", "  \t "]),
        blank in prop::sample::select(vec!["", "\n", "\n\n\n"]),
        crlf in any::<bool>(),
        unaccented in any::<bool>(),
        comment in any::<bool>(),
    ) {
        for (_, original) in ctgc::synthetic::generate(fiches).into_iter().skip(1) {
            // The same convention in another layout: indentation, blank lines, line ends,
            // keywords without accents, comments.
            let mut messy = String::new();
            for line in original.lines() {
                let trimmed = line.trim_start();
                let keyword_line = !trimmed.is_empty() && !line.starts_with("    ");
                messy.push_str(if keyword_line { indent } else { "" });
                let mut l = if keyword_line { trimmed.to_string() } else { line.to_string() };
                if unaccented && keyword_line {
                    for (a, b) in [("priorité ", "priorite "), ("référent ", "referent "), ("étape ", "etape "), ("unité ", "unite "), ("départ ", "depart ")] {
                        if l.starts_with(a) {
                            l = l.replacen(a, b, 1);
                        }
                    }
                }
                messy.push_str(&l);
                if comment && l.starts_with("pilote") {
                    messy.push_str("   # relu en COTECH");
                }
                messy.push_str(if crlf { "\r\n" } else { "\n" });
                if l.ends_with('}') {
                    messy.push_str(blank);
                }
            }
            let out = format(&messy, FileId(0)).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            let again = format(&out, FileId(0)).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            prop_assert_eq!(&again, &out, "fmt n'est pas idempotent");
            prop_assert_eq!(meaning(&messy), meaning(&out), "fmt a changé le sens");
        }
    }
}

/// A signed convention an avenant can amend: two signing parties, a commune that does not sign
/// yet, two fiches.
const AMENDED: &str = r#"convention "Convention territoriale globale du Val d'Exemple" {
  période 2020 .. 2023
  signature 15 janvier 2020
  lieu "Exemple"
  statut signée
  champs petite-enfance, jeunesse, parentalité, accès-aux-droits
}
signataire caf "Caisse d'allocations familiales d'Exemple" {
  nature caf
  représentant "Directrice" Mme "Anne Martin"
}
commune salles "Salles" {
  signataire oui
  représentant "Maire" M. "Paul Durand"
}
commune lugos "Lugos"
axe pilotage "Piloter la convention" {
  objectif coordination "Coordonner l'action"
}
fiche coordination "Financer un poste de chargé de coopération" {
  axe pilotage
  objectifs coordination
  champ petite-enfance, jeunesse, parentalité, accès-aux-droits
  pilote salles
  calendrier 2020 .. 2023
  financement caf 2020 .. 2023 10 000 € par an
}
fiche jeunes "Animer un accueil jeunes" {
  axe pilotage
  objectifs coordination
  champ jeunesse
  pilote salles
  calendrier 2021 .. 2023
  financement caf 2021 .. 2023 3 000 € par an
}
"#;

/// The changes an avenant of [`AMENDED`] may make, each valid alone and with any other:
/// (its keyword, its text).
const CHANGES: [(&str, &str); 7] = [
    (
        "ajoute-signataire",
        "ajoute-signataire lugos {\nreprésentant \"Maire\" Mme \"Lise Roux\"\n}",
    ),
    ("retire-fiche", "retire-fiche jeunes"),
    (
        "ajoute-fiche",
        "ajoute-fiche ludo \"Ouvrir une ludothèque\" {\naxe pilotage\nobjectifs coordination\nchamp parentalité\npilote salles\ncalendrier 2021 .. 2023\nfinancement caf 2021..2023 2000€ PAR AN\n}",
    ),
    (
        "remplace-financements",
        "remplace-financements coordination {\nfinancement caf 2020..2023 12000€ Par an\n}",
    ),
    (
        "remplace-article",
        "remplace-article engagements {\ntexte \"\"\"\n  Les partenaires s'engagent à se réunir.\n\"\"\"\n}",
    ),
    (
        "ajoute-annexe",
        "ajoute-annexe schema \"Schéma de développement\" {\ntexte \"Le schéma.\"\n}",
    ),
    ("prolonge", "prolonge 31 décembre 2024"),
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn fmt_is_idempotent_and_keeps_the_meaning_of_an_avenant(
        changes in prop::sample::subsequence((0..CHANGES.len()).collect::<Vec<_>>(), 1..=CHANGES.len())
            .prop_shuffle(),
        header in Just(vec![0usize, 1, 2, 3, 4]).prop_shuffle(),
        interleaved in any::<bool>(),
        indent in prop::sample::select(vec!["", " ", "    ", "\t"]),
        month in any::<bool>(),
        unaccented in any::<bool>(),
        crlf in any::<bool>(),
    ) {
        let joins = changes.contains(&0);
        let fields = [
            if month { "date mars 2021".to_string() } else { "DATE 10 mars 2021".to_string() },
            "lieu \"Exemple\"".to_string(),
            format!("signataires caf, salles{}", if joins { ", lugos" } else { "" }),
            "vu \"la délibération du conseil municipal de Lugos\"".to_string(),
            format!("{} \"\"\"\nUn préambule.\n\"\"\"", if unaccented { "preambule" } else { "préambule" }),
        ];
        let mut body: Vec<String> = changes.iter().map(|&i| CHANGES[i].1.to_string()).collect();
        // The avenant's own fields anywhere among its changes, or all before them.
        for (k, &f) in header.iter().enumerate() {
            let at = if interleaved { (k * 2).min(body.len()) } else { k };
            body.insert(at, fields[f].clone());
        }
        let mut messy = format!("{AMENDED}\navenant 1 {{\n");
        for line in body.join("\n").lines() {
            messy.push_str(indent);
            messy.push_str(line);
            messy.push('\n');
        }
        messy.push_str("}\n");
        if crlf {
            messy = messy.replace('\n', "\r\n");
        }
        let out = format(&messy, FileId(0)).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let again = format(&out, FileId(0)).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(&again, &out, "fmt n'est pas idempotent");
        let meaning = |t: &str| {
            let comp = analyse_file("f.ctg", t.as_bytes(), Options::default()).expect("en mémoire");
            let mut codes: Vec<_> = comp.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect();
            codes.sort_unstable();
            (ctgc::export::export(&comp.model), codes)
        };
        let (before, errors) = meaning(&messy);
        prop_assert!(errors.is_empty(), "{:?}\n{}", errors, messy);
        let (after, errors) = meaning(&out);
        prop_assert!(errors.is_empty(), "{:?}\n{}", errors, out);
        prop_assert_eq!(
            serde_json::to_string(&before).expect("JSON"),
            serde_json::to_string(&after).expect("JSON"),
            "fmt a changé le sens"
        );
        // The changes stay in the order written: the order of the avenant's articles.
        let kinds: Vec<&str> = after.avenants[0].changements.iter().map(|c| c.kind.as_str()).collect();
        let written: Vec<&str> = changes.iter().map(|&i| CHANGES[i].0).collect();
        prop_assert_eq!(kinds, written);
    }
}
