//! The app: contexts, the shell, and the routes.

use crate::lazy::lazy_page;
use crate::{
    activity, customers, grants, messages, pages,
    pages::{HomeRedirect, NotFound, SignInPage, SummaryPage},
    paths::{self, route},
    payments, returns,
    session::{Flash, Session},
    shell::{
        FlashRegion, Footer, Header, PageTracker, RequireSession, RouteAnnouncer, SkipLink,
        MAIN_CONTENT_ID,
    },
    users,
};
use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path, Lazy,
};

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Shell/>
        </Router>
    }
}

/// Everything inside the router, so the shell can read the location.
#[component]
fn Shell() -> impl IntoView {
    Session::provide();
    Flash::provide();
    PageTracker::provide();
    view! {
        <SkipLink/>
        <Header/>
        <div class="width-container">
            <main class="main" id=MAIN_CONTENT_ID tabindex="-1">
                <FlashRegion/>
                <Routes fallback=|| view! { <NotFound/> }>
                    // In the first download: what Log In and the Summary need.
                    <Route path=route(paths::ROOT) view=HomeRedirect/>
                    <Route path=route(paths::SIGN_IN) view=SignInPage/>
                    <Route
                        path=route(paths::SUMMARY)
                        view=|| view! { <RequireSession><SummaryPage/></RequireSession> }
                    />
                    // Every other page, and the table that finds it, load when first
                    // needed (crate::lazy): the first download does not grow with
                    // the number of pages.
                    <Route path=path!("/*any") view={Lazy::<OtherPagesRoute>::new()}/>
                </Routes>
            </main>
        </div>
        <Footer/>
        <RouteAnnouncer/>
        <crate::shell::TimeoutWarning/>
    }
}

// The route table of every page but Log In and the Summary. It is a lazy page
// of its own: each `Route` costs the module that holds it about 120 gzip bytes
// of matching code, so the table stays out of the first download. `Routes`
// matches the whole address, so nesting it under `/*any` changes no path.
lazy_page!(OtherPagesRoute in pages_table => view! { <OtherPages/> });

#[component]
fn OtherPages() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            // The footer's pages: Help, Contact, Accessibility statement, Privacy.
            <Route path=route(paths::HELP) view={Lazy::<pages::about::HelpRoute>::new()}/>
            <Route path=route(paths::CONTACT) view={Lazy::<pages::about::ContactRoute>::new()}/>
            <Route path=route(paths::ACCESSIBILITY) view={Lazy::<pages::about::AccessibilityRoute>::new()}/>
            <Route path=route(paths::PRIVACY) view={Lazy::<pages::about::PrivacyRoute>::new()}/>
            <Route path=route(paths::REGISTER) view={Lazy::<pages::register::RegisterRoute>::new()}/>
            <Route path=route(paths::CHECK_EMAIL) view={Lazy::<pages::check_email::CheckEmailRoute>::new()}/>
            <Route path=route(paths::VERIFY_EMAIL) view={Lazy::<pages::verify_email::VerifyEmailRoute>::new()}/>
            <Route path=route(paths::FORGOT) view={Lazy::<pages::forgot::ForgotRoute>::new()}/>
            <Route path=route(paths::FORGOT_USERNAME) view={Lazy::<pages::forgot::ForgotUsernameRoute>::new()}/>
            <Route path=route(paths::FORGOT_PASSWORD) view={Lazy::<pages::forgot::ForgotPasswordRoute>::new()}/>
            <Route path=route(paths::RESET_PASSWORD) view={Lazy::<pages::reset_password::ResetPasswordRoute>::new()}/>
            <Route path=route(paths::UNLOCK) view={Lazy::<pages::unlock::UnlockRoute>::new()}/>
            // Manage My Profile's actions and View Activity.
            <Route path=route(paths::PROFILE) view={Lazy::<pages::profile::ProfileRoute>::new()}/>
            <Route path=route(paths::PROFILE_NAME) view={Lazy::<pages::profile_name::UpdateNameRoute>::new()}/>
            <Route path=route(paths::PROFILE_EMAIL) view={Lazy::<pages::profile_email::ChangeEmailRoute>::new()}/>
            <Route path=route(paths::PROFILE_PHONE) view={Lazy::<pages::profile_phone::EditPhoneRoute>::new()}/>
            <Route path=route(paths::PROFILE_SECRET_QUESTION) view={Lazy::<pages::profile_secret::SecretQuestionRoute>::new()}/>
            <Route path=route(paths::PROFILE_SESSIONS) view={Lazy::<pages::profile_sessions::SessionsRoute>::new()}/>
            <Route path=route(paths::PROFILE_DELETE) view={Lazy::<pages::profile_delete::DeleteProfileRoute>::new()}/>
            <Route path=route(paths::CHANGE_PASSWORD) view={Lazy::<pages::change_password::ChangePasswordRoute>::new()}/>
            <Route path=route(paths::ACTIVITY) view={Lazy::<activity::ActivityRoute>::new()}/>
            <Route path=route(paths::CONFIRM_EMAIL) view={Lazy::<pages::profile_email::ConfirmEmailRoute>::new()}/>
            <Route path=route(paths::PROFILE_DELETED) view={Lazy::<pages::profile_delete::ProfileDeletedRoute>::new()}/>
            <Route path=route(paths::TWO_STEP_SIGN_IN) view={Lazy::<pages::two_step::TwoStepRoute>::new()}/>
            <Route path=route(paths::PROFILE_TWO_STEP) view={Lazy::<pages::two_step_setup::TwoStepSetupRoute>::new()}/>
            <Route path=route(paths::DEMO_MAILBOX) view={Lazy::<pages::mailbox::MailboxRoute>::new()}/>
            // The client switcher, More... and Manage Secondary Logons.
            <Route path=route(paths::CUSTOMERS) view={Lazy::<customers::CustomersRoute>::new()}/>
            <Route path=route(paths::MORE) view={Lazy::<users::more::MoreRoute>::new()}/>
            <Route path=route(paths::SECONDARY_LOGONS) view={Lazy::<users::secondary_list::SecondaryLogonsRoute>::new()}/>
            <Route path=route(paths::SECONDARY_LOGON_ADD) view={Lazy::<users::secondary_add::AddSecondaryLogonRoute>::new()}/>
            <Route path=route(paths::SECONDARY_LOGON) view={Lazy::<users::secondary_page::SecondaryLogonSettingsRoute>::new()}/>
            <Route path=route(paths::SECONDARY_LOGON_ACTIVITY) view={Lazy::<users::secondary_page::SecondaryLogonActivityRoute>::new()}/>
            <Route path=route(paths::SECONDARY_LOGON_GROUPS) view={Lazy::<users::secondary_forms::ChangeGroupsRoute>::new()}/>
            <Route path=route(paths::SECONDARY_LOGON_ACCESS) view={Lazy::<users::secondary_forms::ChangeAccessRoute>::new()}/>
            <Route path=route(paths::SECONDARY_LOGON_DISABLE) view={Lazy::<users::secondary_forms::DisableRoute>::new()}/>
            <Route path=route(paths::SECONDARY_LOGON_DEACTIVATE) view={Lazy::<users::secondary_forms::DeactivateRoute>::new()}/>
            <Route path=route(paths::SECURITY_GROUPS) view={Lazy::<users::groups::SecurityGroupsRoute>::new()}/>
            <Route path=route(paths::SECURITY_GROUP_ADD) view={Lazy::<users::groups::AddSecurityGroupRoute>::new()}/>
            <Route path=route(paths::SECURITY_GROUP_CHANGE) view={Lazy::<users::groups::ChangeSecurityGroupRoute>::new()}/>
            <Route path=route(paths::SECURITY_GROUP_DELETE) view={Lazy::<users::groups::DeleteSecurityGroupRoute>::new()}/>
            <Route path=route(paths::CUSTOMER_SECURITY) view={Lazy::<users::customer_security::CustomerSecurityRoute>::new()}/>
            <Route path=route(paths::CUSTOMER_SECURITY_SELECT) view={Lazy::<users::customer_security::SelectSecurityGroupRoute>::new()}/>
            <Route path=route(paths::SET_PASSWORD) view={Lazy::<users::invitation::SetPasswordRoute>::new()}/>
            // Manage Your Access, Add Access to Another Business, Manage Additional Logons /
            // Manage Third Party Access, Business Activity, View Messages.
            <Route path=route(paths::MY_ACCESS) view={Lazy::<grants::my_access::MyAccessRoute>::new()}/>
            <Route path=route(paths::ADD_ACCESS) view={Lazy::<grants::add::AddAccessRoute>::new()}/>
            <Route path=route(paths::LEAVE) view={Lazy::<grants::leave::LeaveRoute>::new()}/>
            <Route path=route(paths::ADDITIONAL_LOGONS) view={Lazy::<grants::manage::ManageAdditionalLogonsRoute>::new()}/>
            <Route path=route(paths::ADDITIONAL_APPROVE) view={Lazy::<grants::decision::ApproveAdditionalRoute>::new()}/>
            <Route path=route(paths::ADDITIONAL_DENY) view={Lazy::<grants::outcome::DenyAdditionalRoute>::new()}/>
            <Route path=route(paths::ADDITIONAL_CHANGE) view={Lazy::<grants::decision::ChangeAdditionalRoute>::new()}/>
            <Route path=route(paths::ADDITIONAL_CANCEL) view={Lazy::<grants::outcome::RevokeAdditionalRoute>::new()}/>
            <Route path=route(paths::THIRD_PARTY_ACCESS) view={Lazy::<grants::manage::ManageThirdPartyAccessRoute>::new()}/>
            <Route path=route(paths::THIRD_PARTY_APPROVE) view={Lazy::<grants::decision::ApproveThirdPartyRoute>::new()}/>
            <Route path=route(paths::THIRD_PARTY_DENY) view={Lazy::<grants::outcome::DenyThirdPartyRoute>::new()}/>
            <Route path=route(paths::THIRD_PARTY_CHANGE) view={Lazy::<grants::decision::ChangeThirdPartyRoute>::new()}/>
            <Route path=route(paths::THIRD_PARTY_REVOKE) view={Lazy::<grants::outcome::RevokeThirdPartyRoute>::new()}/>
            <Route path=route(paths::BUSINESS_ACTIVITY) view={Lazy::<activity::business::BusinessActivityRoute>::new()}/>
            <Route path=route(paths::MESSAGES) view={Lazy::<messages::MessagesRoute>::new()}/>
            <Route path=route(paths::PAYMENT_CHANNELS) view={Lazy::<payments::PaymentChannelsRoute>::new()}/>
            <Route path=route(paths::PAYMENT_CHANNEL_ADD) view={Lazy::<payments::add::AddBankAccountRoute>::new()}/>
            <Route path=route(paths::PAYMENT_CHANNEL_RENAME) view={Lazy::<payments::change::RenameBankAccountRoute>::new()}/>
            <Route path=route(paths::PAYMENT_CHANNEL_REMOVE) view={Lazy::<payments::change::RemoveBankAccountRoute>::new()}/>
            // File Now: the return, its review, the confirmation; a return as filed;
            // View/File Returns and View Period Detail; View Return History;
            // View Account Period Details.
            <Route path=route(paths::RETURN_HISTORY) view={Lazy::<returns::history::ReturnHistoryRoute>::new()}/>
            <Route path=route(paths::PERIOD_DETAILS) view={Lazy::<returns::period_details::PeriodDetailsRoute>::new()}/>
            <Route path=route(paths::ACCOUNT) view={Lazy::<returns::account::AccountRoute>::new()}/>
            <Route path=route(paths::RETURN_FORM) view={Lazy::<returns::form::ReturnFormRoute>::new()}/>
            <Route path=route(paths::RETURN_REVIEW) view={Lazy::<returns::review::ReviewReturnRoute>::new()}/>
            <Route path=route(paths::FILED_RETURN) view={Lazy::<returns::filed::FiledReturnRoute>::new()}/>
            <Route path=route(paths::RETURN_CONFIRMATION) view={Lazy::<returns::confirmation::ReturnConfirmationRoute>::new()}/>
        </Routes>
    }
}
