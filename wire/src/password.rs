//! The rules for choosing a password (registration, change, reset), after
//! NIST SP 800-63B-4 and OWASP ASVS 5.0 level 2. They replace the old portal's
//! 6 to 10 character rule: length counts, composition does not ("must contain a
//! digit" makes passwords worse, not stronger), any Unicode is allowed, spaces
//! included, and passwords that attackers try first are refused.
//!
//! The common-password list, `data/common-passwords.txt`, is taken from the npm
//! package `@zxcvbn-ts/language-common` 4.1.3 (`src/passwords.json`: 49,233
//! passwords that occur more than ten times in Mark Burnett's ten million
//! leaked username and password pairs, the "Xato" corpus). MIT licence,
//! Copyright (c) 2012-2016 Dan Wheeler and Dropbox, Inc., Copyright (c) 2021
//! @zxcvbn-ts. `data/README.md` has the licence text and how the file was made.
//!
//! The list is compiled into the server only. The browser runs every other
//! rule at once and leaves this one to the server, whose verdict counts anyway:
//! its refusal comes back as a field error on the password, shown in the same
//! error summary. That keeps 168 KB out of the browser's download.

use std::fmt;

/// Without 2-step verification the password is the only factor, so it must be long.
pub const MIN_LEN: usize = 15;
/// With 2-step verification the password is one factor of two (NIST's minimum).
pub const MIN_LEN_WITH_TWO_STEP: usize = 8;
/// Caps what reaches the password hash, so a huge input cannot tie up a core;
/// sign-in has the same cap. It protects the hash, not the account.
pub const MAX_LEN: usize = 256;
/// How many of the logon's previous passwords may not be used again.
pub const HISTORY_LEN: usize = 10;

/// The form field the confirmation error belongs to.
pub const CONFIRM_FIELD: &str = "confirm_password";

/// The hint shown under the new-password input.
pub const GUIDANCE: &str =
    "Use at least 15 characters. A good way to choose one is three or four random words. Spaces are allowed.";

pub const ENTER_PASSWORD: &str = "Enter a password";
pub const TOO_COMMON: &str =
    "This password is too common. Choose a password that is hard to guess, such as three or four random words";
pub const CONTAINS_USERNAME: &str = "Password must not contain your username";
pub const CONTAINS_NAME: &str = "Password must not contain your name";
pub const CONTAINS_EMAIL: &str = "Password must not contain your email address";
/// The server's rule, not checked here: comparing with the last [`HISTORY_LEN`]
/// passwords needs their hashes, which never leave the server.
pub const REUSED: &str =
    "You used this password before. Choose a password you have not used on this portal";
pub const ENTER_CONFIRMATION: &str = "Confirm your password";
pub const MISMATCH: &str = "Passwords do not match";

/// Personal details below this length are too short to refuse inside a
/// password: "Al" would rule out every password containing "al".
const MIN_DETAIL_LEN: usize = 3;

/// Lower-cased, one per line, sorted by byte so it can be binary-searched in
/// place. Only entries of 8 characters or more are kept: shorter ones already
/// fail on length, and leaving them out keeps the list to 168 KB instead of 388 KB.
#[cfg(not(target_arch = "wasm32"))]
const COMMON: &str = include_str!("../data/common-passwords.txt");

/// What the form knows about the logon whose password is being set.
#[derive(Debug, Clone, Copy, Default)]
pub struct PasswordContext<'a> {
    pub username: &'a str,
    /// The person's full name, e.g. "Jane Smith".
    pub name: &'a str,
    pub email: &'a str,
    pub two_step_enabled: bool,
}

impl PasswordContext<'_> {
    pub fn min_len(&self) -> usize {
        if self.two_step_enabled {
            MIN_LEN_WITH_TWO_STEP
        } else {
            MIN_LEN
        }
    }
}

/// A password that passed the rules, in the NFKC form the server hashes.
/// Never serialized, and its `Debug` hides it so it cannot reach a log.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    /// Checks a typed password against every rule this side can check, and
    /// reports the first that fails. Not trimmed: spaces are part of it.
    /// The server must still refuse one of the last [`HISTORY_LEN`] passwords
    /// with [`REUSED`]; in the browser the common-password list is the server's
    /// check too (see the module's documentation).
    pub fn parse(typed: &str, ctx: &PasswordContext) -> Result<Self, String> {
        let password = normalize(typed);
        let len = password.chars().count();
        if len == 0 {
            return Err(ENTER_PASSWORD.to_owned());
        }
        let min = ctx.min_len();
        if len < min {
            return Err(format!("Password must be at least {min} characters"));
        }
        if len > MAX_LEN {
            return Err(format!("Password must be {MAX_LEN} characters or fewer"));
        }
        #[cfg(not(target_arch = "wasm32"))]
        if is_common(&password) {
            return Err(TOO_COMMON.to_owned());
        }
        let folded = password.to_lowercase();
        let contains = |detail: &str| folded.contains(&fold(detail));
        let username = ctx.username.trim();
        if long_enough(username) && contains(username) {
            return Err(CONTAINS_USERNAME.to_owned());
        }
        let mut name_parts = ctx.name.split(|c: char| !c.is_alphanumeric());
        if name_parts.any(|part| long_enough(part) && contains(part)) {
            return Err(CONTAINS_NAME.to_owned());
        }
        let email = ctx.email.trim();
        let local_part = email.rsplit_once('@').map_or(email, |(local, _)| local);
        if [email, local_part]
            .iter()
            .any(|detail| long_enough(detail) && contains(detail))
        {
            return Err(CONTAINS_EMAIL.to_owned());
        }
        Ok(Self(password))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(..)")
    }
}

/// NFKC, so the same password typed on different keyboards (full-width
/// letters, ligatures, composed or decomposed accents) is one password. The
/// server hashes this form, on sign-in as on setting a password. The browser
/// uses its own NFKC, so its tables are not downloaded; the server normalizes
/// again whatever it is sent, so its own tables decide.
pub fn normalize(password: &str) -> String {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use unicode_normalization::UnicodeNormalization;
        password.nfkc().collect()
    }
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::JsString::from(password).normalize("NFKC").into()
    }
}

/// Whether a normalized password is on the common-password list, ignoring
/// case. The list holds only entries of 8 characters or more, so a shorter
/// common password is not found here; the length rule refuses it first.
#[cfg(not(target_arch = "wasm32"))]
pub fn is_common(normalized: &str) -> bool {
    use std::cmp::Ordering;
    let needle = normalized.to_lowercase();
    let list = COMMON.as_bytes();
    // Binary search over the text itself: no index to build or keep in memory.
    // Measured natively: about 250 ns a look-up, against 170 ns for a sorted
    // Vec<&str> (0.8 ms and 290 KB to build) or 60 ns for a HashSet (3 ms and
    // about 490 KB): one look-up per keystroke does not pay for either.
    let (mut lo, mut hi) = (0, list.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = list[..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let end = list[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(list.len(), |i| start + i);
        match list[start..end].cmp(needle.as_bytes()) {
            Ordering::Equal => return true,
            Ordering::Less => lo = end + 1,
            Ordering::Greater => hi = start,
        }
    }
    false
}

/// Checks the "confirm password" input against the new password, as the
/// server will hash them (normalized). Record the error under [`CONFIRM_FIELD`].
pub fn check_confirmation(password: &str, confirmation: &str) -> Result<(), String> {
    if confirmation.is_empty() {
        Err(ENTER_CONFIRMATION.to_owned())
    } else if normalize(password) != normalize(confirmation) {
        Err(MISMATCH.to_owned())
    } else {
        Ok(())
    }
}

fn fold(text: &str) -> String {
    normalize(text).to_lowercase()
}

fn long_enough(detail: &str) -> bool {
    fold(detail).chars().count() >= MIN_DETAIL_LEN
}

#[cfg(test)]
mod tests {
    use super::*;

    const JANE: PasswordContext = PasswordContext {
        username: "JSmith42",
        name: "Jane Smith",
        email: "kite.flyer@example.com",
        two_step_enabled: false,
    };
    const TWO_STEP: PasswordContext = PasswordContext {
        username: "",
        name: "",
        email: "",
        two_step_enabled: true,
    };

    fn check(typed: &str) -> Result<NewPassword, String> {
        NewPassword::parse(typed, &PasswordContext::default())
    }

    #[test]
    fn an_empty_password_is_asked_for() {
        assert_eq!(check("").unwrap_err(), ENTER_PASSWORD);
        assert_eq!(
            NewPassword::parse("", &TWO_STEP).unwrap_err(),
            ENTER_PASSWORD
        );
    }

    #[test]
    fn fourteen_characters_are_too_short_and_fifteen_are_enough() {
        assert_eq!(
            check("tulip ferry ox").unwrap_err(),
            "Password must be at least 15 characters"
        );
        assert_eq!(
            check("tulip ferry oxe").unwrap().as_str(),
            "tulip ferry oxe"
        );
    }

    #[test]
    fn eight_characters_are_enough_once_two_step_verification_is_on() {
        assert!(NewPassword::parse("tulip ox", &TWO_STEP).is_ok());
        assert_eq!(
            NewPassword::parse("tulipox", &TWO_STEP).unwrap_err(),
            "Password must be at least 8 characters"
        );
        assert!(check("tulip ox").is_err());
    }

    #[test]
    fn two_hundred_and_fifty_six_characters_are_accepted_and_one_more_is_refused() {
        assert!(check(&"tulip ".repeat(43)[..256]).is_ok());
        assert_eq!(
            check(&"tulip ".repeat(43)[..257]).unwrap_err(),
            "Password must be 256 characters or fewer"
        );
    }

    #[test]
    fn a_sixty_four_character_passphrase_is_accepted() {
        let passphrase = "correct horse battery staple and a lighthouse keeper's blue kite";
        assert_eq!(passphrase.chars().count(), 64);
        assert_eq!(check(passphrase).unwrap().as_str(), passphrase);
    }

    #[test]
    fn spaces_and_letters_alone_are_enough_with_no_composition_rules() {
        assert!(check("the quick brown fox").is_ok());
        assert!(check("    spaces    count    ").is_ok());
    }

    #[test]
    fn emoji_are_counted_by_character_not_byte() {
        let fourteen = "🐢".repeat(14);
        assert_eq!(fourteen.len(), 56);
        assert!(check(&fourteen).is_err());
        assert!(check(&"🐢".repeat(15)).is_ok());
        assert!(check(&"🐢".repeat(MAX_LEN)).is_ok());
    }

    #[test]
    fn accented_letters_are_counted_by_character_not_byte() {
        assert!(check("crème brûlée à").is_err());
        assert!(check("crème brûlée àé").is_ok());
        assert!(check("Zoë Ærøskøbing żółw").is_ok());
    }

    #[test]
    fn a_decomposed_accent_counts_as_one_character_after_normalization() {
        // "e" + combining acute is two scalar values typed, one after NFKC.
        let typed = "e\u{301}".repeat(14);
        assert_eq!(typed.chars().count(), 28);
        assert_eq!(
            check(&typed).unwrap_err(),
            "Password must be at least 15 characters"
        );
    }

    #[test]
    fn the_fi_ligature_and_full_width_letters_normalize_to_ascii() {
        assert_eq!(normalize("\u{FB01}"), "fi");
        assert_eq!(normalize("ＡＢＣ １２３"), "ABC 123");
        let parsed = check("\u{FB01}ve ＢＩＧ kites over the bay").unwrap();
        assert_eq!(parsed.as_str(), "five BIG kites over the bay");
    }

    #[test]
    fn a_common_password_is_refused_whatever_its_case() {
        for typed in ["passwordpassword", "PassWordPassWord", "QWERTYUIOP12345"] {
            assert_eq!(check(typed).unwrap_err(), TOO_COMMON, "{typed}");
        }
    }

    #[test]
    fn a_common_password_is_refused_when_typed_in_full_width_letters() {
        assert_eq!(
            check("ｐａｓｓｗｏｒｄｐａｓｓｗｏｒｄ").unwrap_err(),
            TOO_COMMON
        );
    }

    #[test]
    fn a_short_common_password_is_refused_once_two_step_lets_it_pass_the_length_rule() {
        assert_eq!(
            NewPassword::parse("Password1", &TWO_STEP).unwrap_err(),
            TOO_COMMON
        );
        assert_eq!(
            NewPassword::parse("ILOVEYOU1", &TWO_STEP).unwrap_err(),
            TOO_COMMON
        );
    }

    #[test]
    fn is_common_finds_listed_passwords_and_nothing_else() {
        assert!(is_common("password1"));
        assert!(is_common("1qaz2wsx3edc4rfv"));
        assert!(!is_common("tulip ferry oxen"));
        assert!(!is_common("password1 "));
        assert!(!is_common(""));
    }

    #[test]
    fn every_listed_password_is_found_and_its_neighbours_are_not() {
        for entry in COMMON.lines() {
            assert!(is_common(entry), "{entry}");
            assert!(!is_common(&format!("{entry}\u{1}")), "{entry}");
        }
    }

    #[test]
    fn the_list_has_at_least_ten_thousand_entries() {
        assert!(COMMON.lines().count() >= 10_000);
    }

    #[test]
    fn the_list_is_sorted_lower_case_and_eight_characters_or_longer() {
        assert!(COMMON.ends_with('\n'));
        let entries: Vec<&str> = COMMON.lines().collect();
        for pair in entries.windows(2) {
            assert!(pair[0] < pair[1], "{} before {}", pair[0], pair[1]);
        }
        for entry in entries {
            assert_eq!(fold(entry), entry);
            assert!(entry.chars().count() >= MIN_LEN_WITH_TWO_STEP, "{entry}");
        }
    }

    #[test]
    fn the_username_is_refused_inside_the_password_whatever_its_case() {
        assert_eq!(
            NewPassword::parse("my jsmith42 password", &JANE).unwrap_err(),
            CONTAINS_USERNAME
        );
        assert_eq!(
            NewPassword::parse("my JSMITH42 password", &JANE).unwrap_err(),
            CONTAINS_USERNAME
        );
    }

    #[test]
    fn each_part_of_the_name_is_refused_inside_the_password() {
        assert_eq!(
            NewPassword::parse("JANE walks the dog daily", &JANE).unwrap_err(),
            CONTAINS_NAME
        );
        assert_eq!(
            NewPassword::parse("a blacksmith by the sea", &JANE).unwrap_err(),
            CONTAINS_NAME
        );
    }

    #[test]
    fn name_parts_shorter_than_three_characters_are_allowed() {
        let al = PasswordContext {
            name: "Al O'Neil",
            ..PasswordContext::default()
        };
        assert!(NewPassword::parse("alpine meadows at dawn", &al).is_ok());
        assert_eq!(
            NewPassword::parse("neil walks the dog daily", &al).unwrap_err(),
            CONTAINS_NAME
        );
    }

    #[test]
    fn the_email_address_and_its_local_part_are_refused_inside_the_password() {
        assert_eq!(
            NewPassword::parse("Kite.Flyer@Example.com!", &JANE).unwrap_err(),
            CONTAINS_EMAIL
        );
        assert_eq!(
            NewPassword::parse("hello kite.flyer, hello", &JANE).unwrap_err(),
            CONTAINS_EMAIL
        );
    }

    #[test]
    fn a_local_part_shorter_than_three_characters_is_allowed() {
        let jo = PasswordContext {
            email: "jo@example.com",
            ..PasswordContext::default()
        };
        assert!(NewPassword::parse("a joyful tuesday morning", &jo).is_ok());
        assert_eq!(
            NewPassword::parse("write to jo@example.com", &jo).unwrap_err(),
            CONTAINS_EMAIL
        );
    }

    #[test]
    fn a_password_free_of_the_persons_details_is_accepted() {
        assert!(NewPassword::parse("orange kettle winter violin", &JANE).is_ok());
    }

    #[test]
    fn the_confirmation_must_match_the_password() {
        assert_eq!(
            check_confirmation("tulip ferry oxen", "tulip ferry oxen"),
            Ok(())
        );
        assert_eq!(
            check_confirmation("tulip ferry oxen", "tulip ferry oxen ").unwrap_err(),
            MISMATCH
        );
        assert_eq!(
            check_confirmation("tulip ferry oxen", "").unwrap_err(),
            ENTER_CONFIRMATION
        );
    }

    #[test]
    fn a_confirmation_typed_in_another_form_of_the_same_characters_matches() {
        assert_eq!(check_confirmation("\u{FB01}ve kites", "five kites"), Ok(()));
    }

    #[test]
    fn debug_output_never_shows_the_password() {
        let parsed = check("tulip ferry oxen").unwrap();
        assert_eq!(format!("{parsed:?}"), "NewPassword(..)");
    }

    #[test]
    fn the_reuse_message_and_guidance_say_how_to_choose_one() {
        assert!(REUSED.contains("Choose a password you have not used"));
        assert!(GUIDANCE.contains("three or four random words"));
    }
}
