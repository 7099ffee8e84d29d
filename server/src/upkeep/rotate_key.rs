//! `portal-server rotate-key`: a new data key for the sealed fields (FEIN/SSN,
//! bank account numbers, 2-step secrets). The key file gets the new key first and keeps the old ones
//! after it, then every field sealed with an old key is re-sealed with the new
//! one, a batch at a time (a run that stops half-way can simply be run again).
//! With `--forget-retired`, old keys leave the file once no field needs them.
//!
//! Running servers read the key file at start: restart them after a rotation
//! so they seal with the new key (until then they still open every field,
//! since the old keys stay in the file).

use crate::{
    config::Config,
    crypto::{self, FieldCipher},
    db::{self, Db},
};
use anyhow::{bail, Context};

/// Every sealed column, as `(table, column)`. The test below checks the
/// migrations name no other `…_sealed` column.
pub const SEALED: &[(&str, &str)] = &[
    ("customers", "tin_sealed"),
    ("logons", "totp_secret_sealed"),
    ("bank_accounts", "account_number_sealed"),
];

const BATCH: i64 = 500;

/// What a rotation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotated {
    pub key_id: String,
    /// Fields re-sealed with the new key.
    pub resealed: u64,
    /// Keys the file still holds besides the new one.
    pub retired_kept: usize,
}

pub async fn rotate_key(config: &Config, forget_retired: bool) -> anyhow::Result<Rotated> {
    if config.data_key.is_some() {
        bail!(
            "rotate-key rotates the key file in the data folder, and PORTAL_DATA_KEY (--data-key) \
             is set: put a new key first in that variable (commas between keys, the old ones after \
             it) and run rotate-key with the file's copy of it, or unset it to use the file"
        );
    }
    let path = config.data_dir.join("data.key");
    let old_text = std::fs::read_to_string(&path)
        .with_context(|| format!("reading the data key {}", path.display()))?;
    let mut keys: Vec<String> = old_text.split_whitespace().map(str::to_owned).collect();
    FieldCipher::from_base64(&old_text)?;
    // The file first: if anything below fails, the new key is already kept.
    keys.insert(0, crypto::new_key_text());
    crypto::write_key_file(&path, &keys)?;
    let cipher = FieldCipher::from_base64(&keys.join("\n"))?;

    let now = crate::clock::Clock::now(&crate::clock::SystemClock);
    let (db, _) = crate::schema::connect_and_migrate(&config.database_url(), now).await?;
    let mut resealed = 0;
    for (table, column) in SEALED {
        resealed += reseal(&db, &cipher, table, column).await?;
    }
    let mut retired_kept = keys.len() - 1;
    if forget_retired {
        let left = still_old(&db, &cipher).await?;
        if left > 0 {
            bail!("{left} sealed fields still use a retired key: the retired keys stay");
        }
        crypto::write_key_file(&path, &keys[..1])?;
        retired_kept = 0;
    }
    db.close().await;
    Ok(Rotated {
        key_id: cipher.key_id().to_owned(),
        resealed,
        retired_kept,
    })
}

/// Re-seals the column's fields not sealed with the current key, in batches
/// by id; each batch is a transaction of its own.
async fn reseal(db: &Db, cipher: &FieldCipher, table: &str, column: &str) -> anyhow::Result<u64> {
    let select = format!(
        "SELECT id, {column} FROM {table} WHERE id > $1 AND {column} IS NOT NULL ORDER BY id LIMIT $2"
    );
    let update = format!("UPDATE {table} SET {column} = $1 WHERE id = $2 AND {column} = $3");
    let (mut after, mut count) = (0i64, 0u64);
    loop {
        let rows: Vec<(i64, String)> = sqlx::query_as(&select)
            .bind(after)
            .bind(BATCH)
            .fetch_all(db)
            .await?;
        let Some((last, _)) = rows.last() else {
            return Ok(count);
        };
        after = *last;
        let mut tx = db::begin(db).await?;
        for (id, sealed) in rows.iter().filter(|(_, sealed)| !cipher.is_current(sealed)) {
            let plain = cipher
                .open(sealed)
                .with_context(|| format!("opening {table}.{column} of row {id}"))?;
            // Unless a request changed it meanwhile: then it is already current.
            count += sqlx::query(&update)
                .bind(cipher.seal(&plain))
                .bind(id)
                .bind(sealed)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        tx.commit().await?;
    }
}

async fn still_old(db: &Db, cipher: &FieldCipher) -> anyhow::Result<u64> {
    let mut left = 0;
    for (table, column) in SEALED {
        let values: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT {column} FROM {table} WHERE {column} IS NOT NULL"
        ))
        .fetch_all(db)
        .await?;
        left += values.iter().filter(|v| !cipher.is_current(v)).count() as u64;
    }
    Ok(left)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sealed_column_of_the_schema_is_rotated() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
        let mut named: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                if word.ends_with("_sealed") && !named.iter().any(|n| n == word) {
                    named.push(word.to_owned());
                }
            }
        }
        named.sort();
        let mut listed: Vec<String> = SEALED.iter().map(|(_, c)| c.to_string()).collect();
        listed.sort();
        assert_eq!(named, listed);
    }
}
