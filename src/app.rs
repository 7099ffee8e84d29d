//! The app: contexts, the shell, and the routes.

use crate::{
    activity, customers, grants, messages, pages,
    pages::{
        ForgotPage, ForgotPasswordPage, ForgotUsernamePage, HomeRedirect, NotFound, ProfilePage,
        RegisterPage, ResetPasswordPage, SignInPage, SummaryPage, VerifyEmailPage,
    },
    paths::{self, route},
    session::{Flash, Session},
    shell::{
        FlashRegion, Footer, Header, PageTracker, RequireSession, RouteAnnouncer, SkipLink,
        MAIN_CONTENT_ID,
    },
    users,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use wire::grants::RequestKind;

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
                    <Route path=route(paths::ROOT) view=HomeRedirect/>
                    <Route path=route(paths::SIGN_IN) view=SignInPage/>
                    <Route path=route(paths::REGISTER) view=RegisterPage/>
                    <Route path=route(paths::VERIFY_EMAIL) view=VerifyEmailPage/>
                    <Route path=route(paths::FORGOT) view=ForgotPage/>
                    <Route path=route(paths::FORGOT_USERNAME) view=ForgotUsernamePage/>
                    <Route path=route(paths::FORGOT_PASSWORD) view=ForgotPasswordPage/>
                    <Route path=route(paths::RESET_PASSWORD) view=ResetPasswordPage/>
                    <Route path=route(paths::UNLOCK) view=pages::UnlockPage/>
                    <Route
                        path=route(paths::SUMMARY)
                        view=|| view! { <RequireSession><SummaryPage/></RequireSession> }
                    />
                    <Route
                        path=route(paths::PROFILE)
                        view=|| view! { <RequireSession><ProfilePage/></RequireSession> }
                    />
                    // Manage My Profile's actions and View Activity.
                    <Route path=route(paths::PROFILE_NAME) view=|| view! { <RequireSession><pages::UpdateNamePage/></RequireSession> }/>
                    <Route path=route(paths::PROFILE_EMAIL) view=|| view! { <RequireSession><pages::ChangeEmailPage/></RequireSession> }/>
                    <Route path=route(paths::PROFILE_PHONE) view=|| view! { <RequireSession><pages::EditPhonePage/></RequireSession> }/>
                    <Route path=route(paths::PROFILE_SECRET_QUESTION) view=|| view! { <RequireSession><pages::SecretQuestionPage/></RequireSession> }/>
                    <Route path=route(paths::PROFILE_SESSIONS) view=|| view! { <RequireSession><pages::SessionsPage/></RequireSession> }/>
                    <Route path=route(paths::PROFILE_DELETE) view=|| view! { <RequireSession><pages::DeleteProfilePage/></RequireSession> }/>
                    <Route path=route(paths::CHANGE_PASSWORD) view=|| view! { <RequireSession><pages::ChangePasswordPage/></RequireSession> }/>
                    <Route path=route(paths::ACTIVITY) view=|| view! { <RequireSession><activity::ActivityPageView/></RequireSession> }/>
                    <Route path=route(paths::CONFIRM_EMAIL) view=pages::ConfirmEmailPage/>
                    <Route path=route(paths::PROFILE_DELETED) view=pages::ProfileDeletedPage/>
                    <Route path=route(paths::TWO_STEP_SIGN_IN) view=pages::two_step::TwoStepPage/>
                    <Route path=route(paths::PROFILE_TWO_STEP) view=|| view! { <RequireSession><pages::two_step_setup::TwoStepSetupPage/></RequireSession> }/>
                    <Route path=route(paths::DEMO_MAILBOX) view=pages::mailbox::MailboxPage/>
                    // The client switcher, More... and Manage Secondary Logons.
                    <Route path=route(paths::CUSTOMERS) view=|| view! { <RequireSession><customers::CustomersPage/></RequireSession> }/>
                    <Route path=route(paths::MORE) view=|| view! { <RequireSession><users::more::MorePage/></RequireSession> }/>
                    <Route path=route(paths::SECONDARY_LOGONS) view=|| view! { <RequireSession><users::secondary_list::SecondaryLogonsPage/></RequireSession> }/>
                    <Route path=route(paths::SECONDARY_LOGON_ADD) view=|| view! { <RequireSession><users::secondary_add::AddSecondaryLogonPage/></RequireSession> }/>
                    <Route path=route(paths::SECONDARY_LOGON) view=|| view! { <RequireSession><users::secondary_page::SecondaryLogonPage tab=users::secondary_page::Tab::Settings/></RequireSession> }/>
                    <Route path=route(paths::SECONDARY_LOGON_ACTIVITY) view=|| view! { <RequireSession><users::secondary_page::SecondaryLogonPage tab=users::secondary_page::Tab::Activity/></RequireSession> }/>
                    <Route path=route(paths::SECONDARY_LOGON_GROUPS) view=|| view! { <RequireSession><users::secondary_forms::ChangeGroupsPage/></RequireSession> }/>
                    <Route path=route(paths::SECONDARY_LOGON_ACCESS) view=|| view! { <RequireSession><users::secondary_forms::ChangeAccessPage/></RequireSession> }/>
                    <Route path=route(paths::SECONDARY_LOGON_DEACTIVATE) view=|| view! { <RequireSession><users::secondary_forms::DeactivatePage/></RequireSession> }/>
                    <Route path=route(paths::SECURITY_GROUPS) view=|| view! { <RequireSession><users::groups::SecurityGroupsPage/></RequireSession> }/>
                    <Route path=route(paths::SECURITY_GROUP_ADD) view=|| view! { <RequireSession><users::groups::SecurityGroupFormPage change=false/></RequireSession> }/>
                    <Route path=route(paths::SECURITY_GROUP_CHANGE) view=|| view! { <RequireSession><users::groups::SecurityGroupFormPage change=true/></RequireSession> }/>
                    <Route path=route(paths::SECURITY_GROUP_DELETE) view=|| view! { <RequireSession><users::groups::DeleteSecurityGroupPage/></RequireSession> }/>
                    <Route path=route(paths::CUSTOMER_SECURITY) view=|| view! { <RequireSession><users::customer_security::CustomerSecurityPage/></RequireSession> }/>
                    <Route path=route(paths::CUSTOMER_SECURITY_SELECT) view=|| view! { <RequireSession><users::customer_security::SelectSecurityGroupPage/></RequireSession> }/>
                    <Route path=route(paths::SET_PASSWORD) view=users::invitation::SetPasswordPage/>
                    // Manage Your Access, Add Access to Another Business, Manage Additional Logons /
                    // Manage Third Party Access, Business Activity, View Messages.
                    <Route path=route(paths::MY_ACCESS) view=|| view! { <RequireSession><grants::MyAccessPage/></RequireSession> }/>
                    <Route path=route(paths::ADD_ACCESS) view=|| view! { <RequireSession><grants::AddAccessPage/></RequireSession> }/>
                    <Route path=route(paths::LEAVE) view=|| view! { <RequireSession><grants::LeavePage/></RequireSession> }/>
                    <Route path=route(paths::ADDITIONAL_LOGONS) view=|| view! { <RequireSession><grants::ManageGrantsPage kind=RequestKind::Additional/></RequireSession> }/>
                    <Route path=route(paths::ADDITIONAL_APPROVE) view=|| view! { <RequireSession><grants::ApprovePage kind=RequestKind::Additional/></RequireSession> }/>
                    <Route path=route(paths::ADDITIONAL_DENY) view=|| view! { <RequireSession><grants::DenyPage kind=RequestKind::Additional/></RequireSession> }/>
                    <Route path=route(paths::ADDITIONAL_CHANGE) view=|| view! { <RequireSession><grants::ChangePage kind=RequestKind::Additional/></RequireSession> }/>
                    <Route path=route(paths::ADDITIONAL_CANCEL) view=|| view! { <RequireSession><grants::RevokePage kind=RequestKind::Additional/></RequireSession> }/>
                    <Route path=route(paths::THIRD_PARTY_ACCESS) view=|| view! { <RequireSession><grants::ManageGrantsPage kind=RequestKind::ThirdParty/></RequireSession> }/>
                    <Route path=route(paths::THIRD_PARTY_APPROVE) view=|| view! { <RequireSession><grants::ApprovePage kind=RequestKind::ThirdParty/></RequireSession> }/>
                    <Route path=route(paths::THIRD_PARTY_DENY) view=|| view! { <RequireSession><grants::DenyPage kind=RequestKind::ThirdParty/></RequireSession> }/>
                    <Route path=route(paths::THIRD_PARTY_CHANGE) view=|| view! { <RequireSession><grants::ChangePage kind=RequestKind::ThirdParty/></RequireSession> }/>
                    <Route path=route(paths::THIRD_PARTY_REVOKE) view=|| view! { <RequireSession><grants::RevokePage kind=RequestKind::ThirdParty/></RequireSession> }/>
                    <Route path=route(paths::BUSINESS_ACTIVITY) view=|| view! { <RequireSession><activity::BusinessActivityPage/></RequireSession> }/>
                    <Route path=route(paths::MESSAGES) view=|| view! { <RequireSession><messages::MessagesPage/></RequireSession> }/>
                </Routes>
            </main>
        </div>
        <Footer/>
        <RouteAnnouncer/>
        <crate::shell::TimeoutWarning/>
    }
}
