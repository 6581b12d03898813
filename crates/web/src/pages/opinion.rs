//! Opinion maps: the map page (an SVG of the base clusters coloured by group with the reader's own
//! place, and the same content as text), the voting page (one statement at a time in routing
//! order, works without JavaScript), statements submitted and moderated, the facilitator's report,
//! and the Pol.is export files.

use super::{NoticeQuery, notice, page, page_status, redirect_or_again, see_other};
use crate::ctx::Ctx;
use crate::error::{FormErrors, WebResult};
use app::App;
use app::opinion::{self as op, MapInput, MapView};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::IntoResponse;

/// Group colours (each with 3:1 contrast on white) and their letters.
const COLOURS: [&str; 5] = ["#1d5fa3", "#b4470c", "#137a3a", "#7a2fb8", "#8a6206"];
const LETTERS: [&str; 5] = ["A", "B", "C", "D", "E"];

/// The picture of the map: base clusters as circles sized by members, coloured and lettered by
/// group, and the reader's own place.
fn svg(v: &MapView, me: Option<i64>, you: &str, title: &str) -> String {
    let Some(r) = &v.result else {
        return String::new();
    };
    if r.bases.is_empty() {
        return String::new();
    }
    let mine = me.and_then(|u| r.positions.get(&u)).copied();
    let xs = r.bases.iter().map(|b| b.x).chain(mine.map(|p| p[0]));
    let ys = r.bases.iter().map(|b| b.y).chain(mine.map(|p| p[1]));
    let (x0, x1) = xs.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
    let (y0, y1) = ys.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
    let (w, h, pad) = (560.0, 400.0, 40.0);
    let sx = |x: f64| pad + (x - x0) / (x1 - x0).max(1e-9) * (w - 2.0 * pad);
    let sy = |y: f64| pad + (y - y0) / (y1 - y0).max(1e-9) * (h - 2.0 * pad);
    let mut out = format!(
        "<svg class=\"opinion-map\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"map-svg-title\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"map-svg-title\">{}</title><rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#fafafa\" stroke=\"#767676\"/>",
        askama::filters::escape(title, askama::filters::Html)
            .map(|e| e.to_string())
            .unwrap_or_default()
    );
    for b in &r.bases {
        let radius = 4.0 + 3.0 * (b.size as f64).sqrt();
        let colour = COLOURS[b.group % COLOURS.len()];
        out.push_str(&format!(
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{radius:.1}\" fill=\"{colour}\" fill-opacity=\"0.75\" stroke=\"#1a1a1a\" stroke-width=\"0.5\"/>",
            sx(b.x),
            sy(b.y)
        ));
    }
    // Each group's letter on its largest base cluster.
    for (g, _) in r.groups.iter().enumerate() {
        if let Some(b) = r
            .bases
            .iter()
            .filter(|b| b.group == g)
            .max_by_key(|b| b.size)
        {
            out.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"18\" font-weight=\"bold\" text-anchor=\"middle\" dominant-baseline=\"central\" fill=\"#ffffff\" stroke=\"#1a1a1a\" stroke-width=\"0.6\">{}</text>",
                sx(b.x),
                sy(b.y),
                LETTERS[g % LETTERS.len()]
            ));
        }
    }
    if let Some(p) = mine {
        let (x, y) = (sx(p[0]), sy(p[1]));
        out.push_str(&format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"9\" fill=\"none\" stroke=\"#000000\" stroke-width=\"3\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"14\" fill=\"#000000\">{}</text>",
            x + 12.0,
            y + 5.0,
            askama::filters::escape(you, askama::filters::Html).map(|e| e.to_string()).unwrap_or_default()
        ));
    }
    out.push_str("</svg>");
    out
}

#[derive(Template)]
#[template(path = "opinion_map.html")]
struct MapPage {
    c: Ctx,
    v: MapView,
    picture: String,
    /// The reader's group, when placed.
    my_group: Option<usize>,
    notice: &'static str,
}

impl MapPage {
    fn href(&self) -> String {
        format!(
            "/processes/{}/opinion/{}",
            self.v.process.slug, self.v.map.id
        )
    }

    fn letter(&self, g: &usize) -> &'static str {
        LETTERS[*g % LETTERS.len()]
    }

    fn text(&self, id: &i64) -> String {
        self.v.text_of(*id)
    }

    fn direction_key(&self, d: &str) -> String {
        format!("opinion-direction-{d}")
    }
}

pub async fn show(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Query(n): Query<NoticeQuery>,
) -> WebResult {
    let v = op::view(&app, &c.actor, &slug, id).await?;
    let me = c.actor.user.map(|u| u.0);
    let picture = svg(&v, me, &c.t("opinion-you"), &c.t("opinion-map-picture"));
    let my_group = me.and_then(|u| {
        v.result
            .as_ref()
            .and_then(|r| r.membership.get(&u).copied())
    });
    page(MapPage {
        notice: notice(n.notice.as_deref()),
        c,
        v,
        picture,
        my_group,
    })
}

#[derive(Template)]
#[template(path = "opinion_vote.html")]
struct VotePage {
    c: Ctx,
    v: MapView,
    next: Option<store::opinion::StatementRow>,
    statement: String,
    errors: FormErrors,
    notice: &'static str,
}

impl VotePage {
    fn href(&self) -> String {
        format!(
            "/processes/{}/opinion/{}",
            self.v.process.slug, self.v.map.id
        )
    }
}

async fn vote_page(
    app: &App,
    c: Ctx,
    slug: &str,
    id: i64,
    statement: String,
    errors: FormErrors,
    notice: &'static str,
) -> WebResult {
    let v = op::view(app, &c.actor, slug, id).await?;
    let next = v.next().cloned();
    page_status(
        errors.status(),
        VotePage {
            c,
            v,
            next,
            statement,
            errors,
            notice,
        },
    )
}

pub async fn vote_form(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Query(n): Query<NoticeQuery>,
) -> WebResult {
    let notice = notice(n.notice.as_deref());
    vote_page(
        &app,
        c,
        &slug,
        id,
        String::new(),
        FormErrors::default(),
        notice,
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct VoteForm {
    pub statement: i64,
    pub vote: String,
}

pub async fn vote(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<VoteForm>,
) -> WebResult {
    let done = op::vote(&app, &c.actor, &slug, id, f.statement, &f.vote).await;
    redirect_or_again(
        done,
        |()| format!("/processes/{slug}/opinion/{id}/vote#statement"),
        |errors| vote_page(&app, c, &slug, id, String::new(), errors, ""),
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct StatementForm {
    pub statement: String,
}

pub async fn submit(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<StatementForm>,
) -> WebResult {
    let done = op::add_statement(&app, &c.actor, &slug, id, &f.statement).await;
    redirect_or_again(
        done,
        |(_, state)| {
            let notice = if state == "pending" {
                "notice-statement-pending"
            } else {
                "notice-statement-added"
            };
            format!("/processes/{slug}/opinion/{id}/vote?notice={notice}")
        },
        |errors| vote_page(&app, c, &slug, id, f.statement, errors, ""),
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ModerateForm {
    pub decision: String,
}

pub async fn moderate(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id, sid)): Path<(String, i64, i64)>,
    Form(f): Form<ModerateForm>,
) -> WebResult {
    let accept = match f.decision.as_str() {
        "accept" => true,
        "reject" => false,
        _ => {
            return Err(
                domain::DomainError::invalid("decision", "amendment-decision-invalid").into(),
            );
        }
    };
    op::moderate(&app, &c.actor, &slug, id, sid, accept).await?;
    see_other(&format!(
        "/processes/{slug}/opinion/{id}?notice=notice-saved#moderation"
    ))
}

pub async fn close(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> WebResult {
    op::close(&app, &c.actor, &slug, id).await?;
    see_other(&format!(
        "/processes/{slug}/opinion/{id}?notice=notice-saved"
    ))
}

/// Creates a map (managers); refused forms go back to the process page.
pub async fn create(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<MapInput>,
) -> WebResult {
    let done = op::create(&app, &c.actor, &slug, &f).await;
    redirect_or_again(
        done,
        |id| format!("/processes/{slug}/opinion/{id}?notice=notice-created"),
        |errors| {
            let typed = super::participation::Typed {
                opinion: f,
                ..Default::default()
            };
            super::participation::process_page(&app, c, &slug, typed, errors, "")
        },
    )
    .await
}

#[derive(Template)]
#[template(path = "opinion_report.html")]
struct ReportPage {
    c: Ctx,
    v: MapView,
    rows: Vec<op::ReportRow>,
}

impl ReportPage {
    fn letter(&self, g: &usize) -> &'static str {
        LETTERS[*g % LETTERS.len()]
    }

    fn text(&self, id: &i64) -> String {
        self.v.text_of(*id)
    }
}

/// The report a facilitator hands to the municipality.
pub async fn report(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> WebResult {
    let (v, rows) = op::report(&app, &c.actor, &slug, id).await?;
    page(ReportPage { c, v, rows })
}

/// `votes.csv` or `comments.csv` in the Pol.is export format.
pub async fn export(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id, file)): Path<(String, i64, String)>,
) -> WebResult {
    let (votes, comments) = op::export(&app, &c.actor, &slug, id).await?;
    let body = match file.as_str() {
        "votes.csv" => votes,
        "comments.csv" => comments,
        _ => return Err(domain::DomainError::NotFound.into()),
    };
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        body,
    )
        .into_response())
}
