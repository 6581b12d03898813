//! Meetings on SQLite and PostgreSQL: a meeting fills up, the waiting list moves up when someone
//! cancels, organisers record attendance and minutes, bad input is explained, and the iCalendar
//! file carries the meeting.

mod common;

use common::{actor, demo_app};
use domain::DomainError;
use domain::accounts::UserId;
use domain::policy::Actor;
use learning_city_app::meetings::{self, CloseInput, MeetingInput};
use learning_city_app::{App, AppError};
use store::accounts::NewUser;
use store::testing::stores;

const YOUTH: &str = "centro-giovani-san-michele";

async fn people(app: &App, n: usize) -> Vec<Actor> {
    let mut tx = app.store.write().await.expect("tx");
    let mut out = Vec::new();
    for i in 0..n {
        let id = tx
            .insert_user(NewUser {
                email: &format!("partecipante{i}@example.org"),
                name: "Partecipante",
                password_hash: None,
                lang: "it",
                confirmed_at: Some(1),
                instance_admin: false,
                now: 1,
            })
            .await
            .expect("user");
        out.push(Actor {
            user: Some(UserId(id)),
            ..Actor::default()
        });
    }
    tx.commit().await.expect("commit");
    out
}

fn fields(e: AppError) -> Vec<(&'static str, &'static str)> {
    match e {
        AppError::Domain(DomainError::Invalid(list)) => {
            list.into_iter().map(|f| (f.field, f.code)).collect()
        }
        e => panic!("expected invalid input, got {e:?}"),
    }
}

#[tokio::test]
async fn a_full_meeting_has_a_waiting_list_that_moves_up() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let official = actor(&app, "funzionario@demo.example").await;
        let outsider = actor(&app, "associazione@demo.example").await;
        // San Michele's youth centre belongs to another municipality than Valdora.
        let input = MeetingInput {
            title: "Laboratorio sugli orari".into(),
            description: "Decidiamo insieme gli orari del centro.".into(),
            kind: "hybrid".into(),
            method: "workshop".into(),
            place: "Ex scuola di via Roma".into(),
            online_url: "https://meet.example.org/orari".into(),
            starts_at: "2027-01-15 17:30".into(),
            ends_at: "2027-01-15T19:00".into(),
            capacity: "2".into(),
        };
        let err = meetings::create(&app, &outsider, YOUTH, &input)
            .await
            .expect_err("not theirs");
        assert!(matches!(err, AppError::Domain(DomainError::Forbidden)));
        let err = meetings::create(&app, &official, YOUTH, &input)
            .await
            .expect_err("not Valdora's");
        assert!(matches!(err, AppError::Domain(DomainError::Forbidden)));
        let admin = actor(&app, "admin@demo.example").await;
        let bad = MeetingInput {
            title: "X".into(),
            kind: "online".into(),
            method: "séance".into(),
            starts_at: "2027-01-15 19:00".into(),
            ends_at: "2027-01-15 18:00".into(),
            capacity: "-1".into(),
            ..Default::default()
        };
        let mut got = fields(
            meetings::create(&app, &admin, YOUTH, &bad)
                .await
                .expect_err("bad"),
        );
        got.sort();
        assert_eq!(
            got,
            vec![
                ("capacity", "capacity-invalid"),
                ("ends_at", "meeting-ends-before-start"),
                ("method", "meeting-method-invalid"),
                ("online_url", "meeting-url-required"),
                ("title", "text-required"),
            ]
        );
        let id = meetings::create(&app, &admin, YOUTH, &input)
            .await
            .expect("create");

        let p = people(&app, 4).await;
        assert_eq!(
            meetings::register(&app, &p[0], YOUTH, id).await.expect("1"),
            "confirmed"
        );
        assert_eq!(
            meetings::register(&app, &p[1], YOUTH, id).await.expect("2"),
            "confirmed"
        );
        assert_eq!(
            meetings::register(&app, &p[2], YOUTH, id).await.expect("3"),
            "waiting"
        );
        assert_eq!(
            meetings::register(&app, &p[3], YOUTH, id).await.expect("4"),
            "waiting"
        );
        assert_eq!(
            meetings::register(&app, &p[0], YOUTH, id)
                .await
                .expect("again"),
            "confirmed"
        );
        let v = meetings::view(&app, &p[0], YOUTH, id).await.expect("view");
        assert_eq!((v.meeting.registered, v.meeting.waiting), (2, 2));
        let code = v.mine.expect("registered").code;
        assert_eq!(code.len(), 8);
        assert!(
            code.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        );
        // The first confirmed person cancels: the first waiting takes the place, in order.
        meetings::cancel(&app, &p[0], YOUTH, id)
            .await
            .expect("cancel");
        let v = meetings::view(&app, &p[2], YOUTH, id).await.expect("view");
        assert_eq!(v.mine.map(|r| r.status), Some("confirmed".to_owned()));
        let v3 = meetings::view(&app, &p[3], YOUTH, id).await.expect("view");
        assert_eq!(v3.mine.map(|r| r.status), Some("waiting".to_owned()));
        assert_eq!((v.meeting.registered, v.meeting.waiting), (2, 1));
        assert_eq!(
            app.store.count_registrations(id).await.expect("count"),
            (2, 1)
        );
        // Someone waiting gives up: places do not change.
        meetings::cancel(&app, &p[3], YOUTH, id)
            .await
            .expect("cancel waiting");
        assert_eq!(
            app.store.count_registrations(id).await.expect("count"),
            (2, 0)
        );

        let err = meetings::close(
            &app,
            &p[1],
            YOUTH,
            id,
            &CloseInput {
                attendees: "2".into(),
                minutes: String::new(),
            },
        )
        .await
        .expect_err("participants do not close");
        assert!(matches!(err, AppError::Domain(DomainError::Forbidden)));
        assert_eq!(
            fields(
                meetings::close(
                    &app,
                    &admin,
                    YOUTH,
                    id,
                    &CloseInput {
                        attendees: "due".into(),
                        minutes: String::new()
                    }
                )
                .await
                .expect_err("bad")
            ),
            vec![("attendees", "attendees-invalid")]
        );
        meetings::close(
            &app,
            &admin,
            YOUTH,
            id,
            &CloseInput {
                attendees: "17".into(),
                minutes: "Orari decisi: 15-20.".into(),
            },
        )
        .await
        .expect("close");
        let err = meetings::register(&app, &p[3], YOUTH, id)
            .await
            .expect_err("past");
        assert!(matches!(
            err,
            AppError::Domain(DomainError::Conflict("meeting-closed"))
        ));

        let v = meetings::view(&app, &Actor::anonymous(), YOUTH, id)
            .await
            .expect("public");
        assert_eq!(v.meeting.attendees, Some(17));
        let ics = meetings::ical(&v, "https://lc.example.org");
        for line in [
            "BEGIN:VEVENT",
            "DTSTART;TZID=Europe/Rome:20270115T173000",
            "DTEND;TZID=Europe/Rome:20270115T190000",
            "SUMMARY:Laboratorio sugli orari",
            "LOCATION:Ex scuola di via Roma — https://meet.example.org/orari",
        ] {
            assert!(ics.contains(&format!("{line}\r\n")), "{line} in {ics}");
        }
        assert!(ics.contains(&format!(
            "URL:https://lc.example.org/processes/{YOUTH}/meetings/{id}"
        )));
    }
}

#[tokio::test]
async fn the_demo_youth_meeting_is_full_with_people_waiting() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let (_, list, _) = meetings::list(&app, &Actor::anonymous(), YOUTH)
            .await
            .expect("list");
        let m = &list[0];
        assert_eq!((m.capacity, m.registered, m.waiting), (20, 20, 3));
        assert_eq!(
            app.store.count_registrations(m.id).await.expect("count"),
            (20, 3)
        );
    }
}
