//! A local web server for the tests (nothing leaves the machine): each path answers a canned
//! response that a test can change while it runs, and every request is kept (path and headers), so
//! a test can tell whether and how ClaimDesk asked.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// One canned answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn html(body: &str) -> Reply {
        Reply::typed(200, "text/html; charset=utf-8", body.as_bytes().to_vec())
    }

    pub fn typed(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body,
        }
    }

    pub fn redirect(to: &str) -> Reply {
        Reply {
            status: 302,
            headers: vec![("Location".into(), to.into())],
            body: Vec::new(),
        }
    }
}

/// One request as received: its path and headers (names lower case).
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub headers: HashMap<String, String>,
}

#[derive(Default)]
struct Shared {
    replies: HashMap<String, Reply>,
    requests: Vec<Request>,
}

pub struct WebServer {
    pub port: u16,
    shared: Arc<Mutex<Shared>>,
}

impl WebServer {
    /// Starts the server on a free port of 127.0.0.1; it runs until the test process ends.
    pub fn start() -> WebServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let serving = shared.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let shared = serving.clone();
                std::thread::spawn(move || {
                    let _ = answer(stream, &shared);
                });
            }
        });
        WebServer { port, shared }
    }

    /// `http://127.0.0.1:PORT/path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Sets (or changes) what `path` answers.
    pub fn serve(&self, path: &str, reply: Reply) {
        self.shared
            .lock()
            .unwrap()
            .replies
            .insert(path.to_owned(), reply);
    }

    /// The requests received so far, oldest first.
    pub fn requests(&self) -> Vec<Request> {
        self.shared.lock().unwrap().requests.clone()
    }

    pub fn hits(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path == path).count()
    }
}

fn answer(stream: std::net::TcpStream, shared: &Mutex<Shared>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut headers = HashMap::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
        }
    }
    if let Some(len) = headers
        .get("content-length")
        .and_then(|l| l.parse::<u64>().ok())
    {
        std::io::copy(&mut reader.by_ref().take(len), &mut std::io::sink())?;
    }
    let reply = {
        let mut shared = shared.lock().unwrap();
        shared.requests.push(Request {
            path: path.clone(),
            headers,
        });
        shared
            .replies
            .get(&path)
            .cloned()
            .unwrap_or_else(|| Reply::typed(404, "text/plain", b"not found".to_vec()))
    };
    let mut out = stream;
    write!(out, "HTTP/1.1 {} X\r\n", reply.status)?;
    for (name, value) in &reply.headers {
        write!(out, "{name}: {value}\r\n")?;
    }
    write!(
        out,
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        reply.body.len()
    )?;
    out.write_all(&reply.body)?;
    out.flush()
}
