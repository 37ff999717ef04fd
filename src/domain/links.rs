//! Links members submit: http(s) only, normalised so that the same page is recognised under
//! another spelling (case, default port, fragment, tracking parameters, trailing slash).

use url::Url;

use crate::db::states::SubmissionKind;

pub const MAX_URL_CHARS: usize = 2000;

/// Query parameters that only track where a click came from.
fn is_tracking_parameter(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_")
        || name.starts_with("pk_")
        || matches!(
            name.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "gbraid"
                | "wbraid"
                | "msclkid"
                | "yclid"
                | "twclid"
                | "ttclid"
                | "mc_cid"
                | "mc_eid"
                | "igshid"
                | "_hsenc"
                | "_hsmi"
                | "mkt_tok"
                | "oly_anon_id"
                | "oly_enc_id"
                | "vero_id"
                | "__s"
                | "ref_src"
                | "si"
        )
}

/// The canonical form of a submitted link, or a message saying what is wrong with it.
pub fn normalise_url(input: &str) -> Result<String, String> {
    let text = input.trim();
    if text.is_empty() {
        return Err("Enter the link to your content.".into());
    }
    if text.chars().count() > MAX_URL_CHARS {
        return Err(format!("The link may have at most {MAX_URL_CHARS} characters."));
    }
    if text.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("The link cannot contain spaces or control characters.".into());
    }
    let mut url = Url::parse(text).map_err(|_| "Enter a full link starting with https:// or http://.".to_owned())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("Only http:// and https:// links can be submitted.".into());
    }
    let Some(host) = url.host_str() else {
        return Err("The link needs a host name, e.g. https://example.org/post.".into());
    };
    if !host.contains('.') && host != "localhost" {
        return Err("The link's host name looks incomplete.".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("Links with a user name or password in them cannot be submitted.".into());
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
        return Err(format!("The link may have at most {MAX_URL_CHARS} characters once encoded."));
    }
    Ok(out)
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
        assert!(err.contains("once encoded"), "{err}");
        // Whatever is accepted normalises to itself.
        let ok = normalise_url(&format!("https://example.org/?q={}", "\"".repeat(300))).expect("fits");
        assert_eq!(normalise_url(&ok), Ok(ok.clone()));
    }
}
