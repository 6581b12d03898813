-- Opinion maps in a process: statements (seeded by facilitators or submitted by participants,
-- moderated strictly or leniently), one vote per participant and statement (agree 1, disagree -1,
-- pass 0), and the last computation: the engine's state (so an update after a restart continues
-- exactly) and the result the pages show. Recomputation is a job, throttled by `recompute_due`.

CREATE TABLE opinion_maps (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    process_id BIGINT NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    question TEXT NOT NULL,
    strict BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    closed_at BIGINT,
    recompute_due BIGINT,
    computed_at BIGINT,
    computed_votes BIGINT NOT NULL DEFAULT 0,
    state TEXT,
    result TEXT
);
CREATE INDEX opinion_maps_process ON opinion_maps(process_id, id);

CREATE TABLE opinion_statements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    map_id BIGINT NOT NULL REFERENCES opinion_maps(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users(id),
    text TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX opinion_statements_map ON opinion_statements(map_id, status, id);

CREATE TABLE opinion_votes (
    map_id BIGINT NOT NULL REFERENCES opinion_maps(id) ON DELETE CASCADE,
    statement_id BIGINT NOT NULL REFERENCES opinion_statements(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    vote BIGINT NOT NULL,
    at BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (statement_id, user_id)
);
CREATE INDEX opinion_votes_map ON opinion_votes(map_id, seq);
CREATE INDEX opinion_votes_user ON opinion_votes(user_id, map_id);
