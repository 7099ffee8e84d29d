//! The app: contexts, the shell, and the routes.

use crate::{
    access, customers, messages, pages,
    pages::{HomeRedirect, NotFound, SignInPage, SummaryPage},
    returns,
    session::{Flash, RequireSession, Session},
    shell::{FlashRegion, Footer, Header, PageTracker, RouteAnnouncer, SkipLink, MAIN_CONTENT_ID},
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
                    <Route path=path!("/") view=HomeRedirect/>
                    <Route path=path!("/sign-in") view=SignInPage/>
                    <Route
                        path=path!("/summary")
                        view=|| view! { <RequireSession><SummaryPage/></RequireSession> }
                    />
                    // Every other page loads when first shown (crate::lazy).
                    <Route path=path!("/register") view={Lazy::<pages::register::RegisterRoute>::new()}/>
                    <Route path=path!("/verify-email") view={Lazy::<pages::verify_email::VerifyEmailRoute>::new()}/>
                    <Route path=path!("/forgot") view={Lazy::<pages::forgot::ForgotRoute>::new()}/>
                    <Route path=path!("/forgot-username") view={Lazy::<pages::forgot::ForgotUsernameRoute>::new()}/>
                    <Route path=path!("/forgot-password") view={Lazy::<pages::forgot::ForgotPasswordRoute>::new()}/>
                    <Route path=path!("/reset-password") view={Lazy::<pages::reset_password::ResetPasswordRoute>::new()}/>
                    <Route path=path!("/unlock") view={Lazy::<pages::unlock::UnlockRoute>::new()}/>
                    // Manage My Profile's actions and View Activity.
                    <Route path=path!("/profile") view={Lazy::<pages::profile::ProfileRoute>::new()}/>
                    <Route path=path!("/profile/name") view={Lazy::<pages::profile_name::UpdateNameRoute>::new()}/>
                    <Route path=path!("/profile/email") view={Lazy::<pages::profile_email::ChangeEmailRoute>::new()}/>
                    <Route path=path!("/profile/phone") view={Lazy::<pages::profile_phone::EditPhoneRoute>::new()}/>
                    <Route path=path!("/profile/secret-question") view={Lazy::<pages::profile_secret::SecretQuestionRoute>::new()}/>
                    <Route path=path!("/profile/sessions") view={Lazy::<pages::profile_sessions::SessionsRoute>::new()}/>
                    <Route path=path!("/profile/delete") view={Lazy::<pages::profile_delete::DeleteProfileRoute>::new()}/>
                    <Route path=path!("/change-password") view={Lazy::<pages::change_password::ChangePasswordRoute>::new()}/>
                    <Route path=path!("/activity") view={Lazy::<pages::activity::ActivityRoute>::new()}/>
                    <Route path=path!("/confirm-email") view={Lazy::<pages::profile_email::ConfirmEmailRoute>::new()}/>
                    <Route path=path!("/profile-deleted") view={Lazy::<pages::profile_delete::ProfileDeletedRoute>::new()}/>
                    <Route path=path!("/sign-in/two-step") view={Lazy::<pages::two_step::TwoStepRoute>::new()}/>
                    <Route path=path!("/profile/two-step") view={Lazy::<pages::two_step_setup::TwoStepSetupRoute>::new()}/>
                    <Route path=path!("/demo/mailbox") view={Lazy::<pages::mailbox::MailboxRoute>::new()}/>
                    // The client switcher, More... and Manage Secondary Logons.
                    <Route path=path!("/customers") view={Lazy::<customers::CustomersRoute>::new()}/>
                    <Route path=path!("/more") view={Lazy::<users::more::MoreRoute>::new()}/>
                    <Route path=path!("/more/secondary-logons") view={Lazy::<users::secondary_list::SecondaryLogonsRoute>::new()}/>
                    <Route path=path!("/more/secondary-logons/add") view={Lazy::<users::secondary_add::AddSecondaryLogonRoute>::new()}/>
                    <Route path=path!("/more/secondary-logons/:id") view={Lazy::<users::secondary_page::SecondaryLogonSettingsRoute>::new()}/>
                    <Route path=path!("/more/secondary-logons/:id/activity") view={Lazy::<users::secondary_page::SecondaryLogonActivityRoute>::new()}/>
                    <Route path=path!("/more/secondary-logons/:id/groups") view={Lazy::<users::secondary_forms::ChangeGroupsRoute>::new()}/>
                    <Route path=path!("/more/secondary-logons/:id/access") view={Lazy::<users::secondary_forms::ChangeAccessRoute>::new()}/>
                    <Route path=path!("/more/secondary-logons/:id/deactivate") view={Lazy::<users::secondary_forms::DeactivateRoute>::new()}/>
                    <Route path=path!("/more/security-groups") view={Lazy::<users::groups::SecurityGroupsRoute>::new()}/>
                    <Route path=path!("/more/security-groups/add") view={Lazy::<users::groups::AddSecurityGroupRoute>::new()}/>
                    <Route path=path!("/more/security-groups/:id/change") view={Lazy::<users::groups::ChangeSecurityGroupRoute>::new()}/>
                    <Route path=path!("/more/security-groups/:id/delete") view={Lazy::<users::groups::DeleteSecurityGroupRoute>::new()}/>
                    <Route path=path!("/more/customer-security") view={Lazy::<users::customer_security::CustomerSecurityRoute>::new()}/>
                    <Route path=path!("/more/customer-security/:id") view={Lazy::<users::customer_security::SelectSecurityGroupRoute>::new()}/>
                    <Route path=path!("/set-password") view={Lazy::<users::invitation::SetPasswordRoute>::new()}/>
                    // Manage Your Access, Add Access to Another Business, Manage Additional Logons /
                    // Manage Third Party Access, Business Activity, View Messages.
                    <Route path=path!("/more/access") view={Lazy::<access::my_access::MyAccessRoute>::new()}/>
                    <Route path=path!("/more/access/add") view={Lazy::<access::add::AddAccessRoute>::new()}/>
                    <Route path=path!("/more/access/:customer_id/leave") view={Lazy::<access::leave::LeaveRoute>::new()}/>
                    <Route path=path!("/more/additional-logons") view={Lazy::<access::grants::ManageAdditionalLogonsRoute>::new()}/>
                    <Route path=path!("/more/additional-logons/requests/:request_id/approve") view={Lazy::<access::decision::ApproveAdditionalRoute>::new()}/>
                    <Route path=path!("/more/additional-logons/requests/:request_id/deny") view={Lazy::<access::outcome::DenyAdditionalRoute>::new()}/>
                    <Route path=path!("/more/additional-logons/grants/:grant_id/change") view={Lazy::<access::decision::ChangeAdditionalRoute>::new()}/>
                    <Route path=path!("/more/additional-logons/grants/:grant_id/revoke") view={Lazy::<access::outcome::RevokeAdditionalRoute>::new()}/>
                    <Route path=path!("/more/third-party-access") view={Lazy::<access::grants::ManageThirdPartyAccessRoute>::new()}/>
                    <Route path=path!("/more/third-party-access/requests/:request_id/approve") view={Lazy::<access::decision::ApproveThirdPartyRoute>::new()}/>
                    <Route path=path!("/more/third-party-access/requests/:request_id/deny") view={Lazy::<access::outcome::DenyThirdPartyRoute>::new()}/>
                    <Route path=path!("/more/third-party-access/grants/:grant_id/change") view={Lazy::<access::decision::ChangeThirdPartyRoute>::new()}/>
                    <Route path=path!("/more/third-party-access/grants/:grant_id/revoke") view={Lazy::<access::outcome::RevokeThirdPartyRoute>::new()}/>
                    <Route path=path!("/more/business-activity") view={Lazy::<access::business_activity::BusinessActivityRoute>::new()}/>
                    <Route path=path!("/messages") view={Lazy::<messages::MessagesRoute>::new()}/>
                    // File Now: the return, its review, the confirmation; a return as filed.
                    <Route path=path!("/return-history") view={Lazy::<returns::history::ReturnHistoryRoute>::new()}/>
                    <Route path=path!("/accounts/:account_id") view={Lazy::<returns::account::AccountRoute>::new()}/>
                    <Route path=path!("/accounts/:account_id/periods/:period_id/return") view={Lazy::<returns::form::ReturnFormRoute>::new()}/>
                    <Route path=path!("/accounts/:account_id/periods/:period_id/return/review") view={Lazy::<returns::review::ReviewReturnRoute>::new()}/>
                    <Route path=path!("/returns/:return_id") view={Lazy::<returns::filed::FiledReturnRoute>::new()}/>
                    <Route path=path!("/returns/:return_id/confirmation") view={Lazy::<returns::confirmation::ReturnConfirmationRoute>::new()}/>
                </Routes>
            </main>
        </div>
        <Footer/>
        <RouteAnnouncer/>
        <crate::shell::TimeoutWarning/>
    }
}
