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
        content_version -> BigInt,
        content_changed_at -> Timestamp,
    }
}

diesel::table! {
    site_state (id) {
        id -> BigInt,
        content_version -> BigInt,
        content_changed_at -> Timestamp,
    }
}

diesel::table! {
    topic_slug_redirects (old_slug) {
        old_slug -> Text,
        topic_id -> BigInt,
    }
}

diesel::joinable!(topic_slug_redirects -> topics (topic_id));

diesel::table! {
    submissions (id) {
        id -> BigInt,
        public_id -> Text,
        topic_id -> BigInt,
        kind -> Text,
        title -> Text,
        url -> Text,
        summary -> Text,
        author_name -> Text,
        author_email -> Text,
        author_link -> Nullable<Text>,
        status -> Text,
        decision_reason -> Nullable<Text>,
        reviewer_id -> Nullable<BigInt>,
        edit_token_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        confirmed_at -> Nullable<Timestamp>,
        decided_at -> Nullable<Timestamp>,
        published_at -> Nullable<Timestamp>,
        note -> Text,
        language -> Text,
        highlighted -> Bool,
        position -> Nullable<Integer>,
        added_by -> Nullable<BigInt>,
        canonical_url -> Text,
        thumbnail -> Nullable<Text>,
        link_state -> Text,
        link_failures -> Integer,
        link_checked_at -> Nullable<Timestamp>,
        mail_language -> Text,
        author_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    link_previews (url) {
        url -> Text,
        canonical_url -> Text,
        metadata -> Text,
        thumbnail -> Nullable<Text>,
        outcome -> Text,
        fetched_at -> Timestamp,
    }
}

diesel::table! {
    thumbnails (key) {
        key -> Text,
        content_type -> Text,
        bytes -> Binary,
        width -> Integer,
        height -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    roundups (id) {
        id -> BigInt,
        topic_id -> BigInt,
        intro -> Text,
        published_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        updated_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    submission_events (id) {
        id -> BigInt,
        submission_id -> BigInt,
        action -> Text,
        organiser_id -> Nullable<BigInt>,
        reason -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    deliveries (id) {
        id -> BigInt,
        kind -> Text,
        digest_id -> Nullable<BigInt>,
        subscriber_id -> Nullable<BigInt>,
        recipient -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Nullable<Text>,
        message_id -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        lease_until -> Nullable<Timestamp>,
        claim -> Nullable<Text>,
        last_error -> Nullable<Text>,
        sent_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        request_id -> Nullable<Text>,
        language -> Text,
    }
}

diesel::table! {
    subscribers (id) {
        id -> BigInt,
        email -> Text,
        status -> Text,
        confirm_token_hash -> Nullable<Text>,
        confirm_sent_at -> Nullable<Timestamp>,
        confirmed_at -> Nullable<Timestamp>,
        unsubscribed_at -> Nullable<Timestamp>,
        bounce_count -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        public_id -> Text,
        legacy_id -> Nullable<BigInt>,
        language -> Text,
    }
}

diesel::table! {
    digests (id) {
        id -> BigInt,
        topic_id -> BigInt,
        status -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        recipients -> Integer,
        built_at -> Timestamp,
        queued_at -> Nullable<Timestamp>,
        completed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    organiser_links (id) {
        id -> BigInt,
        organiser_id -> BigInt,
        purpose -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        actor_id -> Nullable<BigInt>,
        action -> Text,
        subject -> Text,
        detail -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(organiser_links -> organisers (organiser_id));
diesel::table! {
    rate_limits (bucket) {
        bucket -> Text,
        tokens -> Double,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    destinations (id) {
        id -> BigInt,
        kind -> Text,
        label -> Text,
        url -> Text,
        events -> Text,
        language -> Text,
        reminder_days -> Nullable<Integer>,
        secret -> Nullable<Text>,
        previous_secret -> Nullable<Text>,
        previous_secret_until -> Nullable<Timestamp>,
        failing_since -> Nullable<Timestamp>,
        paused_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    notifications (id) {
        id -> BigInt,
        destination_id -> BigInt,
        event -> Text,
        event_key -> Text,
        message_id -> Text,
        payload -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claim -> Nullable<Text>,
        lease_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        request_id -> Nullable<Text>,
    }
}

diesel::table! {
    notification_attempts (id) {
        id -> BigInt,
        notification_id -> BigInt,
        destination_id -> BigInt,
        event -> Text,
        at -> Timestamp,
        status_code -> Nullable<Integer>,
        outcome -> Text,
        response -> Text,
        duration_ms -> Integer,
    }
}

diesel::joinable!(notifications -> destinations (destination_id));
diesel::joinable!(audit_log -> organisers (actor_id));
diesel::joinable!(digests -> topics (topic_id));
diesel::joinable!(digest_editions -> digests (digest_id));
diesel::joinable!(topic_translations -> topics (topic_id));
diesel::joinable!(submissions -> topics (topic_id));
diesel::joinable!(roundups -> topics (topic_id));
diesel::joinable!(submission_events -> submissions (submission_id));
diesel::joinable!(submission_events -> organisers (organiser_id));

diesel::table! {
    suppressions (id) {
        id -> BigInt,
        email_hash -> Text,
        masked -> Text,
        reason -> Text,
        source -> Text,
        detail -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    mail_events (id) {
        id -> BigInt,
        source -> Text,
        event_id -> Text,
        kind -> Text,
        created_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    organisers,
    api_tokens,
    sessions,
    topics,
    topic_slug_redirects,
    submissions,
    submission_events,
    roundups,
    link_previews,
    thumbnails,
    destinations,
    notifications,
    notification_attempts,
    deliveries,
    subscribers,
    digests,
    organiser_links,
    audit_log,
    rate_limits,
    site_state,
    suppressions,
    mail_events,
    digest_editions,
    topic_translations,
    authors,
    author_spellings,
    author_redirects,
);

diesel::table! {
    digest_editions (id) {
        id -> BigInt,
        digest_id -> BigInt,
        language -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        built_at -> Timestamp,
    }
}

diesel::table! {
    topic_translations (id) {
        id -> BigInt,
        topic_id -> BigInt,
        language -> Text,
        title -> Text,
        summary -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    authors (id) {
        id -> BigInt,
        slug -> Text,
        name -> Text,
        bio -> Text,
        website -> Nullable<Text>,
        profile -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    author_spellings (spelling) {
        spelling -> Text,
        author_id -> BigInt,
    }
}

diesel::table! {
    author_redirects (old_slug) {
        old_slug -> Text,
        author_id -> BigInt,
    }
}

diesel::joinable!(submissions -> authors (author_id));
diesel::joinable!(author_spellings -> authors (author_id));
diesel::joinable!(author_redirects -> authors (author_id));
