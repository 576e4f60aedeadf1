//! The one way ClaimDesk reads the web (articles from links now; citations and feeds later): http
//! and https only; every address a host resolves to is checked before connecting (`address`), and
//! the connection goes to the address that was checked, so a name that resolves differently the
//! second time (DNS rebinding) gains nothing; every redirect is checked the same way, at most five;
//! a time limit and a size limit; no proxy from the environment. `page` reads an article out of
//! the HTML that comes back.

mod address;
pub mod page;

use std::error::Error as StdError;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

pub use address::{refusal, AllowList};

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: usize = 5;

/// The fetcher's settings (`CLAIMDESK_FETCH_*`).
#[derive(Debug, Clone)]
pub struct FetchSettings {
    pub allow: AllowList,
    pub timeout: Duration,
    pub max_bytes: usize,
}

impl Default for FetchSettings {
    fn default() -> FetchSettings {
        FetchSettings {
            allow: AllowList::default(),
            timeout: Duration::from_secs(10),
            max_bytes: 5 * 1024 * 1024,
        }
    }
}

/// Why a fetch did not give a page; the message is what the person who asked is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// Not an http or https address with a host.
    NotWeb,
    /// The host is, or resolves to, an address that is not fetched.
    Refused {
        host: String,
        why: &'static str,
    },
    /// The name does not resolve.
    UnknownHost(String),
    TooManyRedirects,
    TimedOut,
    /// The server could not be reached or broke off.
    Unreachable,
    /// The server answered with an error status.
    Status(u16),
    TooLarge {
        limit: usize,
    },
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::NotWeb => f.write_str("must be an http:// or https:// address"),
            FetchError::Refused { host, why } => write!(
                f,
                "is not fetched: {host} is {why}; only public addresses are (an administrator can \
                 allow more with CLAIMDESK_FETCH_ALLOW)"
            ),
            FetchError::UnknownHost(host) => write!(f, "could not be reached: no such host {host}"),
            FetchError::TooManyRedirects => {
                write!(f, "redirects more than {MAX_REDIRECTS} times")
            }
            FetchError::TimedOut => f.write_str("did not answer in time"),
            FetchError::Unreachable => f.write_str("could not be reached"),
            FetchError::Status(code) => write!(f, "answered with HTTP status {code}"),
            FetchError::TooLarge { limit } => {
                write!(f, "is larger than the limit of {} KiB", limit / 1024)
            }
        }
    }
}

impl StdError for FetchError {}

impl FetchError {
    /// The server did not answer (in time), or answered that it is busy or failing for now: worth
    /// asking again later.
    pub fn worth_retrying(&self) -> bool {
        match self {
            FetchError::TimedOut | FetchError::Unreachable => true,
            FetchError::Status(code) => *code == 429 || *code >= 500,
            _ => false,
        }
    }
}

/// What a fetch brought back.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// Where the page was in the end, after redirects.
    pub final_url: url::Url,
    pub status: u16,
    /// The media type without parameters, lower case (`text/html`); empty when none was sent.
    pub media_type: String,
    /// The `charset` parameter of the content type, if any.
    pub charset: Option<String>,
    pub bytes: Vec<u8>,
    /// Its `ETag` and `Last-Modified`, for asking again conditionally.
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Fetched {
    pub fn is_html(&self) -> bool {
        matches!(
            self.media_type.as_str(),
            "text/html" | "application/xhtml+xml"
        )
    }
}

/// The guarded client; one per server, shared (it keeps connections).
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    /// The same, without redirects: webhook deliveries.
    poster: reqwest::Client,
    settings: FetchSettings,
}

impl fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fetcher")
            .field("settings", &self.settings)
            .finish()
    }
}

impl Fetcher {
    /// `public_url` goes into the user agent, so a site can tell who is asking.
    pub fn new(settings: FetchSettings, public_url: &str) -> Result<Fetcher, String> {
        let redirect_allow = settings.allow.clone();
        let client = Self::builder(&settings, public_url)
            .redirect(reqwest::redirect::Policy::custom(move |attempt| {
                // `previous` holds every address asked so far, the first one included.
                if attempt.previous().len() > MAX_REDIRECTS {
                    return attempt.error(FetchError::TooManyRedirects);
                }
                match check_address(attempt.url(), &redirect_allow) {
                    Ok(()) => attempt.follow(),
                    Err(refused) => attempt.error(refused),
                }
            }))
            .build()
            .map_err(|e| format!("the fetcher could not start: {e}"))?;
        // A delivery is not redirected: a 3xx answer is a failed delivery (a POST followed by a
        // 302 would arrive as a GET without its body).
        let poster = Self::builder(&settings, public_url)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("the fetcher could not start: {e}"))?;
        Ok(Fetcher {
            client,
            poster,
            settings,
        })
    }

    fn builder(settings: &FetchSettings, public_url: &str) -> reqwest::ClientBuilder {
        reqwest::Client::builder()
            .user_agent(format!(
                "ClaimDesk/{} (fact-check desk; +{public_url})",
                env!("CARGO_PKG_VERSION")
            ))
            .no_proxy()
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout)
            .dns_resolver(Arc::new(CheckedResolver {
                allow: settings.allow.clone(),
            }))
    }

    /// POSTs `body` (JSON) to `url` with `headers` under the same address rules and time limit,
    /// without following redirects; answers the status (the answer's body is read, at most 64
    /// KiB, and dropped).
    pub async fn post_json(
        &self,
        url: &url::Url,
        headers: &[(&str, String)],
        body: Vec<u8>,
    ) -> Result<u16, FetchError> {
        check_address(url, &self.settings.allow)?;
        let mut request = self
            .poster
            .post(url.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json");
        for (name, value) in headers {
            request = request.header(*name, value.as_str());
        }
        let mut response = request.body(body).send().await.map_err(|e| classify(&e))?;
        let mut read = 0;
        while let Ok(Some(chunk)) = response.chunk().await {
            read += chunk.len();
            if read > 64 * 1024 {
                break;
            }
        }
        Ok(response.status().as_u16())
    }

    pub fn settings(&self) -> &FetchSettings {
        &self.settings
    }

    /// GETs `url` under the rules above; an error status is an error.
    pub async fn get(&self, url: &url::Url) -> Result<Fetched, FetchError> {
        let response = self.send_get(url, &[]).await?;
        self.read(response).await
    }

    /// GETs `url` unless it is unchanged since the answer that gave `etag` and `last_modified`
    /// (`If-None-Match`, `If-Modified-Since`): a feed polled again.
    pub async fn get_conditional(
        &self,
        url: &url::Url,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<Conditional, FetchError> {
        let mut headers = Vec::new();
        if let Some(etag) = etag {
            headers.push((reqwest::header::IF_NONE_MATCH, etag));
        }
        if let Some(since) = last_modified {
            headers.push((reqwest::header::IF_MODIFIED_SINCE, since));
        }
        let response = self.send_get(url, &headers).await?;
        if response.status() == reqwest::StatusCode::NOT_MODIFIED {
            return Ok(Conditional::NotModified);
        }
        self.read(response)
            .await
            .map(|fetched| Conditional::Fetched(Box::new(fetched)))
    }

    async fn send_get(
        &self,
        url: &url::Url,
        headers: &[(reqwest::header::HeaderName, &str)],
    ) -> Result<reqwest::Response, FetchError> {
        check_address(url, &self.settings.allow)?;
        let mut request = self.client.get(url.clone());
        for (name, value) in headers {
            request = request.header(name, *value);
        }
        request.send().await.map_err(|e| classify(&e))
    }

    /// The answer's body, within the size limit; an error status is an error.
    async fn read(&self, mut response: reqwest::Response) -> Result<Fetched, FetchError> {
        let status = response.status().as_u16();
        if !response.status().is_success() {
            return Err(FetchError::Status(status));
        }
        let limit = self.settings.max_bytes;
        if response
            .content_length()
            .is_some_and(|len| len > limit as u64)
        {
            return Err(FetchError::TooLarge { limit });
        }
        let (media_type, charset) = content_type(&response);
        let header = |name: reqwest::header::HeaderName| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let etag = header(reqwest::header::ETAG);
        let last_modified = header(reqwest::header::LAST_MODIFIED);
        let final_url = response.url().clone();
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| classify(&e))? {
            if bytes.len() + chunk.len() > limit {
                return Err(FetchError::TooLarge { limit });
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Fetched {
            final_url,
            status,
            media_type,
            charset,
            bytes,
            etag,
            last_modified,
        })
    }
}

/// What a conditional GET came to.
#[derive(Debug, Clone)]
pub enum Conditional {
    /// 304: unchanged since the answer named.
    NotModified,
    Fetched(Box<Fetched>),
}

/// The scheme, and the host when it is written as an address (names are checked when resolved).
pub fn check_address(url: &url::Url, allow: &AllowList) -> Result<(), FetchError> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::NotWeb);
    }
    let ip: Option<IpAddr> = match url.host() {
        None => return Err(FetchError::NotWeb),
        Some(url::Host::Domain(_)) => None,
        Some(url::Host::Ipv4(v4)) => Some(v4.into()),
        Some(url::Host::Ipv6(v6)) => Some(v6.into()),
    };
    match ip.and_then(|ip| refusal(ip, allow).map(|why| (ip, why))) {
        Some((ip, why)) => Err(FetchError::Refused {
            host: ip.to_string(),
            why,
        }),
        None => Ok(()),
    }
}

fn content_type(response: &reqwest::Response) -> (String, Option<String>) {
    let raw = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    let mut parts = raw.split(';');
    let media_type = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts
        .filter_map(|param| param.split_once('='))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, value)| value.trim().trim_matches('"').to_owned());
    (media_type, charset)
}

/// Finds our own refusal in a client error's causes, or says what kind of failure it was.
fn classify(error: &reqwest::Error) -> FetchError {
    let mut source: Option<&(dyn StdError + 'static)> = Some(error);
    while let Some(cause) = source {
        if let Some(ours) = cause.downcast_ref::<FetchError>() {
            return ours.clone();
        }
        source = cause.source();
    }
    if error.is_timeout() {
        FetchError::TimedOut
    } else {
        FetchError::Unreachable
    }
}

/// Resolves a name once and hands the connector only addresses that passed the check; a name with
/// any refused address is refused whole (a mix is how rebinding tricks start).
struct CheckedResolver {
    allow: AllowList,
}

impl reqwest::dns::Resolve for CheckedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow = self.allow.clone();
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map_err(|_| FetchError::UnknownHost(host.clone()))?
                .collect();
            if found.is_empty() {
                return Err(Box::new(FetchError::UnknownHost(host)) as Box<_>);
            }
            if let Some(why) = found.iter().find_map(|addr| refusal(addr.ip(), &allow)) {
                return Err(Box::new(FetchError::Refused { host, why }) as Box<_>);
            }
            Ok(Box::new(found.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(raw: &str) -> url::Url {
        url::Url::parse(raw).unwrap()
    }

    #[test]
    fn only_web_addresses_with_public_literal_hosts_pass_the_first_check() {
        let none = AllowList::default();
        assert_eq!(check_address(&url("https://news.example/a"), &none), Ok(()));
        assert_eq!(check_address(&url("http://93.184.216.34/"), &none), Ok(()));
        assert_eq!(
            check_address(&url("ftp://news.example/a"), &none),
            Err(FetchError::NotWeb)
        );
        assert_eq!(
            check_address(&url("file:///etc/passwd"), &none),
            Err(FetchError::NotWeb)
        );
        for inner in [
            "http://127.0.0.1:8080/",
            "http://[::1]/",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::ffff:10.0.0.1]/",
            "http://0x7f000001/",
            "http://2130706433/",
        ] {
            assert!(
                matches!(
                    check_address(&url(inner), &none),
                    Err(FetchError::Refused { .. })
                ),
                "{inner}"
            );
        }
        let allow = AllowList::parse("127.0.0.1/32").unwrap();
        assert_eq!(
            check_address(&url("http://127.0.0.1:8080/"), &allow),
            Ok(())
        );
    }

    #[test]
    fn refusals_say_what_was_refused_and_who_can_change_it() {
        let message = FetchError::Refused {
            host: "10.0.0.5".into(),
            why: "a private address",
        }
        .to_string();
        assert!(
            message.contains("10.0.0.5 is a private address"),
            "{message}"
        );
        assert!(message.contains("CLAIMDESK_FETCH_ALLOW"), "{message}");
    }
}
