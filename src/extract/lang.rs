//! The language of a text: English, Spanish or Korean. Korean is told by its script (Hangul);
//! English and Spanish by `whatlang`'s trigram detector restricted to those two, on a bounded
//! sample of the text (so detection costs the same on 1 KB and on 1 GB).

use std::fmt;
use std::str::FromStr;

/// A language the extractor has rules for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English (the default when nothing else is recognised).
    #[default]
    En,
    /// Spanish.
    Es,
    /// Korean.
    Ko,
}

impl Lang {
    /// The ISO 639-1 code: `en`, `es`, `ko`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Ko => "ko",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;

    /// Parses `en`, `es` or `ko` (any case).
    fn from_str(s: &str) -> Result<Lang, String> {
        match s.to_ascii_lowercase().as_str() {
            "en" => Ok(Lang::En),
            "es" => Ok(Lang::Es),
            "ko" => Ok(Lang::Ko),
            other => Err(format!(
                "unknown language {other:?} (expected en, es or ko)"
            )),
        }
    }
}

/// Bytes of the text looked at: a news article's first paragraphs.
const SAMPLE: usize = 4096;

/// The language of `text`: Korean when at least a fifth of its letters are Hangul, else Spanish
/// when the detector says so, else English.
pub fn detect(text: &str) -> Lang {
    let mut end = SAMPLE.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let (mut letters, mut hangul) = (0usize, 0usize);
    for c in sample.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if is_hangul(c) {
            hangul += 1;
        }
    }
    if letters > 0 && hangul * 5 >= letters {
        return Lang::Ko;
    }
    let detector =
        whatlang::Detector::with_allowlist(vec![whatlang::Lang::Eng, whatlang::Lang::Spa]);
    match detector.detect_lang(sample) {
        Some(whatlang::Lang::Spa) => Lang::Es,
        _ => Lang::En,
    }
}

/// Hangul syllables and jamo.
pub(in crate::extract) fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_korean_by_script_and_spanish_by_words() {
        assert_eq!(
            detect("북한이 14일 동해상으로 탄도미사일 1발을 발사했다."),
            Lang::Ko
        );
        assert_eq!(
            detect("El Gobierno aprobó un plan de vivienda dotado con 7.000 millones de euros."),
            Lang::Es
        );
        assert_eq!(
            detect("The ministry said exports rose 5% to $58.4 billion in August."),
            Lang::En
        );
        assert_eq!(detect(""), Lang::En);
        assert_eq!(detect("12345 67"), Lang::En);
    }

    #[test]
    fn every_corpus_and_held_out_article_is_detected_in_its_language() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let folders = ["", "heldout", "heldout2", "heldout3"].map(|f| corpus.join(f));
        let entries = folders
            .iter()
            .filter_map(|dir| std::fs::read_dir(dir).ok())
            .flat_map(|rd| rd.flatten());
        for entry in entries {
            let path = entry.path();
            if path.extension().is_none_or(|x| x != "txt") {
                continue;
            }
            let name = path.file_name().map(|n| n.to_string_lossy().to_string());
            let name = name.unwrap_or_default();
            let want = if name.contains("-es-") {
                Lang::Es
            } else if name.contains("-ko-") {
                Lang::Ko
            } else {
                Lang::En
            };
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            assert_eq!(detect(&text), want, "{name}");
        }
    }

    #[test]
    fn codes_round_trip() {
        for lang in [Lang::En, Lang::Es, Lang::Ko] {
            assert_eq!(lang.code().parse::<Lang>(), Ok(lang));
        }
        assert!("fr".parse::<Lang>().is_err());
    }
}
