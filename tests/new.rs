//! `ctgc new` (a project that checks with only « à compléter » warnings, and a workflow whose steps
//! run here as plain shell commands), `ctgc watch`, `ctgc completions`, and `--help` everywhere.

mod vcs;
use vcs::git;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_yaml::Value;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ctgc-test-new-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn ctgc(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn a_new_project_checks_with_only_placeholder_warnings() {
    let dir = temp("check");
    let o = ctgc(Path::new("."), &["new", &dir.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("Projet de convention créé"),
        "{}",
        text(&o.stderr)
    );
    for file in [
        "ctgc.yaml",
        "convention.ctg",
        "fiches/01-accueil.ctg",
        ".gitignore",
        ".github/workflows/convention.yml",
    ] {
        assert!(dir.join(file).is_file(), "{file} missing");
    }
    assert!(
        std::fs::read_to_string(dir.join(".gitignore"))
            .expect("read")
            .lines()
            .any(|l| l == "build/")
    );

    let o = ctgc(&dir, &["check", ".", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let diags: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let codes: Vec<&str> = diags
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(!codes.is_empty());
    assert!(
        codes.iter().all(|c| *c == "ctg::brouillon::a-completer"),
        "{codes:?}"
    );
    // Placeholders are what --final refuses, and the scaffold is in canonical form.
    assert_eq!(
        ctgc(&dir, &["check", ".", "--final"]).status.code(),
        Some(1)
    );
    let o = ctgc(&dir, &["fmt", "--check", "."]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );

    // A second `new` in the same place replaces nothing.
    let before = std::fs::read_to_string(dir.join("convention.ctg")).expect("read");
    let o = ctgc(Path::new("."), &["new", &dir.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("n'est pas vide"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("convention.ctg")).expect("read"),
        before
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// `${{ … }}` expressions of the workflow, as GitHub would give them for pull request #7 on main.
fn expressions() -> BTreeMap<&'static str, &'static str> {
    BTreeMap::from([
        ("github.base_ref", "main"),
        ("github.token", "jeton-factice"),
        ("github.event.pull_request.number", "7"),
        ("runner.os", "Linux"),
        ("env.CONVENTION", "."),
        ("env.TYPST_VERSION", "0.15.1"),
    ])
}

fn substitute(s: &str) -> String {
    let mut out = s.to_string();
    while let Some(start) = out.find("${{") {
        let end = out[start..]
            .find("}}")
            .map(|e| start + e + 2)
            .expect("closed expression");
        let expr = out[start + 3..end - 2].trim().to_string();
        let value = expressions()
            .get(expr.as_str())
            .copied()
            .unwrap_or_else(|| panic!("unknown expression {expr}"));
        out.replace_range(start..end, value);
    }
    out
}

fn env_map(v: Option<&Value>) -> Vec<(String, String)> {
    v.and_then(Value::as_mapping)
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    let value = match v {
                        Value::String(s) => s.clone(),
                        Value::Number(n) => n.to_string(),
                        other => panic!("env value {other:?}"),
                    };
                    (k.as_str().expect("key").to_string(), substitute(&value))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn typst_available(path: &str) -> bool {
    Command::new("typst")
        .arg("--version")
        .env("PATH", path)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn the_generated_workflow_is_yaml_and_its_steps_run_locally() {
    let repo = temp("workflow");
    let o = ctgc(Path::new("."), &["new", &repo.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let yaml =
        std::fs::read_to_string(repo.join(".github/workflows/convention.yml")).expect("workflow");
    let wf: Value = serde_yaml::from_str(&yaml).expect("the workflow is valid YAML");
    let on = wf.get("on").expect("« on » is a key");
    assert!(on.get("pull_request").is_some() && on.get("push").is_some());
    assert_eq!(wf["permissions"]["pull-requests"].as_str(), Some("write"));
    let job = &wf["jobs"]["convention"];
    let steps = job["steps"].as_sequence().expect("steps");
    let uses: Vec<&str> = steps
        .iter()
        .filter_map(|s| s.get("uses").and_then(Value::as_str))
        .collect();
    assert!(
        uses.contains(&"actions/checkout@v4") && uses.contains(&"actions/upload-artifact@v4"),
        "{uses:?}"
    );

    // The repository a pull request would be checked out in: main, then a branch with one change.
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "Convention initiale"]);
    git(&repo, &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    git(&repo, &["checkout", "-q", "-b", "referente"]);
    let fiche = repo.join("fiches/01-accueil.ctg");
    let content = std::fs::read_to_string(&fiche).expect("read");
    std::fs::write(
        &fiche,
        content.replacen(
            "référent à compléter",
            "référent \"Coordinatrice petite enfance\"",
            1,
        ),
    )
    .expect("write");
    git(
        &repo,
        &["commit", "-q", "-am", "Référente de la fiche accueil"],
    );

    // Tools: ctgc itself, and a `gh` that records what it is asked (and has no comment to edit yet).
    let bin = temp("workflow-bin");
    std::fs::create_dir_all(&bin).expect("mkdir");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_ctgc"), bin.join("ctgc")).expect("symlink");
    let gh_log = bin.join("gh.log");
    std::fs::write(
        bin.join("gh"),
        "#!/bin/sh\nprintf 'gh %s\\n' \"$*\" >> \"$GH_LOG\"\ncase \"$*\" in *--edit-last*) echo 'no comments found' >&2; exit 1;; esac\n\
         while [ $# -gt 0 ]; do [ \"$1\" = --body-file ] && cat \"$2\" >> \"$GH_LOG\"; shift; done\n",
    )
    .expect("write gh");
    Command::new("chmod")
        .args(["+x", &bin.join("gh").to_string_lossy()])
        .status()
        .expect("chmod");
    let runner = temp("workflow-runner");
    std::fs::create_dir_all(&runner).expect("mkdir");
    let (summary, github_path) = (runner.join("summary.md"), runner.join("path"));
    let home = std::env::var("HOME").unwrap_or_default();
    let path = format!(
        "{}:{home}/.cargo/bin:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let with_typst = typst_available(&path);

    let mut env = env_map(wf.get("env"));
    env.extend(env_map(job.get("env")));
    let mut ran = Vec::new();
    for step in steps {
        let Some(script) = step.get("run").and_then(Value::as_str) else {
            continue;
        };
        let name = step.get("name").and_then(Value::as_str).unwrap_or("?");
        if let Some(cond) = step.get("if").and_then(Value::as_str) {
            assert_eq!(
                cond, "github.event_name == 'pull_request'",
                "{name}: condition not simulated"
            );
        }
        if !with_typst && (script.contains("cargo install") || script.contains("ctgc build")) {
            eprintln!("typst absent : étape « {name} » non exécutée");
            continue;
        }
        let mut cmd = Command::new("bash");
        cmd.args([
            "--noprofile",
            "--norc",
            "-eo",
            "pipefail",
            "-c",
            &substitute(script),
        ])
        .current_dir(&repo)
        .env("PATH", &path)
        .env("NO_COLOR", "1")
        .env("GITHUB_PATH", &github_path)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_REPOSITORY", "exemple/convention")
        .env("GITHUB_EVENT_NAME", "pull_request")
        .env("RUNNER_TEMP", &runner)
        .env("GH_LOG", &gh_log);
        cmd.envs(env.iter().cloned());
        cmd.envs(env_map(step.get("env")));
        let o = cmd.output().expect("bash runs");
        assert!(
            o.status.success(),
            "step « {name} » failed:\n{}\n{}",
            text(&o.stdout),
            text(&o.stderr)
        );
        ran.push((name.to_string(), text(&o.stdout)));
    }
    let names: Vec<&str> = ran.iter().map(|(n, _)| n.as_str()).collect();
    for expected in [
        "Vérifier la convention",
        "Vérifier la mise en forme",
        "Comparer avec la branche de base",
        "Commenter la pull request",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} did not run: {names:?}"
        );
    }
    let check = &ran
        .iter()
        .find(|(n, _)| n == "Vérifier la convention")
        .expect("check step")
        .1;
    assert!(
        check.lines().all(|l| l.starts_with("::warning ")),
        "annotations only: {check}"
    );
    assert!(
        check.contains("title=ctg%3A%3Abrouillon%3A%3Aa-completer"),
        "{check}"
    );
    assert!(
        check.starts_with("::warning file=convention.ctg,line="),
        "paths as GitHub matches them: {check}"
    );

    let comment = std::fs::read_to_string(&gh_log).expect("gh was called");
    assert!(
        comment.contains("gh pr comment 7 --repo exemple/convention --body-file"),
        "{comment}"
    );
    assert!(
        comment.contains("--edit-last") && comment.matches("gh pr comment").count() == 2,
        "{comment}"
    );
    assert!(
        comment.contains("## Changements de la convention"),
        "{comment}"
    );
    assert!(
        comment.contains("| référent | à compléter | « Coordinatrice petite enfance » |"),
        "{comment}"
    );
    let summary = std::fs::read_to_string(&summary).expect("job summary");
    assert!(summary.contains("Avant : `origin/main`"), "{summary}");
    if with_typst {
        let outputs: Vec<String> = std::fs::read_dir(repo.join("build"))
            .expect("build/ written")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            outputs.iter().any(|f| f.ends_with(".pdf"))
                && outputs.iter().any(|f| f.ends_with(".html")),
            "{outputs:?}"
        );
        assert!(
            text(
                &Command::new("git")
                    .args(["status", "--porcelain"])
                    .current_dir(&repo)
                    .output()
                    .expect("git")
                    .stdout
            )
            .trim()
            .is_empty(),
            "build/ must be ignored by git"
        );
    }
    for dir in [&repo, &bin, &runner] {
        std::fs::remove_dir_all(dir).ok();
    }
}

/// Kills the watcher even when an assertion fails.
struct Watching(Child);

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn wait_for(lines: &mpsc::Receiver<String>, what: &str, seen: &mut Vec<String>) {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        match lines.recv_timeout(left) {
            Ok(l) => {
                let found = l.contains(what);
                seen.push(l);
                if found {
                    return;
                }
            }
            Err(_) => break,
        }
    }
    panic!("« {what} » never came:\n{}", seen.join("\n"));
}

#[test]
fn watch_rebuilds_on_save_and_keeps_the_last_good_output() {
    let dir = temp("watch");
    assert_eq!(
        ctgc(Path::new("."), &["new", &dir.to_string_lossy()])
            .status
            .code(),
        Some(0)
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(["watch", ".", "--format", "html"])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("watch starts");
    let stderr = child.stderr.take().expect("stderr");
    let _guard = Watching(child);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut seen = Vec::new();
    wait_for(&rx, "documents reconstruits en", &mut seen);
    wait_for(&rx, "surveillance de", &mut seen);
    let html = std::fs::read_dir(dir.join("build"))
        .expect("build/")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "html"))
        .expect("an HTML page");
    let good = std::fs::read(&html).expect("read");

    // A broken save: the error is printed, the page stays as it was.
    let conv = dir.join("convention.ctg");
    let original = std::fs::read_to_string(&conv).expect("read");
    std::fs::write(&conv, original.replace("exemplaires 2", "exemplaires deux")).expect("write");
    wait_for(
        &rx,
        "documents non reconstruits, les derniers documents corrects restent en place",
        &mut seen,
    );
    assert!(
        seen.iter()
            .any(|l| l.contains("« exemplaires » attend un nombre")),
        "{}",
        seen.join("\n")
    );
    assert_eq!(std::fs::read(&html).expect("read"), good);

    // Fixed: rebuilt, with the new content.
    std::fs::write(
        &conv,
        original.replace(
            "Convention territoriale globale du territoire",
            "Convention territoriale globale de Brasles",
        ),
    )
    .expect("write");
    wait_for(&rx, "documents reconstruits en", &mut seen);
    assert!(text(&std::fs::read(&html).expect("read")).contains("Brasles"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn completions_for_three_shells() {
    for (shell, marker) in [
        ("bash", "_ctgc()"),
        ("zsh", "#compdef ctgc"),
        ("fish", "complete -c ctgc"),
    ] {
        let o = ctgc(Path::new("."), &["completions", shell]);
        assert_eq!(o.status.code(), Some(0));
        let script = text(&o.stdout);
        assert!(
            script.contains(marker),
            "{shell}: {}",
            &script[..script.len().min(200)]
        );
        for sub in ["check", "fmt", "diff", "new", "watch"] {
            assert!(script.contains(sub), "{shell} lacks {sub}");
        }
    }
    let o = ctgc(Path::new("."), &["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("valeurs possibles : bash, zsh, fish"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn every_command_has_examples_in_its_help() {
    use clap::CommandFactory;
    let cli = ctgc::cli::Cli::command();
    let names: Vec<String> = cli
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in ["fmt", "diff", "new", "watch", "completions"] {
        assert!(names.iter().any(|n| n == name), "{name} is a command");
    }
    for name in &names {
        let o = ctgc(Path::new("."), &[name, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{name}");
        let help = text(&o.stdout);
        assert!(
            help.contains("Exemple"),
            "{name} --help has no example:\n{help}"
        );
        assert!(help.contains("Utilisation : ctgc"), "{name}: {help}");
    }
}
