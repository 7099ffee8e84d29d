use leptos::prelude::*;

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="width-container">
                <p class="site-footer__text">
                    "State of Connecticut Department of Revenue Services — demonstration portal. The data is fictitious."
                </p>
            </div>
        </footer>
    }
}
