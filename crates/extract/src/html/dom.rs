//! A small, forgiving HTML tokenizer and tree builder, made for text extraction.
//!
//! It is not a conforming HTML5 parser: it keeps the parts of the tree-building
//! rules that matter for finding an article (implied `</p>`, `</li>`, `</td>`,
//! raw-text elements, stray end tags that must not close blocks) and drops the
//! rest (adoption agency, foster parenting, foreign-content quirks). In exchange
//! it is several times faster than a full DOM, allocates little, and lays the
//! nodes out in document order in one arena, so that every subtree is the
//! contiguous index range `i..nodes[i].end`.
//!
//! Linear in the input: each byte is looked at a bounded number of times, and
//! the open-element stack is capped.

/// Index of a node in [`Dom::nodes`].
pub type NodeId = usize;

macro_rules! tags {
    ($($v:ident = $s:literal),* $(,)?) => {
        /// The element names the extractor cares about; everything else is `Other`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(non_camel_case_types)]
        pub enum Tag { Document, Text, Other, $($v),* }

        fn tag_from_lower(name: &[u8]) -> Tag {
            match name {
                $($s => Tag::$v,)*
                _ => Tag::Other,
            }
        }
    };
}

tags! {
    A = b"a", Abbr = b"abbr", Address = b"address", Area = b"area", Article = b"article",
    Aside = b"aside", Audio = b"audio", B = b"b", Base = b"base", Blockquote = b"blockquote",
    Body = b"body", Br = b"br", Button = b"button", Canvas = b"canvas", Caption = b"caption",
    Center = b"center", Cite = b"cite", Code = b"code", Col = b"col", Colgroup = b"colgroup",
    Dd = b"dd", Del = b"del", Details = b"details", Dialog = b"dialog", Div = b"div", Dl = b"dl",
    Dt = b"dt", Em = b"em", Embed = b"embed", Fieldset = b"fieldset", Figcaption = b"figcaption",
    Figure = b"figure", Font = b"font", Footer = b"footer", Form = b"form", H1 = b"h1",
    H2 = b"h2", H3 = b"h3", H4 = b"h4", H5 = b"h5", H6 = b"h6", Head = b"head",
    Header = b"header", Hgroup = b"hgroup", Hr = b"hr", Html = b"html", I = b"i",
    Iframe = b"iframe", Img = b"img", Input = b"input", Ins = b"ins", Kbd = b"kbd",
    Label = b"label", Legend = b"legend", Li = b"li", Link = b"link", Main = b"main",
    Map = b"map", Mark = b"mark", Math = b"math", Menu = b"menu", Meta = b"meta", Nav = b"nav",
    Noembed = b"noembed", Noframes = b"noframes", Noscript = b"noscript", Object = b"object",
    Ol = b"ol", Optgroup = b"optgroup", Option = b"option", P = b"p", Param = b"param",
    Picture = b"picture", Plaintext = b"plaintext", Pre = b"pre", Q = b"q", S = b"s",
    Samp = b"samp", Script = b"script", Section = b"section", Select = b"select",
    Small = b"small", Source = b"source", Span = b"span", Strike = b"strike",
    Strong = b"strong", Style = b"style", Sub = b"sub", Summary = b"summary", Sup = b"sup",
    Svg = b"svg", Table = b"table", Tbody = b"tbody", Td = b"td", Template = b"template",
    Textarea = b"textarea", Tfoot = b"tfoot", Th = b"th", Thead = b"thead", Time = b"time",
    Title = b"title", Tr = b"tr", Track = b"track", Tt = b"tt", U = b"u", Ul = b"ul",
    Var = b"var", Video = b"video", Wbr = b"wbr", Xmp = b"xmp",
}

impl Tag {
    /// Elements that never have content.
    pub fn is_void(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Area | Base
                | Br
                | Col
                | Embed
                | Hr
                | Img
                | Input
                | Link
                | Meta
                | Param
                | Source
                | Track
                | Wbr
        )
    }

    /// Elements whose start tag closes an open `<p>`.
    fn closes_p(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Address
                | Article
                | Aside
                | Blockquote
                | Center
                | Details
                | Dialog
                | Div
                | Dl
                | Fieldset
                | Figcaption
                | Figure
                | Footer
                | Form
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Header
                | Hgroup
                | Hr
                | Main
                | Menu
                | Nav
                | Ol
                | P
                | Pre
                | Section
                | Summary
                | Table
                | Ul
                | Li
                | Dd
                | Dt
        )
    }

    /// "Special" elements in the HTML sense, roughly: block containers that a
    /// stray inline end tag must not close.
    pub fn is_block(self) -> bool {
        use Tag::*;
        self.closes_p()
            || matches!(
                self,
                Body | Html
                    | Td
                    | Th
                    | Tr
                    | Tbody
                    | Thead
                    | Tfoot
                    | Caption
                    | Button
                    | Object
                    | Template
                    | Select
                    | Option
                    | Document
                    | Br
                    | Legend
                    | Noscript
                    | Iframe
                    | Textarea
            )
    }

    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }

    fn is_scope_barrier(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Table | Td | Th | Caption | Template | Object | Html | Document
        )
    }
}

/// The attributes kept (others are dropped while parsing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attr {
    Class,
    Id,
    Itemprop,
    Itemtype,
    Role,
    Rel,
    Href,
    Hidden,
    Style,
    AriaHidden,
    Property,
    Name,
    Content,
    Datetime,
    Lang,
    HttpEquiv,
    Type,
    Charset,
    DataComponent,
}

fn attr_from_lower(name: &[u8]) -> Option<Attr> {
    Some(match name {
        b"class" => Attr::Class,
        b"id" => Attr::Id,
        b"itemprop" => Attr::Itemprop,
        b"itemtype" => Attr::Itemtype,
        b"role" => Attr::Role,
        b"rel" => Attr::Rel,
        b"href" => Attr::Href,
        b"hidden" => Attr::Hidden,
        b"style" => Attr::Style,
        b"aria-hidden" => Attr::AriaHidden,
        b"property" => Attr::Property,
        b"name" => Attr::Name,
        b"content" => Attr::Content,
        b"datetime" => Attr::Datetime,
        b"lang" | b"xml:lang" => Attr::Lang,
        b"http-equiv" => Attr::HttpEquiv,
        b"type" => Attr::Type,
        b"charset" => Attr::Charset,
        b"data-component" | b"data-testid" | b"data-type" => Attr::DataComponent,
        _ => return None,
    })
}

/// One node of the arena.
#[derive(Debug, Clone)]
pub struct Node {
    pub tag: Tag,
    /// Parent node (the document node is its own parent).
    pub parent: NodeId,
    /// One past the last node of this subtree.
    pub end: NodeId,
    /// For `Tag::Other`: index into [`Dom::other_names`]. For text nodes: start
    /// of the text in [`Dom::text`].
    a: u32,
    /// For text nodes: end of the text in [`Dom::text`].
    b: u32,
    attr_start: u32,
    attr_end: u32,
}

/// A parsed document.
#[derive(Debug, Default)]
pub struct Dom {
    pub nodes: Vec<Node>,
    /// All text content, entities decoded, in document order.
    pub text: String,
    attrs: Vec<(Attr, String)>,
    pub other_names: Vec<String>,
    /// Contents of `<script type="application/ld+json">` elements.
    pub json_ld: Vec<String>,
}

const MAX_DEPTH: usize = 512;

impl Dom {
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    /// The text of a text node ("" for elements).
    pub fn text_of(&self, id: NodeId) -> &str {
        let n = &self.nodes[id];
        if n.tag == Tag::Text {
            &self.text[n.a as usize..n.b as usize]
        } else {
            ""
        }
    }

    pub fn attr(&self, id: NodeId, name: Attr) -> Option<&str> {
        let n = &self.nodes[id];
        self.attrs[n.attr_start as usize..n.attr_end as usize]
            .iter()
            .find(|(a, _)| *a == name)
            .map(|(_, v)| v.as_str())
    }

    /// Children of a node, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: id + 1,
            end: self.nodes[id].end,
        }
    }

    /// All text of a subtree, concatenated (not whitespace-normalised).
    pub fn subtree_text(&self, id: NodeId) -> String {
        let mut s = String::new();
        for i in id..self.nodes[id].end {
            if self.nodes[i].tag == Tag::Text {
                s.push_str(self.text_of(i));
            }
        }
        s
    }
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: NodeId,
    end: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next >= self.end {
            return None;
        }
        let id = self.next;
        self.next = self.dom.nodes[id].end.max(id + 1);
        Some(id)
    }
}

struct Builder<'a> {
    src: &'a str,
    dom: Dom,
    stack: Vec<NodeId>,
    /// Open elements beyond MAX_DEPTH that were not pushed.
    other_index: std::collections::HashMap<Vec<u8>, u32>,
}

/// Parse an HTML document. Never panics; any byte string gives some tree.
pub fn parse(src: &str) -> Dom {
    let mut b = Builder {
        src,
        dom: Dom {
            nodes: Vec::with_capacity(src.len() / 64 + 16),
            text: String::with_capacity(src.len() / 8),
            ..Default::default()
        },
        stack: vec![0],
        other_index: Default::default(),
    };
    b.dom.nodes.push(Node {
        tag: Tag::Document,
        parent: 0,
        end: 1,
        a: 0,
        b: 0,
        attr_start: 0,
        attr_end: 0,
    });
    b.run();
    let mut dom = b.dom;
    // Subtree ends: nodes are in document order, so a node's subtree ends where
    // its last descendant does.
    let n = dom.nodes.len();
    for i in 0..n {
        dom.nodes[i].end = i + 1;
    }
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent;
        let e = dom.nodes[i].end;
        if dom.nodes[p].end < e {
            dom.nodes[p].end = e;
        }
    }
    dom
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    // needle starts with '<'; lower-case ASCII.
    let mut i = from;
    while i < hay.len() {
        let rel = memchr_lt(&hay[i..])?;
        let at = i + rel;
        if hay.len() - at >= needle.len() && hay[at..at + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

fn memchr_lt(h: &[u8]) -> Option<usize> {
    h.iter().position(|&c| c == b'<')
}

fn find_bytes(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() || needle.is_empty() {
        return None;
    }
    let first = needle[0];
    let mut i = from;
    while i + needle.len() <= hay.len() {
        let rel = hay[i..].iter().position(|&c| c == first)?;
        let at = i + rel;
        if at + needle.len() <= hay.len() && &hay[at..at + needle.len()] == needle {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

impl Builder<'_> {
    fn run(&mut self) {
        let s = self.src;
        let bytes = s.as_bytes();
        let len = bytes.len();
        let mut i = 0;
        while i < len {
            // Text up to the next '<'.
            let lt = match s[i..].find('<') {
                Some(r) => i + r,
                None => len,
            };
            if lt > i {
                self.add_text(&s[i..lt]);
            }
            if lt >= len {
                break;
            }
            i = lt;
            let next = bytes.get(i + 1).copied().unwrap_or(0);
            if next == b'!' {
                if bytes[i..].starts_with(b"<!--") {
                    i = match find_bytes(bytes, i + 4, b"-->") {
                        Some(e) => e + 3,
                        None => len,
                    };
                } else if bytes[i..].starts_with(b"<![CDATA[") {
                    let start = i + 9;
                    let end = find_bytes(bytes, start, b"]]>").unwrap_or(len);
                    self.add_raw_text(&s[start..end]);
                    i = (end + 3).min(len);
                } else {
                    i = skip_to_gt(bytes, i + 2);
                }
            } else if next == b'?' {
                i = skip_to_gt(bytes, i + 2);
            } else if next == b'/' {
                let c = bytes.get(i + 2).copied().unwrap_or(0);
                if c.is_ascii_alphabetic() {
                    let (name, after) = read_name(bytes, i + 2);
                    i = skip_to_gt(bytes, after);
                    self.end_tag(name);
                } else if c == b'>' {
                    i += 3;
                } else {
                    // `</ ...>` or `</!...>`: a bogus comment.
                    i = skip_to_gt(bytes, i + 2);
                }
            } else if next.is_ascii_alphabetic() {
                i = self.start_tag(i);
            } else {
                self.add_text("<");
                i += 1;
            }
        }
    }

    fn current(&self) -> NodeId {
        *self.stack.last().unwrap_or(&0)
    }

    fn add_text(&mut self, raw: &str) {
        let parent = self.current();
        let start = self.dom.text.len();
        decode_entities(raw, &mut self.dom.text);
        self.finish_text(parent, start);
    }

    fn add_raw_text(&mut self, raw: &str) {
        let parent = self.current();
        let start = self.dom.text.len();
        self.dom.text.push_str(raw);
        self.finish_text(parent, start);
    }

    fn finish_text(&mut self, parent: NodeId, start: usize) {
        let end = self.dom.text.len();
        if end == start {
            return;
        }
        // Merge with a text node just before, under the same parent.
        if let Some(last) = self.dom.nodes.last_mut() {
            if last.tag == Tag::Text && last.parent == parent && last.b as usize == start {
                last.b = end as u32;
                return;
            }
        }
        self.dom.nodes.push(Node {
            tag: Tag::Text,
            parent,
            end: 0,
            a: start as u32,
            b: end as u32,
            attr_start: 0,
            attr_end: 0,
        });
    }

    fn other_id(&mut self, name: &[u8]) -> u32 {
        if let Some(&id) = self.other_index.get(name) {
            return id;
        }
        let id = self.dom.other_names.len() as u32;
        self.dom
            .other_names
            .push(String::from_utf8_lossy(name).into_owned());
        self.other_index.insert(name.to_vec(), id);
        id
    }

    /// Parse a start tag at `i` (`<` then a letter); returns the index after it.
    fn start_tag(&mut self, i: usize) -> usize {
        let bytes = self.src.as_bytes();
        let len = bytes.len();
        let (name, mut j) = read_name(bytes, i + 1);
        let mut lname = [0u8; 24];
        let tag = if name.len() <= lname.len() {
            for (k, c) in name.iter().enumerate() {
                lname[k] = c.to_ascii_lowercase();
            }
            tag_from_lower(&lname[..name.len()])
        } else {
            Tag::Other
        };
        let other = if tag == Tag::Other {
            let lower = name.to_ascii_lowercase();
            self.other_id(&lower)
        } else {
            0
        };
        // Attributes.
        let attr_start = self.dom.attrs.len();
        let mut self_closing = false;
        loop {
            while j < len && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                self_closing = bytes[j] == b'/';
                j += 1;
            }
            if j >= len {
                break;
            }
            if bytes[j] == b'>' {
                j += 1;
                break;
            }
            self_closing = false;
            let ns = j;
            while j < len
                && !bytes[j].is_ascii_whitespace()
                && bytes[j] != b'='
                && bytes[j] != b'>'
                && !(bytes[j] == b'/' && j > ns)
            {
                j += 1;
            }
            let aname = &bytes[ns..j];
            while j < len && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value: Option<&str> = None;
            if j < len && bytes[j] == b'=' {
                j += 1;
                while j < len && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < len && (bytes[j] == b'"' || bytes[j] == b'\'') {
                    let q = bytes[j];
                    let vs = j + 1;
                    let ve = bytes[vs..]
                        .iter()
                        .position(|&c| c == q)
                        .map_or(len, |r| vs + r);
                    value = Some(&self.src[vs..ve]);
                    j = (ve + 1).min(len);
                } else {
                    let vs = j;
                    while j < len && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                    value = Some(&self.src[vs..j]);
                }
            }
            if aname.len() <= 16 {
                let mut buf = [0u8; 16];
                for (k, c) in aname.iter().enumerate() {
                    buf[k] = c.to_ascii_lowercase();
                }
                if let Some(a) = attr_from_lower(&buf[..aname.len()]) {
                    let already = self.dom.attrs[attr_start..].iter().any(|(x, _)| *x == a);
                    if !already {
                        let mut v = String::new();
                        decode_entities(value.unwrap_or(""), &mut v);
                        self.dom.attrs.push((a, v));
                    }
                }
            }
        }
        let attr_end = self.dom.attrs.len();

        // html / body / head appear once; later copies are ignored.
        if matches!(tag, Tag::Html | Tag::Body | Tag::Head)
            && self.stack.iter().any(|&s| self.dom.nodes[s].tag == tag)
        {
            return j;
        }
        if matches!(tag, Tag::Body) {
            // Close a head left open.
            if let Some(pos) = self
                .stack
                .iter()
                .rposition(|&s| self.dom.nodes[s].tag == Tag::Head)
            {
                self.stack.truncate(pos);
            }
        }
        self.implied_ends(tag);

        let parent = self.current();
        let id = self.dom.nodes.len();
        self.dom.nodes.push(Node {
            tag,
            parent,
            end: 0,
            a: other,
            b: 0,
            attr_start: attr_start as u32,
            attr_end: attr_end as u32,
        });

        // Raw text elements: find the matching end tag directly.
        let raw = matches!(
            tag,
            Tag::Script
                | Tag::Style
                | Tag::Textarea
                | Tag::Title
                | Tag::Xmp
                | Tag::Iframe
                | Tag::Noembed
                | Tag::Noframes
                | Tag::Noscript
                | Tag::Plaintext
        );
        if raw && !self_closing {
            let needle: &[u8] = match tag {
                Tag::Script => b"</script",
                Tag::Style => b"</style",
                Tag::Textarea => b"</textarea",
                Tag::Title => b"</title",
                Tag::Xmp => b"</xmp",
                Tag::Iframe => b"</iframe",
                Tag::Noembed => b"</noembed",
                Tag::Noframes => b"</noframes",
                Tag::Noscript => b"</noscript",
                _ => b"</\x00never",
            };
            let end = find_ci(bytes, j, needle).unwrap_or(len);
            let content = &self.src[j..end];
            match tag {
                Tag::Title | Tag::Textarea => {
                    self.stack.push(id);
                    self.add_text(content);
                    self.stack.pop();
                }
                Tag::Script => {
                    let ty = self.dom.attrs[attr_start..attr_end]
                        .iter()
                        .find(|(a, _)| *a == Attr::Type)
                        .map(|(_, v)| v.as_str())
                        .unwrap_or("");
                    if ty.trim().eq_ignore_ascii_case("application/ld+json") {
                        self.dom.json_ld.push(content.to_string());
                    }
                }
                _ => {}
            }
            return if end >= len {
                len
            } else {
                skip_to_gt(bytes, end + 2)
            };
        }

        if !(tag.is_void() || self_closing) && self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
        }
        j
    }

    /// Close elements that a start tag of `tag` implicitly ends.
    fn implied_ends(&mut self, tag: Tag) {
        use Tag::*;
        if tag.closes_p() {
            self.close_in_scope(P, |t| t.is_scope_barrier() || t == Button);
        }
        match tag {
            Li => self.close_in_scope(Li, |t| {
                matches!(t, Ul | Ol | Menu) || t.is_scope_barrier() || t == Body
            }),
            Dd | Dt => {
                self.close_in_scope(Dd, |t| t == Dl || t.is_scope_barrier());
                self.close_in_scope(Dt, |t| t == Dl || t.is_scope_barrier());
            }
            Option if self.top_tag() == Option => {
                self.stack.pop();
            }
            Td | Th => {
                self.close_in_scope(Td, |t| matches!(t, Tr | Table | Document));
                self.close_in_scope(Th, |t| matches!(t, Tr | Table | Document));
            }
            Tr => self.close_in_scope(Tr, |t| {
                matches!(t, Table | Tbody | Thead | Tfoot | Document)
            }),
            H1 | H2 | H3 | H4 | H5 | H6 if self.top_tag().is_heading() => {
                self.stack.pop();
            }
            A if self.top_tag() == A => {
                self.stack.pop();
            }
            _ => {}
        }
    }

    fn top_tag(&self) -> Tag {
        self.dom.nodes[self.current()].tag
    }

    fn close_in_scope(&mut self, target: Tag, barrier: impl Fn(Tag) -> bool) {
        for k in (1..self.stack.len()).rev() {
            let t = self.dom.nodes[self.stack[k]].tag;
            if t == target {
                self.stack.truncate(k);
                return;
            }
            if barrier(t) {
                return;
            }
        }
    }

    fn end_tag(&mut self, name: &[u8]) {
        let lower = name.to_ascii_lowercase();
        let tag = tag_from_lower(&lower);
        if tag.is_void() || matches!(tag, Tag::Html | Tag::Body) {
            return;
        }
        let other = if tag == Tag::Other {
            match self.other_index.get(&lower) {
                Some(&id) => id,
                None => return,
            }
        } else {
            0
        };
        let block = tag.is_block() || tag.is_heading();
        for k in (1..self.stack.len()).rev() {
            let n = &self.dom.nodes[self.stack[k]];
            if n.tag == tag && (tag != Tag::Other || n.a == other) {
                self.stack.truncate(k);
                return;
            }
            if tag.is_heading() && n.tag.is_heading() {
                // `<h2>...</h3>` closes the open heading.
                self.stack.truncate(k);
                return;
            }
            if block {
                if n.tag.is_scope_barrier() && !matches!(tag, Tag::Table | Tag::Td | Tag::Th) {
                    return;
                }
            } else if n.tag.is_block() {
                return;
            }
        }
    }
}

fn read_name(bytes: &[u8], from: usize) -> (&[u8], usize) {
    let mut j = from;
    while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' && bytes[j] != b'/'
    {
        j += 1;
    }
    (&bytes[from..j], j)
}

fn skip_to_gt(bytes: &[u8], from: usize) -> usize {
    if from >= bytes.len() {
        return bytes.len();
    }
    match bytes[from..].iter().position(|&c| c == b'>') {
        Some(r) => from + r + 1,
        None => bytes.len(),
    }
}

/// Append `raw` to `out` with character references decoded.
pub fn decode_entities(raw: &str, out: &mut String) {
    let bytes = raw.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while let Some(r) = raw[i..].find('&') {
        let amp = i + r;
        out.push_str(&raw[last..amp]);
        let (ch, consumed) = parse_entity(&bytes[amp + 1..]);
        match ch {
            Some(Decoded::One(c)) => {
                out.push(c);
                last = amp + 1 + consumed;
            }
            Some(Decoded::Str(c)) => {
                out.push_str(c);
                last = amp + 1 + consumed;
            }
            None => {
                out.push('&');
                last = amp + 1;
            }
        }
        i = last;
    }
    out.push_str(&raw[last..]);
}

enum Decoded {
    One(char),
    Str(&'static str),
}

/// Parse a character reference after the `&`; returns the decoded text and
/// the number of bytes consumed.
fn parse_entity(b: &[u8]) -> (Option<Decoded>, usize) {
    if b.first() == Some(&b'#') {
        let (hex, start) = match b.get(1) {
            Some(b'x') | Some(b'X') => (true, 2),
            _ => (false, 1),
        };
        let mut j = start;
        let mut v: u32 = 0;
        while j < b.len() && j - start < 8 {
            let d = match (hex, b[j]) {
                (_, c @ b'0'..=b'9') => (c - b'0') as u32,
                (true, c @ b'a'..=b'f') => (c - b'a' + 10) as u32,
                (true, c @ b'A'..=b'F') => (c - b'A' + 10) as u32,
                _ => break,
            };
            v = v * if hex { 16 } else { 10 } + d;
            j += 1;
        }
        if j == start {
            return (None, 0);
        }
        if b.get(j) == Some(&b';') {
            j += 1;
        }
        let c = match v {
            0x80..=0x9f => cp1252_c1(v as u8),
            0 => '\u{fffd}',
            _ => char::from_u32(v).unwrap_or('\u{fffd}'),
        };
        return (Some(Decoded::One(c)), j);
    }
    let mut j = 0;
    while j < b.len() && j < 32 && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    if j == 0 {
        return (None, 0);
    }
    let name = &b[..j];
    let semi = b.get(j) == Some(&b';');
    match named_entity(name) {
        Some(s) => {
            let legacy = matches!(
                name,
                b"amp" | b"lt" | b"gt" | b"quot" | b"nbsp" | b"copy" | b"reg"
            );
            if semi {
                (Some(Decoded::Str(s)), j + 1)
            } else if legacy {
                (Some(Decoded::Str(s)), j)
            } else {
                (None, 0)
            }
        }
        None => (None, 0),
    }
}

pub(crate) fn cp1252_c1(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    HIGH[(b.wrapping_sub(0x80) & 31) as usize]
}

fn named_entity(name: &[u8]) -> Option<&'static str> {
    Some(match name {
        b"amp" | b"AMP" => "&",
        b"lt" | b"LT" => "<",
        b"gt" | b"GT" => ">",
        b"quot" | b"QUOT" => "\"",
        b"apos" => "'",
        b"nbsp" => "\u{a0}",
        b"ensp" => "\u{2002}",
        b"emsp" => "\u{2003}",
        b"thinsp" => "\u{2009}",
        b"hairsp" => "\u{200a}",
        b"zwnj" => "\u{200c}",
        b"zwj" => "\u{200d}",
        b"shy" => "\u{ad}",
        b"ndash" => "–",
        b"mdash" => "—",
        b"hyphen" | b"dash" => "‐",
        b"lsquo" => "‘",
        b"rsquo" | b"rsquor" => "’",
        b"sbquo" => "‚",
        b"ldquo" => "“",
        b"rdquo" | b"rdquor" => "”",
        b"bdquo" => "„",
        b"laquo" => "«",
        b"raquo" => "»",
        b"lsaquo" => "‹",
        b"rsaquo" => "›",
        b"hellip" | b"mldr" => "…",
        b"bull" | b"bullet" => "•",
        b"middot" => "·",
        b"copy" | b"COPY" => "©",
        b"reg" | b"REG" => "®",
        b"trade" | b"TRADE" => "™",
        b"deg" => "°",
        b"plusmn" => "±",
        b"times" => "×",
        b"divide" => "÷",
        b"frac12" => "½",
        b"frac14" => "¼",
        b"frac34" => "¾",
        b"sup1" => "¹",
        b"sup2" => "²",
        b"sup3" => "³",
        b"micro" => "µ",
        b"para" => "¶",
        b"sect" => "§",
        b"cent" => "¢",
        b"pound" => "£",
        b"euro" => "€",
        b"yen" => "¥",
        b"curren" => "¤",
        b"dagger" => "†",
        b"Dagger" => "‡",
        b"prime" => "′",
        b"Prime" => "″",
        b"permil" => "‰",
        b"iexcl" => "¡",
        b"iquest" => "¿",
        b"ordf" => "ª",
        b"ordm" => "º",
        b"not" => "¬",
        b"macr" => "¯",
        b"acute" => "´",
        b"cedil" => "¸",
        b"uml" => "¨",
        b"brvbar" => "¦",
        b"larr" => "←",
        b"rarr" => "→",
        b"uarr" => "↑",
        b"darr" => "↓",
        b"harr" => "↔",
        b"minus" => "−",
        b"le" => "≤",
        b"ge" => "≥",
        b"ne" => "≠",
        b"infin" => "∞",
        b"star" => "☆",
        b"starf" => "★",
        b"check" => "✓",
        b"hearts" => "♥",
        b"Agrave" => "À",
        b"Aacute" => "Á",
        b"Acirc" => "Â",
        b"Atilde" => "Ã",
        b"Auml" => "Ä",
        b"Aring" => "Å",
        b"AElig" => "Æ",
        b"Ccedil" => "Ç",
        b"Egrave" => "È",
        b"Eacute" => "É",
        b"Ecirc" => "Ê",
        b"Euml" => "Ë",
        b"Igrave" => "Ì",
        b"Iacute" => "Í",
        b"Icirc" => "Î",
        b"Iuml" => "Ï",
        b"ETH" => "Ð",
        b"Ntilde" => "Ñ",
        b"Ograve" => "Ò",
        b"Oacute" => "Ó",
        b"Ocirc" => "Ô",
        b"Otilde" => "Õ",
        b"Ouml" => "Ö",
        b"Oslash" => "Ø",
        b"Ugrave" => "Ù",
        b"Uacute" => "Ú",
        b"Ucirc" => "Û",
        b"Uuml" => "Ü",
        b"Yacute" => "Ý",
        b"THORN" => "Þ",
        b"szlig" => "ß",
        b"agrave" => "à",
        b"aacute" => "á",
        b"acirc" => "â",
        b"atilde" => "ã",
        b"auml" => "ä",
        b"aring" => "å",
        b"aelig" => "æ",
        b"ccedil" => "ç",
        b"egrave" => "è",
        b"eacute" => "é",
        b"ecirc" => "ê",
        b"euml" => "ë",
        b"igrave" => "ì",
        b"iacute" => "í",
        b"icirc" => "î",
        b"iuml" => "ï",
        b"eth" => "ð",
        b"ntilde" => "ñ",
        b"ograve" => "ò",
        b"oacute" => "ó",
        b"ocirc" => "ô",
        b"otilde" => "õ",
        b"ouml" => "ö",
        b"oslash" => "ø",
        b"ugrave" => "ù",
        b"uacute" => "ú",
        b"ucirc" => "û",
        b"uuml" => "ü",
        b"yacute" => "ý",
        b"thorn" => "þ",
        b"yuml" => "ÿ",
        b"OElig" => "Œ",
        b"oelig" => "œ",
        b"Scaron" => "Š",
        b"scaron" => "š",
        b"Yuml" => "Ÿ",
        b"fnof" => "ƒ",
        b"circ" => "ˆ",
        b"tilde" => "˜",
        b"Alpha" => "Α",
        b"alpha" => "α",
        b"beta" => "β",
        b"gamma" => "γ",
        b"delta" => "δ",
        b"Delta" => "Δ",
        b"pi" => "π",
        b"mu" => "μ",
        b"sigma" => "σ",
        b"Omega" => "Ω",
        b"omega" => "ω",
        b"lambda" => "λ",
        b"theta" => "θ",
        b"NewLine" => "\n",
        b"Tab" => "\t",
        b"colon" => ":",
        b"comma" => ",",
        b"period" => ".",
        b"excl" => "!",
        b"quest" => "?",
        b"num" => "#",
        b"dollar" => "$",
        b"percnt" => "%",
        b"lpar" => "(",
        b"rpar" => ")",
        b"ast" => "*",
        b"plus" => "+",
        b"sol" => "/",
        b"semi" => ";",
        b"equals" => "=",
        b"commat" => "@",
        b"lsqb" | b"lbrack" => "[",
        b"rsqb" | b"rbrack" => "]",
        b"lowbar" => "_",
        b"verbar" | b"vert" => "|",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(d: &Dom) -> Vec<Tag> {
        d.nodes.iter().map(|n| n.tag).collect()
    }

    #[test]
    fn implied_p_end_and_subtree_ranges() {
        let d = parse("<div><p>one<p>two<div>three</div></div><p>four");
        // document, div, p, text, p, text, div, text, p, text
        assert_eq!(d.nodes.len(), 10);
        assert_eq!(d.nodes[1].tag, Tag::Div);
        assert_eq!(d.nodes[1].end, 8);
        assert_eq!(d.nodes[4].parent, 1);
        assert_eq!(d.nodes[6].parent, 1, "div closes the open p");
        assert_eq!(d.nodes[8].parent, 0);
        assert_eq!(d.subtree_text(1), "onetwothree");
    }

    #[test]
    fn stray_inline_end_tag_does_not_close_block() {
        let d = parse("<span><div>a</span>b</div>c");
        let div = 2;
        assert_eq!(d.nodes[div].tag, Tag::Div);
        assert_eq!(d.subtree_text(div), "ab");
    }

    #[test]
    fn entities_scripts_comments() {
        let d = parse(
            "<p>Tom &amp; Jerry&nbsp;&#8217;s &#x41; &bogus; &amp</p><!-- <p>x</p> -->\
             <script>if (a<b) { '</div>' }</script><script type=\"application/ld+json\">{\"a\":1}</script>",
        );
        assert_eq!(d.subtree_text(0), "Tom & Jerry\u{a0}’s A &bogus; &");
        assert_eq!(d.json_ld, vec!["{\"a\":1}".to_string()]);
        assert!(tags(&d).contains(&Tag::Script));
    }

    #[test]
    fn attributes_are_read() {
        let d = parse(
            "<meta property='og:title' content=\"A &amp; B\"><div class=x id = y data-x>t</div>",
        );
        assert_eq!(d.attr(1, Attr::Property), Some("og:title"));
        assert_eq!(d.attr(1, Attr::Content), Some("A & B"));
        assert_eq!(d.attr(2, Attr::Class), Some("x"));
        assert_eq!(d.attr(2, Attr::Id), Some("y"));
    }

    #[test]
    fn truncated_input() {
        for s in [
            "<",
            "<a",
            "<a href='",
            "<!--",
            "<![CDATA[",
            "</",
            "</a",
            "<script>",
            "&#",
            "&#x",
            "<p>&",
            "<div class=\"a",
            "<title>x",
        ] {
            let d = parse(s);
            assert!(!d.nodes.is_empty());
        }
    }
}
