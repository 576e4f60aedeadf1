//! Table definitions shared by both backends. Only types every backend has: BigInt ids, Text, Bool,
//! Timestamp (UTC, no zone).

diesel::table! {
    teams (id) {
        id -> BigInt,
        name -> Text,
        created_at -> Timestamp,
        blind_review -> Bool,
        org_url -> Nullable<Text>,
        min_sources -> Integer,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        name -> Text,
        password_hash -> Text,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    memberships (user_id, team_id) {
        user_id -> BigInt,
        team_id -> BigInt,
        role -> Text,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id) {
        id -> BigInt,
        token_hash -> Text,
        user_id -> BigInt,
        team_id -> BigInt,
        csrf_token -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
        ip -> Text,
        user_agent -> Text,
    }
}

diesel::table! {
    invites (id) {
        id -> BigInt,
        team_id -> BigInt,
        email -> Text,
        role -> Text,
        token_hash -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        accepted_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_failures (id) {
        id -> BigInt,
        throttle_key -> Text,
        failed_at -> Timestamp,
    }
}

diesel::table! {
    setup_tokens (id) {
        id -> BigInt,
        token_hash -> Text,
        created_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    events (id) {
        id -> BigInt,
        team_id -> Nullable<BigInt>,
        actor_id -> Nullable<BigInt>,
        entity -> Text,
        entity_id -> BigInt,
        action -> Text,
        before_value -> Nullable<Text>,
        after_value -> Nullable<Text>,
        created_at -> Timestamp,
        /// Place in the event's chain (its team's, or the no-team chain), from 1.
        seq -> Nullable<BigInt>,
        /// `hash` of the event before it in the chain; 64 zeros for the first.
        prev_hash -> Nullable<Text>,
        /// Hex SHA-256 of the event's canonical content (`audit::EventContent`).
        hash -> Nullable<Text>,
    }
}

diesel::table! {
    /// The head of each event chain: the team id, or 0 for events with no team.
    event_chains (chain_key) {
        chain_key -> BigInt,
        last_seq -> BigInt,
        last_hash -> Nullable<Text>,
    }
}

diesel::table! {
    verdicts (id) {
        id -> BigInt,
        team_id -> BigInt,
        key -> Text,
        label -> Text,
        rating -> Nullable<Integer>,
        position -> Integer,
        retired -> Bool,
    }
}

diesel::table! {
    articles (id) {
        id -> BigInt,
        team_id -> BigInt,
        title -> Text,
        url -> Nullable<Text>,
        publisher -> Nullable<Text>,
        author -> Nullable<Text>,
        published_on -> Nullable<Date>,
        body -> Text,
        body_hash -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    candidates (id) {
        id -> BigInt,
        team_id -> BigInt,
        article_id -> BigInt,
        position -> Integer,
        span_start -> BigInt,
        span_end -> BigInt,
        sentence_start -> BigInt,
        sentence_end -> BigInt,
        surface -> Text,
        value -> Nullable<Text>,
        value_high -> Nullable<Text>,
        unit -> Nullable<Text>,
        qualifier -> Text,
        subject -> Nullable<Text>,
        speaker -> Nullable<Text>,
        score -> Double,
        check_worthy -> Bool,
        kind -> Text,
        conversion_of -> Nullable<BigInt>,
        implied_rate -> Nullable<Text>,
        state -> Text,
        claim_id -> Nullable<BigInt>,
        statement -> Nullable<Text>,
    }
}

diesel::table! {
    claims (id) {
        id -> BigInt,
        team_id -> BigInt,
        article_id -> Nullable<BigInt>,
        statement -> Text,
        context -> Text,
        span_start -> Nullable<BigInt>,
        span_end -> Nullable<BigInt>,
        surface -> Nullable<Text>,
        value -> Nullable<Text>,
        value_high -> Nullable<Text>,
        unit -> Nullable<Text>,
        qualifier -> Nullable<Text>,
        subject -> Nullable<Text>,
        speaker -> Nullable<Text>,
        score -> Double,
        status -> Text,
        verdict_id -> Nullable<BigInt>,
        rationale -> Nullable<Text>,
        assignee_id -> Nullable<BigInt>,
        proposed_by -> Nullable<BigInt>,
        proposed_at -> Nullable<Timestamp>,
        approved_by -> Nullable<BigInt>,
        verified_at -> Nullable<Timestamp>,
        published_at -> Nullable<Timestamp>,
        correction_note -> Nullable<Text>,
        version -> BigInt,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        review_sealed -> Bool,
        discard_reason -> Nullable<Text>,
    }
}

diesel::table! {
    claim_counts (team_id, status) {
        team_id -> BigInt,
        status -> Text,
        n -> BigInt,
    }
}

diesel::table! {
    claim_day_tallies (team_id, day, status, verdict_id) {
        team_id -> BigInt,
        day -> Date,
        status -> Text,
        verdict_id -> BigInt,
        n -> BigInt,
    }
}

diesel::table! {
    article_tallies (team_id, article_id) {
        team_id -> BigInt,
        article_id -> BigInt,
        n -> BigInt,
        first_day -> Nullable<Date>,
        last_day -> Nullable<Date>,
    }
}

diesel::table! {
    article_day_tallies (team_id, day, article_id) {
        team_id -> BigInt,
        article_id -> BigInt,
        day -> Date,
        n -> BigInt,
    }
}

diesel::table! {
    verdict_time_tallies (team_id, day, bucket) {
        team_id -> BigInt,
        day -> Date,
        bucket -> Integer,
        n -> BigInt,
    }
}

diesel::table! {
    claim_month_tallies (team_id, month, status, verdict_id) {
        team_id -> BigInt,
        month -> Date,
        status -> Text,
        verdict_id -> BigInt,
        n -> BigInt,
    }
}

diesel::table! {
    verdict_time_month_tallies (team_id, month, bucket) {
        team_id -> BigInt,
        month -> Date,
        bucket -> Integer,
        n -> BigInt,
    }
}

diesel::table! {
    verified_day_tallies (team_id, day, proposed_by) {
        team_id -> BigInt,
        day -> Date,
        proposed_by -> BigInt,
        n -> BigInt,
    }
}

diesel::table! {
    claim_tags (claim_id, tag) {
        claim_id -> BigInt,
        tag -> Text,
    }
}

diesel::table! {
    citations (id) {
        id -> BigInt,
        team_id -> BigInt,
        claim_id -> BigInt,
        url -> Text,
        title -> Text,
        publisher -> Nullable<Text>,
        excerpt -> Nullable<Text>,
        accessed_on -> Nullable<Date>,
        stance -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    comments (id) {
        id -> BigInt,
        team_id -> BigInt,
        claim_id -> BigInt,
        author_id -> BigInt,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reviews (id) {
        id -> BigInt,
        team_id -> BigInt,
        claim_id -> BigInt,
        reviewer_id -> BigInt,
        verdict_id -> BigInt,
        rationale -> Text,
        round -> Integer,
        blind -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    saved_views (id) {
        id -> BigInt,
        team_id -> BigInt,
        user_id -> BigInt,
        name -> Text,
        query -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        team_id -> BigInt,
        name -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    api_request_counts (token_id, window_start) {
        token_id -> BigInt,
        window_start -> Timestamp,
        requests -> Integer,
    }
}

// Two-factor sign-in (migration 000004).
diesel::table! {
    user_two_factor (user_id) {
        user_id -> BigInt,
        secret_sealed -> Text,
        created_at -> Timestamp,
        enabled_at -> Nullable<Timestamp>,
        last_used_step -> Nullable<BigInt>,
    }
}

diesel::table! {
    two_factor_recovery_codes (id) {
        id -> BigInt,
        user_id -> BigInt,
        code_hash -> Text,
        created_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    two_factor_challenges (id) {
        id -> BigInt,
        token_hash -> Text,
        user_id -> BigInt,
        next_path -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    team_two_factor (team_id) {
        team_id -> BigInt,
        required_since -> Timestamp,
        required_by -> BigInt,
    }
}

diesel::table! {
    publications (id) {
        id -> BigInt,
        team_id -> BigInt,
        claim_id -> BigInt,
        published_at -> Timestamp,
        published_by -> Nullable<BigInt>,
        verdict_label -> Nullable<Text>,
        rating -> Nullable<Integer>,
        record -> Text,
    }
}

diesel::table! {
    corrections (id) {
        id -> BigInt,
        team_id -> BigInt,
        claim_id -> BigInt,
        note -> Text,
        opened_by -> BigInt,
        opened_at -> Timestamp,
        from_publication -> Nullable<BigInt>,
        to_publication -> Nullable<BigInt>,
        closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    notifications (id) {
        id -> BigInt,
        team_id -> BigInt,
        user_id -> BigInt,
        kind -> Text,
        claim_id -> BigInt,
        actor_id -> Nullable<BigInt>,
        note -> Nullable<Text>,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        team_id -> Nullable<BigInt>,
        kind -> Text,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        link_path -> Nullable<Text>,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        gave_up_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    mail_optouts (user_id, team_id, kind) {
        user_id -> BigInt,
        team_id -> BigInt,
        kind -> Text,
    }
}

diesel::table! {
    password_resets (id) {
        id -> BigInt,
        user_id -> BigInt,
        token_hash -> Text,
        made_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(memberships -> teams (team_id));
diesel::joinable!(memberships -> users (user_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(sessions -> teams (team_id));
diesel::joinable!(invites -> teams (team_id));
diesel::joinable!(verdicts -> teams (team_id));
diesel::joinable!(articles -> teams (team_id));
diesel::joinable!(articles -> users (created_by));
diesel::joinable!(candidates -> articles (article_id));
diesel::joinable!(claims -> articles (article_id));
diesel::joinable!(claims -> verdicts (verdict_id));
diesel::joinable!(claim_tags -> claims (claim_id));
diesel::joinable!(citations -> claims (claim_id));
diesel::joinable!(comments -> claims (claim_id));
diesel::joinable!(comments -> users (author_id));
diesel::joinable!(reviews -> claims (claim_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(api_tokens -> teams (team_id));
diesel::joinable!(publications -> claims (claim_id));
diesel::joinable!(notifications -> claims (claim_id));

diesel::table! {
    jobs (id) {
        id -> BigInt,
        team_id -> Nullable<BigInt>,
        kind -> Text,
        subject_id -> BigInt,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        done_at -> Nullable<Timestamp>,
        failed_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    snapshots (id) {
        id -> BigInt,
        team_id -> BigInt,
        citation_id -> BigInt,
        requested_url -> Text,
        final_url -> Text,
        status -> Integer,
        media_type -> Text,
        charset -> Nullable<Text>,
        fetched_at -> Timestamp,
        sha256 -> Text,
        size_bytes -> BigInt,
        stored_bytes -> BigInt,
        body -> Binary,
        page_text -> Text,
    }
}

diesel::table! {
    evidence (citation_id) {
        citation_id -> BigInt,
        team_id -> BigInt,
        state -> Text,
        snapshot_id -> Nullable<BigInt>,
        excerpt_found -> Nullable<Bool>,
        checked_at -> Nullable<Timestamp>,
        note -> Nullable<Text>,
    }
}

diesel::joinable!(evidence -> citations (citation_id));
diesel::joinable!(snapshots -> citations (citation_id));

diesel::table! {
    webhooks (id) {
        id -> BigInt,
        team_id -> BigInt,
        url -> Text,
        events -> Text,
        secret_sealed -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        removed_at -> Nullable<Timestamp>,
        failing_since -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> BigInt,
        webhook_id -> BigInt,
        team_id -> BigInt,
        message_id -> Text,
        event -> Text,
        payload -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        delivered_at -> Nullable<Timestamp>,
        failed_at -> Nullable<Timestamp>,
        last_status -> Nullable<Integer>,
        last_error -> Nullable<Text>,
    }
}

diesel::joinable!(webhook_deliveries -> webhooks (webhook_id));

diesel::table! {
    feeds (id) {
        id -> BigInt,
        team_id -> BigInt,
        url -> Text,
        title -> Text,
        added_by -> BigInt,
        created_at -> Timestamp,
        removed_at -> Nullable<Timestamp>,
        etag -> Nullable<Text>,
        last_modified -> Nullable<Text>,
        polled_at -> Nullable<Timestamp>,
        last_result -> Nullable<Text>,
        articles_taken -> Integer,
    }
}

diesel::table! {
    feed_items (id) {
        id -> BigInt,
        feed_id -> BigInt,
        team_id -> BigInt,
        guid -> Text,
        link -> Nullable<Text>,
        article_id -> Nullable<BigInt>,
        seen_at -> Timestamp,
        note -> Nullable<Text>,
    }
}

diesel::joinable!(feed_items -> feeds (feed_id));

diesel::allow_tables_to_appear_in_same_query!(
    teams,
    users,
    memberships,
    sessions,
    invites,
    login_failures,
    setup_tokens,
    events,
    event_chains,
    verdicts,
    articles,
    candidates,
    claims,
    claim_counts,
    claim_day_tallies,
    article_day_tallies,
    article_tallies,
    verdict_time_tallies,
    verdict_time_month_tallies,
    claim_month_tallies,
    verified_day_tallies,
    claim_tags,
    citations,
    comments,
    reviews,
    saved_views,
    api_tokens,
    api_request_counts,
    publications,
    corrections,
    notifications,
    outbox,
    mail_optouts,
    password_resets,
    jobs,
    snapshots,
    evidence,
    webhooks,
    webhook_deliveries,
    feeds,
    feed_items,
);
