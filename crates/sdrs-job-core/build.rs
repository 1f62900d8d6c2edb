//! Turns `data/error-codes.tsv` (the SDRS error-code catalogue) into a sorted static table,
//! so that looking a code up is a binary search and the crate needs no parsing at run time.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=data/error-codes.tsv");
    let source = std::fs::read_to_string("data/error-codes.tsv").expect("data/error-codes.tsv");
    let mut rows: Vec<(u16, String, String, String)> = Vec::new();
    for (line_number, line) in source.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        assert!(
            columns.len() == 4,
            "data/error-codes.tsv line {}: expected 4 tab-separated columns, found {}",
            line_number + 1,
            columns.len()
        );
        let http_status: u16 = columns[0].trim().parse().unwrap_or_else(|_| {
            panic!(
                "data/error-codes.tsv line {}: bad HTTP status {:?}",
                line_number + 1,
                columns[0]
            )
        });
        rows.push((
            http_status,
            columns[1].trim().to_owned(),
            columns[2].trim().to_owned(),
            columns[3].trim().to_owned(),
        ));
    }
    rows.sort_by(|a, b| a.1.cmp(&b.1));
    for pair in rows.windows(2) {
        assert!(pair[0].1 != pair[1].1, "data/error-codes.tsv: duplicate code {}", pair[0].1);
    }
    let mut out = String::from("&[\n");
    for (http_status, code, english, chinese) in &rows {
        writeln!(
            out,
            "    ErrorCodeInfo {{ code: {code:?}, http_status: {http_status}, message_en: {english:?}, message_zh: {chinese:?} }},"
        )
        .unwrap();
    }
    out.push(']');
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out_dir.join("error_codes.rs"), out).unwrap();
}
