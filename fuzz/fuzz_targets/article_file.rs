//! Fuzz target: an uploaded article file (`POST /articles/upload`) on its way to an `ArticleDraft`.
//!
//! The first byte picks the file name's extension (`.txt`, `.md`, `.html`, `.HTM`, `.pdf`, none);
//! the rest is the file. It goes through `text_from_file` (UTF-8 check, or html2text for HTML),
//! `title_from_text` when the form has no title, and `ArticleDraft::parse` with the uploaded text as
//! the body, as `web::articles::upload` does. Invariants: nothing panics; only the four text
//! extensions are read; text files come back unchanged; a title taken from the text is at most 200
//! characters and comes from one line; an accepted draft's body is normalized, within the limit and
//! without NUL or CR.
#![no_main]

use claimdesk::domain::{
    normalize_body, text_from_file, title_from_text, ArticleDraft, RawArticle,
};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 6] = [
    "a.txt",
    "notes.md",
    "page.html",
    "PAGE.HTM",
    "scan.pdf",
    "README",
];
const LIMIT: usize = 64 * 1024;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[pick as usize % NAMES.len()];
    let Ok(text) = text_from_file(name, bytes) else {
        return;
    };
    match pick as usize % NAMES.len() {
        0 | 1 => assert_eq!(text.as_bytes(), bytes, "text files are taken as they are"),
        2 | 3 => assert!(
            !text.lines().any(|l| l != l.trim_end()),
            "trailing blanks kept"
        ),
        _ => panic!("{name} was read as an article"),
    }
    let title = title_from_text(&text);
    if let Some(t) = &title {
        assert!(t.chars().count() <= 200 && !t.contains('\n'));
        assert!(!t.is_empty());
    }
    let raw = RawArticle {
        title: title.unwrap_or_else(|| name.to_owned()),
        body: text,
        ..RawArticle::default()
    };
    if let Ok(draft) = ArticleDraft::parse(&raw, LIMIT) {
        assert!(!draft.body.is_empty() && draft.body.len() <= LIMIT);
        assert!(!draft.body.contains('\0') && !draft.body.contains('\r'));
        assert_eq!(normalize_body(&draft.body), draft.body);
    }
});
