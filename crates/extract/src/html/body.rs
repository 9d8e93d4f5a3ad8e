//! Finding the article body in a parsed page.
//!
//! 1. **Blocks.** One walk over the tree cuts the visible text into blocks at
//!    block-level element boundaries (and at `<br><br>`). Each block remembers
//!    its owner (innermost block element), kind (paragraph, heading, list item,
//!    ...), length and how much of it is link text. Invisible and never-content
//!    elements (script, style, form controls, `hidden`, `display:none`) are
//!    skipped outright; inline elements with boilerplate class names too.
//! 2. **Soft removal.** Block-level elements that look like boilerplate by tag
//!    (`nav`, `aside`, `footer`, `figure`, ...) or by class/id words (comment,
//!    share, related, promo, newsletter, byline, caption, ...) are removed
//!    unless they hold most of the page's prose (a safety net against wrappers
//!    with unlucky class names). A big comment section is removed anyway when
//!    the first paragraph under the headline lies outside it.
//! 3. **Container.** Every block gets a prose weight (length, punctuation,
//!    squared penalty for link text; headings and short label-like blocks
//!    weigh nothing). As in Readability, a paragraph credits its container
//!    fully, the container's parent by half and the grandparent by a fifth, so
//!    a run of sibling paragraphs beats teaser cards that hold one paragraph
//!    each. The best container (discounted by link density, helped by
//!    `itemprop=articleBody` and `article-body`-like class names, and by
//!    holding the first paragraph under the headline that repeats the title)
//!    wins. Then, climbing up to seven levels, siblings that look like more of
//!    the same article are added: same tag and first class word, a good score
//!    of their own, or (next to the container) a plain prose paragraph.
//!    Siblings named like a standfirst or media (lead, dek, image, video) are
//!    not added.
//! 4. **Cleaning.** Inside the container, link lists, boilerplate lines
//!    (photo credits, "Sign up ...", "Advertisement", share prompts), the
//!    repeated title and stray bylines are dropped and reported in `removed`.

use super::dom::{Attr, Dom, NodeId, Tag};
use once_cell::sync::Lazy;
use parallax_core::Removed;
use regex::bytes::Regex as BRegex;
use regex::{Regex, RegexSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Para,
    Heading,
    ListItem,
    Quote,
    Pre,
    Cell,
    Other,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub owner: NodeId,
    pub kind: Kind,
    pub text: String,
    pub chars: u32,
    pub link_chars: u32,
}

/// Why an element is skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    No,
    /// Always skipped: not visible text.
    Hard,
    /// Skipped unless it holds most of the page's prose.
    Soft(&'static str),
}

pub struct BodyResult {
    pub text: String,
    pub removed: Vec<Removed>,
    /// Number of characters of the chosen text.
    pub chars: usize,
}

fn tag_skip(tag: Tag) -> Skip {
    use Tag::*;
    match tag {
        Script | Style | Noscript | Template | Svg | Math | Iframe | Canvas | Video | Audio
        | Object | Embed | Select | Option | Button | Input | Textarea | Head | Title | Map
        | Dialog | Noembed | Noframes | Link | Meta | Base | Img | Picture | Source | Label
        | Legend => Skip::Hard,
        Nav => Skip::Soft("navigation"),
        Aside => Skip::Soft("aside"),
        Footer => Skip::Soft("footer"),
        Header => Skip::Soft("header"),
        Figure | Figcaption => Skip::Soft("caption"),
        Form => Skip::Soft("form"),
        _ => Skip::No,
    }
}

/// Words in class/id names that mark boilerplate, with the reason reported.
fn class_hint(dom: &Dom, id: NodeId) -> (i32, Option<&'static str>) {
    let mut s = String::new();
    for a in [Attr::Class, Attr::Id, Attr::Role, Attr::DataComponent] {
        if let Some(v) = dom.attr(id, a) {
            s.push_str(v);
            s.push(' ');
        }
    }
    if let Some(v) = dom.attr(id, Attr::Itemprop) {
        if v.eq_ignore_ascii_case("articleBody") || v.eq_ignore_ascii_case("text") {
            return (3, None);
        }
    }
    if s.is_empty() {
        return (0, None);
    }
    let s = s.to_ascii_lowercase();
    let s = s.as_bytes();
    if s.split(|c: &u8| c.is_ascii_whitespace())
        .any(|w| matches!(w, b"hidden" | b"hide" | b"d-none" | b"is-hidden"))
    {
        return (-1, Some("hidden"));
    }
    if POSITIVE_STRONG.is_match(s) {
        return (2, None);
    }
    // Embedded posts (tweets and the like) are part of the story.
    let has = |needle: &[u8]| s.windows(needle.len()).any(|w| w == needle);
    let embed = has(b"embed") || has(b"tweet");
    let negative = NEGATIVE
        .find(s)
        .filter(|m| !(embed && m.as_bytes().windows(6).any(|w| w == b"social")));
    if let Some(m) = negative {
        return (-1, Some(reason_for(&String::from_utf8_lossy(m.as_bytes()))));
    }
    if POSITIVE.is_match(s) {
        return (1, None);
    }
    (0, None)
}

fn reason_for(word: &str) -> &'static str {
    let w = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let table: &[(&str, &str)] = &[
        ("comment", "comments"),
        ("disqus", "comments"),
        ("respond", "comments"),
        ("reply", "comments"),
        ("share", "share widget"),
        ("sharing", "share widget"),
        ("social", "share widget"),
        ("follow", "share widget"),
        ("related", "related links"),
        ("recommend", "related links"),
        ("more", "related links"),
        ("read", "related links"),
        ("popular", "related links"),
        ("trending", "related links"),
        ("outbrain", "related links"),
        ("taboola", "related links"),
        ("promo", "promo"),
        ("newsletter", "newsletter"),
        ("subscri", "newsletter"),
        ("signup", "newsletter"),
        ("sign-up", "newsletter"),
        ("byline", "byline"),
        ("author", "byline"),
        ("caption", "photo credit"),
        ("credit", "photo credit"),
        ("photo", "photo credit"),
        ("image", "photo credit"),
        ("gallery", "photo credit"),
        ("media", "photo credit"),
        ("video", "video"),
        ("ad", "advertisement"),
        ("advert", "advertisement"),
        ("sponsor", "advertisement"),
        ("nav", "navigation"),
        ("menu", "navigation"),
        ("breadcrumb", "navigation"),
        ("footer", "footer"),
        ("sidebar", "sidebar"),
        ("rail", "sidebar"),
        ("widget", "widget"),
        ("tag", "tags"),
        ("topic", "tags"),
        ("cookie", "cookie notice"),
        ("modal", "popup"),
        ("popup", "popup"),
        ("meta", "metadata"),
        ("date", "metadata"),
        ("time", "metadata"),
    ];
    for (k, r) in table {
        if w.starts_with(k) || w.contains(k) {
            return r;
        }
    }
    "boilerplate"
}

static POSITIVE_STRONG: Lazy<BRegex> = Lazy::new(|| {
    BRegex::new(
        r"(?-u)(?:^|[^a-z])(?:article[-_]?body|articlebody|story[-_]?body|storybody|article[-_]?content|articlecontent|story[-_]?content|entry[-_]?content|post[-_]?content|post[-_]?body|article[-_]?text|story[-_]?text|body[-_]?text|main[-_]?content|article__body|article-body__content|rich[-_]?text|paywall|articletext)(?:$|[^a-z])",
    )
    .expect("static regex")
});

static POSITIVE: Lazy<BRegex> = Lazy::new(|| {
    BRegex::new(r"(?-u)(?:^|[^a-z])(?:article|story|content|entry|post|body|text|main|prose|blog)")
        .expect("static regex")
});

static NEGATIVE: Lazy<BRegex> = Lazy::new(|| {
    BRegex::new(concat!(
        r"(?-u)(?:^|[^a-z])(?:",
        r"comments?|disqus|respond|replies|",
        r"share|sharing|sharebar|shares|social|follow|",
        r"related|recommend\w*|more[-_]?(?:stories|articles|news|from|on)|read[-_]?(?:more|next|also)|also[-_]?read|popular|most[-_]?read|trending|outbrain|taboola|",
        r"promo\w*|newsletter\w*|subscri\w*|signup|sign[-_]up|",
        r"byline\w*|author\w*|",
        r"caption\w*|credits?|",
        r"ad|ads|advert\w*|adslot|ad[-_]?(?:slot|unit|container|wrapper)|sponsor\w*|dfp|gpt|",
        r"nav|navbar|navigation|menu|breadcrumbs?|",
        r"footer|sidebar|rail|right[-_]?rail|widget|",
        r"tags?|tag[-_]?list|topics|keywords|",
        r"cookie\w*|modal|popup|overlay|tooltip|popover|hovercard|",
        r"visually[-_]?hidden|sr[-_]only|screen[-_]?reader[a-z]*|",
        r"article[-_]?meta|post[-_]?meta|meta|dateline|timestamp|",
        r"print|toolbar|tools|utility|skip|jump|",
        r"masthead|banner|alert|",
        r"inline[-_]?(?:link|video|gallery)|video[-_]?player|gallery|slideshow|",
        r"bio|about[-_]?author|contributor",
        r")(?:$|[^a-z])",
    ))
    .expect("static regex")
});

fn style_hidden(dom: &Dom, id: NodeId) -> bool {
    if dom.attr(id, Attr::Hidden).is_some() {
        return true;
    }
    if let Some(v) = dom.attr(id, Attr::AriaHidden) {
        if v.trim().eq_ignore_ascii_case("true") {
            return true;
        }
    }
    if let Some(st) = dom.attr(id, Attr::Style) {
        let st: String = st
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if st.contains("display:none") || st.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

fn is_block_tag(t: Tag) -> bool {
    t.is_block() || t.is_heading() || matches!(t, Tag::Li | Tag::Td | Tag::Th | Tag::Tr)
}

struct Walker<'a> {
    dom: &'a Dom,
    blocks: Vec<Block>,
    cur: String,
    cur_chars: u32,
    cur_links: u32,
    pending_space: bool,
    /// Block-level ancestors of the current position.
    block_stack: Vec<NodeId>,
    link_depth: u32,
    /// Soft-skipped elements with their reason.
    soft: Vec<(NodeId, &'static str)>,
    /// Positive hint level per element (for container choice).
    positive: Vec<(NodeId, i32)>,
    br_run: u32,
}

impl Walker<'_> {
    fn flush(&mut self) {
        self.br_run = 0;
        if self.cur_chars == 0 {
            self.cur.clear();
            self.pending_space = false;
            return;
        }
        let owner = *self.block_stack.last().unwrap_or(&0);
        let mut kind = Kind::Other;
        for &b in self.block_stack.iter().rev() {
            let t = self.dom.nodes[b].tag;
            let k = match t {
                Tag::P => Kind::Para,
                t if t.is_heading() => Kind::Heading,
                Tag::Li | Tag::Dd | Tag::Dt => Kind::ListItem,
                Tag::Blockquote => Kind::Quote,
                Tag::Pre => Kind::Pre,
                Tag::Td | Tag::Th => Kind::Cell,
                _ => continue,
            };
            if kind == Kind::Other {
                kind = k;
            }
            if k == Kind::Quote {
                kind = Kind::Quote;
                break;
            }
        }
        let text = std::mem::take(&mut self.cur);
        self.blocks.push(Block {
            owner,
            kind,
            text,
            chars: self.cur_chars,
            link_chars: self.cur_links,
        });
        self.cur_chars = 0;
        self.cur_links = 0;
        self.pending_space = false;
    }

    fn push_text(&mut self, t: &str) {
        let link = self.link_depth > 0;
        let before = self.cur_chars;
        for c in t.chars() {
            if c.is_whitespace() || c == '\u{a0}' {
                self.pending_space = true;
                continue;
            }
            if matches!(
                c,
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}'
            ) {
                continue;
            }
            if self.pending_space && !self.cur.is_empty() {
                self.cur.push(' ');
            }
            self.pending_space = false;
            self.cur.push(c);
            self.cur_chars += 1;
            if link {
                self.cur_links += 1;
            }
        }
        if self.cur_chars > before {
            self.br_run = 0;
        }
    }

    fn walk(&mut self) {
        let dom = self.dom;
        let n = dom.nodes.len();
        let mut open: Vec<NodeId> = Vec::with_capacity(64);
        let mut i = 1;
        while i < n {
            while let Some(&top) = open.last() {
                if dom.nodes[top].end <= i {
                    open.pop();
                    self.exit(top);
                } else {
                    break;
                }
            }
            let node = &dom.nodes[i];
            if node.tag == Tag::Text {
                self.push_text(dom.text_of(i));
                i += 1;
                continue;
            }
            if node.tag == Tag::Br {
                self.br_run += 1;
                if self.br_run >= 2 {
                    self.flush();
                } else {
                    self.pending_space = true;
                }
                i = node.end.max(i + 1);
                continue;
            }
            let mut skip = tag_skip(node.tag);
            if skip == Skip::No && style_hidden(dom, i) {
                skip = Skip::Hard;
            }
            let block = is_block_tag(node.tag) || node.tag == Tag::Other && has_block_child(dom, i);
            if skip == Skip::No && !matches!(node.tag, Tag::Html | Tag::Body) {
                let (h, reason) = class_hint(dom, i);
                if h < 0 {
                    // Inline boilerplate (a share link inside a paragraph) goes at
                    // once; blocks are judged later by how much prose they hold.
                    skip = if block {
                        Skip::Soft(reason.unwrap_or("boilerplate"))
                    } else {
                        Skip::Hard
                    };
                } else if h > 0 {
                    self.positive.push((i, h));
                }
            }
            match skip {
                Skip::Hard => {
                    i = node.end.max(i + 1);
                    continue;
                }
                Skip::Soft(r) => self.soft.push((i, r)),
                Skip::No => {}
            }
            if block || skip != Skip::No {
                self.flush();
                self.block_stack.push(i);
            }
            if node.tag == Tag::A {
                self.link_depth += 1;
            }
            open.push(i);
            i += 1;
        }
        while let Some(top) = open.pop() {
            self.exit(top);
        }
        self.flush();
    }

    fn exit(&mut self, id: NodeId) {
        if self.block_stack.last() == Some(&id) {
            self.flush();
            self.block_stack.pop();
        }
        if self.dom.nodes[id].tag == Tag::A {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
    }
}

/// Unknown (custom) elements count as blocks when they contain block elements.
fn has_block_child(dom: &Dom, id: NodeId) -> bool {
    dom.children(id)
        .take(8)
        .any(|c| is_block_tag(dom.nodes[c].tag))
}

/// Prose weight of a block: how much it looks like article text.
fn weight(b: &Block) -> f64 {
    if b.kind == Kind::Heading || b.kind == Kind::Pre {
        return 0.0;
    }
    let chars = b.chars as f64;
    let ld = b.link_chars as f64 / chars.max(1.0);
    if ld > 0.5 {
        return 0.0;
    }
    let punct = b
        .text
        .matches(['.', ',', '!', '?', ';', ':', '"', '”', '。', '，'])
        .count() as f64;
    if chars < 40.0 && punct == 0.0 {
        return 0.0;
    }
    let base = if chars < 80.0 { chars * 0.3 } else { chars };
    base * (1.0 - ld) * (1.0 - ld) + punct * 5.0
}

pub fn extract_body(dom: &Dom, title: Option<&str>) -> BodyResult {
    let mut w = Walker {
        dom,
        blocks: Vec::new(),
        cur: String::new(),
        cur_chars: 0,
        cur_links: 0,
        pending_space: false,
        block_stack: vec![0],
        link_depth: 0,
        soft: Vec::new(),
        positive: Vec::new(),
        br_run: 0,
    };
    w.walk();
    let blocks = w.blocks;
    let soft = w.soft;
    let n = dom.nodes.len();

    // Prose weight per node, summed up the tree.
    let weights: Vec<f64> = blocks.iter().map(weight).collect();
    let mut g = vec![0.0f64; n];
    for (b, wt) in blocks.iter().zip(&weights) {
        g[b.owner] += wt;
    }
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent;
        g[p] += g[i];
    }
    let total = g[0];

    // Decide soft removals: drop unless the element holds most of the prose
    // and (when the headline is known) the first paragraph under the headline.
    let mut removed_node = vec![false; n];
    let mut reasons: Vec<(NodeId, &'static str)> = Vec::new();
    let mut big = Vec::new();
    for &(id, reason) in &soft {
        if g[id] < 0.4 * total || total == 0.0 {
            removed_node[id] = true;
            reasons.push((id, reason));
        } else {
            big.push((id, reason));
        }
    }
    if !big.is_empty() {
        let mut small_removed = removed_node.clone();
        for i in 1..n {
            if small_removed[dom.nodes[i].parent] {
                small_removed[i] = true;
            }
        }
        let anchor0 = title_anchor(&blocks, &weights, &small_removed, title, 60.0);
        if let Some(a) = anchor0 {
            for (id, reason) in big {
                if reason == "comments" && !(a >= id && a < dom.nodes[id].end) {
                    removed_node[id] = true;
                    reasons.push((id, reason));
                }
            }
        }
    }
    // Propagate removal down (parents come before children).
    for i in 1..n {
        if removed_node[dom.nodes[i].parent] {
            removed_node[i] = true;
        }
    }
    let anchor = title_anchor(&blocks, &weights, &removed_node, title, 30.0);
    let ranges = choose_container(dom, &blocks, &weights, &removed_node, anchor, &w.positive);
    // The chosen subtrees are disjoint, so marking them is linear.
    let mut included = vec![false; n];
    for &(lo, hi) in &ranges {
        for x in &mut included[lo..hi.min(n)] {
            *x = true;
        }
    }
    let in_ranges = |id: NodeId| included[id];
    let (lo, hi) = (
        ranges.iter().map(|r| r.0).min().unwrap_or(0),
        ranges.iter().map(|r| r.1).max().unwrap_or(0),
    );

    // Emit the blocks in the container.
    let mut out: Vec<&str> = Vec::new();
    let mut removed = Vec::new();
    let norm_title = title.map(norm_key);
    let mut seen_body = false;
    for b in &blocks {
        if !in_ranges(b.owner) || removed_node[b.owner] {
            continue;
        }
        let text = b.text.as_str();
        if let Some(t) = &norm_title {
            if !seen_body && (b.kind == Kind::Heading || b.chars < 300) && norm_key(text) == *t {
                continue;
            }
        }
        let ld = b.link_chars as f64 / b.chars.max(1) as f64;
        if ld > 0.6 && b.chars < 300 {
            if b.chars > 20 {
                removed.push(Removed::new(text, "link list"));
            }
            continue;
        }
        if let Some(reason) = boilerplate_line(text, seen_body) {
            removed.push(Removed::new(text, reason));
            continue;
        }
        if b.chars >= 80 {
            seen_body = true;
        }
        out.push(text);
    }
    for (id, reason) in reasons {
        if id > lo && id < hi && in_ranges(id) && removed.len() < 64 && dom.nodes[id].end - id < 400
        {
            let t = collapse(&dom.subtree_text(id));
            if !t.is_empty() && t.chars().count() < 600 {
                removed.push(Removed::new(t, reason));
            }
        }
    }
    let text = out.join("\n\n");
    let chars = text.chars().count();
    BodyResult {
        text,
        removed,
        chars,
    }
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn norm_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

static BOILER: Lazy<(RegexSet, Vec<&'static str>)> = Lazy::new(|| {
    let v: &[(&str, &str)] = &[
        (
            r"(?i)^(?:advertisement|advertising|advert|sponsored(?: content| links?)?|ad|don'?t miss|must read|tell us what you think|story continues below(?: advertisement)?|continue reading (?:the main story|below)|article continues below)\W*$",
            "advertisement",
        ),
        (
            r"(?i)^(?:photo|image|picture|photograph|illustration|video|graphic)s?(?: credit)?\s*(?:by\s|:|\|)",
            "photo credit",
        ),
        (
            r"(?i)^\(?(?:photo|image|picture)s?\s+(?:by|courtesy|credit)",
            "photo credit",
        ),
        (
            r"(?i)(?:getty images|shutterstock|(?-u:\b)ap photo(?-u:\b)|\(ap\)$|reuters/|/reuters$|afp via getty|/ afp$|photo:|photograph:|image:|credit:)\s*\)?$",
            "photo credit",
        ),
        (
            r"(?i)^(?:sign up|subscribe|get (?:our|the) [^.]*newsletter|join our|newsletter|enter your email|already a subscriber|become a member)",
            "newsletter",
        ),
        (
            r"(?i)^(?:share(?: this)?(?: article| story| on \w+)?|tweet|email|print|follow us|like us|share on|click to share|comments?)\W*$",
            "share widget",
        ),
        (
            r"(?i)^(?:read more|related|see also|more:|also read|read also|recommended|related coverage|related stories|related articles|more from|you may also like|most popular|trending)(?-u:\b)",
            "related links",
        ),
        (r"(?i)^(?:copyright|©|\(c\) \d{4})", "copyright"),
        (r"(?i)^like this (?:story|article|post)\?", "share widget"),
        (r"^\[\w+[^\]]*\].*\[/\w+\]$", "shortcode"),
        (r"(?i)(?-u:\b)click here(?-u:\b)", "promo"),
        (
            r"(?i)subscri(?:be|ption).*(?:for as little as|use the code|free trial|per month|/month|a month)",
            "promo",
        ),
        (
            r"(?i)^(?:click here|tap here|download the app|open in app|listen to this article|reading time|\d+ min(?:ute)? read)(?-u:\b)",
            "widget",
        ),
        (
            r"(?i)^(?:updated|published|posted|last updated|first published)(?: on| at)?:?\s[^.]*\d[^.]*$",
            "dateline",
        ),
        (
            r"(?i)^(?:this (?:article|story|content) (?:was|is|has been) (?:originally )?(?:published|updated|reproduced)|we use cookies|by (?:clicking|using))",
            "boilerplate",
        ),
    ];
    (
        RegexSet::new(v.iter().map(|(r, _)| *r)).expect("static regex"),
        v.iter().map(|(_, n)| *n).collect(),
    )
});

static BYLINE_LINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?i:by)\s+\p{Lu}[\p{L}'.\-]+(?:\s+(?:\p{Lu}[\p{L}'.\-]*|and|&|de|van|von|der|da|,))*(?:\s*[,|/]\s*[^.]*)?$")
        .expect("static regex")
});

fn boilerplate_line(text: &str, seen_body: bool) -> Option<&'static str> {
    if text.len() > 400 {
        return None;
    }
    if !seen_body && text.len() < 120 && BYLINE_LINE.is_match(text) {
        return Some("byline");
    }
    let (set, reasons) = &*BOILER;
    set.matches(text).iter().next().map(|i| reasons[i])
}

fn is_para_tag(t: Tag) -> bool {
    matches!(
        t,
        Tag::P | Tag::Li | Tag::Dd | Tag::Dt | Tag::Pre | Tag::Blockquote | Tag::Td | Tag::Th
    ) || t.is_heading()
}

/// Readability-style choice: each paragraph credits its container and, less,
/// the container's parent; the best container (discounted by link density and
/// helped by article-like class names) wins, together with siblings that look
/// like more of the same article.
fn choose_container(
    dom: &Dom,
    blocks: &[Block],
    weights: &[f64],
    removed_node: &[bool],
    anchor: Option<NodeId>,
    positive: &[(NodeId, i32)],
) -> Vec<(NodeId, NodeId)> {
    let n = dom.nodes.len();
    let mut score = vec![0.0f64; n];
    let mut chars = vec![0u32; n];
    let mut links = vec![0u32; n];
    let mut mass = vec![0.0f64; n];
    let mut nblocks = vec![0u32; n];
    for (b, &wt) in blocks.iter().zip(weights) {
        if removed_node[b.owner] {
            continue;
        }
        mass[b.owner] += wt;
        nblocks[b.owner] += 1;
        chars[b.owner] += b.chars;
        links[b.owner] += b.link_chars;
        if wt <= 0.0 {
            continue;
        }
        let mut c = b.owner;
        if is_para_tag(dom.nodes[c].tag) && c != 0 {
            c = dom.nodes[c].parent;
        }
        score[c] += wt;
        let p = dom.nodes[c].parent;
        if p != c {
            score[p] += wt * 0.5;
            let gp = dom.nodes[p].parent;
            if gp != p {
                score[gp] += wt * 0.2;
            }
        }
    }
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent;
        chars[p] += chars[i];
        links[p] += links[i];
        mass[p] += mass[i];
        nblocks[p] += nblocks[i];
    }
    let mut bonus = vec![1.0f64; n];
    for &(id, h) in positive {
        bonus[id] = match h {
            3 => 1.5,
            2 => 1.3,
            _ => 1.05,
        };
    }
    let value = |i: NodeId| -> f64 {
        let ld = links[i] as f64 / chars[i].max(1) as f64;
        let near_title = anchor.is_some_and(|a| a >= i && a < dom.nodes[i].end);
        score[i] * (1.0 - ld) * bonus[i] * if near_title { 1.5 } else { 1.0 }
    };
    let mut best = 0;
    let mut best_v = 0.0;
    for i in 0..n {
        if score[i] > 0.0 && !removed_node[i] {
            let v = value(i);
            if v > best_v {
                best_v = v;
                best = i;
            }
        }
    }
    if best == 0 {
        return vec![(0, n)];
    }
    let mut ranges = vec![(best, dom.nodes[best].end)];
    let threshold = (best_v * 0.2).max(10.0);
    // Climb a few levels, taking siblings that look like more of the article:
    // same tag and class family as the node on the path, a good score of
    // their own, or plain prose paragraphs.
    let mut chain = best;
    for level in 0..7 {
        let parent = dom.nodes[chain].parent;
        if parent == chain || matches!(dom.nodes[parent].tag, Tag::Body | Tag::Html | Tag::Document)
        {
            break;
        }
        let key = class_key(dom, chain);
        for s in dom.children(parent) {
            if s == chain
                || removed_node[s]
                || dom.nodes[s].tag == Tag::Text
                || chars[s] == 0
                || not_body_sibling(dom, s)
            {
                continue;
            }
            let ld = links[s] as f64 / chars[s].max(1) as f64;
            let similar = dom.nodes[s].tag == dom.nodes[chain].tag && class_key(dom, s) == key;
            let mut keep = similar
                && ld < 0.3
                && if level < 2 {
                    level == 0 || !key.is_empty() || value(s) > 0.0
                } else {
                    !key.is_empty() && mass[s] >= 0.15 * mass[best]
                };
            if !keep && value(s) >= threshold && ld < 0.3 {
                keep = true;
            }
            if !keep && level == 0 && nblocks[s] <= 3 && paragraph_like(chars[s], ld, dom, s) {
                keep = true;
            }
            if keep {
                ranges.push((s, dom.nodes[s].end));
            }
        }
        chain = parent;
    }
    ranges
}

/// First class word (or the id's letters), to group repeated siblings.
fn class_key(dom: &Dom, id: NodeId) -> String {
    if let Some(c) = dom.attr(id, Attr::Class) {
        if let Some(w) = c.split_whitespace().next() {
            return w.to_string();
        }
    }
    if let Some(v) = dom.attr(id, Attr::DataComponent) {
        return v.to_string();
    }
    String::new()
}

/// The owner of the first prose block after the heading that repeats the
/// title: articles start right under their headline.
fn title_anchor(
    blocks: &[Block],
    weights: &[f64],
    removed_node: &[bool],
    title: Option<&str>,
    min_weight: f64,
) -> Option<NodeId> {
    let t = norm_key(title?);
    if t.len() < 8 {
        return None;
    }
    let h = blocks.iter().position(|b| {
        if b.kind != Kind::Heading || b.chars > 400 {
            return false;
        }
        let k = norm_key(&b.text);
        k.len() >= 8 && (k == t || t.starts_with(&k) || k.starts_with(&t))
    })?;
    blocks[h + 1..]
        .iter()
        .zip(&weights[h + 1..])
        .take(40)
        .find(|(b, &w)| w > min_weight && !removed_node[b.owner])
        .map(|(b, _)| b.owner)
}

/// A sibling that reads like a paragraph of the article: long enough with few
/// links, or a short link-free sentence.
fn paragraph_like(chars: u32, ld: f64, dom: &Dom, id: NodeId) -> bool {
    if chars >= 80 {
        return ld < 0.25;
    }
    if ld > 0.0 || chars < 20 {
        return false;
    }
    let t = dom.subtree_text(id);
    let t = t.trim_end();
    t.ends_with(['.', '!', '?', '"', '”', '。'])
}

static NOT_BODY: Lazy<BRegex> = Lazy::new(|| {
    BRegex::new(concat!(
        r"(?i-u)(?:^|[^a-z])(?:lead|lede|abstract|dek|standfirst|excerpt|intro|teaser|",
        r"description|subtitle|sub-title|kicker|image|img|photo|picture|media|embed|figure|video)"
    ))
    .expect("static regex")
});

/// Siblings of the article container that are headers of it (standfirst,
/// summary) or media, by their class names.
fn not_body_sibling(dom: &Dom, id: NodeId) -> bool {
    [Attr::Class, Attr::Id]
        .iter()
        .filter_map(|&a| dom.attr(id, a))
        .any(|v| NOT_BODY.is_match(v.as_bytes()))
}
