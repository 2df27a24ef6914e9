//! `ctgc diff`: a semantic comparison, keyed by identifiers, in text, Markdown and JSON.

mod support;
mod vcs;
use support::planted::{self, copy_dir, edit};
use vcs::git;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ctgc-test-diff-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn ctgc_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Two copies of EXAMPLE, `ancienne` and `nouvelle`, in a fresh directory.
fn two_copies(name: &str, example: &str) -> PathBuf {
    let dir = temp(name);
    let source = Path::new("conventions").join(example);
    copy_dir(&source, &dir.join("ancienne"));
    copy_dir(&source, &dir.join("nouvelle"));
    dir
}

/// The three planted changes (`tests/support/planted.rs`) in a fresh directory.
fn two_versions(name: &str) -> PathBuf {
    let dir = temp(name);
    planted::two_versions(&dir);
    dir
}

#[test]
fn three_changes_in_json() {
    let dir = two_versions("json");
    let o = ctgc_in(&dir, &["diff", "ancienne", "nouvelle", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("stdout is only JSON");
    let changes = v["changements"].as_array().expect("changements");
    assert_eq!(changes.len(), 3, "{changes:#?}");

    let amount = &changes[0];
    assert_eq!(amount["element"], "fiche");
    assert_eq!(amount["id"], "accueil-jeunes-enfants");
    assert_eq!(amount["action"], "modification");
    assert_eq!(amount["champ"], "financement");
    assert_eq!(amount["cle"], "caf 2020 .. 2024 « Bonus territoire »");
    assert_eq!(amount["avant"], "20\u{202f}000\u{a0}€ par an");
    assert_eq!(amount["apres"], "22\u{202f}000\u{a0}€ par an");
    assert_eq!(amount["ecart_centimes"], 5 * 200_000);

    let referent = &changes[1];
    assert_eq!(
        (referent["id"].as_str(), referent["champ"].as_str()),
        (Some("rpe"), Some("référent"))
    );
    assert_eq!(referent["action"], "modification");
    assert_eq!(
        referent["avant"],
        "Animateur ou animatrice du relais petite enfance"
    );
    assert_eq!(referent["apres"], "Responsable du relais petite enfance");

    let added = &changes[2];
    assert_eq!(
        (added["id"].as_str(), added["action"].as_str()),
        (Some("ludotheque"), Some("ajout"))
    );
    assert!(added["champ"].is_null());
    assert_eq!(
        added["libelle"],
        "fiche action 1.11 « Créer une ludothèque itinérante »"
    );
    assert_eq!(added["ecart_centimes"], 2 * 500_000);

    // Money per funder and year: +2 000 € each year from the amount, +5 000 € in 2023 and 2024 from the new fiche.
    let years: Vec<(i64, i64)> = v["financements"]["par_financeur_annee"]
        .as_array()
        .expect("par_financeur_annee")
        .iter()
        .map(|y| {
            assert_eq!(y["financeur"], "caf");
            (
                y["annee"].as_i64().unwrap(),
                y["ecart_centimes"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        years,
        [
            (2020, 200_000),
            (2021, 200_000),
            (2022, 200_000),
            (2023, 700_000),
            (2024, 700_000)
        ]
    );
    let funders = v["financements"]["par_financeur"]
        .as_array()
        .expect("par_financeur");
    assert_eq!(funders.len(), 1);
    assert_eq!(funders[0]["ecart_centimes"], 2_000_000);
    let total = &v["financements"]["total"];
    assert_eq!(total["ecart_centimes"], 2_000_000);
    assert_eq!(
        total["apres_centimes"].as_i64().unwrap() - total["avant_centimes"].as_i64().unwrap(),
        2_000_000
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn three_changes_in_text() {
    let dir = two_versions("text");
    let o = ctgc_in(&dir, &["diff", "ancienne", "nouvelle"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("3 changements : 1 ajout, 2 modifications."),
        "{out}"
    );
    assert!(out.contains("\nFiches action\n"), "{out}");
    assert!(
        out.contains(
            "financement caf 2020 .. 2024 « Bonus territoire » : 20\u{202f}000\u{a0}€ par an → 22\u{202f}000\u{a0}€ par an \
             (+2\u{202f}000\u{a0}€ par an, soit +10\u{202f}000\u{a0}€)"
        ),
        "{out}"
    );
    assert!(
        out.contains("référent : « Animateur ou animatrice du relais petite enfance » → « Responsable du relais petite enfance »"),
        "{out}"
    );
    assert!(
        out.contains(
            "+ fiche action 1.11 « Créer une ludothèque itinérante » — axe familles ; pilote csc"
        ),
        "{out}"
    );
    assert!(out.contains("caf 2023 : "), "{out}");
    assert!(out.contains("(+7\u{202f}000\u{a0}€)"), "{out}");
    assert!(out.contains("Total général : "), "{out}");
    assert!(out.contains("(+20\u{202f}000\u{a0}€)"), "{out}");
    assert!(
        !out.contains("horaires") && !out.contains("périscolaire"),
        "whitespace churn shows: {out}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn three_changes_in_markdown() {
    let dir = two_versions("markdown");
    let o = ctgc_in(
        &dir,
        &[
            "diff",
            "ancienne",
            "nouvelle",
            "--format",
            "markdown",
            "--exit-code",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "--exit-code with changes: {}",
        stderr(&o)
    );
    let md = stdout(&o);
    assert!(
        md.starts_with("<!-- ctgc diff -->\n## Changements de la convention\n"),
        "{md}"
    );
    assert!(!md.contains('\u{1b}'), "no colour codes");
    assert!(
        md.contains("**3 changements : 1 ajout, 2 modifications.**"),
        "{md}"
    );
    assert!(
        md.contains(
            "### Fiches action\n\n| Élément | Changement | Avant | Après |\n|---|---|---|---|\n"
        ),
        "{md}"
    );
    let rows: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("| fiche action"))
        .collect();
    assert_eq!(rows.len(), 3, "{md}");
    assert!(
        rows[0].contains(
            "| financement caf 2020 .. 2024 « Bonus territoire » | 20\u{202f}000\u{a0}€ par an |"
        ),
        "{}",
        rows[0]
    );
    assert!(
        rows[0].contains("(**+2\u{202f}000\u{a0}€ par an, soit +10\u{202f}000\u{a0}€**)"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].contains("| référent | « Animateur ou animatrice du relais petite enfance » |"),
        "{}",
        rows[1]
    );
    assert!(
        rows[2]
            .starts_with("| fiche action 1.11 « Créer une ludothèque itinérante » | **ajout** |"),
        "{}",
        rows[2]
    );
    assert!(md.contains("### Financements"), "{md}");
    assert!(
        md.contains("| Caisse d'allocations familiales du Cantal | 2023 |"),
        "{md}"
    );
    assert!(md.contains("| **Total général** |"), "{md}");
    assert!(md.contains("**+20\u{202f}000\u{a0}€** |"), "{md}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn renumbered_fiches_are_renumbered_not_replaced() {
    let dir = two_copies("renumber", "carlades");
    // The relais moves after the fiche on atypical hours: 1.2 and 1.3 swap.
    let fiches = dir.join("nouvelle/fiches");
    std::fs::rename(fiches.join("02-rpe.ctg"), fiches.join("03b-rpe.ctg")).expect("rename");
    let o = ctgc_in(&dir, &["diff", "ancienne", "nouvelle", "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let changes = v["changements"].as_array().expect("changements");
    let seen: Vec<(&str, &str, &str, &str)> = changes
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap(),
                c["action"].as_str().unwrap(),
                c["avant"].as_str().unwrap(),
                c["apres"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("horaires-atypiques", "renumerotation", "1.3", "1.2"),
            ("rpe", "renumerotation", "1.2", "1.3")
        ]
    );
    assert!(v["financements"]["total"].is_null());
    let text = stdout(&ctgc_in(&dir, &["diff", "ancienne", "nouvelle"]));
    assert!(
        text.contains("2 changements : 2 renumérotations."),
        "{text}"
    );
    assert!(text.contains("numéro : 1.2 → 1.3"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn formatting_only_changes_are_no_change() {
    let dir = two_copies("layout", "versants-d-aime");
    // Scramble the layout of a fiche: accents, indentation, money and date spellings, field order.
    std::fs::write(
        dir.join("nouvelle/fiches/01-creche.ctg"),
        std::fs::read_to_string(dir.join("nouvelle/fiches/01-creche.ctg"))
            .expect("read")
            .replace("  priorité prioritaire\n", "")
            .replace("  axe pe\n", "  axe pe\n\tPRIORITE prioritaire ;\n")
            .replace("6 000 € par an", "6000€ PAR AN")
            .replace("\n  ", "\n      "),
    )
    .expect("write");
    let conv = dir.join("nouvelle/convention.ctg");
    std::fs::write(
        &conv,
        std::fs::read_to_string(&conv)
            .expect("read")
            .replace("13 janvier 2023", "2023-01-13"),
    )
    .expect("write");
    let o = ctgc_in(
        &dir,
        &[
            "diff",
            "ancienne",
            "nouvelle",
            "--format",
            "json",
            "--exit-code",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["changements"], Value::Array(Vec::new()));
    let text = stdout(&ctgc_in(&dir, &["diff", "ancienne", "nouvelle"]));
    assert!(text.contains("Aucun changement de fond"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Temporary directories a ctgc process left behind.
fn leftovers(pid: u32) -> Vec<String> {
    std::fs::read_dir(std::env::temp_dir())
        .expect("temp dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!("ctgc-diff-{pid}-")))
        .collect()
}

fn run_and_check_cleanup(dir: &Path, args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let pid = child.id();
    let o = child.wait_with_output().expect("waits");
    assert_eq!(
        leftovers(pid),
        Vec::<String>::new(),
        "temporary snapshot left behind"
    );
    o
}

#[test]
fn git_revision_with_the_convention_in_a_subdirectory() {
    let repo = temp("git");
    git(&repo, &["init", "-q"]);
    copy_dir(
        Path::new("conventions/carlades"),
        &repo.join("conventions/carlades"),
    );
    std::fs::write(repo.join("LISEZMOI.md"), "Dépôt de test\n").expect("write");
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "Convention initiale"]);
    std::fs::write(
        repo.join("conventions/carlades/fiches/10b-ludotheque.ctg"),
        planted::NEW_FICHE,
    )
    .expect("write");
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "Nouvelle fiche"]);

    // From the repository root, naming the project…
    let o = run_and_check_cleanup(
        &repo,
        &[
            "diff",
            "--git",
            "HEAD~1",
            "conventions/carlades",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["ancienne"], "HEAD~1:conventions/carlades");
    let changes = v["changements"].as_array().expect("changements");
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(
        (changes[0]["id"].as_str(), changes[0]["action"].as_str()),
        (Some("ludotheque"), Some("ajout"))
    );

    // …and from inside it, with the working tree against HEAD: nothing changed.
    let inside = repo.join("conventions/carlades");
    let o = run_and_check_cleanup(&inside, &["diff", "--git", "HEAD", "--exit-code"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("Aucun changement de fond"));

    // An uncommitted edit shows, and --exit-code says so.
    edit(&inside.join("fiches/02-rpe.ctg"), "pilote csc", "pilote cc");
    let o = run_and_check_cleanup(&inside, &["diff", "--git", "HEAD", ".", "--exit-code"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("pilote : csc → cc"), "{}", stdout(&o));

    // Mistakes are French usage errors, and leave nothing behind either.
    let o = run_and_check_cleanup(&inside, &["diff", "--git", "nulle-part"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("révision «\u{202f}nulle-part\u{202f}» introuvable"),
        "{}",
        stderr(&o)
    );
    let o = run_and_check_cleanup(&std::env::temp_dir(), &["diff", "--git", "HEAD", "."]);
    assert_eq!(o.status.code(), Some(2));
    std::fs::remove_dir_all(&repo).ok();
}

#[test]
fn a_project_absent_from_the_revision_is_all_new() {
    let repo = temp("git-new");
    git(&repo, &["init", "-q"]);
    std::fs::write(repo.join("LISEZMOI.md"), "Dépôt de test\n").expect("write");
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "Début"]);
    copy_dir(
        Path::new("conventions/pays-de-l-aigle"),
        &repo.join("convention"),
    );
    let o = run_and_check_cleanup(
        &repo,
        &["diff", "--git", "HEAD", "convention", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let changes = v["changements"].as_array().expect("changements");
    assert!(
        stderr(&o).contains("n'existe pas dans la révision\u{202f}: tout est nouveau"),
        "{}",
        stderr(&o)
    );
    assert!(
        changes
            .iter()
            .any(|c| c["element"] == "convention" && c["action"] == "ajout")
    );
    assert!(
        changes
            .iter()
            .any(|c| c["element"] == "fiche" && c["action"] == "ajout")
    );
    assert!(
        !changes.iter().any(|c| c["action"] == "retrait"),
        "{changes:#?}"
    );
    std::fs::remove_dir_all(&repo).ok();
}

#[test]
fn usage_errors_are_french() {
    let o = ctgc_in(Path::new("."), &["diff", "conventions/carlades"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("ctgc diff attend deux chemins"),
        "{}",
        stderr(&o)
    );
    let o = ctgc_in(
        Path::new("."),
        &["diff", "conventions/carlades", "nulle/part"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("impossible de lire «\u{202f}nulle/part\u{202f}»"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_insertion_in_continuous_numbering_groups_the_renumbered_fiches() {
    let dir = two_copies("insertion", "versants-d-aime");
    std::fs::write(
        dir.join("nouvelle/fiches/04b-ludotheque.ctg"),
        "fiche ludotheque \"Créer une ludothèque itinérante\" {\n  axe pe\n  objectifs pe-accueil\n  champ parentalité\n  pilote cc\n}\n",
    )
    .expect("write");
    let v: Value = serde_json::from_slice(
        &ctgc_in(&dir, &["diff", "ancienne", "nouvelle", "--format", "json"]).stdout,
    )
    .expect("JSON");
    let changes = v["changements"].as_array().expect("changements");
    let renumbered = changes
        .iter()
        .filter(|c| c["action"] == "renumerotation")
        .count();
    assert_eq!(changes.len(), renumbered + 1, "{changes:#?}");
    assert_eq!(renumbered, 25);
    let text = stdout(&ctgc_in(&dir, &["diff", "ancienne", "nouvelle"]));
    assert!(
        text.contains("~ 25 renumérotations : loisirs-extrascolaires 5 → 6, periscolaire 6 → 7,"),
        "{text}"
    );
    let md = stdout(&ctgc_in(
        &dir,
        &["diff", "ancienne", "nouvelle", "--format", "markdown"],
    ));
    assert!(
        md.contains("<details><summary>25 renumérotations (5 → 6 … 29 → 30)</summary>"),
        "{md}"
    );
    assert_eq!(md.matches("| **ajout** |").count(), 1, "{md}");
    std::fs::remove_dir_all(&dir).ok();
}

/// A small convention: the parties and plan of `tests/fixtures`, with `{fiches}` and `{parties}`
/// where each test writes its own.
fn small(parties: &str, fiches: &str) -> String {
    format!(
        r#"convention "Convention territoriale globale des Versants d'Aime" {{
  territoire "Communauté de communes des Versants d'Aime"
  période 2023 .. 2026
  champs petite-enfance, jeunesse, parentalité, accès-aux-droits
}}

signataire caf "Caisse d'allocations familiales de la Savoie" {{
  nature caf
}}

signataire cc "Communauté de communes des Versants d'Aime" {{
  nature epci
}}

{parties}

axe pilotage "Piloter et animer la convention" {{
  objectif coordination "Coordonner l'action en direction des familles"
}}

{fiches}
"#
    )
}

/// The changes from OLD to NEW, each as (element, id, action, champ, avant, apres).
fn changes_between(name: &str, old: &str, new: &str) -> Vec<[String; 6]> {
    let dir = temp(name);
    std::fs::write(dir.join("ancienne.ctg"), old).expect("write");
    std::fs::write(dir.join("nouvelle.ctg"), new).expect("write");
    let o = ctgc_in(
        &dir,
        &["diff", "ancienne.ctg", "nouvelle.ctg", "--format", "json"],
    );
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    std::fs::remove_dir_all(&dir).ok();
    let field = |c: &Value, k: &str| c[k].as_str().unwrap_or("-").to_string();
    v["changements"]
        .as_array()
        .expect("changements")
        .iter()
        .map(|c| ["element", "id", "action", "champ", "avant", "apres"].map(|k| field(c, k)))
        .collect()
}

fn fiche(id: &str, title: &str) -> String {
    format!(
        "fiche {id} \"{title}\" {{\n  axe pilotage\n  objectifs coordination\n  pilote cc\n}}\n"
    )
}

#[test]
fn a_fiche_with_a_new_identifier_and_its_title_is_the_same_fiche() {
    let rpe = fiche("rpe", "Le relais");
    let old = small("", &(rpe.clone() + &fiche("poste", "Financer un poste")));
    let new = small(
        "",
        &(rpe.clone() + &fiche("poste-ctg", "Financer un poste")),
    );
    let renamed = [
        "poste-ctg",
        "modification",
        "identifiant",
        "poste",
        "poste-ctg",
    ];
    let seen = changes_between("same-title", &old, &new);
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0][0], "fiche");
    assert_eq!(seen[0][1..], renamed);
    // Two new fiches with that title: neither is the old one.
    let twice = fiche("poste-a", "Financer un poste") + &fiche("poste-b", "Financer un poste");
    let new = small("", &(rpe + &twice));
    let seen: Vec<[String; 2]> = changes_between("two-titles", &old, &new)
        .into_iter()
        .map(|[_, id, action, ..]| [id, action])
        .collect();
    let expected = [
        ["poste-a", "ajout"],
        ["poste-b", "ajout"],
        ["poste", "retrait"],
    ];
    assert_eq!(seen, expected.map(|c| c.map(String::from)));
}

#[test]
fn parties_are_listed_signataires_then_communes_then_partenaires() {
    let fiches = fiche("poste", "Financer un poste");
    let old = small("partenaire msa \"Mutualité sociale agricole\"\n", &fiches);
    // Written partenaire first, then commune, then the former partenaire now signing.
    let new = small(
        "partenaire csc \"Centre social\"\ncommune aime \"Aime-la-Plagne\"\n\
         signataire msa \"Mutualité sociale agricole\" {\n  nature msa\n}\n",
        &fiches,
    );
    let seen: Vec<[String; 4]> = changes_between("parties", &old, &new)
        .into_iter()
        .map(|[element, id, action, champ, ..]| [element, id, action, champ])
        .collect();
    let expected = [
        ["signataire", "msa", "modification", "catégorie"],
        ["signataire", "msa", "ajout", "nature"],
        ["commune", "aime", "ajout", "-"],
        ["partenaire", "csc", "ajout", "-"],
    ];
    assert_eq!(seen, expected.map(|c| c.map(String::from)));
}

/// `sous-réserve-des-crédits` commits the amounts subject to the funds available: adding it
/// changes what the signatories promise, so the diff says so, and the export carries it.
#[test]
fn the_funds_reservation_is_a_change() {
    let dir = two_copies("reserve", "versants-d-aime");
    edit(
        &dir.join("nouvelle/convention.ctg"),
        "  statut projet\n",
        "  statut projet\n  sous-réserve-des-crédits\n",
    );
    let o = ctgc_in(&dir, &["diff", "ancienne", "nouvelle", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let changes = v["changements"].as_array().expect("changements");
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0]["element"], "convention");
    assert_eq!(changes[0]["champ"], "sous-réserve-des-crédits");
    assert_eq!(changes[0]["avant"], "non");
    assert_eq!(changes[0]["apres"], "oui");
    for (version, expected) in [("ancienne", false), ("nouvelle", true)] {
        let o = ctgc_in(&dir, &["export", version, "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
        assert_eq!(v["convention"]["sous_reserve_des_credits"], expected);
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// `ctgc diff ancienne nouvelle` in DIR, in FORMAT.
fn rendered(dir: &Path, format: &str) -> String {
    let o = ctgc_in(dir, &["diff", "ancienne", "nouvelle", "--format", format]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
}

/// The changes of `ctgc diff OLD NEW --format json` in DIR, each as (element, id, action, champ,
/// cle, avant, apres, ecart_centimes), `-` for null.
fn changes_in(dir: &Path, old: &str, new: &str) -> Vec<[String; 8]> {
    let o = ctgc_in(dir, &["diff", old, new, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let field = |c: &Value, k: &str| match &c[k] {
        Value::Null => "-".to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let keys = [
        "element",
        "id",
        "action",
        "champ",
        "cle",
        "avant",
        "apres",
        "ecart_centimes",
    ];
    v["changements"]
        .as_array()
        .expect("changements")
        .iter()
        .map(|c| keys.map(|k| field(c, k)))
        .collect()
}

fn row(items: [&str; 8]) -> [String; 8] {
    items.map(String::from)
}

/// `ctgc diff` in every format says that OLD and NEW mean the same, and exits 0 with
/// `--exit-code`.
fn assert_no_change(dir: &Path, old: &str, new: &str) {
    let o = ctgc_in(dir, &["diff", old, new, "--exit-code"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("Aucun changement de fond"),
        "{}",
        stdout(&o)
    );
    let md = stdout(&ctgc_in(dir, &["diff", old, new, "--format", "markdown"]));
    assert!(md.contains("Aucun changement de fond"), "{md}");
    assert_eq!(changes_in(dir, old, new), Vec::<[String; 8]>::new());
}

const CRECHE_2024: &str = "bilans/2024/gt-creche.ctg";
const PLACES: &str = "Places d’accueil collectif ouvertes";

/// The value 2024 of the crèche's indicator PLACES changed from BEFORE to AFTER.
fn places_changed(before: &str, after: &str) -> [String; 8] {
    let (b, a) = (format!("2024 : {before}"), format!("2024 : {after}"));
    row([
        "fiche",
        "creche",
        "modification",
        "valeur",
        PLACES,
        &b,
        &a,
        "-",
    ])
}

/// A pull request that adds a year's bilan shows the year, each fiche's entry in it, and each
/// value it gives on its indicator; taking it back out shows them removed.
#[test]
fn a_bilan_year_added_is_the_year_and_each_fiche_year() {
    let dir = two_copies("bilan-added", "versants-d-aime");
    std::fs::remove_dir_all(dir.join("ancienne/bilans/2024")).expect("remove 2024");
    let seen = changes_in(&dir, "ancienne", "nouvelle");
    let of = |element: &str| seen.iter().filter(|c| c[0] == element).collect::<Vec<_>>();
    let (fiches, bilans) = (of("fiche"), of("bilan"));
    assert_eq!(seen.len(), fiches.len() + bilans.len(), "{seen:#?}");
    // Every value of 2024, as a value of its indicator, and nothing else on the fiches.
    assert_eq!(fiches.len(), 28, "{fiches:#?}");
    assert!(
        fiches.iter().all(|c| c[2] == "ajout" && c[3] == "valeur"),
        "{fiches:#?}"
    );
    let places = [
        "fiche",
        "creche",
        "ajout",
        "valeur",
        PLACES,
        "-",
        "2024 : 48",
        "-",
    ];
    assert_eq!(*fiches[0], row(places));
    // The year, then its 29 fiches in the order of the plan.
    let year = "29 fiches action ; copil 18 mars 2025";
    assert_eq!(
        *bilans[0],
        row(["bilan", "2024", "ajout", "-", "-", "-", year, "-"])
    );
    assert_eq!(bilans.len(), 30, "{bilans:#?}");
    let creche = "statut en-cours ; réalisé 15\u{202f}200\u{a0}€";
    assert_eq!(
        *bilans[1],
        row([
            "bilan",
            "2024/creche",
            "ajout",
            "-",
            "-",
            "-",
            creche,
            "1520000"
        ])
    );
    let observatoire = "statut à-engager";
    assert_eq!(
        *bilans[3],
        row([
            "bilan",
            "2024/observatoire",
            "ajout",
            "-",
            "-",
            "-",
            observatoire,
            "-"
        ])
    );
    assert!(
        bilans[1..]
            .iter()
            .all(|c| c[1].starts_with("2024/") && c[2] == "ajout" && c[3] == "-"),
        "{bilans:#?}"
    );

    let text = rendered(&dir, "humain");
    assert!(
        text.contains(&format!(
            "\nBilans\n  + bilan 2024 — {year}\n  + bilan 2024, fiche action 1 « Maintenir l’offre et \
             la qualité de l’accueil en crèche » — {creche}\n"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "      indicateur « {PLACES} », valeur : + 2024 : 48\n"
        )),
        "{text}"
    );
    let md = rendered(&dir, "markdown");
    assert!(
        md.contains(&format!(
            "\n### Bilans\n\n| Élément | Changement | Avant | Après |\n|---|---|---|---|\n\
             | bilan 2024 | **ajout** |  | {year} |\n"
        )),
        "{md}"
    );

    // The other way round, everything is removed.
    let back = changes_in(&dir, "nouvelle", "ancienne");
    assert_eq!(back.len(), seen.len());
    assert!(back.iter().all(|c| c[2] == "retrait"), "{back:#?}");
    let bilan = back.iter().find(|c| c[0] == "bilan").expect("the year");
    assert_eq!(
        *bilan,
        row(["bilan", "2024", "retrait", "-", "-", year, "-", "-"])
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A year's bilan changed: the value on its indicator, the synthèse, the fiche's statut, what
/// each financeur paid (one amount changed, one financeur added, one gone) and an étape réalisée,
/// each as one change.
#[test]
fn a_bilan_changed_field_by_field() {
    let dir = two_copies("bilan-changed", "versants-d-aime");
    let file = dir.join("nouvelle").join(CRECHE_2024);
    edit(
        &file,
        &format!("\"{PLACES}\" 48"),
        &format!("\"{PLACES}\" 49"),
    );
    edit(&file, "statut en-cours", "statut réalisé");
    edit(&file, "réalisé caf 9 500 €", "réalisé caf 10 250 €");
    edit(
        &file,
        "la participation progresse",
        "la participation recule",
    );
    edit(&file, "réalisé cc 5 700 €", "réalisé msa 1 000 €");
    edit(
        &file,
        "multi-accueils\"\n",
        "multi-accueils\"\n    étape-réalisée \"Quatre places ouvertes\"\n",
    );
    let seen = changes_in(&dir, "ancienne", "nouvelle");
    let before = "Les actions prévues se sont tenues ; la participation progresse.";
    let after = "Les actions prévues se sont tenues ; la participation recule.";
    let expected = [
        [
            "bilan",
            "2024",
            "modification",
            "synthèse",
            "instance gt-creche",
            before,
            after,
            "-",
        ],
        [
            "bilan",
            "2024/creche",
            "modification",
            "statut",
            "-",
            "en-cours",
            "réalisé",
            "-",
        ],
        [
            "bilan",
            "2024/creche",
            "ajout",
            "réalisé",
            "msa",
            "-",
            "1\u{202f}000\u{a0}€",
            "100000",
        ],
        [
            "bilan",
            "2024/creche",
            "modification",
            "réalisé",
            "caf",
            "9\u{202f}500\u{a0}€",
            "10\u{202f}250\u{a0}€",
            "75000",
        ],
        [
            "bilan",
            "2024/creche",
            "retrait",
            "réalisé",
            "cc",
            "5\u{202f}700\u{a0}€",
            "-",
            "-570000",
        ],
        [
            "bilan",
            "2024/creche",
            "ajout",
            "étape-réalisée",
            "-",
            "-",
            "Quatre places ouvertes",
            "-",
        ],
    ];
    let mut expected: Vec<[String; 8]> = expected.map(row).into();
    expected.insert(0, places_changed("48", "49"));
    assert_eq!(seen, expected);

    let text = rendered(&dir, "humain");
    let fiche =
        "bilan 2024, fiche action 1 « Maintenir l’offre et la qualité de l’accueil en crèche »";
    assert!(
        text.contains(&format!(
            "\nBilans\n  ~ bilan 2024\n      synthèse instance gt-creche :\n        - {before}\n        \
             + {after}\n  ~ {fiche}\n      statut : en-cours → réalisé\n      réalisé msa : + \
             1\u{202f}000\u{a0}€\n      réalisé caf : 9\u{202f}500\u{a0}€ → 10\u{202f}250\u{a0}€ \
             (+750\u{a0}€)\n      réalisé cc : \u{2212} 5\u{202f}700\u{a0}€\n      étape-réalisée : \
             + « Quatre places ouvertes »\n"
        )),
        "{text}"
    );
    let md = rendered(&dir, "markdown");
    assert!(
        md.contains(&format!(
            "| {fiche} | statut | en-cours | réalisé |\n|  | réalisé msa (ajout) |  | \
             1\u{202f}000\u{a0}€ |\n|  | réalisé caf | 9\u{202f}500\u{a0}€ | \
             10\u{202f}250\u{a0}€ (**+750\u{a0}€**) |\n|  | réalisé cc (retrait) | \
             5\u{202f}700\u{a0}€ |  |\n"
        )),
        "{md}"
    );
    assert!(
        md.contains("<details><summary>bilan 2024 — synthèse instance gt-creche</summary>"),
        "{md}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// One year's bilan is every `bilan` block of that year: the same content in other files, in
/// another order, is the same bilan.
#[test]
fn a_year_split_differently_across_files_is_no_change() {
    let dir = two_copies("bilan-split", "versants-d-aime");
    let year = dir.join("nouvelle/bilans/2024");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&year)
        .expect("2024")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    // Every block in one file, last file first.
    let all: String = files
        .iter()
        .rev()
        .map(|f| std::fs::read_to_string(f).expect("read"))
        .collect();
    for f in &files {
        std::fs::remove_file(f).expect("remove");
    }
    std::fs::write(year.join("tout.ctg"), all).expect("write");
    let o = ctgc_in(&dir, &["check", "nouvelle"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_no_change(&dir, "ancienne", "nouvelle");
    std::fs::remove_dir_all(&dir).ok();
}

/// Where a value is written is no change: `ctgc fmt --deplacer-valeurs` moves a fiche's values
/// into their bilans, and the diff sees the same convention; a value then changed in its bilan is
/// one change of its indicator.
#[test]
fn values_moved_into_their_bilans_are_no_change() {
    let dir = temp("bilan-moved");
    let old = dir.join("ancienne");
    copy_dir(Path::new("conventions/versants-d-aime"), &old);
    let _ = std::fs::remove_dir_all(old.join("build"));
    // The values of 2023 and 2024 written in the fiche, the older form.
    edit(
        &old.join("fiches/01-creche.ctg"),
        "    cible 50 en 2026\n",
        "    cible 50 en 2026\n    valeur 2023 47\n    valeur 2024 48\n",
    );
    for (file, value) in [("bilans/2023/gt-creche.ctg", 47), (CRECHE_2024, 48)] {
        edit(
            &old.join(file),
            &format!("    valeur \"{PLACES}\" {value}\n"),
            "",
        );
    }
    copy_dir(&old, &dir.join("nouvelle"));
    let o = ctgc_in(&dir, &["fmt", "--deplacer-valeurs", "nouvelle"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let fiche = std::fs::read_to_string(dir.join("nouvelle/fiches/01-creche.ctg")).expect("read");
    assert!(!fiche.contains("valeur 2024"), "not moved: {fiche}");
    assert_no_change(&dir, "ancienne", "nouvelle");

    edit(
        &dir.join("nouvelle").join(CRECHE_2024),
        &format!("\"{PLACES}\" 48"),
        &format!("\"{PLACES}\" 50"),
    );
    assert_eq!(
        changes_in(&dir, "ancienne", "nouvelle"),
        [places_changed("48", "50")]
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// The bilans are the convention's follow-up, written every year after its signature: a bilan
/// added to a signed convention is no change of its signed text.
#[test]
fn a_bilan_of_a_signed_convention_is_no_change_outside_an_avenant() {
    let dir = two_copies("bilan-signed", "versants-d-aime");
    for side in ["ancienne", "nouvelle"] {
        edit(
            &dir.join(side).join("convention.ctg"),
            "statut projet",
            "statut signée",
        );
    }
    std::fs::remove_dir_all(dir.join("ancienne/bilans/2024")).expect("remove 2024");
    let o = ctgc_in(
        &dir,
        &["diff", "ancienne", "nouvelle", "--format", "github"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains("::warning"), "{out}");
    assert!(out.starts_with("::notice"), "{out}");
    assert!(out.contains("58 changements"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}
