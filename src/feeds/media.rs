//! What a submitted link is, for feeds: a media file (an enclosure with its type) or a video on
//! a known platform (a Media RSS player, with a thumbnail when the platform has a stable one).

use url::Url;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Media {
    None,
    File { url: String, mime: &'static str, medium: &'static str },
    Player { page: String, player: String, thumbnail: Option<String> },
}

pub fn classify(link: &str) -> Media {
    let Ok(url) = Url::parse(link) else { return Media::None };
    let path = url.path().to_ascii_lowercase();
    let extension = path.rsplit('.').next().filter(|_| path.contains('.')).unwrap_or("");
    let file = |mime, medium| Media::File { url: link.to_owned(), mime, medium };
    match extension {
        "mp3" => return file("audio/mpeg", "audio"),
        "m4a" => return file("audio/mp4", "audio"),
        "ogg" | "oga" => return file("audio/ogg", "audio"),
        "opus" => return file("audio/opus", "audio"),
        "wav" => return file("audio/wav", "audio"),
        "mp4" | "m4v" => return file("video/mp4", "video"),
        "webm" => return file("video/webm", "video"),
        "mov" => return file("video/quicktime", "video"),
        _ => {}
    }
    let host = url.host_str().unwrap_or("").trim_start_matches("www.").trim_start_matches("m.");
    let youtube_id = match host {
        "youtube.com" if url.path() == "/watch" => {
            url.query_pairs().find(|(k, _)| k == "v").map(|(_, v)| v.into_owned())
        }
        "youtube.com" => {
            url.path().strip_prefix("/shorts/").or_else(|| url.path().strip_prefix("/live/")).map(str::to_owned)
        }
        "youtu.be" => Some(url.path().trim_start_matches('/').to_owned()),
        _ => None,
    };
    if let Some(id) =
        youtube_id.filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    {
        return Media::Player {
            page: link.to_owned(),
            player: format!("https://www.youtube-nocookie.com/embed/{id}"),
            thumbnail: Some(format!("https://i.ytimg.com/vi/{id}/hqdefault.jpg")),
        };
    }
    if host == "vimeo.com" {
        if let Some(id) = url
            .path()
            .trim_start_matches('/')
            .split('/')
            .next()
            .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
        {
            return Media::Player {
                page: link.to_owned(),
                player: format!("https://player.vimeo.com/video/{id}"),
                thumbnail: None,
            };
        }
    }
    Media::None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_files_and_platforms_are_recognised() {
        assert!(matches!(classify("https://example.org/ep/42.mp3"), Media::File { mime: "audio/mpeg", .. }));
        assert!(matches!(classify("https://example.org/talk.MP4"), Media::File { mime: "video/mp4", .. }));
        match classify("https://www.youtube.com/watch?v=dQw4w9WgXcQ") {
            Media::Player { player, thumbnail, .. } => {
                assert_eq!(player, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
                assert_eq!(thumbnail.as_deref(), Some("https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(classify("https://youtu.be/abc123"), Media::Player { .. }));
        assert!(matches!(classify("https://vimeo.com/123456"), Media::Player { .. }));
        assert_eq!(classify("https://example.org/blog/post"), Media::None);
        assert_eq!(classify("https://example.org/"), Media::None);
    }
}
