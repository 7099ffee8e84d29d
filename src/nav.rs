//! Where to send people: the `next` parameter of the sign-in page and of its
//! 2-step step.

use crate::paths;

/// Where a signed-in person lands when nothing else was asked for.
pub const HOME: &str = paths::SUMMARY;
/// The sign-in page.
pub const SIGN_IN: &str = paths::SIGN_IN;

/// The page to go to after signing in: `next` when it is a path on this site
/// (one leading `/`, no scheme, no host, no backslash, not the sign-in page
/// itself), else the Summary.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if is_local_path(path) && !is_sign_in(path) => path.to_owned(),
        _ => HOME.to_owned(),
    }
}

fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
}

fn is_sign_in(path: &str) -> bool {
    let bare = path.split(['?', '#']).next().unwrap_or_default();
    bare == SIGN_IN || bare == "/sign-in/"
}

/// `/sign-in?next=<path>`, for a page that needs a session it does not have.
pub fn sign_in_href(next: &str) -> String {
    if next.is_empty() || next == "/" || !is_local_path(next) || is_sign_in(next) {
        SIGN_IN.to_owned()
    } else {
        format!("{SIGN_IN}?next={}", encode_query_value(next))
    }
}

/// `/sign-in/two-step?next=<path>`: the second step of logging in, then `next`.
pub fn two_step_href(next: &str) -> String {
    format!(
        "{}?next={}",
        paths::TWO_STEP_SIGN_IN,
        encode_query_value(next)
    )
}

/// Percent-encodes a query value, keeping `/` readable.
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(char::from(byte));
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_paths_are_kept() {
        assert_eq!(safe_next(Some("/profile")), "/profile");
        assert_eq!(safe_next(Some("/summary?x=1")), "/summary?x=1");
    }

    #[test]
    fn anything_else_goes_to_the_summary() {
        for bad in [
            "",
            "profile",
            "//evil.example/",
            "/\\evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "/sign-in",
            "/sign-in?next=/profile",
            "/x\ny",
        ] {
            assert_eq!(safe_next(Some(bad)), HOME, "{bad:?}");
        }
        assert_eq!(safe_next(None), HOME);
    }

    #[test]
    fn sign_in_links_carry_the_page_to_return_to() {
        assert_eq!(sign_in_href("/profile"), "/sign-in?next=/profile");
        assert_eq!(
            sign_in_href("/summary?a=1&b=2"),
            "/sign-in?next=/summary%3Fa%3D1%26b%3D2"
        );
        assert_eq!(sign_in_href("/"), "/sign-in");
        assert_eq!(sign_in_href("/sign-in"), "/sign-in");
    }
}
