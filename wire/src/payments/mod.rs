//! What a payment needs checked on both sides: the bank account it comes
//! from. (Payment dates are in `calendar::banking`, their rules in `rules`.)

pub mod bank;

pub use bank::{parse_bank_account, BankAccountNumber, RoutingNumber};
