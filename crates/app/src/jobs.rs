//! The jobs worker: claims due jobs from the database and runs them; a failure is retried with
//! exponential back-off (10 s, 20 s, 40 s … at most an hour) until the job's attempts run out.
//! Any number of workers may run, on any node. The worker also queues the e-mail digests of
//! notifications when they are due.

use crate::mail::{OutgoingMail, SEND_JOB};
use crate::{App, Result, now};
use std::time::Duration;
use tracing::Instrument;

/// How long a claimed job stays locked before another worker may take it over.
const LOCK_SECS: i64 = 300;

/// Runs one due job; `Ok(false)` when none was due.
pub async fn run_one(app: &App) -> Result<bool> {
    let Some(job) = app.store.claim_job(now(), LOCK_SECS).await? else {
        return Ok(false);
    };
    let span = tracing::info_span!("job", id = job.id, kind = %job.kind, attempt = job.attempts);
    let outcome = run_job(app, &job).instrument(span).await;
    match outcome {
        Ok(()) => app.store.complete_job(job.id, now()).await?,
        Err(e) => {
            tracing::warn!(error = %e, job = job.id, "job failed");
            let backoff = 10i64
                .saturating_mul(1 << job.attempts.clamp(0, 9))
                .min(3600);
            app.store.fail_job(&job, &e, now() + backoff).await?;
        }
    }
    Ok(true)
}

async fn run_job(app: &App, job: &store::jobs::Job) -> std::result::Result<(), String> {
    match job.kind.as_str() {
        SEND_JOB => match serde_json::from_str::<OutgoingMail>(&job.payload) {
            Ok(mail) => app.mailer.send(&mail).await,
            Err(e) => Err(format!("bad payload: {e}")),
        },
        crate::opinion::RECOMPUTE_JOB => crate::opinion::run_job(app, &job.payload).await,
        other => Err(format!("unknown job kind {other}")),
    }
}

/// Runs every job that is due now, then returns how many ran.
pub async fn drain(app: &App) -> Result<usize> {
    let mut n = 0;
    while run_one(app).await? {
        n += 1;
    }
    Ok(n)
}

/// Seconds between two looks for due e-mail digests.
const DIGEST_EVERY: i64 = 60;

/// Runs jobs until `shutdown` resolves, polling once a second when idle; once a minute it queues
/// the e-mail digests that are due (each person is claimed in a transaction, so any number of
/// workers may do this).
pub async fn run_worker(app: App, shutdown: impl std::future::Future<Output = ()>) {
    tokio::pin!(shutdown);
    let mut digests_at = 0;
    loop {
        if now() >= digests_at {
            digests_at = now() + DIGEST_EVERY;
            if let Err(e) = crate::notifications::send_digests(&app, now()).await {
                tracing::error!(error = %e, "worker could not queue the digests");
            }
        }
        let idle = match run_one(&app).await {
            Ok(ran) => !ran,
            Err(e) => {
                tracing::error!(error = %e, "worker could not claim a job");
                true
            }
        };
        if idle {
            tokio::select! {
                _ = &mut shutdown => return,
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
        }
    }
}
