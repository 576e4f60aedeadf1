//! schema.org ClaimReview for a published claim, following Google's fact-check markup rules:
//! `claimReviewed` a short statement of the claim (under 75 characters, without the rating),
//! `reviewRating` with the verdict's name and its place on the team's 1–5 scale, `itemReviewed` a
//! `Claim` with who said it, where and when, and `author` the team's organization.

use serde_json::{json, Map, Value};

use crate::db::claims::ExportRow;

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

/// The ClaimReview of a published claim. `page_url` is the public verdict page.
pub fn claim_review(row: &ExportRow, publisher: &Publisher<'_>, page_url: &str) -> Value {
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
            json!({"@type": "Organization", "name": speaker}),
        );
    }
    if let Some(published) = row.article_published {
        claim.insert("datePublished".into(), json!(published.to_string()));
    }
    if let Some(url) = &row.article_url {
        let mut appearance = Map::new();
        appearance.insert("@type".into(), json!("CreativeWork"));
        appearance.insert("url".into(), json!(url));
        if let Some(title) = &row.article_title {
            appearance.insert("headline".into(), json!(title));
        }
        if let Some(publisher) = &row.publisher {
            appearance.insert(
                "publisher".into(),
                json!({"@type": "Organization", "name": publisher}),
            );
        }
        claim.insert("appearance".into(), Value::Object(appearance));
    }

    let published = row.published_at.map(|t| t.format("%Y-%m-%d").to_string());
    json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": page_url,
        "claimReviewed": claim_reviewed(&row.statement),
        "datePublished": published,
        "author": Value::Object(organization),
        "reviewRating": Value::Object(rating),
        "itemReviewed": Value::Object(claim),
    })
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
        );
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        assert_eq!(review["url"], "https://claims.example.org/verdicts/3");
        assert_eq!(review["datePublished"], "2025-08-25");
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
        ));
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert!(back["claimReviewed"]
            .as_str()
            .unwrap()
            .starts_with("</script>"));
    }

    proptest! {
        #[test]
        fn claim_reviewed_is_always_short(statement in "\\PC{0,300}") {
            prop_assert!(claim_reviewed(&statement).chars().count() < 75);
        }
    }
}
