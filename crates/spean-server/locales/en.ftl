# Spean interface messages: English (the reference; th.ftl and km.ftl carry the same ids).

## Navigation
nav-label = Main
nav-home = Home
nav-cases = Cases
nav-persons = Persons
nav-users = Users
nav-audit = Audit log
nav-logout = Sign out

## Notices
notice-saved = Saved.
notice-unknown-language = That language is not available; showing the page in the language you used before.

## Sign-in
login-title = Sign in
login-submit = Sign in
login-failed = Wrong username or password.
login-throttled = Too many failed attempts. Wait fifteen minutes and try again.
totp-title = Second factor
totp-intro = Enter the six-digit code from your authenticator app.
totp-setup-intro = Your account needs a second factor. Add this key to an authenticator app (manual entry, time-based), then enter the six-digit code it shows.
totp-submit = Confirm
totp-wrong = That code is not correct. Check the time on your device and try again.

## Account
account-title = My account
account-totp = Second factor
account-totp-on = On
account-totp-off = Off
account-totp-enable = Turn on
account-password = Change password
account-password-submit = Change password
account-password-wrong = The current password is wrong.

## Home
home-title = Home
home-greeting = Welcome, { $name }
home-open-cases = open cases
home-intake-cases = cases waiting at intake
home-recent = Recently opened cases

## Lists
list-next = Next page

## Cases
cases-title = Cases
cases-new = New case
cases-none = No cases to show.
cases-search = Search title or reference
cases-any-stage = Any stage
cases-filter = Filter
case-edit = Edit case
case-shared-with = Shared with
case-persons = Persons in this case
case-no-persons = No persons recorded in this case yet.
case-person-restricted = Restricted record
case-add-person = Add a person
case-share = Share with agency
case-share-submit = Share

## Persons
persons-title = Persons
persons-new = New person
persons-none = No persons to show.
persons-search = Search name
person-edit = Edit person
person-victim = Victim
person-identifiers = Identifiers
person-cases = Cases
person-birth-date-help = A year, a year and month, or a full date (Gregorian).
person-matches = Possible matches
person-matches-help = Records you may see that could describe the same person, scored field by field. A positive weight speaks for a match, a negative one against it.
person-matches-none = No possible matches.
person-match-probability = Match probability
person-match-field = Field
person-match-level = Comparison
person-match-weight = Weight
person-match-confirm = Same person
person-match-reject = Not the same person
person-linked = Linked records
match-field-name = Name
match-field-birth_date = Date of birth
match-field-nationality = Nationality
match-field-phone = Phone
match-field-document = Passport or ID card
match-field-email = E-mail
match-field-account = Social or messaging account
match-field-account_number = Bank account or wallet
match-level-missing = Not recorded on both
match-level-name-0 = Different
match-level-name-1 = A name in common
match-level-name-2 = Similar spelling
match-level-name-3 = Sounds the same
match-level-name-4 = Same
match-level-date-0 = Different
match-level-date-1 = Within 10 years
match-level-date-2 = Within a year, or a partial date that fits
match-level-date-3 = One digit off, or day and month swapped
match-level-date-4 = Same
match-level-country-0 = Different
match-level-country-1 = Same
match-level-identifier-0 = Different
match-level-identifier-1 = Two characters differ
match-level-identifier-2 = One character differs
match-level-identifier-3 = Same

## Users
users-title = Users
users-status = Status
users-active = Active
users-disabled = Disabled
users-add = Add a user
users-add-submit = Add user
users-account = Account
users-disable = Disable account
users-enable = Enable account
users-grant = Grant role
users-revoke = Revoke
users-reset-password = Reset password

## Audit
audit-title = Audit log
audit-action = Action
audit-entity = Record
audit-detail = Detail
audit-when = When

## Forms
form-save = Save
form-add = Add

## Fields
field-username = Username
field-password = Password
field-current-password = Current password
field-new-password = New password (at least 12 characters)
field-display-name = Display name
field-code = Code
field-roles = Roles
field-role = Role
field-agency = Agency
field-reference = Reference
field-title = Title
field-exploitation-type = Type of exploitation
field-stage = Stage
field-summary = Summary
field-full-name = Full name
field-latin-name = Name in Latin letters
field-gender = Gender
field-birth-date = Date of birth
field-nationality = Nationality
field-notes = Notes
field-identifier-kind = Kind
field-identifier-value = Value

## Errors
error-status = Status
error-invalid-input = Some fields need correcting.
error-bad-request = The request could not be understood.
error-malformed-form = The form could not be read. Reload the page and try again.
error-malformed-json = The request body is not valid JSON of the expected shape.
error-unsupported-media-type = Send the request body as application/json.
error-unknown-stage = Unknown stage.
error-unknown-agency = Unknown agency.
error-unknown-operation = Unknown operation.
error-bad-cursor = The page link is not valid.
error-bad-limit = The page size must be between 1 and 200.
error-no-second-factor = No second factor is set up for this account.
error-unauthenticated = Please sign in.
error-second-factor-required = Please complete the second factor.
error-forbidden = You do not have permission to do this.
error-not-found = Not found.
error-csrf-failed = This form has expired. Go back, reload the page and try again.
error-too-many-attempts = Too many attempts. Wait and try again.
error-conflict = This already exists.
error-payload-too-large = What you sent is too large.
error-method-not-allowed = This action is not available here.
error-internal = Something went wrong on our side. The problem has been logged.
error-required = Required.
error-too-long = Too long.
error-too-short = Too short.
error-unknown-value = Not one of the allowed values.
error-invalid-date = Not a valid date (use 1997, 1997-03 or 1997-03-09; not in the future).
error-invalid-username = Use 3 to 64 letters a–z, digits, dots, dashes or underscores.
error-invalid-identifier = This identifier cannot be read.
error-already-exists = Already taken.

## Roles
role-administrator = Administrator
role-intake_officer = Intake officer
role-investigator = Investigator
role-prosecutor = Prosecutor
role-social_worker = Social worker
role-liaison_officer = Liaison officer
role-analyst = Analyst
role-auditor = Auditor

## Stages
stage-intake = Intake
stage-investigation = Investigation
stage-prosecution = Prosecution
stage-trial = Trial
stage-closed = Closed

## Roles in a case
case-role-victim = Victim
case-role-suspect = Suspect
case-role-witness = Witness
case-role-reporter = Reporter
case-role-missing_person = Missing person

## Types of exploitation (HTCDS)
exploitation-ForcedLabour = Forced labour
exploitation-ForcedCriminality = Forced criminality (scam compounds)
exploitation-SexualExploitation = Sexual exploitation
exploitation-ChildLabour = Child labour
exploitation-ForcedMarriage = Forced marriage
exploitation-Servitude = Servitude
exploitation-ForcedMilitaryByNonStateActors = Forced military service (non-state actors)
exploitation-OrganRemoval = Organ removal
exploitation-ForcedBegging = Forced begging
exploitation-ForcedAdoption = Forced adoption
exploitation-Surrogacy = Surrogacy
exploitation-Other = Other

## Gender (HTCDS)
gender-Feminine = Feminine
gender-Masculine = Masculine
gender-TransgenderFeminine = Transgender feminine
gender-TransgenderMasculine = Transgender masculine
gender-NonConforming = Non-conforming
gender-NonSpecifiedUnknown = Not specified / unknown

## Identifier kinds
identifier-phone = Phone
identifier-passport = Passport
identifier-national_id = National ID
identifier-bank_account = Bank account
identifier-social_handle = Social media account
identifier-messaging_id = Messaging account
identifier-wallet = Crypto wallet
identifier-email = E-mail
