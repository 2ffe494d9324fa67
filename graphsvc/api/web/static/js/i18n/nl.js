// De woorden van de pagina in het Nederlands, zoals een wijkverpleegkundige
// ze gebruikt. Elke sleutel staat ook in en.js.

/** @param {number} n @param {string} one @param {string} many */
const plural = (n, one, many) => (n === 1 ? one : many);

/**
 * De grenzen die een weigering noemt, uitgeschreven voor de lezer (null: geen).
 * @typedef {{minimum: string | null, maximum: string | null}} Bounds
 */

/** "a, b en c" @param {string[]} items */
const joined = (items) =>
  items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} en ${items.at(-1)}`;

/**
 * Wat een knelpunt betekent, in woorden, uit de soort, de namen van wie en
 * wat het betreft en wat de pagina zelf van het netwerk weet (de hulp van een
 * mantelzorger per week); de uitleg van de dienst zelf is Engels.
 * @typedef {{hours: string, needs: number}} Load
 * @type {Record<string, (client: string, people: string[], needs: string[], load: Load | null) => string>}
 */
const EXPLAIN = {
  UNCOVERED_NEED: (client, _people, needs) =>
    `Niemand helpt ${client} bij ${joined(needs) || "een hulpvraag"}.`,
  SINGLE_SUPPORTER: (_client, people, needs) =>
    `Alleen ${people[0] ?? "één persoon"} helpt bij ${joined(needs) || "deze hulpvraag"}; ` +
    "valt zij weg, dan staat deze hulpvraag open.",
  SINGLE_POINT_OF_FAILURE: (client, people, needs) =>
    needs.length
      ? `Kan ${people[0] ?? "één persoon"} niet meer helpen, dan helpt niemand ${client} ` +
        `meer bij ${joined(needs)}: alles rust op haar.`
      : `Bijna alle hulp aan ${client} rust op ${people[0] ?? "één persoon"}.`,
  OVERLOADED_CARER: (client, people, _needs, load) =>
    load && load.hours
      ? `${people[0] ?? "Een mantelzorger"} geeft ${client} ${load.hours} hulp bij ` +
        `${plural(load.needs, "één hulpvraag", `${load.needs} hulpvragen`)}; ` +
        "dat is meer dan vol te houden."
      : `${people[0] ?? "Een mantelzorger"} geeft meer hulp dan vol te houden is.`,
  ISOLATED_CLIENT: (client, people) =>
    people.length
      ? `Alleen ${joined(people)} ${plural(people.length, "heeft", "hebben")} geregeld en ` +
        `nauw contact met ${client}; verder (bijna) niemand van familie, vrienden of buren.`
      : `Niemand van familie, vrienden of buren heeft geregeld en nauw contact met ${client}.`,
  NO_TEAM_CONTACT: (client) => `Niemand van het wijkteam staat in het netwerk van ${client}.`,
  NO_GP: (client) => `Er staat geen huisarts in het netwerk van ${client}.`,
  FRAGMENTED_FORMAL_NETWORK: () =>
    "De professionals in het formele netwerk kennen elkaar niet of werken niet samen.",
  TEAM_TOO_LARGE: () => "Het team is groter dan een zelfsturend team hoort te zijn.",
  CASELOAD_TOO_LARGE: () => "Het team heeft meer cliënten dan het goed kan dragen.",
  LOW_CONTINUITY: (client, people) =>
    people.length > 1
      ? `${client} kreeg bezoek van ${people.length} verschillende zorgverleners ` +
        `(${joined(people)}); de continuïteit van zorg is laag.`
      : `${client} ziet te veel verschillende verpleegkundigen; de continuïteit is laag.`,
};

export const nl = {
  languageName: "Nederlands",
  switchTo: "English",
  switchLabel: "Language: English",
  appTitle: "Zorgnetwerk – de ui",
  brand: "Zorgnetwerk",
  loading: "Bezig met laden…",
  loadingClients: "De cliënten worden geladen…",
  loadingOnion: "Het netwerk wordt geladen…",

  signOut: "Afmelden",
  tryAgain: "Opnieuw proberen",
  somethingWrong: "Er ging iets mis",
  backToClients: "Terug naar alle cliënten",
  /** @param {string} m */
  banner: (m) => `Er ging iets mis: ${m} Laad de pagina opnieuw als het blijft gebeuren.`,

  unreachable:
    "De zorgnetwerkdienst is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.",
  pleaseSignIn: "Meld u aan.",
  /** @param {string} reason */
  noLongerValid: (reason) =>
    `Uw aanmelding is niet meer geldig${reason ? ` (${reason})` : ""}. Meld u opnieuw aan.`,
  /** @param {number} status @param {string} detail */
  serviceError: (status, detail) => `De dienst gaf een foutmelding (${status}): ${detail}`,
  /** @param {string} detail */
  couldNotAnswer: (detail) => `De dienst kon geen antwoord geven: ${detail}`,
  /** @param {string} reason */
  tokenRefused: (reason) => `Deze toegangscode werd niet geaccepteerd: ${reason}.`,
  unknownReason: "reden onbekend",
  /** @param {number} status */
  serviceStatus: (status) => `De dienst gaf een foutmelding (${status}).`,
  conflict:
    "Een collega heeft het netwerk van deze cliënt veranderd terwijl u ermee bezig was. " +
    "Het nieuwste netwerk staat nu op het scherm en wat u invulde is bewaard: " +
    "kijk het na en sla opnieuw op.",
  problemValidation: "Kijk na wat u invulde",
  problemNotFound: "Dit is er niet meer",
  problemForbidden: "U mag deze wijziging niet maken",
  /** @type {Record<string, string>} */
  fieldNames: {
    name: "naam",
    contact: "telefoon of e-mail",
    relationship: "relatie",
    role: "functie",
    hoursPerWeek: "uren per week",
    minutesPerWeek: "minuten per week",
    birthDate: "geboortedatum",
    address: "woonadres",
    neighbourhood: "wijk",
    effective: "datum",
    value: "score",
    closeness: "hoe nabij",
    contactFrequency: "contact met de cliënt",
    since: "sinds",
    code: "hulpvraag",
    needId: "hulpvraag",
    personB: "wie zij kent",
    knows: "wie zij kent",
    generalPractitionerId: "huisarts",
    search: "zoeken",
    personId: "persoon",
    supporterId: "wie helpt",
    clientId: "cliënt",
    id: "kenmerk",
    change: "wijziging",
  },
  /**
   * Why the service refused a change, by the code it gives (the reasons of
   * graphsvc/domain/errors.py); with the bounds it names, written out.
   * @type {Record<string, string | ((bounds: Bounds) => string)>}
   */
  reasons: {
    "invalid-id": "dit is geen geldig kenmerk.",
    "not-text": "hier hoort tekst.",
    blank: "vul dit in; alleen spaties is geen antwoord.",
    "too-short": ({ minimum }) => `typ minstens ${minimum ?? 2} letters.`,
    "too-long": ({ maximum }) => `dit mag hoogstens ${maximum ?? "500"} tekens lang zijn.`,
    "control-characters":
      "er staan onzichtbare stuurtekens in (zoals een tab of een regeleinde, " +
      "vaak meegekopieerd uit een andere tekst). Typ het opnieuw in.",
    "bidirectional-characters":
      "er staan onzichtbare tekens in die de leesrichting van de tekst omdraaien. " +
      "Typ het opnieuw in.",
    "not-a-choice": "kies een van de mogelijkheden.",
    "not-a-number": "vul een getal in.",
    "not-a-whole-number": "vul een heel getal in.",
    "out-of-range": ({ minimum, maximum }) =>
      minimum !== null && maximum !== null
        ? `dit moet tussen ${minimum} en ${maximum} liggen.`
        : "dit valt buiten wat kan.",
    "not-a-date": "vul een datum in.",
    "in-the-future": "deze datum ligt in de toekomst.",
    "too-long-ago": ({ maximum }) =>
      maximum !== null
        ? `deze datum ligt meer dan ${maximum} jaar terug.`
        : "deze datum ligt te ver terug.",
    "unknown-omaha-code": "dit is geen probleem van het Omaha System; kies er een uit de lijst.",
    taken: "dit kenmerk is al in gebruik. Probeer het opnieuw.",
    "not-a-person": "dit is geen persoon.",
    "not-a-professional": "dit is geen zorgverlener; kies een huisarts uit de lijst.",
    "named-twice": "dit staat er twee keer in; noem het één keer.",
    "knows-herself": "iemand kent zichzelf niet; kies een ander.",
    "hours-and-minutes": "vul uren of minuten per week in, niet allebei.",
    "cannot-undo": "deze wijziging kan niet meer ongedaan worden gemaakt.",
    "directory-entry":
      "deze zorgverlener staat in het adresboek; naam en gegevens worden daar aangepast, " +
      "niet in het netwerk van één cliënt.",
    "in-another-network":
      "deze persoon staat al in het netwerk van een andere cliënt; een familielid, vriend " +
      "of buur hoort bij één netwerk.",
    "not-found": "een collega heeft het misschien net verwijderd. Laad de pagina opnieuw.",
  },
  /** @param {string} message  the service's own words, in English */
  serviceSaid: (message) => `De dienst gaf deze reden (in het Engels): “${message}”`,
  tryAgainLater: "Er ging iets mis. Probeer het opnieuw.",
  /** @param {string} name */
  personGone: (name) =>
    `${name} staat niet meer in het netwerk: een collega heeft haar net verwijderd. ` +
    "Het nieuwste netwerk staat nu op het scherm.",
  /** @param {string} name */
  needGone: (name) =>
    `De hulpvraag ${name} is er niet meer: een collega heeft haar net veranderd. ` +
    "Het nieuwste netwerk staat nu op het scherm.",
  somethingGone:
    "Wat u aan het veranderen was, is er niet meer: een collega heeft het netwerk net veranderd. " +
    "Het nieuwste netwerk staat nu op het scherm.",

  signIn: "Aanmelden",
  signInLead: "Breng de netwerken rond de cliënten van uw team in kaart en houd ze bij.",
  withToken: "Met uw toegangscode",
  accessToken: "Toegangscode",
  tokenHint:
    "Plak de toegangscode die u kreeg; hij wordt alleen bewaard tot u dit tabblad sluit.",
  /** @param {string} m */
  couldNotSignIn: (m) => `Aanmelden lukte niet. ${m}`,
  devTitle: "Ontwikkeling: aanmelden als verpleegkundige",
  devHint: "Alleen op een ontwikkelserver (make run).",
  team: "Team",
  nurse: "Verpleegkundige",
  showTeam: "Toon de verpleegkundigen van dit team",
  noSuchTeam: "Dit team bestaat niet.",
  signInAsNurse: "Aanmelden als deze verpleegkundige",
  /** @param {number} s */
  serverAnswered: (s) => `De server antwoordde ${s}.`,

  /** @param {string} team */
  clientsOf: (team) => `Cliënten van ${team}`,
  clients: "Cliënten",
  findClient: "Zoek een cliënt op naam",
  /** @param {number} shown @param {number} all @param {string} word */
  clientsMatch: (shown, all, word) => `${shown} van de ${all} cliënten passen bij “${word}”.`,
  /** @param {number} n */
  clientsUrgentFirst: (n) => `${n} cliënten, de meest dringende eerst.`,
  noClients: "Geen cliënten om te tonen. Misschien heeft uw team nog geen cliënten.",
  /** @param {string} heading */
  clientsCaption: (heading) => `${heading}, de meest dringende eerst`,
  colClient: "Cliënt",
  colNeighbourhood: "Wijk",
  colGaps: "Knelpunten",
  colStrength: "Sterkte van het netwerk",
  noGaps: "geen knelpunten",
  /** @param {number} n @param {string} severity */
  severityCount: (n, severity) => `${n} ${severity.toLowerCase()}`,

  clientMissing:
    "Deze cliënt is niet te vinden. Misschien is ze naar een ander team gegaan, of de link klopt niet.",
  allClients: "← Alle cliënten",
  breadcrumb: "Kruimelpad",
  /** @param {number} n */
  years: (n) => `${n} jaar`,
  /** @param {string} date @param {number} version */
  printed: (date, version) => `Afgedrukt ${date} · versie ${version} van het netwerk`,
  atAGlance: "In één oogopslag",
  networkStrength: "Sterkte van het netwerk",
  networkTypeLabel: "Soort netwerk",
  people: "Mensen",
  /** @param {{informalMembers: number, teamMembers: number, formalMembers: number, closeContacts: number}} s */
  peopleCounts: (s) =>
    `${s.informalMembers} informeel · ${s.teamMembers} wijkteam · ` +
    `${s.formalMembers} formeel · ${s.closeContacts} naaste contacten`,
  changeOnion: "Het netwerk veranderen",
  addPerson: "Persoon toevoegen",
  addNeed: "Hulpvraag toevoegen",
  print: "Afdrukken",
  printName: "Afdrukken voor de zorgmap",
  /** @param {number} n */
  gapsTitle: (n) => `Knelpunten (${n})`,
  noGapsFound: "Geen knelpunten: bij elke hulpvraag helpt iemand en het netwerk houdt stand.",
  addHelper: "Iemand toevoegen die helpt",
  /** @param {string} need */
  addHelperName: (need) => `Iemand toevoegen die helpt bij ${need}`,
  chooseHelper: "Kies een helper uit het netwerk",
  /** @param {string} need */
  chooseHelperName: (need) => `Kies een helper uit het netwerk voor ${need}`,
  addSecond: "Tweede helper toevoegen",
  /** @param {string} need */
  addSecondName: (need) => `Tweede helper toevoegen voor ${need}`,
  /** @param {string} client */
  addCloseName: (client) => `Iemand toevoegen die dicht bij ${client} staat`,
  /** @param {number} n */
  needsTitle: (n) => `Hulpvragen (${n})`,
  noActiveNeeds: "Geen lopende hulpvragen.",
  /** @param {number} n */
  resolvedTitle: (n) => `Afgeronde hulpvragen (${n})`,
  noHelpYet: "nog geen hulp",
  stop: "Stoppen",
  /** @param {string} person @param {string} need */
  stopName: (person, need) => `Stoppen: ${person} helpt niet meer bij ${need}`,
  whoHelps: "Wie helpt",
  /** @param {string} need */
  whoHelpsName: (need) => `Wie helpt bij ${need}`,
  rate: "Scoren",
  /** @param {string} need */
  rateName: (need) => `${need} scoren`,
  resolved: "Afgerond",
  /** @param {string} need */
  resolvedName: (need) => `${need} afronden`,
  /** @param {number} n */
  peopleTitle: (n) => `Mensen (${n})`,
  nobodyYet: "Nog niemand.",
  /** @param {string} f */
  inTouch: (f) => `contact ${f}`,
  /** @param {string} list */
  helpsWith: (list) => `Helpt bij ${list}`,
  helpsWithColon: "Helpt bij:",
  helpsWithNothing: "Helpt nog niet bij een hulpvraag",
  helpsWithButton: "Helpt bij…",
  /** @param {string} name */
  helpsWithButtonName: (name) => `Vastleggen waar ${name} bij helpt`,
  change: "Wijzigen",
  /** @param {string} name */
  changeName: (name) => `${name} wijzigen`,
  remove: "Verwijderen",
  /** @param {string} name */
  removeName: (name) => `${name} verwijderen`,
  /** @param {string} name */
  showName: (name) => `Over ${name}`,
  close: "Sluiten",
  phone: "Telefoon",

  legendUncovered: "rood met “!”: een hulpvraag waar nog niemand bij helpt",
  legendSingle: "gestreepte oranje rand: een hulpvraag waar maar één persoon bij helpt",
  legendRests: "gestippelde ring om een persoon: alles rust op haar",
  legendOverloaded: "dichte rode ring om een persoon: zij draagt te veel",
  legendLine: "lijn van een persoon naar een hulpvraag: zij helpt daarbij; hoe dikker, hoe meer uren",

  /** @param {string} name */
  onionTitle: (name) => `Het netwerk van ${name}`,
  /** @param {string} name @param {number} people @param {number} needs @param {number} uncovered */
  onionSummary: (name, people, needs, uncovered) =>
    `${name}: ${people} ${plural(people, "persoon", "mensen")} om haar heen, ` +
    `${needs} lopende ${plural(needs, "hulpvraag", "hulpvragen")}, ` +
    `waarvan ${uncovered} zonder hulp.`,
  noNeedsRecorded: "Geen lopende hulpvragen vastgelegd",
  overloaded: "overbelast",
  /** @param {string} person @param {string} need @param {string} how */
  helpsWithLine: (person, need, how) => `${person} helpt bij ${need}: ${how}`,
  /** @param {string} name @param {string} ring @param {string} role @param {string} helps @param {string} marks */
  personShape: (name, ring, role, helps, marks) =>
    [name, role, ring, helps ? `helpt bij ${helps}` : "helpt nog niet bij een hulpvraag", marks]
      .filter(Boolean)
      .join(", "),
  /** @param {string} need @param {string} helpers @param {string} marks */
  needShape: (need, helpers, marks) =>
    [`Hulpvraag: ${need}`, helpers ? `hulp van ${helpers}` : "nog niemand helpt", marks]
      .filter(Boolean)
      .join(", "),

  cancel: "Annuleren",
  required: " (verplicht)",
  notRecorded: "niet vastgelegd",
  /** @param {string} client */
  addNeedTitle: (client) => `Hulpvraag toevoegen voor ${client}`,
  addNeedSubmit: "Hulpvraag toevoegen",
  /** @param {string} need */
  needAdded: (need) => `De hulpvraag ${need} is toegevoegd.`,
  notInOnion: "Staat iemand nog niet in het netwerk? ",
  addNewPerson: "Nieuwe persoon toevoegen",
  /** @param {string} need */
  whoHelpsTitle: (need) => `Wie helpt bij ${need}?`,
  whoHelpsWhat: "Wie helpt waarbij?",
  need: "Hulpvraag",
  chooseNeed: "Kies een hulpvraag",
  person: "Persoon",
  choosePerson: "Kies een persoon",
  kindOfHelp: "Soort hulp",
  howOften: "Hoe vaak",
  timeAWeek: "Tijd per week",
  hoursAWeekField: "Uren per week",
  minutesAWeekField: "Minuten per week",
  timeHint: "Bijvoorbeeld 0 uur en 10 minuten.",
  save: "Opslaan",
  /** @param {string} who @param {string} what */
  nowHelps: (who, what) => `${who} helpt nu bij ${what}.`,
  /** @param {string} who @param {string} what */
  noLongerHelpsQ: (who, what) => `Helpt ${who} niet meer bij ${what}?`,
  stopHelp: "Deze hulp stoppen",
  /** @param {string} who @param {string} what */
  noLongerHelps: (who, what) => `${who} helpt niet meer bij ${what}.`,
  /** @param {string} need */
  resolvedQ: (need) => `Is ${need} afgerond?`,
  resolvedIntro:
    "Een afgeronde hulpvraag blijft in het dossier, maar wordt niet meer getekend en telt niet mee in de knelpunten.",
  markResolved: "Afronden",
  /** @param {string} need */
  wasResolved: (need) => `${need} is afgerond.`,
  notNow: "nu niet",
  /** @param {string} need */
  rateTitle: (need) => `${need} scoren`,
  rateIntro:
    "Omaha-scoreschaal: 1 is het slechtst, 5 het best. Laat een rij op “nu niet” staan om haar over te slaan.",
  date: "Datum",
  /** @param {string} label @param {number} value @param {string} date */
  lastRating: (label, value, date) => `${label} (laatst: ${value} op ${date})`,
  saveRatings: "Scores opslaan",
  chooseOneRating: "Kies minstens één score van 1 tot 5.",
  /** @param {string} need */
  ratingsSaved: (need) => `De scores van ${need} zijn opgeslagen.`,

  omahaProblem: "Omaha-probleem",
  search: "Zoeken",
  omahaHint: "Typ een woord of een code en kies hieronder.",
  alreadyNeed: "(al een hulpvraag)",
  /** @param {string} word */
  noOmaha: (word) =>
    `Geen Omaha-probleem past bij “${word}”. Probeer een ander woord, zoals voeding, sociaal contact of medicatie.`,
  /** @param {number} n @param {string} word */
  omahaMatch: (n, word) => `${n} ${plural(n, "probleem past", "problemen passen")} bij “${word}”.`,
  /** @param {number} n */
  omahaAll: (n) => `Alle ${n} problemen.`,

  relationships: [
    "partner",
    "dochter",
    "zoon",
    "schoondochter",
    "schoonzoon",
    "zus",
    "broer",
    "nicht",
    "neef",
    "kleinkind",
    "buurvrouw",
    "buurman",
    "vriendin",
    "vriend",
    "vrijwilliger",
  ],
  roles: [
    "huisarts",
    "apotheker",
    "fysiotherapeut",
    "ergotherapeut",
    "maatschappelijk werker",
    "praktijkondersteuner",
    "casemanager dementie",
    "wijkverpleegkundige",
  ],
  whichRing: "In welke ring",
  teamNurse: "Verpleegkundige van het team",
  chooseNurse: "Kies een verpleegkundige",
  name: "Naam",
  relationship: "Relatie tot de cliënt",
  relationshipHint: "Bijvoorbeeld dochter of buurvrouw.",
  role: "Functie",
  roleHint: "Bijvoorbeeld huisarts of fysiotherapeut.",
  contact: "Telefoon of e-mail",
  inTouchWith: "Contact met de cliënt",
  howClose: "Hoe nabij",
  helpsWithLegend: "Helpt bij (dit kan ook later)",
  nothingForNow: "Nu nog niets",
  /** @param {string} client */
  addPersonTitle: (client) => `Persoon toevoegen aan het netwerk van ${client}`,
  addToOnion: "Toevoegen aan het netwerk",
  /** @param {string} name */
  wasAdded: (name) => `${name} is toegevoegd aan het netwerk.`,
  saveChanges: "Wijzigingen opslaan",
  /** @param {string} name */
  wasChanged: (name) => `${name} is gewijzigd.`,
  /** @param {string} name */
  removeQ: (name) => `${name} uit het netwerk verwijderen?`,
  /** @param {string} name @param {string} client */
  removeIntro: (name, client) =>
    `${name} hoort dan niet meer bij het netwerk van ${client}, ` +
    "en de hulp die zij geeft verdwijnt mee.",
  /** @param {string} name */
  wasRemoved: (name) => `${name} is uit het netwerk verwijderd.`,

  /** @param {string} what */
  colleagueChanged: (what) => `Een collega heeft dit netwerk veranderd: ${what}.`,
  colleagueChangedSomething:
    "Een collega heeft dit netwerk veranderd. De nieuwste versie staat op het scherm.",
  /** @param {string[]} names */
  joined: (names) => `${names.join(", ")} ${plural(names.length, "is", "zijn")} toegevoegd`,
  /** @param {string[]} names */
  left: (names) => `${names.join(", ")} ${plural(names.length, "is", "zijn")} verwijderd`,
  /** @param {string[]} names */
  changedPeople: (names) => `${names.join(", ")} ${plural(names.length, "is", "zijn")} gewijzigd`,
  /** @param {string[]} names */
  newNeeds: (names) =>
    `${plural(names.length, "nieuwe hulpvraag", "nieuwe hulpvragen")} ${names.join(", ")}`,
  /** @param {string[]} names */
  changedNeeds: (names) => `hulp of scores gewijzigd bij ${names.join(", ")}`,

  /** @param {string} values @param {string} from @param {string} how */
  historyTitle: "Wijzigingen",
  noHistory: "Nog geen wijzigingen vastgelegd.",
  /** @param {string} name */
  you: (name) => `${name} (u)`,
  /** @param {number} n */
  olderChanges: (n) => `${n} eerdere ${n === 1 ? "wijziging" : "wijzigingen"}`,
  undo: "Mijn laatste wijziging ongedaan maken",
  /** @param {string} words */
  undoName: (words) => `Mijn laatste wijziging ongedaan maken: ${words}`,
  undoQ: "Uw laatste wijziging ongedaan maken?",
  undoIntro:
    "Het netwerk gaat terug naar hoe het daarvoor was; het terugdraaien blijft in de geschiedenis staan.",
  /** @param {string} words */
  undone: (words) => `Ongedaan gemaakt: ${words}`,

  trend: (values, from, how) => `${values} sinds ${from}: ${how}`,
  /** @param {string} date */
  since: (date) => `op ${date}`,
  better: "beter",
  worse: "slechter",
  same: "gelijk",
  strengthWhat: "Wat betekent dit?",
  strengthExplained: [
    "De sterkte van het netwerk (0-100) zegt hoe goed de mensen om haar heen haar " +
      "hulpvragen dragen: bij elke hulpvraag hulp, meer dan één helper, niemand die te veel " +
      "draagt, naasten met wie ze contact heeft, en een huisarts en het wijkteam in het netwerk.",
    "De soort netwerk zegt waar haar informele netwerk op leunt: naaste familie, " +
      "buren en vrienden dichtbij, of vrijwel niemand.",
    "Naaste contacten zijn mensen in haar informele netwerk die dicht bij haar staan en met " +
      "wie ze contact heeft.",
  ],
  /** @param {string} value @param {string} words */
  levelOption: (value, words) => `${value} – ${words}`,

  fromDirectory: "Uit het adresboek",
  gpFromDirectory: "Huisarts (uit het adresboek)",
  directorySearch: "Zoek in het adresboek",
  directoryHint: "Bijvoorbeeld de naam van de huisarts, “huisarts” of “apotheek”.",
  directoryTypeMore: "Typ minstens twee letters.",
  /** @param {string} word */
  directoryNone: (word) =>
    `Niemand in het adresboek past bij “${word}”. Vul hieronder haar naam in.`,
  /** @param {number} n @param {string} word */
  directoryFound: (n, word) => `${n} in het adresboek ${n === 1 ? "past" : "passen"} bij “${word}”.`,
  notFromDirectory: "Niet uit het adresboek: iemand nieuw",
  gpHint: "Bijvoorbeeld de naam van de huisarts of “huisarts”.",
  /** @param {string} word */
  gpNone: (word) =>
    `Geen huisarts in het adresboek past bij “${word}”. Meld de cliënt aan zonder huisarts; vraag het adresboek aan te vullen en voeg haar daarna toe.`,
  noGpYet: "Nog geen huisarts",
  knowsLegend: "Kent (wie uit het netwerk zij kent)",
  knowsTerm: "Kent",
  whomKnows: "Wie kent zij…",
  /** @param {string} name */
  whomKnowsTitle: (name) => `Wie kent ${name}?`,
  /** @param {string} name */
  knowsSaved: (name) => `Wie ${name} kent is opgeslagen.`,
  knowsNobody: "Er staat nog niemand anders in het netwerk.",

  admitLink: "Nieuwe cliënt aanmelden",
  admitTitle: "Nieuwe cliënt aanmelden",
  admitLead: "Wie ze is en waar ze woont; haar netwerk volgt bij het eerste huisbezoek.",
  clientName: "Naam",
  birthDate: "Geboortedatum",
  address: "Woonadres",
  addressHint: "Straat, huisnummer, postcode en plaats, bijvoorbeeld Dorpsstraat 1, 1234 AB Almelo.",
  neighbourhood: "Wijk",
  neighbourhoodHint: "De wijk zoals het team die noemt.",
  servingTeam: "Team dat haar zorg geeft",
  chooseTeam: "Kies een team",
  /** @param {string} team */
  servedBy: (team) => `Zij krijgt zorg van ${team}.`,
  admitSubmit: "Aanmelden en netwerk in kaart brengen",
  /** @param {string} name */
  admitted: (name) => `${name} is aangemeld. Voeg nu de mensen om haar heen toe.`,

  ring: { INFORMAL: "Informeel netwerk", TEAM: "Wijkteam", FORMAL: "Formeel netwerk" },
  ringHint: {
    INFORMAL: "familie, mantelzorgers, buren, vrienden",
    TEAM: "de wijkverpleegkundigen van het team",
    FORMAL: "huisarts, apotheker, fysiotherapeut, maatschappelijk werk",
  },
  frequency: {
    DAILY: "dagelijks",
    SEVERAL_TIMES_A_WEEK: "een paar keer per week",
    WEEKLY: "wekelijks",
    MONTHLY: "maandelijks",
    LESS_OFTEN: "minder vaak",
  },
  supportKind: {
    PRACTICAL: "praktische hulp",
    HOUSEHOLD: "huishouden",
    PERSONAL_CARE: "persoonlijke verzorging",
    EMOTIONAL: "emotionele steun",
    INFORMATIONAL: "informatie en advies",
    NURSING: "verpleging",
    MEDICAL: "medische zorg",
    COORDINATION: "regie en afstemming",
  },
  severity: { HIGH: "Hoog", MEDIUM: "Middel", LOW: "Laag" },
  gapKind: {
    UNCOVERED_NEED: "Hulpvraag zonder hulp",
    SINGLE_SUPPORTER: "Maar één helper",
    SINGLE_POINT_OF_FAILURE: "Alles rust op één persoon",
    OVERLOADED_CARER: "Mantelzorger overbelast",
    ISOLATED_CLIENT: "Eenzaam",
    NO_TEAM_CONTACT: "Geen contact met het wijkteam",
    NO_GP: "Geen huisarts",
    FRAGMENTED_FORMAL_NETWORK: "Professionals werken langs elkaar heen",
    TEAM_TOO_LARGE: "Team te groot",
    CASELOAD_TOO_LARGE: "Te veel cliënten",
    LOW_CONTINUITY: "Weinig continuïteit",
  },
  networkType: {
    FAMILY_DEPENDENT: "Leunt op familie",
    LOCALLY_INTEGRATED: "Lokaal ingebed",
    LOCAL_SELF_CONTAINED: "Lokaal op zichzelf",
    WIDER_COMMUNITY_FOCUSED: "Gericht op de bredere gemeenschap",
    PRIVATE_RESTRICTED: "Besloten en klein",
    NO_INFORMAL_NETWORK: "Geen informeel netwerk",
  },
  networkTypeHint: {
    FAMILY_DEPENDENT: "steunt vooral op naaste familie",
    LOCALLY_INTEGRATED: "familie, vrienden en buren dichtbij",
    LOCAL_SELF_CONTAINED: "een paar buren, familie op afstand",
    WIDER_COMMUNITY_FOCUSED: "eerder vrienden en gemeenschap dan familie",
    PRIVATE_RESTRICTED: "geen familie in de buurt; vrijwel alleen contact met een partner",
    NO_INFORMAL_NETWORK: "niemand vastgelegd in het informele netwerk",
  },
  domain: {
    ENVIRONMENTAL: "Omgeving",
    PSYCHOSOCIAL: "Psychosociaal",
    PHYSIOLOGICAL: "Fysiologisch",
    HEALTH_RELATED_BEHAVIORS: "Gezondheidsgedrag",
  },
  rating: { KNOWLEDGE: "Kennis", BEHAVIOR: "Gedrag", STATUS: "Status" },
  closeness: { 1: "niet zo nabij", 2: "nabij", 3: "heel nabij" },
  /** @param {string} minutes */
  minutesAWeek: (minutes) => `${minutes} min per week`,
  /** @param {string} hours */
  hoursAWeek: (hours) => `${hours} uur per week`,
  and: "en",
  /** Words the service's data keeps in English (roles, relationships), in Dutch. */
  said: {
    "general practitioner": "huisarts",
    "district nurse": "wijkverpleegkundige",
    neighbour: "buur",
    daughter: "dochter",
    friend: "vriend(in)",
    son: "zoon",
    "primary nurse": "eerstverantwoordelijk verpleegkundige",
    partner: "partner",
    "contact person": "contactpersoon",
    nurse: "verpleegkundige",
    pharmacist: "apotheker",
    physiotherapist: "fysiotherapeut",
    brother: "broer",
    "certified care worker": "verzorgende IG",
    volunteer: "vrijwilliger",
    "main carer": "hoofdmantelzorger",
    "son-in-law": "schoonzoon",
    niece: "nicht",
    granddaughter: "kleindochter",
    sister: "zus",
    "daughter-in-law": "schoondochter",
    grandson: "kleinzoon",
    "occupational therapist": "ergotherapeut",
    "social worker": "maatschappelijk werker",
    dietitian: "diëtist",
    "case manager dementia": "casemanager dementie",
  },
  explain: EXPLAIN,
};
