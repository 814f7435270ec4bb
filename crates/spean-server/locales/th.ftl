# ข้อความส่วนติดต่อผู้ใช้ของ Spean: ฉบับภาษาไทย (แปลจาก en.ftl ซึ่งเป็นต้นฉบับอ้างอิง; ใช้รหัสข้อความชุดเดียวกัน)

## การนำทาง
nav-label = เมนูหลัก
nav-home = หน้าหลัก
nav-cases = คดี
nav-persons = บุคคล
nav-users = ผู้ใช้งาน
nav-audit = บันทึกการตรวจสอบ
nav-logout = ออกจากระบบ

## การแจ้งเตือน
notice-saved = บันทึกเรียบร้อยแล้ว
notice-unknown-language = ไม่มีภาษาที่เลือก ระบบจึงแสดงหน้านี้ในภาษาที่คุณใช้ก่อนหน้า

## การเข้าสู่ระบบ
login-title = เข้าสู่ระบบ
login-submit = เข้าสู่ระบบ
login-failed = ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง
login-throttled = เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป กรุณารอ 15 นาทีแล้วลองใหม่อีกครั้ง
totp-title = การยืนยันตัวตนขั้นที่สอง
totp-intro = กรอกรหัส 6 หลักจากแอปยืนยันตัวตนของคุณ
totp-setup-intro = บัญชีของคุณต้องตั้งค่าการยืนยันตัวตนขั้นที่สอง โปรดเพิ่มคีย์นี้ในแอปยืนยันตัวตน (ป้อนคีย์ด้วยตนเอง แบบอิงเวลา) แล้วกรอกรหัส 6 หลักที่แอปแสดง
totp-submit = ยืนยัน
totp-wrong = รหัสไม่ถูกต้อง กรุณาตรวจสอบเวลาในอุปกรณ์ของคุณแล้วลองใหม่อีกครั้ง

## บัญชีผู้ใช้
account-title = บัญชีของฉัน
account-totp = การยืนยันตัวตนขั้นที่สอง
account-totp-on = เปิด
account-totp-off = ปิด
account-totp-enable = เปิดใช้งาน
account-password = เปลี่ยนรหัสผ่าน
account-password-submit = เปลี่ยนรหัสผ่าน
account-password-wrong = รหัสผ่านปัจจุบันไม่ถูกต้อง

## หน้าหลัก
home-title = หน้าหลัก
home-greeting = ยินดีต้อนรับ { $name }
home-open-cases = คดีที่อยู่ระหว่างดำเนินการ
home-intake-cases = คดีที่รอรับเรื่อง
home-recent = คดีที่เปิดล่าสุด

## รายการ
list-next = หน้าถัดไป

## คดี
cases-title = คดี
cases-new = คดีใหม่
cases-none = ไม่มีคดีที่จะแสดง
cases-search = ค้นหาชื่อเรื่องหรือเลขอ้างอิง
cases-any-stage = ทุกขั้นตอน
cases-filter = กรอง
case-edit = แก้ไขคดี
case-shared-with = แบ่งปันข้อมูลกับ
case-persons = บุคคลในคดีนี้
case-no-persons = ยังไม่มีการบันทึกบุคคลในคดีนี้
case-person-restricted = ข้อมูลจำกัดการเข้าถึง
case-add-person = เพิ่มบุคคล
case-share = แบ่งปันข้อมูลกับหน่วยงาน
case-share-submit = แบ่งปัน

## บุคคล
persons-title = บุคคล
persons-new = บุคคลใหม่
persons-none = ไม่มีบุคคลที่จะแสดง
persons-search = ค้นหาชื่อ
person-edit = แก้ไขข้อมูลบุคคล
person-victim = ผู้เสียหาย
person-identifiers = ข้อมูลระบุตัวตน
person-cases = คดี
person-birth-date-help = ระบุเป็นปี ปีและเดือน หรือวันเดือนปีเต็ม (ปีคริสต์ศักราช)
person-matches = ระเบียนที่อาจเป็นบุคคลเดียวกัน
person-matches-help = ระเบียนที่คุณมีสิทธิ์เห็นซึ่งอาจเป็นบุคคลเดียวกัน โดยให้คะแนนทีละช่องข้อมูล น้ำหนักที่เป็นบวกสนับสนุนว่าเป็นคนเดียวกัน น้ำหนักที่เป็นลบแย้งว่าไม่ใช่
person-matches-none = ไม่พบระเบียนที่อาจเป็นบุคคลเดียวกัน
person-match-probability = ความน่าจะเป็นที่ตรงกัน
person-match-field = ช่องข้อมูล
person-match-level = ผลการเปรียบเทียบ
person-match-weight = น้ำหนัก
person-match-confirm = เป็นบุคคลเดียวกัน
person-match-reject = ไม่ใช่บุคคลเดียวกัน
person-linked = ระเบียนที่เชื่อมโยงแล้ว
match-field-name = ชื่อ
match-field-birth_date = วันเกิด
match-field-nationality = สัญชาติ
match-field-phone = โทรศัพท์
match-field-document = หนังสือเดินทางหรือบัตรประจำตัว
match-field-email = อีเมล
match-field-account = บัญชีโซเชียลมีเดียหรือแอปส่งข้อความ
match-field-account_number = บัญชีธนาคารหรือกระเป๋าเงินดิจิทัล
match-level-missing = ไม่ได้บันทึกไว้ทั้งสองระเบียน
match-level-name-0 = ต่างกัน
match-level-name-1 = มีชื่อบางส่วนตรงกัน
match-level-name-2 = สะกดคล้ายกัน
match-level-name-3 = ออกเสียงเหมือนกัน
match-level-name-4 = ตรงกัน
match-level-date-0 = ต่างกัน
match-level-date-1 = ห่างกันไม่เกิน 10 ปี
match-level-date-2 = ห่างกันไม่เกินหนึ่งปี หรือวันที่ไม่ครบแต่สอดคล้องกัน
match-level-date-3 = ต่างกันหนึ่งหลัก หรือวันและเดือนสลับกัน
match-level-date-4 = ตรงกัน
match-level-country-0 = ต่างกัน
match-level-country-1 = ตรงกัน
match-level-identifier-0 = ต่างกัน
match-level-identifier-1 = ต่างกันสองตัวอักษร
match-level-identifier-2 = ต่างกันหนึ่งตัวอักษร
match-level-identifier-3 = ตรงกัน

## ผู้ใช้งาน
users-title = ผู้ใช้งาน
users-status = สถานะ
users-active = ใช้งานอยู่
users-disabled = ระงับการใช้งาน
users-add = เพิ่มผู้ใช้งาน
users-add-submit = เพิ่มผู้ใช้งาน
users-account = บัญชี
users-disable = ระงับบัญชี
users-enable = เปิดใช้งานบัญชี
users-grant = กำหนดบทบาท
users-revoke = เพิกถอน
users-reset-password = รีเซ็ตรหัสผ่าน

## การตรวจสอบ
audit-title = บันทึกการตรวจสอบ
audit-action = การดำเนินการ
audit-entity = ระเบียนข้อมูล
audit-detail = รายละเอียด
audit-when = วันและเวลา

## แบบฟอร์ม
form-save = บันทึก
form-add = เพิ่ม

## ช่องข้อมูล
field-username = ชื่อผู้ใช้
field-password = รหัสผ่าน
field-current-password = รหัสผ่านปัจจุบัน
field-new-password = รหัสผ่านใหม่ (อย่างน้อย 12 ตัวอักษร)
field-display-name = ชื่อที่แสดง
field-code = รหัส
field-roles = บทบาท
field-role = บทบาท
field-agency = หน่วยงาน
field-reference = เลขอ้างอิง
field-title = ชื่อเรื่อง
field-exploitation-type = รูปแบบการแสวงประโยชน์
field-stage = ขั้นตอน
field-summary = สรุปข้อเท็จจริง
field-full-name = ชื่อ-นามสกุล
field-latin-name = ชื่อภาษาอังกฤษ (อักษรโรมัน)
field-gender = เพศ
field-birth-date = วันเดือนปีเกิด
field-nationality = สัญชาติ
field-notes = หมายเหตุ
field-identifier-kind = ประเภท
field-identifier-value = ข้อมูล

## ข้อผิดพลาด
error-status = สถานะ
error-invalid-input = มีบางช่องที่ต้องแก้ไข
error-bad-request = ระบบไม่สามารถประมวลผลคำขอนี้ได้
error-malformed-form = ระบบไม่สามารถอ่านแบบฟอร์มได้ กรุณาโหลดหน้านี้ใหม่แล้วลองอีกครั้ง
error-malformed-json = เนื้อหาของคำขอไม่ใช่ JSON ที่ถูกต้องตามรูปแบบที่กำหนด
error-unsupported-media-type = กรุณาส่งเนื้อหาของคำขอในรูปแบบ application/json
error-unknown-stage = ไม่พบขั้นตอนที่ระบุ
error-unknown-agency = ไม่พบหน่วยงานที่ระบุ
error-unknown-operation = ไม่พบการดำเนินการที่ระบุ
error-bad-cursor = ลิงก์ของหน้านี้ไม่ถูกต้อง
error-bad-limit = จำนวนรายการต่อหน้าต้องอยู่ระหว่าง 1 ถึง 200
error-no-second-factor = บัญชีนี้ยังไม่ได้ตั้งค่าการยืนยันตัวตนขั้นที่สอง
error-unauthenticated = กรุณาเข้าสู่ระบบ
error-second-factor-required = กรุณายืนยันตัวตนขั้นที่สองให้เรียบร้อย
error-forbidden = คุณไม่มีสิทธิ์ดำเนินการนี้
error-not-found = ไม่พบข้อมูล
error-csrf-failed = แบบฟอร์มนี้หมดอายุแล้ว กรุณากลับไปหน้าก่อนหน้า โหลดหน้าใหม่ แล้วลองอีกครั้ง
error-too-many-attempts = ดำเนินการหลายครั้งเกินไป กรุณารอสักครู่แล้วลองอีกครั้ง
error-conflict = ข้อมูลนี้มีอยู่ในระบบแล้ว
error-payload-too-large = ข้อมูลที่ส่งมีขนาดใหญ่เกินไป
error-method-not-allowed = ไม่สามารถดำเนินการนี้ในหน้านี้ได้
error-internal = เกิดข้อผิดพลาดภายในระบบ ระบบได้บันทึกปัญหานี้ไว้แล้ว
error-required = จำเป็นต้องกรอก
error-too-long = ยาวเกินไป
error-too-short = สั้นเกินไป
error-unknown-value = ไม่ใช่ค่าที่อนุญาต
error-invalid-date = วันที่ไม่ถูกต้อง (ใช้รูปแบบ 1997, 1997-03 หรือ 1997-03-09 เป็นปีคริสต์ศักราช และต้องไม่เป็นวันในอนาคต)
error-invalid-username = ใช้ตัวอักษร a–z ตัวเลข จุด ขีดกลาง หรือขีดล่าง ความยาว 3 ถึง 64 ตัวอักษร
error-invalid-identifier = ไม่สามารถอ่านข้อมูลระบุตัวตนนี้ได้
error-already-exists = ถูกใช้ไปแล้ว

## บทบาท
role-administrator = ผู้ดูแลระบบ
role-intake_officer = เจ้าหน้าที่รับเรื่อง
role-investigator = พนักงานสอบสวน
role-prosecutor = พนักงานอัยการ
role-social_worker = นักสังคมสงเคราะห์
role-liaison_officer = เจ้าหน้าที่ประสานงาน
role-analyst = นักวิเคราะห์
role-auditor = ผู้ตรวจสอบ

## ขั้นตอนของคดี
stage-intake = รับเรื่อง
stage-investigation = ชั้นสอบสวน
stage-prosecution = ชั้นพนักงานอัยการ
stage-trial = ชั้นศาล
stage-closed = ปิดคดี

## สถานะของบุคคลในคดี
case-role-victim = ผู้เสียหาย
case-role-suspect = ผู้ต้องสงสัย
case-role-witness = พยาน
case-role-reporter = ผู้แจ้งเหตุ
case-role-missing_person = บุคคลสูญหาย

## รูปแบบการแสวงประโยชน์ (HTCDS)
exploitation-ForcedLabour = การบังคับใช้แรงงาน
exploitation-ForcedCriminality = การบังคับให้ก่ออาชญากรรม (แก๊งคอลเซ็นเตอร์/สแกมเมอร์)
exploitation-SexualExploitation = การแสวงประโยชน์ทางเพศ
exploitation-ChildLabour = การใช้แรงงานเด็ก
exploitation-ForcedMarriage = การบังคับแต่งงาน
exploitation-Servitude = การเอาคนลงเป็นทาสหรือให้มีฐานะคล้ายทาส
exploitation-ForcedMilitaryByNonStateActors = การบังคับให้เป็นทหาร (กลุ่มติดอาวุธที่ไม่ใช่รัฐ)
exploitation-OrganRemoval = การบังคับตัดอวัยวะ
exploitation-ForcedBegging = การบังคับให้ขอทาน
exploitation-ForcedAdoption = การบังคับรับบุตรบุญธรรม
exploitation-Surrogacy = การรับตั้งครรภ์แทน
exploitation-Other = อื่น ๆ

## เพศ (HTCDS)
gender-Feminine = หญิง
gender-Masculine = ชาย
gender-TransgenderFeminine = หญิงข้ามเพศ
gender-TransgenderMasculine = ชายข้ามเพศ
gender-NonConforming = ไม่อยู่ในกรอบเพศหญิงหรือชาย
gender-NonSpecifiedUnknown = ไม่ระบุ / ไม่ทราบ

## ประเภทข้อมูลระบุตัวตน
identifier-phone = หมายเลขโทรศัพท์
identifier-passport = หนังสือเดินทาง
identifier-national_id = เลขประจำตัวประชาชน
identifier-bank_account = บัญชีธนาคาร
identifier-social_handle = บัญชีโซเชียลมีเดีย
identifier-messaging_id = บัญชีแอปส่งข้อความ
identifier-wallet = กระเป๋าเงินคริปโต
identifier-email = อีเมล
