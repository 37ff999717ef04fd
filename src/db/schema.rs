//! The one schema both engines share. Kept by hand: ids are BigInt, times are UTC `Timestamp`,
//! enums are `Text`, so every column maps the same way on SQLite and PostgreSQL.

diesel::table! {
    organisers (id) {
        id -> BigInt,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        disabled -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        organiser_id -> BigInt,
        label -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sessions (id) {
        id -> BigInt,
        organiser_id -> BigInt,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::joinable!(api_tokens -> organisers (organiser_id));
diesel::joinable!(sessions -> organisers (organiser_id));

diesel::table! {
    topics (id) {
        id -> BigInt,
        slug -> Text,
        month -> Text,
        title -> Text,
        summary -> Text,
        opens_at -> Timestamp,
        closes_at -> Timestamp,
        announced -> Bool,
        sequence -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    topic_slug_redirects (old_slug) {
        old_slug -> Text,
        topic_id -> BigInt,
    }
}

diesel::joinable!(topic_slug_redirects -> topics (topic_id));

diesel::allow_tables_to_appear_in_same_query!(
    organisers,
    api_tokens,
    sessions,
    topics,
    topic_slug_redirects
);
