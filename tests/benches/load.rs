//! The load script of the README's "Benchmarks": the portal's release binary on
//! loopback with a fresh demo database, and three measures, each taken side by
//! side in one run so a busy machine slows both sides of a ratio alike:
//!
//! 1. requests/s of an authorized Summary read and of `GET /api/session`, each
//!    as a share of `GET /api/health` on the same server (closed loop, the
//!    same connections, phases taking turns for `--rounds` rounds; the
//!    median ratio is the figure);
//! 2. sign-ins/s as a share of the raw argon2id rate on all cores (the same
//!    `password::verify` in as many threads as there are cores, in this
//!    process, between the sign-in phases);
//! 3. health p99 at a steady trickle of requests, alone and while sign-ins
//!    keep every core busy.
//!
//! `bash scripts/measure-load.sh [--seconds N] [--rounds N] [--connections N]
//! [--database-url URL]` builds the binary as `demo.sh` does and runs this.
//! Bounded in time (about `rounds × (3 + 2) × seconds` plus start-up);
//! never asserts a speed, only that every answer was the expected one.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::{client::conn::http1, header, Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
use portal_server::{auth::password, seed};
use std::{
    io::{BufRead, BufReader},
    net::{IpAddr, Ipv4Addr, SocketAddr},
    process::{Child, Command, Stdio},
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};
use tokio::net::TcpSocket;

struct Options {
    server: String,
    seconds: f64,
    rounds: usize,
    connections: usize,
    database_url: Option<String>,
}

fn options() -> Options {
    let mut options = Options {
        server: "target/release/portal-server".into(),
        seconds: 4.0,
        rounds: 3,
        connections: 8,
        database_url: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--server" => options.server = value(),
            "--seconds" => options.seconds = value().parse().expect("--seconds N"),
            "--rounds" => options.rounds = value().parse().expect("--rounds N"),
            "--connections" => options.connections = value().parse().expect("--connections N"),
            "--database-url" => options.database_url = Some(value()),
            // cargo bench passes --bench; anything else is a mistake.
            "--bench" => {}
            other => panic!("unknown argument {other}"),
        }
    }
    options
}

/// The server as a child process, stopped when dropped.
struct Server {
    child: Child,
    address: SocketAddr,
    _data_dir: tempfile::TempDir,
}

impl Server {
    fn start(options: &Options) -> Server {
        let data_dir = tempfile::tempdir().unwrap();
        let dist = data_dir.path().join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("index.html"), "<!doctype html>").unwrap();
        let mut command = Command::new(&options.server);
        command
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
            .stderr(Stdio::null());
        if let Some(url) = &options.database_url {
            command.arg("--database-url").arg(url);
        }
        let mut child = command
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", options.server));
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        let address = loop {
            line.clear();
            if stdout.read_line(&mut line).unwrap() == 0 {
                panic!("the server stopped before it listened");
            }
            if let Some(rest) = line.trim().strip_prefix("Portal listening on http://") {
                break rest.parse().unwrap();
            }
        };
        // The request log goes on being written as in production; read and drop it.
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        Server {
            child,
            address,
            _data_dir: data_dir,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

type Sender = http1::SendRequest<Full<Bytes>>;

/// One keep-alive HTTP/1.1 connection, from `local` when given.
async fn connect(address: SocketAddr, local: Option<IpAddr>) -> Sender {
    let socket = TcpSocket::new_v4().unwrap();
    if let Some(local) = local {
        socket.bind(SocketAddr::new(local, 0)).unwrap();
    }
    let stream = socket.connect(address).await.unwrap();
    stream.set_nodelay(true).unwrap();
    let (sender, connection) = http1::handshake(TokioIo::new(stream)).await.unwrap();
    tokio::spawn(connection);
    sender
}

/// One request as a browser of the app makes it.
#[derive(Clone)]
struct Call {
    method: Method,
    path: String,
    cookie: Option<String>,
    body: Option<Bytes>,
}

impl Call {
    fn get(path: &str, cookie: Option<&str>) -> Call {
        Call {
            method: Method::GET,
            path: path.to_owned(),
            cookie: cookie.map(str::to_owned),
            body: None,
        }
    }

    fn request(&self, address: SocketAddr) -> Request<Full<Bytes>> {
        let mut builder = Request::builder()
            .method(self.method.clone())
            .uri(&self.path)
            .header(header::HOST, address.to_string());
        if let Some(cookie) = &self.cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        match &self.body {
            Some(body) => builder
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::ORIGIN, format!("http://{address}"))
                .body(Full::new(body.clone())),
            None => builder.body(Full::new(Bytes::new())),
        }
        .unwrap()
    }
}

/// Sends the call and reads the whole answer: (status, set-cookie values, body).
async fn send(
    sender: &mut Sender,
    address: SocketAddr,
    call: &Call,
) -> (StatusCode, Vec<String>, Bytes) {
    sender.ready().await.unwrap();
    let response = sender.send_request(call.request(address)).await.unwrap();
    let status = response.status();
    let cookies = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, cookies, body)
}

fn sign_in_call(username: &str) -> Call {
    let body = serde_json::json!({ "username": username, "password": seed::DEMO_PASSWORD });
    Call {
        method: Method::POST,
        path: "/api/session".into(),
        cookie: None,
        body: Some(Bytes::from(body.to_string())),
    }
}

/// Signs in and returns the session cookie and the session's current customer.
async fn sign_in(address: SocketAddr, username: &str) -> (String, i64) {
    let mut sender = connect(address, None).await;
    let (status, cookies, body) = send(&mut sender, address, &sign_in_call(username)).await;
    assert_eq!(status, StatusCode::OK, "signing in {username}");
    let cookie = cookies
        .iter()
        .find(|c| c.starts_with("portal_session="))
        .and_then(|c| c.split(';').next())
        .expect("a session cookie")
        .to_owned();
    let view: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let customer = view["current_customer"]["id"].as_i64().expect("a customer");
    (cookie, customer)
}

struct Phase {
    completed: u64,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

impl Phase {
    fn rate(&self) -> f64 {
        self.completed as f64 / self.elapsed.as_secs_f64()
    }

    fn p(&self, q: f64) -> Duration {
        percentile(&self.latencies, q)
    }
}

fn percentile(samples: &[Duration], q: f64) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * q).round() as usize]
}

/// `connections` closed loops of `call` for `seconds`; every answer must be 200.
async fn closed_loop(address: SocketAddr, call: &Call, connections: usize, seconds: f64) -> Phase {
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (call, stop) = (call.clone(), stop.clone());
        let mut sender = connect(address, None).await;
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let sent = Instant::now();
                let (status, _, _) = send(&mut sender, address, &call).await;
                assert_eq!(status, StatusCode::OK, "{}", call.path);
                latencies.push(sent.elapsed());
            }
            latencies
        }));
    }
    tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.unwrap());
    }
    Phase {
        completed: latencies.len() as u64,
        elapsed: started.elapsed(),
        latencies,
    }
}

/// Health at a steady trickle (one request every 20 ms, one connection),
/// for its latency while something else goes on.
async fn health_trickle(address: SocketAddr, stop: Arc<AtomicBool>) -> Vec<Duration> {
    let call = Call::get("/api/health", None);
    let mut sender = connect(address, None).await;
    let mut ticks = tokio::time::interval(Duration::from_millis(20));
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut latencies = Vec::new();
    while !stop.load(Ordering::Relaxed) {
        ticks.tick().await;
        let sent = Instant::now();
        let (status, _, _) = send(&mut sender, address, &call).await;
        assert_eq!(status, StatusCode::OK);
        latencies.push(sent.elapsed());
    }
    latencies
}

/// Sign-ins, `concurrency` at a time, over the demo logons (at most four at
/// once per logon, under the lockout count), each from its own loopback
/// address for at most 90 sign-ins (the per-address limit is 100 in 15
/// minutes). Returns (sign-ins, elapsed).
async fn sign_in_load(
    address: SocketAddr,
    concurrency: usize,
    seconds: f64,
    next_address: Arc<AtomicU64>,
) -> (u64, Duration) {
    const LOGONS: [&str; 4] = [
        seed::DEMO_TAXPAYER,
        seed::DEMO_PREPARER,
        seed::secondaries::DEMO_STAFF,
        seed::secondaries::DEMO_PAYROLL,
    ];
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..concurrency {
        let (stop, next_address) = (stop.clone(), next_address.clone());
        let call = sign_in_call(LOGONS[i % LOGONS.len()]);
        tasks.push(tokio::spawn(async move {
            let mut done = 0u64;
            while !stop.load(Ordering::Relaxed) {
                let n = next_address.fetch_add(1, Ordering::Relaxed) / 90;
                let local = Ipv4Addr::new(127, 0, 1 + (n / 250) as u8, 2 + (n % 250) as u8);
                let mut sender = connect(address, Some(IpAddr::V4(local))).await;
                let (status, _, _) = send(&mut sender, address, &call).await;
                assert_eq!(status, StatusCode::OK, "a sign-in");
                done += 1;
            }
            done
        }));
    }
    tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut done = 0;
    for task in tasks {
        done += task.await.unwrap();
    }
    (done, started.elapsed())
}

/// argon2id verifications/s with every core busy: what the server's
/// sign-in rate can at best approach.
fn raw_hash_rate(seconds: f64) -> f64 {
    let stored = Arc::new(password::hash(seed::DEMO_PASSWORD));
    let stop = Arc::new(AtomicBool::new(false));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let started = Instant::now();
    let threads: Vec<_> = (0..cores)
        .map(|_| {
            let (stored, stop) = (stored.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut done = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    assert!(password::verify(seed::DEMO_PASSWORD, Some(&stored)));
                    done += 1;
                }
                done
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs_f64(seconds));
    stop.store(true, Ordering::Relaxed);
    let done: u64 = threads.into_iter().map(|t| t.join().unwrap()).sum();
    done as f64 / started.elapsed().as_secs_f64()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    values[values.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let options = options();
    let server = Server::start(&options);
    let address = server.address;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "server {} on {address} ({}), {cores} cores, {} connections, {} s a phase, {} rounds",
        options.server,
        if options.database_url.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        options.connections,
        options.seconds,
        options.rounds
    );

    let (cookie, customer) = sign_in(address, seed::DEMO_TAXPAYER).await;
    let phases = [
        ("health", Call::get("/api/health", None)),
        (
            "summary",
            Call::get(&format!("/api/customers/{customer}/summary"), Some(&cookie)),
        ),
        ("session", Call::get("/api/session", Some(&cookie))),
    ];
    // Warm every path once (statement caches, the pool's connections).
    for (_, call) in &phases {
        closed_loop(address, call, options.connections, 0.5).await;
    }

    let mut summary_ratios = Vec::new();
    let mut session_ratios = Vec::new();
    println!(
        "\n{:<6} {:>10} {:>10} {:>10}   {:>8} {:>8}   p50/p99 ms (health, summary, session)",
        "round", "health/s", "summary/s", "session/s", "summary", "session"
    );
    for round in 1..=options.rounds {
        let mut results = Vec::new();
        for (_, call) in &phases {
            results.push(closed_loop(address, call, options.connections, options.seconds).await);
        }
        let (health, summary, session) = (&results[0], &results[1], &results[2]);
        let summary_ratio = summary.rate() / health.rate();
        let session_ratio = session.rate() / health.rate();
        summary_ratios.push(summary_ratio);
        session_ratios.push(session_ratio);
        println!(
            "{round:<6} {:>10.0} {:>10.0} {:>10.0}   {:>7.1}% {:>7.1}%   {:.2}/{:.2}, {:.2}/{:.2}, {:.2}/{:.2}",
            health.rate(),
            summary.rate(),
            session.rate(),
            summary_ratio * 100.0,
            session_ratio * 100.0,
            ms(health.p(0.5)),
            ms(health.p(0.99)),
            ms(summary.p(0.5)),
            ms(summary.p(0.99)),
            ms(session.p(0.5)),
            ms(session.p(0.99)),
        );
    }

    // Sign-ins against the raw hash rate, with health's p99 alone and beside them.
    let next_address = Arc::new(AtomicU64::new(0));
    let mut sign_in_ratios = Vec::new();
    let (mut quiet_p99s, mut busy_p99s) = (Vec::new(), Vec::new());
    println!(
        "\n{:<6} {:>10} {:>10} {:>8}   health p99 ms: alone, during sign-ins",
        "round", "raw/s", "sign-in/s", "share"
    );
    for round in 1..=options.rounds {
        let stop = Arc::new(AtomicBool::new(false));
        let quiet = tokio::spawn(health_trickle(address, stop.clone()));
        tokio::time::sleep(Duration::from_secs_f64(options.seconds)).await;
        stop.store(true, Ordering::Relaxed);
        let quiet = quiet.await.unwrap();

        let raw = tokio::task::spawn_blocking({
            let seconds = options.seconds;
            move || raw_hash_rate(seconds)
        })
        .await
        .unwrap();

        let stop = Arc::new(AtomicBool::new(false));
        let busy = tokio::spawn(health_trickle(address, stop.clone()));
        let (signed_in, elapsed) =
            sign_in_load(address, 2 * cores, options.seconds, next_address.clone()).await;
        stop.store(true, Ordering::Relaxed);
        let busy = busy.await.unwrap();
        let rate = signed_in as f64 / elapsed.as_secs_f64();
        sign_in_ratios.push(rate / raw);
        quiet_p99s.push(ms(percentile(&quiet, 0.99)));
        busy_p99s.push(ms(percentile(&busy, 0.99)));
        println!(
            "{round:<6} {raw:>10.1} {rate:>10.1} {:>7.1}%   {:.2}, {:.2}",
            rate / raw * 100.0,
            ms(percentile(&quiet, 0.99)),
            ms(percentile(&busy, 0.99)),
        );
    }

    println!("\nmedian of {} rounds:", options.rounds);
    println!(
        "  authorized Summary read / health:        {:>6.1} %",
        median(summary_ratios) * 100.0
    );
    println!(
        "  GET /api/session / health:               {:>6.1} %",
        median(session_ratios) * 100.0
    );
    println!(
        "  sign-ins/s / raw argon2id rate ({cores} cores): {:>6.1} %",
        median(sign_in_ratios) * 100.0
    );
    println!(
        "  health p99, alone / during sign-ins:     {:.2} ms / {:.2} ms",
        median(quiet_p99s),
        median(busy_p99s)
    );
    drop(server);
}
