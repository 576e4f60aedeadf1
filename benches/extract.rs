//! Extractor throughput on generated news-like text: English (~1 MB and ~10 MB), and Korean and
//! Spanish (~1 MB each, for the target that they be no more than twice as slow as English).
//!
//! `cargo bench --bench extract`. The text is built from sentences written for this benchmark,
//! repeated with varying numbers, names and currencies; each language's numbers are written its
//! own way (`4천500명`, `8,2%` and `5.600`).

use claimdesk::extract::extract;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

const TEMPLATES: &[&str] = &[
    "The ministry said on {month} {day} that {n} soldiers and {k} armoured vehicles had been moved to the border region.",
    "Exports rose {p}% year on year to ${b} billion in {month}, the fastest pace in {k} months, customs data showed.",
    "According to the central bank, inflation eased to {p} percent from {q} percent a month earlier.",
    "The company reported a net profit of {b} trillion won (about ${m} million), up from {c} billion won a year ago.",
    "More than {n} people were evacuated after the river rose {k} metres overnight, officials said.",
    "\"We have never seen demand like this,\" chief executive Dana Ortiz told reporters in {city}.",
    "Turnout reached {p}%, the highest since {year}, with roughly {m} million ballots cast across {k} districts.",
    "The government will spend €{b}bn over the next {k} years on rail, roads and {n} new schools.",
    "Police arrested {k} suspects and seized {n} kg of cocaine worth an estimated £{m}m.",
    "The marathon was won in 2:0{k}:{ss} by a {age}-year-old runner, the third win of her career.",
    "Analysts expect growth of {k}-{q}% next year, while unemployment could climb to {p}%.",
    "Prices have nearly doubled since {year}, and rents are three times higher than a decade ago.",
    "The storm dumped {n} mm of rain on {city}, where about a third of homes lost power for {k} hours.",
    "Reporting by Sam Lee in {city}; editing by Ana Cruz. Call +1 202 555 01{ss} for reprints.",
    "The 2,{n}-tonne vessel carried {k} crew and sailed {m} nautical miles before docking on the {day}th.",
];

/// Korean sentences (numbers with 만/억/조 and counters, `약`/`이상`/`여`, ranges with `~`).
const TEMPLATES_KO: &[&str] = &[
    "국방부는 {month} {day}일 병력 {n}명과 장갑차 {k}대를 접경 지역으로 이동시켰다고 밝혔다.",
    "관세청에 따르면 {month} 수출은 지난해 같은 달보다 {p}% 늘어난 {b}억 달러로 {k}개월 만에 가장 큰 폭으로 증가했다.",
    "한국은행은 소비자물가 상승률이 전달 {q}%에서 {p}%로 둔화했다고 발표했다.",
    "이 회사는 3분기 순이익이 {m}조 {c}억 원으로 1년 전보다 {p}% 증가했다고 공시했다.",
    "하천 수위가 밤사이 {k}m 넘게 오르면서 주민 {n}여 명이 대피했다고 {city}시 관계자가 말했다.",
    "\"이런 수요는 처음 본다\"고 김민준 대표는 {city}에서 기자들에게 말했다.",
    "투표율은 {p}%로 {year}년 이후 가장 높았고, {k}개 선거구에서 약 {m}만 표가 집계됐다.",
    "정부는 앞으로 {k}년 동안 철도와 도로, 학교 {n}곳에 {b}조 원을 투입할 계획이다.",
    "경찰은 용의자 {k}명을 검거하고 시가 약 {m}억 원어치의 마약 {n}g을 압수했다.",
    "전문가들은 내년 성장률을 {k}~{q}%로 내다봤고, 실업률은 {p}%까지 오를 수 있다고 전망했다.",
    "집값은 {year}년 이후 두 배 가까이 올랐고, 전셋값은 10년 전보다 세 배 높다.",
    "폭우로 {city}에는 {n}㎜의 비가 내렸고, 가구의 약 3분의 1이 {k}시간 동안 정전됐다.",
    "문의는 02-555-01{ss}로 하면 된다.",
    "{n}t급 화물선은 선원 {k}명을 태우고 {m}해리를 항해한 뒤 {day}일 입항했다.",
];

/// Spanish sentences (decimal comma and thousands point, `millones`, `más de`, `cerca de`).
const TEMPLATES_ES: &[&str] = &[
    "El ministerio informó el {day} de {month} que {n} soldados y {k} vehículos blindados fueron trasladados a la frontera.",
    "Las exportaciones crecieron un {p}% interanual hasta {b} millones de dólares en {month}, el mayor ritmo en {k} meses.",
    "Según el banco central, la inflación bajó al {p} por ciento desde el {q} por ciento del mes anterior.",
    "La empresa obtuvo un beneficio neto de {m} millones de euros, frente a {c} millones un año antes.",
    "Más de {n} personas fueron evacuadas después de que el río subiera {k} metros durante la noche, dijeron las autoridades.",
    "\"Nunca habíamos visto una demanda así\", dijo la directora ejecutiva Ana Ortiz a periodistas en {city}.",
    "La participación alcanzó el {p}%, la más alta desde {year}, con cerca de {m} millones de votos en {k} distritos.",
    "El Gobierno invertirá {b} millones de euros en los próximos {k} años en trenes, carreteras y {n} escuelas nuevas.",
    "La policía detuvo a {k} sospechosos y decomisó {n} kilos de cocaína valorados en unos {m} millones de pesos.",
    "Los analistas prevén un crecimiento de entre el {k} y el {q}% el próximo año, y el paro podría subir al {p}%.",
    "Los precios casi se han duplicado desde {year}, y los alquileres son tres veces más altos que hace una década.",
    "La tormenta dejó {n} litros por metro cuadrado en {city}, donde un tercio de los hogares se quedó sin luz durante {k} horas.",
    "Para más información, llame al 91 555 01 {ss}.",
    "El buque de {n} toneladas llevaba {k} tripulantes y navegó {m} millas náuticas antes de atracar el día {day}.",
];

const CITIES_KO: &[&str] = &[
    "서울", "부산", "대구", "인천", "광주", "대전", "울산", "수원",
];
const MONTHS_KO: &[&str] = &["1월", "3월", "5월", "7월", "8월", "10월", "12월"];
const MONTHS_ES: &[&str] = &[
    "enero",
    "marzo",
    "mayo",
    "julio",
    "agosto",
    "octubre",
    "diciembre",
];

/// How a language writes the generated numbers.
#[derive(Clone, Copy)]
enum Style {
    English,
    Korean,
    Spanish,
}

const MONTHS: &[&str] = &[
    "January", "March", "May", "July", "August", "October", "December",
];
const CITIES: &[&str] = &[
    "Seoul", "Lagos", "Lima", "Oslo", "Hanoi", "Accra", "Quito", "Perth",
];

fn news(bytes: usize) -> String {
    text(bytes, Style::English)
}

/// About `bytes` of generated news in `style`'s language.
fn text(bytes: usize, style: Style) -> String {
    let (templates, months, cities) = match style {
        Style::English => (TEMPLATES, MONTHS, CITIES),
        Style::Korean => (TEMPLATES_KO, MONTHS_KO, CITIES_KO),
        Style::Spanish => (TEMPLATES_ES, MONTHS_ES, CITIES),
    };
    // the decimal and thousands separators
    let (point, thousands) = match style {
        Style::Spanish => (",", "."),
        Style::English | Style::Korean => (".", ","),
    };
    let mut out = String::with_capacity(bytes + 512);
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % m
    };
    let mut sentences = 0;
    while out.len() < bytes {
        let t = templates[next(templates.len() as u64) as usize];
        let s = t
            .replace("{month}", months[next(months.len() as u64) as usize])
            .replace("{city}", cities[next(cities.len() as u64) as usize])
            .replace("{day}", &(1 + next(28)).to_string())
            .replace("{n}", &format_thousands(100 + next(90_000), thousands))
            .replace("{k}", &(2 + next(8)).to_string())
            .replace("{p}", &format!("{}{point}{}", next(30), next(10)))
            .replace("{q}", &format!("{}{point}{}", 10 + next(20), next(10)))
            .replace("{b}", &format!("{}{point}{}", 1 + next(90), next(100)))
            .replace("{m}", &(1 + next(900)).to_string())
            .replace("{c}", &(1 + next(900)).to_string())
            .replace("{ss}", &format!("{:02}", next(60)))
            .replace("{age}", &(20 + next(20)).to_string())
            .replace("{year}", &(1990 + next(35)).to_string());
        out.push_str(&s);
        sentences += 1;
        out.push_str(if sentences % 4 == 0 { "\n\n" } else { " " });
    }
    out
}

fn format_thousands(v: u64, separator: &str) -> String {
    let s = v.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push_str(separator);
        }
        out.push(ch);
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("extract");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(5));
    for (name, size) in [("news_1MB", 1usize << 20), ("news_10MB", 10usize << 20)] {
        let text = news(size);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| extract(black_box(&text)).len()));
    }
    for (name, style) in [("ko_1MB", Style::Korean), ("es_1MB", Style::Spanish)] {
        let text = text(1 << 20, style);
        // the text is read as its language: most sentences give several valued quantities
        let valued = extract(&text).iter().filter(|c| c.value.is_some()).count();
        assert!(
            valued > text.len() / 100,
            "{name}: {valued} quantities with a value in {} bytes",
            text.len()
        );
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| extract(black_box(&text)).len()));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
