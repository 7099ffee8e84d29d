//! Every page's address, in one place. The routes in `app` match these
//! patterns (through [`route`]) and every link is built from them, so a page
//! cannot move without its links moving with it. `:name` marks a parameter.
//!
//! A leaf: it imports no other module of the app, so any module may use it.

use leptos_router::{
    ParamSegment, PartialPathMatch, PathSegment, PossibleRouteMatch, StaticSegment,
};

// ---- signing in, registering, recovering ------------------------------------

pub const ROOT: &str = "/";
pub const SIGN_IN: &str = "/sign-in";
pub const TWO_STEP_SIGN_IN: &str = "/sign-in/two-step";
pub const REGISTER: &str = "/register";
pub const VERIFY_EMAIL: &str = "/verify-email";
/// "Check your email": after registering, or a right password before confirming.
pub const CHECK_EMAIL: &str = "/check-email";
pub const FORGOT: &str = "/forgot";
pub const FORGOT_USERNAME: &str = "/forgot-username";
pub const FORGOT_PASSWORD: &str = "/forgot-password";
pub const RESET_PASSWORD: &str = "/reset-password";
pub const UNLOCK: &str = "/unlock";
/// Where a secondary logon's invitation link lands.
pub const SET_PASSWORD: &str = "/set-password";
pub const DEMO_MAILBOX: &str = "/demo/mailbox";

// ---- the footer's pages ----------------------------------------------------------

pub const HELP: &str = "/help";
pub const CONTACT: &str = "/contact";
pub const ACCESSIBILITY: &str = "/accessibility";
pub const PRIVACY: &str = "/privacy";

// ---- the Summary and Manage My Profile ----------------------------------------

pub const SUMMARY: &str = "/summary";
pub const PROFILE: &str = "/profile";
pub const PROFILE_NAME: &str = "/profile/name";
pub const PROFILE_EMAIL: &str = "/profile/email";
pub const PROFILE_PHONE: &str = "/profile/phone";
pub const PROFILE_SECRET_QUESTION: &str = "/profile/secret-question";
pub const PROFILE_SESSIONS: &str = "/profile/sessions";
pub const PROFILE_DELETE: &str = "/profile/delete";
pub const PROFILE_TWO_STEP: &str = "/profile/two-step";
pub const PROFILE_DELETED: &str = "/profile-deleted";
pub const CHANGE_PASSWORD: &str = "/change-password";
/// Where the link mailed to a new email address lands.
pub const CONFIRM_EMAIL: &str = "/confirm-email";
pub const ACTIVITY: &str = "/activity";
pub const MESSAGES: &str = "/messages";
pub const CUSTOMERS: &str = "/customers";

// ---- More... ------------------------------------------------------------------

pub const MORE: &str = "/more";

pub const SECONDARY_LOGONS: &str = "/more/secondary-logons";
pub const SECONDARY_LOGON_ADD: &str = "/more/secondary-logons/add";
pub const SECONDARY_LOGON: &str = "/more/secondary-logons/:id";
pub const SECONDARY_LOGON_ACTIVITY: &str = "/more/secondary-logons/:id/activity";
pub const SECONDARY_LOGON_GROUPS: &str = "/more/secondary-logons/:id/groups";
pub const SECONDARY_LOGON_ACCESS: &str = "/more/secondary-logons/:id/access";
pub const SECONDARY_LOGON_DISABLE: &str = "/more/secondary-logons/:id/disable";
pub const SECONDARY_LOGON_DEACTIVATE: &str = "/more/secondary-logons/:id/deactivate";

pub const SECURITY_GROUPS: &str = "/more/security-groups";
pub const SECURITY_GROUP_ADD: &str = "/more/security-groups/add";
pub const SECURITY_GROUP_CHANGE: &str = "/more/security-groups/:id/change";
pub const SECURITY_GROUP_DELETE: &str = "/more/security-groups/:id/delete";

pub const CUSTOMER_SECURITY: &str = "/more/customer-security";
pub const CUSTOMER_SECURITY_SELECT: &str = "/more/customer-security/:id";

pub const MY_ACCESS: &str = "/more/access";
pub const ADD_ACCESS: &str = "/more/access/add";
pub const LEAVE: &str = "/more/access/:customer_id/leave";
pub const BUSINESS_ACTIVITY: &str = "/more/business-activity";

/// Manage Payment Channels: the business's bank accounts.
pub const PAYMENT_CHANNELS: &str = "/more/payment-channels";
pub const PAYMENT_CHANNEL_ADD: &str = "/more/payment-channels/add";
pub const PAYMENT_CHANNEL_RENAME: &str = "/more/payment-channels/:id/rename";
pub const PAYMENT_CHANNEL_REMOVE: &str = "/more/payment-channels/:id/remove";

pub const ADDITIONAL_LOGONS: &str = "/more/additional-logons";
pub const ADDITIONAL_APPROVE: &str = "/more/additional-logons/requests/:request_id/approve";
pub const ADDITIONAL_DENY: &str = "/more/additional-logons/requests/:request_id/deny";
pub const ADDITIONAL_CHANGE: &str = "/more/additional-logons/grants/:grant_id/change";
pub const ADDITIONAL_CANCEL: &str = "/more/additional-logons/grants/:grant_id/cancel";

pub const THIRD_PARTY_ACCESS: &str = "/more/third-party-access";
pub const THIRD_PARTY_APPROVE: &str = "/more/third-party-access/requests/:request_id/approve";
pub const THIRD_PARTY_DENY: &str = "/more/third-party-access/requests/:request_id/deny";
pub const THIRD_PARTY_CHANGE: &str = "/more/third-party-access/grants/:grant_id/change";
pub const THIRD_PARTY_REVOKE: &str = "/more/third-party-access/grants/:grant_id/revoke";

// ---- returns: File Now, the account's periods, history ------------------------

/// View/File Returns and View Period Detail: one account's periods.
pub const ACCOUNT: &str = "/accounts/:account_id";
/// File Now: a period's return (`?kind=amended` for an amendment).
pub const RETURN_FORM: &str = "/accounts/:account_id/periods/:period_id/return";
/// Every line of the return, with Change links, and Submit.
pub const RETURN_REVIEW: &str = "/accounts/:account_id/periods/:period_id/return/review";
/// A return exactly as filed.
pub const FILED_RETURN: &str = "/returns/:return_id";
/// What Submit leads to.
pub const RETURN_CONFIRMATION: &str = "/returns/:return_id/confirmation";
pub const RETURN_HISTORY: &str = "/return-history";
/// View Account Period Details: every account's periods for the business.
pub const PERIOD_DETAILS: &str = "/period-details";

/// `pattern` with its parameters, in order, filled in:
/// `fill("/more/secondary-logons/:id", &[7])` is `/more/secondary-logons/7`.
pub fn fill(pattern: &str, values: &[i64]) -> String {
    let mut values = values.iter();
    let filled: Vec<String> = pattern
        .split('/')
        .map(|segment| match segment.strip_prefix(':') {
            Some(_) => values
                .next()
                .map(i64::to_string)
                .unwrap_or_else(|| segment.to_owned()),
            None => segment.to_owned(),
        })
        .collect();
    filled.join("/")
}

/// A route's pattern, for `<Route path=…>`.
pub fn route(pattern: &'static str) -> RoutePath {
    RoutePath(pattern)
}

/// A route pattern such as `/more/secondary-logons/:id`, matched segment by
/// segment the way `leptos_router::path!` would match the same literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoutePath(pub &'static str);

enum Segment {
    Static(&'static str),
    Param(&'static str),
}

impl RoutePath {
    fn segments(self) -> impl Iterator<Item = Segment> {
        self.0
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| match s.strip_prefix(':') {
                Some(name) => Segment::Param(name),
                None => Segment::Static(s),
            })
    }
}

impl PossibleRouteMatch for RoutePath {
    fn optional(&self) -> bool {
        false
    }

    fn test<'a>(&self, path: &'a str) -> Option<PartialPathMatch<'a>> {
        let mut rest = path;
        let mut params = Vec::new();
        // `/` has no segments: like `path!("/")`, it matches without eating
        // anything, and the router takes it only when nothing else is left.
        for segment in self.segments() {
            let matched = match segment {
                Segment::Static(s) => StaticSegment(s).test(rest)?,
                Segment::Param(name) => ParamSegment(name).test(rest)?,
            };
            rest = matched.remaining();
            params.extend(matched.params());
        }
        let matched = &path[..path.len() - rest.len()];
        Some(PartialPathMatch::new(rest, params, matched))
    }

    fn generate_path(&self, path: &mut Vec<PathSegment>) {
        for segment in self.segments() {
            path.push(match segment {
                Segment::Static(s) => PathSegment::Static(s.into()),
                Segment::Param(name) => PathSegment::Param(name.into()),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &'static str, path: &str) -> Option<Vec<(String, String)>> {
        let found = route(pattern).test(path)?;
        found.is_complete().then(|| {
            found
                .params()
                .into_iter()
                .map(|(k, v)| (k.into_owned(), v))
                .collect()
        })
    }

    #[test]
    fn a_pattern_matches_its_own_path_and_reads_the_parameters() {
        assert_eq!(
            matches(SECONDARY_LOGONS, "/more/secondary-logons"),
            Some(vec![])
        );
        assert_eq!(
            matches(SECONDARY_LOGON, "/more/secondary-logons/42"),
            Some(vec![("id".to_owned(), "42".to_owned())])
        );
        assert_eq!(
            matches(ADDITIONAL_CHANGE, "/more/additional-logons/grants/7/change"),
            Some(vec![("grant_id".to_owned(), "7".to_owned())])
        );
        assert_eq!(matches(ROOT, "/"), Some(vec![]));
        assert_eq!(matches(ROOT, ""), Some(vec![]));
    }

    #[test]
    fn other_paths_do_not_match() {
        assert_eq!(matches(SECONDARY_LOGONS, "/more/secondary-logons/42"), None);
        assert_eq!(matches(SECONDARY_LOGON, "/more/secondary-logons"), None);
        assert_eq!(matches(MORE, "/moreover"), None);
        assert_eq!(matches(ROOT, "/summary"), None);
        assert_eq!(matches(SUMMARY, "/"), None);
    }

    #[test]
    fn links_fill_the_parameters_in_order() {
        assert_eq!(fill(SECONDARY_LOGON, &[42]), "/more/secondary-logons/42");
        assert_eq!(fill(LEAVE, &[3]), "/more/access/3/leave");
        assert_eq!(fill(SUMMARY, &[]), "/summary");
        assert_eq!(
            fill(RETURN_REVIEW, &[4, 9]),
            "/accounts/4/periods/9/return/review"
        );
    }
}
