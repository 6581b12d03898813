//! Surveys, their questions, and responses: one per respondent key (a database constraint).

use crate::{Result, Store, StoreError, WriteTx};

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct SurveyRow {
    pub id: i64,
    pub process_id: i64,
    pub title: String,
    pub description: String,
    pub anonymous: i64,
    #[serde(skip)]
    pub salt: String,
    pub open: i64,
    pub responses: i64,
    pub created_at: i64,
}

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct QuestionRow {
    pub id: i64,
    pub position: i64,
    /// `single`, `multiple`, `short`, `long`, `scale5`, `scale10`, `ranking`, `matrix`.
    pub kind: String,
    pub prompt: String,
    /// One option per line.
    pub options: String,
    /// Matrix rows, one per line.
    pub matrix_rows: String,
    pub required: i64,
}

impl QuestionRow {
    pub fn option_list(&self) -> Vec<&str> {
        self.options
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }

    pub fn row_list(&self) -> Vec<&str> {
        self.matrix_rows
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }
}

/// One stored answer: `(question, item, value)`.
pub type Answer = (i64, i64, String);

const SELECT: &str = "SELECT id, process_id, title, description, anonymous, salt, open, responses, created_at FROM surveys";

impl WriteTx {
    pub async fn insert_survey(
        &mut self,
        process: i64,
        title: &str,
        description: &str,
        anonymous: bool,
        salt: &str,
        now: i64,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO surveys (process_id, title, description, anonymous, salt, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(process)
        .bind(title.to_owned())
        .bind(description.to_owned())
        .bind(i64::from(anonymous))
        .bind(salt.to_owned())
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await?)
    }

    pub async fn insert_question(
        &mut self,
        survey: i64,
        kind: &str,
        prompt: &str,
        options: &str,
        rows: &str,
        required: bool,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO survey_questions (survey_id, position, kind, prompt, options, matrix_rows, required) \
             VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM survey_questions WHERE survey_id = $1), $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(survey)
        .bind(kind.to_owned())
        .bind(prompt.to_owned())
        .bind(options.to_owned())
        .bind(rows.to_owned())
        .bind(i64::from(required))
        .fetch_one(&mut *self.tx)
        .await?)
    }

    pub async fn set_survey_open(&mut self, survey: i64, open: bool) -> Result<()> {
        sqlx::query("UPDATE surveys SET open = $2 WHERE id = $1")
            .bind(survey)
            .bind(i64::from(open))
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Stores a response; [`StoreError::Duplicate`] when this respondent already answered.
    pub async fn insert_response(
        &mut self,
        survey: i64,
        user: Option<i64>,
        key: &str,
        answers: &[Answer],
        now: i64,
    ) -> Result<i64> {
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO survey_responses (survey_id, user_id, respondent_key, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(survey)
        .bind(user)
        .bind(key.to_owned())
        .bind(now)
        .fetch_optional(&mut *self.tx)
        .await?;
        let Some(id) = inserted else {
            return Err(StoreError::Duplicate);
        };
        for (q, item, value) in answers {
            sqlx::query("INSERT INTO survey_answers (response_id, question_id, item, value) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(*q)
                .bind(*item)
                .bind(value.clone())
                .execute(&mut *self.tx)
                .await?;
        }
        sqlx::query("UPDATE surveys SET responses = responses + 1 WHERE id = $1")
            .bind(survey)
            .execute(&mut *self.tx)
            .await?;
        Ok(id)
    }
}

impl Store {
    pub async fn survey(&self, id: i64) -> Result<Option<SurveyRow>> {
        Ok(
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1")))
                .bind(id)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    pub async fn surveys(&self, process: i64) -> Result<Vec<SurveyRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE process_id = $1 ORDER BY id"
        )))
        .bind(process)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn questions(&self, survey: i64) -> Result<Vec<QuestionRow>> {
        Ok(sqlx::query_as(
            "SELECT id, position, kind, prompt, options, matrix_rows, required FROM survey_questions WHERE survey_id = $1 ORDER BY position",
        )
        .bind(survey)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn has_responded(&self, survey: i64, key: &str) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM survey_responses WHERE survey_id = $1 AND respondent_key = $2",
        )
        .bind(survey)
        .bind(key.to_owned())
        .fetch_one(self.pool())
        .await?;
        Ok(n > 0)
    }

    /// Every answer of a survey: `(response, question, item, value)` in response order.
    pub async fn survey_answers(&self, survey: i64) -> Result<Vec<(i64, i64, i64, String)>> {
        Ok(sqlx::query_as(
            "SELECT a.response_id, a.question_id, a.item, a.value FROM survey_answers a \
             JOIN survey_responses r ON r.id = a.response_id WHERE r.survey_id = $1 ORDER BY a.response_id, a.question_id, a.item",
        )
        .bind(survey)
        .fetch_all(self.pool())
        .await?)
    }

    /// Responses of a survey: `(id, created_at)`.
    pub async fn survey_responses(&self, survey: i64) -> Result<Vec<(i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT id, created_at FROM survey_responses WHERE survey_id = $1 ORDER BY id",
        )
        .bind(survey)
        .fetch_all(self.pool())
        .await?)
    }
}
