//! Korean word lists: scale characters, counters and units, hedges after a number, native
//! numerals, particles, attribution endings.

use crate::extract::quantity::Kind;
use crate::extract::Approx;
use rust_decimal::Decimal;

/// 십, 백, 천: powers of ten inside a group of four digits.
pub(super) fn small_scale(c: char) -> Option<u32> {
    Some(match c {
        '십' => 1,
        '백' => 2,
        '천' => 3,
        _ => return None,
    })
}

/// 만, 억, 조, 경: the groups of four digits.
pub(super) fn big_scale(c: char) -> Option<u32> {
    Some(match c {
        '만' => 4,
        '억' => 8,
        '조' => 12,
        _ => return None,
    })
}

/// A counter or unit after a number.
#[derive(Clone, Copy)]
pub(super) struct Counter {
    pub unit: &'static str,
    pub kind: Kind,
    /// Multiply the value (durations in seconds).
    pub mult: Decimal,
    /// May stand as its own word after the number ("584억 달러", "4천여 명").
    pub spaced: bool,
    /// Takes native numerals ("두 배", "세 차례", "석 달").
    pub native: bool,
}

impl Counter {
    pub fn unit(unit: &'static str) -> Counter {
        Counter {
            unit,
            kind: Kind::Quantity,
            mult: Decimal::ONE,
            spaced: true,
            native: false,
        }
    }
}

/// (word, unit, kind, seconds or 1, spaced, native). Longer words first where one starts
/// another ("개월" before "개", "퍼센트포인트" before "퍼센트", "번째" before "번").
const COUNTERS: &[(&str, &str, u8, u64, bool, bool)] = &[
    ("퍼센트포인트", "percentage_point", 0, 1, true, false),
    ("%포인트", "percentage_point", 0, 1, true, false),
    ("퍼센트", "percent", 0, 1, true, false),
    ("포인트", "percentage_point", 0, 1, true, false),
    ("원", "KRW", 0, 1, true, false),
    ("달러", "USD", 0, 1, true, false),
    ("위안", "CNY", 0, 1, true, false),
    ("엔", "JPY", 0, 1, true, false),
    ("유로", "EUR", 0, 1, true, false),
    ("파운드", "GBP", 0, 1, true, false),
    ("루블", "RUB", 0, 1, true, false),
    ("명분", "count", 0, 1, true, true),
    ("명", "person", 0, 1, true, true),
    ("개국", "count", 0, 1, true, true),
    ("개월", "months", 0, 1, true, true),
    ("개", "count", 0, 1, true, true),
    ("척", "count", 0, 1, true, true),
    ("대", "count", 0, 1, true, true),
    ("곳", "count", 0, 1, true, true),
    ("건", "count", 0, 1, true, true),
    ("가구", "count", 0, 1, true, true),
    ("채", "count", 0, 1, true, true),
    ("마리", "count", 0, 1, true, true),
    ("발", "count", 0, 1, true, true),
    ("기", "count", 0, 1, false, true),
    ("표", "count", 0, 1, true, true),
    ("석", "count", 0, 1, true, true),
    ("차례", "count", 0, 1, true, true),
    ("편", "count", 0, 1, true, true),
    ("경기", "count", 0, 1, false, true),
    ("연승", "count", 0, 1, false, false),
    ("연패", "count", 0, 1, false, false),
    ("도즈", "count", 0, 1, true, false),
    ("홈런", "count", 0, 1, true, false),
    // a baseball box's counts, glued: "6이닝", "3실점", "24타수 10안타", "9타점", "87승 2무 55패"
    ("이닝", "count", 0, 1, false, false),
    ("실점", "count", 0, 1, false, false),
    ("자책점", "count", 0, 1, false, false),
    ("타수", "count", 0, 1, false, false),
    ("안타", "count", 0, 1, false, false),
    ("타점", "count", 0, 1, false, false),
    ("득점", "count", 0, 1, false, false),
    ("삼진", "count", 0, 1, false, false),
    ("볼넷", "count", 0, 1, false, false),
    ("무", "count", 0, 1, false, false),
    ("승", "count", 0, 1, false, false),
    ("패", "count", 0, 1, false, false),
    ("골", "count", 0, 1, false, true),
    ("점", "count", 0, 1, false, false),
    // a golf card: "6언더파", "66타", "2타 차" (strokes; "타수", "타점" above)
    ("언더파", "count", 0, 1, false, false),
    ("오버파", "count", 0, 1, false, false),
    ("타", "count", 0, 1, false, false),
    ("번째", "ordinal", 2, 1, true, true),
    ("번", "count", 0, 1, true, true),
    ("회", "count", 0, 1, false, true),
    ("배", "ratio", 0, 1, true, true),
    // "2세트", "3라운드": the set or round of a match, a period's name ("세트" before "세")
    ("세트", "label", 4, 1, false, false),
    ("라운드", "label", 4, 1, false, false),
    ("세", "age", 1, 1, false, false),
    ("살", "age", 1, 1, true, true),
    ("년간", "years", 0, 1, false, false),
    ("년", "years", 0, 1, false, true),
    ("달", "months", 0, 1, true, true),
    ("주", "duration", 0, 604_800, false, false),
    ("일간", "duration", 0, 86_400, false, false),
    ("시간", "duration", 0, 3_600, true, true),
    ("분", "duration", 0, 60, false, false),
    ("초", "duration", 0, 1, false, false),
    ("킬로미터", "km", 0, 1, true, false),
    ("km", "km", 0, 1, true, false),
    ("미터", "m", 0, 1, true, false),
    ("m", "m", 0, 1, false, false),
    ("킬로그램", "kg", 0, 1, true, false),
    ("kg", "kg", 0, 1, true, false),
    ("톤", "t", 0, 1, true, false),
    ("t", "t", 0, 1, false, false),
    ("헥타르", "ha", 0, 1, true, false),
    ("배럴", "bbl", 0, 1, true, false),
    // power and energy as written in Korean copy, glued or spaced: "30GWh", "1.4GW", "500㎿"
    ("TWh", "TWh", 0, 1, true, false),
    ("GWh", "GWh", 0, 1, true, false),
    ("MWh", "MWh", 0, 1, true, false),
    ("kWh", "kWh", 0, 1, true, false),
    ("GW", "GW", 0, 1, true, false),
    ("MW", "MW", 0, 1, true, false),
    ("kW", "kW", 0, 1, true, false),
    ("해리", "nmi", 0, 1, true, false),
    ("야드", "yd", 0, 1, true, false),
    ("도", "degC", 0, 1, false, false),
    ("차", "ordinal", 2, 1, false, false),
    ("위", "ordinal", 2, 1, false, false),
    ("분기", "label", 4, 1, false, false),
    ("호", "label", 4, 1, false, false),
    ("단", "label", 4, 1, false, false),
    ("쪽", "label", 4, 1, false, false),
    ("페이지", "label", 4, 1, true, false),
];

/// The counter or unit a word starts with, and its length in bytes (the rest is a particle).
pub(super) fn counter(w: &str) -> Option<(Counter, usize)> {
    // "30센트": hundredths of a dollar (not "센트럴")
    if w.strip_prefix("센트").is_some_and(|rest| {
        rest.is_empty() || is_particle(rest) || hedge_after_word(rest).is_some()
    }) {
        let cents = Counter {
            mult: Decimal::new(1, 2),
            ..Counter::unit("USD")
        };
        return Some((cents, "센트".len()));
    }
    // "분기" before "분"
    let hit = COUNTERS
        .iter()
        .filter(|(word, ..)| w.starts_with(word))
        .max_by_key(|(word, ..)| word.len())?;
    let &(word, unit, kind, mult, spaced, native) = hit;
    let rest = &w[word.len()..];
    // "편" (flights, films) only alone or before a whole particle: not "편의점", "편지"
    if word == "편" && !rest.is_empty() && !PARTICLES.contains(&rest) {
        return None;
    }
    // "살" (years of age) alone, before a particle or 배기/짜리: not "살인", "살해", "살림"
    if word == "살"
        && (["인", "해", "림", "아", "려", "피"]
            .iter()
            .any(|p| rest.starts_with(p))
            || !(rest.is_empty() || is_particle(rest) || rest == "배기" || rest == "짜리"))
    {
        return None;
    }
    // "2무", "10안타" alone or before a whole particle: not "3무대", "무이자", "무인"
    // (and "66타를", "20회의" the same: not "3타자", "5회장")
    if matches!(word, "무" | "안타" | "타" | "회") && !rest.is_empty() && !is_whole_particle(rest)
    {
        return None;
    }
    // "2점대", "60점대": a band of points, not a count
    if word == "점" && rest.starts_with('대') {
        return None;
    }
    // "도" is a degree only alone or before a particle ("37.8도까지"), not in "도시"
    if !rest.is_empty()
        && !is_particle(rest)
        && matches!(
            word,
            "도" | "대"
                | "편"
                | "기"
                | "차"
                | "위"
                | "단"
                | "석"
                | "발"
                | "주"
                | "표"
                | "승"
                | "패"
                | "골"
                | "점"
                | "연승"
                | "연패"
                | "m"
                | "경기"
        )
    {
        return None;
    }
    let kind = match kind {
        1 => Kind::Age,
        2 | 3 => Kind::Ordinal,
        4 => Kind::Label,
        _ => Kind::Quantity,
    };
    let (unit, mult) = if kind == Kind::Label {
        ("", 1)
    } else {
        (unit, mult)
    };
    Some((
        Counter {
            unit: if unit.is_empty() { "label" } else { unit },
            kind,
            mult: Decimal::from(mult),
            spaced,
            native,
        },
        word.len(),
    ))
}

/// Particles and endings that may follow a quantity (left out of the surface).
const PARTICLES: &[&str] = &[
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "에서",
    "에게",
    "로",
    "으로",
    "와",
    "과",
    "도",
    "만",
    "까지",
    "부터",
    "씩",
    "가량",
    "이며",
    "이다",
    "이었다",
    "였다",
    "로서",
    "인",
    "째",
    "급",
    "간",
    "대",
    "에는",
    "으로는",
    "이상",
    "이하",
    "을",
    "여",
    "나",
    "이나",
    "만에",
    "보다",
    "이고",
    "에도",
    "까지로",
    "를",
    "이라고",
];

pub(super) fn is_particle(s: &str) -> bool {
    PARTICLES.iter().any(|p| s.starts_with(p))
}

/// Whether `s` is one particle, whole ("이", "에서"; not "이레나"'s "나" or "가격").
pub(super) fn is_whole_particle(s: &str) -> bool {
    PARTICLES.contains(&s) || matches!(s, "에도" | "도" | "만" | "까지")
}

/// A noun with its particle removed: "수출액은" -> "수출액", "통일부는" -> "통일부". Claim matching
/// reads Korean words through it too (`domain::lexicon`, as `extract::korean_stem`).
pub fn strip_particle(w: &str) -> &str {
    const ENDINGS: &[&str] = &[
        "에서는",
        "으로는",
        "에게서",
        "에서",
        "에게",
        "으로",
        "에는",
        "까지",
        "부터",
        "보다",
        "은",
        "는",
        "이",
        "가",
        "을",
        "를",
        "의",
        "에",
        "로",
        "와",
        "과",
        "도",
        "만",
    ];
    for e in ENDINGS {
        if let Some(stem) = w.strip_suffix(e) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    w
}

/// Endings of a verb that attributes a statement: "밝혔다", "말했다", "전했다"...
pub(in crate::extract) const SAY_ENDINGS: &[&str] = &[
    "밝혔다",
    "말했다",
    "전했다",
    "설명했다",
    "덧붙였다",
    "강조했다",
    "발표했다",
    "분석했다",
    "추정했다",
    "예상했다",
    "지적했다",
    "답했다",
    "당부했다",
    "보도했다",
    "집계했다",
    "밝히며",
];

/// A hedge written after the quantity: "이상", "넘게", "미만", "가량", "안팎", "정도"...
pub(super) fn hedge_after_word(w: &str) -> Option<Approx> {
    // "돌파" (broke through), "웃돌다" (ran above), "밑돌다" (ran below), "가까이" (close to),
    // "수준" (at the level of)
    const MORE: &[&str] = &["이상", "초과", "넘", "남짓", "돌파", "웃돌", "웃돈", "웃도"];
    const LESS: &[&str] = &[
        "미만",
        "이하",
        "이내",
        "미만으로",
        "못",
        "밑돌",
        "밑돈",
        "밑도",
    ];
    const ABOUT: &[&str] = &[
        "가량",
        "안팎",
        "정도",
        "쯤",
        "내외",
        "전후",
        "가까이",
        "가까운",
        "가깝",
        "수준",
    ];
    // "5분 안에", "1시간 안으로": within (not "2대 안에서", inside two trucks)
    if matches!(w, "안에" | "안으로" | "안에는") {
        return Some(Approx::LessThan);
    }
    // "열 건 중 세 건꼴", "125건꼴로": one in so many, about (not "꼴찌", last place)
    if w.starts_with('꼴') && !w.starts_with("꼴찌") {
        return Some(Approx::About);
    }
    // "여" alone ("3천 명 여"), not the words it begins ("여당이")
    if w == "여" || MORE.iter().any(|p| w.starts_with(p)) {
        return Some(Approx::MoreThan);
    }
    if LESS.iter().any(|p| w.starts_with(p)) {
        return Some(Approx::LessThan);
    }
    if ABOUT.iter().any(|p| w.starts_with(p)) {
        return Some(Approx::About);
    }
    None
}

/// Native numerals before a counter: 한 두 세 네 다섯 ... 열, 스무; 석/넉 before 달.
pub(super) fn native_number(w: &str) -> Option<u64> {
    Some(match w {
        "한" => 1,
        "두" => 2,
        "세" | "석" => 3,
        "네" | "넉" => 4,
        "다섯" => 5,
        "여섯" => 6,
        "일곱" => 7,
        "여덟" => 8,
        "아홉" => 9,
        "열" => 10,
        "스무" => 20,
        _ => return None,
    })
}
