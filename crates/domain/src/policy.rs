//! Who may do what. Every authorisation in the platform is a call to [`can`]; handlers and use
//! cases never test roles themselves. The tests below are the matrix of roles × actions × whose
//! resource; the web face has its own matrix over every route.

use crate::accounts::UserId;
use crate::error::DomainError;
use crate::organisations::{OrgId, OrgRole};

/// The person (or nobody) behind a request, with the roles they hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    pub user: Option<UserId>,
    pub instance_admin: bool,
    pub memberships: Vec<(OrgId, OrgRole)>,
    /// Organisations whose census has verified this person as a resident.
    pub verified: Vec<OrgId>,
    /// Blocked by the instance's administrators: may read, not take part.
    pub blocked: bool,
}

impl Actor {
    pub fn anonymous() -> Self {
        Self::default()
    }

    pub fn is_signed_in(&self) -> bool {
        self.user.is_some()
    }

    pub fn role_in(&self, org: OrgId) -> Option<OrgRole> {
        // Admin outranks member when both are held.
        let mut best = None;
        for (o, r) in &self.memberships {
            if *o == org {
                best = match (best, r) {
                    (Some(OrgRole::Admin), _) | (_, OrgRole::Admin) => Some(OrgRole::Admin),
                    _ => Some(OrgRole::Member),
                };
            }
        }
        best
    }

    fn admin_of(&self, org: OrgId) -> bool {
        self.instance_admin || self.role_in(org) == Some(OrgRole::Admin)
    }
}

/// Everything the policy decides about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read public pages and the public API.
    ViewPublic,
    /// See and change one's own account.
    ManageOwnAccount,
    /// Create an organisation (instance administrators).
    CreateOrganisation,
    /// Edit an organisation's profile and territory.
    EditOrganisation(OrgId),
    /// See the people who belong to an organisation, with their roles.
    ViewMembers(OrgId),
    /// Invite people, change their roles, remove them.
    ManageMembers(OrgId),
    /// Add or remove member organisations of a network body.
    ManageNetwork(OrgId),
    /// Sign a commitment on behalf of an organisation.
    SignCommitment(OrgId),
    /// Grant any role in any organisation, see the administration pages.
    Administer,
    /// Create, edit and publish the organisation's participatory processes, see their drafts.
    ManageProcesses(OrgId),
    /// Take part in a public process: propose, support, comment (phases decide when).
    Participate,
    /// Edit, publish or withdraw something one wrote; see one's own drafts.
    EditOwn(UserId),
    /// Give official answers to proposals in the organisation's processes.
    AnswerProposals(OrgId),
    /// Take part where the organisation requires verified residents.
    ParticipateAsResident(OrgId),
    /// Upload the organisation's census and see its verification flags.
    ManageCensus(OrgId),
    /// Hide and restore content in the organisation's processes, decide appeals.
    Moderate(OrgId),
}

/// `Ok(())` when the actor may do the action, [`DomainError::Forbidden`] otherwise.
pub fn can(actor: &Actor, action: Action) -> Result<(), DomainError> {
    let allowed = match action {
        Action::ViewPublic => true,
        Action::ManageOwnAccount => actor.is_signed_in(),
        Action::CreateOrganisation | Action::Administer => actor.instance_admin,
        Action::EditOrganisation(org)
        | Action::ManageMembers(org)
        | Action::ManageNetwork(org)
        | Action::SignCommitment(org)
        | Action::ManageProcesses(org) => actor.is_signed_in() && actor.admin_of(org),
        Action::Participate => actor.is_signed_in() && !actor.blocked,
        Action::EditOwn(author) => actor.user == Some(author),
        Action::AnswerProposals(org) | Action::ManageCensus(org) | Action::Moderate(org) => {
            actor.is_signed_in() && actor.admin_of(org)
        }
        Action::ParticipateAsResident(org) => {
            actor.is_signed_in() && !actor.blocked && actor.verified.contains(&org)
        }
        Action::ViewMembers(org) => {
            actor.is_signed_in() && (actor.instance_admin || actor.role_in(org).is_some())
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(DomainError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: OrgId = OrgId(1);
    const B: OrgId = OrgId(2);

    fn actors() -> Vec<(&'static str, Actor)> {
        let user = |memberships| Actor {
            user: Some(UserId(7)),
            memberships,
            ..Actor::default()
        };
        vec![
            ("anonymous", Actor::anonymous()),
            ("user", user(vec![])),
            ("member-of-a", user(vec![(A, OrgRole::Member)])),
            ("admin-of-a", user(vec![(A, OrgRole::Admin)])),
            ("admin-of-b", user(vec![(B, OrgRole::Admin)])),
            (
                "instance-admin",
                Actor {
                    user: Some(UserId(1)),
                    instance_admin: true,
                    ..Actor::default()
                },
            ),
            (
                "resident-of-a",
                Actor {
                    user: Some(UserId(7)),
                    verified: vec![A],
                    ..Actor::default()
                },
            ),
        ]
    }

    /// The whole matrix, written out: one row per action on organisation A, one column per actor
    /// in the order of [`actors`].
    #[test]
    fn permission_matrix() {
        let rows: Vec<(Action, [bool; 7])> = vec![
            (
                Action::ViewPublic,
                [true, true, true, true, true, true, true],
            ),
            (
                Action::ManageOwnAccount,
                [false, true, true, true, true, true, true],
            ),
            (
                Action::CreateOrganisation,
                [false, false, false, false, false, true, false],
            ),
            (
                Action::Administer,
                [false, false, false, false, false, true, false],
            ),
            (
                Action::EditOrganisation(A),
                [false, false, false, true, false, true, false],
            ),
            (
                Action::ManageMembers(A),
                [false, false, false, true, false, true, false],
            ),
            (
                Action::ManageNetwork(A),
                [false, false, false, true, false, true, false],
            ),
            (
                Action::SignCommitment(A),
                [false, false, false, true, false, true, false],
            ),
            (
                Action::ViewMembers(A),
                [false, false, true, true, false, true, false],
            ),
            (
                Action::ManageProcesses(A),
                [false, false, false, true, false, true, false],
            ),
            (
                Action::Participate,
                [false, true, true, true, true, true, true],
            ),
            (
                Action::EditOwn(UserId(7)),
                [false, true, true, true, true, false, true],
            ),
            (
                Action::EditOwn(UserId(99)),
                [false, false, false, false, false, false, false],
            ),
            (
                Action::AnswerProposals(A),
                [false, false, false, true, false, true, false],
            ),
            (
                Action::ParticipateAsResident(A),
                [false, false, false, false, false, false, true],
            ),
            (
                Action::ParticipateAsResident(B),
                [false, false, false, false, false, false, false],
            ),
            (
                Action::ManageCensus(A),
                [false, false, false, true, false, true, false],
            ),
            (
                Action::Moderate(A),
                [false, false, false, true, false, true, false],
            ),
        ];
        let actors = actors();
        for (action, expected) in rows {
            for ((name, actor), want) in actors.iter().zip(expected) {
                assert_eq!(can(actor, action).is_ok(), want, "{name} on {action:?}");
            }
        }
    }

    #[test]
    fn blocked_people_read_but_do_not_take_part() {
        let blocked = Actor {
            user: Some(UserId(7)),
            verified: vec![A],
            blocked: true,
            ..Actor::default()
        };
        assert!(can(&blocked, Action::ViewPublic).is_ok());
        assert!(can(&blocked, Action::ManageOwnAccount).is_ok());
        assert!(can(&blocked, Action::Participate).is_err());
        assert!(can(&blocked, Action::ParticipateAsResident(A)).is_err());
    }

    #[test]
    fn admin_outranks_member_whatever_the_order() {
        let a = Actor {
            user: Some(UserId(3)),
            memberships: vec![(A, OrgRole::Admin), (A, OrgRole::Member)],
            ..Actor::default()
        };
        assert_eq!(a.role_in(A), Some(OrgRole::Admin));
        assert_eq!(a.role_in(B), None);
    }
}
