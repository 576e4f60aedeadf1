//! An article read out of a fetched HTML page: its main text (navigation, footers, cookie banners
//! and the like left behind), its title without the site's name, its author, date and site, by
//! `dom_smoothie` (a port of Mozilla's readability.js, which also reads JSON-LD and Open Graph).

use chrono::NaiveDate;

/// What a page says about the article in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageArticle {
    pub title: Option<String>,
    /// Paragraphs separated by blank lines.
    pub text: String,
    pub author: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub site_name: Option<String>,
}

/// Pages with more elements than this are not read (a bound on the work one page can cause).
const MAX_ELEMENTS: usize = 60_000;

/// Below this many characters of text, the reader tries again with looser rules (keeping boxes
/// whose class says banner, footer, menu…). readability.js uses 500, which sends a short news item
/// (a brief of three paragraphs) back through the loose pass and brings cookie banners with it.
const SHORT_TEXT: usize = 250;

/// Decodes the page's bytes by the charset its header named, else the one its `<meta>` names, else
/// UTF-8 (invalid sequences replaced).
pub fn decode(bytes: &[u8], charset: Option<&str>) -> String {
    let label = charset
        .map(str::to_owned)
        .or_else(|| meta_charset(&bytes[..bytes.len().min(2048)]));
    let encoding = label
        .and_then(|label| encoding_rs::Encoding::for_label(label.trim().as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    encoding.decode(bytes).0.into_owned()
}

/// `<meta charset="…">` or `<meta http-equiv=… content="…; charset=…">` near the top of a page.
fn meta_charset(head: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let rest = head[at..].trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| rest[..end].to_owned())
}

/// Reads the article in a page; `None` when the page holds no readable text.
pub fn read(html: &str, url: &url::Url) -> Option<PageArticle> {
    let config = dom_smoothie::Config {
        max_elements_to_parse: MAX_ELEMENTS,
        text_mode: dom_smoothie::TextMode::Formatted,
        char_threshold: SHORT_TEXT,
        ..Default::default()
    };
    let mut readability =
        dom_smoothie::Readability::new(html, Some(url.as_str()), Some(config)).ok()?;
    let article = readability.parse().ok()?;
    let text = tidy_text(&article.text_content);
    if text.is_empty() {
        return None;
    }
    let site_name = one_line(article.site_name.as_deref(), 200);
    let title = one_line(Some(&article.title), 300)
        .map(|title| without_site_suffix(&title, site_name.as_deref(), url))
        .filter(|title| !title.is_empty());
    Some(PageArticle {
        title,
        text,
        author: one_line(article.byline.as_deref().map(without_by), 200),
        published_on: article.published_time.as_deref().and_then(date_of),
        site_name,
    })
}

/// Lines trimmed, runs of blank lines made one, the whole trimmed.
fn tidy_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank = false;
    for line in raw
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
    {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank = false;
    }
    out
}

/// Whitespace collapsed to single spaces and cut to `max` characters; `None` when blank.
fn one_line(raw: Option<&str>, max: usize) -> Option<String> {
    let line = raw?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!line.is_empty()).then(|| line.chars().take(max).collect())
}

/// "By Jane Roe" is the byline of Jane Roe.
fn without_by(byline: &str) -> &str {
    let trimmed = byline.trim();
    match trimmed.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => trimmed[3..].trim_start(),
        _ => trimmed,
    }
}

/// The separators sites put between an article's title and their own name.
const SEPARATORS: [&str; 6] = [" | ", " - ", " – ", " — ", " · ", " :: "];

/// "Title | Site" is "Title" when the part after the last separator is the site: its name, or its
/// host without `www.` and the top-level domain ("The Daily Example" on dailyexample.com).
fn without_site_suffix(title: &str, site_name: Option<&str>, url: &url::Url) -> String {
    let Some((at, separator)) = SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| (at, *sep)))
        .max_by_key(|(at, _)| *at)
    else {
        return title.to_owned();
    };
    let (head, tail) = (&title[..at], &title[at + separator.len()..]);
    let squash = |s: &str| {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let tail_key = squash(tail);
    let host_key = url
        .host_str()
        .map(|host| host.trim_start_matches("www."))
        .map(|host| host.rsplit_once('.').map_or(host, |(name, _)| name))
        .map(squash)
        .unwrap_or_default();
    let is_site = !tail_key.is_empty()
        && (site_name.is_some_and(|site| squash(site) == tail_key)
            || tail_key == host_key
            || host_key.ends_with(&tail_key) && tail_key.len() >= 4);
    if is_site && head.split_whitespace().count() >= 2 {
        head.trim().to_owned()
    } else {
        title.to_owned()
    }
}

/// The date of an ISO 8601 time (`2025-08-23T09:00:00+09:00`) or date.
fn date_of(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim().get(..10)?, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(raw: &str) -> url::Url {
        url::Url::parse(raw).unwrap()
    }

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
        <meta charset="utf-8">
        <title>Harbour fund grows to $80 million | The Coastal Ledger</title>
        <meta property="og:site_name" content="The Coastal Ledger">
        <meta name="author" content="Mira Okafor">
        <meta property="article:published_time" content="2026-03-14T08:30:00Z">
        </head><body>
        <nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav>
        <div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
        <article>
          <h1>Harbour fund grows to $80 million</h1>
          <p>The port authority said on Friday that its harbour repair fund had grown to $80 million,
          up from $52 million a year earlier, after three councils added to it.</p>
          <p>Engineers estimate that 14 of the 40 berths need new pilings within five years, and the
          authority plans to start work on the first six in the spring.</p>
          <p>Critics say the fund still falls short of the $120 million the 2019 survey called for,
          and that the councils have not said how they will pay for the rest of it.</p>
        </article>
        <footer>Copyright 2026 The Coastal Ledger. All rights reserved. Contact us. Careers.</footer>
        </body></html>"#;

    #[test]
    fn the_main_text_comes_without_navigation_banner_or_footer() {
        let page = read(PAGE, &url("https://coastal-ledger.example/news/harbour")).unwrap();
        assert!(page.text.contains("grown to $80 million"), "{}", page.text);
        assert!(
            page.text.contains("the first six in the spring"),
            "{}",
            page.text
        );
        for chrome in ["Politics", "cookies", "All rights reserved", "Careers"] {
            assert!(!page.text.contains(chrome), "{chrome:?} in {}", page.text);
        }
        assert!(
            page.text.contains("\n\n"),
            "paragraphs kept apart: {}",
            page.text
        );
    }

    #[test]
    fn title_author_date_and_site_come_from_the_page() {
        let page = read(PAGE, &url("https://coastal-ledger.example/news/harbour")).unwrap();
        assert_eq!(
            page.title.as_deref(),
            Some("Harbour fund grows to $80 million")
        );
        assert_eq!(page.author.as_deref(), Some("Mira Okafor"));
        assert_eq!(page.published_on, NaiveDate::from_ymd_opt(2026, 3, 14));
        assert_eq!(page.site_name.as_deref(), Some("The Coastal Ledger"));
    }

    #[test]
    fn a_site_suffix_goes_and_a_title_with_a_dash_in_it_stays() {
        let u = url("https://www.dailyexample.com/a");
        assert_eq!(
            without_site_suffix("Rates rise again - Daily Example", None, &u),
            "Rates rise again"
        );
        assert_eq!(
            without_site_suffix("Rates rise again — The Paper", Some("The Paper"), &u),
            "Rates rise again"
        );
        assert_eq!(
            without_site_suffix("Ceasefire talks - day three", Some("The Paper"), &u),
            "Ceasefire talks - day three"
        );
        assert_eq!(
            without_site_suffix("No separator here", None, &u),
            "No separator here"
        );
    }

    #[test]
    fn pages_are_decoded_by_their_declared_charset() {
        let latin1 = b"<html><head><meta charset=\"iso-8859-1\"></head><body>Jos\xe9</body></html>";
        assert!(decode(latin1, None).contains("José"));
        assert!(decode("Josキ".as_bytes(), Some("utf-8")).contains("Josキ"));
        assert!(decode(b"Jos\xe9", Some("windows-1252")).contains("José"));
    }

    #[test]
    fn bylines_and_dates_are_normalized() {
        assert_eq!(without_by("By Jane Roe"), "Jane Roe");
        assert_eq!(without_by("Byron Lee"), "Byron Lee");
        assert_eq!(
            date_of("2025-08-23T09:00:00+09:00"),
            NaiveDate::from_ymd_opt(2025, 8, 23)
        );
        assert_eq!(date_of("23 August"), None);
    }
}
