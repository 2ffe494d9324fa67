"""Dutch names and places for generated populations.

First names come in generations: the clients were born 1925-1960, their
children 1950-1985, nurses and professionals 1965-2000. A family shares a
naming tradition (most Dutch, some Moroccan, Turkish, Surinamese or Moluccan),
so that a client, her husband and her daughter have names that go together.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

from .draw import Weighted, pick


class Generation(StrEnum):
    ELDER = "elder"  # the clients, their partners, brothers and sisters, old friends
    MIDDLE = "middle"  # their children, neighbours, volunteers
    WORKING = "working"  # nurses and professionals


@dataclass(frozen=True, slots=True)
class Names:
    """The first names (by generation, women then men) and surnames of one tradition."""

    elder: tuple[tuple[str, ...], tuple[str, ...]]
    middle: tuple[tuple[str, ...], tuple[str, ...]]
    working: tuple[tuple[str, ...], tuple[str, ...]]
    surnames: tuple[str, ...]

    def first(self, rng: random.Random, generation: Generation, female: bool) -> str:
        if generation is Generation.ELDER:
            women, men = self.elder
        elif generation is Generation.MIDDLE:
            women, men = self.middle
        else:
            women, men = self.working
        return pick(rng, women if female else men)

    def full(
        self, rng: random.Random, generation: Generation, female: bool, surname: str | None = None
    ) -> str:
        return f"{self.first(rng, generation, female)} {surname or pick(rng, self.surnames)}"


# fmt: off
_DUTCH_ELDER = (
    ("Johanna", "Maria", "Cornelia", "Hendrika", "Wilhelmina", "Geertruida", "Anna",
     "Elisabeth", "Aaltje", "Grietje", "Adriana", "Jacoba", "Petronella", "Catharina",
     "Alida", "Gerritje", "Neeltje", "Trijntje", "Dirkje", "Truus", "Riet", "Annie", "Bep",
     "Corrie", "Gerda", "Ria", "Tiny", "Joke", "Willy", "Sientje", "Lies", "Ineke", "Wilma",
     "Dien", "Mien"),
    ("Johannes", "Hendrik", "Cornelis", "Jan", "Pieter", "Willem", "Gerrit", "Jacobus",
     "Dirk", "Klaas", "Adrianus", "Theodorus", "Antonius", "Gerardus", "Hendrikus", "Albert",
     "Arie", "Bert", "Henk", "Kees", "Wim", "Joop", "Ton", "Harm", "Evert", "Frits", "Sjaak",
     "Gijs"),
)
_DUTCH_MIDDLE = (
    ("Marieke", "Ingrid", "Monique", "Sandra", "Annemiek", "Petra", "Esther", "Karin",
     "Marjolein", "Saskia", "Mirjam", "Hanneke", "Anita", "Yvonne", "Jolanda", "Marian",
     "Wendy", "Astrid", "Ellen", "Patricia", "Anja", "Linda", "Carla", "Ilse", "Renate"),
    ("Mark", "Erik", "Peter", "Marcel", "Rob", "Jeroen", "Frank", "Richard", "Hans",
     "Martin", "Paul", "René", "Arjan", "Bas", "Michiel", "Edwin", "Ronald", "Dennis",
     "Vincent", "Sander", "Wouter", "Maarten"),
)
DUTCH = Names(
    _DUTCH_ELDER,
    _DUTCH_MIDDLE,
    (
        ("Lotte", "Fleur", "Anouk", "Sanne", "Eva", "Femke", "Iris", "Lieke", "Sophie",
         "Marloes", "Kim", "Nicole", "Manon", "Eline", "Laura", "Lisa", "Charlotte", "Noor",
         "Ilona", "Mariska", "Judith", "Inge", "Renske", "Rianne"),
        ("Daan", "Bram", "Thijs", "Ruben", "Tim", "Joost", "Niels", "Koen", "Stefan", "Jasper",
         "Roel", "Martijn", "Thomas", "Pim"),
    ),
    ("de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen",
     "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
     "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits",
     "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
     "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "van der Heijden",
     "Schouten", "van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas",
     "Verhoeven", "Koster", "van Dam", "van der Wal", "Prins", "Blom", "Huisman", "de Jonge",
     "Kuipers", "van Veen", "Post", "Kuiper", "Veenstra", "Kramer", "van den Brink",
     "Scholten", "van Wijk", "Postma", "Martens", "Vink", "de Ridder", "Jonker", "van Rijn",
     "Wolters", "Nijhuis", "Oude Luttikhuis", "ter Horst", "Groothuis", "Lammers",
     "Timmerman", "Nooitgedagt"),
)
MOROCCAN = Names(
    (("Fatima", "Aicha", "Khadija", "Zohra", "Rachida", "Malika"),
     ("Mohamed", "Ahmed", "Abdelkader", "Mustapha", "Driss", "Hassan")),
    (("Nadia", "Samira", "Naima", "Latifa", "Karima"),
     ("Rachid", "Karim", "Mustafa", "Said", "Abdel")),
    (("Yasmina", "Sara", "Imane", "Hanan", "Salma"),
     ("Youssef", "Bilal", "Soufiane", "Anouar", "Mehdi")),
    ("El Amrani", "Bouzid", "Benali", "El Idrissi", "Azzouzi", "Ouali", "Boukhari"),
)
TURKISH = Names(
    (("Hatice", "Fatma", "Ayşe", "Emine", "Zeynep", "Hanife"),
     ("Mehmet", "Mustafa", "Hasan", "Hüseyin", "Ali", "Ibrahim")),
    (("Sevda", "Gül", "Nurcan", "Sibel", "Filiz"),
     ("Murat", "Ahmet", "Erkan", "Kemal", "Hakan")),
    (("Esra", "Büşra", "Merve", "Elif", "Derya"),
     ("Emre", "Burak", "Onur", "Serkan", "Mert")),
    ("Yilmaz", "Demir", "Kaya", "Sahin", "Çelik", "Öztürk", "Arslan", "Dogan"),
)
SURINAMESE = Names(
    (("Sita", "Shanti", "Kamla", "Josephine", "Hortense", "Elfriede"),
     ("Ramdien", "Soekdeo", "Harold", "Edgar", "Lucien", "Rabin")),
    (("Anjali", "Sharda", "Gina", "Marlies", "Rita"),
     ("Radjesh", "Anand", "Clyde", "Orlando", "Ricardo")),
    (("Priya", "Chantal", "Kimberley", "Shivani", "Denise"),
     ("Ravi", "Dinesh", "Jason", "Rajiv", "Glenn")),
    ("Ramdin", "Ramlal", "Sewnath", "Biharie", "Kartosen", "Tjin-A-Lim", "Pinas", "Doelwijt"),
)
MOLUCCAN = Names(
    _DUTCH_ELDER,
    _DUTCH_MIDDLE,
    (("Natasja", "Melanie", "Priscilla", "Daisy", "Joyce"),
     ("Johnny", "Ricky", "Marvin", "Glenn", "Roy")),
    ("Pattiasina", "Latumahina", "Sahetapy", "Tuhumury", "Pattipeilohy", "Leiwakabessy"),
)
# fmt: on

TRADITIONS = Weighted((DUTCH, 86), (MOROCCAN, 3), (TURKISH, 3), (SURINAMESE, 5), (MOLUCCAN, 3))


# Neighbourhood names that many Dutch towns have, and towns with district
# nursing teams. 41 is prime and so coprime with the 30 towns: team t lives
# in NEIGHBOURHOODS[t % 41] of TOWNS[t % 30], and the first 1230 teams all get
# a different pair.
# fmt: off
NEIGHBOURHOODS = (
    "Bloemenbuurt", "Vogelwijk", "Schildersbuurt", "Componistenbuurt", "Rivierenbuurt",
    "Bomenbuurt", "Zeeheldenbuurt", "Dichterswijk", "Sterrenwijk", "Staatsliedenbuurt",
    "Indische Buurt", "Transvaalbuurt", "Oranjewijk", "Tuindorp", "Binnenstad",
    "Stationsbuurt", "Kerkbuurt", "Molenwijk", "Vruchtenbuurt", "Professorenwijk",
    "Burgemeesterswijk", "Schrijversbuurt", "Kruidenbuurt", "Edelstenenbuurt", "Planetenbuurt",
    "Oosterpark", "Westerpark", "Zuiderpark", "Parkwijk", "Havenkwartier", "Spoorbuurt",
    "Dorpskern", "Nieuwland", "Oude Dorp", "Kanaalbuurt", "Beekwijk", "Heidewijk", "Boswijk",
    "Molenbuurt", "Kloosterbuurt", "Julianawijk",
)
TOWNS = (
    "Almelo", "Enschede", "Hengelo", "Deventer", "Zwolle", "Apeldoorn", "Arnhem", "Nijmegen",
    "Amersfoort", "Utrecht", "Leiden", "Haarlem", "Delft", "Gouda", "Dordrecht", "Breda",
    "Tilburg", "Eindhoven", "Venlo", "Maastricht", "Heerlen", "Groningen", "Leeuwarden",
    "Assen", "Emmen", "Alkmaar", "Hoorn", "Zaandam", "Middelburg", "Harderwijk",
)
# fmt: on
_ROUNDS = ("", " Noord", " Zuid", " Oost", " West")


def neighbourhood_of(team_index: int) -> tuple[str, str]:
    """(neighbourhood, town) of the team with this 0-based index; distinct for
    the first 6150 teams, numbered after that."""
    hood = NEIGHBOURHOODS[team_index % len(NEIGHBOURHOODS)]
    town = TOWNS[team_index % len(TOWNS)]
    lap = team_index // (len(NEIGHBOURHOODS) * len(TOWNS))
    suffix = _ROUNDS[lap] if lap < len(_ROUNDS) else f" {lap + 1}"
    return hood + suffix, town
