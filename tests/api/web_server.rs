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
    /// Wait this long before answering (a receiver that hangs).
    pub delay: Option<std::time::Duration>,
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
            delay: None,
        }
    }

    /// Answers 200 only after `delay`: the request hangs until then.
    pub fn hanging(delay: std::time::Duration) -> Reply {
        Reply {
            delay: Some(delay),
            ..Reply::typed(200, "text/plain", b"late".to_vec())
        }
    }

    pub fn redirect(to: &str) -> Reply {
        Reply {
            status: 302,
            headers: vec![("Location".into(), to.into())],
            body: Vec::new(),
            delay: None,
        }
    }
}

/// One request as received: its method, path, headers (names lower case) and body.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
}

#[derive(Default)]
struct Shared {
    /// Each path's answers: the first is given and dropped while others follow; the last stays.
    replies: HashMap<String, Vec<Reply>>,
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
        self.serve_in_turn(path, vec![reply]);
    }

    /// `path` answers these in turn, then the last one for good.
    pub fn serve_in_turn(&self, path: &str, replies: Vec<Reply>) {
        self.shared
            .lock()
            .unwrap()
            .replies
            .insert(path.to_owned(), replies);
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
    let method = line.split_whitespace().next().unwrap_or("GET").to_owned();
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
    let mut body = Vec::new();
    if let Some(len) = headers
        .get("content-length")
        .and_then(|l| l.parse::<u64>().ok())
    {
        reader.by_ref().take(len).read_to_end(&mut body)?;
    }
    let asked = headers.get("if-none-match").cloned();
    let reply = {
        let mut shared = shared.lock().unwrap();
        shared.requests.push(Request {
            method,
            path: path.clone(),
            headers,
            body,
        });
        match shared.replies.get_mut(&path) {
            Some(replies) if replies.len() > 1 => replies.remove(0),
            Some(replies) if !replies.is_empty() => replies[0].clone(),
            _ => Reply::typed(404, "text/plain", b"not found".to_vec()),
        }
    };
    // A reply with an ETag answers 304 to a request that names it, as servers do.
    let etag = reply
        .headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("etag"))
        .map(|(_, value)| value.clone());
    let reply = match (etag, asked) {
        (Some(etag), Some(asked)) if etag == asked => Reply {
            status: 304,
            body: Vec::new(),
            ..reply
        },
        _ => reply,
    };
    if let Some(delay) = reply.delay {
        std::thread::sleep(delay);
    }
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
