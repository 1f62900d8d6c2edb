//! Percent-encoding as the SDKs' canonical requests do it, for path segments and query
//! values alike.

/// Percent-encodes `text` into `out`: every byte but RFC 3986's unreserved characters
/// (`A-Za-z0-9-._~`), in upper-case hex.
pub(crate) fn encode(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(HEX[(byte >> 4) as usize] as char);
            out.push(HEX[(byte & 15) as usize] as char);
        }
    }
}
