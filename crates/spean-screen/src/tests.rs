//! Engine tests: one positive and one negative example per indicator in at least two
//! languages, the score as a sum of contributions, spans, and disguised keywords.

use super::*;

/// (code, texts that must trigger it, texts of similar form that must not).
const CASES: &[(&str, &[&str], &[&str])] = &[
    (
        "debt_for_costs",
        &[
            "We pay the flight now, it is deducted from your salary later",
            "บริษัทออกค่าตั๋วให้ก่อน แล้วหักจากเงินเดือน",
            "សំបុត្រយន្តហោះជាប្រាក់កម្ចី កាត់ពីប្រាក់ខែបីខែដំបូង",
            "路费先垫，到了从工资里扣",
        ],
        &[
            "We pay the flight, and your salary is paid in full",
            "บริษัทออกค่าตั๋วให้ เงินเดือนได้เต็ม",
            "ក្រុមហ៊ុនចេញថ្លៃសំបុត្រ ប្រាក់ខែបើកពេញ",
            "公司出机票，工资全额发放",
        ],
    ),
    (
        "irregular_entry",
        &[
            "No need passport, our people bring you across the river",
            "ไม่ต้องทำพาสปอร์ต นั่งเรือข้ามแป๊บเดียวถึง",
            "មិនបាច់ធ្វើ Passport ទេ មានគេចាំយកឆ្លងស្ទឹង",
            "不用护照，有人带你坐船过去",
        ],
        &[
            "Bring your passport and work permit to the interview",
            "เตรียมพาสปอร์ตและใบอนุญาตทำงานมาด้วย",
            "សូមយកលិខិតឆ្លងដែន និងប័ណ្ណការងារមកជាមួយ",
            "请带护照和工作签证来面试",
        ],
    ),
    (
        "details_withheld",
        &[
            "Work location disclosed after interview, contract signed on site",
            "สถานที่ทำงานแจ้งทีหลัง ไปถึงแล้วจะบอก",
            "ទីតាំង៖ ប្រាប់នៅពេលសម្ភាសន៍",
            "具体地点到了再说，到了再签合同",
        ],
        &[
            "Work location: 12 Silom Road, contract signed before you start",
            "สถานที่ทำงาน ถนนสีลม เซ็นสัญญาก่อนเริ่มงาน",
            "ទីតាំង៖ ផ្លូវ ២៧១ ភ្នំពេញ",
            "工作地点：曼谷是隆路12号，入职前签合同",
        ],
    ),
    (
        "befriend_targets",
        &[
            "Build friendships with foreign clients online, daily target of new contacts",
            "หน้าที่คือหาเพื่อนต่างชาติแล้วชวนลงทุน",
            "ការងារឆាតជាមួយភ្ញៀវបរទេស ហើយណែនាំការវិនិយោគ",
            "每天加好友，聊客户，介绍投资",
        ],
        &[
            "Answer questions from our hotel guests at the front desk",
            "ตอบคำถามแขกที่เคาน์เตอร์โรงแรม",
            "ឆ្លើយសំណួរភ្ញៀវនៅបញ្ជរសណ្ឋាគារ",
            "在前台接待酒店客人",
        ],
    ),
    (
        "secrecy_asked",
        &[
            "Don't tell anyone until you get here",
            "ไม่ต้องบอกใครนะ มาถึงแล้วค่อยโทรหาที่บ้าน",
            "先别告诉别人，到了再说",
        ],
        &[
            "Tell your family where you will work",
            "บอกที่บ้านด้วยนะว่าไปทำงานที่ไหน",
            "告诉家人你在哪里工作",
        ],
    ),
    (
        "friend_invite",
        &[
            "my boss needs two more people, come work with me",
            "ยังขาดคนอีก 2 คน มาทำงานด้วยกันนะ",
            "老板缺人，过来一起赚钱",
        ],
        &[
            "my boss gave me a day off, come eat with me",
            "ว่างไหม มากินข้าวด้วยกัน",
            "老板请客，过来一起吃饭",
        ],
    ),
    (
        "remote_interview_only",
        &[
            "Online interview only, start next week",
            "สัมภาษณ์ออนไลน์ เริ่มงานได้ทันที",
            "视频面试，下周入职",
        ],
        &[
            "Interview at our office, start next week",
            "สัมภาษณ์ที่บริษัท เริ่มงานได้ทันที",
            "现场面试，下周入职",
        ],
    ),
    (
        "vague_remote_role",
        &[
            "Hiring customer service staff",
            "รับสมัครแอดมินออนไลน์",
            "招聘客服",
        ],
        &["Hiring forklift drivers", "รับสมัครพนักงานขับรถ", "招聘厨师"],
    ),
    (
        "pay_outlier",
        &["Salary $2,500/month", "รายได้สูง 80,000 บาท", "月薪3万"],
        &["Salary $450/month", "เงินเดือน 15,000 บาท", "月薪5000元"],
    ),
    (
        "no_experience",
        &["No experience needed", "ไม่ต้องมีประสบการณ์", "មិនត្រូវការបទពិសោធន៍"],
        &[
            "3 years of experience needed",
            "มีประสบการณ์ 2 ปีขึ้นไป",
            "ត្រូវការបទពិសោធន៍ 2 ឆ្នាំ",
        ],
    ),
    (
        "travel_paid",
        &["Free flight and visa paid", "ฟรีตั๋วเครื่องบิน", "包机票"],
        &["Flights at your own cost", "ผู้สมัครออกค่าตั๋วเอง", "机票自理"],
    ),
    (
        "lodging_provided",
        &["Free accommodation and meals", "มีที่พักและอาหารให้", "包吃包住"],
        &[
            "Accommodation at your own cost",
            "ผู้สมัครออกค่าที่พักเอง",
            "食宿自理",
        ],
    ),
    (
        "application_channel",
        &[
            "Send your CV to hr@example.com",
            "ส่งเรซูเม่มาที่อีเมล",
            "请投递简历",
        ],
        &[
            "Send me a message on Telegram",
            "ส่งข้อความมาทางไลน์",
            "请加微信",
        ],
    ),
    (
        "im_contact",
        &["Contact Telegram for details", "ทักไลน์มาเลย", "加微信详聊"],
        &["Send your CV by post", "ส่งใบสมัครทางไปรษณีย์", "请邮寄简历"],
    ),
    (
        "no_company_named",
        &["Job in Cambodia, Telegram only", "งานดี ทักเทเลมา"],
        &[
            "ABC Co., Ltd. Telegram for details",
            "บริษัท สยามแรงงาน จำกัด ทักไลน์",
        ],
    ),
    (
        "awareness_notice",
        &[
            "Scam alert: fake offers of typing jobs abroad",
            "เตือนภัย งานแอดมินต่างประเทศ",
            "谨防海外高薪招聘",
        ],
        &[
            "Typing jobs abroad, apply now",
            "งานแอดมินต่างประเทศ สมัครเลย",
            "海外高薪招聘",
        ],
    ),
    (
        "hub_destination",
        &[
            "Work in Sihanoukville",
            "ทำงานที่สีหนุวิลล์",
            "地点：西港",
            "ធ្វើការនៅបាវិត",
        ],
        &["Work in Chiang Mai", "ทำงานที่เชียงใหม่", "地点：曼谷"],
    ),
    (
        "border_transit",
        &["We pick you up at the border", "รถมารับที่แม่สอด", "边境接人"],
        &["We pick you up at the airport", "รถมารับที่สนามบิน", "机场接人"],
    ),
    (
        "passport_requested",
        &[
            "Send your passport photo today",
            "ส่งรูปพาสปอร์ตมาก่อน",
            "先发护照照片",
        ],
        &[
            "Bring your CV to the interview",
            "นำใบสมัครมาวันสัมภาษณ์",
            "面试请带简历",
        ],
    ),
    (
        "urgency",
        &[
            "Leave this week, limited slots",
            "ด่วนมาก เดินทางทันที",
            "急招 马上出发",
        ],
        &["Start date to be agreed", "เริ่มงานตามตกลง", "入职时间面议"],
    ),
    (
        "age_limit",
        &["Age 18-30 only", "อายุ 18-35 ปี", "年龄18至30岁"],
        &["All ages welcome", "ไม่จำกัดอายุ", "年龄不限"],
    ),
    (
        "scam_work_type",
        &["Crypto customer chat", "งานคาสิโนออนไลน์", "博彩公司招聘"],
        &["Bank teller wanted", "พนักงานธนาคาร", "银行柜员"],
    ),
    (
        "legality_reassurance",
        &[
            "100% legal work, not illegal",
            "งานไม่ผิดกฎหมาย",
            "正规合法 不违法",
        ],
        &["Legal assistant wanted", "รับสมัครนิติกร", "招聘法务助理"],
    ),
    (
        "language_requirement",
        &["Thai speakers wanted", "รับคนไทย พูดภาษาจีนได้", "会泰语优先"],
        &["Thai food cook wanted", "รับพ่อครัวอาหารไทย", "招聘泰国菜厨师"],
    ),
    (
        "job_abroad",
        &["Work abroad with us", "ไปทำงานต่างประเทศ", "出国工作"],
        &["Work from home with us", "ทำงานที่บ้าน", "居家办公"],
    ),
    (
        "licensed_agency",
        &[
            "Licensed agency, licence no. 123/2568",
            "ได้รับอนุญาตจากกรมการจัดหางาน",
            "ក្រសួងការងារ",
        ],
        &["Agency fee required", "ค่าหัวคิว 5,000 บาท", "ថ្លៃសេវា"],
    ),
    (
        "company_named",
        &[
            "Siam Foods Co., Ltd.",
            "บริษัท สยามฟู้ดส์ จำกัด",
            "深圳华强有限公司",
        ],
        &["Siam Foods team", "ร้านสยามฟู้ดส์", "华强团队"],
    ),
    (
        "in_person_interview",
        &[
            "Walk-in interview on Monday",
            "สมัครด้วยตนเองที่สำนักงาน",
            "现场面试",
        ],
        &["Interview by video call", "สัมภาษณ์ทางวิดีโอคอล", "视频面试"],
    ),
    (
        "employment_terms",
        &["Social security and annual leave", "มีประกันสังคม", "五险一金"],
        &["Weekly cash payment", "จ่ายเงินสดรายสัปดาห์", "现金日结"],
    ),
];

fn codes(text: &str) -> Vec<String> {
    let screener = Screener::default();
    match screener.screen(text, None) {
        Ok(s) => s
            .indicators
            .into_iter()
            .map(|i| i.code.to_string())
            .collect(),
        Err(e) => panic!("{text:?}: {e}"),
    }
}

#[test]
fn every_indicator_fires_on_its_positive_examples() {
    for (code, positives, _) in CASES {
        for text in *positives {
            assert!(
                codes(text).iter().any(|c| c == code),
                "{code} should fire on {text:?}, got {:?}",
                codes(text)
            );
        }
    }
}

#[test]
fn no_indicator_fires_on_its_negative_examples() {
    for (code, _, negatives) in CASES {
        for text in *negatives {
            assert!(
                !codes(text).iter().any(|c| c == code),
                "{code} should not fire on {text:?}"
            );
        }
    }
}

#[test]
fn every_indicator_of_the_default_rules_has_examples_in_two_languages() {
    let rules = Rules::default_rules();
    for code in rules.codes() {
        let case = CASES.iter().find(|(c, _, _)| *c == code);
        let Some((_, positives, negatives)) = case else {
            panic!("indicator {code} has no test examples");
        };
        assert!(positives.len() >= 2 && negatives.len() >= 2, "{code}");
    }
}

#[test]
fn the_score_is_the_bias_plus_the_weights_shown() {
    let s = Screener::default()
        .screen(
            "Hiring customer service in Poipet, high salary, free accommodation, Telegram @x_hr",
            None,
        )
        .expect("screen");
    let sum: f64 = s.bias + s.indicators.iter().map(|i| i.weight).sum::<f64>();
    assert!((s.score - sum).abs() < 1e-9);
    assert!((s.risk - 1.0 / (1.0 + (-sum).exp())).abs() < 1e-9);
    assert!(s.flagged);
}

#[test]
fn an_ordinary_job_ad_is_low_risk() {
    let s = Screener::default()
        .screen(
            "บริษัท เชียงใหม่เบเกอรี่ จำกัด รับสมัครพนักงานขายหน้าร้าน เงินเดือน 13,000 บาท มีประกันสังคม สมัครด้วยตนเองที่สาขานิมมาน",
            None,
        )
        .expect("screen");
    assert_eq!(s.level, Level::Low, "{}", s.explain());
    assert!(!s.flagged);
}

#[test]
fn indicator_spans_are_exact_text_of_the_original() {
    let text = "งานดี! ทำงานที่ สีหนุวิลล์ ทัก T e l e g r a m";
    let s = Screener::default().screen(text, None).expect("screen");
    let hub = s
        .indicators
        .iter()
        .find(|i| &*i.code == "hub_destination")
        .expect("hub");
    let span = hub.spans.first().expect("span");
    assert_eq!(span.text, "สีหนุวิลล์");
    let chars: Vec<char> = text.chars().collect();
    let by_chars: String = chars
        .get(span.start..span.end)
        .expect("in range")
        .iter()
        .collect();
    assert_eq!(by_chars, "สีหนุวิลล์");
    assert_eq!(text.get(span.byte_start..span.byte_end), Some("สีหนุวิลล์"));
    let im = s
        .indicators
        .iter()
        .find(|i| &*i.code == "im_contact")
        .expect("im");
    assert_eq!(
        im.spans.first().map(|s| s.text.as_str()),
        Some("T e l e g r a m")
    );
}

#[test]
fn disguised_keywords_are_still_found() {
    // Cyrillic е and о, a zero-width space and full-width letters.
    let text = "Hiring сustоmer ser\u{200B}vice in ＰＯＩＰＥＴ";
    let found = codes(text);
    assert!(found.contains(&"vague_remote_role".to_owned()), "{found:?}");
    assert!(found.contains(&"hub_destination".to_owned()), "{found:?}");
}

#[test]
fn an_ad_written_in_styled_letters_is_screened_like_plain_text() {
    // Bold and italic mathematical letters, as posts use to stand out.
    let text = "𝐂𝐮𝐬𝐭𝐨𝐦𝐞𝐫 𝐬𝐞𝐫𝐯𝐢𝐜𝐞 𝐢𝐧 𝐏𝐨𝐢𝐩𝐞𝐭, 𝒏𝒐 𝒆𝒙𝒑𝒆𝒓𝒊𝒆𝒏𝒄𝒆, 𝐓𝐞𝐥𝐞𝐠𝐫𝐚𝐦 @hr_sv88";
    let found = codes(text);
    assert!(found.contains(&"hub_destination".to_owned()), "{found:?}");
    assert!(found.contains(&"im_contact".to_owned()), "{found:?}");
}

#[test]
fn latin_terms_match_whole_words_only() {
    // "line" inside "online" and "deadline" is not the LINE app.
    let found = codes("Online application, deadline Friday");
    assert!(!found.contains(&"im_contact".to_owned()), "{found:?}");
}

#[test]
fn a_text_over_the_size_limit_is_refused() {
    let long = "a".repeat(MAX_TEXT_BYTES + 1);
    assert_eq!(
        Screener::default().screen(&long, None),
        Err(ScreenError::TooLong(MAX_TEXT_BYTES + 1))
    );
}

#[test]
fn places_are_reported_as_identifiers_with_their_role() {
    let s = Screener::default()
        .screen("ทำงานที่ ปอยเปต ผ่าน อรัญประเทศ", None)
        .expect("screen");
    let places: Vec<(&str, Option<rules::PlaceRole>)> = s
        .identifiers
        .iter()
        .filter(|i| i.kind == IdentifierKind::Place)
        .map(|i| (i.value.as_str(), i.role))
        .collect();
    assert_eq!(
        places,
        [
            ("Poipet", Some(rules::PlaceRole::Hotspot)),
            ("Aranyaprathet", Some(rules::PlaceRole::Transit))
        ]
    );
}

#[test]
fn a_place_abroad_counts_as_a_job_abroad_only_for_the_readers_of_another_country() {
    // For a Khmer reader Thailand is abroad, for a Thai reader Bangkok is home.
    assert!(codes("ការងារនៅប្រទេសថៃ ខែ 500$").contains(&"job_abroad".to_owned()));
    assert!(!codes("งานที่กรุงเทพ เงินเดือน 15,000 บาท").contains(&"job_abroad".to_owned()));
    assert!(codes("งานที่เวียงจันทน์ เงินเดือน 15,000 บาท").contains(&"job_abroad".to_owned()));
    // English has no home country: a place alone says nothing.
    assert!(!codes("Warehouse job in Vientiane").contains(&"job_abroad".to_owned()));
}

#[test]
fn thai_online_is_not_taken_for_the_line_app() {
    // "ออนไลน์" (online) ends with "ไลน์" (LINE).
    let found = codes("รับสมัครพนักงานขายออนไลน์");
    assert!(!found.contains(&"im_contact".to_owned()), "{found:?}");
    let found = codes("สนใจทักไลน์มาได้เลย");
    assert!(found.contains(&"im_contact".to_owned()), "{found:?}");
}

#[test]
fn the_text_model_is_one_named_contribution_with_the_text_that_moved_it() {
    let text = "น้องสาวฉันทำงานที่นั่น งานง่ายมาก เจ้านายออกค่าตั๋วให้ ไปถึงแล้วค่อยคุยรายละเอียด";
    let with_model = Screener::default().screen(text, None).expect("screen");
    let hit = with_model
        .indicators
        .iter()
        .find(|i| &*i.code == TEXT_MODEL_CODE)
        .expect("the model's contribution is listed");
    let model = TextModel::default_model();
    let margin = model.margin(normalize(text).text());
    let rules = Rules::default_rules();
    assert!((hit.weight - rules.text_model_weight * margin.value).abs() <= 0.5e-4);
    assert!(!hit.spans.is_empty());
    for span in &hit.spans {
        assert_eq!(
            text.get(span.byte_start..span.byte_end),
            Some(span.text.as_str())
        );
    }

    let rules_alone = Screener::default()
        .with_model(None)
        .screen(text, None)
        .expect("screen");
    assert!(
        !rules_alone
            .indicators
            .iter()
            .any(|i| &*i.code == TEXT_MODEL_CODE)
    );
    assert!((with_model.score - hit.weight - rules_alone.score).abs() < 1e-9);
}

#[test]
fn spans_count_code_points_whatever_order_they_are_made_in() {
    let text = "งาน abc ทำงาน 工作 xyz ថ្លៃ end";
    let range_of = |part: &str, from: usize| {
        let start = from + text.get(from..).and_then(|t| t.find(part)).expect("part");
        start..start + part.len()
    };
    // Later spans before earlier ones, and the same span twice, as the
    // indicators and identifiers of one result make them.
    let ranges = [
        range_of("ថ្លៃ", 0),
        range_of("งาน", 0),
        range_of("งาน", "งาน".len()),
        range_of("工作", 0),
        range_of("งาน", 0),
        range_of("end", 0),
        0..text.len(),
    ];
    let maker = SpanMaker::new(text);
    for range in ranges {
        let span = maker.span(range.clone());
        let before = text.get(..range.start).expect("boundary").chars().count();
        let inside = text.get(range.clone()).expect("boundary");
        assert_eq!(span.start, before, "{range:?}");
        assert_eq!(span.end, before + inside.chars().count(), "{range:?}");
        assert_eq!(span.text, inside);
        assert_eq!(span, Span::new(text, range));
    }
}
