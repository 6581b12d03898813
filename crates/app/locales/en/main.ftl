## Learning City — English messages.

site-tagline = The network of learning cities
skip-to-content = Skip to main content
nav-language = Language
nav-account = Your account
nav-main = Main navigation
nav-breadcrumbs = You are here
nav-home = Home
nav-organisations = Organisations
nav-networks = Networks
nav-commitments = Commitments
nav-admin = Administration
nav-demo-mail = Demo mailbox
nav-login = Log in
nav-logout = Log out
nav-register = Register
footer-accessibility = Accessibility statement
footer-api = API and open data
footer-status = Service status
footer-about = Learning City is free software: participation, partnerships and lifelong learning for a network of cities.
back-home = Back to the home page
save = Save
yes = Yes
no = No

home-title = The network of learning cities
home-lead = Municipalities, associations, schools, universities and consortia learning together how to understand and steer change in their territory.
home-members = Who belongs to the network
home-all-organisations = See all organisations
home-networks = Networks
home-commitments = Commitments signed
home-territories = Territories

members-count = { $count ->
    [1] 1 member
   *[other] { $count } members
}
signatures-count = { $count ->
    [1] 1 signature
   *[other] { $count } signatures
}
since-date = since { $date }
signed-on = signed on { $date }

kind-municipality = Municipality
kind-association = Association
kind-university = University
kind-consortium = Consortium
kind-school = School
kind-company = Company
kind-network = Network
kinds-municipality = Municipalities
kinds-association = Associations
kinds-university = Universities
kinds-consortium = Consortia
kinds-school = Schools
kinds-company = Companies
kinds-network = Networks

role-admin = Organisation administrator
role-member = Member
role-instance-admin = Platform administrator

orgs-title = Organisations
orgs-found = { $count ->
    [0] No organisations found
    [1] 1 organisation found
   *[other] { $count } organisations found
}
orgs-empty = No organisation matches the filters. Try removing a filter or searching for another word.
filters-title = Filter
filter-text = Search by name or description
filter-kind = Kind of organisation
filter-territory = Territory
filter-any = All
filter-none = None
filter-apply = Apply filters
filter-clear = Clear all filters
pager-label = Result pages
pager-prev = Previous page
pager-next = Next page
pager-page = Page { $page }

org-facts = At a glance
org-edit = Edit the profile
org-edit-title = Edit the profile of { $name }
org-members = People of the organisation
org-member-count = People registered
org-networks = Networks it belongs to
org-networks-none = It does not belong to any network yet.
org-commitments = Commitments signed
org-commitments-none = It has not signed any commitment yet.
network-members = Members
network-profile = Organisation profile
network-add = Add a member to the network
network-add-submit = Add to the network

field-name = Full name
field-email = Email address
field-password = Password
field-new-password = New password
field-org-name = Name of the organisation
field-org-email = Email of the organisation
field-kind = Kind
field-slug = Short address
field-description = Description
field-website = Website
field-default-lang = Default language
field-territory = Territory of reference
field-territory-name = Territory
field-istat-code = ISTAT code
field-nuts3 = NUTS-3 code
field-population = Population
field-role = Role
field-org = Organisation
field-since = Member since
field-signed-on = Date of signature
field-sign-for = Sign on behalf of
field-lang = Interface language

hint-name = How others will see you, 2 to 100 characters.
hint-email = We will send you a link to confirm it.
hint-password = At least 10 characters. A long sentence is safer and easier to remember.
hint-slug = Lowercase letters, digits and hyphens, for example comune-di-valdora. Leave it empty and we derive it from the name.
hint-description = At most 4000 characters.
hint-website = For example https://www.city.example.org
hint-territory = For a municipality give its territory; for other organisations choose their territory of reference.
hint-istat = Six digits, for example 001272.
hint-nuts3 = Two letters and three characters, for example ITC11.
hint-date = As YYYY-MM-DD, for example 2026-11-25.
hint-invite = They will receive a link valid for 14 days.
hint-grant-email = The address of someone who already has an account.
territory-legend = Territory

members-change = Change role
members-apply = Apply
members-remove = Remove from the organisation
members-role-for = Role of { $name }
invite-title = Invite someone
invite-send = Send the invitation

networks-title = Networks
networks-lead = The networks the organisations belong to: the local learning-cities network and European and international networks.
networks-empty = No networks yet.

commitments-title = Commitments
commitments-lead = The commitments the network's organisations sign, such as the Learning Cities Manifesto.
commitments-empty = No commitments yet.
commitment-sign = Sign this commitment
commitment-sign-submit = Sign

register-title = Create an account
register-submit = Create the account
register-have-account = Already have an account?
register-done-title = Check your email
register-done-body = If the address is right, we have sent you a message with a link to confirm it. The link is valid for 7 days.
confirm-title = Confirm your email address
confirm-intro = Press the button to confirm your email address.
confirm-submit = Confirm the address

login-title = Log in
login-submit = Log in
login-by-link = Log in with a link by email, no password
login-forgot = Forgot your password?
login-no-account = No account? Register
link-title = Log in with a link by email
link-intro = Write your address: if it has an account we will send you a link to log in, valid for 30 minutes.
link-submit = Send me the link
link-sent-title = Check your email
link-sent-body = If the address has an account, we have sent it a message with a link valid for 30 minutes.
link-use-title = Log in with the link
link-use-intro = Press the button to enter your account.
forgot-title = Reset your password
forgot-intro = Write your address: if it has an account we will send you a link to choose a new password.
forgot-submit = Send me the link
reset-title = Choose a new password
reset-intro = After the change, other open sessions of your account will be closed.
reset-submit = Change the password

account-title = Your account
account-since = Member since
account-orgs = Your organisations
account-orgs-none = You do not belong to any organisation yet.

invitation-title = Invitation to join an organisation
invitation-intro = You have been invited to join an organisation of the network.
invitation-accept = Accept the invitation
invitation-login-first = To accept the invitation, log in or create an account with the address it was sent to.

admin-title = Administration
admin-new-org = New organisation
admin-grant = Grant a role
admin-grant-submit = Grant the role
admin-users = Accounts
admin-users-count = { $count ->
    [1] 1 account
   *[other] { $count } accounts
}
admin-confirmed = Email confirmed
admin-audit = Change log
admin-audit-caption = The latest 20 entries of the log, verifiable with learning-city audit verify
admin-audit-when = When
admin-audit-action = Action
admin-audit-subject = Subject

demo-accounts = Demo accounts
demo-accounts-hint = Every demo account uses the password { $password }.
demo-role-instance-admin = Administers the platform
demo-role-coordinator = Coordinates the local network
demo-role-official = Municipal official, administers the Municipality of Valdora
demo-role-elected = Councillor, member of the Municipality of Valdora
demo-role-facilitator = Facilitator, administers the social enterprise
demo-role-association = Represents an association
demo-role-researcher = University researcher
demo-role-citizen = Resident, no roles
demo-mail-title = Demo mailbox
demo-mail-lead = In demo mode no message leaves the server: you find them here, with their links.
demo-mail-empty = No messages yet.
demo-mail-open = Open the demo mailbox
demo-mail-to = To:
job-status-queued = Queued
job-status-running = Sending
job-status-done = Sent
job-status-failed = Not sent

notice-saved = Changes saved.
notice-invited = Invitation sent.
notice-member-changed = Role updated.
notice-joined = You are now part of the organisation.
notice-member-added = Member added to the network.
notice-signed = Commitment signed.
notice-created = Organisation created.
notice-granted = Role granted.
notice-confirmed = Address confirmed: you can log in now.

error-prefix = Error:
error-summary-title = There is a problem
error-invalid = Some of the data are not valid.
error-not-found-title = Page not found
error-not-found = The page you are looking for does not exist or is no longer available. Check the address.
error-forbidden-title = Not allowed
error-forbidden = You do not have permission for this page or this action.
error-rate-limited-title = Too many attempts
error-rate-limited = Too many attempts from this address. Try again in 15 minutes, or log in with a link by email.
error-request-title = Request not valid
error-internal-title = Something went wrong
error-internal = Something went wrong on our side. Try again shortly; if the problem persists, tell whoever runs the site.
error-csrf = The form has expired or does not come from this site. Go back, reload the page and try again.
error-csrf-origin = The request comes from another site and was refused.
error-timeout = The request took too long. Try again.
error-too-large = The data sent are too large.
token-invalid = The link is not valid, was already used or has expired. Ask for a new one.

email-required = Enter your email address.
email-invalid = Enter a valid email address, for example name@example.org.
email-taken = An account with this address already exists.
password-too-short = The password must have at least 10 characters.
password-too-long = The password can have at most 200 characters.
name-required = Enter the name.
name-too-short = The name must have at least 2 characters.
name-too-long = The name can have at most 100 characters.
name-markup = The name cannot contain the characters < and >.
name-invalid = The name contains characters that are not allowed.
login-failed = Email or password not correct.
login-unconfirmed = You need to confirm your address first: we have sent you a new link.
kind-invalid = Choose a kind of organisation.
role-invalid = Choose a role.
slug-invalid = Use 2 to 60 lowercase letters, digits and single hyphens.
slug-taken = This short address is already used by another organisation.
istat-invalid = The ISTAT code has six digits.
istat-taken = This ISTAT code already belongs to another territory.
nuts3-invalid = The NUTS-3 code has two letters and three characters, for example ITC11.
population-invalid = Enter the population as a whole number.
territory-invalid = Choose a territory from the list.
text-too-long = The text is too long.
text-invalid = The text contains characters that are not allowed.
url-invalid = Enter an address starting with https:// or http://.
date-invalid = Enter a valid date as YYYY-MM-DD.
lang-invalid = Choose Italian or English.
org-unknown = Choose an organisation from the list.
org-self = A network cannot be a member of itself.
already-signed = This organisation has already signed the commitment.
account-unknown = No account with this address.
last-admin = The organisation must keep at least one administrator.
not-a-network = This organisation is not a network.
not-a-demo-database = The database holds data that are not a demo.

mail-greeting = Hello { $name },
mail-signature = — Learning City
mail-confirm-subject = Confirm your email address
mail-confirm-body = to confirm your address open this link (valid for 7 days):
    
    { $link }
mail-already-subject = You already have an account
mail-already-body = someone tried to register with your address, which already has an account. If it was you, log in here:
    
    { $link }
    
    If it was not you, you can ignore this message.
mail-login-link-subject = Your link to log in
mail-login-link-body = open this link to log in (valid for 30 minutes, once):
    
    { $link }
mail-reset-subject = Reset your password
mail-reset-body = open this link to choose a new password (valid for 30 minutes, once):
    
    { $link }
    
    If you did not ask for it, ignore this message.
mail-invite-subject = Invitation to join { $org }
mail-invite-body = you have been invited to join { $org } on Learning City. Open this link to accept (valid for 14 days):
    
    { $link }

a11y-title = Accessibility statement
a11y-p1 = Learning City aims to be usable by everyone. Its pages follow the WCAG 2.1 guidelines at level AA: they work with the keyboard alone, without JavaScript, with screen readers and with enlarged text.
a11y-p2 = Every page is checked automatically with axe on every change to the software, and every main path is tried with the keyboard alone.
a11y-p3 = If you find a barrier, write to whoever runs this site: we will answer within 30 days.

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

nav-processes = Processes
processes-title = Participatory processes
processes-lead = Consultations, co-design, participatory budgets and assemblies: what is being decided, what the decision makers promise, and when you can take part.
processes-empty = No process published yet.
process-now = Now: { $phase }
process-finished = Finished
process-upcoming = Upcoming
process-draft-notice = Draft: visible only to the organisation's administrators until it is published.
process-question = The question
process-promise = What will be done with the input
process-iap2 = Level of participation
process-timeline = The phases
process-no-phases = No phase yet: add one to be able to publish.
phase-add = Add a phase
phase-add-submit = Add the phase
process-publish = Publish the process
process-new = New process
process-create = Create the process (as a draft)
org-processes = Participatory processes
org-processes-none = No process published.
org-drafts = Drafts
field-process-title = Title
field-question = The question put to participants
hint-question = A clear question that can be answered.
field-promise = The decision makers' commitment
hint-promise = What the administration will do with the input, and by when.
field-phase-kind = What it opens
field-phase-title = Title of the phase
field-starts-on = Start
field-ends-on = End
process-kind-consultation = Consultation
process-kind-co-design = Co-design
process-kind-participatory-budget = Participatory budget
process-kind-citizens-assembly = Citizens' assembly
process-kind-pact-programme = Collaboration pacts
iap2-inform = Inform
iap2-consult = Consult
iap2-involve = Involve
iap2-collaborate = Collaborate
iap2-empower = Empower
iap2-inform-hint = participants receive clear information.
iap2-consult-hint = participants give their views and hear back how they were used.
iap2-involve-hint = their proposals become alternatives the decision is made between.
iap2-collaborate-hint = solutions are built together and their advice is followed as far as possible.
iap2-empower-hint = participants make the final decision.
phase-kind-information = Information
phase-kind-proposing = Proposals
phase-kind-supporting = Supports
phase-kind-commenting = Comments
phase-kind-voting = Voting
phase-kind-evaluating = Evaluation
phase-kind-implementing = Implementation
phase-past = Finished
phase-current = Under way
phase-upcoming = Upcoming
notice-published = Process published.
process-kind-invalid = Choose a kind of process.
iap2-invalid = Choose a level of participation.
phase-kind-invalid = Choose what the phase opens.
phase-ends-before-start = The end cannot come before the start.
text-required = Write at least 3 characters.
process-needs-phase = Add at least one phase before publishing.

## Proposals
proposals-title = Proposals
proposals-found = { $count ->
    [0] No proposals found
    [1] 1 proposal
   *[other] { $count } proposals
}
proposals-empty = No proposal matches these filters yet.
proposal-new = Write a proposal
proposal-new-intro = Your proposal is saved as a draft first: you will see it as others will, with similar proposals already made, before you publish it.
proposal-edit = Edit the proposal
proposal-save-draft = Save the draft
proposal-your-drafts = Your drafts
proposal-draft-title = This is a draft only you can see
proposal-draft-hint = Check the text and the similar proposals below: perhaps you can support one of them instead. Publish when you are ready.
proposal-similar = Similar proposals already published
similarity = { $percent }% similar
proposal-publish = Publish the proposal
proposal-withdraw = Withdraw the proposal
proposal-withdrawn = Withdrawn
proposal-by = by { $name }
proposal-supports = { $count ->
    [0] No supports
    [1] 1 support
   *[other] { $count } supports
}
proposal-comments = { $count ->
    [0] No comments
    [1] 1 comment
   *[other] { $count } comments
}
proposal-support = Support this proposal
proposal-unsupport = Take back my support
proposal-you-support = You support this proposal.
support-limit-hint = Each person may support up to { $limit } proposals in this process.
threshold-reached = It has reached the supports needed to be evaluated.
threshold-missing = { $count ->
    [1] 1 more support is needed for it to be evaluated.
   *[other] { $count } more supports are needed for it to be evaluated.
}
proposal-answer = Official answer
proposal-answer-form = Answer the proposal
proposal-answer-submit = Publish the answer
proposal-history = History
answer-none = Not answered yet
answer-evaluating = Under evaluation
answer-accepted = Accepted
answer-rejected = Not accepted
answer-implemented = Implemented
event-created = Draft written
event-published = Published
event-edited = Edited by the author
event-withdrawn = Withdrawn by the author
category-environment = Environment and green spaces
category-mobility = Mobility
category-culture = Culture
category-education = Education and learning
category-social = Social and community
category-sport = Sport
category-urban = Public spaces and services
category-youth = Young people
category-other = Other
field-proposal-title = Title
hint-proposal-title = Between 10 and 150 characters: say what you propose.
field-proposal-body = Description
hint-markdown = You can use Markdown: **bold**, *italics*, lists, links.
field-category = Theme
field-place = Place
hint-place = Optional: where, in words (a street, a park, a neighbourhood).
field-cost = Estimated cost in euros
hint-cost = Optional, whole euros, e.g. 25000.
field-answer = Answer
field-answer-text = Explanation
field-order = Order
order-recent = Newest first
order-supports = Most supported
order-comments = Most commented
order-oldest = Oldest first
filter-withdrawn = Include withdrawn proposals
choose = Choose…
login-to-participate = Log in to take part
proposing-closed = New proposals are not being collected now.
supporting-closed = Supports are not being collected now.
commenting-closed = Comments are closed in this phase.
comments-empty = No comments yet.
comment-add = Add a comment
field-comment = Your comment
field-reply = Your reply
field-alignment = Your position on the proposal
alignment-for = In favour
alignment-neutral = Neutral
alignment-against = Against
comment-submit = Publish the comment
comment-reply = Reply
comment-up = Agree
comment-down = Disagree
comment-ups = { $count } agree
comment-downs = { $count } disagree
comment-edited = edited
notice-draft-saved = Your draft is saved. Check it and publish it when you are ready.
notice-withdrawn = The proposal is withdrawn.
notice-supported = Thank you: your support is counted.
notice-unsupported = Your support is taken back.
notice-answered = The answer is published.
notice-commented = Your comment is published.
notice-comment-voted = Your vote is counted.
proposal-title-short = Write a title of at least 10 characters.
proposal-body-short = Describe the proposal in at least 15 characters.
category-invalid = Choose a theme from the list.
cost-invalid = Write the cost in whole euros (digits only), at most 100 000 000.
answer-invalid = Choose an answer from the list.
answer-text-short = Explain the answer in at least 10 characters.
alignment-invalid = Choose in favour, neutral or against.
comment-empty = Write a comment.
comment-parent-invalid = The comment you reply to is not on this proposal.
comment-own-vote = You cannot vote on your own comment.
vote-invalid = The vote must be agree or disagree.
process-not-published = This process is not published yet.
proposal-not-draft = The proposal is already published.
proposal-not-editable = This proposal can no longer be edited: someone supports it, it has an answer, or a day has passed since it was published.
proposal-not-published = Only published proposals can be supported, answered or commented on.
proposal-not-withdrawable = An accepted or implemented proposal cannot be withdrawn.
support-limit-reached = You have used all the supports you have in this process. Take one back to support this proposal.

## Search
search-title = Search
search-label = Search proposals, comments, processes and organisations
search-submit = Search
search-kinds = Kinds of content
search-all = Everything
search-kind-process = Processes
search-kind-proposal = Proposals
search-kind-comment = Comments
search-kind-organisation = Organisations
search-found = { $count ->
    [0] No results
    [1] 1 result
   *[other] { $count } results
}
search-empty = Nothing matches these words. Try fewer or different words.

## Verification
verify-title = Verify as a resident
verify-intro = Some processes of { $org } are open only to its residents. Type the identifier and the date of birth written in the census; we compare them with the census without keeping what you type.
verify-privacy = The census is stored only as salted fingerprints (SHA-256): nobody can read identifiers or dates of birth back from it. Each census record can verify one account only.
verify-demo = Demo: these census records of Valdora are free to try.
verify-done = Verified resident of { $org }
verify-submit = Verify
field-identifier = Codice fiscale or resident identifier
hint-identifier = As written in the census, e.g. RSSMRA85T10A562S.
field-birth-date = Date of birth
hint-birth-date = Day/month/year or year-month-day, e.g. 10/12/1985.
identifier-required = Write the identifier.
identifier-invalid = The identifier has 4 to 32 letters and digits.
codice-fiscale-invalid = This codice fiscale is not valid: check the characters.
birth-date-invalid = Write a real date of birth, e.g. 10/12/1985.
verification-not-found = No census record matches this identifier and date of birth. Check both; after 5 attempts you will have to wait 15 minutes.
verification-taken = This census record already verifies another account. The organisation has been told; contact it if this is your record.
verification-already = Your account is already verified with another census record of this organisation.
verification-required = Only verified residents can do this in this process.
verification-required-hint = Only verified residents of { $org } can support proposals here.
census-missing = This organisation has not uploaded a census yet.
notice-verified = You are verified as a resident.
account-verified = Residency
account-verified-none = You are not verified as a resident of any organisation.
census-title = Census for verification
census-records = Records
census-claimed = Used to verify an account
census-flags = Second claims flagged
census-last-upload = Last upload
census-upload = Upload a new census
census-format = A CSV file (comma or semicolon), one resident per line: identifier (codice fiscale or another identifier), date of birth. A header line is allowed. The new file replaces the records nobody has used yet; records already used stay.
field-census-file = Census file (CSV, UTF-8)
census-upload-submit = Upload the census
census-imported = { $count ->
    [1] 1 record read.
   *[other] { $count } records read.
}
census-added = { $count ->
    [0] None was new.
    [1] 1 was new.
   *[other] { $count } were new.
}
census-refused = { $count ->
    [1] The file was not imported: 1 line has a problem.
   *[other] The file was not imported: { $count } lines have problems.
}
census-line = Line { $page }
census-columns = it needs exactly two columns, identifier and date of birth
census-duplicate = the same resident appears twice
census-empty = the file has no records
census-too-large = the file has more than 500 000 records
census-unreadable = The file could not be read. Upload it again.
census-not-utf8 = The file is not UTF-8 text: save it as “CSV UTF-8” and upload it again.

## Meetings
meetings-title = Meetings
meetings-empty = No meetings are scheduled yet.
meeting-new = Schedule a meeting
meeting-create = Schedule the meeting
meeting-kind-in-person = In person
meeting-kind-online = Online
meeting-kind-hybrid = In person and online
meeting-method-world-cafe = World Café
meeting-method-open-space = Open Space
meeting-method-workshop = Workshop
meeting-method-public-assembly = Public assembly
meeting-method-focus-group = Focus group
meeting-method-walk = Neighbourhood walk
meeting-method-other = Other
field-meeting-title = Title
field-meeting-kind = Where
field-meeting-method = Method
hint-meeting-place = The address, for meetings in person.
field-online-url = Online link
hint-online-url = For online and hybrid meetings, https://…
field-starts-at = Starts
field-ends-at = Ends
hint-datetime = Date and time, e.g. 2026-12-01 18:30 (Italian time).
field-capacity = Places
hint-capacity = Leave empty when no registration is needed.
meeting-when = When
meeting-registered = { $count ->
    [1] 1 registered
   *[other] { $count } registered
}
meeting-waiting = { $count ->
    [1] 1 waiting
   *[other] { $count } waiting
}
meeting-places-left = { $count ->
    [0] no places left
    [1] 1 place left
   *[other] { $count } places left
}
meeting-attendees = { $count ->
    [1] 1 person came
   *[other] { $count } people came
}
meeting-ics = Add to your calendar (iCalendar)
meeting-registration = Registration
meeting-register = Register
meeting-join-waiting = Join the waiting list
meeting-cancel = Cancel my registration
meeting-you-wait = You are on the waiting list: you will get a place if someone cancels.
meeting-your-code = You are registered. Your code: { $link }
meeting-minutes = Minutes
meeting-close = Record attendance and minutes
field-attendees = How many people came
field-minutes = Minutes
notice-registered = You are registered.
notice-waiting = The meeting is full: you are on the waiting list.
notice-cancelled = Your registration is cancelled.
meeting-kind-invalid = Choose where the meeting happens.
meeting-method-invalid = Choose a method from the list.
datetime-invalid = Write a date and time, e.g. 2026-12-01 18:30.
meeting-ends-before-start = The end must come after the start.
meeting-place-required = Write where the meeting happens.
meeting-url-required = Write the link of the online meeting.
capacity-invalid = Write the number of places (digits), or leave it empty.
attendees-invalid = Write how many people came (digits).
meeting-open-to-all = This meeting needs no registration.
meeting-closed = This meeting has already taken place.
search-kind-meeting = Meetings

## Surveys
surveys-title = Surveys
surveys-empty = There are no surveys in this process yet.
survey-new = Create a survey
survey-create = Create the survey
field-survey-title = Title
field-survey-anonymous = Anonymous answers (nobody, not even the organisers, can tell who answered what)
survey-open = Open
survey-closed = Closed
survey-anonymous = Anonymous
survey-anonymous-hint = This survey is anonymous: your answers are stored without your name, and nobody can link them to you.
survey-responses = { $count ->
    [0] No responses yet
    [1] 1 response
   *[other] { $count } responses
}
survey-results = Results
survey-answered = You have answered this survey. Thank you!
survey-closed-hint = This survey is closed.
survey-required-hint = Questions marked * need an answer.
required = required
survey-scale-hint = 1 = not at all, the highest number = completely.
survey-ranking-hint = Give each option a different position, 1 for the one you prefer.
survey-submit = Send my answers
survey-manage = Manage the survey
survey-csv = Download every response (CSV)
survey-close = Close the survey
survey-reopen = Open the survey again
survey-add-question = Add a question
survey-add-question-submit = Add the question
field-question-kind = Kind of question
field-question-prompt = Question
field-question-options = Options
hint-question-options = One per line (for choices, ranking and matrix).
field-question-rows = Matrix rows
hint-question-rows = One per line (for a matrix only).
field-question-required = An answer is required
question-kind-single = One choice
question-kind-multiple = Several choices
question-kind-short = Short text
question-kind-long = Long text
question-kind-scale5 = Scale 1–5
question-kind-scale10 = Scale 1–10
question-kind-ranking = Ranking
question-kind-matrix = Matrix
survey-answered-by = { $count ->
    [0] nobody answered
    [1] 1 person answered
   *[other] { $count } people answered
}
survey-mean = mean { $count }
survey-answer = Answer
survey-count = People
survey-points = Points (ranking)
survey-text-answers = Written answers are shared with the organisers only.
notice-answered-survey = Thank you: your answers are saved.
answer-required = This question needs an answer.
ranking-invalid = Give every option a different position, from 1.
answer-too-long = The answer is too long.
options-count = Write 2 to 20 options (matrix rows: 1 to 20), one per line.
question-kind-invalid = Choose a kind of question from the list.
survey-has-responses = Questions cannot change once people have answered.
survey-too-many-questions = A survey has at most 50 questions.
survey-answered-already = You have already answered this survey.
survey-closed-error = This survey is closed.

## Results
results-title = Results
results-intro = What the organisation is doing with the contributions, and how far it has got.
results-empty = No results have been recorded yet.
result-new = Record a result
result-create = Record the result
field-result-title = Title
field-result-proposals = Proposals it comes from
result-status-planned = Planned
result-status-in-progress = In progress
result-status-completed = Completed
result-status-cancelled = Cancelled
result-progress = { $count }% done
result-from-proposals = Where it comes from
result-no-proposals = It is not linked to any proposal.
result-updates = Progress updates
result-no-updates = No updates yet.
result-add-update = Add a progress update
field-result-status = Status
field-result-progress = Progress (%)
hint-result-progress = A whole number from 0 to 100.
field-result-update = What happened
proposal-became = What became of it
result-proposal-invalid = Choose proposals of this process only.
result-status-invalid = Choose a status from the list.
progress-invalid = Write a whole number from 0 to 100.
search-kind-result = Results
search-kind-debate = Debates

## Moderation
moderation-log-title = Moderation log
moderation-log-intro = Everything hidden or restored by moderation, and why. Who reported and who decided is never shown.
moderation-log-empty = Nothing has been moderated.
moderation-when = When
moderation-what = What
moderation-action = Decision
moderation-why = Reason
moderation-where = Organisation
moderation-kind-proposal = Proposal
moderation-kind-comment = Comment
moderation-hidden = Hidden
moderation-restored = Restored
moderation-queue-title = Moderation
moderation-reported = Reported content
moderation-nothing-reported = Nothing has been reported.
moderation-reports = Reports
moderation-decide = Decision
moderation-hide = Hide
moderation-restore = Restore
moderation-appeals = Appeals
moderation-no-appeals = No appeals.
appeal-upheld = hidden content kept hidden
appeal-restored = content restored
moderation-hidden-notice = This proposal is hidden by moderation ({ $name }).
moderation-hidden-comment = This comment is hidden by moderation ({ $name }).
report = Report
report-proposal = Report this proposal
field-report-reason = Reason
field-report-details = Details (optional)
report-submit = Send the report
report-reason-spam = Spam or advertising
report-reason-offensive = Offensive or hateful
report-reason-off-topic = Off topic
report-reason-personal-data = Personal data of others
report-reason-other = Other
field-appeal = Why should it be shown again?
appeal-submit = Appeal
notice-reported = Thank you: the report has reached the moderators.
notice-appealed = Your appeal has reached the moderators.
report-reason-invalid = Choose a reason from the list.
report-own = You cannot report what you wrote.
appeal-short = Explain the appeal in at least 10 characters.
appeal-not-hidden = Only hidden content can be appealed.
appeal-twice = You have already appealed this decision.
block-self = You cannot block yourself.
admin-block = Block or unblock an account
admin-block-checkbox = Blocked (may read, may not take part)

## Spaces: privacy, roles, co-organisers
process-kind-assembly = Assembly (standing body)
space-private = Private space
space-private-field = Private space: visible only to invited members
space-private-hint = A private space, its content and its discussions are seen only by its members, its roles and those who manage it; they never appear in search or in the public lists.
space-make-private = Make the space private
space-make-public = Make the space public
space-people = People of this space
space-people-empty = Nobody holds a role in this space yet.
space-role-member = member
space-role-facilitator = facilitator
space-role-moderator = moderator
space-role-evaluator = evaluator
space-role-revoke = Remove the role
space-role-grant = Give a role
space-role-email-hint = The e-mail address of an existing account.
field-space-role = Role
space-role-grant-submit = Give the role
space-role-invalid = Choose a role from the list.
space-role-no-account = No account has this e-mail address: ask the person to register first.
space-role-held = This person holds this role already.
space-coorganiser-add = Add a co-organising organisation
field-organisation-slug = Organisation's address name
hint-organisation-slug = As in its address, e.g. comune-di-valdora.
space-coorganiser-submit = Add as co-organiser
coorganiser-owner = The owner organisation organises the space already.
coorganiser-unknown = No organisation has this address name.
coorganiser-already = This organisation co-organises the space already.

## Debates
debates-title = Debates
debates-intro = Open questions put by the facilitators: say what you think; the facilitators close each debate with a summary of what was said.
debates-empty = No debate yet.
debate-state-open = open
debate-state-closed = closed
debate-new = Open a debate
field-debate-question = Question
field-debate-body = Context
debate-open = Open the debate
debate-opened-by = opened by { $name }
debate-summary = Closing summary
debate-close = Close the debate
field-debate-summary = Summary of what was said
hint-debate-summary = What the space takes forward from this debate (at least 15 characters).
debate-close-submit = Close with this summary
debate-closed = This debate is closed: it takes no more comments.

## Amendments and endorsements
amendments-title = Amendments
amendments-empty = No amendment proposed.
amendment-pending = awaiting the author
amendment-accepted = accepted
amendment-rejected = rejected
amendment-accept = Accept
amendment-reject = Reject
amendment-propose = Propose an amendment
amendment-submit = Send the amendment
amendment-own = You wrote this proposal: edit it instead of amending it.
amendment-decided = This amendment has been decided already.
amendment-decision-invalid = Choose accept or reject.
notice-amendment = Your amendment has reached the author.
proposal-endorsed-by = Endorsed by
field-endorse-as = Endorse on behalf of
proposal-endorse = Endorse
endorsed-already = This organisation endorses this proposal already.
notice-endorsed = The endorsement is on the proposal.
proposal-born-in = Born in the meeting
meeting-born-proposals = Proposals born in this meeting
field-proposal-meeting = Born in a meeting (optional)
proposal-meeting-none = No meeting
proposal-meeting-invalid = Choose a meeting of this process.

## Follows, notifications, digest
follow = Follow
unfollow = Stop following
nav-notifications = Notifications
notifications-title = Notifications
notifications-empty = Nothing new. Follow a space, a proposal or a debate to hear what happens there.
notification-new = new
notification-comment = New comment
notification-debate-opened = New debate
notification-debate-closed = Debate closed
notification-proposal-published = New proposal
notification-proposal-answered = Official answer
notification-amendment-proposed = Amendment proposed
notification-amendment-accepted = Amendment accepted
notification-amendment-rejected = Amendment rejected
digest-title = E-mail digest
digest-legend = How often do you want an e-mail with what you missed?
digest-daily = Once a day
digest-weekly = Once a week
digest-never = Never
digest-submit = Save
digest-invalid = Choose how often from the list.
mail-digest-subject = { $count } news in the spaces you follow
mail-digest-body = here is what happened in the spaces, proposals and debates you follow:

    { $items }

    You can change how often you get this e-mail on the notifications page.

## Participatory budgets
budgets-title = Participatory budgets
budget-new = Add a participatory budget
field-budget-title = Title of the budget
field-budget-description = What the budget is for
field-budget-total = Total in euros
field-budget-max-choices = Most projects per ballot
hint-budget-max-choices = Leave empty for no limit besides the total.
budget-rule = Counting rule
budget-rule-mes-add1 = Method of Equal Shares (every voter holds an equal share of the budget)
budget-rule-mes = Method of Equal Shares without completion
budget-rule-greedy = Most votes first (greedy)
budget-create = Create the budget
budget-total = Budget
budget-max-choices = Most projects per ballot
budget-voting = Vote
budget-ballots = Ballots
budget-ballots-paper = { $count } on paper
budget-results = Results
budget-results-provisional = Provisional count (staff only)
budget-ballot-list = Published ballots
budget-pabulib = Download the election (pabulib file)
budget-vote-title = Your vote
budget-you-voted = You have voted: your receipt is { $receipt }. You may change your choice until the vote closes.
budget-confirm-title = Check your choice
budget-used = Used { $used } of { $total }.
budget-confirm = Confirm my vote
budget-change-below = To change it, choose again below.
budget-choose = Choose the projects you want, up to { $total } in all
budget-used-label = Budget used:
budget-check = Check my choice
budget-projects = Projects
budget-voting-over = The vote is closed.
budget-voting-not-open = The vote is not open.
budget-voted = Your vote is recorded. Your receipt is { $receipt }: with it you will find your ballot in the published list.
paper-title = Paper ballots
paper-hint = Two officers enter every paper sheet; it counts when two readings agree.
field-sheet = Sheet number
hint-sheet = As printed on the paper ballot, e.g. A-001.
paper-projects = Projects marked on the sheet
paper-submit = Enter the sheet
paper-waiting = Sheet { $sheet } entered: a second officer must enter it too.
paper-counted-now = Sheet { $sheet } counts: two readings agree (receipt { $receipt }).
paper-mismatch = Sheet { $sheet } does not match the other reading: it counts only when a further reading agrees with one of them.
budget-project-add = Add a project
field-project-title = Title of the project
field-project-description = Description
field-project-cost = Cost in euros
field-district = District (optional)
budget-project-submit = Add the project
budget-provisional-notice = The vote is still open: this count is provisional and only the space's staff see it.
budget-results-intro = { $count } ballots, counted with:
budget-voter-share = Each voter held { $share } of the budget.
budget-funded = Funded projects, in the order chosen
budget-supporters = { $count } supporters
budget-spent = Spent { $spent } of { $total }.
budget-rounds = How the rule chose
budget-rounds-intro = Each round funds the project whose supporters can pay for it at the lowest price per euro of benefit; each supporter pays their part, as long as their share lasts. Voters who paid the same and kept the same are counted together in one row.
budget-round-rho = price per euro of benefit { $rho }
budget-round-caption = Payments for { $project }
budget-round-voters = Voters
budget-round-paid = Paid each
budget-round-left = Left each
budget-completed = Added when the shares were topped up:
budget-not-funded = Not funded, and why
budget-not-chosen-no-support = nobody voted for it
budget-not-chosen-did-not-fit = when its turn came the money left was less than its cost
budget-not-chosen-supporters-ran-out = its supporters' remaining shares could not pay for it
budget-not-chosen-below-threshold = its supporters did not reach the threshold
budget-not-chosen-pool-full = its category's or district's own budget had too little left
budget-not-chosen-rule-stopped = the rule stopped before its turn
budget-side-by-side = Side by side with "most votes first"
budget-side-by-side-intro = What the classic count would have funded with the same ballots; rows that differ are marked.
budget-project = Project
budget-cost = Cost
budget-funded-yes = funded
budget-funded-no = —
budget-total-spent = Total spent
budget-recount = Anyone can recount: download the file and run { $command }
budget-ballot-list-intro = Every ballot, without who cast it. Find yours with the receipt you got when voting.
field-receipt = Receipt
budget-find-ballot = Find
budget-receipt-unknown = No ballot has this receipt.
budget-ballots-caption = { $count } ballots
budget-channel = How
budget-channel-online = online
budget-channel-paper = on paper
budget-amount-invalid = Write a whole amount in euros, greater than zero.
budget-max-choices-invalid = Write a number from 0 to 100.
budget-rule-invalid = Choose a rule from the list.
budget-project-over-total = A project cannot cost more than the whole budget.
budget-has-ballots = Projects cannot be added once ballots have been cast.
voting-closed = The vote is not open.
budget-results-not-yet = The results are published when the vote closes.
paper-sheet-invalid = Write the sheet number with letters, digits and dashes (at most 20).
paper-counted = This sheet already counts.
paper-entered-twice = You have already entered this sheet: a different officer must enter it.
ballot-too-few = Choose at least one project.
ballot-too-many = You chose more projects than a ballot allows.
ballot-over-cost = The projects you chose cost more than the budget.
ballot-unknown-project = One of the projects is not in this budget.
ballot-duplicate-project = A project was chosen twice.
ballot-withdrawn-project = One of the projects has been withdrawn.
budget-differs = differs
budget-follow-result = How it is going
budget-track = Start tracking its progress
budget-project-not-funded = Only funded projects are tracked.
budget-project-tracked = This project is tracked already.

## Opinion maps
opinion-maps = Opinion maps
opinion-map = Opinion map
opinion-new = Add an opinion map
field-map-title = Title of the map
field-map-question = The question
field-map-moderation = Statements from participants
opinion-moderation-strict = wait for a moderator before they are shown (strict)
opinion-moderation-lenient = are shown at once and can be taken out later (lenient)
opinion-create = Create the map
opinion-moderation-invalid = Choose strict or lenient.
opinion-closed-badge = closed
opinion-go-vote = Vote on statements
opinion-report = Report
opinion-summary = { $participants } participants, { $votes } votes.
opinion-computed-at = computed { $date }
opinion-map-picture = Map of opinions: circles are groups of participants who voted alike, coloured and lettered by opinion group; the ring marks you.
opinion-map-caption = Each circle gathers participants who voted alike; its size tells how many. Colours and letters are the opinion groups described below.
opinion-your-group = You are in group { $group }.
opinion-you = you
opinion-groups = Opinion groups
opinion-group = Group { $group }
opinion-members = { $count } participants
opinion-group-thinks = What sets this group apart:
opinion-direction-agree = { $percent } % agree
opinion-direction-disagree = { $percent } % disagree
opinion-too-few = Not enough votes yet to draw the groups.
opinion-consensus = What unites everyone
opinion-consensus-none = No statement unites everyone yet.
opinion-consensus-agree = Agreed across the groups
opinion-consensus-disagree = Rejected across the groups
opinion-bridging = Statements that bridge the divide
opinion-bridging-intro = Agreed with by people who otherwise disagree (the bridging score Community Notes uses).
opinion-not-computed = The map has not been computed yet: it is, a few seconds after the first votes.
opinion-statements = Statements
opinion-you-voted-1 = you agree
opinion-you-voted--1 = you disagree
opinion-you-voted-0 = you passed
opinion-pending = Statements waiting for moderation
opinion-accept = Accept
opinion-reject = Take out
opinion-close = Close the map
opinion-vote-title = Vote
opinion-progress = You have voted on { $done } of { $total } statements.
opinion-closed = This map is closed.
opinion-agree = Agree
opinion-disagree = Disagree
opinion-pass = Pass / unsure
opinion-all-voted = You have voted on every statement.
opinion-see-map = See the map
opinion-submit-title = Add a statement
opinion-submit-strict = A moderator reads it before it is shown to others.
opinion-submit-lenient = It is shown to others at once.
field-statement = Your statement
hint-statement = One idea, in a sentence others can agree or disagree with (10 to 280 characters).
opinion-submit = Send the statement
notice-statement-pending = Thank you: your statement is waiting for a moderator.
notice-statement-added = Thank you: your statement is on the map.
opinion-report-caption = Every statement with its votes, overall and per group
opinion-statement = Statement
opinion-votes = Votes
opinion-group-agree = Group { $group } agrees
opinion-vote-invalid = Choose agree, disagree or pass.
statement-duplicate = This statement is already on the map.
statement-moderated-out = This statement was taken out by a moderator.
statement-decided = This statement has been decided already.
