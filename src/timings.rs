//! Phase timings on stderr when `SCHEMADRIFT_TIMINGS` is set: where a scan's time goes, for
//! benchmarks and bug reports. Phases overlap (the SQL, TypeScript and Python families are read
//! at the same time), so the lines do not add up to the total.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("SCHEMADRIFT_TIMINGS").is_some_and(|v| !v.is_empty()))
}

/// A phase being timed; its duration is printed when it is dropped.
pub struct Phase {
    label: &'static str,
    started: Option<Instant>,
}

/// Starts timing `label` (nothing is measured unless `SCHEMADRIFT_TIMINGS` is set).
pub fn phase(label: &'static str) -> Phase {
    Phase {
        label,
        started: enabled().then(Instant::now),
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        if let Some(started) = self.started {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            eprintln!("schemadrift timings: {:<28} {ms:>8.1} ms", self.label);
        }
    }
}
