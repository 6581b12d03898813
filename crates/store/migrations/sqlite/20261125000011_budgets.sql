-- Participatory budgets: a budget belongs to a process (its voting phase decides when ballots are
-- taken), with projects, one ballot per voter (a unique constraint), receipt codes, paper ballots
-- entered twice by two officers, and the rule the budget is counted with.

CREATE TABLE budgets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    process_id BIGINT NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    total BIGINT NOT NULL,
    max_choices BIGINT NOT NULL DEFAULT 0,
    rule TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX budgets_process ON budgets(process_id, id);

CREATE TABLE budget_projects (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    budget_id BIGINT NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    cost BIGINT NOT NULL,
    category TEXT NOT NULL,
    district TEXT NOT NULL DEFAULT '',
    result_id BIGINT REFERENCES results(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX budget_projects_budget ON budget_projects(budget_id, id);

CREATE TABLE ballots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    budget_id BIGINT NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
    voter_id BIGINT REFERENCES users(id),
    sheet TEXT,
    receipt TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (budget_id, voter_id),
    UNIQUE (budget_id, sheet)
);

CREATE TABLE ballot_choices (
    ballot_id BIGINT NOT NULL REFERENCES ballots(id) ON DELETE CASCADE,
    project_id BIGINT NOT NULL REFERENCES budget_projects(id) ON DELETE CASCADE,
    PRIMARY KEY (ballot_id, project_id)
);

CREATE TABLE paper_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    budget_id BIGINT NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
    sheet TEXT NOT NULL,
    officer_id BIGINT NOT NULL REFERENCES users(id),
    choices TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (budget_id, sheet, officer_id)
);
