-- Polled upstream CAP feeds: per-feed fetch state (conditional GET, backoff, lease) and the
-- entries already handled, so a restart does not fetch every document again.
CREATE TABLE cap_feed_state (
    name            VARCHAR(100)  NOT NULL PRIMARY KEY,
    etag            VARCHAR(500),
    last_modified   VARCHAR(100),
    failures        INT           NOT NULL,
    last_error      VARCHAR(1000),
    last_polled_at  TIMESTAMP(6),
    last_success_at TIMESTAMP(6),
    next_attempt_at TIMESTAMP(6),
    lease_owner     VARCHAR(100),
    lease_until     TIMESTAMP(6)
);

CREATE TABLE cap_feed_entry (
    feed        VARCHAR(100)  NOT NULL,
    entry_key   VARCHAR(64)   NOT NULL,
    location    VARCHAR(1000) NOT NULL,
    outcome     VARCHAR(16)   NOT NULL,
    detail      VARCHAR(1000),
    received_id BIGINT,
    seen_at     TIMESTAMP(6)  NOT NULL,
    PRIMARY KEY (feed, entry_key)
);
