//! An HTTP receiver on loopback for webhook tests: it records every request (path, headers,
//! body, when) and answers each path from a script the test sets (a list of statuses with
//! optional Retry-After, the last one repeating; 200 when unscripted), optionally slowly. Raw TCP
//! on a thread and runtime of its own, so that blocking tests never starve it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    pub headers: HashMap<String, String>,
    pub body: String,
    /// The status it was answered with.
    pub status: u16,
}

impl Received {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

#[derive(Clone, Default)]
struct Script {
    /// (status, Retry-After) in order; the last repeats.
    answers: Vec<(u16, Option<u64>)>,
    served: usize,
    delay: Duration,
}

#[derive(Clone)]
pub struct Receiver {
    pub base: String,
    received: Arc<Mutex<Vec<Received>>>,
    scripts: Arc<Mutex<HashMap<String, Script>>>,
}

impl Receiver {
    pub fn start() -> Receiver {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://127.0.0.1:{}", listener.local_addr().expect("addr").port());
        let receiver = Receiver { base, received: Arc::default(), scripts: Arc::default() };
        crate::helpers::serve_in_background(listener, receiver.clone(), |receiver: Receiver, stream| async move {
            receiver.serve(stream).await
        });
        receiver
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Answers requests to `path` with these statuses in turn (the last repeating).
    pub fn script(&self, path: &str, answers: &[(u16, Option<u64>)]) {
        let mut scripts = self.scripts.lock().expect("lock");
        let script = scripts.entry(path.to_owned()).or_default();
        script.answers = answers.to_vec();
        script.served = 0;
    }

    /// Answers requests to `path` only after `delay`.
    pub fn slow(&self, path: &str, delay: Duration) {
        self.scripts.lock().expect("lock").entry(path.to_owned()).or_default().delay = delay;
    }

    pub fn received(&self, path: &str) -> Vec<Received> {
        self.received.lock().expect("lock").iter().filter(|r| r.path == path).cloned().collect()
    }

    async fn serve(&self, mut stream: TcpStream) {
        let mut data = Vec::new();
        let mut buf = [0u8; 8192];
        let (head_end, length) = loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => data.extend_from_slice(&buf[..n]),
            }
            if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&data[..end]).to_lowercase();
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().unwrap_or(0)))
                    .unwrap_or(0);
                break (end + 4, length);
            }
        };
        while data.len() < head_end + length {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => data.extend_from_slice(&buf[..n]),
            }
        }
        let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
        let body = String::from_utf8_lossy(&data[head_end..]).into_owned();
        let path = head.lines().next().and_then(|l| l.split_whitespace().nth(1)).unwrap_or("/").to_owned();
        let headers = head
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_owned())))
            .collect();
        let (status, retry_after, delay) = {
            let mut scripts = self.scripts.lock().expect("lock");
            let script = scripts.entry(path.clone()).or_default();
            let answer = script.answers.get(script.served).or(script.answers.last()).copied().unwrap_or((200, None));
            script.served += 1;
            (answer.0, answer.1, script.delay)
        };
        tokio::time::sleep(delay).await;
        self.received.lock().expect("lock").push(Received { path, headers, body, status });
        let mut response = format!("HTTP/1.1 {status} Scripted\r\nContent-Type: text/plain\r\nConnection: close\r\n");
        if let Some(seconds) = retry_after {
            response.push_str(&format!("Retry-After: {seconds}\r\n"));
        }
        let answer = format!("<b>answered {status}</b>");
        response.push_str(&format!("Content-Length: {}\r\n\r\n{answer}", answer.len()));
        let _ = stream.write_all(response.as_bytes()).await;
        let _ = stream.shutdown().await;
    }
}
