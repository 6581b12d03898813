-- Meetings of a process: in person, online or hybrid, with a method, a capacity, registrations
-- with a waiting list and codes, attendance counts and minutes. Times are local 'YYYY-MM-DDTHH:MM'
-- text in the organisation's time zone, so both engines compare them alike.

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    process_id BIGINT NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    kind TEXT NOT NULL,
    method TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    online_url TEXT NOT NULL DEFAULT '',
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    capacity BIGINT NOT NULL DEFAULT 0,
    registered BIGINT NOT NULL DEFAULT 0,
    waiting BIGINT NOT NULL DEFAULT 0,
    attendees BIGINT,
    minutes TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    closed_at BIGINT
);
CREATE INDEX meetings_process ON meetings(process_id, starts_at);

CREATE TABLE meeting_registrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    code TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (meeting_id, user_id)
);
CREATE INDEX meeting_registrations_queue ON meeting_registrations(meeting_id, status, id);
