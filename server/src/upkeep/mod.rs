//! Upkeep that no request does: pruning what has expired, on a timer, and
//! re-sealing every sealed field under a new data key (`rotate-key`).

pub mod prune;
pub mod rotate_key;

pub use prune::{prune, spawn_pruning, Pruned};
pub use rotate_key::{rotate_key, Rotated};
