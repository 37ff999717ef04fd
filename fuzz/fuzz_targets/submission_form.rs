//! The submission form's body, decoded as the handler decodes it (urlencoded into `FormData`)
//! and validated by the domain: never a panic, and whatever validates has bounded, clean text.
#![no_main]
use content_club::web::submissions::FormData;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let Ok(form) = serde_urlencoded::from_bytes::<FormData>(body) else {
        return;
    };
    if let Ok(valid) = form.input().validate() {
        assert!(!valid.title.trim().is_empty() && valid.title.chars().count() <= 200);
        assert!(!valid.title.chars().any(char::is_control), "control characters in {:?}", valid.title);
        assert!(!valid.author_name.chars().any(char::is_control));
        assert!(valid.url.starts_with("http://") || valid.url.starts_with("https://"));
    }
});
