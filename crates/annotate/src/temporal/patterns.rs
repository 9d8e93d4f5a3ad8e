//! The regular expressions that find candidate temporal expressions.
//!
//! Every pattern is compiled once, case-insensitively; month and weekday
//! names must be capitalised (`(?-i:...)`) so that "may", "march" or "sun"
//! as ordinary words are not dates. The `regex` crate runs in linear time,
//! so each pattern is one linear pass over the text.

use once_cell::sync::Lazy;
use regex::Regex;

/// What a pattern recognises; selects the normaliser in `mod.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Time,
    IsoDate,
    SlashDate,
    CompactDate,
    DashDateTime,
    Weekday,
    MonthDay,
    DayMonth,
    MonthYear,
    Deictic,
    RelUnit,
    Quarter,
    QCode,
    Season,
    Decade,
    Century,
    SpelledYear,
    Year,
    Holiday,
    Ago,
    Duration,
    BarePlural,
    Set,
    Reference,
    YearEarlier,
}

/// Whitespace inside an expression: spaces, or one line break.
const S: &str = r"(?:[ \t\u{a0}]+|[ \t\u{a0}]*\n[ \t\u{a0}]*)";
const MON_FULL: &str = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)";
const MON_ABBR: &str = r"(?-i:Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|SEPT|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEP|OCT|NOV|DEC)";
const WD: &str = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)";
const ONES: &str = "one|two|three|four|five|six|seven|eight|nine";
const TEENS: &str =
    "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
const TENS: &str = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
const UNITS: &str = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|centuries|century|quarters?|weekends?|millennium|millennia)";
const QUAL: &str = r"(?:about|approximately|around|roughly|nearly|almost|more{S}than|less{S}than|fewer{S}than|well{S}over|over|under|at{S}least|at{S}most|up{S}to|no{S}more{S}than|no{S}less{S}than|not{S}quite|just{S}over|just{S}under|some|within|barely|close{S}to|upwards{S}of|in{S}excess{S}of|only|just|an{S}estimated|a{S}full|the{S}full)";
const YEAR: &str = r"(?:1[6-9]\d\d|20\d\d)";
/// Spelled day-of-month ordinals ("eighth", "twenty-first").
const ORDW: &str = r"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)";

/// Expand the `{NAME}` placeholders of a pattern.
fn expand(p: &str) -> String {
    let numword = format!(
        r"(?:(?:{TENS})(?:[- ](?:{ONES}))?|{TEENS}|{ONES})(?:[- ]hundred)?|(?:a|one)[- ](?:hundred|thousand)"
    );
    let num = format!(
        r"(?:a{{S}}couple{{S}}of|a{{S}}couple|a{{S}}few|a{{S}}number{{S}}of|several|a{{S}}dozen|dozens{{S}}of|a{{S}}half|half{{S}}a|{numword}|\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:{{S}}\d/\d)?|an|a|few|many|couple{{S}}of)(?:{{S}}and{{S}}a{{S}}half)?"
    );
    p.replace("{NUM}", &num)
        .replace("{QUAL}", QUAL)
        .replace("{MONF}", MON_FULL)
        .replace("{MONA}", MON_ABBR)
        .replace("{WD}", WD)
        .replace("{UNITS}", UNITS)
        .replace("{YEAR}", YEAR)
        .replace("{ORDW}", ORDW)
        .replace("{ONES}", ONES)
        .replace("{TEENS}", TEENS)
        .replace("{TENS}", TENS)
        .replace("{S}", S)
}

fn re(p: &str) -> Regex {
    // ASCII word boundaries: a Unicode `\b` makes the regex engine leave its
    // fast DFA at the first non-ASCII byte (curly quotes are everywhere in
    // news text) and run ~30x slower. Dates are written in ASCII letters and
    // digits, so nothing is lost.
    let full = format!("(?i){}", expand(p)).replace(r"\b", r"(?-u:\b)");
    // A larger cache for the lazy DFA than the default: with the default,
    // the bigger patterns fill it on long texts and it is cleared and
    // rebuilt again and again (about a fifth of the time of the warm pass).
    regex::RegexBuilder::new(&full)
        .dfa_size_limit(32 << 20)
        .build()
        .unwrap_or_else(|e| panic!("bad temporal pattern: {e}"))
}

/// All rules with their patterns, most specific first (ties on equal spans
/// go to the earlier rule).
pub static RULES: Lazy<Vec<(Rule, Regex)>> = Lazy::new(|| {
    vec![
        (
            Rule::Time,
            re(
                r"\b(?:(?P<q>about|around|approximately|roughly|shortly{S}before|shortly{S}after|just{S}before|just{S}after|sometime{S}after|sometime{S}before|at{S}about|at{S}around|before|after|until|by){S})?(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?{S}?(?P<ap>a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b)|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?::[0-5]\d)?{S}?(?P<tz1>GMT|UTC|[ECMP][SD]T)\b|(?P<noon>noon|midnight|midday))(?:{S}?\(?(?P<tz>[ECMP][SD]T|GMT|UTC)\b\)?)?(?:,?{S}(?:on{S})?(?:(?P<wd>{WD})|(?P<dd>today|yesterday|tomorrow|tonight)|(?P<mon>{MONF}|{MONA}\.?){S}?(?P<d>[0-3]?\d)\b))?",
            ),
        ),
        (
            Rule::IsoDate,
            re(
                r"\b(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?:[T ](?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d)(?::(?P<ss>[0-5]\d))?)?\b",
            ),
        ),
        (
            Rule::SlashDate,
            re(
                r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})\b(?:{S}(?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d)(?::(?P<ss>[0-5]\d))?\b)?",
            ),
        ),
        (
            Rule::CompactDate,
            re(r"\b(?P<y>19\d\d|20\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])\b"),
        ),
        (
            Rule::DashDateTime,
            re(
                r"\b(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])-(?P<y>\d\d)(?:{S}(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?:{S}?(?P<tz>[ECMP][SD]T|GMT|UTC))?)?\b",
            ),
        ),
        (
            Rule::Weekday,
            re(
                r"\b(?:(?P<mod>early|late|earlier|later|mid)(?:{S}|-))?(?:(?P<rel>last|this{S}past|this{S}coming|this|next|coming|previous|the{S}previous|the{S}following|on{S}the{S}following|the{S}next){S})?(?P<wd>{WD})(?P<pl>s)?(?:(?:{S}|-)(?P<pod>morning|afternoon|evening|night)(?P<podpl>s)?)?(?:,?{S}(?P<mon>{MONF}|{MONA}\.?){S}?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?{S}(?P<y>{YEAR})\b)?)?",
            ),
        ),
        (
            Rule::MonthDay,
            re(
                r"\b(?:(?P<mod>early|late|around|about|on|by|since|until|before|after){S})?(?P<wk>the{S}week{S}of{S})?(?P<mon>{MONF}|{MONA}\.?)(?:{S}?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?|{S}(?:the{S})?(?P<dw>{ORDW}))\b(?:,?{S}(?P<y>{YEAR})\b)?",
            ),
        ),
        (
            Rule::DayMonth,
            re(
                r"\b(?:the{S})?(?:(?P<d>[0-3]?\d)(?:st|nd|rd|th)?{S}(?:of{S})?|(?P<dw>{ORDW}){S}of{S})(?P<mon>{MONF}|{MONA}\.?)(?:,?{S}(?P<y>{YEAR})\b)?",
            ),
        ),
        (
            Rule::MonthYear,
            re(
                r"\b(?:(?P<mod>early|late|mid|the{S}end{S}of|the{S}beginning{S}of|the{S}middle{S}of|the{S}start{S}of)(?:{S}|-))?(?:(?P<rel>last|next|this{S}past|this{S}coming|this|coming){S})?(?P<mon>{MONF}|{MONA}\.)(?:,?{S}(?:of{S})?(?P<y>{YEAR})\b|{S}(?P<rel2>last|this|next){S}year\b)?",
            ),
        ),
        (
            Rule::Deictic,
            re(
                r"\b(?:(?P<mod>early|late|earlier|later|mid)(?:{S}|-))?(?:(?P<da>the{S}day{S}before|the{S}day{S}after){S})?(?P<w>yesterday|today|tomorrow|tonight)(?:(?:{S}|-)(?P<pod>morning|afternoon|evening|night))?\b",
            ),
        ),
        (
            Rule::RelUnit,
            re(
                r"\b(?:(?P<mod>earlier|later|early|late|mid|the{S}end{S}of|the{S}beginning{S}of|the{S}start{S}of|the{S}middle{S}of|the{S}rest{S}of|the{S}remainder{S}of|the{S}first{S}half{S}of|the{S}second{S}half{S}of|sometime|some{S}time|around)(?:{S}in|{S}of|-|{S})(?:{S})?)?(?P<det>the{S})?(?P<rel>this{S}past|this{S}coming|last|past|next|this|coming|previous|current|following|latest|prior|upcoming|same|that{S}same|that)?(?:{S}(?:fiscal|calendar))?{S}?(?P<unit>weekend|week|day|month|year|quarter|decade|century|morning|afternoon|evening|night|spring|summer|fall|autumn|winter)\b",
            ),
        ),
        (
            Rule::Quarter,
            re(
                r"\b(?:(?P<det>the|its|their|this{S}year's|last{S}year's|next{S}year's|a|this|that|last|next){S})?(?P<adjs>(?:(?:year-earlier|year-ago|year{S}earlier|latest|current|comparable|same|corresponding|fiscal|flat|recent|previous|prior|past|final|most{S}recent|just-ended|just{S}ended|first|second|third|fourth|1st|2nd|3rd|4th|last|{YEAR})(?:{S}|-))*)(?P<unit>quarter|period|half)(?P<pl>s)?\b(?:{S}(?:of{S})?(?:fiscal{S})?(?P<y>{YEAR})\b|{S}(?P<ly>last{S}year|a{S}year{S}earlier|a{S}year{S}ago))?",
            ),
        ),
        (
            Rule::QCode,
            re(r"\b(?-i:(?P<q>Q[1-4]))(?:{S}(?P<y>{YEAR}))?\b"),
        ),
        (
            Rule::Season,
            re(
                r"\b(?:(?P<the>the){S})?(?:(?P<mod>early|late|mid)(?:{S}|-))?(?P<season>spring|summer|fall|autumn|winter)(?:{S}(?:of{S})?(?P<y>{YEAR})\b)?",
            ),
        ),
        (
            Rule::Decade,
            re(
                r"\b(?:(?P<the>the){S})?(?:(?P<mod>early|mid|late)(?:{S}|-))?(?:(?P<dec>1[0-9]\d0|20\d0)'?s|'(?P<d2>\d0)s|(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b",
            ),
        ),
        (
            Rule::Century,
            re(
                r"\b(?:the{S})?(?:(?P<mod>early|mid|late)(?:{S}|-))?(?P<n>\d{1,2})(?:st|nd|rd|th){S}century\b",
            ),
        ),
        (
            Rule::SpelledYear,
            re(
                r"\b(?:the{S}year{S})?(?P<sy>nineteen(?:[- ]hundred)?(?:[- ](?:and[- ])?(?:(?:{TENS})(?:[- ](?:{ONES}))?|{TEENS}|{ONES}))|two{S}thousand(?:(?:{S}and)?{S}(?:(?:{TENS})(?:[- ](?:{ONES}))?|{TEENS}|{ONES}))?)\b",
            ),
        ),
        (
            Rule::Year,
            re(
                r"\b(?:(?P<mod>fiscal{S}year|fiscal|calendar{S}year|calendar|early|late|mid|the{S}end{S}of|the{S}beginning{S}of|the{S}start{S}of|the{S}middle{S}of|the{S}first{S}half{S}of|the{S}second{S}half{S}of|the{S}last{S}half{S}of|the{S}year|the{S}spring{S}of|post|pre)(?:{S}|-))?(?P<y>(?:1[0-9]|20)\d\d)\b",
            ),
        ),
        (
            Rule::Holiday,
            re(
                r"\b(?:(?P<rel>last|next|this){S})?(?P<h>(?-i:Christmas{S}Eve|Christmas{S}Day|Christmas|New{S}Year's{S}Eve|New{S}Year's{S}Day|New{S}Year's|Thanksgiving{S}Day|Thanksgiving|Independence{S}Day|Fourth{S}of{S}July|Halloween|Valentine's{S}Day|Election{S}Day|Memorial{S}Day|Labor{S}Day|Veterans{S}Day|Boxing{S}Day))(?:{S}(?P<y>{YEAR}))?\b",
            ),
        ),
        (
            Rule::Ago,
            re(
                r"\b(?:(?P<q>{QUAL}){S})?(?P<n>{NUM}){S}(?P<unit>{UNITS})(?:{S}or{S}so)?{S}(?P<dir>ago|earlier|from{S}now|hence)\b",
            ),
        ),
        (
            Rule::Duration,
            re(
                r"\b(?:(?P<q>{QUAL}){S})?(?:(?P<pre>(?:the{S})?(?:past|last|next|first|final|coming|previous|following|latest|remaining|initial|ensuing|same|prior|year-earlier|year-ago|other)|the|another|an{S}additional|an{S}extra|a{S}further){S})?(?P<n>{NUM}(?:{S}(?:to|or){S}{NUM})?)(?:{S}|-)(?:(?P<more>more|additional|straight|consecutive|full|long|successive|trading|business|calendar|working|further|extra)(?:{S}|-))?(?P<unit>{UNITS})\b(?P<suf>-(?:long|old))?",
            ),
        ),
        (
            Rule::BarePlural,
            re(
                r"\b(?:(?P<pre>(?:the{S})?(?:past|last|next|coming|recent|previous|following|ensuing|early|many|several|few)){S})?(?P<unit>years|months|weeks|days|decades|centuries|hours|minutes)\b(?P<suf>-long)?",
            ),
        ),
        (
            Rule::Set,
            re(
                r"\b(?:(?P<every>every|each|per)(?:{S}(?:other|single))?{S}(?P<u>day|week|month|year|quarter|hour|minute|morning|evening|night|summer|winter|spring|fall|{WD}|{MONF})\b|(?P<adv>daily|weekly|monthly|yearly|annually|hourly|quarterly|biweekly|nightly)\b)",
            ),
        ),
        (
            Rule::Reference,
            re(
                r"\b(?P<w>right{S}now|now|currently|nowadays|these{S}days|at{S}present|at{S}the{S}moment|presently|more{S}recently|most{S}recently|recently|lately|previously|formerly|soon|(?:the{S})?(?:near{S}|distant{S}|foreseeable{S}|immediate{S})?future|the{S}past|the{S}(?:near|short|long|medium)(?:{S}|-)term|current|recent|once)\b",
            ),
        ),
        (
            Rule::YearEarlier,
            re(r"\b(?P<ye>year-earlier|year-ago|year{S}earlier|year-end|year's{S}end)\b"),
        ),
    ]
});
