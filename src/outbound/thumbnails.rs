//! Thumbnails: a fetched image, checked to be one by decoding it (whatever the server called
//! it), shrunk to fit `MAX_WIDTH` × `MAX_HEIGHT` and stored as JPEG, so that readers' browsers
//! load it from the club's own address and never from a third party.

use std::io::Cursor;

use image::{ImageFormat, ImageReader, Limits};

pub const MAX_WIDTH: u32 = 480;
pub const MAX_HEIGHT: u32 = 270;

/// A stored thumbnail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumbnail {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

impl Thumbnail {
    pub const CONTENT_TYPE: &'static str = "image/jpeg";
}

/// Whether `bytes` start like an image (whatever they were called).
pub fn is_image(bytes: &[u8]) -> bool {
    image::guess_format(bytes).is_ok()
}

/// Decodes `bytes` as an image (PNG, JPEG, WebP or GIF, told by their content), refusing
/// anything else and anything that would decode to more than 64 MiB, and returns it shrunk.
pub fn make(bytes: &[u8]) -> Result<Thumbnail, String> {
    let format = image::guess_format(bytes).map_err(|_| "not an image".to_owned())?;
    if !matches!(format, ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP | ImageFormat::Gif) {
        return Err(format!("{format:?} images are not used"));
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(8192);
    limits.max_image_height = Some(8192);
    limits.max_alloc = Some(64 * 1024 * 1024);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    let image = reader.decode().map_err(|e| format!("the image cannot be read: {e}"))?;
    let fits = image.width() <= MAX_WIDTH && image.height() <= MAX_HEIGHT;
    let small = if fits { image } else { image.thumbnail(MAX_WIDTH, MAX_HEIGHT) }.into_rgb8();
    let (width, height) = small.dimensions();
    let mut out = Cursor::new(Vec::new());
    small.write_to(&mut out, ImageFormat::Jpeg).map_err(|e| format!("the thumbnail cannot be written: {e}"))?;
    Ok(Thumbnail { bytes: out.into_inner(), width, height })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 255) as u8, (y % 255) as u8, 90]));
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, ImageFormat::Png).expect("png");
        out.into_inner()
    }

    #[test]
    fn images_shrink_to_fit_and_become_jpeg() {
        let thumb = make(&png(1280, 720)).expect("thumbnail");
        assert_eq!((thumb.width, thumb.height), (480, 270));
        assert_eq!(image::guess_format(&thumb.bytes).expect("format"), ImageFormat::Jpeg);
        let small = make(&png(100, 50)).expect("small");
        assert_eq!((small.width, small.height), (100, 50), "never enlarged");
    }

    #[test]
    fn what_is_not_an_image_is_refused() {
        assert!(make(b"<!doctype html><title>x</title>").is_err());
        let mut broken = png(64, 64);
        broken.truncate(60);
        assert!(make(&broken).is_err());
    }
}
