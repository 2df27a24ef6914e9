//! `cargo bench --bench watch`: how soon `ctgc watch` replaces the documents after a save, as a
//! user sees it — the file written, then the output file replaced (a new inode: outputs are
//! renamed into place) — on Carladès, a one-fiche title edit, median of 10. Also the CPU time
//! (user + sys) the whole watch spends on the 10 edits: ctgc, its finished children (the
//! `typst compile` of older versions) and its running `typst watch`. docs/robustness.md
//! records a run.
//!
//! `CTGC_BIN=/path/to/ctgc` measures another build of ctgc (an older version, to compare).
//! Without `--bench` (as `cargo test --all-targets` runs it), two edits check the harness.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const EDITS: usize = 10;
/// The fiche whose title changes, and the word toggled in it.
const FICHE: &str = "fiches/02-rpe.ctg";
const WORD: (&str, &str) = ("Développer le relais", "Renforcer le relais");
/// Quiet time after each edit, so that edits are measured one at a time.
const SETTLE: Duration = Duration::from_millis(400);

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from)
        .expect("read dir")
        .map(Result::unwrap)
    {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// A file's identity: a rename over it gives a new one.
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, i64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.ino(), m.mtime_nsec()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<(u64, i64)> {
    let m = std::fs::metadata(path).ok()?;
    let t = m
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((m.len(), t.as_nanos() as i64))
}

/// CPU seconds of PID and its children, finished (waited for) or running (Linux: /proc).
fn cpu(pid: u32) -> Option<f64> {
    let ticks: f64 = Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0);
    // Fields after the command name: utime is the 14th field of the line, cstime the 17th.
    let fields = |pid: u32| -> Option<Vec<f64>> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let rest = &stat[stat.rfind(')')? + 2..];
        Some(
            rest.split_whitespace()
                .skip(11)
                .take(4)
                .filter_map(|f| f.parse().ok())
                .collect(),
        )
    };
    let own: f64 = fields(pid)?.iter().sum();
    let children: f64 = std::fs::read_dir(format!("/proc/{pid}/task"))
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|t| std::fs::read_to_string(t.path().join("children")).ok())
        .flat_map(|c| {
            c.split_whitespace()
                .filter_map(|p| p.parse::<u32>().ok())
                .collect::<Vec<_>>()
        })
        .filter_map(|child| fields(child).map(|f| f.iter().sum::<f64>()))
        .sum();
    Some((own + children) / ticks)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// Waits until PATH is replaced (its identity differs from BEFORE); when.
fn replaced(path: &Path, before: Option<(u64, i64)>, deadline: Instant) -> Option<Instant> {
    while Instant::now() < deadline {
        if identity(path) != before {
            return Some(Instant::now());
        }
        std::thread::sleep(Duration::from_micros(500));
    }
    None
}

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let typst = Command::new("typst")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !typst {
        eprintln!("typst est absent : banc d'essai de ctgc watch non mesuré");
        return;
    }
    let ctgc = std::env::var("CTGC_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_ctgc").into());
    let work: PathBuf =
        std::env::temp_dir().join(format!("ctgc-bench-watch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let project = work.join("carlades");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("conventions/carlades"),
        &project,
    );
    let _ = std::fs::remove_dir_all(project.join("build"));
    let out = work.join("sortie");
    let mut child = Command::new(&ctgc)
        .arg("watch")
        .arg(&project)
        .arg("-o")
        .arg(&out)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ctgc watch starts");
    let stderr = child.stderr.take().expect("stderr");
    let pid = child.id();
    let _watch = Killed(child);
    // Drain stderr on a thread; the first "surveillance" line means the first build is done
    // (older versions) or the page is (this one): wait for the PDF too.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let (html, pdf) = (out.join("carlades.html"), out.join("carlades.pdf"));
    let start = Instant::now();
    while !(identity(&html).is_some() && identity(&pdf).is_some()) {
        assert!(start.elapsed() < Duration::from_secs(120), "no first build");
        std::thread::sleep(Duration::from_millis(50));
    }
    while rx.recv_timeout(SETTLE * 3).is_ok() {}

    let edits = if full { EDITS } else { 2 };
    let fiche = project.join(FICHE);
    let cpu_before = cpu(pid);
    let (mut to_html, mut to_pdf) = (Vec::new(), Vec::new());
    for i in 0..edits {
        let text = std::fs::read_to_string(&fiche).expect("fiche");
        let (from, to) = if i % 2 == 0 { WORD } else { (WORD.1, WORD.0) };
        assert!(text.contains(from), "{FICHE} lacks {from}");
        let edited = text.replacen(from, to, 1);
        let (html_before, pdf_before) = (identity(&html), identity(&pdf));
        let saved = Instant::now();
        std::fs::write(&fiche, edited).expect("save");
        let deadline = saved + Duration::from_secs(30);
        let (h, p) = (
            replaced(&html, html_before, deadline).expect("the page is replaced"),
            replaced(&pdf, pdf_before, deadline).expect("the PDF is replaced"),
        );
        to_html.push(h - saved);
        to_pdf.push(p.max(h) - saved);
        std::thread::sleep(SETTLE);
        while rx.try_recv().is_ok() {}
    }
    let cpu_after = cpu(pid);
    println!("ctgc watch, Carladès, {edits} modifications d'un titre de fiche ({ctgc})");
    println!("| enregistrement → | médiane | min. | max. |");
    println!("|---|---:|---:|---:|");
    for (what, v) in [("page HTML remplacée", to_html), ("PDF remplacé", to_pdf)] {
        let (min, max) = (*v.iter().min().unwrap(), *v.iter().max().unwrap());
        println!("| {what} | {} | {} | {} |", ms(median(v)), ms(min), ms(max));
    }
    if let (Some(a), Some(b)) = (cpu_before, cpu_after) {
        println!(
            "temps CPU (user + sys) de ctgc watch et de typst pour les {edits} modifications : {:.2} s",
            b - a
        );
    }
    drop(_watch);
    let _ = std::fs::remove_dir_all(&work);
}
