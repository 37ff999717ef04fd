//! A lane: database work of one kind (searches) run by a fixed number of threads, one piece at
//! a time each, in the order it was asked for.
//!
//! [`Db::run`](super::Db::run) hands each piece of work to the runtime's blocking threads, as
//! many at once as there are connections, and the operating system shares the processors
//! between them. That suits short work. Searches each need half a millisecond to three of
//! processor time; time-sliced against each other, one that is not done in its slice waits for
//! every other to have had one, and on two cores at 16 concurrent searches one in a hundred took
//! 2.5 times the median. Run to the end one after the other, in order, on as many threads as
//! there are processors, a search waits only for those asked before it (measured in
//! docs/search.md#speed). The queue is bounded: past it a search is refused at once with
//! `Unavailable`, rather than answered too late to matter.
//!
//! Threads and a channel of the standard library, not a crate's pool: all that is needed is a
//! queue in order and a bound, and tokio's blocking pool, which runs the rest, has neither.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, OnceLock};

type Job = Box<dyn FnOnce() + Send>;

pub struct Lane {
    /// What the lane runs, for its threads' names and its refusals ("searches").
    name: &'static str,
    threads: usize,
    queue: usize,
    /// Started at the first piece of work; the threads end when the lane is dropped.
    sender: OnceLock<SyncSender<Job>>,
    /// Pieces of work queued that no thread has taken yet.
    waiting: Arc<AtomicUsize>,
}

impl Lane {
    /// A lane of `threads` threads (at least one) that keeps up to `queue` pieces of work waiting.
    pub fn new(name: &'static str, threads: usize, queue: usize) -> Lane {
        Lane { name, threads: threads.max(1), queue, sender: OnceLock::new(), waiting: Arc::default() }
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    fn sender(&self) -> &SyncSender<Job> {
        self.sender.get_or_init(|| {
            let (sender, receiver) = mpsc::sync_channel::<Job>(self.queue);
            let receiver = Arc::new(Mutex::new(receiver));
            for n in 0..self.threads {
                let receiver = receiver.clone();
                let started =
                    std::thread::Builder::new().name(format!("{}-{n}", self.name)).spawn(move || serve(&receiver));
                if let Err(e) = started {
                    tracing::error!("cannot start a thread for {}: {e}", self.name);
                }
            }
            sender
        })
    }

    /// Queues `job`, or says why not: the queue is full, or the lane has no thread left.
    pub(super) fn push(&self, job: Job) -> Result<(), Refused> {
        let waiting = self.waiting.clone();
        waiting.fetch_add(1, Ordering::SeqCst);
        let taken = Box::new(move || {
            waiting.fetch_sub(1, Ordering::SeqCst);
            job()
        });
        self.sender().try_send(taken).map_err(|e| {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            match e {
                TrySendError::Full(_) => Refused::Full,
                TrySendError::Disconnected(_) => Refused::Stopped,
            }
        })
    }

    /// Pieces of work waiting for a thread now (for /metrics).
    pub fn waiting(&self) -> usize {
        self.waiting.load(Ordering::SeqCst)
    }
}

/// Why a lane did not take a piece of work.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Refused {
    Full,
    Stopped,
}

/// A lane's thread: the next piece of work, until the lane is gone. A piece that panics is its
/// asker's error (its answer never comes); the thread goes on with the next.
fn serve(receiver: &Mutex<Receiver<Job>>) {
    loop {
        let job = match receiver.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => return,
        };
        match job {
            Ok(job) => {
                let _ = catch_unwind(AssertUnwindSafe(job));
            }
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    const WAIT: Duration = Duration::from_secs(10);

    #[test]
    fn work_runs_in_the_order_it_was_asked() {
        let lane = Lane::new("tests", 1, 100);
        let (release, gate) = mpsc::channel::<()>();
        // The first piece holds the thread until every other one is queued.
        lane.push(Box::new(move || {
            let _ = gate.recv();
        }))
        .expect("queued");
        let (done, order) = mpsc::channel();
        for n in 0..50 {
            let done = done.clone();
            lane.push(Box::new(move || done.send(n).expect("sent"))).expect("queued");
        }
        release.send(()).expect("released");
        let ran: Vec<i32> = (0..50).map(|_| order.recv_timeout(WAIT).expect("ran")).collect();
        assert_eq!(ran, (0..50).collect::<Vec<_>>());
    }

    #[test]
    fn a_full_queue_refuses_at_once_and_a_panic_does_not_stop_the_lane() {
        let lane = Lane::new("tests", 0, 1);
        let (release, gate) = mpsc::channel::<()>();
        let (started, running) = mpsc::channel();
        lane.push(Box::new(move || {
            started.send(()).expect("sent");
            let _ = gate.recv();
            panic!("a piece of work that fails");
        }))
        .expect("taken");
        running.recv_timeout(WAIT).expect("running");
        let (done, ran) = mpsc::channel();
        lane.push(Box::new(move || done.send("after").expect("sent"))).expect("queued");
        assert_eq!(lane.push(Box::new(|| {})), Err(Refused::Full));
        assert_eq!(lane.waiting(), 1, "the one queued, not the one refused nor the one running");
        release.send(()).expect("released");
        assert_eq!(ran.recv_timeout(WAIT).expect("the one thread goes on after a panic"), "after");
        assert_eq!(lane.waiting(), 0);
    }
}
