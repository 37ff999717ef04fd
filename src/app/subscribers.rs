//! Organisers see who subscribed: counts by status, a searchable list, a CSV export, removal.

use super::App;
use crate::db::states::SubscriberStatus;
use crate::db::subscribers::Subscriber;
use crate::error::AppError;

/// Subscribers a page of the list or the API shows at most.
pub const MAX_PAGE: i64 = 500;

/// Subscribers by status.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub active: i64,
    pub pending: i64,
    pub unsubscribed: i64,
    pub bounced: i64,
}

/// A page of subscribers whose address contains `search`, newest first, after the cursor.
pub struct Page {
    pub counts: Counts,
    pub subscribers: Vec<Subscriber>,
    /// The cursor of the next page, when there may be one.
    pub next: Option<i64>,
}

pub async fn page(app: &App, search: String, before: Option<i64>, limit: i64) -> Result<Page, AppError> {
    let limit = limit.clamp(1, MAX_PAGE);
    app.read(move |_, conn| {
        let mut counts = Counts::default();
        for (status, n) in Subscriber::count_by_status(conn)? {
            match status {
                SubscriberStatus::Active => counts.active = n,
                SubscriberStatus::Pending => counts.pending = n,
                SubscriberStatus::Unsubscribed => counts.unsubscribed = n,
                SubscriberStatus::Bounced => counts.bounced = n,
            }
        }
        let subscribers = Subscriber::search(conn, search.trim(), before, limit)?;
        let next = (subscribers.len() as i64 == limit).then(|| subscribers.last().map(|s| s.id)).flatten();
        Ok(Page { counts, subscribers, next })
    })
    .await
}

/// Every subscriber, for the CSV export.
pub async fn all(app: &App) -> Result<Vec<Subscriber>, AppError> {
    app.read(|_, conn| Ok(Subscriber::search(conn, "", None, i64::MAX)?)).await
}

/// Removes a subscriber for good.
pub async fn remove(app: &App, id: i64) -> Result<(), AppError> {
    app.write(move |_, conn| match Subscriber::delete(conn, id)? {
        0 => Err(AppError::NotFound),
        _ => Ok(()),
    })
    .await
}
