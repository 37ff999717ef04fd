//! The submission form's body, decoded as the handler decodes its entry fields (urlencoded into
//! `SubmissionInput`) and validated by the domain: never a panic, and whatever validates has
//! bounded, clean text.
#![no_main]
use content_club::app::SubmissionInput;
use content_club::domain::text::has_hidden;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let Ok(input) = serde_urlencoded::from_bytes::<SubmissionInput>(body) else {
        return;
    };
    if let Ok(valid) = input.validate() {
        assert!(!valid.title.trim().is_empty() && valid.title.chars().count() <= 200);
        assert!(!valid.title.chars().any(char::is_control), "control characters in {:?}", valid.title);
        assert!(!valid.author_name.chars().any(char::is_control));
        assert!(!has_hidden(&valid.title) && !has_hidden(&valid.author_name) && !has_hidden(&valid.summary));
        assert!(valid.url.starts_with("http://") || valid.url.starts_with("https://"));
    }
});
