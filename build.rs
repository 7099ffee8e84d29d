//! Links the browser app with its relocations kept: scripts/build-app.sh cuts
//! the module into the first download and the lazily loaded pages
//! (wasm-split), and it needs them to move code between the parts.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
