//! Verbs by aspect: process and degree verbs that never end, cessation
//! verbs, event participles, particles, multiplying and linking verbs.

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

/// Participles of being thought of, not of an event: "be seen as a
/// leader", "be known for quality". What others think has no day on
/// which it happened.
pub const PERCEPTION_PARTICIPLES: &[&str] = &[
    "seen",
    "known",
    "recognised",
    "recognized",
    "perceived",
    "regarded",
    "viewed",
    "considered",
    "respected",
    "trusted",
    "valued",
    "noticed",
    "heard",
    "appreciated",
    "acknowledged",
];

/// Verbs of putting something before an audience: "present the design
/// at the all-hands". The occasion is the finish line, whatever is
/// presented.
pub const PRESENTING_VERBS: &[&str] = &[
    "present",
    "pitch",
    "demo",
    "demonstrate",
    "showcase",
    "deliver",
    "give",
    "teach",
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
