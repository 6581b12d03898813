-- Spaces grow up: private processes visible only to invited members, space roles (member,
-- facilitator, moderator, evaluator), co-organising organisations, debates, follows with in-app
-- notifications and an e-mail digest, amendments, endorsements by organisations, and proposals
-- born in a meeting.

ALTER TABLE processes ADD COLUMN private BIGINT NOT NULL DEFAULT 0;

CREATE TABLE process_roles (
    process_id BIGINT NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (process_id, user_id, role)
);
CREATE INDEX process_roles_user ON process_roles(user_id);

CREATE TABLE process_coorganisers (
    process_id BIGINT NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (process_id, org_id)
);
CREATE INDEX process_coorganisers_org ON process_coorganisers(org_id);

CREATE TABLE debates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    process_id BIGINT NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES users(id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    comments BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    closed_at BIGINT
);
CREATE INDEX debates_process ON debates(process_id, id);

CREATE TABLE follows (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    subject_kind TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, subject_kind, subject_id)
);
CREATE INDEX follows_subject ON follows(subject_kind, subject_id);

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    href TEXT NOT NULL,
    read_at BIGINT,
    mailed_at BIGINT
);
CREATE INDEX notifications_user ON notifications(user_id, id);

ALTER TABLE users ADD COLUMN digest TEXT NOT NULL DEFAULT 'weekly';
ALTER TABLE users ADD COLUMN digest_sent_at BIGINT;

CREATE TABLE amendments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES users(id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    decided_at BIGINT
);
CREATE INDEX amendments_proposal ON amendments(proposal_id, id);

CREATE TABLE endorsements (
    proposal_id BIGINT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (proposal_id, org_id)
);

ALTER TABLE proposals ADD COLUMN meeting_id BIGINT REFERENCES meetings(id);
