//! Where the real data sets live for the conformance suites.

use std::path::PathBuf;

/// `$LEARNING_CITY_DATA/<name>` (default `../shared/data/<name>` beside the repository) when its
/// `expected/` folder is there. Missing data is a skip, printed, except with `CI=true`, where it is
/// a failure.
pub fn data_dir(name: &str) -> Option<PathBuf> {
    let dir = std::env::var("LEARNING_CITY_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
        .join(name);
    if dir.join("expected").is_dir() {
        Some(dir)
    } else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but the {name} data are missing at {}",
            dir.display()
        );
        eprintln!(
            "skipped: {name} data not found at {} (set LEARNING_CITY_DATA)",
            dir.display()
        );
        None
    }
}
