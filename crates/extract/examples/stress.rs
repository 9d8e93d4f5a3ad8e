//! Development aid: time the extractor on pathological inputs of growing size,
//! to check that time grows linearly.
use std::time::Instant;

type Case = (&'static str, Box<dyn Fn(usize) -> String>);

fn main() {
    let cases: Vec<Case> = vec![
        (
            "nested divs",
            Box::new(|n| "<div class=a>".repeat(n) + "x" + &"</div>".repeat(n)),
        ),
        ("unclosed spans", Box::new(|n| "<span>a ".repeat(n))),
        (
            "stray end tags",
            Box::new(|n| "<div><p>a</span></b></i>".repeat(n)),
        ),
        ("unclosed attrs", Box::new(|n| "<a href='x ".repeat(n))),
        ("amps", Box::new(|n| "&amp;&#12345&foo;&".repeat(n))),
        ("comments", Box::new(|n| "<!-- <p>".repeat(n))),
        ("scripts", Box::new(|n| "<script>x".repeat(n))),
        (
            "paragraphs",
            Box::new(|n| "<p class=comment>Some words, here. </p>".repeat(n)),
        ),
        ("lis", Box::new(|n| "<ul><li>a<li>b, c.".repeat(n))),
        ("tables", Box::new(|n| "<table><tr><td>a<td>b".repeat(n))),
        (
            "headings",
            Box::new(|n| "<h2>Title words here<h3>x".repeat(n)),
        ),
        ("brs", Box::new(|n| "word<br> <br>".repeat(n))),
        (
            "long class",
            Box::new(|n| format!("<div class=\"{}\">x</div>", "share-".repeat(n))),
        ),
        ("lt text", Box::new(|n| "a < b <".repeat(n))),
    ];
    for (name, make) in &cases {
        let mut line = format!("{name:>16}:");
        for n in [10_000usize, 100_000] {
            let s = make(n);
            let t = Instant::now();
            let ex = parallax_extract::html::extract_html(&s, None);
            let dt = t.elapsed().as_secs_f64();
            line += &format!(
                "  {:>8} B {:>8.1} ms ({} chars out)",
                s.len(),
                dt * 1e3,
                ex.text.len()
            );
        }
        println!("{line}");
    }
}
