//! What a piece of work was asked for by: the id of the HTTP request that caused it, so that an
//! operator can follow one action from the response header through the log lines into the outbox
//! rows and webhook deliveries it caused. Set for the request's task by the web layer, carried onto
//! the blocking threads that run its database work, and read where rows are written.

use std::cell::RefCell;
use std::future::Future;

tokio::task_local! {
    static TASK_REQUEST: String;
}

thread_local! {
    static THREAD_REQUEST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The id of the request this work is for, if any.
pub fn request_id() -> Option<String> {
    TASK_REQUEST.try_with(Clone::clone).ok().or_else(|| THREAD_REQUEST.with(|r| r.borrow().clone()))
}

/// Runs `work` as part of request `id`.
pub async fn scope<F: Future>(id: String, work: F) -> F::Output {
    TASK_REQUEST.scope(id, work).await
}

/// Runs `work` on this (blocking) thread as part of request `id`.
pub fn on_thread<T>(id: Option<String>, work: impl FnOnce() -> T) -> T {
    /// Puts the thread's previous id back, also when `work` panics.
    struct Restore(Option<String>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let before = self.0.take();
            THREAD_REQUEST.with(|r| *r.borrow_mut() = before);
        }
    }
    let _restore = Restore(THREAD_REQUEST.with(|r| r.replace(id)));
    work()
}

/// A new request id: 16 random bytes, hex.
pub fn new_request_id() -> String {
    let mut bytes = [0u8; 16];
    rand::fill(&mut bytes[..]);
    hex::encode(bytes)
}

/// Whether an id sent by a proxy is one to keep: 8 to 64 of `A-Z a-z 0-9 - _ . :`.
pub fn acceptable(id: &str) -> bool {
    (8..=64).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_travel_to_blocking_threads_and_back() {
        assert_eq!(request_id(), None);
        let seen = on_thread(Some("abc12345".into()), request_id);
        assert_eq!(seen.as_deref(), Some("abc12345"));
        assert_eq!(request_id(), None, "restored afterwards");
        assert!(acceptable("req-2025.03:abc") && !acceptable("short") && !acceptable("has space here"));
        assert_eq!(new_request_id().len(), 32);
    }
}
