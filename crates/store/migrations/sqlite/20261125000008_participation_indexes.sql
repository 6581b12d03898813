-- Covering indexes for the large lists: search postings read without touching the table, and a
-- process's proposals filtered by category and ordered by supports, counted per category.

CREATE INDEX search_terms_cover ON search_terms(term, doc_id, weight);
CREATE INDEX proposals_category ON proposals(process_id, state, category, supports);
