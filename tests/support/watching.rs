//! A `ctgc watch` process for a test: its standard error read line by line, killed when
//! dropped (even when an assertion fails).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub struct Watching {
    pub child: Child,
    lines: mpsc::Receiver<String>,
    /// Every line read so far.
    pub seen: Vec<String>,
}

impl Watching {
    /// Starts `ctgc ARGS` in DIR, with ENV set.
    pub fn start(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ctgc"))
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("watch starts");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        Watching {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Reads lines until one contains WHAT (within a minute); returns it.
    pub fn wait_for(&mut self, what: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(l) => {
                    self.seen.push(l.clone());
                    if l.contains(what) {
                        return l;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("« {what} » never came:\n{}", self.seen.join("\n"));
    }
}

impl Watching {
    /// Asks ctgc to stop as Ctrl+C or a service manager would (SIGTERM; on other systems, a
    /// kill), and waits for it (at most 20 s, then kills it). Whether it ended by itself.
    pub fn terminate(&mut self) -> Option<std::process::ExitStatus> {
        #[cfg(unix)]
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        None
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        // Terminated, not killed: ctgc then stops its typst process too.
        if let Ok(None) = self.child.try_wait() {
            self.terminate();
        }
    }
}
