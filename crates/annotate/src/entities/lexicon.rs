//! Word lists for the rule-based entity finder: first names (with gender),
//! nicknames, titles, role nouns, organization and place heads, places,
//! known organizations, demonyms and words that never start a name.
//!
//! Everything is matched on lowercase words; lookups go through hash sets
//! built once.

use once_cell::sync::Lazy;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

fn set(words: &'static str) -> HashSet<&'static str> {
    words.split_whitespace().collect()
}

/// Gender hint of a word (first name, title, role noun).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

static MALE_NAMES: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    set("aaron abdul abdullah abe abraham adam adrian ahmed ahmad al alan albert alberto alejandro alex alexander alexei alfred ali allen alvin amir andre andreas andrew andy angelo anthony antonio antony arnold arthur ashton austin barack barry ben benjamin bernard bernie bill billy bob bobby boris brad bradley brandon brendan brett brian bruce bryan carl carlos cesar chad charles charlie chris christian christopher chuck clarence clark claude clint cody colin connor conor craig curtis dale dan daniel danny darren dave david dean dennis derek devin dick diego dmitry dominic don donald doug douglas duncan dustin dwayne dylan ed eddie edgar eduardo edward edwin elijah elon emmanuel enrique eric erik ernest ethan eugene evan fernando francis francisco frank franklin fred frederick gabriel gary gavin gene geoff geoffrey george gerald gilbert glen glenn gordon graham greg gregory guy hank harold harry harvey hassan hector henry herbert howard hugh hunter ian igor isaac ivan jack jacob jake jamal james jamie jared jason javier jay jeff jeffrey jeremy jerome jerry jesse jesus jim jimmy joe joel joey johan john johnny jon jonathan jordan jorge jose joseph josh joshua juan julian justin karl keith ken kenneth kevin kim kirk kurt kyle lamar lance larry lawrence lee leo leon leonard leroy lewis liam lloyd logan lorenzo louis lucas luis luke malcolm manuel marco marcus mario mark martin marvin matt matthew maurice max michael miguel mike mikhail mitch mitchell mohammed mohammad muhammad nathan neil nelson nicholas nick nicolas noah norman oliver omar oscar owen pablo patrick paul pedro pete peter phil philip phillip pierre rafael ralph ramon randy raul ray raymond reggie richard rick ricky rob robert roberto rod rodney roger ron ronald ross roy rudy russell ryan salman sam samuel scott sean sergei sergio seth shane shawn sidney simon stan stanley stephen steve steven stuart ted terry thomas tim timothy tobias toby todd tom tommy tony travis trevor troy tyler vernon victor vince vincent vladimir volodymyr wade walter warren wayne wesley will william willie xavier yuri zach zachary")
});

static FEMALE_NAMES: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    set("abby abigail ada adele adriana agnes aisha alana alexandra alexandria alexis alice alicia alison allison alyssa amanda amber amelia amy ana andrea angela angelina angie anita ann anna anne annie april ariana ashley audrey ava barbara beatrice becky belinda beth betsy betty beverly bonnie brenda brittany brooke caitlin camila candace carla carmen carol caroline carolyn carrie cassandra catherine cathy charlotte chelsea cheryl chloe christina christine cindy claire clara claudia colleen connie courtney cynthia daisy dana danielle daphne darlene dawn debbie deborah debra denise diana diane donna doris dorothy edith eileen elaine eleanor elena elise elizabeth ella ellen emily emma erica erin esther eva evelyn faith fatima felicia fiona florence frances gabriela gabrielle gail gina giselle gloria grace gretchen gwen hailey hannah harriet hazel heather heidi helen hillary holly ilhan irene iris isabel isabella ivanka jackie jacqueline jada jane janet janice jasmine jean jeanne jennifer jenny jessica jill jo joan joanna jocelyn josephine joy joyce judith judy julia julie june karen kate katherine kathleen kathryn kathy katie kayla kelly kendra kim kimberly kirsten krystal kristen kristi kristin kristina kristine kylie laura lauren leah lena linda lisa liz lois lori lorraine louise lucia lucy lydia lynn madeline madison maggie maria mariah marie marilyn marion marjorie martha mary maxine megan meghan melania melanie melinda melissa mia michelle mildred miranda molly monica nadia nancy naomi natalie natasha nicole nikki nina nora norma olga olivia paige pamela patricia patty paula pauline peggy penny phyllis priscilla rachel rashida rebecca regina renee rita roberta robin rosa rosalind rose ruth sabrina sally samantha sandra sara sarah sasha selena serena shannon sharon sheila shirley sonia sophia sophie stacey stephanie sue susan suzanne sylvia tamara tammy tanya tara teresa theresa tiffany tina tracy ursula valerie vanessa vera veronica victoria virginia vivian wanda wendy whitney yolanda yvonne zoe")
});

/// Gender of a first name, if the lexicon knows it (and it is not ambiguous).
pub fn first_name_gender(w: &str) -> Option<Gender> {
    match (MALE_NAMES.contains(w), FEMALE_NAMES.contains(w)) {
        (true, false) => Some(Gender::Male),
        (false, true) => Some(Gender::Female),
        _ => None,
    }
}

pub fn is_first_name(w: &str) -> bool {
    MALE_NAMES.contains(w) || FEMALE_NAMES.contains(w)
}

static NICKNAMES: Lazy<HashMap<&'static str, &'static str>> = Lazy::new(|| {
    let pairs = "bill:william will:william billy:william bob:robert bobby:robert rob:robert \
        dick:richard rick:richard ricky:richard jim:james jimmy:james jack:john johnny:john \
        peggy:margaret maggie:margaret liz:elizabeth beth:elizabeth betsy:elizabeth \
        betty:elizabeth ted:edward ed:edward eddie:edward tony:anthony chuck:charles \
        charlie:charles bernie:bernard kate:katherine kathy:katherine katie:katherine \
        sasha:alexandra alex:alexander sandy:alexandra mike:michael mikey:michael \
        joe:joseph joey:joseph dan:daniel danny:daniel dave:david tom:thomas tommy:thomas \
        matt:matthew steve:steven pete:peter sam:samuel nick:nicholas greg:gregory \
        larry:lawrence jerry:gerald andy:andrew drew:andrew hank:henry harry:henry \
        ben:benjamin josh:joshua zach:zachary jeff:jeffrey ken:kenneth tim:timothy \
        phil:philip ron:ronald don:donald doug:douglas fred:frederick jon:jonathan \
        abby:abigail becky:rebecca debbie:deborah jenny:jennifer jen:jennifer \
        toby:tobias tobi:tobias pam:pamela patty:patricia trish:patricia sue:susan vicky:victoria chris:christopher \
        mo:maurice kathryn:katherine catherine:katherine cathy:katherine nate:nathan \
        jake:jacob gene:eugene mitch:mitchell vince:vincent walt:walter russ:russell \
        ray:raymond reggie:reginald rich:richard frank:francis manny:manuel ned:edward \
        lou:louis meg:margaret sally:sarah al:albert stan:stanley nat:nathaniel \
        wes:wesley cliff:clifford marty:martin terry:terence";
    pairs
        .split_whitespace()
        .filter_map(|p| p.split_once(':'))
        .collect()
});

/// Whether two first names can name the same person ("Chris" / "Christian",
/// "Bill" / "William").
pub fn first_names_compatible(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    fn full(x: &str) -> &str {
        NICKNAMES.get(x).copied().unwrap_or(x)
    }
    if full(a) == full(b) {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.chars().count() >= 3 && long.starts_with(short)
}

/// Titles and honorifics before a name, with the role nouns they license
/// for later descriptions ("Rep." -> "the congresswoman") and a gender hint.
pub fn title_roles(w: &str) -> Option<(&'static [&'static str], Option<Gender>)> {
    const LAWMAKER: &[&str] = &[
        "representative",
        "congresswoman",
        "congressman",
        "lawmaker",
        "legislator",
        "politician",
    ];
    const SENATOR: &[&str] = &["senator", "lawmaker", "legislator", "politician"];
    let r: (&[&str], Option<Gender>) = match w {
        // Only before "Minister" (see `title_len`).
        "prime" => (&["minister", "premier", "leader"], None),
        "rep" | "reps" | "representative" => (LAWMAKER, None),
        "congresswoman" => (LAWMAKER, Some(Gender::Female)),
        "congressman" => (LAWMAKER, Some(Gender::Male)),
        "sen" | "senator" => (SENATOR, None),
        "president" => (&["president", "politician", "leader"], None),
        "gov" | "governor" => (&["governor", "politician"], None),
        "mayor" => (&["mayor", "politician"], None),
        "dr" | "doctor" => (&["doctor"], None),
        "prof" | "professor" => (&["professor"], None),
        "judge" | "justice" => (&["judge", "justice"], None),
        "gen" | "general" => (&["general", "commander"], None),
        "col" | "colonel" => (&["colonel", "commander"], None),
        "lt" | "lieutenant" => (&["lieutenant", "officer"], None),
        "capt" | "captain" => (&["captain"], None),
        "sgt" | "sergeant" => (&["sergeant", "officer"], None),
        "officer" => (&["officer"], None),
        "chief" | "commissioner" | "superintendent" | "inspector" | "deputy" | "trooper"
        | "agent" => (&["chief", "officer", "official"], None),
        "councilman" | "councilwoman" | "alderman" => (&["councilman", "politician"], None),
        "detective" | "det" => (&["detective"], None),
        "sheriff" => (&["sheriff"], None),
        "coach" => (&["coach"], None),
        "pope" => (&["pope", "pontiff"], Some(Gender::Male)),
        "king" => (&["king", "monarch"], Some(Gender::Male)),
        "queen" => (&["queen", "monarch"], Some(Gender::Female)),
        "prince" => (&["prince"], Some(Gender::Male)),
        "princess" => (&["princess"], Some(Gender::Female)),
        "chancellor" => (&["chancellor", "leader"], None),
        "minister" | "premier" => (&["minister", "premier", "leader"], None),
        "secretary" => (&["secretary"], None),
        "speaker" => (&["speaker", "lawmaker"], None),
        "ambassador" => (&["ambassador", "diplomat"], None),
        "chairman" => (&["chairman", "chair"], Some(Gender::Male)),
        "chairwoman" => (&["chairwoman", "chair"], Some(Gender::Female)),
        "ceo" => (&["ceo", "executive", "chief"], None),
        "director" => (&["director", "official"], None),
        "counsel" => (&["counsel", "prosecutor", "lawyer"], None),
        "mr" | "sir" | "lord" => (&[], Some(Gender::Male)),
        "mrs" | "ms" | "miss" | "dame" | "lady" => (&[], Some(Gender::Female)),
        "rev" | "reverend" | "father" | "pastor" | "bishop" | "rabbi" | "imam" => {
            (&["pastor", "priest", "cleric"], None)
        }
        "attorney" => (&["attorney", "lawyer"], None),
        "sheikh" | "ayatollah" => (&["leader", "cleric"], Some(Gender::Male)),
        _ => return None,
    };
    Some(r)
}

/// Abbreviated titles that are followed by a period ("Rep.", "Dr.").
pub fn is_title_abbrev(w: &str) -> bool {
    matches!(
        w,
        "rep"
            | "reps"
            | "sen"
            | "gov"
            | "dr"
            | "prof"
            | "gen"
            | "col"
            | "lt"
            | "capt"
            | "sgt"
            | "det"
            | "mr"
            | "mrs"
            | "ms"
            | "rev"
            | "st"
            | "ft"
            | "mt"
            | "jr"
            | "sr"
            | "atty"
            | "supt"
            | "adm"
            | "maj"
            | "cpl"
            | "pvt"
            | "pres"
    )
}

/// Role nouns usable as descriptions of a person ("the organizer"), with a
/// gender hint.
pub fn person_role(w: &str) -> Option<Option<Gender>> {
    static ROLES: Lazy<HashSet<&'static str>> = Lazy::new(|| {
        set("representative lawmaker legislator politician senator president governor mayor \
             minister premier chancellor organizer organiser advocate activist founder co-founder \
             cofounder ceo executive chief spokesperson chair secretary judge justice attorney lawyer \
             prosecutor sheriff officer detective coach actor singer rapper musician star player \
             candidate host co-host anchor reporter journalist columnist author writer director \
             producer suspect victim pope pontiff monarch general commander leader pastor priest \
             cleric bishop professor doctor teacher student worker employee economist analyst \
             researcher scientist official ambassador diplomat designer comedian billionaire \
             entrepreneur owner manager boss pilot captain driver gunman shooter defendant \
             plaintiff lieutenant sergeant colonel investor athlete quarterback striker goalkeeper \
             striker director filmmaker artist photographer dancer speaker counsel")
    });
    match w {
        "congresswoman" | "spokeswoman" | "chairwoman" | "actress" | "businesswoman" | "queen"
        | "princess" | "mother" | "wife" | "daughter" | "woman" | "sister" | "girlfriend"
        | "grandmother" => Some(Some(Gender::Female)),
        "lady" => Some(Some(Gender::Female)),
        "congressman" | "spokesman" | "chairman" | "businessman" | "king" | "prince" | "father"
        | "husband" | "son" | "man" | "brother" | "boyfriend" | "grandfather" => {
            Some(Some(Gender::Male))
        }
        _ if ROLES.contains(w) => Some(None),
        _ => None,
    }
}

/// Description nouns that refer back to an organization, with the name head
/// words (or kinds) they are compatible with. `"*company"` stands for any
/// company.
pub fn org_description(w: &str) -> Option<&'static [&'static str]> {
    let heads: &'static [&'static str] = match w {
        "company" | "firm" | "corporation" | "retailer" | "giant" | "conglomerate"
        | "automaker" | "carrier" | "airline" | "manufacturer" | "startup" | "platform"
        | "chain" | "insurer" | "lender" | "bank" | "employer" => &["*company"],
        "union" => &["union", "workers", "teamsters", "federation", "brotherhood"],
        "party" => &["party"],
        "agency" => &[
            "agency",
            "administration",
            "service",
            "bureau",
            "commission",
        ],
        "department" => &["department"],
        "ministry" => &["ministry"],
        "university" | "school" | "college" => &["university", "college", "school", "institute"],
        "court" => &["court"],
        "committee" => &["committee"],
        "commission" => &["commission"],
        "board" => &["board"],
        "network" | "broadcaster" | "channel" => &["network", "news", "broadcasting", "tv"],
        "newspaper" | "paper" | "outlet" | "publication" => &[
            "news",
            "times",
            "post",
            "journal",
            "herald",
            "tribune",
            "gazette",
            "newspaper",
        ],
        "group" | "organization" | "organisation" => &[
            "group",
            "organization",
            "organisation",
            "association",
            "coalition",
            "union",
            "alliance",
            "foundation",
            "league",
        ],
        "team" | "club" => &["club", "fc", "team"],
        "government" | "administration" => &["government", "administration"],
        "police" => &["police"],
        _ => return None,
    };
    Some(heads)
}

static ORG_HEADS: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    set(
        "inc inc. corp corp. corporation co co. company companies llc ltd ltd. plc gmbh ag sa nv \
         group holdings union party committee department university college school institute \
         academy news times post journal herald tribune gazette telegraph guardian network \
         networks broadcasting association council agency bureau office bank banks foundation \
         service services board commission ministry police army navy force forces corps court \
         congress senate parliament assembly club fc league federation coalition alliance \
         society church airlines airways motors technologies systems industries partners \
         capital fund trust labs laboratories media press magazine review radio tv television \
         hospital clinic center centre administration authority organization organisation \
         commission reserve exchange team brigade guard institution museum library \
         cooperative workers teamsters caucus campaign project initiative program programme \
         squad unit division command pharmaceuticals energy entertainment studios records \
         advisors advisers associates consulting solutions health foods llp",
    )
});

pub fn is_org_head(w: &str) -> bool {
    ORG_HEADS.contains(w)
}

/// Org heads after which "of" continues a name ("University of Oregon").
pub fn takes_of(w: &str) -> bool {
    matches!(
        w,
        "university"
            | "department"
            | "bank"
            | "ministry"
            | "institute"
            | "college"
            | "school"
            | "board"
            | "bureau"
            | "office"
            | "council"
            | "court"
            | "house"
            | "chamber"
            | "commission"
            | "committee"
            | "federation"
            | "association"
            | "society"
            | "museum"
            | "academy"
            | "league"
            | "union"
            | "order"
            | "church"
            | "republic"
            | "kingdom"
            | "state"
            | "states"
            | "gulf"
            | "bay"
            | "sea"
            | "isle"
            | "isles"
            | "cape"
            | "lake"
            | "mount"
            | "city"
            | "town"
            | "county"
            | "province"
            | "district"
            | "strait"
            | "straits"
            | "port"
            | "duke"
            | "duchess"
            | "prince"
            | "princess"
            | "secretary"
            | "minister"
            | "center"
            | "centre"
            | "agency"
            | "army"
            | "navy"
            | "party"
            | "coalition"
            | "government"
            | "corps"
            | "sisters"
            | "brothers"
            | "daughters"
            | "sons"
            | "friends"
            | "united"
            | "organization"
            | "organisation"
            | "people"
            | "fund"
            | "islands"
            | "river"
            | "valley"
            | "congress"
            | "parliament"
    )
}

static PLACE_HEADS: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    set(
        "island islands city county river mountains mountain mount valley bay gulf sea ocean lake \
         coast peninsula strait province region street avenue road boulevard square park beach \
         heights hills falls canyon desert forest harbor harbour airport station bridge \
         borough district village township state territory",
    )
});

pub fn is_place_head(w: &str) -> bool {
    PLACE_HEADS.contains(w)
}

static PLACES: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    let mut s = set(
        "afghanistan albania algeria angola argentina armenia australia austria \
        azerbaijan bahrain bangladesh belarus belgium bolivia bosnia brazil bulgaria cambodia \
        cameroon canada chad chile china colombia congo croatia cuba cyprus czechia denmark \
        ecuador egypt england eritrea estonia ethiopia europe africa asia america antarctica \
        finland france gaza georgia germany ghana greece guatemala haiti honduras hungary \
        iceland india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan \
        kenya korea kosovo kuwait laos latvia lebanon liberia libya lithuania luxembourg \
        madagascar malaysia mali malta mexico moldova mongolia montenegro morocco mozambique \
        myanmar namibia nepal netherlands nicaragua niger nigeria norway oman pakistan palestine \
        panama paraguay peru philippines poland portugal qatar romania russia rwanda scotland \
        senegal serbia singapore slovakia slovenia somalia spain sudan sweden switzerland syria \
        taiwan tajikistan tanzania thailand tunisia turkey uganda ukraine uruguay uzbekistan \
        venezuela vietnam wales yemen zambia zimbabwe britain crimea kashmir tibet \
        alabama alaska arizona arkansas california colorado connecticut delaware florida \
        hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland \
        massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio \
        oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington \
        wisconsin wyoming \
        london paris berlin madrid rome moscow beijing shanghai tokyo delhi mumbai seoul \
        baghdad tehran kabul cairo istanbul ankara jerusalem damascus beirut dubai riyadh \
        kyiv kiev warsaw prague vienna budapest athens lisbon dublin brussels amsterdam \
        stockholm oslo copenhagen helsinki geneva zurich toronto montreal vancouver ottawa \
        sydney melbourne brisbane auckland mexico bogota lima caracas havana \
        chicago boston houston dallas austin atlanta miami seattle portland denver phoenix \
        philadelphia detroit baltimore cleveland pittsburgh minneapolis milwaukee nashville \
        memphis orlando tampa sacramento oakland brooklyn queens manhattan bronx harlem \
        hollywood malibu anaheim honolulu anchorage albuquerque tucson vegas cincinnati \
        indianapolis columbus charlotte raleigh richmond louisville omaha buffalo newark \
        hoboken jersey alexandria arlington berkeley cambridge oxford manchester liverpool \
        birmingham glasgow edinburgh belfast cardiff mosul aleppo kandahar karachi lahore \
        islamabad dhaka nairobi lagos johannesburg kinshasa khartoum tripoli tunis algiers \
        hanoi bangkok manila jakarta singapore taipei pyongyang kathmandu ramallah \
        schoenefeld fukushima chernobyl odessa kharkiv mariupol donetsk luhansk \
        westminster scandinavia caribbean mediterranean balkans siberia midwest",
    );
    for p in [
        "new york",
        "new jersey",
        "new mexico",
        "new hampshire",
        "new zealand",
        "north carolina",
        "south carolina",
        "north dakota",
        "south dakota",
        "west virginia",
        "rhode island",
        "staten island",
        "long island",
        "los angeles",
        "san francisco",
        "san diego",
        "san jose",
        "san antonio",
        "las vegas",
        "new orleans",
        "st. louis",
        "salt lake city",
        "kansas city",
        "oklahoma city",
        "new york city",
        "washington dc",
        "united states",
        "united kingdom",
        "united arab emirates",
        "saudi arabia",
        "south africa",
        "north korea",
        "south korea",
        "sri lanka",
        "hong kong",
        "costa rica",
        "puerto rico",
        "el salvador",
        "dominican republic",
        "czech republic",
        "ivory coast",
        "gulf of aden",
        "middle east",
        "latin america",
        "south america",
        "north america",
        "central america",
        "east asia",
        "southeast asia",
        "west bank",
        "gaza strip",
        "silicon valley",
        "wall street",
        "capitol hill",
        "white house",
        "tel aviv",
        "abu dhabi",
        "buenos aires",
        "rio de janeiro",
        "sao paulo",
        "mexico city",
        "cape town",
        "new delhi",
        "the hague",
        "great britain",
        "northern ireland",
        "bay area",
        "the bronx",
        "upper east side",
        "lower manhattan",
    ] {
        s.insert(p);
    }
    s
});

/// A place name known to the lexicon (lowercase, words joined by one space).
pub fn is_place(name: &str) -> bool {
    PLACES.contains(name)
}

/// Multiword places a run may start with, for splitting "Staten Island
/// Amazon" into two names.
pub fn multiword_place_prefix_len(words: &[String]) -> Option<usize> {
    (2..=3.min(words.len()))
        .rev()
        .find(|&n| n < words.len() && is_place(&words[..n].join(" ")))
}

/// Abbreviations and short forms of places, mapped to the full name.
pub fn place_alias(w: &str) -> Option<&'static str> {
    Some(match w {
        "us" | "u.s." | "usa" | "u.s.a." => "united states",
        "uk" | "u.k." => "united kingdom",
        "nyc" => "new york city",
        "la" | "l.a." => "los angeles",
        "uae" | "u.a.e." => "united arab emirates",
        "dc" | "d.c." => "washington dc",
        _ => return None,
    })
}

static ORGS: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    set(
        "amazon google apple microsoft facebook meta twitter instagram tiktok youtube netflix \
         tesla spacex uber lyft airbnb walmart target starbucks disney boeing airbus intel nvidia \
         ibm oracle samsung sony toyota honda ford gm volkswagen bmw nike adidas mcdonald's \
         pfizer moderna exxon chevron shell bp verizon comcast paypal visa mastercard \
         goldman jpmorgan citigroup reuters bloomberg cnn msnbc nbc abc cbs fox bbc npr pbs \
         politico axios vox buzzfeed breitbart huffpost nato un eu fbi cia nsa nasa fda cdc \
         epa irs dhs doj dod pentagon interpol who imf opec unesco unicef aclu naacp nlrb \
         osha gop hamas hezbollah taliban isis kremlin congress senate parliament \
         whatsapp linkedin reddit snapchat spotify zoom openai anthropic alibaba tencent \
         huawei baidu yahoo ebay costco kroger fedex ups dhl nissan hyundai",
    )
});

/// A known organization (single lowercase word).
pub fn is_known_org(w: &str) -> bool {
    ORGS.contains(w)
}

/// Companies among the known organizations and suffixes that mark a company.
pub fn is_company_word(w: &str) -> bool {
    static CO: Lazy<HashSet<&'static str>> = Lazy::new(|| {
        set(
            "amazon google apple microsoft facebook meta twitter instagram tiktok youtube \
             netflix tesla spacex uber lyft airbnb walmart target starbucks disney boeing airbus \
             intel nvidia ibm oracle samsung sony toyota honda ford gm volkswagen bmw nike \
             adidas pfizer moderna exxon chevron shell bp verizon comcast paypal visa \
             mastercard goldman jpmorgan citigroup whatsapp linkedin reddit snapchat spotify \
             zoom openai anthropic alibaba tencent huawei baidu yahoo ebay costco kroger fedex \
             ups dhl nissan hyundai inc inc. corp corp. corporation co co. company llc ltd \
             ltd. plc gmbh ag holdings airlines airways motors technologies industries \
             pharmaceuticals entertainment studios",
        )
    });
    CO.contains(w)
}

static DEMONYMS: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    set(
        "american americans british english french german italian spanish russian chinese \
         japanese korean indian pakistani iranian iraqi israeli palestinian syrian afghan \
         ukrainian polish turkish greek egyptian saudi mexican canadian australian african \
         european asian arab muslim jewish christian catholic protestant hindu buddhist \
         ethiopian somali nigerian kenyan brazilian argentine cuban venezuelan colombian \
         irish scottish welsh dutch belgian swiss swedish norwegian danish finnish \
         democratic republican democrat progressive conservative liberal socialist \
         communist libertarian federal national international western eastern northern \
         southern central global latino latina hispanic black white asian-american \
         african-american north south east west new old former late",
    )
});

/// Adjectives (demonyms, party adjectives, directions) that are not names on
/// their own and are stripped from the front of a person's name.
pub fn is_demonym_or_adjective(w: &str) -> bool {
    DEMONYMS.contains(w)
}

static MONTHS_DAYS: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    set(
        "january february march april may june july august september october november \
         december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday \
         thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun \
         today tonight yesterday tomorrow",
    )
});

pub fn is_month_or_day(w: &str) -> bool {
    MONTHS_DAYS.contains(w)
}

static STOP: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    set("a an the this that these those there here it it's its i i'm i've i'd i'll we we're \
         we've you you're your he he's she she's they they're their them his her our my me us \
         who what when where why how which whose whom whoever whatever whenever if then than \
         and or but nor so yet for because since although though while whereas unless until \
         after before as at by from in into of off on onto out over to up upon with within \
         without about above across against along among around behind below beneath beside \
         besides between beyond during except inside like near outside past per through \
         throughout toward towards under underneath via not no yes all any both each every \
         few many more most much other others some such one two three four five six seven \
         eight nine ten first second third last next another also already always never ever \
         even just only still too very well now again once however meanwhile moreover \
         furthermore therefore thus hence instead otherwise indeed perhaps maybe although \
         prior according despite later earlier soon recently finally ultimately eventually initially following including regarding concerning amid amidst \
         do does did don't doesn't didn't is are was were be been being am isn't aren't \
         wasn't weren't has have had having can could will would shall should may might must \
         can't couldn't won't wouldn't shouldn't let let's there's here's that's what's who's \
         where's how's it’s there’s here’s that’s what’s don’t doesn’t didn’t isn’t can’t \
         won’t let’s i’m we’re they’re you’re he’s she’s oh ah hey hi hello yeah okay ok \
         please thanks thank sorry dear mr mrs ms dr especially right left asked said says \
         told added noted read watch listen click subscribe share photo photos image \
         video credit source update updated editor's note advertisement related story \
         getty reporting additional contributed copyright rights reserved whether")
});

/// Function words and other words that never start a name.
pub fn is_stopword(w: &str) -> bool {
    STOP.contains(w)
}

/// Capitalised words that are never names on their own.
pub fn is_never_name(w: &str) -> bool {
    matches!(
        w,
        "i" | "ok"
            | "okay"
            | "am"
            | "pm"
            | "a.m."
            | "p.m."
            | "tv"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "jr"
            | "sr"
            | "st"
            | "no"
            | "yes"
            | "oh"
            | "hi"
            | "lol"
            | "omg"
            | "smh"
            | "vs"
            | "etc"
            | "ii"
            | "iii"
            | "iv"
            | "ap"
            | "ceo"
            | "cfo"
            | "coo"
            | "cto"
            | "faq"
            | "pdf"
            | "url"
            | "http"
            | "https"
            | "www"
    )
}

/// Speech and reporting verbs that follow or precede a speaker's name.
pub fn is_speech_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "wrote"
            | "writes"
            | "tweeted"
            | "stated"
            | "explained"
            | "noted"
            | "argued"
            | "asked"
            | "replied"
            | "responded"
            | "claimed"
            | "insisted"
            | "warned"
            | "announced"
            | "declared"
            | "stressed"
            | "admitted"
            | "recalled"
            | "continued"
            | "remarked"
            | "posted"
            | "shrugged"
            | "questioned"
            | "testified"
            | "acknowledged"
    )
}

/// State abbreviations used after a city ("Salem, Ore.") and in party tags.
pub fn is_state_abbrev(w: &str) -> bool {
    matches!(
        w,
        "ala"
            | "ariz"
            | "ark"
            | "calif"
            | "cal"
            | "colo"
            | "conn"
            | "del"
            | "fla"
            | "ga"
            | "ill"
            | "ind"
            | "kan"
            | "kans"
            | "ky"
            | "la"
            | "md"
            | "mass"
            | "mich"
            | "minn"
            | "miss"
            | "mo"
            | "mont"
            | "neb"
            | "nev"
            | "n.h."
            | "n.j."
            | "n.m."
            | "n.y."
            | "n.c."
            | "n.d."
            | "okla"
            | "ore"
            | "pa"
            | "r.i."
            | "s.c."
            | "s.d."
            | "tenn"
            | "tex"
            | "vt"
            | "va"
            | "wash"
            | "w.va."
            | "wis"
            | "wyo"
            | "d.c."
    )
}

/// Connector words allowed inside a multiword name ("Bank of America",
/// "Rio de Janeiro").
pub fn is_name_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "de"
            | "del"
            | "da"
            | "di"
            | "du"
            | "la"
            | "le"
            | "van"
            | "von"
            | "der"
            | "den"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "y"
            | "&"
            | "for"
            | "on"
            | "and"
    )
}

/// Lowercase words of a name that do not count for its initials.
pub fn is_initials_skip(w: &str) -> bool {
    matches!(
        w,
        "of" | "the" | "and" | "for" | "&" | "de" | "la" | "du" | "von" | "van" | "on" | "in"
    )
}

/// Role nouns that, placed right before a name in lowercase, show that the
/// name is a person ("organizer Connor Spence", "co-host Jane Doe").
pub fn is_prenominal_role(w: &str) -> bool {
    person_role(w).is_some()
        || matches!(
            w,
            "rep"
                | "sen"
                | "gov"
                | "senator"
                | "president"
                | "co-founder"
                | "cofounder"
                | "co-host"
                | "member"
                | "fellow"
                | "colleague"
                | "nominee"
                | "hopeful"
                | "pitcher"
                | "forward"
                | "guard"
                | "defender"
                | "midfielder"
                | "winger"
                | "correspondent"
                | "editor"
                | "contributor"
                | "strategist"
                | "consultant"
                | "adviser"
                | "advisor"
                | "aide"
                | "socialist"
                | "democrat"
                | "republican"
        )
}

/// Countries with their adjective and the plural noun for their people
/// (empty when the adjective serves: "the French"). "The Iranians" in news
/// usually stands for Iran (its government or side).
const NATIONS: &[(&str, &str, &str)] = &[
    ("afghanistan", "afghan", "afghans"),
    ("albania", "albanian", "albanians"),
    ("algeria", "algerian", "algerians"),
    ("argentina", "argentine", "argentines"),
    ("armenia", "armenian", "armenians"),
    ("australia", "australian", "australians"),
    ("austria", "austrian", "austrians"),
    ("belgium", "belgian", "belgians"),
    ("brazil", "brazilian", "brazilians"),
    ("britain", "british", "britons"),
    ("canada", "canadian", "canadians"),
    ("chile", "chilean", "chileans"),
    ("china", "chinese", ""),
    ("colombia", "colombian", "colombians"),
    ("cuba", "cuban", "cubans"),
    ("denmark", "danish", "danes"),
    ("egypt", "egyptian", "egyptians"),
    ("ethiopia", "ethiopian", "ethiopians"),
    ("finland", "finnish", "finns"),
    ("france", "french", ""),
    ("germany", "german", "germans"),
    ("greece", "greek", "greeks"),
    ("hungary", "hungarian", "hungarians"),
    ("india", "indian", "indians"),
    ("indonesia", "indonesian", "indonesians"),
    ("iran", "iranian", "iranians"),
    ("iraq", "iraqi", "iraqis"),
    ("ireland", "irish", ""),
    ("israel", "israeli", "israelis"),
    ("italy", "italian", "italians"),
    ("japan", "japanese", ""),
    ("jordan", "jordanian", "jordanians"),
    ("kenya", "kenyan", "kenyans"),
    ("lebanon", "lebanese", ""),
    ("libya", "libyan", "libyans"),
    ("mexico", "mexican", "mexicans"),
    ("netherlands", "dutch", ""),
    ("nigeria", "nigerian", "nigerians"),
    ("norway", "norwegian", "norwegians"),
    ("pakistan", "pakistani", "pakistanis"),
    ("palestine", "palestinian", "palestinians"),
    ("peru", "peruvian", "peruvians"),
    ("philippines", "filipino", "filipinos"),
    ("poland", "polish", "poles"),
    ("portugal", "portuguese", ""),
    ("russia", "russian", "russians"),
    ("somalia", "somali", "somalis"),
    ("spain", "spanish", "spaniards"),
    ("sweden", "swedish", "swedes"),
    ("switzerland", "swiss", ""),
    ("syria", "syrian", "syrians"),
    ("turkey", "turkish", "turks"),
    ("ukraine", "ukrainian", "ukrainians"),
    ("venezuela", "venezuelan", "venezuelans"),
    ("vietnam", "vietnamese", ""),
    ("yemen", "yemeni", "yemenis"),
    ("saudi arabia", "saudi", "saudis"),
    ("north korea", "north korean", "north koreans"),
    ("south korea", "south korean", "south koreans"),
    ("united states", "american", "americans"),
];

/// The country a people noun names: "iranians" -> "iran", "the french"
/// style plurals excluded (they are adjectives too).
pub fn people_country(w: &str) -> Option<&'static str> {
    NATIONS
        .iter()
        .find(|(_, _, p)| !p.is_empty() && *p == w)
        .map(|(c, _, _)| *c)
}

/// The country of a nationality adjective: "israeli" -> "israel".
pub fn adjective_country(w: &str) -> Option<&'static str> {
    NATIONS.iter().find(|(_, a, _)| *a == w).map(|(c, _, _)| *c)
}

/// A country name of the nations table ("iran", "united states").
pub fn country(w: &str) -> Option<&'static str> {
    NATIONS.iter().find(|(c, _, _)| *c == w).map(|(c, _, _)| *c)
}

/// Capitals that news uses for their country's government ("Tehran said").
pub fn capital_country(w: &str) -> Option<&'static str> {
    Some(match w {
        "tehran" => "iran",
        "moscow" => "russia",
        "pyongyang" => "north korea",
        "beijing" => "china",
        "seoul" => "south korea",
        "tokyo" => "japan",
        "washington" => "united states",
        "london" => "united kingdom",
        "paris" => "france",
        "berlin" => "germany",
        "kyiv" | "kiev" => "ukraine",
        "damascus" => "syria",
        "baghdad" => "iraq",
        "riyadh" => "saudi arabia",
        "ankara" => "turkey",
        "havana" => "cuba",
        "caracas" => "venezuela",
        "kabul" => "afghanistan",
        "islamabad" => "pakistan",
        "cairo" => "egypt",
        "ottawa" => "canada",
        "canberra" => "australia",
        "rome" => "italy",
        "madrid" => "spain",
        "warsaw" => "poland",
        "taipei" => "taiwan",
        "hanoi" => "vietnam",
        _ => return None,
    })
}

/// Seats of government that news uses for the government itself.
pub fn seat_country(key: &str) -> Option<&'static str> {
    Some(match key {
        "white house" => "united states",
        "kremlin" => "russia",
        "downing street" | "10 downing street" => "united kingdom",
        "elysee" | "élysée" | "elysee palace" | "élysée palace" => "france",
        "blue house" => "south korea",
        "zhongnanhai" => "china",
        _ => return None,
    })
}
