-- Participatory processes (spaces) owned by an organisation, with dated phases that decide what
-- is open. Dates are 'YYYY-MM-DD' text, so comparisons are the same on both engines.

CREATE TABLE processes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    slug TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    question TEXT NOT NULL,
    promise TEXT NOT NULL,
    iap2 TEXT NOT NULL,
    published_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX processes_org ON processes(org_id);

CREATE TABLE process_phases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    process_id BIGINT NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL
);
CREATE INDEX process_phases_process ON process_phases(process_id, starts_on);
