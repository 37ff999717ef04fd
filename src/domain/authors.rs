//! Authors: the person behind entries, one identity whatever spelling of their name they gave.
//! A spelling is compared without case and extra spaces; a new spelling makes a new author
//! until an organiser merges the two. An author's address comes from their name, never from
//! an email address.

use serde::Deserialize;

use super::entries::{paragraph, ParagraphMessages};
use super::links::normalise_url;
use super::submissions::{single_line, AUTHOR_NAME, MAX_NAME_CHARS};
use super::topics::{check_slug, slugify};
use crate::error::{AppError, FieldErrors, Message};

pub const MAX_BIO_CHARS: usize = 600;

const BIO: ParagraphMessages = ParagraphMessages { too_long: "invalid-bio-too-long", control: "invalid-bio-control" };

/// How a name is compared: lowercase, single spaces, trimmed; empty for a name of nothing.
pub fn spelling_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The slug an author named `name` starts with: from the name spelt in Latin letters, or
/// "author" for a name without letters or digits (the organisers can give it a better one).
pub fn slug_for(name: &str) -> String {
    let slug = slugify(name);
    if slug.is_empty() {
        "author".into()
    } else {
        slug
    }
}

/// What an organiser may change of an author, as sent; empty fields are left alone, except
/// that an empty `website`/`profile` sent as "" removes it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthorInput {
    pub name: Option<String>,
    pub slug: Option<String>,
    pub bio: Option<String>,
    pub website: Option<String>,
    pub profile: Option<String>,
}

/// An [`AuthorInput`] that passed its checks; `Some(None)` removes a link.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuthorEdit {
    pub name: Option<String>,
    pub slug: Option<String>,
    pub bio: Option<String>,
    pub website: Option<Option<String>>,
    pub profile: Option<Option<String>>,
}

fn link(field: &str, value: Option<&str>, errors: &mut FieldErrors) -> Option<Option<String>> {
    let value = value?.trim();
    if value.is_empty() {
        return Some(None);
    }
    match normalise_url(value) {
        Ok(url) => Some(Some(url)),
        Err(message) => {
            errors.insert(field.into(), message);
            None
        }
    }
}

impl AuthorInput {
    pub fn validate(&self) -> Result<AuthorEdit, AppError> {
        let mut errors = FieldErrors::new();
        let name = self.name.as_deref().map(|n| single_line("name", &AUTHOR_NAME, n, MAX_NAME_CHARS, &mut errors));
        let slug = self.slug.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|s| {
            if let Err(message) = check_slug(s) {
                errors.insert("slug".into(), message);
            }
            s.to_owned()
        });
        let bio = self.bio.as_deref().map(|b| paragraph("bio", &BIO, b, MAX_BIO_CHARS, &mut errors));
        let website = link("website", self.website.as_deref(), &mut errors);
        let profile = link("profile", self.profile.as_deref(), &mut errors);
        if errors.is_empty() {
            Ok(AuthorEdit { name, slug, bio, website, profile })
        } else {
            Err(AppError::Validation(errors))
        }
    }
}

/// The page of the directory an address asks for (`?page=`): none is the first; anything but
/// a whole number from 1 is refused.
pub fn directory_page(asked: Option<&str>) -> Result<usize, AppError> {
    match asked {
        None => Ok(1),
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 1)
            .map(|n| n as usize)
            .ok_or_else(|| AppError::BadRequest(Message::new("invalid-page").arg("value", text))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_differ_only_by_case_and_spaces() {
        assert_eq!(spelling_key("  Ada   LOVELACE "), "ada lovelace");
        assert_ne!(spelling_key("Ada Lovelace"), spelling_key("A. Lovelace"));
        assert_eq!(spelling_key("   "), "");
    }

    #[test]
    fn slugs_come_from_the_name_and_never_from_anything_else() {
        assert_eq!(slug_for("Zoë O’Brien"), "zoe-obrien");
        assert_eq!(slug_for("山田太郎"), "shan-tian-tai-lang");
        assert_eq!(slug_for("Дмитрий"), "dmitrii");
        assert_eq!(slug_for("🙂"), "author");
    }

    #[test]
    fn bad_edits_are_refused_field_by_field() {
        let input = AuthorInput {
            name: Some(" ".into()),
            slug: Some("Not A Slug".into()),
            bio: Some("x".repeat(MAX_BIO_CHARS + 1)),
            website: Some("javascript:alert(1)".into()),
            profile: Some(String::new()),
        };
        let Err(AppError::Validation(errors)) = input.validate() else { panic!("accepted") };
        let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(fields, ["bio", "name", "slug", "website"]);
        let ok = AuthorInput { profile: Some(String::new()), ..Default::default() }.validate().expect("valid");
        assert_eq!(ok.profile, Some(None));
    }
}
