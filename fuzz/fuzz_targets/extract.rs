//! Fuzz target: `cargo +nightly fuzz run extract` (from the repository root).
//!
//! Feeds arbitrary UTF-8 to the extractor and checks the span invariants: offsets inside the
//! input and on char boundaries, `surface == text[start..end]`, the sentence contains the
//! surface, scores in [0, 1], `conversion_of` points backwards, and the output is deterministic;
//! with the detected language and with the Spanish and Korean rules forced.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let cands = claimdesk::extract::extract(text);
    assert_eq!(
        cands,
        claimdesk::extract::extract(text),
        "non-deterministic output"
    );
    check(text, cands);
    for lang in [claimdesk::extract::Lang::Es, claimdesk::extract::Lang::Ko] {
        let cands = claimdesk::extract::extract_in(text, lang);
        assert_eq!(
            cands,
            claimdesk::extract::extract_in(text, lang),
            "non-deterministic output"
        );
        check(text, cands);
    }
});

fn check(text: &str, cands: Vec<claimdesk::extract::Candidate>) {
    for (i, c) in cands.iter().enumerate() {
        assert!(c.start <= c.end && c.end <= text.len(), "span out of range");
        assert!(
            text.is_char_boundary(c.start) && text.is_char_boundary(c.end),
            "span not on char boundaries"
        );
        assert_eq!(
            &text[c.start..c.end],
            c.surface,
            "surface differs from text[start..end]"
        );
        assert!(
            c.sentence_start <= c.start && c.end <= c.sentence_end && c.sentence_end <= text.len()
        );
        assert!(text.is_char_boundary(c.sentence_start) && text.is_char_boundary(c.sentence_end));
        assert!((0.0..=1.0).contains(&c.score), "score out of range");
        assert_eq!(c.check_worthy, c.score >= 0.5);
        if let Some(j) = c.conversion_of {
            assert!(j < i, "conversion_of must point to an earlier candidate");
        }
        let _ = c.to_json("fuzz.txt", text);
    }
}
