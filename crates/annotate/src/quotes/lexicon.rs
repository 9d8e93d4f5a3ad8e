//! Word lists for attribution: cue verbs, auxiliaries, determiners, titles,
//! pronouns, person roles and gendered first names. All lookups take a
//! lower-cased word with `’` normalised to `'`.

use once_cell::sync::Lazy;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// How a cue word may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    /// A speech verb that may also come before its subject ("said Smith").
    Say,
    /// A speech verb whose object is the addressee ("told", "asked"): the
    /// speaker is never the word after it.
    Tell,
    /// A participle ("adding", "saying"): its subject is the clause's subject.
    Participle,
    /// A verb that introduces quoted words only before them ("called the
    /// deal "a disaster"").
    Weak,
}

fn set(words: &'static str) -> HashSet<&'static str> {
    words.split_whitespace().collect()
}

static SAY: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    set(
        "said says say added adds wrote writes tweeted replied replies stressed stresses \
         argued argues noted insisted insists warned warns explained explains continued \
         continues recalled recalls admitted admits declared declares claimed stated \
         announced responded responds answered remarked observes observed suggested \
         suggests acknowledged acknowledges contended contends maintained maintains asserted \
         asserts emphasized emphasised emphasizes complained complains joked jokes quipped \
         quips shouted yelled exclaimed mused predicted predicts promised vowed pledged \
         boasted conceded concedes countered counters charged alleged urged demanded \
         proclaimed concluded agreed confirmed testified reported reports texted emailed \
         messaged lamented cautioned wondered retorted snapped fumed chimed posted \
         commented explained recounted reiterated repeated reasoned speculated \
         opined griped railed bragged thundered shot whispered sings sang notes \
         concludes agrees reads barked barks boasts laments cautions muses wonders urges \
         grumbled grumbles marveled marvelled scoffed scoffs sighed",
    )
});

static TELL: Lazy<HashSet<&'static str>> =
    Lazy::new(|| set("told tells asked asks assured reminded informed"));

static PARTICIPLE: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    set(
        "saying adding noting writing explaining arguing warning stressing telling asking \
         tweeting posting declaring claiming suggesting insisting recalling acknowledging \
         admitting calling describing replying responding continuing emphasizing \
         emphasising complaining joking promising vowing urging according",
    )
});

static WEAK: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    set(
        "called calls described describes dubbed labeled labelled branded termed accused \
         accuses blasted blasts slammed slams criticized criticised praised blamed dismissed \
         mocked ridiculed touted hailed decried denounced referred refers characterized \
         warned believes believed thinks thought feels felt expressed cited \
         cites says lauded likened compared questioned criticizing mocking blasting \
         slamming accusing praising scolded exhorted attacked rated found ruled \
         condemned pledged demanded warned",
    )
});

/// The kind of a cue word, if it is one.
pub(crate) fn cue(w: &str) -> Option<Cue> {
    if SAY.contains(w) {
        Some(Cue::Say)
    } else if TELL.contains(w) {
        Some(Cue::Tell)
    } else if PARTICIPLE.contains(w) {
        Some(Cue::Participle)
    } else if WEAK.contains(w) {
        Some(Cue::Weak)
    } else {
        None
    }
}

static AUX: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    set(
        "has have had was were is are be been also later then again previously once \
         recently further still just even only would will could can may might should did \
         does do not never often always earlier repeatedly reportedly simply first once \
         had since subsequently immediately finally separately similarly privately publicly \
         quickly flatly bluntly angrily frankly candidly proudly gleefully sarcastically",
    )
});

/// Auxiliaries and adverbs that may stand between a speaker and the cue.
pub(crate) fn is_aux(w: &str) -> bool {
    AUX.contains(w)
        || (w.len() >= 6
            && w.ends_with("ly")
            && !matches!(w, "family" | "rally" | "supply" | "assembly" | "italy"))
}

static PRONOUN: Lazy<HashSet<&'static str>> = Lazy::new(|| set("he she they we i it you who"));

pub(crate) fn is_pronoun(w: &str) -> bool {
    PRONOUN.contains(w) && w != "who"
}

static DETERMINER: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    set(
        "the a an his her their its our my your this that these those another one two three \
         four five several many some other both each every no any few",
    )
});

pub(crate) fn is_determiner(w: &str) -> bool {
    DETERMINER.contains(w)
}

static FUNCTION: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    set(
        "that which who whom what whose and or but nor to of in on for with at by from as it \
         there here then also not has had have is was were are be been being would will can \
         could may might should must do does did so than when where why how if because while \
         after before about into over under up out just only even again all both each any \
         such very more most much too the a an this these those he she they we i you him \
         them us me her his its our their my your yet though although whether until since \
         whom whose via per amid among against without within during through between",
    )
});

/// Function words: never the head of a speaker description.
pub(crate) fn is_function(w: &str) -> bool {
    FUNCTION.contains(w)
}

static TITLE: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    set(
        "mr mr. mrs mrs. ms ms. miss dr dr. sen sen. senator rep rep. representative gov \
         gov. governor president vice secretary speaker chairman chairwoman judge justice gen \
         gen. general attorney director chief minister prime mayor former lt lt. col col. sgt \
         sgt. capt capt. adm adm. prof prof. rev rev. sir lord lady queen king prince pope \
         congressman congresswoman councilman councilwoman commissioner ambassador \
         democratic republican gop independent presidential candidate nominee the",
    )
});

/// Titles and determiners that are not part of a person's own name.
pub(crate) fn is_title(w: &str) -> bool {
    TITLE.contains(w)
}

static CONNECTIVE: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    set(
        "but and however meanwhile still yet so then also now later earlier instead indeed \
         moreover furthermore again finally asked when while after before in on at for as if \
         although though since because here there this that these those it even thus hence \
         speaking writing responding meantime overall separately similarly additionally \
         last today yesterday tuesday monday wednesday thursday friday saturday sunday during \
         following according despite with without under over amid among through by from to \
         of like unlike upon within across against toward towards regarding",
    )
});

/// Capitalised sentence openers that are not names.
pub(crate) fn is_connective(w: &str) -> bool {
    CONNECTIVE.contains(w)
}

/// Lower-case particles inside personal names ("de", "van", "bin").
pub(crate) fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "van" | "von" | "bin" | "al" | "la" | "del" | "da" | "du" | "le" | "der" | "di"
    )
}

static ROLE: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    set(
        "advocate congresswoman congressman senator representative lawmaker organizer \
         organiser president candidate nominee governor mayor official spokesman spokeswoman \
         spokesperson leader activist businessman businesswoman billionaire star actor actress \
         host author father mother daughter son wife husband man woman judge lawyer attorney \
         secretary chairman chairwoman director professor ceo founder co-founder executive \
         economist analyst strategist pollster commentator writer reporter journalist rapper \
         singer democrat republican veteran worker employee aide adviser advisor minister \
         ambassador general commissioner sheriff chief officer agent doctor physician \
         politician senator-elect president-elect candidate hopeful mogul businessman \
         scientist researcher expert teacher student resident voter owner manager coach \
         player speaker chair socialist progressive conservative liberal critic \
         representative campaigner unionist lawyer prosecutor investigator whistleblower \
         congressmember legislator delegate",
    )
});

/// Nouns for a person's role ("the advocate", "the congresswoman").
pub(crate) fn is_role(w: &str) -> bool {
    ROLE.contains(w)
}

/// A person's gender, when a word shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

static GENDERED: Lazy<HashMap<&'static str, Gender>> = Lazy::new(|| {
    let mut m = HashMap::default();
    for w in "mr mr. congressman spokesman chairman businessman father son husband man king \
              prince sir lord councilman actor he him his"
        .split_whitespace()
    {
        m.insert(w, Gender::Male);
    }
    for w in "mrs mrs. ms ms. miss congresswoman spokeswoman chairwoman businesswoman mother \
              daughter wife woman queen princess lady councilwoman actress she her hers"
        .split_whitespace()
    {
        m.insert(w, Gender::Female);
    }
    // Common first names (English-language news).
    for w in "james john robert michael william david richard joseph thomas charles christopher \
              daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian \
              george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan \
              stephen larry justin scott brandon benjamin samuel gregory alexander frank \
              patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas \
              zachary peter kyle noah ethan jeremy walter christian keith roger terry austin \
              sean gerald carl harold dylan arthur lawrence jordan jesse bryan billy bruce \
              gabriel joe logan alan juan albert willie elijah wayne randy vincent mason roy \
              ralph bobby russell bradley philip eugene bernie barack bill mike chris jim tom \
              ted mitch chuck newt rand marco jeb ben tim al dick rudy reince sean corey \
              kellyanne steve rick lindsey mitt ron bob jon jimmy connor jamarlin \
              elon jeff hunter beto pete andrew cory tucker rush glenn lou"
        .split_whitespace()
    {
        m.insert(w, Gender::Male);
    }
    for w in "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy \
              lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol \
              amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen amy \
              shirley angela helen anna brenda pamela nicole emma samantha katherine christine \
              debra rachel catherine carolyn janet ruth maria heather diane virginia julie \
              joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl \
              andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice \
              jean alice madison doris abigail julia judy grace denise amber marilyn beverly \
              danielle theresa sophia marie diana brittany natalie isabella charlotte rose \
              alexis kayla hillary chelsea melania ivanka kellyanne huma alexandria \
              elizabeth kamala sarah krystal nikki condoleezza hope sheryl michele tulsi \
              ilhan rashida ayanna jill kirsten tammy dianne maxine debbie donna marsha \
              susan lisa kristine katie megyn rachel mika norah"
        .split_whitespace()
    {
        m.insert(w, Gender::Female);
    }
    m
});

/// The gender a word (first name, honorific, gendered role) shows.
pub(crate) fn gender(w: &str) -> Option<Gender> {
    GENDERED.get(w).copied()
}

/// Abbreviations that keep their trailing period as part of the word.
pub(crate) fn is_abbrev(w: &str) -> bool {
    // Every listed word is ASCII and at most four letters; no other text
    // lower-cases to one of them.
    let mut buf = [0u8; 4];
    let l: &[u8] = if w.len() <= 4 && w.is_ascii() {
        buf[..w.len()].copy_from_slice(w.as_bytes());
        buf[..w.len()].make_ascii_lowercase();
        &buf[..w.len()]
    } else {
        b""
    };
    matches!(
        l,
        b"mr"
            | b"mrs"
            | b"ms"
            | b"dr"
            | b"sen"
            | b"rep"
            | b"reps"
            | b"gov"
            | b"gen"
            | b"lt"
            | b"col"
            | b"sgt"
            | b"capt"
            | b"adm"
            | b"st"
            | b"jr"
            | b"sr"
            | b"prof"
            | b"rev"
            | b"hon"
            | b"pres"
            | b"atty"
            | b"supt"
            | b"vs"
            | b"jan"
            | b"feb"
            | b"aug"
            | b"sept"
            | b"sep"
            | b"oct"
            | b"nov"
            | b"dec"
            | b"inc"
            | b"corp"
            | b"co"
            | b"ltd"
    ) || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
        || party_tag(w)
        || w.contains('.')
}

/// A party-and-state tag ("D-Mo", "R-Ky", "I-Vt").
pub(crate) fn party_tag(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 3 && matches!(b[0], b'D' | b'R' | b'I') && b[1] == b'-' && b[2].is_ascii_uppercase()
}
