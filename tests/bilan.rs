//! The annual bilan end to end on the Versants d'Aime example: `ctgc bilan` writes the PDF and
//! the page, whose counts by statut and réalisé/prévu totals are those of the export (read back
//! with pypdf); the workbook, read back by an independent reader (openpyxl), holds every amount
//! of the JSON export; the CSV tables have its rows.
//! Needs typst, and python3 with pypdf and openpyxl (`scripts/ensure-tools test`).

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PROJECT: &str = "conventions/versants-d-aime";

fn ctgc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("ctgc runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("bilan")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn export() -> serde_json::Value {
    let out = ctgc(&["export", PROJECT]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON export")
}

/// Python with MODULE, or the test is skipped (a failure in CI).
fn python_with(module: &str) -> bool {
    let ok = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        support::missing_tool(&format!("python3 with {module}"));
    }
    ok
}

fn python(script: &str, arg: &Path) -> String {
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(arg)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Digits and letters only: the PDF's spaces (narrow, no-break, line ends) do not matter here.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn euros(cents: i64) -> String {
    let e = (cents / 100).to_string();
    let mut out = String::new();
    for (i, c) in e.chars().enumerate() {
        if i > 0 && (e.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    squeezed(&format!("{out}€"))
}

#[test]
fn the_bilan_shows_the_exports_counts_and_totals() {
    if !python_with("pypdf") {
        return;
    }
    let dir = scratch("pdf");
    let out = ctgc(&[
        "bilan",
        PROJECT,
        "--annee",
        "2024",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.join("versants-d-aime-bilan-2024.pdf");
    let text = squeezed(&python(
        "import sys, pypdf\nprint('\\n'.join(p.extract_text() for p in pypdf.PdfReader(sys.argv[1]).pages))",
        &pdf,
    ));
    let e = export();
    // Counts by statut: every fiche has its 2024 row in `bilans`.
    let rows: Vec<&serde_json::Value> = e["bilans"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["annee"] == 2024)
        .collect();
    assert_eq!(rows.len(), 29);
    let counts: Vec<usize> = ["à-engager", "en-cours", "réalisé", "reporté", "abandonné"]
        .iter()
        .map(|s| rows.iter().filter(|b| b["statut"] == *s).count())
        .collect();
    let line = format!(
        "Total{}29",
        counts.iter().map(usize::to_string).collect::<String>()
    );
    assert!(text.contains(&line), "{line} not in the synthesis");
    // Réalisé and prévu totals.
    let realise: i64 = e["realises"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["annee"] == 2024)
        .map(|r| r["montant_centimes"].as_i64().unwrap())
        .sum();
    let prevu: i64 = e["financements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["annee"] == 2024 && !r["fiche"].is_null())
        .filter_map(|r| r["montant_centimes"].as_i64())
        .sum();
    let totals = format!("Total{}{}", euros(prevu), euros(realise));
    assert!(text.contains(&totals), "{totals} not in the PDF");
    // The page: its charts are SVG images with text alternatives, and nothing is fetched.
    let html = std::fs::read_to_string(dir.join("versants-d-aime-bilan-2024.html")).unwrap();
    let charts = html.matches("<svg role=\"img\" aria-labelledby=").count();
    assert_eq!(
        charts,
        2 + e["indicateurs"].as_array().unwrap().len(),
        "one chart per indicator, two in the synthesis"
    );
    assert_eq!(html.matches("<title id=").count(), charts);
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"));
}

#[test]
fn the_bilan_is_reproducible_and_refuses_a_year_without_bilan() {
    let (a, b) = (scratch("a"), scratch("b"));
    for dir in [&a, &b] {
        let out = ctgc(&[
            "bilan",
            PROJECT,
            "--annee",
            "2023",
            "--format",
            "pdf",
            "-o",
            dir.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let name = "versants-d-aime-bilan-2023.pdf";
    assert_eq!(
        std::fs::read(a.join(name)).unwrap(),
        std::fs::read(b.join(name)).unwrap()
    );
    let out = ctgc(&[
        "bilan",
        PROJECT,
        "--annee",
        "2025",
        "-o",
        a.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("aucun bilan pour 2025"));
}

const READ_XLSX: &str = r#"
import sys, json, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb:
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    out[ws.title] = {'header': rows[0], 'rows': [[str(v) if v is not None and not isinstance(v, (int, float, bool)) else v for v in r] for r in rows[1:]], 'frozen': ws.freeze_panes, 'filter': ws.auto_filter.ref}
print(json.dumps(out))
"#;

#[test]
fn the_workbook_holds_every_amount_of_the_export() {
    if !python_with("openpyxl") {
        return;
    }
    let dir = scratch("xlsx");
    let file = dir.join("vda.xlsx");
    let out = ctgc(&[
        "export",
        PROJECT,
        "--format",
        "xlsx",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let book: serde_json::Value = serde_json::from_str(&python(READ_XLSX, &file)).unwrap();
    let e = export();
    for name in [
        "fiches",
        "financements",
        "indicateurs",
        "valeurs",
        "equipements",
        "bilans",
        "realises",
    ] {
        let sheet = &book[name];
        assert_eq!(
            sheet["rows"].as_array().unwrap().len(),
            e[name].as_array().unwrap().len(),
            "{name}"
        );
        assert_eq!(sheet["frozen"], "A2", "{name}");
        assert!(
            sheet["filter"]
                .as_str()
                .is_some_and(|f| f.starts_with("A1:")),
            "{name}"
        );
    }
    let amount = |sheet: &str, column: &str| -> Vec<Option<i64>> {
        let s = &book[sheet];
        let at = s["header"]
            .as_array()
            .unwrap()
            .iter()
            .position(|h| h == column)
            .unwrap();
        s["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r[at].as_f64().map(|v| (v * 100.0).round() as i64))
            .collect()
    };
    let json = |array: &str| -> Vec<Option<i64>> {
        e[array]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["montant_centimes"].as_i64())
            .collect()
    };
    assert_eq!(amount("financements", "montant (€)"), json("financements"));
    assert_eq!(amount("realises", "montant (€)"), json("realises"));
    let years: Vec<i64> = book["financements"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[1].as_i64().unwrap())
        .collect();
    let json_years: Vec<i64> = e["financements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["annee"].as_i64().unwrap())
        .collect();
    assert_eq!(years, json_years);
}

#[test]
fn csv_tables_have_the_exports_rows_and_a_portfolio_names_its_conventions() {
    let e = export();
    let out = ctgc(&["export", PROJECT, "--format", "csv", "--table", "realises"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("année,fiche,financeur,montant (€)\r\n"));
    assert_eq!(
        csv.matches("\r\n").count(),
        1 + e["realises"].as_array().unwrap().len()
    );
    let out = ctgc(&[
        "export",
        PROJECT,
        "conventions/carlades",
        "--format",
        "csv",
        "--table",
        "fiches",
    ]);
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("convention,id,"));
    assert!(csv.contains("\r\nversants-d-aime,creche,") && csv.contains("\r\ncarlades,"));
    let out = ctgc(&["export", PROJECT, "--format", "csv", "--table", "budget"]);
    assert_eq!(out.status.code(), Some(2));
}
