//! Extractor throughput on generated news-like text (~1 MB and ~10 MB).
//!
//! `cargo bench --bench extract`. The text is built from sentences written for this benchmark,
//! repeated with varying numbers, names and currencies.

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

const MONTHS: &[&str] = &[
    "January", "March", "May", "July", "August", "October", "December",
];
const CITIES: &[&str] = &[
    "Seoul", "Lagos", "Lima", "Oslo", "Hanoi", "Accra", "Quito", "Perth",
];

fn news(bytes: usize) -> String {
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
        let t = TEMPLATES[next(TEMPLATES.len() as u64) as usize];
        let s = t
            .replace("{month}", MONTHS[next(MONTHS.len() as u64) as usize])
            .replace("{city}", CITIES[next(CITIES.len() as u64) as usize])
            .replace("{day}", &(1 + next(28)).to_string())
            .replace("{n}", &format_thousands(100 + next(90_000)))
            .replace("{k}", &(2 + next(8)).to_string())
            .replace("{p}", &format!("{}.{}", next(30), next(10)))
            .replace("{q}", &format!("{}.{}", 10 + next(20), next(10)))
            .replace("{b}", &format!("{}.{}", 1 + next(90), next(100)))
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

fn format_thousands(v: u64) -> String {
    let s = v.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
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
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
