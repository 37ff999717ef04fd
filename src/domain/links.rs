//! Links members submit: http(s) only, normalised so that the same page is recognised under
//! another spelling (case, default port, fragment, tracking parameters, trailing slash).

use url::Url;

use crate::db::states::{LinkState, SubmissionKind};
use crate::error::Message;

pub const MAX_URL_CHARS: usize = 2000;

/// Query parameters that only say where a click came from, dropped from every link. One list,
/// documented in `docs/links.md`: analytics campaigns (`utm_*`, `pk_*`, `mtm_*`), ad click ids
/// (Facebook, Google, Microsoft, Yandex, X, TikTok), newsletter tools (Mailchimp, HubSpot,
/// Marketo, Vero, Olytics), share ids (YouTube and Spotify `si`, Instagram `igshid`, X `ref_src`
/// and `s`), LinkedIn's `trackingId`, `rcm`, `lipi`, `trk`, `trkEmail`, and Substack's `r`.
pub const TRACKING_PARAMETERS: [&str; 33] = [
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "ttclid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "igsh",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "vero_conv",
    "__s",
    "ref_src",
    "ref_url",
    "si",
    "trackingid",
    "rcm",
    "lipi",
    "trk",
    "trkemail",
    "midtoken",
    "midsig",
    "eid",
    "sc_cid",
];

/// Query parameters that only track where a click came from.
fn is_tracking_parameter(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_")
        || name.starts_with("pk_")
        || name.starts_with("mtm_")
        || TRACKING_PARAMETERS.contains(&name.as_str())
}

/// The canonical form of a submitted link, or a message saying what is wrong with it.
pub fn normalise_url(input: &str) -> Result<String, Message> {
    let text = input.trim();
    if text.is_empty() {
        return Err(Message::new("invalid-url-empty"));
    }
    if text.chars().count() > MAX_URL_CHARS {
        return Err(Message::new("invalid-url-too-long").arg("max", MAX_URL_CHARS));
    }
    if text.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(Message::new("invalid-url-spaces"));
    }
    let mut url = Url::parse(text).map_err(|_| Message::new("invalid-url-not-absolute"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Message::new("invalid-url-scheme"));
    }
    let Some(host) = url.host_str() else {
        return Err(Message::new("invalid-url-no-host"));
    };
    if !host.contains('.') && host != "localhost" && !host.starts_with('[') {
        return Err(Message::new("invalid-url-host-incomplete"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Message::new("invalid-url-credentials"));
    }
    // The url crate already lower-cases the scheme and host and drops default ports.
    url.set_fragment(None);
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(name, _)| !is_tracking_parameter(name))
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    let path = url.path().to_owned();
    if path.len() > 1 && path.ends_with('/') {
        url.set_path(path.trim_end_matches('/'));
    }
    let mut out = url.to_string();
    // The root path is always "/" in the url crate; drop it so that "example.org" and
    // "example.org/" compare equal to whatever a member types.
    if url.path() == "/" && url.query().is_none() && out.ends_with('/') {
        out.pop();
    }
    // Percent-encoding can lengthen a link; the limit holds for what is stored.
    if out.chars().count() > MAX_URL_CHARS {
        return Err(Message::new("invalid-url-too-long-encoded").arg("max", MAX_URL_CHARS));
    }
    Ok(out)
}

/// Hosts that only redirect to the real address; their links are resolved by following the
/// redirects before they are compared.
pub const SHORT_LINK_HOSTS: [&str; 14] = [
    "lnkd.in",
    "t.co",
    "bit.ly",
    "buff.ly",
    "ow.ly",
    "tinyurl.com",
    "dlvr.it",
    "trib.al",
    "rebrand.ly",
    "is.gd",
    "goo.gl",
    "shorturl.at",
    "substack.com/redirect",
    "youtu.be",
];

/// Whether `url` is on a short-link host (whose target is found by following it).
pub fn is_short_link(url: &str) -> bool {
    let Ok(parsed) = Url::parse(url) else { return false };
    let host = parsed.host_str().unwrap_or_default().trim_start_matches("www.");
    SHORT_LINK_HOSTS.iter().any(|h| match h.split_once('/') {
        Some((host_part, path)) => host == host_part && parsed.path().starts_with(&format!("/{path}")),
        None => host == *h && *h != "youtu.be",
    })
}

/// The id of a YouTube video in any of its addresses: short, watch, embed, shorts, live, mobile,
/// music, no-cookie.
fn youtube_id(url: &Url) -> Option<String> {
    let host = url.host_str()?.trim_start_matches("www.").trim_start_matches("m.").trim_start_matches("music.");
    let path = url.path();
    let id = match host {
        "youtu.be" => path.trim_start_matches('/').split('/').next().map(str::to_owned),
        "youtube.com" | "youtube-nocookie.com" => {
            if path == "/watch" {
                url.query_pairs().find(|(k, _)| k == "v").map(|(_, v)| v.into_owned())
            } else {
                ["/embed/", "/shorts/", "/live/", "/v/"]
                    .iter()
                    .find_map(|prefix| path.strip_prefix(prefix))
                    .and_then(|rest| rest.split('/').next())
                    .map(str::to_owned)
            }
        }
        _ => None,
    }?;
    (id.len() >= 6 && id.len() <= 20 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .then_some(id)
}

/// One address per page on the big platforms, whichever way it was shared: every YouTube form
/// of a video becomes its watch address; LinkedIn, Medium, Substack and X lose their share
/// parameters (all of the query); X and Twitter become x.com; Vimeo's player becomes the video
/// page. Other links are only normalised ([`normalise_url`]). `url` is normalised already.
pub fn canonical(url: &str) -> String {
    let Ok(mut parsed) = Url::parse(url) else { return url.to_owned() };
    if let Some(id) = youtube_id(&parsed) {
        return format!("https://www.youtube.com/watch?v={id}");
    }
    let host = parsed.host_str().unwrap_or_default().to_owned();
    let bare = host.trim_start_matches("www.").trim_start_matches("mobile.").trim_start_matches("m.");
    let on = |domain: &str| bare == domain || bare.ends_with(&format!(".{domain}"));
    if on("linkedin.com") {
        let _ = parsed.set_host(Some("www.linkedin.com"));
        parsed.set_query(None);
    } else if on("medium.com") || on("substack.com") {
        parsed.set_query(None);
    } else if on("twitter.com") || on("x.com") {
        let _ = parsed.set_host(Some("x.com"));
        parsed.set_query(None);
    } else if bare == "player.vimeo.com" {
        if let Some(id) = parsed.path().strip_prefix("/video/").map(str::to_owned) {
            return format!("https://vimeo.com/{id}");
        }
    }
    if on("linkedin.com") || on("medium.com") || on("substack.com") || on("x.com") || on("twitter.com") {
        let _ = parsed.set_scheme("https");
    }
    let out = parsed.to_string();
    out.strip_suffix('/').filter(|_| parsed.path() == "/").map(str::to_owned).unwrap_or(out)
}

/// Whether two addresses are on the same site (a page's declared canonical address is trusted
/// only then): the same host, `www.` aside.
pub fn same_site(a: &str, b: &str) -> bool {
    let host = |u: &str| Url::parse(u).ok().and_then(|p| p.host_str().map(|h| h.trim_start_matches("www.").to_owned()));
    matches!((host(a), host(b)), (Some(x), Some(y)) if x == y)
}

/// What one check of an archived link found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckOutcome {
    /// It answered (2xx, or a redirect that ended well).
    Alive,
    /// 404 or 410: the page is gone.
    Gone,
    /// 403, 429, LinkedIn's 999, a server error, a timeout: the site does not say.
    Unknown,
}

/// The outcome of a check that got `status` (none: no answer at all).
pub fn check_outcome(status: Option<u16>) -> CheckOutcome {
    match status {
        Some(200..=399) => CheckOutcome::Alive,
        Some(404 | 410) => CheckOutcome::Gone,
        _ => CheckOutcome::Unknown,
    }
}

/// A link's state and its count of "gone" answers in a row after one more check: gone twice in
/// a row is broken; an answer clears it; a check that says nothing changes nothing.
pub fn after_check(state: LinkState, gone_in_a_row: i32, outcome: CheckOutcome) -> (LinkState, i32) {
    match outcome {
        CheckOutcome::Alive => (LinkState::Ok, 0),
        CheckOutcome::Gone if gone_in_a_row + 1 >= 2 => (LinkState::Broken, gone_in_a_row + 1),
        CheckOutcome::Gone | CheckOutcome::Unknown => {
            let kept = if state == LinkState::Unchecked { LinkState::Unknown } else { state };
            (kept, gone_in_a_row + i32::from(outcome == CheckOutcome::Gone))
        }
    }
}

/// A title to stand in for one nobody typed: the link's last path segment as words
/// ("dora-without-theatre" → "Dora without theatre"), or its host when the path says nothing.
pub fn title_from_url(url: &str) -> String {
    let Ok(parsed) = Url::parse(url) else { return url.to_owned() };
    let host = parsed.host_str().unwrap_or_default().trim_start_matches("www.").to_owned();
    let segment = parsed.path_segments().and_then(|mut s| s.rfind(|p| !p.is_empty())).unwrap_or_default();
    let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
    let stem = decoded.rsplit_once('.').map_or(decoded.as_ref(), |(stem, _)| stem);
    let words: String = stem.chars().map(|c| if c == '-' || c == '_' || c == '+' { ' ' } else { c }).collect();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    // One word ("watch", "index", "p") says nothing about the piece; the host says more.
    let letters = words.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 4 || !words.contains(' ') {
        return host;
    }
    let mut chars = words.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or(host)
}

/// What a link most likely is, from where it points: videos and podcasts by their hosts and
/// file types, talks by slide hosts, posts by social networks; an article otherwise.
pub fn guess_kind(url: &str) -> SubmissionKind {
    let Ok(parsed) = Url::parse(url) else { return SubmissionKind::Article };
    let host = parsed.host_str().unwrap_or_default().trim_start_matches("www.").to_ascii_lowercase();
    let path = parsed.path().to_ascii_lowercase();
    let on = |hosts: &[&str]| hosts.iter().any(|h| host == *h || host.ends_with(&format!(".{h}")));
    if on(&["youtube.com", "youtu.be", "vimeo.com", "twitch.tv", "loom.com"]) {
        SubmissionKind::Video
    } else if [".mp3", ".m4a", ".ogg", ".opus"].iter().any(|ext| path.ends_with(ext))
        || on(&["podcasts.apple.com", "open.spotify.com", "anchor.fm", "podbean.com", "buzzsprout.com"])
    {
        SubmissionKind::Podcast
    } else if on(&["speakerdeck.com", "slideshare.net", "sessionize.com"]) {
        SubmissionKind::Talk
    } else if on(&["linkedin.com", "mastodon.social", "bsky.app", "x.com", "twitter.com", "threads.net"]) {
        SubmissionKind::Post
    } else {
        SubmissionKind::Article
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gone_twice_in_a_row_is_broken_and_silence_changes_nothing() {
        let (state, n) = after_check(LinkState::Ok, 0, check_outcome(Some(404)));
        assert_eq!((state, n), (LinkState::Ok, 1), "once is not enough");
        assert_eq!(after_check(state, n, check_outcome(Some(410))), (LinkState::Broken, 2));
        assert_eq!(after_check(LinkState::Ok, 1, check_outcome(Some(200))), (LinkState::Ok, 0));
        for silent in [Some(403), Some(429), Some(999), Some(503), None] {
            assert_eq!(after_check(LinkState::Ok, 1, check_outcome(silent)), (LinkState::Ok, 1), "{silent:?}");
        }
        assert_eq!(after_check(LinkState::Unchecked, 0, check_outcome(Some(429))), (LinkState::Unknown, 0));
    }

    #[test]
    fn the_big_platforms_have_one_address_per_page() {
        let video = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";
        for form in [
            "https://youtu.be/dQw4w9WgXcQ?si=abcdef",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=share&t=42",
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube.com/embed/dQw4w9WgXcQ?start=3",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "https://www.youtube.com/live/dQw4w9WgXcQ",
        ] {
            let normal = normalise_url(form).expect("valid");
            assert_eq!(canonical(&normal), video, "{form}");
        }
        let post = canonical(
            &normalise_url(
                "https://www.linkedin.com/posts/ada_platforms-activity-123?utm_source=share&trackingId=abc&rcm=ACoAA",
            )
            .expect("valid"),
        );
        assert_eq!(post, "https://www.linkedin.com/posts/ada_platforms-activity-123");
        assert_eq!(
            canonical(&normalise_url("https://de.linkedin.com/posts/ada_platforms-activity-123").expect("valid")),
            post
        );
        assert_eq!(
            canonical(
                &normalise_url("https://ada.substack.com/p/platforms?r=2ab&utm_campaign=post&showWelcome=true")
                    .expect("valid")
            ),
            "https://ada.substack.com/p/platforms"
        );
        assert_eq!(
            canonical(&normalise_url("https://twitter.com/ada/status/1?s=20&t=abc").expect("valid")),
            "https://x.com/ada/status/1"
        );
        assert_eq!(
            canonical(&normalise_url("https://player.vimeo.com/video/76979871").expect("valid")),
            "https://vimeo.com/76979871"
        );
        let newsletter = canonical(
            &normalise_url("https://news.example.org/issue-7?utm_source=newsletter&utm_medium=email&mc_cid=1")
                .expect("valid"),
        );
        assert_eq!(newsletter, "https://news.example.org/issue-7");
        assert!(
            is_short_link("https://lnkd.in/abcDEF")
                && is_short_link("https://bit.ly/x")
                && !is_short_link("https://example.org/x")
        );
        assert!(
            same_site("https://www.example.org/a", "https://example.org/b")
                && !same_site("https://example.org", "https://evil.example")
        );
    }

    #[test]
    fn titles_and_kinds_come_from_the_link_when_nobody_gave_them() {
        assert_eq!(title_from_url("https://example.org/blog/dora-without-theatre/"), "Dora without theatre");
        assert_eq!(title_from_url("https://example.org/posts/my_first%20post.html"), "My first post");
        assert_eq!(title_from_url("https://www.youtube.com/watch?v=abc"), "youtube.com");
        assert_eq!(title_from_url("https://example.org/p/12345"), "example.org");
        assert_eq!(title_from_url("https://example.org"), "example.org");
        assert_eq!(guess_kind("https://youtu.be/abc"), SubmissionKind::Video);
        assert_eq!(guess_kind("https://example.org/ep/42.mp3"), SubmissionKind::Podcast);
        assert_eq!(guess_kind("https://www.linkedin.com/posts/ada_x"), SubmissionKind::Post);
        assert_eq!(guess_kind("https://speakerdeck.com/ada/talk"), SubmissionKind::Talk);
        assert_eq!(guess_kind("https://example.org/blog/a"), SubmissionKind::Article);
    }

    #[test]
    fn spellings_of_one_page_normalise_alike() {
        let canonical = normalise_url("https://example.org/blog/post").expect("valid");
        for variant in [
            "HTTPS://Example.ORG/blog/post",
            "https://example.org:443/blog/post",
            "https://example.org/blog/post/",
            "https://example.org/blog/post#comments",
            "https://example.org/blog/post?utm_source=x&utm_medium=y",
            "https://example.org/blog/post?fbclid=abc",
            "https://example.org/blog/post?gclid=1#top",
            "  https://example.org/blog/post  ",
        ] {
            assert_eq!(normalise_url(variant).expect("valid"), canonical, "{variant}");
        }
        assert_eq!(normalise_url("https://example.org/").expect("valid"), "https://example.org");
        assert_eq!(
            normalise_url("https://youtube.com/watch?v=abc&utm_source=x").expect("valid"),
            "https://youtube.com/watch?v=abc"
        );
        assert_eq!(normalise_url("http://example.org:80/a").expect("valid"), "http://example.org/a");
    }

    #[test]
    fn other_schemes_and_junk_are_refused() {
        for bad in [
            "javascript:alert(1)",
            "ftp://example.org/file",
            "data:text/html,hi",
            "example.org/post",
            "https://",
            "https://user:pw@example.org/",
            "https://exa mple.org",
            "https://example.org/\u{0}",
            "",
            "mailto:a@b.org",
            "https://intranet/page",
        ] {
            assert!(normalise_url(bad).is_err(), "{bad:?}");
        }
        assert!(normalise_url(&format!("https://example.org/{}", "a".repeat(2100))).is_err());
    }

    #[test]
    fn the_length_limit_holds_for_the_encoded_link() {
        // 1,900 characters as typed, about 5,600 once every quote is percent-encoded.
        let typed = format!("https://example.org/?q={}", "\"".repeat(1870));
        assert!(typed.chars().count() < MAX_URL_CHARS);
        let err = normalise_url(&typed).expect_err("too long once encoded");
        assert_eq!(err, Message::new("invalid-url-too-long-encoded").arg("max", MAX_URL_CHARS));
        assert!(err.to_string().contains("once encoded"), "{err}");
        // Whatever is accepted normalises to itself.
        let ok = normalise_url(&format!("https://example.org/?q={}", "\"".repeat(300))).expect("fits");
        assert_eq!(normalise_url(&ok), Ok(ok.clone()));
    }
}
