//! Small, explicit building blocks for secrets: random tokens, their stored hashes, HMAC
//! signatures, constant-time comparison, and argon2id password hashes.

use std::path::Path;

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// A new random token: 32 bytes from the OS generator, URL-safe base64 (43 characters).
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // The thread's generator: ChaCha, seeded and reseeded from the operating system.
    rand::fill(&mut bytes[..]);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored for a token: its SHA-256, hex. Tokens carry 256 bits of entropy, so a plain
/// hash is enough; a leaked table does not reveal usable tokens.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The SHA-256 of some bytes, as 64 lowercase hex digits.
pub fn digest_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Equality that takes the same time wherever the inputs differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The server's signing key (from configuration or generated once and kept on disk).
#[derive(Clone)]
pub struct SigningKey(Vec<u8>);

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey([redacted])")
    }
}

impl SigningKey {
    pub fn new(bytes: Vec<u8>) -> SigningKey {
        SigningKey(bytes)
    }

    pub fn generate() -> SigningKey {
        let mut bytes = vec![0u8; 64];
        rand::fill(&mut bytes[..]);
        SigningKey(bytes)
    }

    pub fn to_hex(&self) -> String {
        hex::encode(&self.0)
    }

    /// The configured key (hex), or the one kept in `<data_dir>/session.key`, generated and
    /// written (mode 0600) on first use so that sessions and signed links survive restarts.
    pub fn load_or_create(configured_hex: &str, data_dir: &Path) -> Result<SigningKey, String> {
        if !configured_hex.is_empty() {
            return hex::decode(configured_hex).map(SigningKey).map_err(|_| "security.session_key: not hex".to_owned());
        }
        let path = data_dir.join("session.key");
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let bytes = hex::decode(text.trim())
                    .map_err(|_| format!("{}: not a hex key; delete it to generate a new one", path.display()))?;
                if bytes.len() < 32 {
                    return Err(format!("{}: key too short; delete it to generate a new one", path.display()));
                }
                Ok(SigningKey(bytes))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(data_dir).map_err(|e| format!("cannot create {}: {e}", data_dir.display()))?;
                let key = SigningKey::generate();
                write_private(&path, &key.to_hex()).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                // Another process may have won the race to create it: use whatever is on disk.
                Self::load_or_create("", data_dir)
            }
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        }
    }

    /// HMAC-SHA256 of `purpose` and `message`, URL-safe base64. The purpose keeps a signature
    /// made for one use from being accepted for another.
    pub fn sign(&self, purpose: &str, message: &str) -> String {
        let mut mac = HmacSha256::new_from_slice(&self.0).expect("HMAC takes keys of any length");
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(message.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    pub fn verify(&self, purpose: &str, message: &str, signature: &str) -> bool {
        constant_time_eq(self.sign(purpose, message).as_bytes(), signature.as_bytes())
    }
}

/// Writes a new file readable by its owner only, whole or not at all: the content goes to a
/// temporary file that is then linked into place, so that a process starting at the same moment
/// never reads a half-written key. Linking never replaces: when another process was first, its
/// file stays and this one's is discarded.
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    let temporary = path.with_extension(format!("{}.tmp", &random_token()[..12]));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = options.open(&temporary).and_then(|mut file| {
        file.write_all(content.as_bytes())?;
        file.sync_all()
    });
    let linked = written.and_then(|()| match std::fs::hard_link(&temporary, path) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        other => other,
    });
    let _ = std::fs::remove_file(&temporary);
    linked
}

/// An argon2id hash in PHC string form.
pub fn hash_password(password: &str) -> Result<String, String> {
    Argon2::default().hash_password(password.as_bytes()).map(|h| h.to_string()).map_err(|e| e.to_string())
}

/// True when `password` matches the stored PHC hash; false for a malformed hash.
pub fn verify_password(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// A valid hash of nothing anyone knows, verified for unknown accounts so that a login for an
/// unknown email takes as long as one for a known email.
pub fn dummy_password_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&random_token()).unwrap_or_default())
}

/// A new webhook signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes,
/// base64.
pub fn webhook_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes[..]);
    format!("whsec_{}", base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// The Standard Webhooks signature of a message: `v1,` and the base64 HMAC-SHA256, keyed with
/// the secret's bytes, of `{id}.{timestamp}.{body}`. `None` for a secret not in that form.
pub fn webhook_signature(secret: &str, message_id: &str, timestamp: i64, body: &[u8]) -> Option<String> {
    let key = base64::engine::general_purpose::STANDARD.decode(secret.strip_prefix("whsec_").unwrap_or(secret)).ok()?;
    let mut mac = HmacSha256::new_from_slice(&key).ok()?;
    mac.update(format!("{message_id}.{timestamp}.").as_bytes());
    mac.update(body);
    Some(format!("v1,{}", base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())))
}

/// Whether a Mailgun webhook's `signature` is the hex HMAC-SHA256 of `timestamp` and `token`
/// under the account's webhook signing key.
pub fn mailgun_signature_valid(signing_key: &str, timestamp: &str, token: &str, signature: &str) -> bool {
    let Ok(mut mac) = HmacSha256::new_from_slice(signing_key.as_bytes()) else { return false };
    mac.update(timestamp.as_bytes());
    mac.update(token.as_bytes());
    let expected = hex::encode(mac.finalize().into_bytes());
    !signing_key.is_empty() && constant_time_eq(expected.as_bytes(), signature.trim().as_bytes())
}

/// Whether an Amazon SNS message's base64 `signature` over `string_to_sign` was made with the key
/// of the PEM `certificate`: RSA PKCS#1 v1.5 with SHA-1 (`SignatureVersion` 1) or SHA-256 (2).
pub fn sns_signature_valid(certificate: &str, version: &str, string_to_sign: &str, signature: &str) -> bool {
    use rsa::pkcs8::DecodePublicKey;
    use rsa::signature::Verifier;
    use x509_cert::der::{DecodePem, Encode};
    let key = x509_cert::Certificate::from_pem(certificate.as_bytes())
        .ok()
        .and_then(|cert| cert.tbs_certificate().subject_public_key_info().to_der().ok())
        .and_then(|der| rsa::PublicKey::from_public_key_der(&der).ok());
    let Some(key) = key else { return false };
    let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(signature.trim()) else { return false };
    let Ok(signature) = rsa::pkcs1v15::Signature::try_from(bytes.as_slice()) else { return false };
    match version {
        "1" => {
            rsa::pkcs1v15::VerifyingKey::<sha1::Sha1>::new(key).verify(string_to_sign.as_bytes(), &signature).is_ok()
        }
        "2" => rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key).verify(string_to_sign.as_bytes(), &signature).is_ok(),
        _ => false,
    }
}

/// Whether a SendGrid Event Webhook request is signed: the base64 DER ECDSA P-256 `signature`
/// over the timestamp header followed by the raw body, checked with the account's verification
/// key (base64 DER public key, as the SendGrid console shows it).
pub fn sendgrid_signature_valid(public_key: &str, signature: &str, timestamp: &str, body: &[u8]) -> bool {
    use p256::ecdsa::signature::Verifier;
    use p256::pkcs8::DecodePublicKey;
    let standard = &base64::engine::general_purpose::STANDARD;
    let key = standard
        .decode(public_key.trim())
        .ok()
        .and_then(|der| p256::ecdsa::VerifyingKey::from_public_key_der(&der).ok());
    let signature = standard.decode(signature.trim()).ok().and_then(|der| p256::ecdsa::Signature::from_der(&der).ok());
    let (Some(key), Some(signature)) = (key, signature) else { return false };
    let mut message = timestamp.as_bytes().to_vec();
    message.extend_from_slice(body);
    key.verify(&message, &signature).is_ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn webhook_signatures_match_the_specification_example() {
        // The example of the Standard Webhooks specification.
        let signature = super::webhook_signature(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            br#"{"test": 2432232314}"#,
        );
        assert_eq!(signature.as_deref(), Some("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
        let fresh = super::webhook_secret();
        assert!(fresh.starts_with("whsec_") && super::webhook_signature(&fresh, "m", 1, b"x").is_some());
    }

    use super::*;

    #[test]
    fn tokens_are_random_and_hash_stably() {
        let a = random_token();
        let b = random_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), token_hash(&b));
    }

    #[test]
    fn signatures_bind_purpose_and_key() {
        let key = SigningKey::generate();
        let sig = key.sign("csrf", "abc");
        assert!(key.verify("csrf", "abc", &sig));
        assert!(!key.verify("session", "abc", &sig));
        assert!(!key.verify("csrf", "abd", &sig));
        assert!(!SigningKey::generate().verify("csrf", "abc", &sig));
    }

    #[test]
    fn a_generated_key_is_kept_and_reused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = SigningKey::load_or_create("", dir.path()).expect("create");
        let second = SigningKey::load_or_create("", dir.path()).expect("reload");
        assert_eq!(first.to_hex(), second.to_hex());
        let configured = SigningKey::load_or_create(&"ab".repeat(32), dir.path()).expect("configured");
        assert_eq!(configured.to_hex(), "ab".repeat(32));
    }

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let hash = hash_password("correct horse battery").expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("wrong", &hash));
        assert!(!verify_password("x", "not a hash"));
    }
}
