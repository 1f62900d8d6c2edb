//! Property tests of the exchange: whatever the ids, endpoint, token and chunking, a
//! request goes only where it says and carries no secret in an error, and an answer is
//! the same however its body arrives and never grows past its cap.

use proptest::prelude::*;
use sdrs_job_core::exchange::{job_request, BodyReader, RequestSpec, ResponseHead};
use sdrs_job_core::ParseOptions;

/// Undoes percent-encoding (the tests' own, to check the encoder from the outside).
fn decode(segment: &str) -> Vec<u8> {
    let bytes = segment.as_bytes();
    let mut out = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = std::str::from_utf8(&bytes[index + 1..index + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    out
}

fn any_id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9a-f]{32}",
        Just(".".to_owned()),
        Just("..".to_owned()),
        "[./%?#\\\\ a-z\u{0}-\u{1f}\u{e9}\u{4e2d}]{0,12}",
        "\\PC{0,16}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn a_request_goes_to_exactly_the_job_it_names(project in any_id(), job in any_id()) {
        let spec = RequestSpec {
            endpoint: "https://sdrs.example/base",
            project_id: &project,
            job_id: &job,
            ..Default::default()
        };
        match job_request(&spec) {
            Ok(request) => {
                let path = request.url.strip_prefix("https://sdrs.example/base/").unwrap();
                let segments: Vec<&str> = path.split('/').collect();
                prop_assert_eq!(segments.len(), 4, "{}", request.url);
                prop_assert_eq!(segments[0], "v1");
                prop_assert_eq!(segments[2], "jobs");
                prop_assert_eq!(decode(segments[1]), project.trim().as_bytes());
                prop_assert_eq!(decode(segments[3]), job.trim().as_bytes());
                for segment in &segments {
                    prop_assert!(!segment.contains(['?', '#', '\\']));
                    prop_assert!(*segment != "." && *segment != "..");
                    prop_assert!(!segment.bytes().any(|b| b.is_ascii_control() || b > 0x7e));
                }
            }
            Err(error) => {
                prop_assert!(!error.retryable());
                prop_assert!(error.code == "BAD_PROJECT_ID" || error.code == "BAD_JOB_ID");
            }
        }
    }

    #[test]
    fn no_error_ever_holds_the_token(
        // Letters that no error text of ours (nor its Debug form) contains.
        secret in "[QXZ]{8,40}",
        cut in 0usize..40,
        bad in prop::sample::select(vec!['\n', '\r', '\0', '\u{7f}', '\u{e9}', '\u{2028}']),
        header_value in "[QXZ]{4,20}",
    ) {
        // Inside the token: a line break at either end is trimmed, and then harmless.
        let cut = cut.clamp(1, secret.len() - 1);
        let token = format!("{}{bad}{}", &secret[..cut], &secret[cut..]);
        let spec = RequestSpec { project_id: "p", job_id: "j", token: Some(&token), ..Default::default() };
        let error = job_request(&spec).unwrap_err();
        prop_assert_eq!(error.code.as_str(), "BAD_TOKEN");
        let shown = format!("{error} {error:?}");
        prop_assert!(!shown.contains(['Q', 'X', 'Z']), "{}", shown);
        let headers = vec![("X-CSRF-Token".to_owned(), format!("{header_value}{bad}{header_value}"))];
        let spec = RequestSpec { project_id: "p", job_id: "j", headers: &headers, ..Default::default() };
        let error = job_request(&spec).unwrap_err();
        prop_assert_eq!(error.code.as_str(), "BAD_HEADER");
        let shown = format!("{error} {error:?}");
        prop_assert!(!shown.replace("X-CSRF", "").contains(['Q', 'X', 'Z']), "{}", shown);
    }

    #[test]
    fn an_answer_is_the_same_however_its_body_arrives(
        body in prop_oneof![
            Just(r#"{"job_id":"a","status":"RUNNING","entities":{"sub_jobs":[{"status":"FAIL"}]}}"#.to_owned()),
            "\\PC{0,300}",
            "[{}\\[\\]\",:a-z0-9 ]{0,300}",
        ],
        status in prop::sample::select(vec![200u16, 202, 400, 404, 429, 500, 503]),
        sizes in prop::collection::vec(1usize..64, 1..20),
        limit in 0usize..400,
    ) {
        let options = ParseOptions { max_bytes: limit, ..ParseOptions::default() };
        let head = ResponseHead { status, ..Default::default() };
        let whole = BodyReader::start(&head, &options).unwrap();
        let cap = whole.limit();
        let read = |chunks: &mut dyn Iterator<Item = &[u8]>| {
            let mut reader = BodyReader::start(&head, &options).unwrap();
            let mut taken = 0;
            for chunk in chunks {
                reader.push(chunk)?;
                taken += chunk.len();
                assert!(taken <= cap, "more than the cap was taken");
            }
            Ok(reader.finish())
        };
        let at_once = read(&mut std::iter::once(body.as_bytes())).unwrap_or_else(Err);
        let mut rest = body.as_bytes();
        let mut chunks = Vec::new();
        for size in sizes.iter().cycle() {
            if rest.is_empty() { break; }
            let (chunk, tail) = rest.split_at((*size).min(rest.len()));
            chunks.push(chunk);
            rest = tail;
        }
        let in_chunks = read(&mut chunks.into_iter()).unwrap_or_else(Err);
        prop_assert_eq!(at_once.as_ref().err(), in_chunks.as_ref().err());
        prop_assert_eq!(at_once.as_ref().ok().map(|tree| tree.to_json()), in_chunks.as_ref().ok().map(|tree| tree.to_json()));
        if body.len() > cap {
            prop_assert_eq!(at_once.unwrap_err().code, "TOO_LARGE");
        }
    }
}
