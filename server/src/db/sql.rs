//! SQL assembled from parts, on both databases: each value is bound where the
//! text names it, and gets the next `$N`, so no placeholder number is ever
//! written by hand (and none shifts when a condition is added before it).
//!
//! ```text
//! let mut sql = Sql::new("SELECT id FROM activity a WHERE ");
//! let who = sql.arg(logon_id);           // "$1"
//! sql.push(&format!("a.logon_id = {who}"));
//! if let Some(from) = from {
//!     sql.push(" AND a.occurred_at >= ").push_arg(from);
//! }
//! let ids: Vec<i64> = sql.query_scalar().fetch_all(&db).await?;
//! ```

use sqlx::{
    any::AnyArguments,
    query::{QueryAs, QueryScalar},
    Any, Arguments, FromRow,
};

/// One bound value.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Int(i64),
    Text(String),
    NullInt,
}

impl From<i64> for Arg {
    fn from(value: i64) -> Self {
        Arg::Int(value)
    }
}

impl From<Option<i64>> for Arg {
    fn from(value: Option<i64>) -> Self {
        value.map_or(Arg::NullInt, Arg::Int)
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_owned())
    }
}

#[derive(Debug, Clone, Default)]
pub struct Sql {
    text: String,
    args: Vec<Arg>,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            args: Vec::new(),
        }
    }

    /// Appends fixed text (never input: values go through [`Sql::arg`]).
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Binds `value` and returns its placeholder, to be written into the text
    /// (once or several times).
    pub fn arg(&mut self, value: impl Into<Arg>) -> String {
        self.args.push(value.into());
        format!("${}", self.args.len())
    }

    /// Binds `value` and appends its placeholder.
    pub fn push_arg(&mut self, value: impl Into<Arg>) -> &mut Self {
        let placeholder = self.arg(value);
        self.push(&placeholder)
    }

    /// The same values after `prefix`: the count and the page of one list
    /// share their conditions this way.
    pub fn prefixed(&self, prefix: &str) -> Sql {
        Sql {
            text: format!("{prefix}{}", self.text),
            args: self.args.clone(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Every bound value, in order.
    fn arguments(&self) -> AnyArguments<'_> {
        let mut arguments = AnyArguments::default();
        for arg in &self.args {
            let added = match arg {
                Arg::Int(v) => arguments.add(*v),
                Arg::Text(v) => arguments.add(v.as_str()),
                Arg::NullInt => arguments.add(None::<i64>),
            };
            added.expect("integers and text always encode");
        }
        arguments
    }

    pub fn query_as<'q, O>(&'q self) -> QueryAs<'q, Any, O, AnyArguments<'q>>
    where
        O: for<'r> FromRow<'r, sqlx::any::AnyRow>,
    {
        sqlx::query_as_with(&self.text, self.arguments())
    }

    pub fn query_scalar<'q, O>(&'q self) -> QueryScalar<'q, Any, O, AnyArguments<'q>>
    where
        (O,): for<'r> FromRow<'r, sqlx::any::AnyRow>,
    {
        sqlx::query_scalar_with(&self.text, self.arguments())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_the_order_values_are_bound() {
        let mut sql = Sql::new("SELECT 1 FROM t WHERE a = ");
        let first = sql.arg(7);
        sql.push(&first)
            .push(" AND (b = ")
            .push_arg("x")
            .push(" OR c = ");
        sql.push(&first).push(")").push(" LIMIT ").push_arg(25);
        assert_eq!(
            sql.text(),
            "SELECT 1 FROM t WHERE a = $1 AND (b = $2 OR c = $1) LIMIT $3"
        );
        assert_eq!(
            sql.args,
            vec![Arg::Int(7), Arg::Text("x".into()), Arg::Int(25)]
        );
    }
}
