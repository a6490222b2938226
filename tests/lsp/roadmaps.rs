//! The roadmaps the tests open. Titles carry emoji and CJK so every range
//! the server sends is checked against the negotiated encoding.

/// A healthy plan with two problems in its second goal (`ship`): a
/// nonstandard status `"wip"` (line 44) and no metric for its open-ended
/// title (header on line 38, title on line 39, which is also vague).
pub const PLAN: &str = r#"[roadmap]
title = "Staff engineer 🚀"
vision = "Lead the platform team of five engineers by 2028"
horizon = 2028-12-31
review_every = "1 month"
last_review = 2026-11-01

[[skills]]
id = "speaking"
kind = "soft"
current = 2
required = 4

[[goals]]
id = "talk"
title = "Give three talks at 日本 meetups 🚀"
why = "visibility"
skills = ["speaking"]
deadline = 2026-12-31
status = "in-progress"

[goals.metric]
measure = "talks given"
unit = "talks"
baseline = 0
target = 3
current = 1

[[goals.actions]]
task = "Submit a proposal"
due = 2026-11-01
status = "done"

[[goals.actions]]
task = "Rehearse with the team"
due = 2026-12-15
status = "todo"
owner = "me"
[[goals]]
id = "ship"
title = "Improve the billing service in production"
why = "revenue"
depends_on = ["talk"]
deadline = 2027-03-31
status = "wip"

[[goals.actions]]
task = "Write the design doc"
due = 2026-12-10
status = "todo"
owner = "me"

[[people]]
name = "Jordan Lee"
role = "mentor"
"#;

/// Two goals with the id `talk`, the second with an unknown status and an
/// overdue action.
pub const DUPLICATE_IDS: &str = r#"[roadmap]
title = "Staff engineer 🚀"
vision = "Lead the platform team of five engineers by 2028"
horizon = 2028-12-31
review_every = "1 month"
last_review = 2026-11-01

[[skills]]
id = "speaking"
kind = "soft"
current = 2
required = 4

[[goals]]
id = "talk"
title = "Give three talks at 日本 meetups 🚀"
why = "visibility"
skills = ["speaking"]
deadline = 2026-12-31
status = "in-progress"

[goals.metric]
measure = "talks given"
unit = "talks"
baseline = 0
target = 3
current = 1

[[goals.actions]]
task = "Submit a proposal"
due = 2026-12-01
status = "todo"
owner = "me"
[[goals]]
id = "talk"
title = "Improve the billing service in production"
why = "revenue"
depends_on = ["talk"]
deadline = 2027-03-31
status = "wip"

[[goals.actions]]
task = "Write the design doc"
due = 2026-11-10
status = "todo"
owner = "me"

[[people]]
name = "Jordan Lee"
role = "mentor"
"#;

/// One goal with a vague title (line 5), no metric (header on line 3) and
/// a deadline (line 7) 38 days after `TODAY`.
pub const VAGUE: &str = r#"roadmap = { vision = "Lead the platform team of five engineers by 2028", horizon = 2028-12-31 }
# (the vision and its horizon, on one line)

[[goals]]
id = "better"
title = "Improve my communication"
why = "visibility"
deadline = 2026-12-31
status = "todo"

[[goals.actions]]
task = "Join a speaking club"
due = 2026-12-01
status = "todo"
owner = "me"

[[skills]]
id = "writing"
current = 3
required = 3

[[people]]
name = "Jordan Lee"
role = "mentor"
"#;
