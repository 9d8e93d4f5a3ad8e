//! HTML article extraction: the main body text and the page's metadata.
//!
//! The page is parsed by a small forgiving tree builder ([`dom`]), the body is
//! found by prose density over that tree ([`body`]), and the metadata comes
//! from JSON-LD, `<meta>` tags and a few markup conventions ([`meta`]). See
//! `docs/extraction.md` for the method and the benchmark figures.

mod body;
mod dom;
mod meta;

use parallax_core::Extracted;

/// Extract the main article body and metadata from an HTML page.
///
/// `text` holds the body's paragraphs (and in-body subheadings and list items)
/// separated by one blank line, without the title. Never panics; time is
/// linear in the input size.
pub fn extract_html(html: &str, url_hint: Option<&str>) -> Extracted {
    let dom = dom::parse(html);
    let page = meta::extract_meta(&dom, url_hint);
    let title = page.meta.title.clone().or(page.h1.clone());
    let mut body = body::extract_body(&dom, title.as_deref());
    if let Some(ld) = page.ld_body.as_deref() {
        let ld_text = ld_paragraphs(ld);
        let ld_chars = ld_text.chars().count();
        // JSON-LD bodies are written by the publisher's CMS: trust one that is
        // clearly longer than what the markup gave (often a body rendered by
        // script, or split into pieces the DOM walk missed).
        if (ld_chars > 200 || body.chars == 0) && (body.chars as f64) < 0.6 * ld_chars as f64 {
            body.text = ld_text;
        }
    }
    Extracted {
        meta: page.meta,
        text: body.text,
        removed: body.removed,
    }
}

/// JSON-LD `articleBody` as paragraphs: split at line breaks; markup, if any,
/// is reduced to its text.
fn ld_paragraphs(s: &str) -> String {
    let s = if s.contains('<') && s.contains('>') {
        let d = dom::parse(s);
        let mut t = String::new();
        for i in 0..d.nodes.len() {
            let tag = d.node(i).tag;
            if tag == dom::Tag::Text {
                t.push_str(d.text_of(i));
            } else if tag.is_block() || tag == dom::Tag::Br {
                t.push('\n');
            }
        }
        t
    } else {
        let mut t = String::new();
        dom::decode_entities(s, &mut t);
        t
    };
    s.split('\n')
        .map(body::collapse)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::extract_html;

    const PAGE: &str = r##"<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Harbour bridge reopens after storm repairs | The Coastal Ledger</title>
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="og:title" content="Harbour bridge reopens after storm repairs">
<meta name="author" content="By Mara Quill and Tobias Fenwick">
<meta property="article:published_time" content="2031-03-14T07:30:00+00:00">
<link rel="canonical" href="https://ledger.example/news/2031/03/14/bridge-reopens">
<script>var junk = "<p>not text</p>";</script>
<style>p { color: red }</style>
</head>
<body>
<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<div class="breaking-ticker"><a href="/x">Markets close higher as the quarter ends, analysts say</a></div>
<main>
<article class="story">
<h1>Harbour bridge reopens after storm repairs</h1>
<div class="byline">By Mara Quill and Tobias Fenwick</div>
<figure><img src="b.jpg"><figcaption>Photo: Lena Ostrow / Ledger Images</figcaption></figure>
<div class="story-body">
<p>The Eastgate harbour bridge reopened to traffic on Friday morning, four months after a winter storm tore away part of its northern span and cut the town's main link to the ring road.</p>
<p>Engineers from the county works department replaced twelve steel girders and rebuilt the pedestrian walkway, at a cost the council put at just over two million pounds.</p>
<h2>Traffic returns to normal</h2>
<p>Bus operators said their routes through the old town would return to the usual timetable from Monday, ending weeks of diversions that had added up to forty minutes to some journeys.</p>
<ul><li>Route 4 resumes its harbour stop.</li><li>Route 9 returns to the bridge.</li></ul>
<p class="promo">Sign up for our newsletter to get the morning briefing.</p>
<p>"It has been a long winter for everyone who lives on the north side," said councillor Ida Brannock, who cut the ribbon at a short ceremony attended by about a hundred residents.</p>
</div>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article>
<section class="related-stories"><h3>Related</h3>
<p><a href="/a">Council approves new ferry timetable for the summer season, with extra evening sailings</a></p>
<p><a href="/b">Storm damage bill for the county rises again as inspections of sea walls continue</a></p>
</section>
<div id="comments" class="comments-area">
<div class="comment"><p>Finally! I have been driving the long way round since December and it has cost me a fortune in fuel, so this is very welcome news indeed.</p></div>
<div class="comment"><p>Two million pounds seems like a lot for a bridge that was only rebuilt fifteen years ago. Who signed off on the original design, and will anyone be held accountable?</p></div>
</div>
</main>
<footer class="site-footer"><p>Copyright 2031 The Coastal Ledger. All rights reserved. Contact us at the newsroom.</p></footer>
</body></html>"##;

    #[test]
    fn body_skips_nav_comments_related_and_keeps_subheadings() {
        let ex = extract_html(PAGE, None);
        let t = &ex.text;
        assert!(t.starts_with("The Eastgate harbour bridge reopened"), "{t}");
        assert!(t.contains("\n\nTraffic returns to normal\n\n"), "{t}");
        assert!(t.contains("Route 4 resumes its harbour stop."));
        assert!(t.contains("councillor Ida Brannock"));
        for junk in [
            "Home",
            "Finally!",
            "ferry timetable",
            "Share on",
            "Copyright",
            "Photo:",
            "Sign up",
            "not text",
            "color: red",
            "Markets close",
            "By Mara",
        ] {
            assert!(!t.contains(junk), "{junk:?} leaked into {t}");
        }
        // Paragraphs: one blank line apart, whitespace collapsed.
        assert!(!t.contains("\n\n\n"));
        assert!(t
            .split("\n\n")
            .all(|p| !p.is_empty() && p.trim() == p && !p.contains("  ")));
        assert!(ex
            .removed
            .iter()
            .any(|r| r.reason == "newsletter" || r.reason == "promo"));
    }

    #[test]
    fn metadata_from_meta_tags() {
        let ex = extract_html(PAGE, None);
        let m = &ex.meta;
        assert_eq!(
            m.title.as_deref(),
            Some("Harbour bridge reopens after storm repairs")
        );
        assert_eq!(m.outlet.as_deref(), Some("The Coastal Ledger"));
        assert_eq!(
            m.byline,
            vec!["Mara Quill".to_string(), "Tobias Fenwick".to_string()]
        );
        assert_eq!(m.published.as_deref(), Some("2031-03-14"));
        assert_eq!(
            m.url.as_deref(),
            Some("https://ledger.example/news/2031/03/14/bridge-reopens")
        );
        assert_eq!(m.language.as_deref(), Some("en"));
    }

    #[test]
    fn metadata_from_json_ld_and_fallbacks() {
        let html = r##"<html><head>
<title>Glacier museum opens doors - Northern Post</title>
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Northern Post"},
 {"@type":"NewsArticle","headline":"Glacier museum opens its doors",
  "datePublished":"2029-06-02T10:00:00Z",
  "author":[{"@type":"Person","name":"Ansel Bright"},{"@type":"Person","name":"Kaia Moreno"}],
  "publisher":{"@type":"Organization","name":"Northern Post"},
  "inLanguage":"nb-NO"}]}
</script></head>
<body><div class="content"><p>The new glacier museum in the valley welcomed its first visitors on Saturday, with queues stretching past the car park before the doors opened at ten.</p>
<p>Curators said the centrepiece, a core of ice drilled from the glacier's upper plateau, would remain on display through the winter.</p></div></body></html>"##;
        let ex = extract_html(html, Some("https://northernpost.example/culture/museum"));
        let m = &ex.meta;
        assert_eq!(m.title.as_deref(), Some("Glacier museum opens its doors"));
        assert_eq!(
            m.byline,
            vec!["Ansel Bright".to_string(), "Kaia Moreno".to_string()]
        );
        assert_eq!(m.published.as_deref(), Some("2029-06-02"));
        assert_eq!(m.outlet.as_deref(), Some("Northern Post"));
        assert_eq!(m.language.as_deref(), Some("nb"));
        assert_eq!(
            m.url.as_deref(),
            Some("https://northernpost.example/culture/museum")
        );
        assert!(ex.text.starts_with("The new glacier museum"));
        assert_eq!(ex.text.matches("\n\n").count(), 1);
    }

    #[test]
    fn title_suffix_date_from_url_and_host_outlet() {
        let html = r##"<html><head><title>Dam inspection finds cracks | Valley Courier</title></head>
<body><h1>Dam inspection finds cracks</h1>
<p>Inspectors found hairline cracks in the spillway of the Millbrook dam during a routine survey last week, the water authority said on Tuesday.</p>
<p>The authority said there was no immediate risk to homes downstream, but it would lower the reservoir by two metres as a precaution.</p></body></html>"##;
        let ex = extract_html(
            html,
            Some("https://www.valleycourier.example/2030/05/07/dam-cracks/"),
        );
        assert_eq!(
            ex.meta.title.as_deref(),
            Some("Dam inspection finds cracks")
        );
        assert_eq!(ex.meta.published.as_deref(), Some("2030-05-07"));
        assert_eq!(ex.meta.outlet.as_deref(), Some("valleycourier.example"));
        assert!(!ex.text.contains("Dam inspection finds cracks"));
        assert!(ex.text.contains("hairline cracks"));
    }

    #[test]
    fn itemprop_article_body_and_byline_element() {
        let html = r##"<html><body>
<div class="sidebar"><p>Our most read stories this week, chosen by readers across the region and updated every hour of the day.</p></div>
<div class="post"><span class="byline">By Odile Vance</span>
<div itemprop="articleBody"><p>Short first line.</p><p>The orchard cooperative said its apple harvest was the largest in a decade, helped by a warm spring and a late, dry autumn.</p></div></div>
</body></html>"##;
        let ex = extract_html(html, None);
        assert_eq!(ex.meta.byline, vec!["Odile Vance".to_string()]);
        assert!(ex.text.starts_with("Short first line."), "{}", ex.text);
        assert!(!ex.text.contains("most read"));
    }

    #[test]
    fn json_ld_body_used_when_markup_has_none() {
        let html = r##"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Rail strike called off","articleBody":"Union leaders called off Thursday's rail strike after late talks with the operator produced a new pay offer.\nMembers will vote on the offer next month, the union said in a statement on its website."}</script></head><body><div id="app"></div></body></html>"##;
        let ex = extract_html(html, None);
        assert!(ex.text.starts_with("Union leaders called off"));
        assert_eq!(ex.text.matches("\n\n").count(), 1);
    }

    #[test]
    fn empty_and_garbage_inputs() {
        for s in [
            "",
            " ",
            "<",
            "<<<<>>>>",
            "<html>",
            "</p></div></body>",
            "<p>",
            "\u{0}\u{1}\u{fffd}",
            "<script>",
            "<!--",
            "<a href='x",
            "&#xffffffff; &#0; &#55296;",
            "<p>only a paragraph</p>",
            "<div><div><div><div><span></div></span></p></td>",
        ] {
            let ex = extract_html(s, None);
            assert!(!ex.text.contains("\n\n\n"));
        }
        let deep = "<div>".repeat(50_000) + "text" + &"</div>".repeat(50_000);
        let ex = extract_html(&deep, None);
        assert_eq!(ex.text, "text");
        let wide = "<p>word, word. </p>".repeat(20_000);
        let ex = extract_html(&wide, None);
        assert!(ex.text.len() > 100_000);
    }

    mod prop {
        use super::super::extract_html;
        use proptest::prelude::*;

        fn htmlish() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                Just("<p>".to_string()),
                Just("</p>".to_string()),
                Just("<div class=\"article-body\">".to_string()),
                Just("<div class='comments'>".to_string()),
                Just("</div>".to_string()),
                Just("<a href=x>".to_string()),
                Just("</a>".to_string()),
                Just("<br>".to_string()),
                Just("<h2>".to_string()),
                Just("<script>".to_string()),
                Just("</script>".to_string()),
                Just("<!--".to_string()),
                Just("-->".to_string()),
                Just("<meta name=author content=\"By A and B\">".to_string()),
                Just("<script type=\"application/ld+json\">{\"@type\":\"Article\",".to_string()),
                Just("&amp;&#x4e2d;&".to_string()),
                "[a-zA-Z .,!?é中]{0,40}",
                any::<String>(),
            ];
            proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]
            #[test]
            fn never_panics_on_htmlish(s in htmlish()) {
                let ex = extract_html(&s, Some("https://x.example/2020/01/02/a"));
                prop_assert!(!ex.text.contains("\n\n\n"));
                prop_assert!(!ex.text.starts_with(char::is_whitespace));
            }

            #[test]
            fn never_panics_on_random_strings(s in any::<String>()) {
                let _ = extract_html(&s, None);
            }

            #[test]
            fn never_panics_on_random_bytes(b in proptest::collection::vec(any::<u8>(), 0..400)) {
                let s = String::from_utf8_lossy(&b);
                let _ = extract_html(&s, None);
            }
        }
    }
}
