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
use std::{fmt, path::Path};

const NONCE_LEN: usize = 12;

#[derive(Clone)]
pub struct FieldCipher {
    cipher: Aes256Gcm,
    /// HMAC-SHA256 key for signatures, derived from the data key so every
    /// server sharing the key recognises what another signed.
    signing_key: [u8; 32],
}

impl fmt::Debug for FieldCipher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FieldCipher(..)")
    }
}

impl FieldCipher {
    pub fn from_key(key: &[u8; 32]) -> Self {
        let mut derive = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
        derive.update(b"portal signing key v1");
        Self {
            cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key)),
            signing_key: derive.finalize().into_bytes().into(),
        }
    }

    pub fn from_base64(encoded: &str) -> anyhow::Result<Self> {
        let bytes = STANDARD
            .decode(encoded.trim())
            .context("the data key is not valid base64")?;
        let key: [u8; 32] = bytes
            .try_into()
            .map_err(|_| anyhow!("the data key must be 32 bytes"))?;
        Ok(Self::from_key(&key))
    }

    /// Reads the key file, or creates it (readable by the owner only) on first run.
    pub fn load_or_create(path: &Path) -> anyhow::Result<Self> {
        if path.exists() {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading the data key {}", path.display()))?;
            return Self::from_base64(&text);
        }
        let mut key = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut key);
        write_private(path, STANDARD.encode(key).as_bytes())?;
        Ok(Self::from_key(&key))
    }

    /// base64(nonce ‖ ciphertext ‖ tag), with a fresh random nonce each time.
    pub fn seal(&self, plaintext: &str) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), plaintext.as_bytes())
            .expect("AES-GCM encryption of a short field cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        STANDARD.encode(out)
    }

    pub fn open(&self, sealed: &str) -> anyhow::Result<String> {
        let bytes = STANDARD
            .decode(sealed)
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

impl FieldCipher {
    /// URL-safe HMAC-SHA256 of `message`.
    pub fn sign(&self, message: &str) -> String {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.signing_key).expect("any key length");
        mac.update(message.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// Whether `signature` is [`FieldCipher::sign`] of `message`, compared in constant time.
    pub fn verify(&self, message: &str, signature: &str) -> bool {
        let Ok(bytes) = URL_SAFE_NO_PAD.decode(signature) else {
            return false;
        };
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.signing_key).expect("any key length");
        mac.update(message.as_bytes());
        mac.verify_slice(&bytes).is_ok()
    }
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
        let mut bytes = STANDARD.decode(cipher.seal("123-45-6789")).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert!(cipher.open(&STANDARD.encode(bytes)).is_err());
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
