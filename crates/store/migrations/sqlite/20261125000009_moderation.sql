-- Moderation: reports on proposals and comments (one per person and item), content hidden after
-- enough reports or by a moderator, a public log (what and why, never who), appeals by authors,
-- and blocked accounts.

CREATE TABLE reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    reporter_id BIGINT NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    UNIQUE (kind, item_id, reporter_id)
);
CREATE INDEX reports_org ON reports(org_id, id);

CREATE TABLE moderation_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    reason TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX moderation_log_at ON moderation_log(id);

CREATE TABLE appeals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    decision TEXT,
    UNIQUE (kind, item_id, user_id)
);

ALTER TABLE proposals ADD COLUMN hidden_reason TEXT;
ALTER TABLE comments ADD COLUMN hidden_reason TEXT;
ALTER TABLE users ADD COLUMN blocked_at BIGINT;

-- The visible proposals of a process, by category, supports and comments, read from the index.
CREATE INDEX proposals_visible ON proposals(process_id, state, hidden_reason, category, supports, comments);
