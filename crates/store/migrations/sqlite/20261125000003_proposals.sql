-- Proposals in a process, their supports and status history, threaded comments, and the search
-- index shared by every kind of content (terms computed by engines::text, the same on both engines).

ALTER TABLE processes ADD COLUMN support_limit BIGINT NOT NULL DEFAULT 0;
ALTER TABLE processes ADD COLUMN support_threshold BIGINT NOT NULL DEFAULT 0;

CREATE TABLE proposals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    process_id BIGINT NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES users(id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    category TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    cost BIGINT,
    state TEXT NOT NULL,
    answer TEXT,
    answer_text TEXT NOT NULL DEFAULT '',
    supports BIGINT NOT NULL DEFAULT 0,
    comments BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    published_at BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX proposals_process ON proposals(process_id, state, id);
CREATE INDEX proposals_supports ON proposals(process_id, state, supports);
CREATE INDEX proposals_author ON proposals(author_id);

CREATE TABLE proposal_supports (
    proposal_id BIGINT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    process_id BIGINT NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (proposal_id, user_id)
);
CREATE INDEX proposal_supports_user ON proposal_supports(user_id, process_id);

CREATE TABLE proposal_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    state TEXT,
    text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX proposal_events_proposal ON proposal_events(proposal_id, id);

CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_kind TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    parent_id BIGINT REFERENCES comments(id),
    root_id BIGINT,
    author_id BIGINT NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    alignment BIGINT NOT NULL DEFAULT 0,
    ups BIGINT NOT NULL DEFAULT 0,
    downs BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    edited_at BIGINT
);
CREATE INDEX comments_subject ON comments(subject_kind, subject_id, id);
CREATE INDEX comments_root ON comments(root_id, id);

CREATE TABLE comment_votes (
    comment_id BIGINT NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    value BIGINT NOT NULL,
    PRIMARY KEY (comment_id, user_id)
);

CREATE TABLE comment_edits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    comment_id BIGINT NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX comment_edits_comment ON comment_edits(comment_id, id);

CREATE TABLE search_docs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    process_id BIGINT,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    href TEXT NOT NULL,
    UNIQUE (kind, item_id)
);

CREATE TABLE search_terms (
    term TEXT NOT NULL,
    doc_id BIGINT NOT NULL REFERENCES search_docs(id) ON DELETE CASCADE,
    weight BIGINT NOT NULL,
    PRIMARY KEY (term, doc_id)
);
CREATE INDEX search_terms_doc ON search_terms(doc_id);
