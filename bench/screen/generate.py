#!/usr/bin/env python3
"""Writes a synthetic corpus of recruitment ads as JSON Lines for benchmarking
`spean screen` (not for evaluation: the texts are recombined fragments).

usage: generate.py N OUT.jsonl [SEED]
"""
import json
import random
import sys

FRAGMENTS = {
    "th": {
        "role": ["รับสมัครแอดมินออนไลน์", "รับพนักงานตอบแชท", "รับสมัครพนักงานขายหน้าร้าน", "รับพนักงานคลังสินค้า", "รับสมัครพนักงานบริการลูกค้า", "รับช่างแอร์"],
        "place": ["ทำงานที่สีหนุวิลล์", "ทำงานที่กรุงเทพ", "ทำงานที่ปอยเปต", "ประจำสาขาเชียงใหม่", "ทำงานที่บ้าน", "ทำงานที่เมียวดี"],
        "pay": ["เงินเดือน {n},000 บาท", "รายได้สูง", "ค่าตอบแทนสูง {n},000 บาท", "เงินเดือน {n},500 บาท"],
        "extra": ["ไม่ต้องมีประสบการณ์", "มีที่พักและอาหารให้", "มีประกันสังคม", "สมัครด้วยตนเอง", "ฟรีตั๋วเครื่องบิน", "ทดลองงาน 3 เดือน", "ด่วนมาก"],
        "contact": ["ทักไลน์ @job{n}", "โทร 08{n}-234-56{n}", "ทักเทเล @hr_{n}", "สมัครผ่านเว็บไซต์", "อีเมล hr{n}@example.co.th"],
    },
    "km": {
        "role": ["ជ្រើសរើសបុគ្គលិកបម្រើអតិថិជន", "ត្រូវការអ្នកវាយអក្សរ", "រោងចក្រកាត់ដេរ ត្រូវការកម្មករ", "ត្រូវការអ្នកបើកបរ", "ត្រូវការអ្នកលក់"],
        "place": ["ធ្វើការនៅក្រុងព្រះសីហនុ", "នៅភ្នំពេញ", "ធ្វើការនៅបាវិត", "នៅសៀមរាប", "ធ្វើការនៅក្រៅប្រទេស"],
        "pay": ["ប្រាក់ខែ {n}00$", "ប្រាក់ខែខ្ពស់", "ប្រាក់ខែ 1{n}00$"],
        "extra": ["មិនត្រូវការបទពិសោធន៍", "ស្នាក់នៅឥតគិតថ្លៃ", "មាន ប.ស.ស", "ដាក់ពាក្យផ្ទាល់", "ចេញថ្លៃធ្វើដំណើរ"],
        "contact": ["ទាក់ទងតាមតេឡេក្រាម @kh_{n}", "ទាក់ទង 012 {n}45 678", "ឆាតមក", "ផ្ញើប្រវត្តិរូបមក hr{n}@example.com.kh"],
    },
    "en": {
        "role": ["Hiring customer service staff", "Online admin wanted", "Warehouse workers wanted", "Hotel front desk staff wanted", "Typing job", "Junior web developer"],
        "place": ["in Sihanoukville", "in Bangkok", "in Poipet", "(remote)", "in Chiang Mai", "in KK Park"],
        "pay": ["salary ${n}00/month", "high salary", "salary {n},000 baht", "$1,{n}00-$2,500 per month"],
        "extra": ["no experience needed", "free accommodation and flight ticket", "social security and annual leave", "apply in person", "limited slots", "health insurance"],
        "contact": ["Telegram @hr_{n}", "WhatsApp +66 8{n} 234 5678", "send CV to jobs{n}@example.com", "apply at https://jobs.example.com/{n}"],
    },
    "zh": {
        "role": ["高薪招聘客服", "招聘打字员", "招聘仓库管理员", "餐厅招聘厨师", "招聘网络推广"],
        "place": ["地点：西港", "地点：上海", "柬埔寨工作", "深圳市福田区", "妙瓦底园区"],
        "pay": ["月薪{n}000元", "月薪2万+", "高工资", "底薪{n}000+提成"],
        "extra": ["包吃包住", "五险一金", "无需经验", "机票报销", "现场面试", "名额有限"],
        "contact": ["飞机 @xg_{n}", "加微信 vx{n}", "电话 138 {n}013 8000", "请发简历至 hr{n}@example.cn"],
    },
}


def ad(rng, lang):
    f = FRAGMENTS[lang]
    parts = [rng.choice(f["role"]), rng.choice(f["place"]), rng.choice(f["pay"])]
    parts += rng.sample(f["extra"], k=rng.randint(1, 3))
    parts.append(rng.choice(f["contact"]))
    sep = "，" if lang == "zh" else " "
    return sep.join(p.replace("{n}", str(rng.randint(1, 9))) for p in parts)


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 6)
    langs = list(FRAGMENTS)
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            lang = langs[i % len(langs)]
            f.write(json.dumps({"id": f"ad-{i}", "text": ad(rng, lang)}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
