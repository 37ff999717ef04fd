//! A document as it is sent: the plain bytes, gzip and brotli made once when it is rendered
//! (not on every answer), and a strong entity tag for each, derived from the plain bytes so that
//! every instance gives identical documents identical tags.

use std::io::Write;

use bytes::Bytes;

/// brotli's quality for documents compressed once and sent many times: 11 (the best) takes
/// about ten times longer than 9 for a percent or two less.
const BROTLI_QUALITY: u32 = 9;
const BROTLI_WINDOW: u32 = 22;

/// A document's bytes in every content coding the service sends.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub body: Bytes,
    pub gzip: Bytes,
    pub br: Bytes,
    /// Quoted strong entity tags of the plain, gzip and brotli bytes.
    pub etag: Bytes,
    pub gzip_etag: Bytes,
    pub br_etag: Bytes,
}

impl Encoded {
    pub fn new(body: impl Into<Bytes>) -> Encoded {
        let body = body.into();
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let gzip = gzip.write_all(&body).and_then(|()| gzip.finish()).map(Bytes::from).unwrap_or_default();
        let mut br = brotli::CompressorWriter::new(Vec::new(), 4096, BROTLI_QUALITY, BROTLI_WINDOW);
        // Writing into a Vec cannot fail; were it to, the document is sent without brotli.
        let br = match br.write_all(&body).and_then(|()| br.flush()) {
            Ok(()) => Bytes::from(br.into_inner()),
            Err(_) => Bytes::new(),
        };
        let digest = crate::crypto::digest_hex(&body);
        let tag = |suffix: &str| Bytes::from(format!("\"{}{suffix}\"", &digest[..24]));
        Encoded { etag: tag(""), gzip_etag: tag("-gz"), br_etag: tag("-br"), body, gzip, br }
    }

    /// Bytes held, all codings together.
    pub fn size(&self) -> usize {
        self.body.len() + self.gzip.len() + self.br.len()
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn every_coding_decodes_to_the_plain_bytes_and_has_its_own_tag() {
        let text = "<p>Content Club — 内容俱乐部 — コンテンツクラブ</p>\n".repeat(50);
        let encoded = Encoded::new(text.clone());
        let mut gunzipped = String::new();
        flate2::read::GzDecoder::new(&encoded.gzip[..]).read_to_string(&mut gunzipped).expect("gzip");
        let mut unbrotlied = String::new();
        brotli::Decompressor::new(&encoded.br[..], 4096).read_to_string(&mut unbrotlied).expect("brotli");
        assert_eq!(gunzipped, text);
        assert_eq!(unbrotlied, text);
        assert!(encoded.br.len() < encoded.body.len() / 5, "repetitive text compresses well");
        let tags = [&encoded.etag, &encoded.gzip_etag, &encoded.br_etag];
        assert!(tags.iter().all(|t| t.starts_with(b"\"") && t.ends_with(b"\"")));
        assert_ne!(tags[0], tags[1]);
        assert_ne!(tags[1], tags[2]);
        assert_eq!(Encoded::new(text).etag, encoded.etag, "the same bytes, the same tag");
    }
}
