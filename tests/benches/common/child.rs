//! A server binary as a child process on a free loopback port, with a fresh
//! demo database in a directory of its own; stopped when dropped.

use std::{
    io::{BufRead, BufReader},
    net::SocketAddr,
    process::{Child, Command, Stdio},
};

pub struct ChildServer {
    child: Child,
    pub address: SocketAddr,
    _data_dir: tempfile::TempDir,
}

impl ChildServer {
    pub fn start(binary: &str) -> ChildServer {
        let data_dir = tempfile::tempdir().unwrap();
        let dist = data_dir.path().join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("index.html"), "<!doctype html>").unwrap();
        let mut child = Command::new(binary)
            .arg("--demo")
            .arg("--data-dir")
            .arg(data_dir.path())
            .arg("--static-dir")
            .arg(&dist)
            .arg("--bind")
            .arg("127.0.0.1:0")
            .arg("--insecure-localhost-cookies")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {binary}: {e}"));
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        let address = loop {
            line.clear();
            if stdout.read_line(&mut line).unwrap() == 0 {
                panic!("{binary} stopped before it listened");
            }
            if let Some(rest) = line.trim().strip_prefix("Portal listening on http://") {
                break rest.parse().unwrap();
            }
        };
        // The request log goes on being written as in production; read and drop it.
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        ChildServer {
            child,
            address,
            _data_dir: data_dir,
        }
    }
}

impl Drop for ChildServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
