// The page's words in English. Every key here is also in nl.js.

/** @param {number} n @param {string} one @param {string} many */
const plural = (n, one, many) => (n === 1 ? one : many);

/**
 * The bounds a refusal names, written out for the reader (null: none named).
 * @typedef {{minimum: string | null, maximum: string | null}} Bounds
 */

export const en = {
  languageName: "English",
  switchTo: "Nederlands",
  switchLabel: "Taal: Nederlands",
  appTitle: "Care network – the onion",
  brand: "Care network",
  loading: "Loading…",
  loadingClients: "Loading the clients…",
  loadingOnion: "Loading the onion…",

  // the shell
  signOut: "Sign out",
  tryAgain: "Try again",
  somethingWrong: "Something went wrong",
  backToClients: "Back to all clients",
  /** @param {string} m */
  banner: (m) => `Something went wrong: ${m} Reload the page if it keeps happening.`,

  // talking to the service
  unreachable: "The care-network service cannot be reached. Check the connection and try again.",
  pleaseSignIn: "Please sign in.",
  /** @param {string} reason */
  noLongerValid: (reason) =>
    `Your sign-in is no longer valid${reason ? ` (${reason})` : ""}. Please sign in again.`,
  /** @param {number} status @param {string} detail */
  serviceError: (status, detail) => `The service answered with an error (${status}): ${detail}`,
  /** @param {string} detail */
  couldNotAnswer: (detail) => `The service could not answer: ${detail}`,
  /** @param {string} reason */
  tokenRefused: (reason) => `This token was not accepted: ${reason}.`,
  unknownReason: "unknown reason",
  /** @param {number} status */
  serviceStatus: (status) => `The service answered with an error (${status}).`,
  conflict:
    "A colleague changed this client's network while you were working on it. " +
    "The latest network is shown now and what you entered is kept: check it and save again.",
  problemValidation: "Please check what you entered",
  problemNotFound: "This is no longer there",
  problemForbidden: "You may not make this change",
  /** @type {Record<string, string>} */
  fieldNames: {
    name: "name",
    contact: "phone or e-mail",
    relationship: "relationship",
    role: "role",
    hoursPerWeek: "hours a week",
    minutesPerWeek: "minutes a week",
    birthDate: "date of birth",
    address: "home address",
    neighbourhood: "neighbourhood",
    effective: "date",
    value: "rating",
    closeness: "how close",
    contactFrequency: "contact with the client",
    since: "since",
    code: "need",
    needId: "need",
    personB: "whom she knows",
    knows: "whom she knows",
    generalPractitionerId: "GP",
    search: "search",
    personId: "person",
    supporterId: "who helps",
    clientId: "client",
    id: "identifier",
    change: "change",
  },
  /**
   * Why the service refused a change, by the code it gives (the reasons of
   * graphsvc/domain/errors.py); with the bounds it names, written out.
   * @type {Record<string, string | ((bounds: Bounds) => string)>}
   */
  reasons: {
    "invalid-id": "this is not a valid identifier.",
    "not-text": "this must be text.",
    blank: "please fill this in; spaces alone are no answer.",
    "too-short": ({ minimum }) => `please type at least ${minimum ?? 2} letters.`,
    "too-long": ({ maximum }) => `this may be at most ${maximum ?? "500"} characters long.`,
    "control-characters":
      "it must not contain control characters (invisible characters such as a tab or " +
      "a line break, often copied along from another text). Please type it again.",
    "bidirectional-characters":
      "it holds invisible characters that turn the direction of the text around. " +
      "Please type it again.",
    "not-a-choice": "please choose one of the options.",
    "not-a-number": "please enter a number.",
    "not-a-whole-number": "please enter a whole number.",
    "out-of-range": ({ minimum, maximum }) =>
      minimum !== null && maximum !== null
        ? `this must be between ${minimum} and ${maximum}.`
        : "this is out of range.",
    "not-a-date": "please enter a date.",
    "in-the-future": "this date lies in the future.",
    "too-long-ago": ({ maximum }) =>
      maximum !== null
        ? `this date is more than ${maximum} years ago.`
        : "this date is too long ago.",
    "unknown-omaha-code":
      "this is not a problem of the Omaha System; please choose one from the list.",
    taken: "this identifier is already in use. Please try again.",
    "not-a-person": "this is not a person.",
    "not-a-professional": "this is not a professional; please choose a GP from the list.",
    "named-twice": "this is named twice; please name it once.",
    "knows-herself": "nobody knows herself; please choose someone else.",
    "hours-and-minutes": "please give hours or minutes a week, not both.",
    "cannot-undo": "this change can no longer be undone.",
    "directory-entry":
      "this professional is in the directory; her name and details are changed there, " +
      "not in one client's network.",
    "in-another-network":
      "this person is already in another client's network; a relative, friend or " +
      "neighbour belongs to one network.",
    "not-found": "a colleague may have just removed it. Please reload the page.",
  },
  /** @param {string} message  the service's own words, in English */
  serviceSaid: (message) => `The service gave this reason: “${message}”`,
  tryAgainLater: "Something went wrong. Please try again.",
  /** @param {string} name */
  personGone: (name) =>
    `${name} is no longer in the network: a colleague has just removed her. ` +
    "The latest network is shown now.",
  /** @param {string} name */
  needGone: (name) =>
    `The need ${name} is no longer there: a colleague has just changed it. ` +
    "The latest network is shown now.",
  somethingGone:
    "What you were changing is no longer there: a colleague has just changed the network. " +
    "The latest network is shown now.",

  // sign-in
  signIn: "Sign in",
  signInLead: "Map and look after the networks of support around your team's clients.",
  withToken: "With your access token",
  accessToken: "Access token",
  tokenHint: "Paste the token you were given; it is kept only until you close this tab.",
  /** @param {string} m */
  couldNotSignIn: (m) => `Could not sign in. ${m}`,
  devTitle: "Development: sign in as a nurse",
  devHint: "Only offered by a development server (make run).",
  team: "Team",
  nurse: "Nurse",
  showTeam: "Show this team's nurses",
  noSuchTeam: "No such team.",
  signInAsNurse: "Sign in as this nurse",
  /** @param {number} s */
  serverAnswered: (s) => `The server answered ${s}.`,

  // the list of clients
  /** @param {string} team */
  clientsOf: (team) => `Clients of ${team}`,
  clients: "Clients",
  findClient: "Find a client by name",
  /** @param {number} shown @param {number} all @param {string} word */
  clientsMatch: (shown, all, word) => `${shown} of ${all} clients match “${word}”.`,
  /** @param {number} n */
  clientsUrgentFirst: (n) => `${n} clients, the most urgent first.`,
  noClients: "No clients to show. Your team may not serve anyone yet.",
  /** @param {string} heading */
  clientsCaption: (heading) => `${heading}, the most urgent first`,
  colClient: "Client",
  colNeighbourhood: "Neighbourhood",
  colGaps: "Gaps in support",
  colStrength: "Network strength",
  noGaps: "no gaps",
  /** @param {number} n @param {string} severity */
  severityCount: (n, severity) => `${n} ${severity.toLowerCase()}`,

  // one client
  clientMissing:
    "This client cannot be found. She may have moved to another team, or the link is wrong.",
  allClients: "← All clients",
  breadcrumb: "Breadcrumb",
  /** @param {number} n */
  years: (n) => `${n} years`,
  /** @param {string} date @param {number} version */
  printed: (date, version) => `Printed ${date} · network version ${version}`,
  atAGlance: "At a glance",
  networkStrength: "Network strength",
  networkTypeLabel: "Network type",
  people: "People",
  /** @param {{informalMembers: number, teamMembers: number, formalMembers: number, closeContacts: number}} s */
  peopleCounts: (s) =>
    `${s.informalMembers} informal · ${s.teamMembers} team · ` +
    `${s.formalMembers} formal · ${s.closeContacts} close contacts`,
  changeOnion: "Change the onion",
  addPerson: "Add a person",
  addNeed: "Add a need",
  print: "Print",
  printName: "Print for the home-visit folder",
  /** @param {number} n */
  gapsTitle: (n) => `Gaps in support (${n})`,
  noGapsFound: "No gaps found: every need has help and the network holds.",
  addHelper: "Add someone who helps",
  /** @param {string} need */
  addHelperName: (need) => `Add someone who helps with ${need}`,
  chooseHelper: "Choose a helper from the onion",
  /** @param {string} need */
  chooseHelperName: (need) => `Choose a helper from the onion for ${need}`,
  addSecond: "Add a second helper",
  /** @param {string} need */
  addSecondName: (need) => `Add a second helper for ${need}`,
  /** @param {string} client */
  addCloseName: (client) => `Add a person close to ${client}`,
  /** @param {number} n */
  needsTitle: (n) => `Needs (${n})`,
  noActiveNeeds: "No active needs.",
  /** @param {number} n */
  resolvedTitle: (n) => `Resolved needs (${n})`,
  noHelpYet: "no help yet",
  stop: "Stop",
  /** @param {string} person @param {string} need */
  stopName: (person, need) => `Stop: ${person} no longer helps with ${need}`,
  whoHelps: "Who helps",
  /** @param {string} need */
  whoHelpsName: (need) => `Who helps with ${need}`,
  rate: "Rate",
  /** @param {string} need */
  rateName: (need) => `Rate ${need}`,
  resolved: "Resolved",
  /** @param {string} need */
  resolvedName: (need) => `Mark ${need} as resolved`,
  /** @param {number} n */
  peopleTitle: (n) => `People (${n})`,
  nobodyYet: "Nobody yet.",
  /** @param {string} f */
  inTouch: (f) => `in touch ${f}`,
  /** @param {string} list */
  helpsWith: (list) => `Helps with ${list}`,
  helpsWithColon: "Helps with:",
  helpsWithNothing: "Does not help with a need yet",
  helpsWithButton: "Helps with…",
  /** @param {string} name */
  helpsWithButtonName: (name) => `Say what ${name} helps with`,
  change: "Change",
  /** @param {string} name */
  changeName: (name) => `Change ${name}`,
  remove: "Remove",
  /** @param {string} name */
  removeName: (name) => `Remove ${name}`,
  /** @param {string} name */
  showName: (name) => `About ${name}`,
  close: "Close",
  phone: "Phone",

  // the legend
  legendUncovered: "red with “!”: a need nobody helps with yet",
  legendSingle: "dashed orange edge: a need only one person helps with",
  legendRests: "dashed ring round a person: everything rests on her",
  legendOverloaded: "solid red ring round a person: too much on one person",
  legendLine: "line from a person to a need: she helps with it; the thicker, the more hours",

  // the onion drawing
  /** @param {string} name */
  onionTitle: (name) => `The onion of ${name}`,
  /** @param {string} name @param {number} people @param {number} needs @param {number} uncovered */
  onionSummary: (name, people, needs, uncovered) =>
    `${name}: ${people} people around her, ${needs} active needs, ${uncovered} of them without help.`,
  noNeedsRecorded: "No active needs recorded",
  overloaded: "overloaded",
  /** @param {string} person @param {string} need @param {string} how */
  helpsWithLine: (person, need, how) => `${person} helps with ${need}: ${how}`,
  /** @param {string} name @param {string} ring @param {string} role @param {string} helps @param {string} marks */
  personShape: (name, ring, role, helps, marks) =>
    [name, role, ring, helps ? `helps with ${helps}` : "does not help with a need yet", marks]
      .filter(Boolean)
      .join(", "),
  /** @param {string} need @param {string} helpers @param {string} marks */
  needShape: (need, helpers, marks) =>
    [`Need: ${need}`, helpers ? `helped by ${helpers}` : "nobody helps yet", marks]
      .filter(Boolean)
      .join(", "),

  // dialogs and fields
  cancel: "Cancel",
  required: " (required)",
  notRecorded: "not recorded",
  /** @param {string} client */
  addNeedTitle: (client) => `Add a need of ${client}`,
  addNeedSubmit: "Add need",
  /** @param {string} need */
  needAdded: (need) => `The need ${need} was added.`,
  notInOnion: "Someone not in the onion yet? ",
  addNewPerson: "Add a new person",
  /** @param {string} need */
  whoHelpsTitle: (need) => `Who helps with ${need}?`,
  whoHelpsWhat: "Who helps with what?",
  need: "Need",
  chooseNeed: "Choose a need",
  person: "Person",
  choosePerson: "Choose a person",
  kindOfHelp: "Kind of help",
  howOften: "How often",
  timeAWeek: "Time a week",
  hoursAWeekField: "Hours a week",
  minutesAWeekField: "Minutes a week",
  timeHint: "For example 0 hours and 10 minutes.",
  save: "Save",
  /** @param {string} who @param {string} what */
  nowHelps: (who, what) => `${who} now helps with ${what}.`,
  /** @param {string} who @param {string} what */
  noLongerHelpsQ: (who, what) => `${who} no longer helps with ${what}?`,
  stopHelp: "Stop this help",
  /** @param {string} who @param {string} what */
  noLongerHelps: (who, what) => `${who} no longer helps with ${what}.`,
  /** @param {string} need */
  resolvedQ: (need) => `Is ${need} resolved?`,
  resolvedIntro:
    "A resolved need stays in the record but is no longer drawn or counted in the gaps.",
  markResolved: "Mark as resolved",
  /** @param {string} need */
  wasResolved: (need) => `${need} was marked as resolved.`,
  notNow: "not now",
  /** @param {string} need */
  rateTitle: (need) => `Rate ${need}`,
  rateIntro: "Omaha rating scale: 1 is the worst, 5 the best. Leave a row on “not now” to skip it.",
  date: "Date",
  /** @param {string} label @param {number} value @param {string} date */
  lastRating: (label, value, date) => `${label} (last: ${value} on ${date})`,
  saveRatings: "Save ratings",
  chooseOneRating: "Choose at least one rating from 1 to 5.",
  /** @param {string} need */
  ratingsSaved: (need) => `Ratings of ${need} were saved.`,

  // the Omaha picker
  omahaProblem: "Omaha System problem",
  search: "Search",
  omahaHint: "Type a word or a code, then choose below.",
  alreadyNeed: "(already a need)",
  /** @param {string} word */
  noOmaha: (word) =>
    `No Omaha problem matches “${word}”. Try another word, such as nutrition, social contact or medication.`,
  /** @param {number} n @param {string} word */
  omahaMatch: (n, word) => `${n} problems match “${word}”.`,
  /** @param {number} n */
  omahaAll: (n) => `All ${n} problems.`,

  // people
  relationships: [
    "partner",
    "daughter",
    "son",
    "daughter-in-law",
    "son-in-law",
    "sister",
    "brother",
    "niece",
    "nephew",
    "grandchild",
    "neighbour",
    "friend",
    "volunteer",
  ],
  roles: [
    "general practitioner",
    "pharmacist",
    "physiotherapist",
    "occupational therapist",
    "social worker",
    "primary nurse",
    "district nurse",
  ],
  whichRing: "Which ring",
  teamNurse: "Nurse of the team",
  chooseNurse: "Choose a nurse",
  name: "Name",
  relationship: "Relationship to the client",
  relationshipHint: "For example daughter or neighbour.",
  role: "Role",
  roleHint: "For example GP or physiotherapist.",
  contact: "Phone or e-mail",
  inTouchWith: "In touch with the client",
  howClose: "How close",
  helpsWithLegend: "Helps with (you can also add this later)",
  nothingForNow: "Nothing for now",
  /** @param {string} client */
  addPersonTitle: (client) => `Add a person to the onion of ${client}`,
  addToOnion: "Add to the onion",
  /** @param {string} name */
  wasAdded: (name) => `${name} was added to the onion.`,
  saveChanges: "Save changes",
  /** @param {string} name */
  wasChanged: (name) => `${name} was changed.`,
  /** @param {string} name */
  removeQ: (name) => `Remove ${name} from the onion?`,
  /** @param {string} name @param {string} client */
  removeIntro: (name, client) =>
    `${name} will no longer be part of the network of ${client}, ` +
    "and the help they give goes with them.",
  /** @param {string} name */
  wasRemoved: (name) => `${name} was removed from the onion.`,

  // a colleague's change
  /** @param {string} what */
  colleagueChanged: (what) => `A colleague changed this network: ${what}.`,
  colleagueChangedSomething: "A colleague changed this network. The latest version is shown.",
  /** @param {string[]} names */
  joined: (names) => `${names.join(", ")} ${plural(names.length, "was", "were")} added`,
  /** @param {string[]} names */
  left: (names) => `${names.join(", ")} ${plural(names.length, "was", "were")} removed`,
  /** @param {string[]} names */
  changedPeople: (names) => `${names.join(", ")} changed`,
  /** @param {string[]} names */
  newNeeds: (names) => `new ${plural(names.length, "need", "needs")} ${names.join(", ")}`,
  /** @param {string[]} names */
  changedNeeds: (names) => `help or ratings changed for ${names.join(", ")}`,

  // history and undo
  historyTitle: "Changes",
  noHistory: "No changes recorded yet.",
  /** @param {string} name */
  you: (name) => `${name} (you)`,
  /** @param {number} n */
  olderChanges: (n) => `${n} older ${n === 1 ? "change" : "changes"}`,
  undo: "Undo my last change",
  /** @param {string} words */
  undoName: (words) => `Undo my last change: ${words}`,
  undoQ: "Undo your last change?",
  undoIntro: "The network goes back to how it was before it; the undoing is kept in the history.",
  /** @param {string} words */
  undone: (words) => `Undone: ${words}`,

  // ratings
  /** @param {string} values @param {string} from @param {string} how */
  trend: (values, from, how) => `${values} since ${from}: ${how}`,
  /** @param {string} date */
  since: (date) => `on ${date}`,
  better: "better",
  worse: "worse",
  same: "the same",
  strengthWhat: "What do these mean?",
  strengthExplained: [
    "Network strength (0-100) says how well the people around her carry her needs: " +
      "every need with help, more than one helper, nobody carrying too much, " +
      "close contacts she is in touch with, and a GP and the team in the network.",
    "The network type says what her informal network leans on: close family, " +
      "neighbours and friends nearby, or hardly anyone.",
    "Close contacts are people in her informal network she feels close to and is in touch with.",
  ],
  /** @param {string} value @param {string} words */
  levelOption: (value, words) => `${value} – ${words}`,

  // the directory
  fromDirectory: "From the directory",
  gpFromDirectory: "GP (from the directory)",
  directorySearch: "Find in the directory",
  directoryHint: "For example the GP's name, “huisarts” or “apotheek”.",
  directoryTypeMore: "Type at least two letters.",
  /** @param {string} word */
  directoryNone: (word) => `Nobody in the directory matches “${word}”. Fill in her name below instead.`,
  /** @param {number} n @param {string} word */
  directoryFound: (n, word) => `${n} in the directory ${n === 1 ? "matches" : "match"} “${word}”.`,
  notFromDirectory: "Not from the directory: someone new",
  gpHint: "For example the GP's name or “huisarts”.",
  /** @param {string} word */
  gpNone: (word) =>
    `No GP in the directory matches “${word}”. Admit the client without a GP; ask for the directory to be completed and add her afterwards.`,
  noGpYet: "No GP yet",
  knowsLegend: "Knows (who of the network she knows)",
  knowsTerm: "Knows",
  whomKnows: "Whom she knows…",
  /** @param {string} name */
  whomKnowsTitle: (name) => `Whom does ${name} know?`,
  /** @param {string} name */
  knowsSaved: (name) => `Whom ${name} knows was saved.`,
  knowsNobody: "Nobody else in the network yet.",

  // admitting a client
  admitLink: "Admit a new client",
  admitTitle: "Admit a new client",
  admitLead: "Who she is and where she lives; her network comes next, on the first visit.",
  clientName: "Name",
  birthDate: "Date of birth",
  address: "Home address",
  addressHint: "Street, number, postcode and place, e.g. Dorpsstraat 1, 1234 AB Almelo.",
  neighbourhood: "Neighbourhood",
  neighbourhoodHint: "The neighbourhood the team calls it by.",
  servingTeam: "Team that serves her",
  chooseTeam: "Choose a team",
  /** @param {string} team */
  servedBy: (team) => `She will be served by ${team}.`,
  admitSubmit: "Admit and map her network",
  /** @param {string} name */
  admitted: (name) => `${name} was admitted. Add the people around her now.`,

  // the service's codes
  ring: { INFORMAL: "Informal network", TEAM: "Team", FORMAL: "Formal network" },
  ringHint: {
    INFORMAL: "family, friends, neighbours",
    TEAM: "the nurses of the team",
    FORMAL: "GP, pharmacist, physio, social work",
  },
  frequency: {
    DAILY: "daily",
    SEVERAL_TIMES_A_WEEK: "several times a week",
    WEEKLY: "weekly",
    MONTHLY: "monthly",
    LESS_OFTEN: "less often",
  },
  supportKind: {
    PRACTICAL: "practical help",
    HOUSEHOLD: "household",
    PERSONAL_CARE: "personal care",
    EMOTIONAL: "emotional support",
    INFORMATIONAL: "information and advice",
    NURSING: "nursing",
    MEDICAL: "medical",
    COORDINATION: "coordination",
  },
  severity: { HIGH: "High", MEDIUM: "Medium", LOW: "Low" },
  gapKind: {
    UNCOVERED_NEED: "Need without help",
    SINGLE_SUPPORTER: "Only one helper",
    SINGLE_POINT_OF_FAILURE: "Everything rests on one person",
    OVERLOADED_CARER: "Carer overloaded",
    ISOLATED_CLIENT: "Isolated",
    NO_TEAM_CONTACT: "No team contact",
    NO_GP: "No GP",
    FRAGMENTED_FORMAL_NETWORK: "Professionals not connected",
    TEAM_TOO_LARGE: "Team too large",
    CASELOAD_TOO_LARGE: "Caseload too large",
    LOW_CONTINUITY: "Low continuity",
  },
  networkType: {
    FAMILY_DEPENDENT: "Family-dependent",
    LOCALLY_INTEGRATED: "Locally integrated",
    LOCAL_SELF_CONTAINED: "Local self-contained",
    WIDER_COMMUNITY_FOCUSED: "Wider community-focused",
    PRIVATE_RESTRICTED: "Private restricted",
    NO_INFORMAL_NETWORK: "No informal network",
  },
  networkTypeHint: {
    FAMILY_DEPENDENT: "relies mainly on close family",
    LOCALLY_INTEGRATED: "family, friends and neighbours close by",
    LOCAL_SELF_CONTAINED: "a few neighbours, family at a distance",
    WIDER_COMMUNITY_FOCUSED: "friends and community rather than family",
    PRIVATE_RESTRICTED: "no family nearby; hardly anyone in touch but a partner",
    NO_INFORMAL_NETWORK: "nobody recorded in the informal ring",
  },
  domain: {
    ENVIRONMENTAL: "Environmental",
    PSYCHOSOCIAL: "Psychosocial",
    PHYSIOLOGICAL: "Physiological",
    HEALTH_RELATED_BEHAVIORS: "Health-related behaviours",
  },
  rating: { KNOWLEDGE: "Knowledge", BEHAVIOR: "Behaviour", STATUS: "Status" },
  closeness: { 1: "not very close", 2: "close", 3: "very close" },
  /** @param {string} minutes */
  minutesAWeek: (minutes) => `${minutes} min a week`,
  /** @param {string} hours */
  hoursAWeek: (hours) => `${hours} h a week`,
  and: "and",
  /** Gap explanations: the service's own English is used. */
  /** Words the service's data keeps in English (roles, relationships): as they are. */
  said: {
    "general practitioner": "general practitioner",
    "district nurse": "district nurse",
    neighbour: "neighbour",
    daughter: "daughter",
    friend: "friend",
    son: "son",
    "primary nurse": "primary nurse",
    partner: "partner",
    "contact person": "contact person",
    nurse: "nurse",
    pharmacist: "pharmacist",
    physiotherapist: "physiotherapist",
    brother: "brother",
    "certified care worker": "certified care worker",
    volunteer: "volunteer",
    "main carer": "main carer",
    "son-in-law": "son-in-law",
    niece: "niece",
    granddaughter: "granddaughter",
    sister: "sister",
    "daughter-in-law": "daughter-in-law",
    grandson: "grandson",
    "occupational therapist": "occupational therapist",
    "social worker": "social worker",
    dietitian: "dietitian",
    "case manager dementia": "case manager dementia",
  },
  explain: null,
};
