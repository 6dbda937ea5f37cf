-- Console sign-in sessions kept on the server, so that a sign-out, a password or role change,
-- disabling the account, the idle timeout and the absolute lifetime end a session on every
-- instance at once. The cookie carries the session id; only its SHA-256 is stored here.
CREATE TABLE console_session (
    id_hash      VARCHAR(64)  NOT NULL PRIMARY KEY,
    username     VARCHAR(64)  NOT NULL,
    address      VARCHAR(64),
    created_at   TIMESTAMP(6) NOT NULL,
    last_seen_at TIMESTAMP(6) NOT NULL
);
CREATE INDEX ix_console_session_username ON console_session (username);
