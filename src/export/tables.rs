//! The export as tables, for spreadsheets (`--format xlsx`) and tools (`--format csv --table`):
//! one table per array of the JSON export, exactly its rows, typed cells. Several projects stack
//! their rows, a `convention` column first (a Caf's portfolio).

use super::Export;

/// A typed cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    /// An amount in cents: a number with a € format in a workbook.
    Money(i64),
    /// A measured value as written, read as a number when it is one (`12,5`).
    Measure(String),
    /// An ISO date (`2024-03-12`).
    Date(String),
    Bool(bool),
}

/// One table: its name (the JSON array's), its header and its rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub name: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// Every table name, in sheet order.
pub const NAMES: &[&str] = &[
    "fiches",
    "financements",
    "indicateurs",
    "valeurs",
    "equipements",
    "bilans",
    "realises",
];

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn opt(s: &Option<String>) -> Cell {
    s.as_deref().map_or(Cell::Empty, text)
}

fn int(v: Option<i32>) -> Cell {
    v.map_or(Cell::Empty, |v| Cell::Int(i64::from(v)))
}

/// The tables of EXPORTS, each named by its convention when there are several (a `convention`
/// column first).
pub fn tables(exports: &[(String, &Export)], portfolio: bool) -> Vec<Table> {
    let mut out: Vec<Table> = NAMES
        .iter()
        .map(|name| Table {
            name,
            columns: Vec::new(),
            rows: Vec::new(),
        })
        .collect();
    for (convention, export) in exports {
        for (table, (columns, rows)) in out.iter_mut().zip(of(export)) {
            table.columns = columns;
            for row in rows {
                let mut r = Vec::with_capacity(row.len() + 1);
                if portfolio {
                    r.push(text(convention));
                }
                r.extend(row);
                table.rows.push(r);
            }
        }
    }
    for table in &mut out {
        if portfolio {
            table.columns.insert(0, "convention");
        }
    }
    out
}

type Rows = (Vec<&'static str>, Vec<Vec<Cell>>);

/// The rows of each table of one export, in `NAMES` order.
fn of(e: &Export) -> Vec<Rows> {
    vec![
        (
            vec![
                "id",
                "numéro",
                "titre",
                "axe",
                "statut",
                "priorité",
                "pilote",
                "début",
                "fin",
                "total (€)",
            ],
            e.fiches
                .iter()
                .map(|f| {
                    vec![
                        text(&f.id),
                        text(&f.numero),
                        text(&f.titre),
                        opt(&f.axe),
                        opt(&f.statut),
                        opt(&f.priorite),
                        opt(&f.pilote),
                        int(f.calendrier.as_ref().map(|c| c.debut)),
                        int(f.calendrier.as_ref().map(|c| c.fin)),
                        Cell::Money(f.total_centimes),
                    ]
                })
                .collect(),
        ),
        (
            vec![
                "financeur",
                "année",
                "montant (€)",
                "fiche",
                "équipement",
                "dispositif",
                "prévisionnel",
                "convention liée",
                "bénéficiaire",
            ],
            e.financements
                .iter()
                .map(|f| {
                    vec![
                        text(&f.financeur),
                        Cell::Int(i64::from(f.annee)),
                        f.montant_centimes.map_or(Cell::Empty, Cell::Money),
                        opt(&f.fiche),
                        opt(&f.equipement),
                        opt(&f.dispositif),
                        Cell::Bool(f.previsionnel),
                        opt(&f.convention),
                        opt(&f.beneficiaire),
                    ]
                })
                .collect(),
        ),
        (
            vec![
                "fiche",
                "libellé",
                "type",
                "unité",
                "départ",
                "année de départ",
                "cible",
                "année de la cible",
            ],
            e.indicateurs
                .iter()
                .map(|i| {
                    vec![
                        text(&i.fiche),
                        text(&i.libelle),
                        opt(&i.kind),
                        opt(&i.unite),
                        i.depart.clone().map_or(Cell::Empty, Cell::Measure),
                        int(i.annee_depart),
                        i.cible.clone().map_or(Cell::Empty, Cell::Measure),
                        int(i.annee_cible),
                    ]
                })
                .collect(),
        ),
        (
            vec!["fiche", "indicateur", "année", "valeur"],
            e.valeurs
                .iter()
                .map(|v| {
                    vec![
                        text(&v.fiche),
                        text(&v.indicateur),
                        Cell::Int(i64::from(v.annee)),
                        Cell::Measure(v.valeur.clone()),
                    ]
                })
                .collect(),
        ),
        (
            vec![
                "id",
                "nom",
                "type",
                "gestionnaire",
                "commune",
                "capacité",
                "unité",
                "total (€)",
            ],
            e.equipements
                .iter()
                .map(|q| {
                    vec![
                        text(&q.id),
                        text(&q.nom),
                        opt(&q.kind),
                        opt(&q.gestionnaire),
                        opt(&q.commune),
                        q.capacite
                            .as_ref()
                            .map_or(Cell::Empty, |c| Cell::Measure(c.valeur.clone())),
                        q.capacite.as_ref().map_or(Cell::Empty, |c| text(&c.unite)),
                        Cell::Money(q.total_centimes),
                    ]
                })
                .collect(),
        ),
        (
            vec![
                "année",
                "fiche",
                "statut",
                "COPIL",
                "étapes réalisées",
                "difficultés",
                "perspectives",
            ],
            e.bilans
                .iter()
                .map(|b| {
                    vec![
                        Cell::Int(i64::from(b.annee)),
                        text(&b.fiche),
                        opt(&b.statut),
                        b.copil.clone().map_or(Cell::Empty, Cell::Date),
                        if b.etapes_realisees.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(b.etapes_realisees.join(" ; "))
                        },
                        opt(&b.difficultes),
                        opt(&b.perspectives),
                    ]
                })
                .collect(),
        ),
        (
            vec!["année", "fiche", "financeur", "montant (€)"],
            e.realises
                .iter()
                .map(|r| {
                    vec![
                        Cell::Int(i64::from(r.annee)),
                        text(&r.fiche),
                        text(&r.financeur),
                        Cell::Money(r.montant_centimes),
                    ]
                })
                .collect(),
        ),
    ]
}

/// RFC 4180: fields separated by commas, records by CRLF, a field quoted when it holds a comma,
/// a quote or a line break, quotes doubled. Amounts in euros with a decimal point, dates ISO.
pub fn csv(table: &Table) -> String {
    let mut out = String::new();
    let field = |s: &str, out: &mut String| {
        if s.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&s.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(s);
        }
    };
    let line = |cells: Vec<String>, out: &mut String| {
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            field(c, out);
        }
        out.push_str("\r\n");
    };
    line(
        table.columns.iter().map(|c| c.to_string()).collect(),
        &mut out,
    );
    for row in &table.rows {
        line(row.iter().map(plain).collect(), &mut out);
    }
    out
}

/// A cell as plain text for CSV.
fn plain(c: &Cell) -> String {
    match c {
        Cell::Empty => String::new(),
        Cell::Text(s) | Cell::Measure(s) | Cell::Date(s) => s.clone(),
        Cell::Int(i) => i.to_string(),
        Cell::Money(cents) => {
            let sign = if *cents < 0 { "-" } else { "" };
            format!("{sign}{}.{:02}", cents.abs() / 100, cents.abs() % 100)
        }
        Cell::Bool(b) => if *b { "oui" } else { "non" }.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it() {
        let t = Table {
            name: "x",
            columns: vec!["a", "b"],
            rows: vec![vec![
                Cell::Text("un, \"deux\"".into()),
                Cell::Money(-123_456),
            ]],
        };
        assert_eq!(csv(&t), "a,b\r\n\"un, \"\"deux\"\"\",-1234.56\r\n");
    }
}
