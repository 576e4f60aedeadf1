//! schema.org ClaimReview for a published claim, following Google's fact-check markup rules:
//! `claimReviewed` a short statement of the claim (under 75 characters, without the rating),
//! `reviewRating` with the verdict's name and its place on the team's 1–5 scale, `itemReviewed` a
//! `Claim` with who said it (a `Person` or an `Organization`, see [`speaker_type`]), where and when,
//! and `author` the team's organization.

use serde_json::{json, Map, Value};

use crate::db::articles::AlsoIn;
use crate::db::claims::export::ExportRow;

/// Longest `claimReviewed`, in characters (Google: "less than 75 characters").
pub const MAX_CLAIM_REVIEWED: usize = 74;

/// The team as publisher of the review.
pub struct Publisher<'a> {
    pub name: &'a str,
    pub url: Option<&'a str>,
}

/// Shortens a statement to fit `claimReviewed`: whole words, then an ellipsis.
pub fn claim_reviewed(statement: &str) -> String {
    let statement = statement.split_whitespace().collect::<Vec<_>>().join(" ");
    if statement.chars().count() <= MAX_CLAIM_REVIEWED {
        return statement;
    }
    let mut out = String::new();
    for word in statement.split(' ') {
        // Room for a space and the ellipsis.
        if out.chars().count() + word.chars().count() + 2 > MAX_CLAIM_REVIEWED {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = statement.chars().take(MAX_CLAIM_REVIEWED - 1).collect();
    }
    out.push('…');
    out
}

/// The schema.org type of whoever made a claim, as ClaimReview's `itemReviewed.author` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerType {
    Person,
    Organization,
}

impl SpeakerType {
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerType::Person => "Person",
            SpeakerType::Organization => "Organization",
        }
    }
}

/// Words that make a speaker an institution wherever they stand ("the Polish defence ministry",
/// "Office for Budget Responsibility", "Samsung Electronics Co.", "General Motors"), and sources
/// that are not people ("customs data", "A YouGov poll"). Lower case, space-separated.
const ORGANIZATION_WORDS: &str = "\
    ministry department dept agency government administration office council commission \
    committee authority bureau board service cabinet parliament congress senate assembly court \
    tribunal embassy municipality state states republic kingdom nations union \
    police army navy military force forces guard command staff \
    organisation organization organizations association federation alliance coalition league \
    party club clubs society foundation fund institute initiative programme program center \
    centre centers centres group network trust charity campaign movement bank university \
    college school hospital clinic observatory laboratory lab labs research international \
    watch rights aid health \
    company companies corporation corp co inc ltd llc plc gmbh ag sa holdings industries firm \
    operator airline airlines airways exchange partners capital ventures systems technologies \
    energy motors electric pharmaceuticals \
    news times post press herald journal gazette tribune broadcaster media television tv radio \
    newspaper magazine wire \
    data figures statistics survey poll study studies report reports results estimates census \
    index model analysis records document documents filing filings statement website";

/// Words naming one person by their role or title ("the returning officer", "Defense Minister
/// Park", "a ministry spokeswoman", "the head of the agency"). Lower case, space-separated.
const PERSON_WORDS: &str = "\
    mr mrs ms miss dr prof professor sir dame lord lady rev \
    president vice-president minister premier chancellor secretary secretary-general senator \
    sen rep representative congressman congresswoman governor gov mayor ambassador envoy king \
    queen prince princess pope judge justice general gen admiral colonel col commander captain \
    capt lieutenant sergeant officer official spokesman spokeswoman spokesperson head chief \
    director director-general chair chairman chairwoman chairperson ceo cfo founder economist \
    analyst researcher scientist doctor lawyer mp mep lawmaker leader candidate author activist \
    witness resident he she";

/// Particles inside personal names ("Ursula von der Leyen", "Luiz Inácio Lula da Silva").
const NAME_PARTICLES: &str =
    "von van der den de da das do dos di du del della la le bin bint al el ibn y";

fn listed(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|listed| listed == word)
}

/// A word of a speaker, lower-cased, without surrounding punctuation or a possessive `'s`.
fn bare(word: &str) -> String {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'');
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    word.trim_matches('\'').to_lowercase()
}

/// "WHO", "UNHCR", "the JCS", "U.S.": two or more capitals and nothing else (dots aside). Names
/// in capitals are almost always institutions; a person's initials come with a surname.
fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// One word of a personal name: a capital then lower-case letters, with inner hyphens or
/// apostrophes ("Jean-Luc", "O'Brien", "McAllister"), or an initial ("S.", "J.R.").
fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() || word.ends_with("'s") || word.ends_with("’s") {
        return false;
    }
    let rest: Vec<char> = chars.collect();
    let initials = rest.iter().all(|c| *c == '.' || c.is_uppercase()) && rest.first() == Some(&'.');
    initials
        || (rest.iter().any(|c| c.is_lowercase())
            && rest
                .iter()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’')))
}

/// Whether a claim's speaker is a person or an organization, from its words alone (no lookup):
///
/// 1. **Person** when the phrase's head, its last word before any "of …", is a personal role or
///    title: "the returning officer", "a ministry spokeswoman", "the head of the agency".
/// 2. **Person** when a title is followed by a name to the end: "Defense Minister Park Jae-won",
///    "U.S. President Donald Trump", "Dr. Amara Diallo".
/// 3. **Organization** when any word names an institution, a company form or a non-human source
///    (`ORGANIZATION_WORDS`: "the Polish defence ministry", "Samsung Electronics Co.", "customs
///    data"), or is an acronym ("UNHCR", "the WHO").
/// 4. **Person** when the whole speaker has the shape of a personal name: two to five capitalised
///    words or initials, particles allowed inside ("Jessica S. Tisch", "V. Narayanan", "Ursula
///    von der Leyen").
/// 5. Otherwise **Organization**: a single capitalised word ("Klarna", "Reeves"), a plural
///    ("officials", "the researchers"), a common noun.
///
/// Why the last rule. Google's fact-check markup accepts either type for the claim's author, so no
/// choice makes the markup invalid; the choice only says who is blamed. `Person` is the stronger
/// statement (a named individual said this), so it is made only on positive evidence. The
/// speakers the extractor finds without such evidence are, in news text, mostly institutions,
/// sources and groups speaking as one ("officials", "the survey", "Gavi"), which schema.org's
/// `Organization` covers and `Person` does not; and it is what this export wrote for every
/// speaker before, so unclear cases keep their markup. A lone surname ("Reeves") is the case it
/// gets wrong.
pub fn speaker_type(speaker: &str) -> SpeakerType {
    let words: Vec<&str> = speaker.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| bare(w)).collect();
    let head_end = lower.iter().position(|w| w == "of").unwrap_or(lower.len());
    if head_end > 0 && listed(PERSON_WORDS, &lower[head_end - 1]) {
        return SpeakerType::Person;
    }
    if let Some(title) = lower.iter().rposition(|w| listed(PERSON_WORDS, w)) {
        let name = &words[title + 1..];
        let is_name = |w: &&str| is_name_word(w) && !listed(ORGANIZATION_WORDS, &bare(w));
        if (1..=4).contains(&name.len()) && name.iter().all(is_name) {
            return SpeakerType::Person;
        }
    }
    let institutional = lower
        .iter()
        .zip(&words)
        .any(|(bare, word)| listed(ORGANIZATION_WORDS, bare) || is_acronym(word));
    if institutional {
        return SpeakerType::Organization;
    }
    let name_shaped = (2..=5).contains(&words.len())
        && words.iter().enumerate().all(|(i, word)| {
            is_name_word(word) || (i > 0 && i + 1 < words.len() && listed(NAME_PARTICLES, word))
        });
    if name_shaped {
        SpeakerType::Person
    } else {
        SpeakerType::Organization
    }
}

/// When a review was first published and when its latest version was (the same date until it is
/// corrected).
#[derive(Debug, Clone, Copy)]
pub struct ReviewDates {
    pub published: chrono::NaiveDateTime,
    pub modified: chrono::NaiveDateTime,
}

/// The ClaimReview of a published claim. `page_url` is the public verdict page.
pub fn claim_review(
    row: &ExportRow,
    publisher: &Publisher<'_>,
    page_url: &str,
    dates: ReviewDates,
    also_in: &[AlsoIn],
) -> Value {
    let mut organization = Map::new();
    organization.insert("@type".into(), json!("Organization"));
    organization.insert("name".into(), json!(publisher.name));
    if let Some(url) = publisher.url {
        organization.insert("url".into(), json!(url));
    }

    let mut rating = Map::new();
    rating.insert("@type".into(), json!("Rating"));
    rating.insert(
        "alternateName".into(),
        json!(row.verdict.clone().unwrap_or_default()),
    );
    if let Some(value) = row.rating {
        rating.insert("ratingValue".into(), json!(value));
        rating.insert("bestRating".into(), json!(5));
        rating.insert("worstRating".into(), json!(1));
    }

    let mut claim = Map::new();
    claim.insert("@type".into(), json!("Claim"));
    if let Some(speaker) = &row.speaker {
        claim.insert(
            "author".into(),
            json!({"@type": speaker_type(speaker).as_str(), "name": speaker}),
        );
    }
    if let Some(published) = row.article_published {
        claim.insert("datePublished".into(), json!(published.to_string()));
    }
    // The article the claim was made from, then every other one it was found in: one object, or
    // a list when there are several (schema.org takes either).
    let mut appearances: Vec<Value> = Vec::new();
    let mut urls: Vec<&str> = Vec::new();
    let origin = row
        .article_url
        .as_deref()
        .map(|url| (url, row.article_title.as_deref(), row.publisher.as_deref()));
    let others = also_in.iter().map(|a| {
        (
            a.url.as_str(),
            Some(a.title.as_str()),
            a.publisher.as_deref(),
        )
    });
    for (url, title, publisher) in origin.into_iter().chain(others) {
        if urls.contains(&url) {
            continue;
        }
        urls.push(url);
        appearances.push(creative_work(url, title, publisher));
    }
    match appearances.len() {
        0 => {}
        1 => {
            claim.insert("appearance".into(), appearances.remove(0));
        }
        _ => {
            claim.insert("appearance".into(), Value::Array(appearances));
        }
    }

    let day = |t: chrono::NaiveDateTime| t.format("%Y-%m-%d").to_string();
    json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": page_url,
        "claimReviewed": claim_reviewed(&row.statement),
        "datePublished": day(dates.published),
        "dateModified": day(dates.modified),
        "author": Value::Object(organization),
        "reviewRating": Value::Object(rating),
        "itemReviewed": Value::Object(claim),
    })
}

/// An article a claim appears in, as ClaimReview's `appearance` takes it.
fn creative_work(url: &str, title: Option<&str>, publisher: Option<&str>) -> Value {
    let mut work = Map::new();
    work.insert("@type".into(), json!("CreativeWork"));
    work.insert("url".into(), json!(url));
    if let Some(title) = title {
        work.insert("headline".into(), json!(title));
    }
    if let Some(publisher) = publisher {
        work.insert(
            "publisher".into(),
            json!({"@type": "Organization", "name": publisher}),
        );
    }
    Value::Object(work)
}

/// JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&` escaped as `\u00XX`
/// so no statement can close the element or open a comment, whatever it contains.
pub fn script_safe(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row() -> ExportRow {
        let at = chrono::NaiveDate::from_ymd_opt(2025, 8, 25)
            .and_then(|d| d.and_hms_opt(8, 0, 0))
            .unwrap();
        ExportRow {
            claim_id: 3,
            statement: "The United States doubled the reward for his capture to $50 million, the State Department said on Thursday.".into(),
            surface: Some("$50 million".into()),
            value: Some("50000000".into()),
            unit: Some("USD".into()),
            qualifier: Some("exact".into()),
            subject: Some("reward".into()),
            speaker: Some("the State Department".into()),
            article_title: Some("Reward doubled".into()),
            article_url: Some("https://news.example.org/reward".into()),
            publisher: Some("Example News".into()),
            article_published: chrono::NaiveDate::from_ymd_opt(2025, 8, 23),
            status: "published".into(),
            verdict: Some("True".into()),
            rating: Some(5),
            rationale: Some("The notice says so.".into()),
            citations: vec![],
            assignee: None,
            proposed_by: None,
            approved_by: None,
            created_at: at,
            verified_at: Some(at),
            published_at: Some(at),
            updated_at: at,
            correction_note: None,
            value_high: None,
            review_sealed: false,
            proposer_id: None,
        }
    }

    fn dates() -> ReviewDates {
        let at = |day| {
            chrono::NaiveDate::from_ymd_opt(2025, 8, day)
                .and_then(|d| d.and_hms_opt(8, 0, 0))
                .unwrap()
        };
        ReviewDates {
            published: at(25),
            modified: at(27),
        }
    }

    #[test]
    fn every_required_and_recommended_field_is_there() {
        let review = claim_review(
            &row(),
            &Publisher {
                name: "Harbor Desk",
                url: Some("https://desk.example.org"),
            },
            "https://claims.example.org/verdicts/3",
            dates(),
            &[],
        );
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        assert_eq!(review["url"], "https://claims.example.org/verdicts/3");
        assert_eq!(review["datePublished"], "2025-08-25");
        assert_eq!(review["dateModified"], "2025-08-27");
        assert_eq!(review["author"]["@type"], "Organization");
        assert_eq!(review["author"]["name"], "Harbor Desk");
        assert_eq!(review["author"]["url"], "https://desk.example.org");
        assert_eq!(review["reviewRating"]["alternateName"], "True");
        assert_eq!(review["reviewRating"]["ratingValue"], 5);
        assert_eq!(review["reviewRating"]["bestRating"], 5);
        assert_eq!(review["reviewRating"]["worstRating"], 1);
        assert_eq!(review["itemReviewed"]["@type"], "Claim");
        assert_eq!(
            review["itemReviewed"]["author"]["name"],
            "the State Department"
        );
        assert_eq!(review["itemReviewed"]["datePublished"], "2025-08-23");
        assert_eq!(
            review["itemReviewed"]["appearance"]["url"],
            "https://news.example.org/reward"
        );
        let reviewed = review["claimReviewed"].as_str().unwrap();
        assert!(reviewed.chars().count() < 75, "{reviewed}");
        assert!(reviewed.starts_with("The United States doubled the reward"));
        assert!(!reviewed.contains("True"));
    }

    #[test]
    fn every_article_a_claim_appears_in_is_an_appearance_once() {
        let publisher = Publisher {
            name: "Desk",
            url: None,
        };
        let other = |url: &str, title: &str| AlsoIn {
            claim_id: crate::domain::ClaimId::new(3),
            url: url.into(),
            title: title.into(),
            publisher: None,
        };
        let review = claim_review(
            &row(),
            &publisher,
            "u",
            dates(),
            &[
                other("https://wire.example.com/a", "Wire copy"),
                // The origin again (an earlier copy attached by address) is not listed twice.
                other("https://news.example.org/reward", "Same"),
                other("https://radio.example.net/b", "Radio"),
            ],
        );
        let list = review["itemReviewed"]["appearance"].as_array().unwrap();
        let urls: Vec<&str> = list.iter().map(|a| a["url"].as_str().unwrap()).collect();
        assert_eq!(
            urls,
            [
                "https://news.example.org/reward",
                "https://wire.example.com/a",
                "https://radio.example.net/b"
            ]
        );
        assert_eq!(list[0]["publisher"]["name"], "Example News");
        assert_eq!(list[1]["headline"], "Wire copy");
        assert!(list[1].get("publisher").is_none());

        // With no address of its own, the claim's appearances are the other articles.
        let mut pasted = row();
        pasted.article_url = None;
        let review = claim_review(
            &pasted,
            &publisher,
            "u",
            dates(),
            &[other("https://wire.example.com/a", "Wire copy")],
        );
        assert_eq!(
            review["itemReviewed"]["appearance"]["url"],
            "https://wire.example.com/a"
        );
        let review = claim_review(&pasted, &publisher, "u", dates(), &[]);
        assert!(review["itemReviewed"].get("appearance").is_none());
    }

    #[test]
    fn a_verdict_without_a_rating_keeps_only_its_name() {
        let mut unrated = row();
        unrated.verdict = Some("Unverifiable".into());
        unrated.rating = None;
        let review = claim_review(
            &unrated,
            &Publisher {
                name: "Desk",
                url: None,
            },
            "u",
            dates(),
            &[],
        );
        assert_eq!(review["reviewRating"]["alternateName"], "Unverifiable");
        assert!(review["reviewRating"].get("ratingValue").is_none());
        assert!(review["author"].get("url").is_none());
    }

    #[test]
    fn script_safe_json_cannot_close_its_element() {
        let mut evil = row();
        evil.statement = "</script><script>alert(1)</script> & more".into();
        let text = script_safe(&claim_review(
            &evil,
            &Publisher {
                name: "D",
                url: None,
            },
            "u",
            dates(),
            &[],
        ));
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert!(back["claimReviewed"]
            .as_str()
            .unwrap()
            .starts_with("</script>"));
    }

    #[test]
    fn people_are_typed_person() {
        for speaker in [
            "Sean Wharton",
            "Jessica S. Tisch",
            "V. Narayanan",
            "Ursula von der Leyen",
            "Park Jae-won",
            "Seán O'Brien",
            "Defense Minister Park",
            "U.S. President Donald Trump",
            "Dr. Amara Diallo",
            "the returning officer",
            "a ministry spokeswoman",
            "the head of the agency",
            "Secretary of State Marco Rubio",
            "the World Health Organization's director-general",
            "he",
        ] {
            assert_eq!(speaker_type(speaker), SpeakerType::Person, "{speaker}");
        }
    }

    #[test]
    fn institutions_and_sources_are_typed_organization() {
        for speaker in [
            "the State Department",
            "the navy",
            "Seoul's unification ministry",
            "the Ministry of Trade, Industry and Energy",
            "The Office for Budget Responsibility",
            "Prime Minister's Office",
            "Samsung Electronics Co.",
            "General Motors",
            "Counterpoint Research",
            "the Royal College of Emergency Medicine",
            "the University of Washington's PIOMAS model",
            "Ukraine's air force",
            "the WHO",
            "UNHCR",
            "Lloyd's List",
            "customs data",
            "A YouGov poll",
            "NHS England figures",
            "Harbor Times",
        ] {
            assert_eq!(
                speaker_type(speaker),
                SpeakerType::Organization,
                "{speaker}"
            );
        }
    }

    #[test]
    fn speakers_without_evidence_of_a_person_stay_organizations() {
        // Groups, plurals and lone names: the documented default (a lone surname is its miss).
        for speaker in [
            "officials",
            "Philippine defense officials",
            "the researchers",
            "Organisers",
            "Klarna",
            "Reeves",
            "",
        ] {
            assert_eq!(
                speaker_type(speaker),
                SpeakerType::Organization,
                "{speaker}"
            );
        }
    }

    #[test]
    fn the_claims_author_carries_the_speakers_type() {
        let publisher = Publisher {
            name: "Desk",
            url: None,
        };
        let mut said = row();
        said.speaker = Some("Jessica S. Tisch".into());
        let review = claim_review(&said, &publisher, "u", dates(), &[]);
        assert_eq!(review["itemReviewed"]["author"]["@type"], "Person");
        assert_eq!(review["itemReviewed"]["author"]["name"], "Jessica S. Tisch");
        let review = claim_review(&row(), &publisher, "u", dates(), &[]);
        assert_eq!(review["itemReviewed"]["author"]["@type"], "Organization");
        said.speaker = None;
        let review = claim_review(&said, &publisher, "u", dates(), &[]);
        assert!(review["itemReviewed"].get("author").is_none());
    }

    proptest! {
        #[test]
        fn claim_reviewed_is_always_short(statement in "\\PC{0,300}") {
            prop_assert!(claim_reviewed(&statement).chars().count() < 75);
        }
    }
}
