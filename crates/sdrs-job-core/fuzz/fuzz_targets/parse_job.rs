//! Fuzzes the job parser, the writer, summary, layout and the error-body reader with the
//! checks in `tests/support/fuzz_check.rs`. Run with `cargo xtask fuzz`.
#![no_main]

#[path = "../../tests/support/fuzz_check.rs"]
mod fuzz_check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    fuzz_check::check_input(data);
});
