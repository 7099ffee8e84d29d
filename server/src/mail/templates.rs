//! Every email the portal sends, in one place: each function makes one kind of
//! message, so a text exists once and reads the same whichever path sends it.
//! A link's token goes in its query string through `serde_urlencoded`.

use super::OutgoingMail;

/// `{base}{path}?token=…`: an emailed link's address. Tokens are URL-safe,
/// but the query is still encoded, never pasted together.
pub fn link(base: &str, path: &str, token: &str) -> String {
    let query =
        serde_urlencoded::to_string([("token", token)]).expect("a string pair always encodes");
    format!("{base}{path}?{query}")
}

fn mail(
    to: &str,
    subject: &str,
    body: String,
    kind: &'static str,
    logon: Option<i64>,
) -> OutgoingMail {
    OutgoingMail {
        to: to.to_owned(),
        subject: subject.to_owned(),
        body_text: body,
        kind,
        logon_id: logon,
    }
}

/// Registration: confirm the address with the single-use link (24 hours).
pub fn verify_email(to: &str, name: &str, username: &str, link: &str, logon: i64) -> OutgoingMail {
    mail(
        to,
        "Confirm your email address",
        format!(
            "Hello {name},\n\nYou created the logon {username} on the Taxpayer Portal. \
             To confirm your email address, open this link:\n\n{link}\n\n\
             The link works once and expires in 24 hours. If you did not create this logon, \
             you can ignore this email.\n"
        ),
        "verify_email",
        Some(logon),
    )
}

/// Registration with a taken username: the address typed hears so.
pub fn username_taken(to: &str, name: &str, username: &str, portal: &str) -> OutgoingMail {
    mail(
        to,
        "Your Taxpayer Portal logon was not created",
        format!(
            "Hello {name},\n\nSomeone, hopefully you, tried to create a Taxpayer Portal logon \
             with the username {username} and this email address. That username is already \
             in use, so no logon was created.\n\nIf {username} is your logon, log in at \
             {portal}/sign-in (\"Forgot username or password?\" is there if you need it). \
             Otherwise create your logon again with another username: {portal}/register\n\n\
             If this was not you, you can ignore this email.\n"
        ),
        "username_taken",
        None,
    )
}

/// Forgot username: the usernames on the address.
pub fn username_reminder(to: &str, usernames: &[String], logon: Option<i64>) -> OutgoingMail {
    let list: String = usernames.iter().map(|u| format!("  {u}\n")).collect();
    mail(
        to,
        "Your Taxpayer Portal username",
        format!(
            "Hello,\n\nYou asked for the usernames registered to this email address on the \
             Taxpayer Portal:\n\n{list}\nIf you did not ask, you can ignore this email.\n"
        ),
        "username_reminder",
        logon,
    )
}

/// Forgot password: the single-use reset link (60 minutes).
pub fn password_reset(to: &str, name: &str, link: &str, logon: i64) -> OutgoingMail {
    mail(
        to,
        "Reset your Taxpayer Portal password",
        format!(
            "Hello {name},\n\nSomeone, hopefully you, asked to reset the password of your \
             Taxpayer Portal logon. To choose a new password, open this link:\n\n{link}\n\n\
             The link works once and expires in 60 minutes. If you did not ask, you can \
             ignore this email: your password has not changed.\n"
        ),
        "password_reset",
        Some(logon),
    )
}

/// A new password, chosen with Change Password or the reset link: one text.
pub fn password_changed(to: &str, name: &str, username: &str, logon: i64) -> OutgoingMail {
    mail(
        to,
        "Your Taxpayer Portal password was changed",
        format!(
            "Hello {name},\n\nYour password was changed for the logon {username} on the Taxpayer \
             Portal, and the logon was signed out everywhere else.\n\nIf you did not do this, \
             use \"Forgot username or password?\" on the Log In page now and contact us.\n"
        ),
        "password_changed",
        Some(logon),
    )
}

/// Change Email: the link to the new address (24 hours).
pub fn change_email(to: &str, name: &str, link: &str, logon: i64) -> OutgoingMail {
    mail(
        to,
        "Confirm your new email address",
        format!(
            "Hello {name},\n\nTo use this address for your Taxpayer Portal profile, open this link within 24 hours:\n\n{link}\n\nIf you did not ask for this, ignore this message: nothing will change.\n"
        ),
        "change_email",
        Some(logon),
    )
}

/// Change Email: the notice to the old address.
pub fn change_email_notice(to: &str, name: &str, new_email: &str, logon: i64) -> OutgoingMail {
    mail(
        to,
        "A change of email address was requested",
        format!(
            "Hello {name},\n\nSomeone signed in to your Taxpayer Portal profile asked to change its email address to {new_email}. The address changes only when the link sent there is used.\n\nIf this was not you, change your password now and contact us.\n"
        ),
        "change_email_notice",
        Some(logon),
    )
}

/// The logon access email of a new secondary logon.
pub struct Invitation<'a> {
    pub to: &'a str,
    pub name: &'a str,
    pub username: &'a str,
    pub parent_name: &'a str,
    pub link: &'a str,
    pub days: i64,
    pub logon: i64,
}

pub fn invitation(i: Invitation<'_>) -> OutgoingMail {
    let Invitation {
        to,
        name,
        username,
        parent_name,
        link,
        days,
        logon,
    } = i;
    mail(
        to,
        "Set up your Taxpayer Portal logon",
        format!(
            "Hello {name},\n\n{parent_name} created the logon {username} for you on the Taxpayer \
             Portal, so that you can act on their behalf. To choose your password and secret \
             question, open this link:\n\n{link}\n\nThe link works once and expires in \
             {days} days. If you did not expect this email, you can ignore it.\n"
        ),
        "invitation",
        Some(logon),
    )
}

/// The lockout notice, with the single-use unlock link.
pub fn lockout(to: &str, link: &str, logon: i64) -> OutgoingMail {
    mail(
        to,
        "Your logon is locked",
        format!(
            "There were 5 failed attempts in a row to log in to your Taxpayer Portal logon from \
browsers that have not logged in to it before, so it is locked for them for 30 minutes. Browsers \
you have logged in with before can still log in, and you stay logged in where you are.\n\n\
To unlock it now, open this link. It works once, for 24 hours, and the browser you open it in \
can then log in even if the logon is locked again:\n\n{link}\n\n\
It also unlocks by itself after 30 minutes, or when you reset your password with \"Forgot \
username or password?\" on the Log In page.\n\n\
If these attempts were not yours, someone may be guessing your password. Consider a longer \
password and turning on 2-step verification."
        ),
        "lockout",
        Some(logon),
    )
}

pub fn two_step_on(to: &str, logon: i64) -> OutgoingMail {
    mail(
        to,
        "2-step verification is on",
        "2-step verification was turned on for your Taxpayer Portal logon. From now on, \
logging in also asks for the code from your authentication app. Other devices where you were \
logged in have been logged out.\n\nIf you did not do this, reset your password with \
\"Forgot username or password?\" on the Log In page and contact us."
            .to_owned(),
        "two_step_enable",
        Some(logon),
    )
}

pub fn two_step_off(to: &str, logon: i64) -> OutgoingMail {
    mail(
        to,
        "2-step verification is off",
        "2-step verification was turned off for your Taxpayer Portal logon. Logging in \
now needs only your username and password. Other devices where you were logged in have been \
logged out.\n\nIf you did not do this, reset your password with \"Forgot username or password?\" \
on the Log In page and contact us."
            .to_owned(),
        "two_step_disable",
        Some(logon),
    )
}

/// An access notice (a request, a decision, a change), pointing to the
/// message kept in Messages under its Letter ID.
pub fn access_notice(
    to: &str,
    subject: &str,
    body: &str,
    portal: &str,
    letter_id: &str,
    logon: i64,
) -> OutgoingMail {
    mail(
        to,
        subject,
        format!(
            "{body}\n\nLog in at {portal} and open Messages (Letter ID {letter_id}) to see this notice.\n"
        ),
        "access_notice",
        Some(logon),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_carries_its_token_in_an_encoded_query() {
        assert_eq!(
            link("https://portal.example.gov", "/reset-password", "a-b_c"),
            "https://portal.example.gov/reset-password?token=a-b_c"
        );
        assert_eq!(link("http://x", "/p", "a b&c"), "http://x/p?token=a+b%26c");
    }

    #[test]
    fn one_password_changed_text_names_the_logon_and_says_what_to_do() {
        let mail = password_changed("jane@example.com", "Jane Smith", "JaneSmith", 1);
        assert_eq!(mail.kind, "password_changed");
        assert!(mail
            .body_text
            .contains("Your password was changed for the logon JaneSmith"));
        assert!(mail.body_text.contains("Forgot username or password?"));
    }
}
