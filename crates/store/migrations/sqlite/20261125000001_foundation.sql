-- Foundation: accounts, sessions, tokens, organisations, territories, memberships, invitations,
-- networks, commitments, audit log, jobs, rate limits. Timestamps are Unix seconds (BIGINT),
-- calendar dates are 'YYYY-MM-DD' text, flags are nullable timestamps or 0/1 BIGINT, so that one
-- query text reads the same on SQLite and PostgreSQL.

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT,
    lang TEXT NOT NULL DEFAULT 'it',
    email_confirmed_at BIGINT,
    instance_admin BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE tokens (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

CREATE TABLE territories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    istat_code TEXT UNIQUE,
    nuts3 TEXT,
    population BIGINT
);

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    website TEXT,
    email TEXT,
    territory_id BIGINT REFERENCES territories(id),
    default_lang TEXT NOT NULL DEFAULT 'it',
    search_text TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX organisations_kind ON organisations(kind);
CREATE INDEX organisations_territory ON organisations(territory_id);

CREATE TABLE memberships (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, org_id)
);
CREATE INDEX memberships_org ON memberships(org_id);

CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    invited_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    accepted_at BIGINT,
    accepted_by BIGINT REFERENCES users(id)
);
CREATE INDEX invitations_org ON invitations(org_id);

CREATE TABLE network_members (
    network_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    since TEXT NOT NULL,
    PRIMARY KEY (network_id, org_id)
);
CREATE INDEX network_members_org ON network_members(org_id);

CREATE TABLE commitments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    title_it TEXT NOT NULL,
    title_en TEXT NOT NULL,
    description_it TEXT NOT NULL,
    description_en TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE commitment_signatures (
    commitment_id BIGINT NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    signed_on TEXT NOT NULL,
    PRIMARY KEY (commitment_id, org_id)
);

-- The audit log is append-only and hash-chained; audit_head holds the last sequence number and
-- hash, and every writing transaction locks it first, which serialises writers on both engines.
CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id BIGINT,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued',
    attempts BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL,
    run_at BIGINT NOT NULL,
    locked_until BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX jobs_ready ON jobs(status, run_at);

CREATE TABLE rate_events (
    key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX rate_events_key ON rate_events(key, at);
