//! What a server derives from the rows the access rules read (a logon's facts
//! on a customer, how many customers it reaches), kept in memory only while
//! the access epoch stays where it was (migration 0007: every change to those
//! rows moves it, in the change's own transaction). A request reads the epoch
//! with its session, in the same query, so a revocation committed by any
//! server counts from the very next request: its epoch differs from the one a
//! kept value was derived under, and the value is derived again.
//!
//! The epoch is read *before* anything is derived under it, so a value derived
//! while a change commits is stamped with the older epoch and never outlives
//! that change either. The day is part of the stamp: a grant's end date
//! passes at midnight in Hartford without any row changing.

use std::{
    any::Any,
    collections::HashMap,
    sync::{Arc, Mutex},
};
use wire::CivilDate;

/// The SQL of the current access epoch, for a request's first query.
pub const EPOCH_SQL: &str = "(SELECT n FROM access_epoch WHERE id = 1)";

/// When a value was derived: under which access epoch, on which day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub epoch: i64,
    pub today: CivilDate,
}

/// What is derived (a fixed name per kind of value) and for which two ids.
pub type Key = (&'static str, i64, i64);

type Entry = (Stamp, Arc<dyn Any + Send + Sync>);

/// The kept values of one server (one per `AppState`, never global: tests run
/// many servers, each on its own database, in one process).
#[derive(Default)]
pub struct Derived {
    entries: Mutex<HashMap<Key, Entry>>,
}

/// Past this many values the store starts again empty, so it cannot grow
/// without bound; a value is cheap to derive again.
const MOST_KEPT: usize = 50_000;

impl Derived {
    /// The value kept for `key` if it was derived under exactly `stamp`.
    pub fn get<T: Clone + Send + Sync + 'static>(&self, key: Key, stamp: Stamp) -> Option<T> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let (kept, value) = entries.get(&key)?;
        if *kept != stamp {
            return None;
        }
        value.downcast_ref::<T>().cloned()
    }

    /// Keeps `value`, derived under `stamp`, for `key`.
    pub fn put<T: Send + Sync + 'static>(&self, key: Key, stamp: Stamp, value: T) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MOST_KEPT && !entries.contains_key(&key) {
            entries.clear();
        }
        entries.insert(key, (stamp, Arc::new(value)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(epoch: i64, day: &str) -> Stamp {
        Stamp {
            epoch,
            today: CivilDate::parse_iso(day).unwrap(),
        }
    }

    #[test]
    fn a_value_is_given_back_only_under_the_epoch_and_day_it_was_derived_on() {
        let derived = Derived::default();
        let key = ("count", 1, 0);
        derived.put(key, stamp(7, "2026-12-01"), 42i64);
        assert_eq!(derived.get::<i64>(key, stamp(7, "2026-12-01")), Some(42));
        assert_eq!(derived.get::<i64>(key, stamp(8, "2026-12-01")), None);
        assert_eq!(derived.get::<i64>(key, stamp(7, "2026-12-02")), None);
        assert_eq!(
            derived.get::<i64>(("count", 2, 0), stamp(7, "2026-12-01")),
            None
        );
        // A value asked for as another type is not there.
        assert_eq!(derived.get::<u8>(key, stamp(7, "2026-12-01")), None);
    }

    #[test]
    fn the_store_starts_again_rather_than_grow_without_bound() {
        let derived = Derived::default();
        let at = stamp(1, "2026-12-01");
        for id in 0..=MOST_KEPT as i64 {
            derived.put(("count", id, 0), at, id);
        }
        assert_eq!(derived.get::<i64>(("count", 0, 0), at), None);
        assert_eq!(
            derived.get::<i64>(("count", MOST_KEPT as i64, 0), at),
            Some(MOST_KEPT as i64)
        );
    }
}
