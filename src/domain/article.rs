use chrono::NaiveDate;

use super::{single_line, Invalid, WebUrl};

/// An article as a reviewer submitted it, validated: a title, a body, and optional metadata.
#[derive(Debug, Clone)]
pub struct ArticleDraft {
    pub title: String,
    pub url: Option<WebUrl>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub body: String,
}

/// The article form's fields as sent.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RawArticle {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub publisher: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub published_on: String,
    #[serde(default)]
    pub body: String,
}

fn optional(field: &'static str, raw: &str, max: usize) -> Result<Option<String>, Invalid> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        single_line(field, raw, max).map(Some)
    }
}

impl ArticleDraft {
    pub fn parse(raw: &RawArticle, max_body_bytes: usize) -> Result<ArticleDraft, Invalid> {
        let title = single_line("title", &raw.title, 300)?;
        let url = if raw.url.trim().is_empty() {
            None
        } else {
            Some(WebUrl::parse("url", &raw.url)?)
        };
        let publisher = optional("publisher", &raw.publisher, 200)?;
        let author = optional("author", &raw.author, 200)?;
        let published_on = if raw.published_on.trim().is_empty() {
            None
        } else {
            Some(
                NaiveDate::parse_from_str(raw.published_on.trim(), "%Y-%m-%d").map_err(|_| {
                    Invalid::new("published_on", "must be a date such as 2025-08-23")
                })?,
            )
        };
        let body = normalize_body(&raw.body);
        if body.is_empty() {
            return Err(Invalid::new("body", "is required"));
        }
        if body.len() > max_body_bytes {
            return Err(Invalid::new(
                "body",
                format!("is longer than the limit of {} KiB", max_body_bytes / 1024),
            ));
        }
        if body.contains('\0') {
            return Err(Invalid::new("body", "must not contain NUL characters"));
        }
        Ok(ArticleDraft {
            title,
            url,
            publisher,
            author,
            published_on,
            body,
        })
    }

    /// What makes two submissions the same article: the SHA-256 of the normalized body.
    pub fn body_hash(&self) -> String {
        use sha2::{Digest, Sha256};
        hex::encode(Sha256::digest(self.body.as_bytes()))
    }
}

/// Turns a file into article text by its extension: `.txt` and `.md` as they are, `.html` and `.htm`
/// through an HTML parser (scripts, styles and markup dropped). Anything else is refused.
pub fn text_from_file(file_name: &str, bytes: &[u8]) -> Result<String, Invalid> {
    let lower = file_name.to_ascii_lowercase();
    let extension = lower.rsplit_once('.').map_or("", |(_, ext)| ext);
    match extension {
        "txt" | "md" | "markdown" => {
            String::from_utf8(bytes.to_vec()).map_err(|_| Invalid::new("file", "is not UTF-8 text"))
        }
        "html" | "htm" => {
            text_of_html(bytes).ok_or_else(|| Invalid::new("file", "is not readable HTML"))
        }
        _ => Err(Invalid::new("file", "must be a .txt, .md or .html file")),
    }
}

/// The text of an HTML document, a paragraph a line (scripts, styles and markup dropped); `None`
/// when it cannot be parsed.
pub fn text_of_html(html: &[u8]) -> Option<String> {
    html2text::config::plain_no_decorate()
        .string_from_read(html, 100_000)
        .ok()
        // The converter pads lines to its width; trailing blanks carry nothing.
        .map(|text| {
            text.lines()
                .map(str::trim_end)
                .collect::<Vec<_>>()
                .join("\n")
        })
}

/// A title for a text that came without one: its first non-empty line (without Markdown `#`).
pub fn title_from_text(text: &str) -> Option<String> {
    text.lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| !l.is_empty())
        .map(|l| l.chars().take(200).collect())
}

/// Line ends unified and outer blank space trimmed, so the same text pasted twice hashes the same.
pub fn normalize_body(raw: &str) -> String {
    raw.replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .to_owned()
}

/// Cuts a body into parts of at most `max` bytes, each ending at a paragraph break where one
/// falls in the second half of the part, else at a line break, else after a space, else at a
/// character boundary: the article page shows one part at a time, so a 2 MiB article is not
/// one page of 2 MiB. The parts cover the body exactly, in order.
pub fn body_parts(body: &str, max: usize) -> Vec<std::ops::Range<usize>> {
    let max = max.max(8);
    let mut parts = Vec::new();
    let mut start = 0;
    while body.len() - start > max {
        let mut limit = start + max;
        while !body.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &body[start..limit];
        let half = window.len() / 2;
        let breaks = [
            window.rfind("\n\n").map(|at| at + 2),
            window.rfind('\n').map(|at| at + 1),
            window.rfind(' ').map(|at| at + 1),
        ];
        let cut = breaks
            .into_iter()
            .flatten()
            .find(|end| *end > half)
            .map_or(limit, |end| start + end);
        parts.push(start..cut);
        start = cut;
    }
    parts.push(start..body.len());
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_end_at_paragraphs_and_cover_the_body() {
        let body = format!(
            "{}\n\n{}\n\n{}",
            "a".repeat(60),
            "b".repeat(60),
            "c".repeat(50)
        );
        let parts = body_parts(&body, 100);
        assert_eq!(parts, vec![0..62, 62..124, 124..body.len()]);
        assert_eq!(body_parts("short", 100), vec![0..5]);
        // No break at all: cut at a character boundary, never inside a character.
        let korean = "대".repeat(50);
        for part in body_parts(&korean, 10) {
            assert!(korean.get(part).is_some());
        }
    }

    proptest::proptest! {
        #[test]
        fn parts_cover_every_body_in_order(body in "[a-z \n대€]{0,400}", max in 1usize..120) {
            let parts = body_parts(&body, max);
            let mut at = 0;
            for part in &parts {
                proptest::prop_assert_eq!(part.start, at);
                proptest::prop_assert!(body.get(part.clone()).is_some());
                proptest::prop_assert!(part.len() <= max.max(8));
                at = part.end;
            }
            proptest::prop_assert_eq!(at, body.len());
        }
    }

    fn raw(title: &str, body: &str) -> RawArticle {
        RawArticle {
            title: title.into(),
            body: body.into(),
            ..RawArticle::default()
        }
    }

    #[test]
    fn a_title_and_a_body_are_enough() {
        let draft = ArticleDraft::parse(
            &raw("Budget vote", "The council approved $4.2 million."),
            1024,
        )
        .unwrap();
        assert_eq!(draft.title, "Budget vote");
        assert!(draft.url.is_none());
    }

    #[test]
    fn the_same_body_with_other_line_ends_hashes_the_same() {
        let a = ArticleDraft::parse(&raw("A", "One.\r\nTwo.\r\n"), 1024).unwrap();
        let b = ArticleDraft::parse(&raw("B", "  One.\nTwo."), 1024).unwrap();
        assert_eq!(a.body_hash(), b.body_hash());
    }

    #[test]
    fn files_become_text_by_their_extension() {
        assert_eq!(text_from_file("a.TXT", b"3 ships").unwrap(), "3 ships");
        let html = text_from_file(
            "a.html",
            b"<p>Hi <script>var x = 1;</script><b>4 ships</b></p>",
        )
        .unwrap();
        assert!(
            html.contains("4 ships") && !html.contains("var x"),
            "{html}"
        );
        assert!(text_from_file("a.pdf", b"%PDF").is_err());
        assert!(text_from_file("a.txt", b"\xff").is_err());
        assert_eq!(
            title_from_text("\n# Budget passes\nbody").as_deref(),
            Some("Budget passes")
        );
    }

    #[test]
    fn bad_fields_are_named() {
        assert_eq!(
            ArticleDraft::parse(&raw("", "x"), 1024).unwrap_err().field,
            "title"
        );
        assert_eq!(
            ArticleDraft::parse(&raw("T", "  "), 1024)
                .unwrap_err()
                .field,
            "body"
        );
        assert_eq!(
            ArticleDraft::parse(&raw("T", &"x".repeat(2000)), 1024)
                .unwrap_err()
                .field,
            "body"
        );
        let mut bad_url = raw("T", "x");
        bad_url.url = "javascript:alert(1)".into();
        assert_eq!(
            ArticleDraft::parse(&bad_url, 1024).unwrap_err().field,
            "url"
        );
        let mut bad_date = raw("T", "x");
        bad_date.published_on = "23/08/2025".into();
        assert_eq!(
            ArticleDraft::parse(&bad_date, 1024).unwrap_err().field,
            "published_on"
        );
    }
}
