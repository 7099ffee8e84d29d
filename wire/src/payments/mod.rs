//! What a payment needs checked on both sides: the bank account it comes
//! from, and the business's list of them (Manage Payment Channels). (Payment
//! dates are in `calendar::banking`, their rules in `rules`.)

pub mod bank;
pub mod channels;

pub use bank::{parse_bank_account, BankAccountNumber, RoutingNumber};
