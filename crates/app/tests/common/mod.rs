//! What the story tests of spaces, budgets and opinion maps share: the demo on a store, a demo
//! account as the policy sees it, and the code of a refusal.

use domain::DomainError;
use domain::policy::Actor;
use learning_city_app::{App, AppError, Config, accounts, demo};

/// A fresh demo network on `store`.
pub async fn demo_app(store: store::Store) -> App {
    let app = App::with_store(store, Config::default()).expect("app");
    demo::seed(&app).await.expect("seed");
    app
}

/// The account with this address, with its roles.
pub async fn actor(app: &App, email: &str) -> Actor {
    let user = app
        .store
        .user_by_email(email)
        .await
        .expect("load")
        .expect("exists");
    accounts::actor_of(app, &user).await.expect("actor")
}

/// The code of a refusal: `not-found`, `forbidden`, a conflict's code or the first field's.
/// (Each test file compiles this module on its own; the older ones have finer helpers of their
/// own and do not call it.)
#[allow(dead_code)]
pub fn code(e: AppError) -> &'static str {
    match e {
        AppError::Domain(DomainError::NotFound) => "not-found",
        AppError::Domain(DomainError::Forbidden) => "forbidden",
        AppError::Domain(DomainError::Conflict(c)) => c,
        AppError::Domain(DomainError::Invalid(list)) => list.first().map_or("invalid", |f| f.code),
        e => panic!("unexpected {e:?}"),
    }
}
