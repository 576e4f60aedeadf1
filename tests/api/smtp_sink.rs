//! A local SMTP server for the tests: it accepts every message (no TLS, no authentication) and
//! keeps what it received, so a test can read the e-mail ClaimDesk sent.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One message as received: its envelope and its raw data (headers and body).
#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub data: String,
}

impl Received {
    /// The data with quoted-printable soft line breaks undone and `=XX` escapes of ASCII decoded
    /// (lettre may encode a long body).
    pub fn text(&self) -> String {
        let joined = self.data.replace("=\r\n", "").replace("=\n", "");
        let mut out = String::new();
        let bytes = joined.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'=' && i + 2 < bytes.len() {
                if let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                    out.push(b as char);
                    i += 3;
                    continue;
                }
            }
            out.push(bytes[i] as char);
            i += 1;
        }
        out
    }
}

pub struct SmtpSink {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let store = store.clone();
                std::thread::spawn(move || {
                    let _ = serve(stream, &store);
                });
            }
        });
        SmtpSink { port, received }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Waits up to 15 s for a message to `to` whose data contains `needle`.
    pub async fn wait_for(&self, to: &str, needle: &str) -> Received {
        let started = Instant::now();
        loop {
            if let Some(found) = self
                .received
                .lock()
                .unwrap()
                .iter()
                .find(|m| m.to.iter().any(|t| t == to) && m.text().contains(needle))
            {
                return found.clone();
            }
            if started.elapsed() > Duration::from_secs(15) {
                panic!(
                    "no e-mail to {to} containing {needle:?}; received: {:#?}",
                    self.received.lock().unwrap()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn count_to(&self, to: &str) -> usize {
        self.received
            .lock()
            .unwrap()
            .iter()
            .filter(|m| m.to.iter().any(|t| t == to))
            .count()
    }
}

fn serve(stream: std::net::TcpStream, store: &Mutex<Vec<Received>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    out.write_all(b"220 sink ESMTP\r\n")?;
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        if command.starts_with("EHLO") {
            out.write_all(b"250-sink\r\n250 8BITMIME\r\n")?;
        } else if command.starts_with("HELO") || command.starts_with("MAIL FROM") {
            out.write_all(b"250 OK\r\n")?;
        } else if command.starts_with("RCPT TO") {
            let address = line
                .trim_end()
                .split_once(':')
                .map(|(_, a)| a.trim().trim_start_matches('<').trim_end_matches('>'))
                .unwrap_or("")
                .to_owned();
            to.push(address);
            out.write_all(b"250 OK\r\n")?;
        } else if command == "DATA" {
            out.write_all(b"354 go on\r\n")?;
            let mut data = String::new();
            loop {
                line.clear();
                if reader.read_line(&mut line)? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                data.push_str(&line);
            }
            store.lock().unwrap().push(Received {
                to: std::mem::take(&mut to),
                data,
            });
            out.write_all(b"250 queued\r\n")?;
        } else if command.starts_with("QUIT") {
            out.write_all(b"221 bye\r\n")?;
            return Ok(());
        } else {
            out.write_all(b"250 OK\r\n")?;
        }
    }
}
