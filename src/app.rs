//! The app: contexts, the shell, and the routes.

use crate::{
    access, customers, messages, pages,
    pages::{
        ForgotPage, ForgotPasswordPage, ForgotUsernamePage, HomeRedirect, NotFound, ProfilePage,
        RegisterPage, ResetPasswordPage, SignInPage, SummaryPage, VerifyEmailPage,
    },
    session::{Flash, RequireSession, Session},
    shell::{FlashRegion, Footer, Header, PageTracker, RouteAnnouncer, SkipLink, MAIN_CONTENT_ID},
    users,
};
use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};
use wire::requests::RequestKind;

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
                    <Route path=path!("/") view=HomeRedirect/>
                    <Route path=path!("/sign-in") view=SignInPage/>
                    <Route path=path!("/register") view=RegisterPage/>
                    <Route path=path!("/verify-email") view=VerifyEmailPage/>
                    <Route path=path!("/forgot") view=ForgotPage/>
                    <Route path=path!("/forgot-username") view=ForgotUsernamePage/>
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage/>
                    <Route path=path!("/reset-password") view=ResetPasswordPage/>
                    <Route path=path!("/unlock") view=pages::UnlockPage/>
                    <Route
                        path=path!("/summary")
                        view=|| view! { <RequireSession><SummaryPage/></RequireSession> }
                    />
                    <Route
                        path=path!("/profile")
                        view=|| view! { <RequireSession><ProfilePage/></RequireSession> }
                    />
                    // Manage My Profile's actions and View Activity.
                    <Route path=path!("/profile/name") view=|| view! { <RequireSession><pages::UpdateNamePage/></RequireSession> }/>
                    <Route path=path!("/profile/email") view=|| view! { <RequireSession><pages::ChangeEmailPage/></RequireSession> }/>
                    <Route path=path!("/profile/phone") view=|| view! { <RequireSession><pages::EditPhonePage/></RequireSession> }/>
                    <Route path=path!("/profile/secret-question") view=|| view! { <RequireSession><pages::SecretQuestionPage/></RequireSession> }/>
                    <Route path=path!("/profile/sessions") view=|| view! { <RequireSession><pages::SessionsPage/></RequireSession> }/>
                    <Route path=path!("/profile/delete") view=|| view! { <RequireSession><pages::DeleteProfilePage/></RequireSession> }/>
                    <Route path=path!("/change-password") view=|| view! { <RequireSession><pages::ChangePasswordPage/></RequireSession> }/>
                    <Route path=path!("/activity") view=|| view! { <RequireSession><pages::ActivityPageView/></RequireSession> }/>
                    <Route path=path!("/confirm-email") view=pages::ConfirmEmailPage/>
                    <Route path=path!("/profile-deleted") view=pages::ProfileDeletedPage/>
                    <Route path=path!("/sign-in/two-step") view=pages::two_step::TwoStepPage/>
                    <Route path=path!("/profile/two-step") view=|| view! { <RequireSession><pages::two_step_setup::TwoStepSetupPage/></RequireSession> }/>
                    <Route path=path!("/demo/mailbox") view=pages::mailbox::MailboxPage/>
                    // The client switcher, More... and Manage Secondary Logons.
                    <Route path=path!("/customers") view=|| view! { <RequireSession><customers::CustomersPage/></RequireSession> }/>
                    <Route path=path!("/more") view=|| view! { <RequireSession><users::more::MorePage/></RequireSession> }/>
                    <Route path=path!("/more/secondary-logons") view=|| view! { <RequireSession><users::secondary_list::SecondaryLogonsPage/></RequireSession> }/>
                    <Route path=path!("/more/secondary-logons/add") view=|| view! { <RequireSession><users::secondary_add::AddSecondaryLogonPage/></RequireSession> }/>
                    <Route path=path!("/more/secondary-logons/:id") view=|| view! { <RequireSession><users::secondary_page::SecondaryLogonPage tab=users::secondary_page::Tab::Settings/></RequireSession> }/>
                    <Route path=path!("/more/secondary-logons/:id/activity") view=|| view! { <RequireSession><users::secondary_page::SecondaryLogonPage tab=users::secondary_page::Tab::Activity/></RequireSession> }/>
                    <Route path=path!("/more/secondary-logons/:id/groups") view=|| view! { <RequireSession><users::secondary_forms::ChangeGroupsPage/></RequireSession> }/>
                    <Route path=path!("/more/secondary-logons/:id/access") view=|| view! { <RequireSession><users::secondary_forms::ChangeAccessPage/></RequireSession> }/>
                    <Route path=path!("/more/secondary-logons/:id/deactivate") view=|| view! { <RequireSession><users::secondary_forms::DeactivatePage/></RequireSession> }/>
                    <Route path=path!("/more/security-groups") view=|| view! { <RequireSession><users::groups::SecurityGroupsPage/></RequireSession> }/>
                    <Route path=path!("/more/security-groups/add") view=|| view! { <RequireSession><users::groups::SecurityGroupFormPage change=false/></RequireSession> }/>
                    <Route path=path!("/more/security-groups/:id/change") view=|| view! { <RequireSession><users::groups::SecurityGroupFormPage change=true/></RequireSession> }/>
                    <Route path=path!("/more/security-groups/:id/delete") view=|| view! { <RequireSession><users::groups::DeleteSecurityGroupPage/></RequireSession> }/>
                    <Route path=path!("/more/customer-security") view=|| view! { <RequireSession><users::customer_security::CustomerSecurityPage/></RequireSession> }/>
                    <Route path=path!("/more/customer-security/:id") view=|| view! { <RequireSession><users::customer_security::SelectSecurityGroupPage/></RequireSession> }/>
                    <Route path=path!("/set-password") view=users::invitation::SetPasswordPage/>
                    // Manage Your Access, Add Access to Another Business, Manage Additional Logons /
                    // Manage Third Party Access, Business Activity, View Messages.
                    <Route path=path!("/more/access") view=|| view! { <RequireSession><access::MyAccessPage/></RequireSession> }/>
                    <Route path=path!("/more/access/add") view=|| view! { <RequireSession><access::AddAccessPage/></RequireSession> }/>
                    <Route path=path!("/more/access/:customer_id/leave") view=|| view! { <RequireSession><access::LeavePage/></RequireSession> }/>
                    <Route path=path!("/more/additional-logons") view=|| view! { <RequireSession><access::ManageGrantsPage kind=RequestKind::Additional/></RequireSession> }/>
                    <Route path=path!("/more/additional-logons/requests/:request_id/approve") view=|| view! { <RequireSession><access::ApprovePage kind=RequestKind::Additional/></RequireSession> }/>
                    <Route path=path!("/more/additional-logons/requests/:request_id/deny") view=|| view! { <RequireSession><access::DenyPage kind=RequestKind::Additional/></RequireSession> }/>
                    <Route path=path!("/more/additional-logons/grants/:grant_id/change") view=|| view! { <RequireSession><access::ChangePage kind=RequestKind::Additional/></RequireSession> }/>
                    <Route path=path!("/more/additional-logons/grants/:grant_id/revoke") view=|| view! { <RequireSession><access::RevokePage kind=RequestKind::Additional/></RequireSession> }/>
                    <Route path=path!("/more/third-party-access") view=|| view! { <RequireSession><access::ManageGrantsPage kind=RequestKind::ThirdParty/></RequireSession> }/>
                    <Route path=path!("/more/third-party-access/requests/:request_id/approve") view=|| view! { <RequireSession><access::ApprovePage kind=RequestKind::ThirdParty/></RequireSession> }/>
                    <Route path=path!("/more/third-party-access/requests/:request_id/deny") view=|| view! { <RequireSession><access::DenyPage kind=RequestKind::ThirdParty/></RequireSession> }/>
                    <Route path=path!("/more/third-party-access/grants/:grant_id/change") view=|| view! { <RequireSession><access::ChangePage kind=RequestKind::ThirdParty/></RequireSession> }/>
                    <Route path=path!("/more/third-party-access/grants/:grant_id/revoke") view=|| view! { <RequireSession><access::RevokePage kind=RequestKind::ThirdParty/></RequireSession> }/>
                    <Route path=path!("/more/business-activity") view=|| view! { <RequireSession><access::BusinessActivityPage/></RequireSession> }/>
                    <Route path=path!("/messages") view=|| view! { <RequireSession><messages::MessagesPage/></RequireSession> }/>
                </Routes>
            </main>
        </div>
        <Footer/>
        <RouteAnnouncer/>
        <crate::shell::TimeoutWarning/>
    }
}
