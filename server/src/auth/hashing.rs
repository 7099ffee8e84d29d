//! Where every argon2id hash and check runs: a pool of one thread per core,
//! apart from the async workers, its threads at a lower CPU priority.
//!
//! argon2 keeps a core busy for all of its time (about 20-40 ms here), so
//! more checks at once than cores finish no sooner: they share the cores and
//! each takes longer. One per core is the hash's own speed, `cores ÷ time` a
//! second. At a lower priority (nice 10 on Linux) the threads take every
//! cycle the workers leave, and give way the moment a worker has a request
//! to answer, so a burst of sign-ins does not slow the rest of the portal
//! (the load script, `scripts/measure-load.sh`, prints health's p99 beside the
//! sign-in rate). Nothing here holds a database lock: callers hash before or
//! after their transactions, never inside one.

use crate::http::error::{ApiError, ApiResult};
use std::sync::{mpsc, Mutex, OnceLock};
use tokio::sync::oneshot;

type Job = Box<dyn FnOnce() + Send>;

/// How many hashing threads run: one per core the process may use.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn queue() -> &'static Mutex<mpsc::Sender<Job>> {
    static QUEUE: OnceLock<Mutex<mpsc::Sender<Job>>> = OnceLock::new();
    QUEUE.get_or_init(|| {
        let (sender, receiver) = mpsc::channel::<Job>();
        let receiver = std::sync::Arc::new(Mutex::new(receiver));
        for n in 0..threads() {
            let receiver = receiver.clone();
            std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || {
                    lower_priority();
                    loop {
                        let job = receiver.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        let Ok(job) = job else { return };
                        // A job that panics loses its answer (its caller gets
                        // an error), never the thread.
                        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                    }
                })
                .expect("starting a hashing thread");
        }
        Mutex::new(sender)
    })
}

/// Nice 10 for the calling thread (on Linux nice is per thread).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its arguments; `who = 0` is this thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

/// Runs `work` (argon2 hashes and checks) on the hashing threads and waits
/// for it without holding an async worker.
pub async fn run<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> ApiResult<T> {
    let (done, result) = oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = done.send(work());
    });
    queue()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .send(job)
        .map_err(|_| ApiError::Internal(anyhow::anyhow!("the hashing threads stopped")))?;
    result
        .await
        .map_err(|_| ApiError::Internal(anyhow::anyhow!("a hashing job panicked")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_runs_off_the_async_workers_and_its_answer_comes_back() {
        let caller = std::thread::current().id();
        let (answer, ran_on) = run(|| (6 * 7, std::thread::current().id())).await.unwrap();
        assert_eq!(answer, 42);
        assert_ne!(ran_on, caller);
        let name = run(|| std::thread::current().name().map(str::to_owned))
            .await
            .unwrap();
        assert!(name.unwrap().starts_with("argon2-"));
    }

    #[tokio::test]
    async fn a_panicking_job_is_an_error_and_the_threads_go_on() {
        let failed = run(|| -> i32 { panic!("a job that fails") }).await;
        assert!(failed.is_err());
        for _ in 0..threads() + 1 {
            assert_eq!(run(|| 1).await.unwrap(), 1);
        }
    }
}
