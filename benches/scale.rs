//! `cargo bench`: how ctgc scales, on synthetic conventions of 10 to 10 000 fiches
//! (`ctgc::synthetic`) and on the Carladès example. Prints a Markdown table and the ratios that
//! issues 7 and 11 set as targets; docs/robustness.md records a run.
//!
//! - parse: the syntax tree of every file (texts already read);
//! - check: the `ctgc check` command, one process per run (read, parse on helper threads, lower,
//!   resolve, check);
//! - diff: the `ctgc diff` command between the convention and a copy with one amount changed, one
//!   process per run (two compilations and the comparison);
//! - render: the view, the Typst source and the HTML page from the checked model;
//! - memory: peak resident memory of `ctgc check` (GNU time), against the size of the sources;
//! - build: `ctgc build --timings` (typst included), up to 1 000 fiches;
//! - bilan: `ctgc bilan --annee 2024 --timings` (typst included), once, on the synthetic
//!   conventions of 1 000 and 10 000 fiches with their bilans 2023 and 2024.
//!
//! Without `--bench` (as `cargo test --all-targets` runs it), one quick pass on 10 fiches checks
//! that the harness works. `cargo bench --bench scale -- --bilan` measures the bilans alone.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use ctgc::compile::{self, Options};
use ctgc::render::{Templates, html, typst, view};
use ctgc::source::FileId;

const CTGC: &str = env!("CARGO_BIN_EXE_ctgc");

/// Median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The `--timings` phases of a `ctgc build`, in milliseconds.
fn build_timings(project: &Path, out: &Path) -> Option<Vec<(String, f64)>> {
    timings("build", &[], project, out)
}

/// The `--timings` phases of `ctgc COMMAND PROJECT ARGS…`, in milliseconds.
fn timings(command: &str, args: &[&str], project: &Path, out: &Path) -> Option<Vec<(String, f64)>> {
    let output = Command::new(CTGC)
        .arg(command)
        .arg(project)
        .args(args)
        .arg("--sortie")
        .arg(out)
        .arg("--timings")
        .env("NO_COLOR", "1")
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        eprintln!("ctgc {command} {} a échoué :\n{stderr}", project.display());
        return None;
    }
    let table = stderr.split("Durées :").nth(1)?;
    Some(
        table
            .lines()
            .filter_map(|line| {
                let line = line.trim();
                let number_start = line.find(|c: char| c.is_ascii_digit())?;
                let name = line[..number_start].trim().to_string();
                let value: String = line[number_start..]
                    .trim_end_matches("ms")
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\u{a0}')
                    .map(|c| if c == ',' { '.' } else { c })
                    .collect();
                Some((name, value.parse().ok()?))
            })
            .collect(),
    )
}

fn phase(timings: &[(String, f64)], name: &str) -> f64 {
    timings
        .iter()
        .filter(|(n, _)| n.contains(name))
        .map(|(_, v)| v)
        .sum()
}

/// Peak resident memory of `ctgc check PROJECT`, in bytes (GNU time's %M).
fn peak_memory(project: &Path) -> Option<u64> {
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(CTGC)
        .arg("check")
        .arg(project)
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let kib: u64 = stderr.lines().last()?.trim().parse().ok()?;
    Some(kib * 1024)
}

fn typst_available() -> bool {
    Command::new("typst")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Writes beside DIR the same synthetic convention with one amount changed (the last fiche's
/// yearly Caf funding, from N 000 € to N 500 €), and returns its directory.
fn write_changed(dir: &Path, fiches: usize) -> PathBuf {
    let changed = dir.with_extension("modifiee");
    let _ = std::fs::remove_dir_all(&changed);
    let mut files = ctgc::synthetic::generate(fiches);
    let (_, last) = files.last_mut().expect("au moins un fichier");
    let before = last.clone();
    *last = last.replacen(" 000 € par an", " 500 € par an", 1);
    assert_ne!(*last, before, "aucun montant annuel à changer");
    for (rel, text) in files {
        let path = changed.join(rel);
        std::fs::create_dir_all(path.parent().expect("dossier")).expect("dossier");
        std::fs::write(&path, text).expect("écriture de la version modifiée");
    }
    changed
}

struct Row {
    fiches: usize,
    bytes: u64,
    parse: f64,
    check: f64,
    diff: f64,
    render: f64,
    memory: Option<u64>,
    build: Option<Vec<(String, f64)>>,
}

fn measure(work: &Path, fiches: usize, runs: usize, with_build: bool) -> Row {
    let dir = work.join(format!("fiches-{fiches}"));
    let _ = std::fs::remove_dir_all(&dir);
    let bytes =
        ctgc::synthetic::write(&dir, fiches).expect("écriture de la convention synthétique");
    let texts: Vec<String> = ctgc::synthetic::generate(fiches)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    let parse = median(runs, || {
        for (i, t) in texts.iter().enumerate() {
            std::hint::black_box(ctgc::syntax::parse(t, FileId(i as u32)));
        }
    });
    // `ctgc check` as the user runs it, one process per run: the target is stated for the
    // command, and repeated compilations in one process measure its allocator's state too.
    let check = median(runs, || {
        let status = Command::new(CTGC)
            .arg("check")
            .arg(&dir)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("ctgc check");
        assert!(status.success(), "la convention synthétique a des erreurs");
    });
    // `ctgc diff` as the user runs it; `--exit-code` says that it found the change.
    let changed = write_changed(&dir, fiches);
    let diff = median(runs, || {
        let status = Command::new(CTGC)
            .arg("diff")
            .arg(&dir)
            .arg(&changed)
            .arg("--exit-code")
            .stdout(std::process::Stdio::null())
            .status()
            .expect("ctgc diff");
        assert_eq!(
            status.code(),
            Some(1),
            "ctgc diff n'a pas vu le montant changé"
        );
    });
    let comp = compile::compile(&dir, Options::default()).expect("compilation");
    assert!(
        !comp.has_errors(),
        "la convention synthétique a des erreurs"
    );
    let templates = Templates::new(None);
    let render = median(runs, || {
        let v = view::build(&comp.model).expect("la vue");
        std::hint::black_box(typst::render(&v, &templates).expect("Typst"));
        std::hint::black_box(html::render(&v, &templates).expect("HTML"));
    });
    let memory = peak_memory(&dir);
    let build = if with_build {
        build_timings(&dir, &work.join(format!("sortie-{fiches}")))
    } else {
        None
    };
    Row {
        fiches,
        bytes,
        parse: ms(parse),
        check: ms(check),
        diff: ms(diff),
        render: ms(render),
        memory,
        build,
    }
}

/// `ctgc bilan --annee 2024` of the synthetic conventions of 1 000 and 10 000 fiches with their
/// bilans, once each (typst takes minutes at 10 000): wall time, typst's composition, ctgc's own
/// phases, and how ctgc's own work grows.
fn bilans(work: &Path) {
    let mut own = Vec::new();
    for n in [1000, 10_000] {
        let dir = work.join(format!("bilans-{n}"));
        ctgc::synthetic::write_with_bilans(&dir, n).expect("convention synthétique et bilans");
        let start = Instant::now();
        let Some(t) = timings(
            "bilan",
            &["--annee", "2024"],
            &dir,
            &work.join(format!("sortie-bilan-{n}")),
        ) else {
            continue;
        };
        let wall = ms(start.elapsed());
        let (total, typ) = (phase(&t, "total"), phase(&t, "typst)"));
        println!(
            "- bilan 2024 de {n} fiches (`ctgc bilan --annee 2024`, une mesure) : {wall:.0} ms au chronomètre, \
             {total:.0} ms selon --timings, dont typst {typ:.0} ms ; travail propre de ctgc {:.0} ms = {:.1} %",
            total - typ,
            100.0 * (total - typ) / total
        );
        for (name, v) in &t {
            println!("    - {name} : {v:.1} ms");
        }
        own.push(total - typ);
    }
    if let [a, b] = own[..] {
        println!(
            "- croissance du travail propre de ctgc pour le bilan, de 1 000 à 10 000 fiches : × {:.2}",
            b / a
        );
    }
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let work: PathBuf = std::env::temp_dir().join(format!("ctgc-bench-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("dossier de travail");
    let typst = typst_available();
    // `cargo bench --bench scale -- --bilan`: the bilans' measure alone (minutes, not an hour).
    if std::env::args().any(|a| a == "--bilan") {
        if typst {
            bilans(&work);
        } else {
            eprintln!("typst est introuvable : pas de mesure du bilan");
        }
        let _ = std::fs::remove_dir_all(&work);
        return;
    }
    let sizes: &[usize] = if full {
        &[10, 100, 1000, 10_000]
    } else {
        &[10]
    };
    let mut rows = Vec::new();
    for &n in sizes {
        let runs = if n >= 10_000 { 5 } else { 11 };
        rows.push(measure(
            &work,
            n,
            if full { runs } else { 1 },
            full && typst && n <= 1000,
        ));
    }

    println!(
        "| fiches | sources | parse | check | diff (un montant changé) | render (vue + Typst + HTML) | mémoire max. de `ctgc check` | build : ctgc | build : typst | typst par fiche |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        let memory = r.memory.map_or("–".into(), |m| {
            format!(
                "{:.1} Mio ({:.1} × les sources)",
                m as f64 / 1048576.0,
                m as f64 / r.bytes as f64
            )
        });
        let (own, typ, per) = match &r.build {
            Some(t) => {
                let typ = phase(t, "typst)");
                let total = phase(t, "total");
                (
                    format!("{:.1} ms", total - typ),
                    format!("{typ:.0} ms"),
                    format!("{:.2} ms", typ / r.fiches as f64),
                )
            }
            None => ("–".into(), "–".into(), "–".into()),
        };
        println!(
            "| {} | {:.1} Kio | {:.1} ms | {:.1} ms | {:.1} ms (× {:.2}) | {:.1} ms | {memory} | {own} | {typ} | {per} |",
            r.fiches,
            r.bytes as f64 / 1024.0,
            r.parse,
            r.check,
            r.diff,
            r.diff / r.check,
            r.render
        );
    }
    if !full {
        let _ = std::fs::remove_dir_all(&work);
        return;
    }

    println!();
    let by = |n: usize| rows.iter().find(|r| r.fiches == n);
    if let (Some(a), Some(b)) = (by(1000), by(10_000)) {
        println!(
            "- check de 10 000 fiches : {:.0} ms (cible < 1 000 ms)",
            b.check
        );
        println!(
            "- croissance du check de 1 000 à 10 000 fiches : × {:.2} (cible ≤ × 11)",
            b.check / a.check
        );
        println!(
            "- diff de 10 000 fiches (un montant changé) : {:.0} ms = × {:.2} le check (cible ≤ × 2)",
            b.diff,
            b.diff / b.check
        );
        println!(
            "- croissance du diff de 1 000 à 10 000 fiches : × {:.2}",
            b.diff / a.diff
        );
        println!(
            "- croissance du parse de 1 000 à 10 000 fiches : × {:.2}",
            b.parse / a.parse
        );
        println!(
            "- croissance du rendu de 1 000 à 10 000 fiches : × {:.2}",
            b.render / a.render
        );
    }
    for r in &rows {
        if let Some(m) = r.memory {
            println!(
                "- mémoire max. à {} fiches : {:.1} × la taille des sources (cible < 20 ×)",
                r.fiches,
                m as f64 / r.bytes as f64
            );
        }
    }
    if let (Some(Some(a)), Some(Some(b))) = (by(100).map(|r| &r.build), by(1000).map(|r| &r.build))
    {
        let (ta, tb) = (phase(a, "typst)") / 100.0, phase(b, "typst)") / 1000.0);
        println!(
            "- typst par fiche : {ta:.2} ms à 100 fiches, {tb:.2} ms à 1 000 fiches (× {:.2})",
            tb / ta
        );
    }
    if typst {
        bilans(&work);
        let carlades = Path::new(env!("CARGO_MANIFEST_DIR")).join("conventions/carlades");
        let mut builds: Vec<Vec<(String, f64)>> = (0..5)
            .filter_map(|i| build_timings(&carlades, &work.join(format!("carlades-{i}"))))
            .collect();
        builds.sort_by(|a, b| phase(a, "total").total_cmp(&phase(b, "total")));
        if let Some(t) = builds.get(builds.len() / 2) {
            let total = phase(t, "total");
            let typ = phase(t, "typst)");
            let search = phase(t, "recherche de typst");
            println!(
                "- Carladès, `ctgc build` : {total:.0} ms dont typst {typ:.0} ms ; travail propre de ctgc {:.1} ms = {:.1} % (cible ≤ 5 %) ; \
                 dont recherche de typst (`typst --version`) {search:.1} ms",
                total - typ,
                100.0 * (total - typ) / total
            );
            for (name, v) in t {
                println!("    - {name} : {v:.1} ms");
            }
        }
    }
    let _ = std::fs::remove_dir_all(&work);
}
