//! `/profile/two-step`: turning 2-step verification on (password, then the key
//! as a QR code and as text, then a code from the app, then the recovery codes)
//! or off (password and a code). Also the section on Manage My Profile.

use crate::{
    api,
    components::{
        form_errors, ErrorSummary, FormError, FormState, LoadError, Loading, Submit, SubmitButton,
        TextInput,
    },
    paths,
    session::use_session,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::components::A;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wire::two_step::{Code, CodeRequest, DisableRequest, SetupRequest, SetupView, TwoStepStatus};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub TwoStepSetupRoute in profile => view! { <RequireSession><TwoStepSetupPage/></RequireSession> });

pub const TITLE: &str = "2-step verification";
const STEP_HEADING_ID: &str = "two-step-step";

/// The 2-step verification section of Manage My Profile.
#[component]
pub fn TwoStepSection() -> impl IntoView {
    let status = LocalResource::new(api::two_step_status);
    view! {
        <section class="profile-section" aria-labelledby="two-step-heading">
            <h2 class="heading-m" id="two-step-heading">"2-step verification"</h2>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    let on = matches!(status.await, Ok(TwoStepStatus { enabled_at: Some(_), .. }));
                    view! {
                        <dl class="summary-list">
                            <div class="summary-list__row">
                                <dt class="summary-list__key">"Status"</dt>
                                " "
                                <dd class="summary-list__value">{if on { "On" } else { "Off" }}</dd>
                            </div>
                        </dl>
                        <p class="body">
                            <A href=paths::PROFILE_TWO_STEP>{if on { "Manage 2-step verification" } else { "Set up 2-step verification" }}</A>
                        </p>
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Where the page is in its flow.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Off,
    Scan(SetupView),
    Codes(Vec<String>),
    On(TwoStepStatus),
    TurnedOff,
}

/// Moves focus to the heading of the step just shown, for keyboard and screen reader users.
fn focus_step_heading() {
    set_timeout(
        || {
            if let Some(heading) = document()
                .get_element_by_id(STEP_HEADING_ID)
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = heading.focus();
            }
        },
        Duration::from_millis(50),
    );
}

/// A step's call: on success the page moves to the step `next` makes of the
/// answer, and focus to that step's heading; a refusal goes on the form.
fn step_call<I, T, Fu>(
    form: FormState,
    step: RwSignal<Option<Step>>,
    send: impl Fn(I) -> Fu + 'static,
    next: impl Fn(T) -> Step + 'static,
) -> Submit<I, T>
where
    I: Clone + 'static,
    T: Clone + 'static,
    Fu: std::future::Future<Output = Result<T, api::ApiError>> + 'static,
{
    Submit::new(send, move |answer| match answer {
        Ok(value) => {
            form.clear();
            step.set(Some(next(value)));
            focus_step_heading();
        }
        Err(error) => form.fail(form_errors(&error)),
    })
}

#[component]
pub fn TwoStepSetupPage() -> impl IntoView {
    let session = use_session();
    let status = LocalResource::new(api::two_step_status);
    let retry = Callback::new(move |_| status.refetch());
    let step = RwSignal::new(None::<Step>);
    let form = FormState::new();
    Effect::new(move |_| {
        if let Some(Ok(loaded)) = status.get() {
            if step.get_untracked().is_none() {
                step.set(Some(if loaded.enabled_at.is_some() {
                    Step::On(loaded)
                } else {
                    Step::Off
                }));
            }
        }
    });
    let back = || view! { <BackToProfile/> };
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            {move || match (step.get(), status.get()) {
                (Some(Step::Off), _) => view! { <StartForm form=form step=step/> }.into_any(),
                (Some(Step::Scan(setup)), _) => view! { <ScanStep form=form step=step setup=setup/> }.into_any(),
                (Some(Step::Codes(codes)), _) => view! { <CodesStep codes=codes/> {back()} }.into_any(),
                (Some(Step::On(status)), _) => view! { <TurnOffForm form=form step=step status=status/> }.into_any(),
                (Some(Step::TurnedOff), _) => view! {
                    <h2 class="heading-m" id=STEP_HEADING_ID tabindex="-1">"2-step verification is off"</h2>
                    <p class="body">"Logging in now needs only your username and password. We have emailed you to confirm this change."</p>
                    {back()}
                }.into_any(),
                (None, Some(Err(error))) if error.is_unauthorized() => {
                    session.expired();
                    view! { <Loading/> }.into_any()
                }
                (None, Some(Err(error))) => view! { <LoadError message=error.message() on_retry=retry/> }.into_any(),
                (None, _) => view! { <Loading/> }.into_any(),
            }}
        </Page>
    }
}

#[component]
fn StartForm(form: FormState, step: RwSignal<Option<Step>>) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let start = step_call(
        form,
        step,
        |request: SetupRequest| async move { api::two_step_setup(&request).await },
        Step::Scan,
    );
    let on_submit = start.on_submit(form, move || {
        let request = SetupRequest {
            password: password.get_untracked(),
        };
        request.check().map_err(FormError::all)?;
        Ok(request)
    });
    view! {
        <p class="body">"2-step verification is off. With it on, logging in also asks for a code from an authentication app on your phone or computer, so your password alone is not enough to get into your logon."</p>
        <p class="body">"You will need an authentication app, for example Google Authenticator, Microsoft Authenticator or 1Password."</p>
        <form class="form" novalidate on:submit=on_submit>
            <TextInput
                id="password"
                label="Your current password"
                value=password
                input_type="password"
                error=form.error_for("password")
                autocomplete="current-password"
                width_class="input--width-20"
            />
            <SubmitButton pending=start.pending()>"Set up 2-step verification"</SubmitButton>
        </form>
        <BackToProfile/>
    }
}

#[component]
fn ScanStep(form: FormState, step: RwSignal<Option<Step>>, setup: SetupView) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let confirm = step_call(
        form,
        step,
        |request: CodeRequest| async move { api::two_step_confirm(&request).await },
        |confirmed| Step::Codes(confirmed.recovery_codes),
    );
    let on_submit = confirm.on_submit(form, move || {
        let typed = code.get_untracked();
        Code::parse(&typed, false).map_err(|message| vec![FormError::field("code", message)])?;
        Ok(CodeRequest { code: typed })
    });
    let alt = format!(
        "QR code that adds {} to an authentication app. If you cannot scan it, use the key below.",
        setup.account_label
    );
    view! {
        <h2 class="heading-m" id=STEP_HEADING_ID tabindex="-1">"Add your logon to your authentication app"</h2>
        <ol class="list list--number">
            <li>"Open your authentication app and choose to add an account."</li>
            <li>"Scan this QR code with the app."</li>
        </ol>
        <img class="qr-code" src=setup.qr_image alt=alt width="200" height="200"/>
        <p class="body">"If you cannot scan the QR code, enter this key in the app instead (the spaces do not matter):"</p>
        <p class="body two-step-key"><code id="two-step-key">{setup.key_groups}</code></p>
        <form class="form" novalidate on:submit=on_submit>
            <TextInput
                id="code"
                label="Security code"
                hint="Enter the 6-digit code the app now shows for your logon."
                value=code
                error=form.error_for("code")
                autocomplete="one-time-code"
                inputmode="numeric"
                no_spellcheck=true
                width_class="input--width-10"
            />
            <SubmitButton pending=confirm.pending()>"Turn on 2-step verification"</SubmitButton>
        </form>
    }
}

#[component]
fn CodesStep(codes: Vec<String>) -> impl IntoView {
    view! {
        <h2 class="heading-m" id=STEP_HEADING_ID tabindex="-1">"2-step verification is on: save your recovery codes"</h2>
        <p class="body">"If you lose your phone or cannot use your authentication app, you can log in with one of these codes instead. Each code works once."</p>
        <p class="body"><strong>"We will not show these codes again."</strong>" Print them or write them down, and keep them somewhere safe, apart from your password."</p>
        <ul class="list recovery-codes" aria-label="Recovery codes">
            {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
        </ul>
        <p class="body">"We have emailed you to confirm this change, and logged you out on any other devices."</p>
    }
}

#[component]
fn TurnOffForm(
    form: FormState,
    step: RwSignal<Option<Step>>,
    status: TwoStepStatus,
) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let turn_off = step_call(
        form,
        step,
        |request: DisableRequest| async move { api::two_step_disable(&request).await },
        |_| Step::TurnedOff,
    );
    let on_submit = turn_off.on_submit(form, move || {
        let request = DisableRequest {
            password: password.get_untracked(),
            code: code.get_untracked(),
        };
        request.parse().map_err(FormError::all)?;
        Ok(request)
    });
    let since = status
        .enabled_at
        .map(crate::format::date_us)
        .map(|date| format!("2-step verification is on since {date}."))
        .unwrap_or_else(|| "2-step verification is on.".to_owned());
    view! {
        <p class="body">{since}" "{format!("You have {} unused recovery codes.", status.recovery_codes_left)}</p>
        <h2 class="heading-m">"Turn off 2-step verification"</h2>
        <p class="body">"Without it, your password alone opens your logon."</p>
        <form class="form" novalidate on:submit=on_submit>
            <TextInput
                id="password"
                label="Your current password"
                value=password
                input_type="password"
                error=form.error_for("password")
                autocomplete="current-password"
                width_class="input--width-20"
            />
            <TextInput
                id="code"
                label="Security code"
                hint="The 6-digit code from your authentication app, or one of your recovery codes."
                value=code
                error=form.error_for("code")
                autocomplete="one-time-code"
                no_spellcheck=true
                width_class="input--width-10"
            />
            <SubmitButton pending=turn_off.pending() warning=true>"Turn off 2-step verification"</SubmitButton>
        </form>
        <BackToProfile/>
    }
}

#[component]
fn BackToProfile() -> impl IntoView {
    view! { <p class="body"><A href=paths::PROFILE>"Back to Manage My Profile"</A></p> }
}
