//! Embeds `briefs/` and `themes/` in the binary, so `dossier` opens the bundled corpus from any
//! directory and after `cargo install`.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    // A position-dependent executable on Linux: the dynamic loader then has no 20,000 relative
    // relocations to apply and the pages they touch are not copied, which takes about 0.3–0.6 ms
    // off every start (see the README's "Speed and memory"). The cost is that the executable's
    // own code is not placed at a random address; shared libraries still are.
    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") && env::var("DOSSIER_PIE").is_err() {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-env-changed=DOSSIER_PIE");
    // Read by `.cargo/link-gcc`, the linker on Linux x86-64: a change relinks the binary.
    println!("cargo:rerun-if-env-changed=DOSSIER_DYNAMIC");
    let root = env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".to_owned());
    let mut out = String::new();
    for (name, folder, extensions) in [
        ("BRIEFS", "briefs", &["md", "toml"][..]),
        ("THEMES", "themes", &["toml"][..]),
    ] {
        println!("cargo:rerun-if-changed={folder}");
        let dir = Path::new(&root).join(folder);
        let mut files: Vec<_> = fs::read_dir(&dir)
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e))
        });
        files.sort();
        let _ = writeln!(out, "pub static {name}: &[(&str, &str)] = &[");
        for path in files {
            let Some(file) = path.file_name().and_then(|f| f.to_str()) else {
                continue;
            };
            println!("cargo:rerun-if-changed={}", path.display());
            let _ = writeln!(
                out,
                "    ({:?}, include_str!({:?})),",
                format!("{folder}/{file}"),
                path.display().to_string()
            );
        }
        out.push_str("];\n");
    }
    let target = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".to_owned())).join("embedded.rs");
    if let Err(e) = fs::write(&target, out) {
        panic!("cannot write {}: {e}", target.display()); // a build script reports failure by panicking
    }
}
