use std::fmt;
use std::str::FromStr;

use super::{single_line, Invalid};

/// How a citation bears on its claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stance {
    Supports,
    Refutes,
    Context,
}

impl Stance {
    pub const ALL: [Stance; 3] = [Stance::Supports, Stance::Refutes, Stance::Context];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Refutes => "refutes",
            Stance::Context => "context",
        }
    }
}

impl FromStr for Stance {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Self, Invalid> {
        Stance::ALL
            .into_iter()
            .find(|stance| stance.as_str() == s)
            .ok_or_else(|| Invalid::new("stance", "must be supports, refutes or context"))
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A link a person may follow: absolute http or https only. `javascript:`, `data:` and the like are
/// refused even though templates escape them, because a link is still clickable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebUrl(String);

impl WebUrl {
    pub fn parse(field: &'static str, raw: &str) -> Result<WebUrl, Invalid> {
        let raw = single_line(field, raw, 2000)?;
        let parsed = url::Url::parse(&raw).map_err(|_| {
            Invalid::new(
                field,
                "must be a full web address starting with http:// or https://",
            )
        })?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(Invalid::new(field, "must start with http:// or https://"));
        }
        Ok(WebUrl(parsed.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn only_http_and_https_links_are_accepted() {
        assert!(WebUrl::parse("url", "https://data.example.org/report?id=4").is_ok());
        assert!(WebUrl::parse("url", "http://example.org").is_ok());
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,<script>x</script>",
            "ftp://example.org/x",
            "/relative/path",
            "example.org",
            "https://",
            "",
        ] {
            assert!(WebUrl::parse("url", bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn stances_round_trip() {
        for stance in Stance::ALL {
            assert_eq!(stance.as_str().parse::<Stance>(), Ok(stance));
        }
        assert!("agrees".parse::<Stance>().is_err());
    }

    proptest! {
        #[test]
        fn accepted_urls_always_use_a_web_scheme(raw in ".{0,200}") {
            if let Ok(url) = WebUrl::parse("url", &raw) {
                prop_assert!(url.as_str().starts_with("http://") || url.as_str().starts_with("https://"));
            }
        }
    }
}

/// A citation as a reviewer entered it, validated.
#[derive(Debug, Clone)]
pub struct CitationDraft {
    pub url: WebUrl,
    pub title: String,
    pub publisher: Option<String>,
    pub excerpt: Option<String>,
    pub accessed_on: Option<chrono::NaiveDate>,
    pub stance: Stance,
}

impl CitationDraft {
    pub fn parse(
        url: &str,
        title: &str,
        publisher: &str,
        excerpt: &str,
        accessed_on: &str,
        stance: &str,
    ) -> Result<CitationDraft, Invalid> {
        let url = WebUrl::parse("url", url)?;
        let title = single_line("title", title, 300)?;
        let publisher = match publisher.trim() {
            "" => None,
            p => Some(single_line("publisher", p, 200)?),
        };
        let excerpt = match excerpt.trim() {
            "" => None,
            _ if excerpt.chars().count() > 5000 => {
                return Err(Invalid::new("excerpt", "must be at most 5000 characters"))
            }
            e => Some(e.to_owned()),
        };
        let accessed_on = match accessed_on.trim() {
            "" => None,
            d => Some(
                chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                    Invalid::new("accessed_on", "must be a date such as 2025-08-23")
                })?,
            ),
        };
        let stance = stance.parse()?;
        Ok(CitationDraft {
            url,
            title,
            publisher,
            excerpt,
            accessed_on,
            stance,
        })
    }
}
