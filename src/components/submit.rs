//! Sending a form, or pressing a button that changes something: one Leptos
//! [`Action`] per form. While a call is on its way another press sends
//! nothing, and the button says so (`aria-disabled`). The answer is handled by
//! an effect of the page that asked: once that page is gone (the person moved
//! on, or the answer itself replaced the form) nothing touches it, so no task
//! outlives its component and reads what was disposed with it.

use super::form::{form_errors, FormError, FormState};
use crate::{api::ApiError, session::use_session};
use leptos::{ev::SubmitEvent, prelude::*};
use std::future::Future;

/// One call a page makes when asked, and what it does with the answer.
pub struct Submit<I: 'static, T: 'static> {
    action: Action<I, Result<T, ApiError>>,
    pending: Memo<bool>,
}

impl<I, T> Clone for Submit<I, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, T> Copy for Submit<I, T> {}

impl<I: Clone + 'static, T: Clone + 'static> Submit<I, T> {
    /// `send` makes the call with what was dispatched; `answered` gets every
    /// answer, on this page, while it is shown.
    pub fn new<F, Fu>(send: F, answered: impl Fn(Result<T, ApiError>) + 'static) -> Self
    where
        F: Fn(I) -> Fu + 'static,
        Fu: Future<Output = Result<T, ApiError>> + 'static,
    {
        let action = Action::new_local(move |input: &I| send(input.clone()));
        let pending = action.pending();
        let value = action.value();
        Effect::new(move |_| {
            if let Some(answer) = value.get() {
                // What the handler reads must not make this effect run again.
                untrack(|| answered(answer));
            }
        });
        Self { action, pending }
    }

    /// A form's call: success clears the form's errors and runs `done`; a 401
    /// ends the session (the page's guard then asks to log in again); any
    /// other refusal goes in the form's error summary.
    pub fn form<F, Fu>(form: FormState, send: F, done: impl Fn(T) + 'static) -> Self
    where
        F: Fn(I) -> Fu + 'static,
        Fu: Future<Output = Result<T, ApiError>> + 'static,
    {
        Self::form_with(form, send, form_errors, done)
    }

    /// [`Submit::form`] with the page's own reading of a refusal.
    pub fn form_with<F, Fu>(
        form: FormState,
        send: F,
        errors: impl Fn(&ApiError) -> Vec<FormError> + 'static,
        done: impl Fn(T) + 'static,
    ) -> Self
    where
        F: Fn(I) -> Fu + 'static,
        Fu: Future<Output = Result<T, ApiError>> + 'static,
    {
        let session = use_session();
        Self::new(send, move |answer| match answer {
            Ok(value) => {
                form.clear();
                done(value);
            }
            Err(error) if error.is_unauthorized() => session.expired(),
            Err(error) => form.fail(errors(&error)),
        })
    }

    /// Sends `input`, unless a call is already on its way.
    pub fn dispatch(&self, input: I) {
        if !self.pending.get_untracked() {
            self.action.dispatch_local(input);
        }
    }

    /// True while a call is on its way (tracked).
    pub fn pending(&self) -> Signal<bool> {
        self.pending.into()
    }

    /// Whether a call is on its way now (tracked).
    pub fn is_pending(&self) -> bool {
        self.pending.get()
    }

    /// `aria-disabled` for the button that sends it.
    pub fn busy(&self) -> impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static {
        let pending = self.pending;
        move || pending.get().then_some("true")
    }

    /// A form's `on:submit`: stops the browser's own submit; then, unless a
    /// call is on its way, `prepare` reads the boxes and gives what to send,
    /// or the problems to list (and nothing is sent; no problems at all means
    /// there is nothing to send yet).
    pub fn on_submit(
        self,
        form: FormState,
        prepare: impl Fn() -> Result<I, Vec<FormError>> + Clone + 'static,
    ) -> impl Fn(SubmitEvent) + Clone + 'static {
        move |ev: SubmitEvent| {
            ev.prevent_default();
            if self.pending.get_untracked() {
                return;
            }
            match prepare() {
                Ok(input) => {
                    self.action.dispatch_local(input);
                }
                Err(errors) if errors.is_empty() => {}
                Err(errors) => form.fail(errors),
            }
        }
    }
}

/// A form's button: `aria-disabled` while its call is on its way (it stays
/// focusable, so a keyboard user is not thrown off it).
#[component]
pub fn SubmitButton(
    /// [`Submit::pending`].
    pending: Signal<bool>,
    /// A red button, for what cannot be undone.
    #[prop(optional)]
    warning: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <button
            type="submit"
            class="button"
            class:button--warning=warning
            aria-disabled=move || pending.get().then_some("true")
        >
            {children()}
        </button>
    }
}

/// A form's button and, beside it, the link out without sending ("Cancel").
#[component]
pub fn SubmitOrCancel(
    /// [`Submit::pending`].
    pending: Signal<bool>,
    #[prop(into)] label: String,
    /// Where "Cancel" goes.
    #[prop(into)]
    cancel: String,
    /// The link's own words, when "Cancel" would be unclear beside the button.
    #[prop(default = "Cancel")]
    cancel_label: &'static str,
    /// A red button, for what cannot be undone.
    #[prop(optional)]
    warning: bool,
) -> impl IntoView {
    view! {
        <div class="button-group">
            <SubmitButton pending=pending warning=warning>{label}</SubmitButton>
            <leptos_router::components::A href=cancel>{cancel_label}</leptos_router::components::A>
        </div>
    }
}
