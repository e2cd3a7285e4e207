use std::time::Instant;
fn main() {
    let seed = std::fs::read_to_string("briefs/taliban-return-pakistan-security.md").unwrap();
    let body = &seed[seed.find("\n+++\n").unwrap() + 5..];
    let mut md = String::from("+++\ntitle = \"Big\"\n+++\n\n");
    let mut i = 0;
    while md.len() < 10_000_000 {
        i += 1;
        md.push_str(&format!("\n# Part {i}\n\n"));
        md.push_str(body);
    }
    println!("bytes {}", md.len());
    let t = Instant::now();
    let opts = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_TASKLISTS;
    let n = pulldown_cmark::Parser::new_ext(&md, opts).into_offset_iter().count();
    println!("pulldown alone {:?} events {n}", t.elapsed());
    let t = Instant::now();
    let off = md.find("\n+++\n").unwrap() + 5;
    let doc = dossier::corpus::Document::parse(&md[off..], off, &md);
    println!("parse {:?} blocks {}", t.elapsed(), doc.blocks.len());
    let t = Instant::now();
    let f = dossier::corpus::FoldedText::new(&doc);
    println!("fold {:?}", t.elapsed());
    drop(f);
    let t = Instant::now();
    let l = dossier::render::Layout::new(&doc, 80);
    println!("layout {:?} rows {}", t.elapsed(), l.rows.len());
}
#[allow(dead_code)]
fn unused() {}
