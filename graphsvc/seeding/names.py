"""Dutch names and places for generated populations.

First names come in generations: the clients were born 1925-1960, their
children 1950-1985, the nurses and professionals 1965-2000. Names of people
born in the Netherlands to Moroccan, Turkish, Surinamese and Indonesian
families are part of every list, as they are part of every neighbourhood.
"""

from __future__ import annotations

from enum import Enum


class Generation(str, Enum):
    ELDER = "elder"  # the clients, their partners, brothers and sisters, old friends
    MIDDLE = "middle"  # their children, neighbours, volunteers
    WORKING = "working"  # nurses and professionals


ELDER_WOMEN = (
    "Johanna", "Maria", "Cornelia", "Hendrika", "Wilhelmina", "Geertruida", "Anna",
    "Elisabeth", "Aaltje", "Grietje", "Adriana", "Jacoba", "Petronella", "Catharina",
    "Alida", "Gerritje", "Neeltje", "Trijntje", "Dirkje", "Truus", "Riet", "Annie", "Bep",
    "Corrie", "Gerda", "Ria", "Tiny", "Joke", "Willy", "Fatima", "Aicha", "Hatice",
    "Sientje", "Lies", "Ineke", "Wilma", "Dien", "Mien",
)
ELDER_MEN = (
    "Johannes", "Hendrik", "Cornelis", "Jan", "Pieter", "Willem", "Gerrit", "Jacobus",
    "Dirk", "Klaas", "Adrianus", "Theodorus", "Antonius", "Gerardus", "Hendrikus",
    "Albert", "Arie", "Bert", "Henk", "Kees", "Wim", "Joop", "Ton", "Harm", "Evert",
    "Mohamed", "Ahmed", "Mustafa", "Ramdien", "Frits", "Sjaak", "Gijs",
)
MIDDLE_WOMEN = (
    "Marieke", "Ingrid", "Monique", "Sandra", "Annemiek", "Petra", "Esther", "Karin",
    "Marjolein", "Saskia", "Mirjam", "Hanneke", "Anita", "Yvonne", "Jolanda", "Marian",
    "Wendy", "Astrid", "Ellen", "Patricia", "Nadia", "Samira", "Sevda", "Anja", "Linda",
    "Carla", "Ilse", "Renate",
)
MIDDLE_MEN = (
    "Mark", "Erik", "Peter", "Marcel", "Rob", "Jeroen", "Frank", "Richard", "Hans",
    "Martin", "Paul", "René", "Arjan", "Bas", "Michiel", "Edwin", "Ronald", "Dennis",
    "Vincent", "Rachid", "Hasan", "Sander", "Wouter", "Maarten",
)
WORKING_WOMEN = (
    "Lotte", "Fleur", "Anouk", "Sanne", "Eva", "Femke", "Iris", "Lieke", "Sophie",
    "Marloes", "Kim", "Nicole", "Manon", "Eline", "Laura", "Lisa", "Charlotte", "Noor",
    "Yasmina", "Shanti", "Esra", "Ilona", "Mariska", "Judith", "Inge", "Renske", "Rianne",
)
WORKING_MEN = (
    "Daan", "Bram", "Thijs", "Ruben", "Tim", "Joost", "Niels", "Koen", "Stefan", "Jasper",
    "Youssef", "Emre", "Roel", "Martijn", "Thomas", "Pim",
)
SURNAMES = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen",
    "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
    "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits",
    "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
    "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "van der Heijden",
    "Schouten", "van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas",
    "Verhoeven", "Koster", "van Dam", "van der Wal", "Prins", "Blom", "Huisman",
    "de Jonge", "Kuipers", "van Veen", "Post", "Kuiper", "Veenstra", "Kramer",
    "van den Brink", "Scholten", "van Wijk", "Postma", "Martens", "Vink", "de Ridder",
    "Jonker", "van Rijn", "Wolters", "Nijhuis", "Oude Luttikhuis", "Ter Horst", "Groothuis",
    "Lammers", "Timmerman", "El Amrani", "Bouzid", "Yilmaz", "Demir", "Ramdin",
    "Kartosen", "Tjin-A-Lim", "Pattiasina", "Sitompul", "Nooitgedagt",
)

_FIRST_NAMES = {
    (Generation.ELDER, True): ELDER_WOMEN,
    (Generation.ELDER, False): ELDER_MEN,
    (Generation.MIDDLE, True): MIDDLE_WOMEN,
    (Generation.MIDDLE, False): MIDDLE_MEN,
    (Generation.WORKING, True): WORKING_WOMEN,
    (Generation.WORKING, False): WORKING_MEN,
}


def first_names(generation: Generation, female: bool) -> tuple[str, ...]:
    return _FIRST_NAMES[generation, female]


# Neighbourhood names that many Dutch towns have, and towns with district
# nursing teams. 41 is prime and so coprime with the 30 towns: team t lives
# in NEIGHBOURHOODS[t % 41] of TOWNS[t % 30], and the first 1230 teams all get
# a different pair.
NEIGHBOURHOODS = (
    "Bloemenbuurt", "Vogelwijk", "Schildersbuurt", "Componistenbuurt", "Rivierenbuurt",
    "Bomenbuurt", "Zeeheldenbuurt", "Dichterswijk", "Sterrenwijk", "Staatsliedenbuurt",
    "Indische Buurt", "Transvaalbuurt", "Oranjewijk", "Tuindorp", "Binnenstad",
    "Stationsbuurt", "Kerkbuurt", "Molenwijk", "Vruchtenbuurt", "Professorenwijk",
    "Burgemeesterswijk", "Schrijversbuurt", "Kruidenbuurt", "Edelstenenbuurt",
    "Planetenbuurt", "Oosterpark", "Westerpark", "Zuiderpark", "Parkwijk", "Havenkwartier",
    "Spoorbuurt", "Dorpskern", "Nieuwland", "Oude Dorp", "Kanaalbuurt", "Beekwijk",
    "Heidewijk", "Boswijk", "Molenbuurt", "Kloosterbuurt", "Julianawijk",
)
TOWNS = (
    "Almelo", "Enschede", "Hengelo", "Deventer", "Zwolle", "Apeldoorn", "Arnhem",
    "Nijmegen", "Amersfoort", "Utrecht", "Leiden", "Haarlem", "Delft", "Gouda",
    "Dordrecht", "Breda", "Tilburg", "Eindhoven", "Venlo", "Maastricht", "Heerlen",
    "Groningen", "Leeuwarden", "Assen", "Emmen", "Alkmaar", "Hoorn", "Zaandam",
    "Middelburg", "Harderwijk",
)
_ROUNDS = ("", " Noord", " Zuid", " Oost", " West")


def neighbourhood_of(team_index: int) -> tuple[str, str]:
    """(neighbourhood, town) of the team with this 0-based index; distinct for
    the first 6150 teams, numbered after that."""
    hood = NEIGHBOURHOODS[team_index % len(NEIGHBOURHOODS)]
    town = TOWNS[team_index % len(TOWNS)]
    lap = team_index // (len(NEIGHBOURHOODS) * len(TOWNS))
    suffix = _ROUNDS[lap] if lap < len(_ROUNDS) else f" {lap + 1}"
    return hood + suffix, town
