-- Surveys of a process: ordered questions of eight kinds, one response per person (enforced by a
-- unique respondent key; for anonymous surveys the key is a salted hash nobody can link back).

CREATE TABLE surveys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    process_id BIGINT NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    anonymous BIGINT NOT NULL DEFAULT 0,
    salt TEXT NOT NULL,
    open BIGINT NOT NULL DEFAULT 1,
    responses BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX surveys_process ON surveys(process_id);

CREATE TABLE survey_questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    survey_id BIGINT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL,
    prompt TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '',
    matrix_rows TEXT NOT NULL DEFAULT '',
    required BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX survey_questions_survey ON survey_questions(survey_id, position);

CREATE TABLE survey_responses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    survey_id BIGINT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users(id),
    respondent_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (survey_id, respondent_key)
);

CREATE TABLE survey_answers (
    response_id BIGINT NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
    question_id BIGINT NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
    item BIGINT NOT NULL DEFAULT 0,
    value TEXT NOT NULL
);
CREATE INDEX survey_answers_question ON survey_answers(question_id);
CREATE INDEX survey_answers_response ON survey_answers(response_id);
