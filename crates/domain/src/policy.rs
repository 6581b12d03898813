//! Who may do what. Every authorisation in the platform is a call to [`can`]; handlers and use
//! cases never test roles themselves. The tests below are the matrix of roles × actions × whose
//! resource; the web face has its own matrix over every route.

use crate::accounts::UserId;
use crate::error::DomainError;
use crate::organisations::{OrgId, OrgRole};
use crate::participation::SpaceRole;

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
    /// Roles held in participatory spaces: `(process id, role)`.
    pub spaces: Vec<(i64, SpaceRole)>,
}

/// A participatory space (a process or an assembly) as the policy sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Space {
    pub id: i64,
    /// The organisation that owns it.
    pub org: OrgId,
    /// Organisations that run it together with the owner; their administrators manage it too.
    pub co_organisers: Vec<OrgId>,
    /// Visible only to its members, its roles and those who manage it.
    pub private: bool,
    pub published: bool,
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

    fn manages(&self, space: &Space) -> bool {
        self.is_signed_in()
            && (self.admin_of(space.org) || space.co_organisers.iter().any(|o| self.admin_of(*o)))
    }

    fn holds(&self, space: &Space, role: Option<SpaceRole>) -> bool {
        self.spaces
            .iter()
            .any(|(s, r)| *s == space.id && role.is_none_or(|want| *r == want))
    }

    fn sees(&self, space: &Space) -> bool {
        self.manages(space) || (space.published && (!space.private || self.holds(space, None)))
    }
}

/// Everything the policy decides about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action<'a> {
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
    /// Endorse a proposal on behalf of the organisation.
    Endorse(OrgId),
    /// See a space and what is in it: published public spaces for everyone, private ones for
    /// their members and role holders, drafts for those who manage them.
    ViewSpace(&'a Space),
    /// Edit a space, its phases, roles and co-organisers (owner's and co-organisers' admins).
    ManageSpace(&'a Space),
    /// Take part in a space: propose, support, comment, register, answer.
    ParticipateIn(&'a Space),
    /// Open and close debates, run meetings (facilitators and managers).
    Facilitate(&'a Space),
    /// Hide and restore content of the space (moderators and managers).
    ModerateSpace(&'a Space),
    /// Give official answers to proposals (evaluators and managers).
    Evaluate(&'a Space),
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
        Action::Endorse(org) => actor.is_signed_in() && !actor.blocked && actor.admin_of(org),
        Action::ViewSpace(space) => actor.sees(space),
        Action::ManageSpace(space) => actor.manages(space),
        Action::ParticipateIn(space) => {
            actor.is_signed_in() && !actor.blocked && space.published && actor.sees(space)
        }
        Action::Facilitate(space) => {
            !actor.blocked
                && (actor.manages(space) || actor.holds(space, Some(SpaceRole::Facilitator)))
        }
        Action::ModerateSpace(space) => {
            !actor.blocked
                && (actor.manages(space) || actor.holds(space, Some(SpaceRole::Moderator)))
        }
        Action::Evaluate(space) => {
            !actor.blocked
                && (actor.manages(space) || actor.holds(space, Some(SpaceRole::Evaluator)))
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

    /// Roles × space actions × (public, private, draft) spaces owned by A and co-organised by C.
    #[test]
    fn space_matrix() {
        const C: OrgId = OrgId(3);
        let space = |private, published| Space {
            id: 10,
            org: A,
            co_organisers: vec![C],
            private,
            published,
        };
        let user = |memberships, spaces| Actor {
            user: Some(UserId(7)),
            memberships,
            spaces,
            ..Actor::default()
        };
        let actors = [
            ("anonymous", Actor::anonymous()),
            ("user", user(vec![], vec![])),
            ("member", user(vec![], vec![(10, SpaceRole::Member)])),
            (
                "member-elsewhere",
                user(vec![], vec![(11, SpaceRole::Member)]),
            ),
            (
                "facilitator",
                user(vec![], vec![(10, SpaceRole::Facilitator)]),
            ),
            ("moderator", user(vec![], vec![(10, SpaceRole::Moderator)])),
            ("evaluator", user(vec![], vec![(10, SpaceRole::Evaluator)])),
            ("admin-of-owner", user(vec![(A, OrgRole::Admin)], vec![])),
            (
                "admin-of-coorganiser",
                user(vec![(C, OrgRole::Admin)], vec![]),
            ),
            ("member-of-owner", user(vec![(A, OrgRole::Member)], vec![])),
            ("admin-of-other", user(vec![(B, OrgRole::Admin)], vec![])),
            (
                "instance-admin",
                Actor {
                    user: Some(UserId(1)),
                    instance_admin: true,
                    ..Actor::default()
                },
            ),
        ];
        type Row = (&'static str, bool, bool, [bool; 12]);
        let rows: Vec<Row> = vec![
            // action, private, published, one column per actor above
            ("view", false, true, [true; 12]),
            (
                "view",
                true,
                true,
                [
                    false, false, true, false, true, true, true, true, true, false, false, true,
                ],
            ),
            (
                "view",
                false,
                false,
                [
                    false, false, false, false, false, false, false, true, true, false, false, true,
                ],
            ),
            (
                "manage",
                true,
                true,
                [
                    false, false, false, false, false, false, false, true, true, false, false, true,
                ],
            ),
            (
                "participate",
                false,
                true,
                [
                    false, true, true, true, true, true, true, true, true, true, true, true,
                ],
            ),
            (
                "participate",
                true,
                true,
                [
                    false, false, true, false, true, true, true, true, true, false, false, true,
                ],
            ),
            ("participate", false, false, [false; 12]),
            (
                "facilitate",
                false,
                true,
                [
                    false, false, false, false, true, false, false, true, true, false, false, true,
                ],
            ),
            (
                "moderate",
                false,
                true,
                [
                    false, false, false, false, false, true, false, true, true, false, false, true,
                ],
            ),
            (
                "evaluate",
                false,
                true,
                [
                    false, false, false, false, false, false, true, true, true, false, false, true,
                ],
            ),
        ];
        for (name, private, published, expected) in rows {
            let s = space(private, published);
            let action = match name {
                "view" => Action::ViewSpace(&s),
                "manage" => Action::ManageSpace(&s),
                "participate" => Action::ParticipateIn(&s),
                "facilitate" => Action::Facilitate(&s),
                "moderate" => Action::ModerateSpace(&s),
                _ => Action::Evaluate(&s),
            };
            for ((who, actor), want) in actors.iter().zip(expected) {
                assert_eq!(
                    can(actor, action).is_ok(),
                    want,
                    "{who} {name} private={private} published={published}"
                );
            }
        }
        let blocked = Actor {
            blocked: true,
            ..user(vec![], vec![(10, SpaceRole::Facilitator)])
        };
        let s = space(false, true);
        assert!(can(&blocked, Action::ViewSpace(&s)).is_ok());
        assert!(can(&blocked, Action::Facilitate(&s)).is_err());
        assert!(can(&blocked, Action::ParticipateIn(&s)).is_err());
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
