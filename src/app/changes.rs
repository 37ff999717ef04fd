//! Changes other instances commit, seen at once. On PostgreSQL every commit that changes public
//! content is announced (`NOTIFY`, see `db::site_state`), and each serving instance listens on a
//! connection of its own: the moment an announcement arrives, its feed and search caches read
//! the content versions again before they answer. Polling ([`super::feeds::FeedCache::keep_fresh`],
//! every `feeds.refresh_seconds`) stays, for SQLite and for the time a listener is reconnecting.

use std::time::{Duration, Instant};

use super::{App, WeakApp};
use crate::config::DatabaseKind;
use crate::db::site_state::ChangeListener;

/// How often the listener reads what the server sent: a read that never waits, so a change is
/// seen within this much of its commit.
const POLL: Duration = Duration::from_millis(20);
/// How often the listener makes sure the server is still there when nothing arrives.
const CHECK: Duration = Duration::from_secs(30);
/// How long a lost listener waits before connecting again.
const RECONNECT: Duration = Duration::from_secs(2);

/// Starts listening on a thread of its own (a blocking connection), until the app is dropped.
/// Nothing on SQLite, where there is nothing to listen to.
pub fn follow(app: &App) -> Option<std::thread::JoinHandle<()>> {
    if app.db.kind() != DatabaseKind::Postgres {
        return None;
    }
    let weak = app.downgrade();
    std::thread::Builder::new().name("changes".into()).spawn(move || listen(&weak)).ok()
}

/// What a change elsewhere means here: nothing is served from memory until the versions are
/// read again.
fn seen(app: &App) {
    app.feeds.mark_stale();
    app.searches.mark_stale();
}

fn listen(weak: &WeakApp) {
    let mut listener: Option<ChangeListener> = None;
    let mut checked = Instant::now();
    loop {
        let Some(app) = weak.upgrade() else { return };
        let Some(current) = listener.as_mut() else {
            match app.db.change_listener() {
                Some(Ok(opened)) => {
                    listener = Some(opened);
                    checked = Instant::now();
                    // Whatever was committed while nobody listened.
                    seen(&app);
                    continue;
                }
                Some(Err(e)) => {
                    tracing::warn!(error = %e, "cannot listen for other instances' changes; polling until it can");
                    drop(app);
                    std::thread::sleep(RECONNECT);
                    continue;
                }
                None => return,
            }
        };
        let heard = if checked.elapsed() >= CHECK {
            checked = Instant::now();
            current.check().and_then(|()| current.changed())
        } else {
            current.changed()
        };
        match heard {
            Ok(true) => seen(&app),
            Ok(false) => {}
            Err(e) => {
                tracing::warn!(error = %e, "lost the connection listening for other instances' changes");
                listener = None;
                continue;
            }
        }
        drop(app);
        std::thread::sleep(POLL);
    }
}
