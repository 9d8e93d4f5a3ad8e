//! Word classes for loaded wording. The sentiment weights come from the
//! VADER lexicon (Hutto & Gilbert 2014, MIT licence, shipped by the
//! `vader_sentiment` crate); the closed classes below are written for this
//! project from the usual categories of the media-bias literature: verbs of
//! saying that judge the speaker, combative metaphors, evaluative adjectives
//! and adverbs, intensifiers and doubt markers. Lookups take lemmas (see
//! [`lemmas`]) in lower case. `neutrality.tsv` holds per-word statistics
//! learned from the NeuS/AllSides train split by `bench/learn_neutrality.py`
//! ([`dropped`], [`rarity`]).

use once_cell::sync::Lazy;
use rustc_hash::{FxHashMap as HashMap, FxHashSet};

/// What kind of loaded word a lemma is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A verb of saying or reacting that judges the speaker ("slammed",
    /// "conceded", "boasted") where a neutral report says "said".
    Saying,
    /// A combative or dramatic metaphor for an ordinary action
    /// ("torpedo", "raid", "ram through").
    Metaphor,
    /// An evaluative adjective or noun ("lavish", "fiasco").
    Evaluative,
    /// A manner or stance adverb that colours the action ("harshly",
    /// "unabashedly").
    Adverb,
    /// A word that casts doubt on what follows ("so-called", "supposedly").
    Doubt,
    /// A sentiment-laden word from the general lexicon only.
    Sentiment,
}

impl Class {
    pub fn describe(self) -> &'static str {
        match self {
            Class::Saying => "loaded verb of saying",
            Class::Metaphor => "combative metaphor",
            Class::Evaluative => "evaluative word",
            Class::Adverb => "evaluative adverb",
            Class::Doubt => "casts doubt",
            Class::Sentiment => "sentiment-laden word",
        }
    }
}

const SAYING: &[&str] = &[
    "admit",
    "allege",
    "badger",
    "balk",
    "berate",
    "blast",
    "blame",
    "boast",
    "brag",
    "bristle",
    "castigate",
    "chastise",
    "chide",
    "claim",
    "complain",
    "concede",
    "crow",
    "decry",
    "deride",
    "denounce",
    "disparage",
    "excoriate",
    "fume",
    "gloat",
    "gripe",
    "grouse",
    "grumble",
    "harangue",
    "hector",
    "howl",
    "insist",
    "lambast",
    "lambaste",
    "lament",
    "lash",
    "mock",
    "plead",
    "pontificate",
    "proclaim",
    "quip",
    "rail",
    "rant",
    "rave",
    "rebuff",
    "rebuke",
    "retort",
    "ridicule",
    "scoff",
    "scold",
    "seethe",
    "slam",
    "smirk",
    "snap",
    "snarl",
    "sneer",
    "snipe",
    "taunt",
    "thunder",
    "tout",
    "trumpet",
    "vent",
    "vow",
    "whine",
    "wail",
    "brush",
    "dodge",
    "duck",
    "sidestep",
    "evade",
    "downplay",
    "spin",
    "hype",
    "peddle",
    "tout",
    "gush",
    "hail",
    "laud",
    "applaud",
    "cheer",
    "praise",
    "extol",
    "glorify",
    "lionize",
    "demonize",
    "vilify",
    "smear",
    "bash",
    "trash",
    "needle",
    "jab",
    "grill",
    "pester",
    "beg",
    "implore",
    "threaten",
    "demand",
    "assail",
    "scorn",
    "spurn",
    "snub",
    "shrug",
    "cave",
    "capitulate",
    "backpedal",
    "backtrack",
    "waffle",
    "dither",
    "flip-flop",
    "pander",
    "grovel",
    "appease",
    "cajole",
    "woo",
];

const METAPHOR: &[&str] = &[
    "torpedo",
    "derail",
    "sabotage",
    "gut",
    "slash",
    "axe",
    "ax",
    "hammer",
    "pummel",
    "batter",
    "clobber",
    "thrash",
    "trounce",
    "rout",
    "crush",
    "topple",
    "oust",
    "unseat",
    "purge",
    "raid",
    "loot",
    "plunder",
    "squander",
    "ram",
    "railroad",
    "bulldoze",
    "steamroll",
    "strong-arm",
    "muscle",
    "storm",
    "erupt",
    "explode",
    "ignite",
    "inflame",
    "stoke",
    "fuel",
    "whip",
    "unleash",
    "onslaught",
    "barrage",
    "firestorm",
    "maelstrom",
    "uproar",
    "furor",
    "furore",
    "frenzy",
    "tirade",
    "diatribe",
    "broadside",
    "salvo",
    "crusade",
    "witch-hunt",
    "bandwagon",
    "juggernaut",
    "bombshell",
    "meltdown",
    "showdown",
    "slugfest",
    "brawl",
    "feud",
    "spat",
    "tussle",
    "skirmish",
    "scramble",
    "flail",
    "lurch",
    "stumble",
    "flounder",
    "falter",
    "tumble",
    "plummet",
    "plunge",
    "soar",
    "skyrocket",
    "balloon",
    "rip",
    "shred",
    "wreck",
    "ravage",
    "cripple",
    "hobble",
    "strangle",
    "choke",
    "muzzle",
    "gag",
    "silence",
    "stonewall",
    "ambush",
    "blindside",
    "ghost",
    "whitewash",
    "gobble",
    "devour",
    "splurge",
    "bankroll",
    "cozy",
    "hobnob",
    "schmooze",
    "mastermind",
    "scheme",
    "plot",
    "collude",
    "conspire",
    "bully",
    "coerce",
    "strongarm",
    "vendetta",
];

const EVALUATIVE: &[&str] = &[
    "absurd",
    "alarming",
    "appalling",
    "arrogant",
    "audacious",
    "bizarre",
    "blatant",
    "bleak",
    "blistering",
    "bogus",
    "bold",
    "bombastic",
    "brash",
    "brazen",
    "brutal",
    "callous",
    "chaotic",
    "cocky",
    "combative",
    "condescending",
    "contemptuous",
    "cozy",
    "craven",
    "crushing",
    "cynical",
    "damning",
    "defiant",
    "devastating",
    "dire",
    "disastrous",
    "disdainful",
    "dismal",
    "dismissive",
    "divisive",
    "draconian",
    "dubious",
    "egregious",
    "embattled",
    "beleaguered",
    "evasive",
    "explosive",
    "extreme",
    "extremist",
    "fabled",
    "feckless",
    "feisty",
    "ferocious",
    "fiasco",
    "fierce",
    "fiery",
    "firebrand",
    "flagrant",
    "flamboyant",
    "fragile",
    "glitzy",
    "grim",
    "hapless",
    "hardline",
    "hard-line",
    "heavy-handed",
    "hefty",
    "hysterical",
    "icy",
    "incendiary",
    "inept",
    "infamous",
    "inflammatory",
    "lavish",
    "laughable",
    "ludicrous",
    "massive",
    "meager",
    "measly",
    "militant",
    "murky",
    "nasty",
    "notorious",
    "obstinate",
    "obstructionist",
    "outlandish",
    "outrageous",
    "paltry",
    "partisan",
    "petty",
    "plush",
    "polarizing",
    "posh",
    "powerful",
    "preposterous",
    "provocative",
    "pugnacious",
    "radical",
    "rabid",
    "reckless",
    "relentless",
    "ritzy",
    "rogue",
    "ruthless",
    "scandalous",
    "scathing",
    "shadowy",
    "sham",
    "shameful",
    "shameless",
    "shocking",
    "shrill",
    "sinister",
    "sleazy",
    "smug",
    "staggering",
    "stark",
    "stinging",
    "stubborn",
    "strident",
    "stunning",
    "swanky",
    "sweeping",
    "tone-deaf",
    "toxic",
    "trumped-up",
    "tumultuous",
    "turbulent",
    "unabashed",
    "unhinged",
    "unprecedented",
    "unruly",
    "vaunted",
    "venomous",
    "vicious",
    "vindictive",
    "vitriolic",
    "whopping",
    "withering",
    "zealous",
    "zealot",
    "demagogue",
    "cronies",
    "crony",
    "henchman",
    "mouthpiece",
    "propaganda",
    "stunt",
    "ploy",
    "gimmick",
    "charade",
    "debacle",
    "fiasco",
    "boondoggle",
    "handout",
    "giveaway",
    "scandal",
    "scheme",
    "cover-up",
    "power-grab",
    "overreach",
    "rubber-stamp",
    "huge",
    "enormous",
    "tremendous",
    "historic",
    "landmark",
    "sweeping",
    "dramatic",
    "drastic",
    "dangerous",
    "disgraced",
    "embarrassing",
    "humiliating",
    "stunning",
    "outrage",
    "onslaught",
    "disaster",
    "amnesty",
    "regime",
    "thug",
    "thugs",
    "mob",
    "illegals",
    "job-killing",
    "takeover",
    "socialist",
    "socialism",
    "elitist",
    "elites",
    "hypocrite",
    "hypocrisy",
    "far-right",
    "far-left",
    "right-wing",
    "left-wing",
    "ultraconservative",
    "ultra-conservative",
    "hard-right",
    "hard-left",
    "anti-gay",
    "bigot",
    "bigoted",
    "racist",
    "sexist",
    "xenophobic",
    "nativist",
    "fearmongering",
    "fear-mongering",
    "demagoguery",
    "indoctrination",
    "nanny",
    "big-government",
    "tax-and-spend",
    "pork",
    "slush",
    "bailout",
    "gravy",
    "loophole",
    "staunch",
    "vocal",
    "fervent",
    "ardent",
    "diehard",
    "die-hard",
    "firebrand",
    "maverick",
    "fringe",
    "kooky",
    "wacky",
    "crazy",
    "loony",
    "nutty",
    "fanatic",
    "fanatical",
    "zealotry",
    "cabal",
    "clique",
    "lackey",
    "stooge",
    "puppet",
    "flunky",
    "apologist",
    "cheerleader",
    "shill",
    "mouthpiece",
    "hatchet",
    "smear",
    "hit-job",
    "hoax",
    "scam",
    "sham",
    "farce",
    "travesty",
    "charade",
    "circus",
    "spectacle",
    "debacle",
    "quagmire",
    "morass",
    "mess",
    "meltdown",
    "implosion",
    "collapse",
    "catastrophe",
    "catastrophic",
    "calamity",
    "calamitous",
    "nightmare",
    "apocalyptic",
    "doomsday",
    "draconian",
    "heavy-handed",
    "jackboot",
    "gestapo",
    "witch",
    "crackdown",
    "gravy-train",
    "cushy",
    "plum",
    "sweetheart",
    "lavish",
    "opulent",
    "extravagant",
    "exorbitant",
    "bloated",
    "wasteful",
];

const ADVERB: &[&str] = &[
    "angrily",
    "abruptly",
    "aggressively",
    "arrogantly",
    "bitterly",
    "blatantly",
    "boldly",
    "brazenly",
    "bluntly",
    "conveniently",
    "curtly",
    "cynically",
    "defiantly",
    "dismissively",
    "emphatically",
    "falsely",
    "famously",
    "fiercely",
    "flatly",
    "flagrantly",
    "forcefully",
    "furiously",
    "gleefully",
    "grudgingly",
    "harshly",
    "heatedly",
    "loudly",
    "mockingly",
    "notoriously",
    "openly",
    "proudly",
    "sarcastically",
    "sharply",
    "shamelessly",
    "smugly",
    "sternly",
    "stubbornly",
    "testily",
    "unabashedly",
    "unapologetically",
    "vehemently",
    "vigorously",
    "wildly",
    "wrongly",
    "shockingly",
    "stunningly",
    "strikingly",
    "remarkably",
    "astonishingly",
    "staggeringly",
    "utterly",
    "sheer",
    "outright",
    "downright",
    "hardly",
    "barely",
    "clearly",
    "obviously",
    "plainly",
    "simply",
    "merely",
    "very",
    "extremely",
    "incredibly",
    "hugely",
    "massively",
    "deeply",
    "truly",
    "absolutely",
    "totally",
    "wholly",
];

const DOUBT: &[&str] = &[
    "so-called",
    "supposedly",
    "allegedly",
    "purportedly",
    "ostensibly",
    "apparently",
    "seemingly",
    "self-styled",
    "self-proclaimed",
    "would-be",
    "dubbed",
    "professed",
    "pseudo",
    "quasi",
];

/// Words whose general sentiment is ordinary news vocabulary: the lexicon's
/// weight says nothing about an outlet's choice when a story is about them.
const NEWS_NEUTRAL: &[&str] = &[
    "accept",
    "accident",
    "agree",
    "agreement",
    "aid",
    "allow",
    "arrest",
    "attack",
    "award",
    "ban",
    "benefit",
    "best",
    "better",
    "bomb",
    "care",
    "charge",
    "clean",
    "crime",
    "criminal",
    "crisis",
    "cut",
    "damage",
    "dead",
    "death",
    "die",
    "disease",
    "elect",
    "emergency",
    "fight",
    "fire",
    "free",
    "freedom",
    "fund",
    "gun",
    "help",
    "hope",
    "important",
    "injure",
    "innocent",
    "interest",
    "justice",
    "kill",
    "legal",
    "like",
    "lose",
    "loss",
    "no",
    "ok",
    "please",
    "police",
    "poor",
    "prison",
    "problem",
    "protect",
    "protest",
    "rescue",
    "respect",
    "safe",
    "safety",
    "save",
    "security",
    "share",
    "shoot",
    "shot",
    "sick",
    "support",
    "thank",
    "trust",
    "victim",
    "violence",
    "vote",
    "war",
    "welcome",
    "well",
    "win",
    "won",
    "yes",
    "good",
    "great",
    "want",
    "hurt",
    "pay",
    "party",
    "reach",
    "ready",
    "true",
    "united",
    "worth",
    "join",
    "honor",
    "lead",
    "leader",
    "matter",
    "clear",
    "certain",
    "sure",
    "easy",
    "hard",
    "serious",
    "strong",
    "weak",
    "top",
    "huge",
    "question",
    "demand",
    "warn",
    "warning",
    "concern",
    "concerned",
    "tax",
    "united",
    "peace",
    "prevent",
    "pass",
    "force",
    "risk",
    "illegal",
    "fail",
    "failed",
    "suspect",
    "terror",
    "terrorist",
    "terrorism",
    "abuse",
    "investigation",
    "responsible",
    "responsibility",
    "honest",
    "wrong",
    "right",
    "popular",
    "success",
    "successful",
    "fine",
    "losing",
    "lost",
    "debate",
    "campaign",
    "challenge",
    "critic",
    "criticism",
    "criticize",
    "oppose",
    "opposition",
    "promise",
    "commit",
    "determined",
    "fear",
    "worry",
    "worried",
    "threat",
    "threaten",
    "fraud",
    "guilty",
    "innocent",
    "hostage",
    "hostile",
    "killer",
    "murder",
    "rape",
    "torture",
    "ready",
    "smart",
    "fun",
    "funny",
    "joke",
    "laugh",
    "play",
    "love",
    "hate",
    "happy",
    "sad",
    "proud",
];

type Table = HashMap<&'static str, Class>;

static CLASSES: Lazy<Table> = Lazy::new(|| {
    let mut m = Table::default();
    // Later lists win for words in two lists; order from weakest to most
    // specific.
    for (list, class) in [
        (ADVERB, Class::Adverb),
        (EVALUATIVE, Class::Evaluative),
        (METAPHOR, Class::Metaphor),
        (SAYING, Class::Saying),
        (DOUBT, Class::Doubt),
    ] {
        for w in list {
            m.insert(*w, class);
        }
    }
    m
});

static NEUTRAL: Lazy<FxHashSet<&'static str>> =
    Lazy::new(|| NEWS_NEUTRAL.iter().copied().collect());

/// VADER valences, keys in lower case (letters, hyphens and apostrophes only).
static VALENCE: Lazy<HashMap<String, f64>> = Lazy::new(|| {
    vader_sentiment::LEXICON
        .iter()
        .filter(|(k, _)| {
            let k: &str = k;
            k.len() > 2
                && k.chars()
                    .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '\'')
        })
        .map(|(k, v)| {
            let k: &str = k;
            (k.to_ascii_lowercase(), *v)
        })
        .collect()
});

/// What the NeuS/AllSides train split says of a word form: in how many
/// partisan source articles it occurs, and how much less often than
/// expected it survives into the editors' neutral roundup (0..1). Learned
/// by `bench/learn_neutrality.py` (lower-case word forms used in at least
/// 8 source articles; statistics only).
static NEUTRALITY: Lazy<HashMap<&'static str, (u32, f64)>> = Lazy::new(|| {
    include_str!("neutrality.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t');
            let w = f.next()?;
            let n = f.next()?.trim().parse::<u32>().ok()?;
            let d = f.next()?.trim().parse::<f64>().ok()?;
            Some((w, (n, d)))
        })
        .collect()
});

/// Source articles of the training split a word form occurs in; a word
/// missing from the table counts as 4 (it was seen fewer than 8 times).
const UNSEEN_ARTICLES: f64 = 4.0;

/// How much editors drop a lower-case word form when they neutralise a
/// story (0..1); 0 for words seen too rarely to tell.
pub fn dropped(word: &str) -> f64 {
    NEUTRALITY.get(word).map_or(0.0, |&(_, d)| d)
}

/// How rare a lower-case word form is in news (0 for the commonest, about
/// 0.7 for words the training split has fewer than 8 times):
/// 1 - log2(articles + 1) / 10, floored at 0.
pub fn rarity(word: &str) -> f64 {
    let n = NEUTRALITY
        .get(word)
        .map_or(UNSEEN_ARTICLES, |&(n, _)| f64::from(n));
    (1.0 - (n + 1.0).log2() / 10.0).max(0.0)
}

/// The closed class of a lemma, if any.
pub fn class(lemma: &str) -> Option<Class> {
    CLASSES.get(lemma).copied()
}

/// VADER valence of a lemma (-4..4), if the lexicon has it.
pub fn valence(lemma: &str) -> Option<f64> {
    VALENCE.get(lemma).copied()
}

/// Ordinary news words whose sentiment is the event's, not the outlet's.
pub fn is_news_neutral(lemma: &str) -> bool {
    NEUTRAL.contains(lemma)
}

/// Neutral verbs of saying: what the baseline uses where an outlet chose a
/// loaded one.
pub fn is_neutral_saying(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "says"
            | "say"
            | "saying"
            | "told"
            | "tells"
            | "tell"
            | "stated"
            | "added"
            | "noted"
            | "explained"
            | "wrote"
            | "according"
    )
}

/// Common function words: never the neutral head a modifier attaches to.
pub fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "with"
            | "from"
            | "that"
            | "this"
            | "than"
            | "into"
            | "over"
            | "when"
            | "were"
            | "have"
            | "been"
            | "they"
            | "them"
            | "what"
            | "about"
            | "after"
            | "before"
            | "which"
            | "while"
            | "their"
            | "there"
            | "these"
            | "those"
            | "would"
            | "could"
            | "should"
            | "will"
            | "also"
            | "just"
            | "then"
            | "because"
            | "since"
            | "under"
    )
}

/// Intensifiers that belong in the span of the word they strengthen
/// ("very loudly", "famously frosty").
pub fn is_intensifier(word: &str) -> bool {
    matches!(
        word,
        "very"
            | "so"
            | "too"
            | "most"
            | "more"
            | "really"
            | "extremely"
            | "incredibly"
            | "deeply"
            | "utterly"
            | "truly"
            | "sheer"
            | "famously"
            | "notoriously"
            | "particularly"
            | "especially"
            | "increasingly"
            | "highly"
            | "hugely"
            | "fairly"
            | "rather"
            | "quite"
            | "pretty"
            | "immediately"
            | "openly"
    )
}

/// Candidate lemmas of a lower-case word form: the form itself, then forms
/// with common inflection suffixes removed ("slammed" -> "slam",
/// "complained" -> "complain", "raging" -> "rage", "harshly" -> "harsh").
pub fn lemmas(w: &str) -> Vec<String> {
    let mut out = vec![w.to_string()];
    let mut push = |s: String| {
        if s.len() >= 3 && !out.contains(&s) {
            out.push(s);
        }
    };
    let undouble = |s: &str| -> Option<String> {
        let b = s.as_bytes();
        let n = b.len();
        if n >= 4 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z' | b'e' | b'o') {
            Some(s[..n - 1].to_string())
        } else {
            None
        }
    };
    for (suf, rep) in [
        ("ies", "y"),
        ("ied", "y"),
        ("ily", "y"),
        ("ally", "al"),
        ("ly", ""),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("es", ""),
        ("s", ""),
    ] {
        if let Some(stem) = w.strip_suffix(suf) {
            let s = format!("{stem}{rep}");
            if let Some(u) = undouble(&s) {
                if rep.is_empty() {
                    push(u);
                }
            }
            push(s);
        }
    }
    out
}
