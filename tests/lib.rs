//! Holds no code: the tests are under `api/`.
