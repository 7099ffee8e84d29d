//! The footer's pages: Help, Contact, Accessibility statement and Privacy.
//! Open to everyone, signed in or not, and plain text: what a first-time
//! visitor needs to trust the service and to get unstuck (issue 14 §5).

use crate::lazy::lazy_page;
use crate::{paths, shell::Page};
use leptos::prelude::*;
use leptos_router::components::A;

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub HelpRoute in about => view! { <HelpPage/> });
lazy_page!(pub ContactRoute in about => view! { <ContactPage/> });
lazy_page!(pub AccessibilityRoute in about => view! { <AccessibilityPage/> });
lazy_page!(pub PrivacyRoute in about => view! { <PrivacyPage/> });

#[component]
pub fn HelpPage() -> impl IntoView {
    view! {
        <Page title="Help">
            <p class="body">"The Taxpayer Portal is where Connecticut businesses, and the tax preparers who act for them, see their tax accounts, file returns and pay."</p>
            <h2 class="heading-m">"Getting started"</h2>
            <ol class="list list--number">
                <li><A href=paths::REGISTER>"Create a logon"</A>": choose a username and password and give your own email address."</li>
                <li>"Open the link we email you to confirm the address. It works once and expires in 24 hours; Log In offers to send it again."</li>
                <li>"Log in, then choose Get access to a business. Have ready the business's CT Tax Registration Number and either a Letter ID from a letter we sent it or the amount of a recent payment."</li>
            </ol>
            <h2 class="heading-m">"Tax preparers"</h2>
            <p class="body">"Ask for access to each client the same way. The client's Master Administrators approve the request. Once you reach more than one business, Customers lists them: search by name or CT Tax Reg No, and find the last ten you opened under Recent clients. Change client, at the top of every page, brings you back to the list as you left it."</p>
            <p class="body">"Staff of a firm or a business get a secondary logon from the person who manages access (More..., Manage Secondary Logons). Security groups decide which customers a secondary logon reaches."</p>
            <h2 class="heading-m">"If you cannot log in"</h2>
            <ul class="list list--bullet">
                <li><A href=paths::FORGOT>"Forgot username or password?"</A>" emails your usernames, or a link to choose a new password after your secret question."</li>
                <li>"After five wrong passwords in a row a logon is locked for 30 minutes for browsers that have not logged in to it before. The email about the lock has a link that unlocks it at once."</li>
                <li>"After 15 minutes without activity you are logged out. A warning comes 2 minutes before, with Stay signed in."</li>
            </ul>
            <h2 class="heading-m">"Access you do not have"</h2>
            <p class="body">"The agency cannot change what your logon may do for a business: only the business's Master Administrators can, or the person who made your secondary logon. Manage Your Access (under More...) shows your access to each business."</p>
            <p class="body"><A href=paths::CONTACT>"Contact"</A>" says where to ask about anything else."</p>
        </Page>
    }
}

#[component]
pub fn ContactPage() -> impl IntoView {
    view! {
        <Page title="Contact">
            <p class="body">"This is a demonstration of a state tax portal: its businesses and people are fictitious, and no help desk answers for it."</p>
            <p class="body">"For a question about your access to a business, ask one of its Master Administrators, or the person who made your secondary logon: only they can change what your logon may do."</p>
            <p class="body">"For a real question about Connecticut taxes, contact the Connecticut Department of Revenue Services through its own website. Never send a tax number, password or bank detail by email."</p>
            <p class="body">"Most answers are in "<A href=paths::HELP>"Help"</A>"."</p>
        </Page>
    }
}

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <Page title="Accessibility statement">
            <p class="body">"We want everyone to be able to use the Taxpayer Portal: with a keyboard alone, with a screen reader or speech recognition, at 200% zoom and on a screen 320 pixels wide."</p>
            <h2 class="heading-m">"How accessible it is"</h2>
            <p class="body">"The portal aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. Every page is tested automatically with axe at a desktop width and at 320 pixels, and its main tasks are walked with the keyboard only. Forms list their problems at the top and link to each field; every new page moves focus to its heading and is announced."</p>
            <h2 class="heading-m">"What we know is not right yet"</h2>
            <ul class="list list--bullet">
                <li>"Wide tables scroll sideways on small screens instead of showing each row as a card."</li>
                <li>"Times are shown with seconds, which screen readers read out in full."</li>
                <li>"Date errors do not yet say which date is wrong."</li>
            </ul>
            <h2 class="heading-m">"Reporting a problem"</h2>
            <p class="body">"If something on a page does not work for you, tell the people who run this portal, with the page's address and what happened. "<A href=paths::CONTACT>"Contact"</A>" says how."</p>
        </Page>
    }
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! {
        <Page title="Privacy">
            <p class="body">"What the Taxpayer Portal keeps about you, why, and for how long."</p>
            <h2 class="heading-m">"What we keep"</h2>
            <ul class="list list--bullet">
                <li>"Your logon: username, name, email address, phone number if you give one, and your secret question. Your password and your secret answer are kept only as one-way hashes: nobody, not even the agency, can read them."</li>
                <li>"For each business: its numbers and address. A FEIN, an SSN and a bank account number are encrypted, and only their last four digits are ever shown."</li>
                <li>"A record of what each logon did, when, and from which network address: the business's administrators and you can read it under Activity, and it shows who did what if something goes wrong."</li>
            </ul>
            <h2 class="heading-m">"Cookies"</h2>
            <p class="body">"Only what the portal needs to work, never for advertising or tracking: a cookie that keeps you logged in (it ends when you log out or after 15 minutes without activity), one that remembers this browser has logged in to your logon before (so someone else's wrong guesses do not lock you out), and, while you wait for a confirmation email, one that lets this browser send the link again."</p>
            <h2 class="heading-m">"How long"</h2>
            <p class="body">"Expired sessions, used or expired email links and old rate-limit counters are deleted every hour. Your logon stays until you delete it under Manage My Profile, Delete My Profile."</p>
        </Page>
    }
}
