-- Residents' verification against an organisation's census: only salted hashes of
-- (identifier, date of birth) are stored; one account per census record; second claims flagged.

CREATE TABLE census_salts (
    org_id BIGINT PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
    salt TEXT NOT NULL
);

CREATE TABLE census_records (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    record_hash TEXT NOT NULL,
    claimed_by BIGINT REFERENCES users(id),
    claimed_at BIGINT,
    UNIQUE (org_id, record_hash)
);
CREATE UNIQUE INDEX census_records_claim ON census_records(org_id, claimed_by);

CREATE TABLE census_uploads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    uploaded_by BIGINT REFERENCES users(id),
    rows_count BIGINT NOT NULL,
    at BIGINT NOT NULL
);

CREATE TABLE verification_flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    record_id BIGINT NOT NULL REFERENCES census_records(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    at BIGINT NOT NULL
);

ALTER TABLE processes ADD COLUMN verify_proposing BIGINT NOT NULL DEFAULT 0;
ALTER TABLE processes ADD COLUMN verify_supporting BIGINT NOT NULL DEFAULT 0;
