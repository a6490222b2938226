//! The English word classes the analyser reads a statement with.
//!
//! Closed classes (determiners, pronouns, prepositions, modals, number
//! words, time words) are listed whole, as grammars list them. Open classes
//! are recognised by what matters for a finish line, not by spelling:
//!
//! - verbs by *aspect*: a process verb (learn, understand, explore) or a
//!   degree verb (improve, increase, grow) never ends by itself; any other
//!   verb ends when its object is bounded ("write a book" ends, "write
//!   books" does not);
//! - nouns by *abstractness*: the suffixes English builds abstract nouns
//!   with (-ness, -ity, -ship, -ence, -ism, …) plus the abstract heads goal
//!   statements lean on (skills, knowledge, career, potential);
//! - comparatives: `more`, `less`, `better`… and the -er form of a gradable
//!   adjective (faster, stronger), told from nouns (manager, speaker) by
//!   its stem.
//!
//! harper-core's dictionary was measured as the source of these classes
//! and not taken: see docs/goal-language.md.

/// Articles, demonstratives, possessives and quantifiers that bound a
/// noun phrase ("a talk", "my degree", "the exam").
pub const BOUNDING_DETERMINERS: &[&str] = &[
    "a", "an", "the", "my", "our", "your", "his", "her", "their", "its", "this", "that", "these",
    "those", "one", "each", "every", "both", "all",
];

/// Quantifiers that leave a noun phrase open ("some debt", "more books").
pub const OPEN_QUANTIFIERS: &[&str] = &[
    "some",
    "more",
    "less",
    "fewer",
    "any",
    "many",
    "much",
    "several",
    "new",
    "various",
    "other",
    "lots",
    "lot",
    "plenty",
    "extra",
    "further",
    "additional",
];

pub const PRONOUNS: &[&str] = &[
    "i",
    "me",
    "we",
    "us",
    "you",
    "he",
    "she",
    "they",
    "them",
    "it",
    "myself",
    "ourselves",
    "yourself",
    "themselves",
    "someone",
    "something",
    "everything",
    "everyone",
    "others",
    "people",
    "folks",
    "anyone",
    "anything",
];

pub const PREPOSITIONS: &[&str] = &[
    "about",
    "above",
    "across",
    "after",
    "against",
    "along",
    "among",
    "around",
    "as",
    "at",
    "before",
    "behind",
    "below",
    "beneath",
    "beside",
    "between",
    "beyond",
    "by",
    "during",
    "for",
    "from",
    "in",
    "inside",
    "into",
    "near",
    "of",
    "off",
    "on",
    "onto",
    "out",
    "outside",
    "over",
    "past",
    "per",
    "since",
    "than",
    "through",
    "throughout",
    "to",
    "toward",
    "towards",
    "under",
    "until",
    "up",
    "upon",
    "via",
    "with",
    "within",
    "without",
];

pub const CONJUNCTIONS: &[&str] = &["and", "or", "but", "then", "so", "while", "plus", "&"];

/// Auxiliaries and verbs that only carry an intention or an ability:
/// "I want to", "I will", "I'd like to", "my goal is to". They are read
/// through: what follows is the goal.
pub const INTENTION_WORDS: &[&str] = &[
    "i",
    "we",
    "i'll",
    "we'll",
    "i'd",
    "we'd",
    "i'm",
    "we're",
    "will",
    "shall",
    "would",
    "like",
    "love",
    "want",
    "wanna",
    "need",
    "plan",
    "intend",
    "aim",
    "am",
    "are",
    "going",
    "gonna",
    "have",
    "has",
    "got",
    "must",
    "should",
    "ought",
    "can",
    "could",
    "really",
    "to",
    "also",
    "finally",
    "actually",
    "definitely",
    "personally",
    "just",
    "is",
    "goal",
    "my",
    "objective",
    "target",
    "focus",
    "priority",
    "this",
    "year",
    "is:",
    "also",
    "able",
    "be",
    "determined",
    "committed",
    "decided",
    "planning",
    "wanting",
    "aiming",
    "hoping",
];

/// Hedges: the statement says the writer may not do it at all, or only
/// when convenient. No finish line survives them.
pub const HEDGES: &[&[&str]] = &[
    &["try", "to"],
    &["try", "and"],
    &["attempt", "to"],
    &["hope", "to"],
    &["hoping", "to"],
    &["someday"],
    &["some", "day"],
    &["one", "day"],
    &["sometime"],
    &["eventually"],
    &["maybe"],
    &["perhaps"],
    &["possibly"],
    &["hopefully"],
    &["ideally"],
    &["if", "possible"],
    &["if", "i", "can"],
    &["when", "i", "have", "time"],
    &["when", "i", "get", "time"],
    &["when", "i", "can"],
    &["at", "some", "point"],
    &["i", "guess"],
    &["kind", "of"],
    &["sort", "of"],
    &["a", "bit"],
    &["a", "little"],
];

/// Verbs of continuation: "keep learning", "continue to deliver". They
/// describe carrying on, which has no end.
pub const CONTINUATION_VERBS: &[&str] = &[
    "keep",
    "keeps",
    "continue",
    "continues",
    "stay",
    "remain",
    "maintain",
    "sustain",
];

/// Process verbs: knowing, studying and exploring go on until someone
/// decides they are enough. They end only at a deliverable or a number
/// named elsewhere in the statement.
pub const PROCESS_VERBS: &[&str] = &[
    "learn",
    "understand",
    "study",
    "explore",
    "research",
    "discover",
    "practice",
    "practise",
    "experiment",
    "play",
    "mess",
    "dive",
    "look",
    "brush",
    "know",
    "familiarise",
    "familiarize",
    "master",
    "investigate",
    "absorb",
    "follow",
    "focus",
    "work",
    "contribute",
    "network",
    "invest",
    "support",
    "foster",
    "promote",
    "champion",
    "embrace",
    "drive",
    "demonstrate",
    "show",
    "help",
    "engage",
    "participate",
    "collaborate",
    "exercise",
    "meditate",
    "spend",
    "dedicate",
    "prioritise",
    "prioritize",
    "think",
    "care",
    "worry",
    "believe",
    "feel",
    "enjoy",
    "live",
    "communicate",
    "connect",
    "upskill",
    "reskill",
    "mentor",
    "coach",
    "nurture",
    "cultivate",
    "encourage",
    "empower",
    "inspire",
    "tinker",
    "dabble",
];

/// Degree verbs: they change an amount, and end only at a stated amount
/// ("improve test coverage to 80%"). Without one, there is no finish line.
pub const DEGREE_VERBS: &[&str] = &[
    "improve",
    "increase",
    "reduce",
    "grow",
    "enhance",
    "boost",
    "strengthen",
    "raise",
    "lower",
    "cut",
    "decrease",
    "optimise",
    "optimize",
    "streamline",
    "accelerate",
    "expand",
    "deepen",
    "sharpen",
    "lift",
    "maximise",
    "maximize",
    "minimise",
    "minimize",
    "advance",
    "elevate",
    "polish",
    "refine",
    "hone",
    "scale",
    "speed",
    "tighten",
    "shorten",
    "lessen",
    "limit",
    "simplify",
    "modernise",
    "modernize",
    "evolve",
    "progress",
    "mature",
    "amplify",
    "intensify",
    "broaden",
    "widen",
];

/// Verbs whose gerund object is bounded by stopping: "quit smoking".
pub const CESSATION_VERBS: &[&str] = &["quit", "stop", "give", "kick", "drop"];

/// Participles that report an event: "get promoted", "be certified".
pub const EVENT_PARTICIPLES: &[&str] = &[
    "promoted",
    "certified",
    "hired",
    "elected",
    "accepted",
    "published",
    "admitted",
    "appointed",
    "licensed",
    "qualified",
    "nominated",
    "selected",
    "approved",
    "funded",
    "married",
    "registered",
    "enrolled",
    "chartered",
    "tenured",
];

/// Particles of phrasal verbs: "set up", "roll out", "take over".
pub const PARTICLES: &[&str] = &[
    "up", "out", "off", "over", "down", "around", "through", "back", "away",
];

/// Degree verbs that name their own amount: doubling is a finish line.
pub const MULTIPLYING_VERBS: &[&str] = &[
    "double",
    "halve",
    "triple",
    "quadruple",
    "treble",
    "10x",
    "2x",
    "3x",
];

/// Linking verbs: what follows them is a state, judged by its adjective or
/// its role noun ("be more confident", "become a Staff Engineer").
pub const LINKING_VERBS: &[&str] = &[
    "be", "become", "becoming", "get", "feel", "seem", "grow", "turn", "stay", "remain", "act",
    "look",
];

/// Nouns a role is named by, after "become", "promoted to", "hired as".
pub const ROLE_NOUNS: &[&str] = &[
    "engineer",
    "developer",
    "manager",
    "lead",
    "director",
    "designer",
    "architect",
    "analyst",
    "scientist",
    "officer",
    "head",
    "vp",
    "cto",
    "ceo",
    "cfo",
    "coo",
    "cpo",
    "principal",
    "partner",
    "nurse",
    "teacher",
    "consultant",
    "administrator",
    "owner",
    "maintainer",
    "author",
    "intern",
    "specialist",
    "administrator",
    "tester",
    "sre",
    "researcher",
    "professor",
    "lecturer",
    "accountant",
    "editor",
    "writer",
    "producer",
    "programmer",
    "associate",
    "advocate",
    "founder",
    "cofounder",
    "co-founder",
    "chief",
    "president",
    "supervisor",
    "coordinator",
    "strategist",
    "marketer",
    "recruiter",
    "planner",
    "illustrator",
    "photographer",
    "doctor",
    "lawyer",
    "physician",
    "pharmacist",
    "technician",
    "pm",
    "em",
    "tpm",
    "po",
    "ic",
    "staff",
    "member",
    "chair",
    "captain",
    "mentor",
    "coach",
    "instructor",
    "trainer",
    "freelancer",
    "contractor",
    "dev",
    "devops",
    "leader",
    "expert",
    "professional",
    "person",
    "player",
    "guru",
    "ninja",
    "rockstar",
];

/// Role nouns too generic to name a position: "a leader", "an expert".
pub const GENERIC_ROLES: &[&str] = &[
    "leader",
    "expert",
    "professional",
    "person",
    "player",
    "guru",
    "ninja",
    "rockstar",
    "member",
    "someone",
    "somebody",
    "one",
    "version",
    "model",
];

/// Abstract heads goal statements lean on, which no suffix marks.
pub const ABSTRACT_NOUNS: &[&str] = &[
    "skill",
    "skills",
    "knowledge",
    "career",
    "stuff",
    "things",
    "thing",
    "growth",
    "potential",
    "purpose",
    "brand",
    "mindset",
    "confidence",
    "life",
    "balance",
    "focus",
    "experience",
    "exposure",
    "progress",
    "success",
    "fear",
    "passion",
    "impact",
    "value",
    "quality",
    "culture",
    "presence",
    "health",
    "fitness",
    "shape",
    "habit",
    "habits",
    "understanding",
    "expertise",
    "craft",
    "game",
    "level",
    "levels",
    "responsibility",
    "responsibilities",
    "initiative",
    "ownership",
    "trust",
    "reputation",
    "image",
    "visibility",
    "network",
    "relationships",
    "relationship",
    "communication",
    "collaboration",
    "productivity",
    "efficiency",
    "performance",
    "reliability",
    "motivation",
    "organisation",
    "organization",
    "education",
    "innovation",
    "attention",
    "satisfaction",
    "retention",
    "engagement",
    "awareness",
    "alignment",
    "excellence",
    "practices",
    "basics",
    "fundamentals",
    "abilities",
    "ability",
    "competencies",
    "competences",
    "capabilities",
    "strengths",
    "weaknesses",
    "sense",
    "ideas",
    "goals",
    "dreams",
    "self",
    "myself",
    "english",
    "spanish",
    "french",
    "german",
    "japanese",
    "mandarin",
    "chinese",
    "math",
    "maths",
    "finance",
    "design",
    "writing",
    "speaking",
    "thinking",
    "management",
    "leadership",
    "development",
    "improvement",
    "debt",
    "weight",
    "money",
    "time",
    "work",
    "field",
    "industry",
    "world",
    "difference",
    "top",
    "mark",
    "ladder",
    "wellbeing",
    "well-being",
    "happiness",
    "stress",
    "energy",
    "discipline",
    "consistency",
    "clarity",
    "influence",
    "voice",
    "direction",
    "vision",
    "strategy",
    "tech",
    "technology",
    "technologies",
    "tools",
    "concepts",
    "topics",
    "areas",
    "domain",
    "space",
    "ecosystem",
    "community",
    "scene",
    "world",
    "area",
    "side",
    "part",
    "opportunities",
    "opportunity",
    "everything",
    "something",
    "anything",
    "lot",
    "lots",
    "bar",
];

/// Suffixes English forms abstract nouns with.
pub const ABSTRACT_SUFFIXES: &[&str] = &["ness", "ity", "ship", "ism", "hood", "dom", "ledge"];

/// Nouns in -ence/-ance, -ency/-ancy that name a quality (confidence,
/// excellence): the suffix alone also makes concrete nouns (conference,
/// licence, insurance), so these are listed.
pub const QUALITY_NOUNS: &[&str] = &[
    "confidence",
    "excellence",
    "competence",
    "presence",
    "patience",
    "resilience",
    "independence",
    "influence",
    "experience",
    "performance",
    "relevance",
    "importance",
    "balance",
    "persistence",
    "tolerance",
    "diligence",
    "intelligence",
    "prominence",
    "eminence",
    "efficiency",
    "proficiency",
    "fluency",
    "consistency",
    "transparency",
    "urgency",
    "dependence",
    "acceptance",
    "significance",
    "abundance",
    "maintenance",
    "governance",
    "compliance",
    "assurance",
    "guidance",
    "endurance",
    "brilliance",
];

/// Concrete nouns that end like abstract ones.
pub const CONCRETE_LOOKALIKES: &[&str] = &[
    "city",
    "university",
    "charity",
    "facility",
    "entity",
    "society",
    "county",
    "party",
    "authority",
    "fellowship",
    "internship",
    "apprenticeship",
    "scholarship",
    "championship",
    "partnership",
    "kingdom",
    "freedom",
    "sponsorship",
    "membership",
];

/// Verbs goal statements use for things that end: finished when their
/// object exists or has happened ("write a book", "ship the release").
/// Any verb not in an open class ends the same way; this list only helps
/// tell a verb from the noun of a fragment ("Write unit tests" against
/// "Driving licence").
pub const ACCOMPLISHMENT_VERBS: &[&str] = &[
    "write",
    "publish",
    "ship",
    "create",
    "launch",
    "release",
    "pass",
    "earn",
    "complete",
    "finish",
    "run",
    "give",
    "deliver",
    "present",
    "host",
    "organise",
    "organize",
    "submit",
    "apply",
    "migrate",
    "deploy",
    "refactor",
    "document",
    "set",
    "roll",
    "move",
    "buy",
    "sell",
    "hire",
    "close",
    "sign",
    "win",
    "attend",
    "visit",
    "read",
    "cook",
    "swim",
    "walk",
    "save",
    "pay",
    "lose",
    "take",
    "make",
    "do",
    "find",
    "start",
    "open",
    "join",
    "lead",
    "own",
    "teach",
    "design",
    "implement",
    "fix",
    "automate",
    "replace",
    "rewrite",
    "review",
    "interview",
    "meet",
    "speak",
    "record",
    "film",
    "paint",
    "draw",
    "compose",
    "translate",
    "obtain",
    "achieve",
    "secure",
    "land",
    "graduate",
    "enrol",
    "enroll",
    "register",
    "book",
    "plan",
    "prepare",
    "draft",
    "propose",
    "pitch",
    "negotiate",
    "hold",
    "schedule",
    "raise",
    "answer",
    "solve",
    "score",
    "reach",
    "hit",
    "sit",
    "take",
    "mentor",
    "coach",
    "train",
    "onboard",
    "recruit",
    "ask",
    "send",
    "post",
    "upload",
    "open-source",
    "decommission",
    "retire",
    "remove",
    "delete",
    "archive",
    "adopt",
    "renovate",
    "quit",
    "stop",
    "found",
    "incorporate",
    "build",
    "develop",
    "produce",
    "test",
    "validate",
    "verify",
    "audit",
    "map",
    "define",
    "agree",
    "settle",
    "file",
    "volunteer",
    "donate",
    "travel",
    "blog",
    "network",
    "exercise",
    "study",
];

/// Gradable adjectives whose -er form is a comparative (fast → faster);
/// what ends in -er without such a stem (manager, speaker) is a noun.
pub const GRADABLE_ADJECTIVES: &[&str] = &[
    "fast", "quick", "slow", "strong", "weak", "clear", "big", "small", "high", "low", "deep",
    "broad", "wide", "narrow", "sharp", "tight", "lean", "cheap", "easy", "happy", "healthy",
    "busy", "early", "late", "fit", "fine", "hard", "soft", "nice", "kind", "bold", "brave",
    "loud", "quiet", "short", "long", "young", "rich", "great", "cool", "safe", "simple", "tidy",
    "wise", "close", "near", "fresh", "clean", "neat", "light", "heavy", "firm", "warm", "tough",
    "keen", "proud", "strict", "steady", "calm", "smart", "bright", "tall", "thin", "slim",
    "wealthy", "lucky", "friendly", "likely", "sharp", "smooth", "solid", "sound", "sure", "tough",
    "true", "large", "full", "free", "good", "new", "old", "sane", "fair", "dense", "crisp",
    "swift", "rapid", "able", "handy", "savvy", "sexy", "tiny", "huge", "cosy", "cozy", "lively",
    "costly", "hungry", "fierce",
];

/// Comparatives and degree words that need a reference to mean anything.
pub const COMPARATIVES: &[&str] = &[
    "more",
    "less",
    "better",
    "worse",
    "fewer",
    "further",
    "greater",
    "higher",
    "lower",
    "bigger",
    "stronger",
    "faster",
    "smarter",
    "healthier",
    "happier",
    "deeper",
    "improved",
    "increased",
    "enhanced",
    "significantly",
    "substantially",
    "considerably",
    "much",
    "greatly",
    "best",
    "most",
    "least",
    "worst",
];

/// Adjectives that describe a state no one can check from outside.
pub const STATE_ADJECTIVES: &[&str] = &[
    "good",
    "great",
    "happy",
    "happier",
    "successful",
    "confident",
    "comfortable",
    "familiar",
    "fluent",
    "proactive",
    "productive",
    "organised",
    "organized",
    "visible",
    "strategic",
    "effective",
    "efficient",
    "assertive",
    "patient",
    "kind",
    "kinder",
    "present",
    "involved",
    "active",
    "accountable",
    "fit",
    "healthy",
    "healthier",
    "stressed",
    "relaxed",
    "calm",
    "better",
    "best",
    "senior",
    "respected",
    "known",
    "valued",
    "engaged",
    "motivated",
    "focused",
    "consistent",
    "reliable",
    "independent",
    "autonomous",
    "financially",
    "free",
    "rich",
    "wealthy",
    "fulfilled",
    "known",
    "recognised",
    "recognized",
    "influential",
    "impactful",
    "awesome",
    "amazing",
    "strong",
    "stronger",
    "smart",
    "smarter",
    "sharp",
    "expert",
    "ready",
    "prepared",
    "solid",
    "top",
    "famous",
    "important",
    "indispensable",
    "irreplaceable",
    "helpful",
    "open",
    "comfy",
];

/// Words naming a time, never a quantity of the outcome.
pub const TIME_UNITS: &[&str] = &[
    "second",
    "seconds",
    "sec",
    "secs",
    "minute",
    "minutes",
    "min",
    "mins",
    "hour",
    "hours",
    "hr",
    "hrs",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "quarter",
    "quarters",
    "year",
    "years",
    "yr",
    "yrs",
    "weekend",
    "weekends",
    "sprint",
    "sprints",
    "semester",
    "semesters",
    "decade",
    "decades",
    "half",
    "halves",
    "h",
    "ms",
];

/// Prepositions and words that make the time after them a time frame
/// ("in 3 months", "within a year", "over the next 2 quarters").
pub const TIME_FRAME_WORDS: &[&str] = &[
    "in",
    "within",
    "over",
    "during",
    "for",
    "by",
    "before",
    "after",
    "until",
    "till",
    "next",
    "coming",
    "following",
    "past",
    "last",
    "first",
    "end",
    "ending",
    "start",
    "beginning",
    "this",
    "each",
    "every",
    "per",
    "a",
    "an",
];

/// Words that put a number on the outcome side of a time ("under 10
/// minutes", "to 4 hours", "from two weeks to one").
pub const TARGET_WORDS: &[&str] = &[
    "under", "below", "than", "to", "from", "at", "least", "most", "max", "maximum", "minimum",
    "min", "about", "around", "only", "just", "within", "of", "<", ">", "≤", "≥",
];

pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

pub const CALENDAR_WORDS: &[&str] = &[
    "today",
    "tomorrow",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "christmas",
    "easter",
    "year-end",
    "eoy",
    "eoq",
    "h1",
    "h2",
    "q1",
    "q2",
    "q3",
    "q4",
    "fy",
    "ytd",
    "now",
    "soon",
    "later",
    "asap",
    "annually",
    "monthly",
    "weekly",
    "daily",
    "quarterly",
];

pub const NUMBER_WORDS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("thousand", 1_000.0),
    ("million", 1_000_000.0),
    ("dozen", 12.0),
    ("twice", 2.0),
    ("half", 0.5),
    ("double", 2.0),
    ("triple", 3.0),
    ("single", 1.0),
    ("once", 1.0),
    ("thrice", 3.0),
];

/// Signs that make a number a measured amount.
pub const AMOUNT_SIGNS: &[&str] = &["%", "$", "€", "£", "¥", "₹", "×", "+", "#", "₩", "₽"];

/// Function words of other languages written in Latin script: when they
/// outnumber English ones, the statement is not judged.
pub const FOREIGN_FUNCTION_WORDS: &[&str] = &[
    // French
    "le",
    "la",
    "les",
    "des",
    "du",
    "un",
    "une",
    "mes",
    "mon",
    "ma",
    "en",
    "et",
    "pour",
    "avec",
    "sur",
    "d'ici",
    "être",
    "au",
    "aux",
    "dans",
    "l'équipe",
    "de",
    // German
    "der",
    "die",
    "das",
    "und",
    "mein",
    "meine",
    "meinen",
    "ein",
    "eine",
    "einen",
    "mehr",
    "über",
    "im",
    "zu",
    "mit",
    "für",
    "bis",
    "diesem",
    "jahr",
    "werden",
    "besser",
    "lernen",
    "eines",
    // Spanish, Portuguese, Italian
    "el",
    "los",
    "las",
    "mi",
    "mis",
    "más",
    "y",
    "sobre",
    "este",
    "año",
    "o",
    "os",
    "meu",
    "minha",
    "minhas",
    "até",
    "il",
    "lo",
    "gli",
    "di",
    "della",
    "volte",
    "settimana",
    "con",
    "uma",
    "da",
    // Dutch, Polish, Vietnamese
    "het",
    "een",
    "mijn",
    "worden",
    "beter",
    "w",
    "z",
    "się",
    "tym",
    "roku",
    "swoje",
    "kỹ",
    "năng",
    "của",
    "và",
    "trước",
    "tháng",
];

pub fn is_in(word: &str, list: &[&str]) -> bool {
    list.contains(&word)
}

/// The value of a number word, or of a hyphenated one ("twenty-five").
pub fn number_word(word: &str) -> Option<f64> {
    if let Some((_, value)) = NUMBER_WORDS.iter().find(|(w, _)| *w == word) {
        return Some(*value);
    }
    let (tens, ones) = word.split_once('-')?;
    Some(number_word(tens)? + number_word(ones)?)
}

/// An abstract noun, by its form or as one of the abstract heads.
pub fn is_abstract_noun(word: &str) -> bool {
    if is_in(word, ABSTRACT_NOUNS) {
        return true;
    }
    let singular = word.strip_suffix('s').unwrap_or(word);
    if is_in(singular, ABSTRACT_NOUNS) {
        return true;
    }
    if is_in(word, QUALITY_NOUNS) || is_in(word, CONCRETE_LOOKALIKES) {
        return is_in(word, QUALITY_NOUNS);
    }
    singular.len() > 5
        && ABSTRACT_SUFFIXES
            .iter()
            .any(|suffix| singular.ends_with(suffix))
}

/// A comparative: one of the degree words, or a gradable adjective's -er
/// form (faster, healthier, bigger).
pub fn is_comparative(word: &str) -> bool {
    if is_in(word, COMPARATIVES) {
        return true;
    }
    let Some(stem) = word.strip_suffix("er") else {
        return false;
    };
    let candidates = [
        stem.to_string(),
        format!("{stem}e"),
        // happier → happy
        stem.strip_suffix('i')
            .map(|s| format!("{s}y"))
            .unwrap_or_default(),
        // bigger → big
        {
            let mut chars = stem.chars();
            let last = chars.next_back();
            if last.is_some() && last == chars.clone().next_back() {
                chars.as_str().to_string()
            } else {
                String::new()
            }
        },
    ];
    candidates
        .iter()
        .any(|c| !c.is_empty() && is_in(c, GRADABLE_ADJECTIVES))
}

/// The verb's lemma when `word` is a form of it: "learning" → "learn",
/// "improves" → "improve", "became" → "become".
pub fn lemma(word: &str) -> String {
    match word {
        "became" => return "become".into(),
        "got" | "gotten" => return "get".into(),
        "ran" => return "run".into(),
        "gave" | "given" => return "give".into(),
        "wrote" | "written" => return "write".into(),
        "built" => return "build".into(),
        "grew" | "grown" => return "grow".into(),
        "kept" => return "keep".into(),
        "learnt" => return "learn".into(),
        "becoming" => return "become".into(),
        _ => {}
    }
    for (suffix, replacement) in [
        ("ying", "y"),
        ("ing", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("ed", ""),
        ("s", ""),
    ] {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.len() >= 3
        {
            let mut shorter = stem.chars();
            shorter.next_back();
            let candidates = [
                format!("{stem}{replacement}"),
                format!("{stem}e"),
                shorter.as_str().to_string(),
            ];
            for candidate in candidates {
                if is_known_verb(&candidate) {
                    return candidate;
                }
            }
        }
    }
    word.to_string()
}

pub fn is_known_verb(word: &str) -> bool {
    is_in(word, PROCESS_VERBS)
        || is_in(word, DEGREE_VERBS)
        || is_in(word, LINKING_VERBS)
        || is_in(word, CONTINUATION_VERBS)
        || is_in(word, MULTIPLYING_VERBS)
        || is_in(word, CESSATION_VERBS)
        || is_in(word, ACCOMPLISHMENT_VERBS)
}

/// Suffixes English adjectives are made with: "proficient", "fluent",
/// "effective", "comfortable", "successful".
const ADJECTIVE_SUFFIXES: &[&str] = &[
    "ent", "ant", "ive", "ful", "able", "ible", "ous", "ic", "less", "ish", "ary", "al",
];

/// An adjective, by the state list or by its form.
pub fn looks_adjective(word: &str) -> bool {
    is_in(word, STATE_ADJECTIVES)
        || is_in(word, GRADABLE_ADJECTIVES)
        || (word.len() > 5
            && !is_in(word, ROLE_NOUNS)
            && ADJECTIVE_SUFFIXES
                .iter()
                .any(|suffix| word.ends_with(suffix)))
}

/// Adverbs that close a noun phrase: "get my life *together*".
pub const PHRASE_ADVERBS: &[&str] = &[
    "together",
    "again",
    "well",
    "now",
    "too",
    "also",
    "already",
    "right",
    "properly",
    "monthly",
    "weekly",
    "daily",
    "regularly",
    "often",
    "end-to-end",
];

/// A word the analyser knows as English: a function word or a word of
/// one of its open classes.
pub fn is_english_word(word: &str) -> bool {
    let lists: [&[&str]; 12] = [
        BOUNDING_DETERMINERS,
        OPEN_QUANTIFIERS,
        PRONOUNS,
        PREPOSITIONS,
        CONJUNCTIONS,
        INTENTION_WORDS,
        PROCESS_VERBS,
        DEGREE_VERBS,
        LINKING_VERBS,
        ROLE_NOUNS,
        ABSTRACT_NOUNS,
        STATE_ADJECTIVES,
    ];
    lists.iter().any(|list| is_in(word, list))
        || is_in(&lemma(word), PROCESS_VERBS)
        || is_in(&lemma(word), DEGREE_VERBS)
        || is_comparative(word)
        || number_word(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparatives_are_told_from_nouns_by_their_stem() {
        for word in ["faster", "healthier", "bigger", "better", "more", "clearer"] {
            assert!(is_comparative(word), "{word}");
        }
        for word in [
            "manager", "speaker", "engineer", "number", "paper", "order", "after",
        ] {
            assert!(!is_comparative(word), "{word}");
        }
    }

    #[test]
    fn abstract_nouns_by_form() {
        for word in [
            "leadership",
            "awareness",
            "visibility",
            "presence",
            "skills",
        ] {
            assert!(is_abstract_noun(word), "{word}");
        }
        for word in [
            "exam",
            "course",
            "talk",
            "library",
            "certification",
            "migration",
        ] {
            assert!(!is_abstract_noun(word), "{word}");
        }
    }

    #[test]
    fn lemmas_of_verb_forms() {
        assert_eq!(lemma("learning"), "learn");
        assert_eq!(lemma("improves"), "improve");
        assert_eq!(lemma("becoming"), "become");
        assert_eq!(lemma("shipped"), "ship");
    }
}
