//! Response headers that every answer carries, and the same-origin rule for
//! requests that change state.

use super::error::ApiError;
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// How the portal is reached, which decides two of the headers below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transport {
    /// Over HTTPS (the cookies are `Secure`), or plain http on localhost.
    pub https: bool,
}

/// Only the app's own scripts and wasm run; nothing may frame the portal.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// With Secure cookies the portal is reached over HTTPS: browsers are told to
/// use nothing else for two years, so a network cannot strip it to plain http.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000; includeSubDomains";

pub async fn security_headers(
    State(transport): State<Transport>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let is_api = path.starts_with("/api/");
    let mut response = next.run(request).await;
    let status = response.status();
    let headers = response.headers_mut();
    let set = |headers: &mut HeaderMap, name: header::HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        CONTENT_SECURITY_POLICY,
    );
    if transport.https {
        set(
            headers,
            header::STRICT_TRANSPORT_SECURITY,
            STRICT_TRANSPORT_SECURITY,
        );
    }
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "no-referrer");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(
        headers,
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        headers,
        header::HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
    if is_api {
        // Tax data must not sit in shared or browser caches.
        set(headers, header::CACHE_CONTROL, "no-store");
    } else if is_fingerprinted(&path) && status.is_success() && !is_html(headers) {
        // trunk names built files by their content hash: a new build means new names.
        set(
            headers,
            header::CACHE_CONTROL,
            "public, max-age=31536000, immutable",
        );
    } else {
        // index.html and unhashed files: revalidate, so a deploy is seen at once.
        set(headers, header::CACHE_CONTROL, "no-cache");
    }
    response
}

/// `/portal-app-3c13d2acdf6302bc_bg.wasm`, `/main-d867ffaae1821e3f.css`,
/// `/split_profile-0e1f6a4c2b3d5e7f.wasm`: a hash of 8 to 16 hex digits before
/// the extension (or before `_bg`). trunk writes its hashes without leading
/// zeros, so some have 15 digits or fewer.
fn is_fingerprinted(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let stem = name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (8..=16).contains(&hash.len()) && hash.chars().all(|c| c.is_ascii_hexdigit())
    })
}

/// index.html, which also answers unknown paths: never cached for good, even
/// when an address happens to look hashed.
fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// Refuses cross-site requests that change state: the browser's Fetch Metadata
/// says where a request came from; older browsers send Origin, checked against
/// the scheme the portal is served with (https with Secure cookies) and Host.
pub async fn same_origin_writes(
    State(transport): State<Transport>,
    request: Request,
    next: Next,
) -> Response {
    let scheme = if transport.https { "https" } else { "http" };
    if is_safe(request.method()) || is_same_origin(request.headers(), scheme) {
        next.run(request).await
    } else {
        ApiError::Forbidden("Requests from other sites are not accepted").into_response()
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_same_origin(headers: &HeaderMap, scheme: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.to_str(), Ok("same-origin") | Ok("none"));
    }
    match (headers.get(header::ORIGIN), headers.get(header::HOST)) {
        (Some(origin), Some(host)) => {
            let origin = origin.to_str().unwrap_or("");
            let origin_host = origin
                .strip_prefix(scheme)
                .and_then(|rest| rest.strip_prefix("://"));
            origin_host.is_some() && origin_host == host.to_str().ok()
        }
        (Some(_), None) => false,
        // No browser metadata at all: not a browser's cross-site request (curl, tests).
        (None, _) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn only_content_hashed_file_names_are_cached_for_good() {
        assert!(is_fingerprinted("/portal-app-3c13d2acdf6302bc_bg.wasm"));
        assert!(is_fingerprinted("/portal-app-3c13d2acdf6302bc.js"));
        assert!(is_fingerprinted("/main-d867ffaae1821e3f.css"));
        assert!(!is_fingerprinted("/index.html"));
        assert!(!is_fingerprinted("/init.js"));
        assert!(!is_fingerprinted("/summary"));
        assert!(!is_fingerprinted("/customers-0123456789abcdefg/summary"));
    }

    #[test]
    fn the_lazily_loaded_modules_and_shorter_trunk_hashes_count_as_hashed() {
        assert!(is_fingerprinted("/split_profile-0e1f6a4c2b3d5e7f.wasm"));
        assert!(is_fingerprinted("/chunk_12-0e1f6a4c2b3d5e7f.wasm"));
        assert!(is_fingerprinted("/__wasm_split-0e1f6a4c2b3d5e7f.js"));
        assert!(is_fingerprinted("/main-79c13032fd0c061.css"));
        assert!(!is_fingerprinted("/main-79c1.css"));
        assert!(!is_fingerprinted("/more/security-groups/12345678"));
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        assert!(is_same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            "https"
        ));
        assert!(!is_same_origin(
            &headers(&[("sec-fetch-site", "cross-site")]),
            "https"
        ));
        assert!(!is_same_origin(
            &headers(&[
                ("sec-fetch-site", "same-site"),
                ("origin", "http://localhost:8080"),
                ("host", "localhost:8080"),
            ]),
            "http"
        ));
    }

    #[test]
    fn origin_must_match_scheme_and_host_without_fetch_metadata() {
        let local = [
            ("origin", "http://127.0.0.1:8080"),
            ("host", "127.0.0.1:8080"),
        ];
        assert!(is_same_origin(&headers(&local), "http"));
        // The same host over the other scheme is another origin.
        assert!(!is_same_origin(&headers(&local), "https"));
        assert!(!is_same_origin(
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "127.0.0.1:8080")
            ]),
            "https"
        ));
        assert!(!is_same_origin(
            &headers(&[("origin", "https:/a"), ("host", "/a")]),
            "https"
        ));
        assert!(!is_same_origin(
            &headers(&[("origin", "null"), ("host", "a")]),
            "http"
        ));
    }
}
