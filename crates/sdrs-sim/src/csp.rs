//! The Content-Security-Policy sent with the console page: strict (no `unsafe-inline`, no
//! `unsafe-eval`), so the page is tested as a careful console would serve it.
//!
//! trunk writes one small inline module script into `index.html` (it imports the
//! wasm-bindgen glue and starts the wasm). Rather than allow inline script, the policy
//! names that script by its SHA-256 hash, computed from the `index.html` being served.
//! Everything else is a file from the same origin; WebAssembly compilation needs
//! `'wasm-unsafe-eval'` (which allows wasm only, not JavaScript `eval`). Styles are files
//! too: the widget sets element styles through the CSSOM, which `style-src 'self'` allows.

use base64::Engine;
use sha2::{Digest, Sha256};

/// Where the page may send requests: its own origin (the simulator), a local simulator
/// on another port, and the SDRS endpoints of Huawei Cloud.
pub const CONNECT_SOURCES: &str =
    "'self' http://127.0.0.1:* http://localhost:* https://*.myhuaweicloud.com";

/// The policy for a page whose HTML is `index_html`.
pub fn policy_for(index_html: &str) -> String {
    let hashes: String = inline_scripts(index_html)
        .map(|script| format!(" 'sha256-{}'", sha256_base64(script)))
        .collect();
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src {CONNECT_SOURCES}; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
    )
}

fn sha256_base64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
}

/// The text of each `<script>` element without a `src` attribute, exactly as the browser
/// hashes it (everything between the opening tag's `>` and `</script`).
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find("<script").map(|offset| from + offset) {
        let Some(tag_end) = lower[start..].find('>').map(|offset| start + offset) else { break };
        let Some(close) = lower[tag_end..].find("</script").map(|offset| tag_end + offset) else {
            break;
        };
        let tag = &lower[start..tag_end];
        if !tag.contains(" src=") && !tag.contains("\nsrc=") {
            found.push((tag_end + 1, close));
        }
        from = close;
    }
    found.into_iter().map(move |(begin, end)| &html[begin..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_named_by_hash_and_nothing_is_unsafe() {
        let html = "<html><head><script type=\"module\">\nimport init from '/app.js';\n</script>\
                    <SCRIPT src=\"/other.js\"></SCRIPT><script>alert(1)</script></head></html>";
        let scripts: Vec<&str> = inline_scripts(html).collect();
        assert_eq!(scripts, ["\nimport init from '/app.js';\n", "alert(1)"]);
        let policy = policy_for(html);
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert!(
            policy.contains("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"),
            "{policy}"
        );
        assert_eq!(policy.matches("'sha256-").count(), 2);
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"));
        assert!(policy.contains("'wasm-unsafe-eval'"));
    }

    #[test]
    fn a_page_without_inline_script_gets_no_hash() {
        assert!(!policy_for("<p>hello</p><script src=/a.js></script>").contains("sha256"));
        // An unterminated script is not hashed (the browser would not run it either).
        assert!(!policy_for("<script>never closed").contains("sha256"));
    }
}
