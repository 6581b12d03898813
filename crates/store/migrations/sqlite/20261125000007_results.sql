-- Results (accountability): what the organisation does with the input, with status, progress,
-- dated updates, and links to the proposals they come from.

CREATE TABLE results (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    process_id BIGINT NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    progress BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX results_process ON results(process_id);

CREATE TABLE result_proposals (
    result_id BIGINT NOT NULL REFERENCES results(id) ON DELETE CASCADE,
    proposal_id BIGINT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    PRIMARY KEY (result_id, proposal_id)
);
CREATE INDEX result_proposals_proposal ON result_proposals(proposal_id);

CREATE TABLE result_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    result_id BIGINT NOT NULL REFERENCES results(id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    status TEXT NOT NULL,
    progress BIGINT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX result_updates_result ON result_updates(result_id, id);
