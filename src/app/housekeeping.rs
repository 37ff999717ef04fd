//! The worker's chores between deliveries: forget unconfirmed submissions and pending
//! subscribers after their time, drop idle rate-limit buckets, old link previews and old bounce
//! reports, build the digests of topics that closed, and mark digests whose deliveries have all
//! finished as sent; and take one step of merging the search index's parts.

use super::{bounces, digests, limits, links, notify, search, submissions, subscriptions, App};
use crate::error::AppError;

pub async fn run(app: &App) -> Result<(), AppError> {
    let (expired, forgotten) = app
        .write_unseen(|app, conn| {
            limits::forget_idle(conn, app.now())?;
            links::forget_old(app, conn)?;
            notify::forget_old(app, conn)?;
            bounces::forget_old(app, conn)?;
            Ok((submissions::expire_unconfirmed(app, conn)?, subscriptions::expire_pending(app, conn)?))
        })
        .await?;
    if expired + forgotten > 0 {
        tracing::info!(expired, forgotten, "removed unconfirmed submissions and pending subscribers");
    }
    // Each digest is built and queued in one transaction: a crash leaves either nothing (the next
    // round builds it) or a queued digest, never one built but not queued.
    let built = app.write_unseen(digests::build_due).await?;
    let resumed = app.write_unseen(digests::finish_waiting).await?;
    if resumed > 0 {
        tracing::info!(deliveries = resumed, "queued a digest that was built but not queued");
    }
    for digest in built {
        tracing::info!(digest = digest.id, status = %digest.status, recipients = digest.recipients, "digest built");
    }
    app.write_unseen(digests::complete_finished).await?;
    app.write_unseen(notify::queue_time_events).await?;
    if search::merge_index_step(app).await? {
        tracing::debug!("merged parts of the search index");
    }
    Ok(())
}
