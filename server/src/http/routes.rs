//! Routes are added through [`Routes`], which keeps a list of every method and
//! path beside the router. The authorization matrix test reads that list, so a
//! route added without an expected answer for every kind of caller fails it.

use super::error::ApiError;
use axum::{handler::Handler, routing, Router};

/// The routes of one feature (or all of them), over the app's state `S`.
pub struct Routes<S> {
    router: Router<S>,
    list: Vec<(&'static str, &'static str)>,
}

impl<S: Clone + Send + Sync + 'static> Default for Routes<S> {
    fn default() -> Self {
        Self {
            router: Router::new(),
            list: Vec::new(),
        }
    }
}

impl<S: Clone + Send + Sync + 'static> Routes<S> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get<H, T>(self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        self.add("GET", path, routing::get(handler))
    }

    /// A GET route that answers other methods with the API's JSON 404, for a
    /// path that must look like an unknown one when it is switched off.
    pub fn get_hidden<H, T>(self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        let method_router = routing::get(handler).fallback(|| async { ApiError::NotFound });
        self.add("GET", path, method_router)
    }

    pub fn post<H, T>(self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        self.add("POST", path, routing::post(handler))
    }

    pub fn put<H, T>(self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        self.add("PUT", path, routing::put(handler))
    }

    pub fn delete<H, T>(self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        self.add("DELETE", path, routing::delete(handler))
    }

    fn add(
        mut self,
        method: &'static str,
        path: &'static str,
        method_router: routing::MethodRouter<S>,
    ) -> Self {
        // axum merges the methods of one path into one route.
        self.router = self.router.route(path, method_router);
        self.list.push((method, path));
        self
    }

    pub fn merge(mut self, other: Routes<S>) -> Self {
        self.router = self.router.merge(other.router);
        self.list.extend(other.list);
        self
    }

    /// Every `(method, path)` under `/api`, in the order they were added.
    pub fn list(&self) -> &[(&'static str, &'static str)] {
        &self.list
    }

    pub fn into_router(self) -> Router<S> {
        self.router
    }
}
