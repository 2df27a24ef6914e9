//! The live preview of `ctgc watch --ouvrir`: a small HTTP server on 127.0.0.1 only.
//!
//! It answers three paths and nothing else: `/`, the output folder's HTML page with the live
//! banner added; `/<name>.pdf`, the PDF beside it; `/.ctgc/evenements`, a stream of
//! Server-Sent Events that tells the page to reload and whether it is stale or has errors. No
//! path of a request ever names a file: the two files served are those the build wrote. A
//! request whose `Host` is not this server (a DNS-rebinding page) is refused. One thread per
//! connection, at most [`MAX_CONNECTIONS`].

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::live::{self, Live};

/// The port tried first (then the next ones), so that the address stays the same between runs.
pub(crate) const DEFAULT_PORT: u16 = 3630;
const PORTS_TRIED: u16 = 20;
const MAX_CONNECTIONS: usize = 32;
/// A comment sent on an idle event stream, to notice a closed tab.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
const MAX_REQUEST_BYTES: u64 = 16 * 1024;
pub(crate) const EVENTS_PATH: &str = "/.ctgc/evenements";

/// Binds 127.0.0.1:PORT (or, without a port, the first free one from [`DEFAULT_PORT`]) and
/// serves LIVE on threads. Returns the address.
pub(crate) fn start(live: Arc<Live>, port: Option<u16>) -> Result<SocketAddr, String> {
    let listener = match port {
        Some(p) => TcpListener::bind((Ipv4Addr::LOCALHOST, p)).map_err(|e| {
            format!(
                "impossible d'ouvrir le port {p} sur 127.0.0.1\u{202f}: {}",
                crate::io_message(&e)
            )
        })?,
        None => (DEFAULT_PORT..DEFAULT_PORT + PORTS_TRIED)
            .find_map(|p| TcpListener::bind((Ipv4Addr::LOCALHOST, p)).ok())
            .map_or_else(|| TcpListener::bind((Ipv4Addr::LOCALHOST, 0)), Ok)
            .map_err(|e| {
                format!(
                    "impossible d'ouvrir un port sur 127.0.0.1\u{202f}: {}",
                    crate::io_message(&e)
                )
            })?,
    };
    let addr = listener
        .local_addr()
        .map_err(|e| format!("adresse du serveur inconnue\u{202f}: {e}"))?;
    let open = Arc::new(AtomicUsize::new(0));
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                open.fetch_sub(1, Ordering::SeqCst);
                continue;
            }
            let (live, open) = (Arc::clone(&live), Arc::clone(&open));
            std::thread::spawn(move || {
                let _ = serve(stream, &live, addr);
                open.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    Ok(addr)
}

/// A request's method, path and `Host`.
#[derive(Debug, PartialEq, Eq)]
struct Request {
    method: String,
    path: String,
    host: Option<String>,
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.take(MAX_REQUEST_BYTES));
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_string(), parts.next()?);
    let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
    let mut host = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("host")
        {
            host = Some(value.trim().to_string());
        }
    }
    Some(Request { method, path, host })
}

/// Whether HOST names this server (and not a DNS name that happens to lead to it).
fn is_local(host: Option<&str>, addr: SocketAddr) -> bool {
    let port = addr.port();
    host.is_some_and(|h| h == format!("127.0.0.1:{port}") || h == format!("localhost:{port}"))
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

fn serve(mut stream: TcpStream, live: &Live, addr: SocketAddr) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let Some(request) = read_request(&stream) else {
        return Ok(());
    };
    let text = "text/plain; charset=utf-8";
    if !is_local(request.host.as_deref(), addr) {
        return respond(
            &mut stream,
            "403 Forbidden",
            text,
            "Hôte refusé.\n".as_bytes(),
            false,
        );
    }
    let head = request.method == "HEAD";
    if request.method != "GET" && !head {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            text,
            "Méthode refusée.\n".as_bytes(),
            false,
        );
    }
    let state = live.get();
    let pdf_path = state
        .pdf
        .as_ref()
        .and_then(|p| p.file_name())
        .map(|n| format!("/{}", n.to_string_lossy()));
    match request.path.as_str() {
        "/" | "/index.html" => {
            // The version first: a page newer than its version reloads once more, never the reverse.
            let page = state.html.as_ref().and_then(|p| std::fs::read(p).ok());
            let body = live::served_page(page.as_deref(), state.page);
            respond(
                &mut stream,
                "200 OK",
                "text/html; charset=utf-8",
                &body,
                head,
            )
        }
        EVENTS_PATH if !head => events(stream, live),
        p if Some(p) == pdf_path.as_deref() => match state.pdf.as_ref().map(std::fs::read) {
            Some(Ok(bytes)) => respond(&mut stream, "200 OK", "application/pdf", &bytes, head),
            _ => respond(
                &mut stream,
                "404 Not Found",
                text,
                "Pas encore de PDF.\n".as_bytes(),
                head,
            ),
        },
        _ => respond(
            &mut stream,
            "404 Not Found",
            text,
            "Introuvable.\n".as_bytes(),
            head,
        ),
    }
}

/// The event stream: the state at once, then at every change, until the page goes away.
fn events(mut stream: TcpStream, live: &Live) -> std::io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
          Connection: keep-alive\r\n\r\n",
    )?;
    let mut state = live.get();
    let mut seen = None;
    loop {
        if seen == Some(state.version) {
            stream.write_all(b": attente\n\n")?;
        } else {
            let json = serde_json::to_string(&state.message()).unwrap_or_default();
            write!(stream, "data: {json}\n\n")?;
            seen = Some(state.version);
        }
        stream.flush()?;
        state = live.wait_past(state.version, KEEP_ALIVE);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(addr: SocketAddr, path: &str, host: &str) -> String {
        let mut s = TcpStream::connect(addr).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn serves_the_page_and_nothing_else() {
        let dir = std::env::temp_dir().join(format!("ctgc-serveur-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("c.html"), "<body><h1>Convention</h1></body>").unwrap();
        std::fs::write(dir.join("secret.txt"), "secret").unwrap();
        let live = Arc::new(Live::new());
        live.update(|s| {
            s.html = Some(dir.join("c.html"));
            s.pdf = Some(dir.join("c.pdf"));
            s.page = 3;
        });
        let addr = start(Arc::clone(&live), Some(0)).unwrap();
        assert!(addr.ip().is_loopback());
        let host = format!("127.0.0.1:{}", addr.port());
        let page = get(addr, "/", &host);
        assert!(page.starts_with("HTTP/1.1 200 OK"), "{page}");
        assert!(page.contains("<h1>Convention</h1>"), "{page}");
        assert!(page.contains("data-page=\"3\""), "{page}");
        for path in [
            "/secret.txt",
            "/../secret.txt",
            "/c.html/../secret.txt",
            "/%2e%2e/secret.txt",
        ] {
            let answer = get(addr, path, &host);
            assert!(answer.starts_with("HTTP/1.1 404"), "{path}: {answer}");
            assert!(
                !answer.contains("secret\n") && !answer.ends_with("secret"),
                "{answer}"
            );
        }
        // No PDF written yet.
        assert!(get(addr, "/c.pdf", &host).starts_with("HTTP/1.1 404"));
        std::fs::write(dir.join("c.pdf"), "%PDF-1.7").unwrap();
        let pdf = get(addr, "/c.pdf", &host);
        assert!(
            pdf.contains("application/pdf") && pdf.ends_with("%PDF-1.7"),
            "{pdf}"
        );
        let rebinding = get(addr, "/", &format!("evil.example:{}", addr.port()));
        assert!(rebinding.starts_with("HTTP/1.1 403"), "{rebinding}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn the_event_stream_says_the_state_then_each_change() {
        let live = Arc::new(Live::new());
        let addr = start(Arc::clone(&live), Some(0)).unwrap();
        let mut s = TcpStream::connect(addr).unwrap();
        write!(
            s,
            "GET {EVENTS_PATH} HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
            addr.port()
        )
        .unwrap();
        let mut reader = BufReader::new(s);
        let mut data = || loop {
            let mut line = String::new();
            assert!(reader.read_line(&mut line).unwrap() > 0, "stream closed");
            if let Some(json) = line.strip_prefix("data: ") {
                return serde_json::from_str::<serde_json::Value>(json).unwrap();
            }
        };
        assert_eq!(data()["etat"], "pdf-en-cours");
        live.update(|s| s.status = live::Status::Current);
        let now = data();
        assert_eq!(
            (now["etat"].as_str(), now["page"].as_u64()),
            (Some("a-jour"), Some(0))
        );
        live.update(|s| s.page = 1);
        assert_eq!(data()["page"], 1);
    }
}
