//! URL normalisation never panics, and a normalised URL normalises to itself (so duplicate
//! detection, which compares normalised URLs, is stable).
#![no_main]
use content_club::domain::links::normalise_url;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(normal) = normalise_url(input) {
        assert_eq!(normalise_url(&normal).as_deref(), Ok(normal.as_str()), "not idempotent for {input:?}");
        assert!(normal.starts_with("http://") || normal.starts_with("https://"), "{normal}");
    }
});
