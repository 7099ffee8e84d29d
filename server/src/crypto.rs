//! Sealing sensitive numbers (FEIN/SSN, bank accounts) at rest with AES-256-GCM,
//! signing what the server hands out and must recognise (device cookies), and
//! hashing tokens that must be looked up but never stored in clear.

use aes_gcm::{
    aead::{Aead, KeyInit},
    Aes256Gcm, Key, Nonce,
};
use anyhow::{anyhow, bail, Context};
use base64::{engine::general_purpose::STANDARD, engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::{fmt, path::Path, sync::Arc};

const NONCE_LEN: usize = 12;

/// The data keys: the first seals and signs, every one opens and verifies
/// what it sealed or signed. A sealed field names its key (`id:base64`), so
/// the key can be rotated: `portal-server rotate-key` puts a new key first and
/// re-seals every field with it (see `upkeep::rotate_key`).
#[derive(Clone)]
pub struct FieldCipher {
    keys: Arc<Vec<DataKey>>,
}

struct DataKey {
    /// The first 8 hex digits of the key's SHA-256: names it, reveals nothing.
    id: String,
    cipher: Aes256Gcm,
    /// HMAC-SHA256 key for signatures, derived from the data key so every
    /// server sharing the key recognises what another signed.
    signing_key: [u8; 32],
}

impl DataKey {
    fn new(key: &[u8; 32]) -> Self {
        let mut derive = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
        derive.update(b"portal signing key v1");
        let id = Sha256::digest(key)[..4]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Self {
            id,
            cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key)),
            signing_key: derive.finalize().into_bytes().into(),
        }
    }

    fn open(&self, encoded: &str) -> anyhow::Result<String> {
        let bytes = STANDARD
            .decode(encoded)
            .context("sealed field is not base64")?;
        if bytes.len() <= NONCE_LEN {
            bail!("sealed field is too short");
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let plain = self
            .cipher
            .decrypt(Nonce::from_slice(nonce), ciphertext)
            .map_err(|_| anyhow!("sealed field failed authentication"))?;
        String::from_utf8(plain).context("sealed field is not text")
    }
}

impl fmt::Debug for FieldCipher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FieldCipher(..)")
    }
}

/// One key as its file or variable holds it: base64 of 32 bytes.
fn decode_key(encoded: &str) -> anyhow::Result<[u8; 32]> {
    let bytes = STANDARD
        .decode(encoded.trim())
        .context("the data key is not valid base64")?;
    bytes
        .try_into()
        .map_err(|_| anyhow!("the data key must be 32 bytes"))
}

/// A new random key, as base64.
pub fn new_key_text() -> String {
    let mut key = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut key);
    STANDARD.encode(key)
}

impl FieldCipher {
    pub fn from_key(key: &[u8; 32]) -> Self {
        Self::from_keys(&[*key])
    }

    /// The first key seals; all of them open.
    pub fn from_keys(keys: &[[u8; 32]]) -> Self {
        assert!(!keys.is_empty(), "at least one data key");
        Self {
            keys: Arc::new(keys.iter().map(DataKey::new).collect()),
        }
    }

    /// One key, or several separated by commas, spaces or lines (the current
    /// one first, then retired ones still needed to open older fields).
    pub fn from_base64(encoded: &str) -> anyhow::Result<Self> {
        let keys = encoded
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|part| !part.is_empty())
            .map(decode_key)
            .collect::<anyhow::Result<Vec<_>>>()?;
        if keys.is_empty() {
            bail!("the data key is empty");
        }
        Ok(Self::from_keys(&keys))
    }

    /// Reads the key file, or creates it (readable by the owner only) on first run.
    pub fn load_or_create(path: &Path) -> anyhow::Result<Self> {
        if path.exists() {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading the data key {}", path.display()))?;
            return Self::from_base64(&text);
        }
        let key = new_key_text();
        write_private(path, key.as_bytes())?;
        Self::from_base64(&key)
    }

    /// The id of the key that seals.
    pub fn key_id(&self) -> &str {
        &self.keys[0].id
    }

    /// How many keys it holds (the current one and any retired ones).
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// `id:base64(nonce ‖ ciphertext ‖ tag)`, with a fresh random nonce each time.
    pub fn seal(&self, plaintext: &str) -> String {
        let key = &self.keys[0];
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = key
            .cipher
            .encrypt(Nonce::from_slice(&nonce), plaintext.as_bytes())
            .expect("AES-GCM encryption of a short field cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        format!("{}:{}", key.id, STANDARD.encode(out))
    }

    /// Opens a field sealed with any of the keys. A field from before key ids
    /// (bare base64) is tried with each.
    pub fn open(&self, sealed: &str) -> anyhow::Result<String> {
        match sealed.split_once(':') {
            Some((id, encoded)) => self
                .keys
                .iter()
                .find(|key| key.id == id)
                .ok_or_else(|| anyhow!("sealed with a key this server does not have ({id})"))?
                .open(encoded),
            None => self
                .keys
                .iter()
                .find_map(|key| key.open(sealed).ok())
                .ok_or_else(|| anyhow!("sealed field failed authentication")),
        }
    }

    /// Whether the field is sealed with the current key (else rotation re-seals it).
    pub fn is_current(&self, sealed: &str) -> bool {
        sealed
            .split_once(':')
            .is_some_and(|(id, _)| id == self.key_id())
    }
}

impl FieldCipher {
    /// URL-safe HMAC-SHA256 of `message`, with the current key.
    pub fn sign(&self, message: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.keys[0].signing_key)
            .expect("any key length");
        mac.update(message.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// Whether `signature` is [`FieldCipher::sign`] of `message` with any of
    /// the keys (a rotation does not void what was signed before it),
    /// compared in constant time.
    pub fn verify(&self, message: &str, signature: &str) -> bool {
        let Ok(bytes) = URL_SAFE_NO_PAD.decode(signature) else {
            return false;
        };
        self.keys.iter().any(|key| {
            let mut mac =
                <Hmac<Sha256> as Mac>::new_from_slice(&key.signing_key).expect("any key length");
            mac.update(message.as_bytes());
            mac.verify_slice(&bytes).is_ok()
        })
    }
}

/// Replaces the key file's keys at once (a new file renamed over the old), so
/// a crash leaves the old file or the new one, never half of either.
pub fn write_key_file(path: &Path, keys: &[String]) -> anyhow::Result<()> {
    let fresh = path.with_extension("key.new");
    let _ = std::fs::remove_file(&fresh);
    write_private(&fresh, format!("{}\n", keys.join("\n")).as_bytes())?;
    std::fs::rename(&fresh, path)
        .with_context(|| format!("replacing the data key {}", path.display()))
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating the data key {}", path.display()))?;
    file.write_all(bytes)?;
    Ok(())
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("creating {}", path.display()))
}

/// A random token for cookies and emailed links: 256 bits, URL-safe.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored in place of a token, so a copy of the database opens no session.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_fields_open_with_the_same_key_only() {
        let cipher = FieldCipher::from_key(&[7u8; 32]);
        let sealed = cipher.seal("06-1234567");
        assert!(!sealed.contains("1234567"));
        assert_eq!(cipher.open(&sealed).unwrap(), "06-1234567");
        let other = FieldCipher::from_key(&[8u8; 32]);
        assert!(other.open(&sealed).is_err());
    }

    #[test]
    fn a_signature_checks_out_for_its_message_and_key_only() {
        let cipher = FieldCipher::from_key(&[7u8; 32]);
        let signature = cipher.sign("device:1:abc");
        assert!(cipher.verify("device:1:abc", &signature));
        assert!(!cipher.verify("device:2:abc", &signature));
        assert!(!cipher.verify("device:1:abc", "not-a-signature"));
        assert!(!FieldCipher::from_key(&[8u8; 32]).verify("device:1:abc", &signature));
    }

    #[test]
    fn sealing_twice_gives_different_ciphertexts() {
        let cipher = FieldCipher::from_key(&[1u8; 32]);
        assert_ne!(cipher.seal("123-45-6789"), cipher.seal("123-45-6789"));
    }

    #[test]
    fn a_tampered_field_is_refused() {
        let cipher = FieldCipher::from_key(&[1u8; 32]);
        let sealed = cipher.seal("123-45-6789");
        let (id, encoded) = sealed.split_once(':').unwrap();
        let mut bytes = STANDARD.decode(encoded).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let tampered = format!("{id}:{}", STANDARD.encode(bytes));
        assert!(cipher.open(&tampered).is_err());
    }

    #[test]
    fn a_sealed_field_names_its_key_and_opens_after_a_rotation() {
        let old = FieldCipher::from_key(&[1u8; 32]);
        let sealed = old.seal("06-1234567");
        assert!(sealed.starts_with(&format!("{}:", old.key_id())));
        assert_eq!(old.key_id().len(), 8);
        let rotated = FieldCipher::from_keys(&[[2u8; 32], [1u8; 32]]);
        assert_ne!(rotated.key_id(), old.key_id());
        assert_eq!(rotated.open(&sealed).unwrap(), "06-1234567");
        assert!(!rotated.is_current(&sealed));
        let resealed = rotated.seal(&rotated.open(&sealed).unwrap());
        assert!(rotated.is_current(&resealed));
        // Once the old key is gone, only what was re-sealed opens.
        let new_only = FieldCipher::from_key(&[2u8; 32]);
        assert!(new_only.open(&sealed).is_err());
        assert_eq!(new_only.open(&resealed).unwrap(), "06-1234567");
        // A signature made before the rotation still checks out.
        let signature = old.sign("device:1:abc");
        assert!(rotated.verify("device:1:abc", &signature));
    }

    #[test]
    fn a_field_sealed_before_key_ids_still_opens() {
        let key = [3u8; 32];
        let cipher = FieldCipher::from_keys(&[[4u8; 32], key]);
        let sealed = FieldCipher::from_key(&key).seal("secret");
        let bare = sealed.split_once(':').unwrap().1;
        assert_eq!(cipher.open(bare).unwrap(), "secret");
        assert!(!cipher.is_current(bare));
    }

    #[test]
    fn several_keys_read_from_one_text_the_first_one_sealing() {
        let text = format!("{}\n{}\n", new_key_text(), new_key_text());
        let cipher = FieldCipher::from_base64(&text).unwrap();
        assert_eq!(cipher.key_count(), 2);
        assert!(FieldCipher::from_base64(" ").is_err());
        assert!(FieldCipher::from_base64("bm90IGEga2V5").is_err());
    }

    #[test]
    fn the_key_file_is_created_once_and_reused() {
        let dir = std::env::temp_dir().join(format!("portal-key-{}", random_token()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("data.key");
        let first = FieldCipher::load_or_create(&path).unwrap();
        let sealed = first.seal("secret");
        let second = FieldCipher::load_or_create(&path).unwrap();
        assert_eq!(second.open(&sealed).unwrap(), "secret");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn tokens_are_unique_and_hashes_are_stable() {
        let a = random_token();
        assert_ne!(a, random_token());
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash("abc"), token_hash("abc"));
        assert_eq!(token_hash("abc").len(), 64);
    }
}
