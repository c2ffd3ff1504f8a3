//! The real server, started on a free loopback port, and a real HTTP client for it.

use std::io::{BufRead, BufReader};
use std::process::{Child, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::TestEnv;

pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    log: Arc<Mutex<Vec<String>>>,
}

/// Responses with their status, whatever it is (4xx and 5xx are what many tests look at).
pub fn client() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

impl Server {
    /// Starts `factgraph serve --bind 127.0.0.1:0 ARGS` on the env's store and waits until it
    /// says where it listens.
    pub fn start(env: &TestEnv, args: &[&str]) -> Self {
        let mut child = env
            .command()
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(args)
            .env_remove("FACTGRAPH_TOKEN")
            .env_remove("FACTGRAPH_TOKEN_FILE")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start factgraph serve");
        let stderr = child.stderr.take().expect("stderr");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (sender, receiver) = std::sync::mpsc::channel();
        let lines = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("at http://") {
                    let address = line[at + 3..].trim_end_matches("/sparql").to_owned();
                    let _ = sender.send(address);
                }
                lines.lock().expect("log").push(line);
            }
        });
        // A guard against a server that never comes up, not a speed check.
        let base = receiver
            .recv_timeout(Duration::from_secs(120))
            .unwrap_or_else(|_| {
                let _ = child.kill();
                panic!("the server did not start: {:?}", log.lock().expect("log"))
            });
        Self { child, base, log }
    }

    /// Starts a writable server whose token is `token`, kept in a file in the env's folder.
    pub fn start_writable(env: &TestEnv, token: &str, extra: &[&str]) -> Self {
        let token_file = env.dir.path().join("token.txt");
        std::fs::write(&token_file, format!("{token}\n")).expect("write token");
        let mut args = vec![
            "--writable",
            "--token-file",
            token_file.to_str().expect("path"),
        ];
        args.extend(extra);
        Self::start(env, &args)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The endpoint's URL for `query` sent by GET.
    pub fn query_url(&self, query: &str) -> String {
        let encoded: String = form_urlencoded::byte_serialize(query.as_bytes()).collect();
        self.url(&format!("/sparql?query={encoded}"))
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the server wrote to stderr so far.
    pub fn log(&self) -> Vec<String> {
        self.log.lock().expect("log").clone()
    }

    /// SIGTERM, then waits for the process to end.
    pub fn stop(mut self) -> (ExitStatus, Vec<String>) {
        terminate(self.child.id());
        let status = wait(&mut self.child);
        // The reader thread may still be draining the pipe.
        std::thread::sleep(Duration::from_millis(100));
        (status, self.log())
    }
}

pub fn terminate(pid: u32) {
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(sent.success(), "kill -TERM {pid} failed");
}

fn wait(child: &mut Child) -> ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for the server") {
            return status;
        }
        // A guard against a server that never stops, not a speed check.
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("the server did not stop after SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
