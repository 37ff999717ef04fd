//! Queries on `link_previews` (what a fetched link said, reused for a while) and `thumbnails`
//! (small images the service serves from its own address).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{link_previews, submissions, thumbnails};
use super::AnyConnection;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = link_previews)]
pub struct LinkPreview {
    /// The link as normalised (the cache key).
    pub url: String,
    pub canonical_url: String,
    /// What the page declared, as JSON.
    pub metadata: String,
    pub thumbnail: Option<String>,
    /// "fetched", or why nothing could be (shown to the member as "fill it in yourself").
    pub outcome: String,
    pub fetched_at: NaiveDateTime,
}

impl LinkPreview {
    pub fn get(conn: &mut AnyConnection, url: &str) -> QueryResult<Option<LinkPreview>> {
        link_previews::table.find(url).select(LinkPreview::as_select()).first(conn).optional()
    }

    /// Stores a preview, replacing an older one of the same link.
    pub fn put(&self, conn: &mut AnyConnection) -> QueryResult<usize> {
        diesel::delete(link_previews::table.find(&self.url)).execute(conn)?;
        diesel::insert_into(link_previews::table).values(self).execute(conn)
    }

    /// Forgets previews fetched before `cutoff`.
    pub fn forget_before(conn: &mut AnyConnection, cutoff: NaiveDateTime) -> QueryResult<usize> {
        diesel::delete(link_previews::table.filter(link_previews::fetched_at.lt(cutoff))).execute(conn)
    }
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = thumbnails)]
pub struct StoredThumbnail {
    /// The SHA-256 of the image's bytes, so that one image is stored once.
    pub key: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub width: i32,
    pub height: i32,
    pub created_at: NaiveDateTime,
}

impl StoredThumbnail {
    pub fn get(conn: &mut AnyConnection, key: &str) -> QueryResult<Option<StoredThumbnail>> {
        thumbnails::table.find(key).select(StoredThumbnail::as_select()).first(conn).optional()
    }

    /// Stores it unless an identical one is there already.
    pub fn put(&self, conn: &mut AnyConnection) -> QueryResult<usize> {
        if thumbnails::table.find(&self.key).count().get_result::<i64>(conn)? > 0 {
            return Ok(0);
        }
        diesel::insert_into(thumbnails::table).values(self).execute(conn)
    }

    /// Deletes thumbnails made before `cutoff` that no entry and no cached preview uses.
    pub fn forget_unused_before(conn: &mut AnyConnection, cutoff: NaiveDateTime) -> QueryResult<usize> {
        let used_by_entries = submissions::table
            .filter(submissions::thumbnail.is_not_null())
            .select(submissions::thumbnail.assume_not_null());
        let used_by_previews = link_previews::table
            .filter(link_previews::thumbnail.is_not_null())
            .select(link_previews::thumbnail.assume_not_null());
        diesel::delete(
            thumbnails::table
                .filter(thumbnails::created_at.lt(cutoff))
                .filter(thumbnails::key.ne_all(used_by_entries))
                .filter(thumbnails::key.ne_all(used_by_previews)),
        )
        .execute(conn)
    }
}
