//! The demo's opinion map in Valdora's park consultation: 12 statements seeded by the
//! facilitator and 300 simulated participants in three camps — those who want a quiet, green park,
//! those who want a lively one, and those who care first about access and safety — who all agree
//! on benches and fountains. Votes are drawn from a fixed seed, so the demo is the same every time.

use crate::opinion::MapInput;
use crate::{App, Result, now};
use domain::policy::Actor;
use serde_json::json;
use store::accounts::NewUser;
use store::audit::Event;

/// The statements and, per camp, the chance of agreeing (+) or disagreeing (−) in percent.
const STATEMENTS: [(&str, [i32; 3]); 12] = [
    (
        "Il parco deve restare un luogo tranquillo, senza musica amplificata.",
        [85, -80, -40],
    ),
    (
        "Servono più alberi e prati, non nuove strutture.",
        [85, -60, 0],
    ),
    (
        "Una zona del parco va lasciata alla natura, per uccelli e insetti.",
        [80, -50, 0],
    ),
    (
        "Le feste serali disturbano chi abita intorno al parco.",
        [80, -75, 20],
    ),
    (
        "Vorrei concerti e cinema all'aperto d'estate.",
        [-75, 85, -40],
    ),
    (
        "Un chiosco-bar renderebbe il parco più vivo e più sicuro.",
        [-60, 85, 20],
    ),
    ("Servono campi da basket e da calcetto.", [-50, 80, 0]),
    (
        "Il parco dovrebbe restare aperto anche di notte.",
        [-80, 75, -30],
    ),
    ("Mancano parcheggi vicino agli ingressi.", [-30, 0, 85]),
    (
        "Di sera il viale è troppo buio: servono più luci.",
        [10, 20, 85],
    ),
    (
        "Le telecamere agli ingressi farebbero sentire più sicuri.",
        [0, -40, 80],
    ),
    ("Servono più panchine all'ombra e fontanelle.", [85, 85, 85]),
];

/// A small deterministic generator (64-bit LCG), so the demo never changes.
struct Draw(u64);

impl Draw {
    fn percent(&mut self) -> i32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % 100) as i32
    }
}

/// The camp of the i-th simulated participant.
pub fn camp_of(i: usize) -> usize {
    i % 3
}

/// Seeds the map in the park; returns its id.
pub async fn seed(app: &App, official: &Actor, facilitator: &Actor, park: &str) -> Result<i64> {
    let map = crate::opinion::create(
        app,
        official,
        park,
        &MapInput {
            title: "Che parco vogliamo?".into(),
            question: "Vota le affermazioni sul futuro del parco: d'accordo, in disaccordo o passa. Puoi aggiungerne di tue.".into(),
            moderation: "strict".into(),
        },
    )
    .await?;
    let mut statements = Vec::new();
    for (text, _) in &STATEMENTS {
        statements.push(
            crate::opinion::add_statement(app, facilitator, park, map, text)
                .await?
                .0,
        );
    }
    let t = now();
    let mut tx = app.store.write().await?;
    let mut draw = Draw(20_261_125);
    for i in 0..300 {
        let user = tx
            .insert_user(NewUser {
                email: &format!("mappa{i:03}@partecipanti.demo.example"),
                name: &format!("Partecipante {}", i + 1),
                password_hash: None,
                lang: "it",
                confirmed_at: Some(t),
                instance_admin: false,
                now: t,
            })
            .await?;
        for (s, (_, chance)) in statements.iter().zip(STATEMENTS.iter()) {
            // Each participant sees about five statements in six.
            if draw.percent() < 17 {
                continue;
            }
            let c = chance[camp_of(i)];
            let roll = draw.percent();
            // The camp's leaning with its chance, otherwise pass, agree or disagree alike.
            let vote = if roll < c.abs() {
                c.signum()
            } else {
                [0, 1, -1][(roll % 3) as usize]
            };
            tx.upsert_opinion_vote(map, *s, user, i64::from(vote), t)
                .await?;
        }
    }
    tx.audit(Event {
        at: t,
        actor: None,
        action: "demo.opinion",
        subject: format!("opinion:{map}"),
        details: json!({"participants": 300}),
    })
    .await?;
    tx.commit().await?;
    crate::opinion::recompute(app, map).await?;
    Ok(map)
}
