//! Lexical rules: encodings, line ends, money and dates as a user types them.

use ctgc::compile::{Compilation, Options, analyse_file};
use ctgc::model::Amount;
use ctgc::rules::Family;

const BASE: &str = "convention \"C\" {\n  période 2023 .. 2026\n  préambule \"\"\"\n    Ligne un ;\n      - liste\n    Ligne deux.\n  \"\"\"\n}\nsignataire caf \"Caf\" { nature caf }\naxe a \"A\"\nfiche f \"F\" {\n  axe a\n  financement caf 2023 1 234,50 €\n  financement caf 2024 107 900 €\n  financement caf 2025 12000 €\n}\n";

fn compile(text: &[u8]) -> ctgc::model::Model {
    let Compilation {
        model,
        diagnostics: diags,
        ..
    } = analyse_file("lexique.ctg", text, Options::default()).expect("en mémoire");
    let lexical: Vec<_> = diags
        .iter()
        .filter(|d| matches!(d.rule.family, Family::Lexique | Family::Syntaxe))
        .collect();
    assert!(
        lexical.is_empty(),
        "{:?}",
        lexical.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
    model
}

#[test]
fn money_is_parsed_exactly_into_cents() {
    let model = compile(BASE.as_bytes());
    let amounts: Vec<Amount> = model.fiches[0]
        .financements
        .iter()
        .map(|f| f.montant.clone())
        .collect();
    assert_eq!(
        amounts,
        [
            Amount::Known(ctgc::money::Money(123_450)),
            Amount::Known(ctgc::money::Money(10_790_000)),
            Amount::Known(ctgc::money::Money(1_200_000))
        ]
    );
}

#[test]
fn bom_and_crlf_give_the_same_model() {
    let lf = compile(BASE.as_bytes());
    let mut crlf_bom = b"\xEF\xBB\xBF".to_vec();
    crlf_bom.extend(BASE.replace('\n', "\r\n").bytes());
    let crlf = compile(&crlf_bom);
    let text = |m: &ctgc::model::Model| {
        m.convention
            .as_ref()
            .unwrap()
            .preambule
            .as_ref()
            .unwrap()
            .markdown
            .clone()
    };
    assert_eq!(text(&lf), "Ligne un ;\n  - liste\nLigne deux.");
    assert_eq!(
        text(&crlf),
        text(&lf),
        "CRLF inside text blocks is normalised to LF"
    );
    assert_eq!(
        serde_json::to_string(&ctgc::export::export(&lf)).unwrap(),
        serde_json::to_string(&ctgc::export::export(&crlf)).unwrap()
    );
}

#[test]
fn keywords_accept_missing_accents() {
    let plain = BASE
        .replace("période", "periode")
        .replace("préambule", "preambule");
    let a = compile(BASE.as_bytes());
    let b = compile(plain.as_bytes());
    assert_eq!(
        serde_json::to_string(&ctgc::export::export(&a)).unwrap(),
        serde_json::to_string(&ctgc::export::export(&b)).unwrap()
    );
}

#[test]
fn control_characters_and_bad_utf8_are_diagnostics() {
    let with_bell = BASE.replace("Ligne un", "Ligne\u{7} un");
    let Compilation {
        diagnostics: diags, ..
    } = analyse_file("lexique.ctg", with_bell.as_bytes(), Options::default()).expect("en mémoire");
    assert!(
        diags
            .iter()
            .any(|d| d.rule.code == "ctg::lexique::caractere-controle")
    );
    let mut latin1 = BASE.as_bytes().to_vec();
    latin1.splice(10..10, [0xE9]);
    let Compilation {
        diagnostics: diags, ..
    } = analyse_file("lexique.ctg", &latin1, Options::default()).expect("en mémoire");
    let d = diags
        .iter()
        .find(|d| d.rule.code == "ctg::lexique::utf8-invalide")
        .expect("utf-8 diagnostic");
    assert!(d.message.contains("position 10"), "{}", d.message);
}

#[test]
fn several_independent_syntax_errors_are_reported_in_one_run() {
    let broken = "convention \"C\" {\n  période 2023 .. 2026 @\n}\nsignataire caf \"Caf\" { nature caf }\naxe a \"A\" {\n  objectif o \"O\" ]\n}\nfiche f \"F\" { axe a }\n";
    let Compilation {
        model,
        diagnostics: diags,
        ..
    } = analyse_file("lexique.ctg", broken.as_bytes(), Options::default()).expect("en mémoire");
    let syntax: Vec<_> = diags
        .iter()
        .filter(|d| d.rule.code == "ctg::syntaxe::attendu")
        .collect();
    assert_eq!(
        syntax.len(),
        2,
        "{:?}",
        syntax.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
    assert_eq!(
        model.fiches.len(),
        1,
        "statements after the errors are still read"
    );
    assert_eq!(model.parties.len(), 1);
}

/// A file saved in UTF-16 (Windows' « Unicode ») is named as such, in either byte order, rather
/// than read as bytes full of NULs; what it says is shown, decoded.
#[test]
fn utf16_is_named() {
    let units: Vec<u16> = BASE.encode_utf16().collect();
    for (bom, big_endian) in [([0xFF, 0xFE], false), ([0xFE, 0xFF], true)] {
        let mut bytes = bom.to_vec();
        for u in &units {
            bytes.extend(if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        assert_eq!(
            ctgc::source::decode(&bytes, ctgc::source::FileId(0)).err(),
            Some(ctgc::source::Undecodable::Utf16 { big_endian })
        );
        let comp = analyse_file("lexique.ctg", &bytes, Options::default()).expect("en mémoire");
        let d: Vec<_> = comp
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            d,
            ["« ./lexique.ctg » est en UTF-16 : enregistrez-le en UTF-8"],
            "{big_endian}"
        );
        assert_eq!(&*comp.sources.iter().next().unwrap().text, BASE);
    }
}

/// A comment may follow the comma of a list that goes on over the next line; the list means the
/// same as without it, and `ctgc fmt` keeps the comment there.
#[test]
fn a_comment_after_a_comma_in_a_list() {
    let commented = BASE.replace(
        "fiche f \"F\" {\n  axe a\n",
        "fiche f \"F\" {\n  axe a\n  champ petite-enfance,  # d'abord\n    parentalité, jeunesse,\t# puis\n    accès-aux-droits\n",
    );
    let plain = BASE.replace(
        "fiche f \"F\" {\n  axe a\n",
        "fiche f \"F\" {\n  axe a\n  champ petite-enfance, parentalité, jeunesse, accès-aux-droits\n",
    );
    let export = |m: &ctgc::model::Model| serde_json::to_string(&ctgc::export::export(m)).unwrap();
    assert_eq!(
        export(&compile(commented.as_bytes())),
        export(&compile(plain.as_bytes()))
    );

    let formatted =
        ctgc::format::format(&commented, ctgc::source::FileId(0)).expect("mis en forme");
    assert!(
        formatted.contains(
            "  champ petite-enfance,  # d'abord\n    parentalité, jeunesse,  # puis\n    accès-aux-droits\n"
        ),
        "{formatted}"
    );
    assert_eq!(
        ctgc::format::format(&formatted, ctgc::source::FileId(0)).expect("mis en forme"),
        formatted,
        "idempotent"
    );
    assert_eq!(
        export(&compile(formatted.as_bytes())),
        export(&compile(plain.as_bytes()))
    );

    // Without an item after it, the comment ends the line: the dangling comma is still an error.
    let dangling = BASE.replace("12000 €\n}\n", "12000 €\n  champ jeunesse,  # fin\n}\n");
    let formatted = ctgc::format::format(&dangling, ctgc::source::FileId(0)).expect("mis en forme");
    assert!(
        formatted.contains("  champ jeunesse,  # fin\n\n  financement"),
        "a blank line keeps the next statement out of the list: {formatted}"
    );
    let comp =
        analyse_file("lexique.ctg", dangling.as_bytes(), Options::default()).expect("en mémoire");
    assert!(
        comp.diagnostics
            .iter()
            .any(|d| d.rule.code == "ctg::syntaxe::argument-invalide"),
        "{:?}",
        comp.diagnostics
            .iter()
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
}

/// `\` starts an escape in a string: a Windows path written as is gets told how to write it.
#[test]
fn a_backslash_that_escapes_nothing_says_how_to_write_one() {
    let path = BASE.replace(
        "fiche f \"F\" {\n",
        "fiche f \"F\" {\n  public \"voir C:\\Partage\"\n",
    );
    let comp =
        analyse_file("lexique.ctg", path.as_bytes(), Options::default()).expect("en mémoire");
    let d: Vec<_> = comp
        .diagnostics
        .iter()
        .filter(|d| matches!(d.rule.family, Family::Syntaxe))
        .collect();
    assert_eq!(
        d.len(),
        1,
        "{:?}",
        d.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
    assert_eq!(
        d[0].message,
        "« \\P » n'est pas un échappement : dans un texte, « \\ » ne précède que « \" » ou « \\ »"
    );
    assert!(d[0].help.contains("\"C:\\\\Partage\""), "{}", d[0].help);
    let written = path.replace("C:\\Partage", "C:\\\\Partage");
    let model = compile(written.as_bytes());
    assert_eq!(
        model.fiches[0].public,
        Some(ctgc::model::Val::Known("voir C:\\Partage".into()))
    );

    // A `\` at the end of a line, CRLF or LF, escapes nothing: the string is unterminated, and
    // the line break is no unknown escape.
    for eol in ["\n", "\r\n"] {
        let open = BASE
            .replace(
                "fiche f \"F\" {\n",
                "fiche f \"F\" {\n  public \"voir C:\\\n",
            )
            .replace('\n', eol);
        let comp =
            analyse_file("lexique.ctg", open.as_bytes(), Options::default()).expect("en mémoire");
        let codes: Vec<_> = comp
            .diagnostics
            .iter()
            .filter(|d| matches!(d.rule.family, Family::Syntaxe))
            .map(|d| d.rule.code)
            .collect();
        assert_eq!(codes, ["ctg::syntaxe::chaine-non-terminee"], "{eol:?}");
    }
}
