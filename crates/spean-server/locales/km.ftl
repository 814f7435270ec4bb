# សារចំណុចប្រទាក់របស់ Spean៖ ការបកប្រែជាភាសាខ្មែរ (បកប្រែពី en.ftl ដែលជាឯកសារយោង ហើយប្រើលេខសម្គាល់សារដូចគ្នា)

## ការរុករក
nav-label = ម៉ឺនុយចម្បង
nav-home = ទំព័រដើម
nav-cases = សំណុំរឿង
nav-persons = បុគ្គល
nav-users = អ្នកប្រើប្រាស់
nav-audit = កំណត់ហេតុសវនកម្ម
nav-logout = ចាកចេញ

## សេចក្តីជូនដំណឹង
notice-saved = បានរក្សាទុក។
notice-unknown-language = មិនមានភាសានោះទេ។ ទំព័រនេះត្រូវបានបង្ហាញជាភាសាដែលអ្នកបានប្រើពីមុន។

## ការចូលប្រព័ន្ធ
login-title = ចូលប្រព័ន្ធ
login-submit = ចូលប្រព័ន្ធ
login-failed = ឈ្មោះអ្នកប្រើ ឬពាក្យសម្ងាត់មិនត្រឹមត្រូវ។
login-throttled = ការព្យាយាមចូលមិនបានសម្រេចច្រើនដងពេក។ សូមរង់ចាំដប់ប្រាំនាទី ហើយព្យាយាមម្តងទៀត។
totp-title = ការផ្ទៀងផ្ទាត់ជំហានទីពីរ
totp-intro = សូមបញ្ចូលលេខកូដប្រាំមួយខ្ទង់ពីកម្មវិធីផ្ទៀងផ្ទាត់របស់អ្នក។
totp-setup-intro = គណនីរបស់អ្នកត្រូវការការផ្ទៀងផ្ទាត់ជំហានទីពីរ។ សូមបន្ថែមសោនេះទៅក្នុងកម្មវិធីផ្ទៀងផ្ទាត់ (បញ្ចូលដោយដៃ ប្រភេទផ្អែកលើពេលវេលា) រួចបញ្ចូលលេខកូដប្រាំមួយខ្ទង់ដែលកម្មវិធីបង្ហាញ។
totp-submit = បញ្ជាក់
totp-wrong = លេខកូដនោះមិនត្រឹមត្រូវទេ។ សូមពិនិត្យម៉ោងនៅលើឧបករណ៍របស់អ្នក ហើយព្យាយាមម្តងទៀត។

## គណនី
account-title = គណនីរបស់ខ្ញុំ
account-totp = ការផ្ទៀងផ្ទាត់ជំហានទីពីរ
account-totp-on = បើក
account-totp-off = បិទ
account-totp-enable = បើកដំណើរការ
account-password = ប្តូរពាក្យសម្ងាត់
account-password-submit = ប្តូរពាក្យសម្ងាត់
account-password-wrong = ពាក្យសម្ងាត់បច្ចុប្បន្នមិនត្រឹមត្រូវទេ។

## ទំព័រដើម
home-title = ទំព័រដើម
home-greeting = សូមស្វាគមន៍ { $name }
home-open-cases = សំណុំរឿងកំពុងដំណើរការ
home-intake-cases = សំណុំរឿងរង់ចាំការទទួលករណី
home-recent = សំណុំរឿងដែលបានបើកថ្មីៗ

## បញ្ជី
list-next = ទំព័របន្ទាប់

## សំណុំរឿង
cases-title = សំណុំរឿង
cases-new = សំណុំរឿងថ្មី
cases-none = មិនមានសំណុំរឿងដែលត្រូវបង្ហាញទេ។
cases-search = ស្វែងរកចំណងជើង ឬលេខយោង
cases-any-stage = គ្រប់ដំណាក់កាល
cases-filter = ត្រង
case-edit = កែសម្រួលសំណុំរឿង
case-shared-with = បានចែករំលែកជាមួយ
case-persons = បុគ្គលក្នុងសំណុំរឿងនេះ
case-no-persons = មិនទាន់មានបុគ្គលណាម្នាក់ត្រូវបានកត់ត្រាក្នុងសំណុំរឿងនេះនៅឡើយទេ។
case-person-restricted = កំណត់ត្រាដែលមានការកម្រិតសិទ្ធិ
case-add-person = បន្ថែមបុគ្គល
case-share = ចែករំលែកជាមួយស្ថាប័ន
case-share-submit = ចែករំលែក

## បុគ្គល
persons-title = បុគ្គល
persons-new = បុគ្គលថ្មី
persons-none = មិនមានបុគ្គលដែលត្រូវបង្ហាញទេ។
persons-search = ស្វែងរកឈ្មោះ
person-edit = កែសម្រួលព័ត៌មានបុគ្គល
person-victim = ជនរងគ្រោះ
person-identifiers = ព័ត៌មានសម្គាល់អត្តសញ្ញាណ
person-cases = សំណុំរឿង
person-birth-date-help = ឆ្នាំ ឆ្នាំនិងខែ ឬកាលបរិច្ឆេទពេញលេញ (តាមគ្រិស្តសករាជ)។
person-matches = កំណត់ត្រាដែលអាចជាបុគ្គលតែមួយ
person-matches-help = កំណត់ត្រាដែលអ្នកមានសិទ្ធិមើល ហើយអាចពិពណ៌នាអំពីបុគ្គលតែមួយ ដោយដាក់ពិន្ទុតាមវាលនីមួយៗ។ ទម្ងន់វិជ្ជមានគាំទ្រថាជាបុគ្គលតែមួយ ទម្ងន់អវិជ្ជមានប្រឆាំង។
person-matches-none = មិនមានកំណត់ត្រាដែលអាចជាបុគ្គលតែមួយទេ។
person-match-probability = ប្រូបាប៊ីលីតេនៃការផ្គូផ្គង
person-match-field = វាល
person-match-level = លទ្ធផលប្រៀបធៀប
person-match-weight = ទម្ងន់
person-match-confirm = ជាបុគ្គលតែមួយ
person-match-reject = មិនមែនជាបុគ្គលតែមួយទេ
person-linked = កំណត់ត្រាដែលបានភ្ជាប់
match-field-name = ឈ្មោះ
match-field-birth_date = ថ្ងៃខែឆ្នាំកំណើត
match-field-nationality = សញ្ជាតិ
match-field-phone = ទូរស័ព្ទ
match-field-document = លិខិតឆ្លងដែន ឬអត្តសញ្ញាណប័ណ្ណ
match-field-email = អ៊ីមែល
match-field-account = គណនីបណ្ដាញសង្គម ឬកម្មវិធីផ្ញើសារ
match-field-account_number = គណនីធនាគារ ឬកាបូបឌីជីថល
match-level-missing = មិនបានកត់ត្រាលើកំណត់ត្រាទាំងពីរ
match-level-name-0 = ខុសគ្នា
match-level-name-1 = មានឈ្មោះមួយដូចគ្នា
match-level-name-2 = អក្ខរាវិរុទ្ធស្រដៀងគ្នា
match-level-name-3 = បញ្ចេញសំឡេងដូចគ្នា
match-level-name-4 = ដូចគ្នា
match-level-date-0 = ខុសគ្នា
match-level-date-1 = ខុសគ្នាមិនលើសពី ១០ ឆ្នាំ
match-level-date-2 = ខុសគ្នាមិនលើសពីមួយឆ្នាំ ឬកាលបរិច្ឆេទមិនពេញលេញតែស៊ីគ្នា
match-level-date-3 = ខុសគ្នាមួយខ្ទង់ ឬថ្ងៃនិងខែច្រឡំគ្នា
match-level-date-4 = ដូចគ្នា
match-level-country-0 = ខុសគ្នា
match-level-country-1 = ដូចគ្នា
match-level-identifier-0 = ខុសគ្នា
match-level-identifier-1 = ខុសគ្នាពីរតួអក្សរ
match-level-identifier-2 = ខុសគ្នាមួយតួអក្សរ
match-level-identifier-3 = ដូចគ្នា

## អ្នកប្រើប្រាស់
users-title = អ្នកប្រើប្រាស់
users-status = ស្ថានភាព
users-active = សកម្ម
users-disabled = បានបិទ
users-add = បន្ថែមអ្នកប្រើប្រាស់
users-add-submit = បន្ថែមអ្នកប្រើប្រាស់
users-account = គណនី
users-disable = បិទគណនី
users-enable = បើកគណនី
users-grant = ផ្តល់តួនាទី
users-revoke = ដកហូត
users-reset-password = កំណត់ពាក្យសម្ងាត់ឡើងវិញ

## សវនកម្ម
audit-title = កំណត់ហេតុសវនកម្ម
audit-action = សកម្មភាព
audit-entity = កំណត់ត្រា
audit-detail = ព័ត៌មានលម្អិត
audit-when = ពេលវេលា

## ទម្រង់បែបបទ
form-save = រក្សាទុក
form-add = បន្ថែម

## វាលព័ត៌មាន
field-username = ឈ្មោះអ្នកប្រើ
field-password = ពាក្យសម្ងាត់
field-current-password = ពាក្យសម្ងាត់បច្ចុប្បន្ន
field-new-password = ពាក្យសម្ងាត់ថ្មី (យ៉ាងតិច ១២ តួអក្សរ)
field-display-name = ឈ្មោះបង្ហាញ
field-code = លេខកូដ
field-roles = តួនាទី
field-role = តួនាទី
field-agency = ស្ថាប័ន
field-reference = លេខយោង
field-title = ចំណងជើង
field-exploitation-type = ប្រភេទនៃការកេងប្រវ័ញ្ច
field-stage = ដំណាក់កាល
field-summary = សេចក្តីសង្ខេប
field-full-name = គោត្តនាម និងនាម
field-latin-name = ឈ្មោះជាអក្សរឡាតាំង
field-gender = ភេទ
field-birth-date = ថ្ងៃខែឆ្នាំកំណើត
field-nationality = សញ្ជាតិ
field-notes = កំណត់សម្គាល់
field-identifier-kind = ប្រភេទ
field-identifier-value = ព័ត៌មាន

## កំហុស
error-status = ស្ថានភាព
error-invalid-input = មានព័ត៌មានមួយចំនួនដែលត្រូវកែតម្រូវ។
error-bad-request = មិនអាចយល់សំណើនេះបានទេ។
error-malformed-form = មិនអាចអានទម្រង់បែបបទនេះបានទេ។ សូមផ្ទុកទំព័រឡើងវិញ ហើយព្យាយាមម្តងទៀត។
error-malformed-json = តួសំណើមិនមែនជា JSON ត្រឹមត្រូវតាមទម្រង់ដែលបានកំណត់ទេ។
error-unsupported-media-type = សូមផ្ញើតួសំណើជា application/json។
error-unknown-stage = ដំណាក់កាលមិនត្រឹមត្រូវ។
error-unknown-agency = ស្ថាប័នមិនត្រឹមត្រូវ។
error-unknown-operation = ប្រតិបត្តិការមិនត្រឹមត្រូវ។
error-bad-cursor = តំណភ្ជាប់ទំព័រមិនត្រឹមត្រូវ។
error-bad-limit = ចំនួនធាតុក្នុងមួយទំព័រត្រូវតែនៅចន្លោះពី ១ ដល់ ២០០។
error-no-second-factor = គណនីនេះមិនទាន់បានរៀបចំការផ្ទៀងផ្ទាត់ជំហានទីពីរនៅឡើយទេ។
error-unauthenticated = សូមចូលប្រព័ន្ធ។
error-second-factor-required = សូមបំពេញការផ្ទៀងផ្ទាត់ជំហានទីពីរ។
error-forbidden = អ្នកមិនមានសិទ្ធិធ្វើសកម្មភាពនេះទេ។
error-not-found = រកមិនឃើញ។
error-csrf-failed = ទម្រង់បែបបទនេះបានផុតសុពលភាពហើយ។ សូមត្រឡប់ក្រោយ ផ្ទុកទំព័រឡើងវិញ ហើយព្យាយាមម្តងទៀត។
error-too-many-attempts = ការព្យាយាមច្រើនដងពេក។ សូមរង់ចាំបន្តិច ហើយព្យាយាមម្តងទៀត។
error-conflict = ព័ត៌មាននេះមានរួចហើយ។
error-payload-too-large = ទិន្នន័យដែលអ្នកបានផ្ញើមានទំហំធំពេក។
error-method-not-allowed = សកម្មភាពនេះមិនអាចធ្វើនៅទីនេះបានទេ។
error-internal = មានបញ្ហាកើតឡើងនៅក្នុងប្រព័ន្ធរបស់យើង។ បញ្ហានេះត្រូវបានកត់ត្រាទុកហើយ។
error-required = ត្រូវតែបំពេញ។
error-too-long = វែងពេក។
error-too-short = ខ្លីពេក។
error-unknown-value = មិនមែនជាតម្លៃដែលអនុញ្ញាតទេ។
error-invalid-date = កាលបរិច្ឆេទមិនត្រឹមត្រូវ (សូមប្រើ 1997, 1997-03 ឬ 1997-03-09 តាមគ្រិស្តសករាជ ហើយមិនអាចជាកាលបរិច្ឆេទនាពេលអនាគតទេ)។
error-invalid-username = សូមប្រើពី ៣ ដល់ ៦៤ តួ ដែលជាអក្សរ a–z លេខ ចំណុច សញ្ញាដក ឬសញ្ញាគូសក្រោម។
error-invalid-identifier = មិនអាចអានព័ត៌មានសម្គាល់អត្តសញ្ញាណនេះបានទេ។
error-already-exists = មានគេប្រើរួចហើយ។

## តួនាទី
role-administrator = អ្នកគ្រប់គ្រងប្រព័ន្ធ
role-intake_officer = មន្ត្រីទទួលករណី
role-investigator = មន្ត្រីស៊ើបអង្កេត
role-prosecutor = ព្រះរាជអាជ្ញា
role-social_worker = បុគ្គលិកសង្គមកិច្ច
role-liaison_officer = មន្ត្រីទំនាក់ទំនង
role-analyst = អ្នកវិភាគ
role-auditor = សវនករ

## ដំណាក់កាល
stage-intake = ទទួលករណី
stage-investigation = ស៊ើបអង្កេត
stage-prosecution = ចោទប្រកាន់
stage-trial = ជំនុំជម្រះ
stage-closed = បិទសំណុំរឿង

## តួនាទីក្នុងសំណុំរឿង
case-role-victim = ជនរងគ្រោះ
case-role-suspect = ជនសង្ស័យ
case-role-witness = សាក្សី
case-role-reporter = អ្នករាយការណ៍
case-role-missing_person = ជនបាត់ខ្លួន

## ប្រភេទនៃការកេងប្រវ័ញ្ច (HTCDS)
exploitation-ForcedLabour = ពលកម្មដោយបង្ខំ
exploitation-ForcedCriminality = ការបង្ខំឱ្យប្រព្រឹត្តបទល្មើស (មជ្ឈមណ្ឌលបោកប្រាស់តាមអនឡាញ)
exploitation-SexualExploitation = ការកេងប្រវ័ញ្ចផ្លូវភេទ
exploitation-ChildLabour = ពលកម្មកុមារ
exploitation-ForcedMarriage = អាពាហ៍ពិពាហ៍ដោយបង្ខំ
exploitation-Servitude = ទាសភាព
exploitation-ForcedMilitaryByNonStateActors = ការបង្ខំឱ្យបម្រើយោធា (ក្រុមប្រដាប់អាវុធមិនមែនរដ្ឋ)
exploitation-OrganRemoval = ការកាត់យកសរីរាង្គ
exploitation-ForcedBegging = ការបង្ខំឱ្យសុំទាន
exploitation-ForcedAdoption = ការសុំកូនចិញ្ចឹមដោយបង្ខំ
exploitation-Surrogacy = ការពពោះជំនួស
exploitation-Other = ផ្សេងៗ

## ភេទ (HTCDS)
gender-Feminine = ស្រី
gender-Masculine = ប្រុស
gender-TransgenderFeminine = ស្ត្រីប្លែងភេទ
gender-TransgenderMasculine = បុរសប្លែងភេទ
gender-NonConforming = មិនស្របតាមបទដ្ឋានភេទ
gender-NonSpecifiedUnknown = មិនបានបញ្ជាក់ / មិនដឹង

## ប្រភេទព័ត៌មានសម្គាល់អត្តសញ្ញាណ
identifier-phone = លេខទូរស័ព្ទ
identifier-passport = លិខិតឆ្លងដែន
identifier-national_id = អត្តសញ្ញាណប័ណ្ណ
identifier-bank_account = គណនីធនាគារ
identifier-social_handle = គណនីបណ្តាញសង្គម
identifier-messaging_id = គណនីកម្មវិធីផ្ញើសារ
identifier-wallet = កាបូបរូបិយប័ណ្ណគ្រីបតូ
identifier-email = អ៊ីមែល
