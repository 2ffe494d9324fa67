"""How often, from a schedule written as text (``CarePlan.activity.detail.
scheduledString``), in Dutch or English: "1 keer per week", "2x per week",
"3 keer per dag", "dagelijks", "om de dag", "wekelijks", "maandelijks",
"elke 2 weken", "twice a week", "daily", "every other day", "once a month".

Only a rate is read; anything else in the text ("'s ochtends", "bij
boodschappen") is left as text. What holds no recognisable rate gives None:
the count is unknown, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

DAYS_IN = {
    "day": Fraction(1),
    "week": Fraction(7),
    "month": Fraction(1461, 48),  # 365.25 / 12
    "year": Fraction(1461, 4),
}
_UNITS = {
    "dag": "day",
    "dagen": "day",
    "daags": "day",
    "day": "day",
    "days": "day",
    "d": "day",
    "week": "week",
    "weken": "week",
    "weeks": "week",
    "wk": "week",
    "maand": "month",
    "maanden": "month",
    "month": "month",
    "months": "month",
    "mnd": "month",
    "jaar": "year",
    "jaren": "year",
    "year": "year",
    "years": "year",
}
_NUMBERS = {
    "een": 1,
    "one": 1,
    "a": 1,
    "an": 1,
    "twee": 2,
    "two": 2,
    "drie": 3,
    "three": 3,
    "vier": 4,
    "four": 4,
    "vijf": 5,
    "five": 5,
    "zes": 6,
    "six": 6,
    "zeven": 7,
    "seven": 7,
    "acht": 8,
    "eight": 8,
    "negen": 9,
    "nine": 9,
    "tien": 10,
    "ten": 10,
}
_ADVERBS = {"once": 1, "twice": 2, "thrice": 3, "eenmaal": 1, "tweemaal": 2, "driemaal": 3}
# Words that say "every one of these units" on their own.
_EVERY_UNIT = {
    "dagelijks": "day",
    "daily": "day",
    "wekelijks": "week",
    "weekly": "week",
    "maandelijks": "month",
    "monthly": "month",
    "jaarlijks": "year",
    "yearly": "year",
    "annually": "year",
}
_EVERY_OTHER_UNIT = {"tweewekelijks": "week", "fortnightly": "week", "tweedaags": "day"}

_NUMBER = r"(\d+(?:[.,]\d+)?|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + ")"
_UNIT = r"(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")\b"
_TIMES = r"(?:x|keer|maal|times?)"
_PER = r"(?:per|in\s+de|in\s+het|a|an|each|every|elke|iedere|/|p\.?)"
# "2 keer per week", "2x/week", "3 keer per 2 weken", "twice a week", "2 per day"
_RATE = re.compile(
    rf"(?:{_NUMBER}\s*{_TIMES}|({'|'.join(_ADVERBS)}))\s*{_PER}?\s*(?:{_NUMBER}\s*)?{_UNIT}"
    rf"|{_NUMBER}\s*{_PER}\s*(?:{_NUMBER}\s*)?{_UNIT}"
)
# "elke 2 weken", "om de 3 dagen", "every 2 weeks", "every other day", "om de dag"
_EVERY = re.compile(
    rf"(?:elke|iedere|ieder|every|(om)\s+de)\s+(?:(other|andere)\s+|{_NUMBER}\s+)?{_UNIT}"
)
_DAILY_DOSE = re.compile(rf"\b{_NUMBER}\s*(?:dd|d\.d\.)\b")  # "3 dd": three times a day
_WORKDAYS = re.compile(r"\b(?:werkdagen|doordeweeks|weekdays|on weekdays)\b")
_WORD = re.compile(r"[a-z]+")


def times_per_week(text: str) -> Fraction | None:
    """Occurrences a week the text says, or None when it names no rate."""
    plain = _plain(text)
    if (found := _RATE.search(plain)) is not None:
        count, adverb, every, unit, count_alone, every_alone, unit_alone = found.groups()
        if unit is not None:
            times = _number(count) if count is not None else Fraction(_ADVERBS[adverb])
            return _per_week(times, every, unit)
        return _per_week(_number(count_alone), every_alone, unit_alone)
    if (found := _EVERY.search(plain)) is not None:
        skipping, other, count, unit = found.groups()
        # "om de dag" is every other day; "om de 3 dagen" every third
        interval = _number(count) if count else Fraction(2 if other or skipping else 1)
        return _per_week(Fraction(1), None, unit, interval)
    if (found := _DAILY_DOSE.search(plain)) is not None:
        return _number(found.group(1)) * 7
    if _WORKDAYS.search(plain):
        return Fraction(5)
    for word in _WORD.findall(plain):
        if word in _EVERY_UNIT:
            return _per_week(Fraction(1), None, _EVERY_UNIT[word])
        if word in _EVERY_OTHER_UNIT:
            return _per_week(Fraction(1), None, _EVERY_OTHER_UNIT[word], Fraction(2))
    return None


def describe(per_week: Fraction | float) -> str:
    """A rate in the words of a Dutch care plan: "dagelijks", "2 keer per week"."""
    rate = Fraction(per_week).limit_denominator(1000)
    if rate == 7:
        return "dagelijks"
    if rate > 7 and (rate / 7).denominator == 1:
        return f"{rate / 7} keer per dag"
    if rate == Fraction(7, 2):
        return "om de dag"
    if rate == 1:
        return "wekelijks"
    if rate.denominator == 1:
        return f"{rate} keer per week"
    monthly = rate * DAYS_IN["month"] / 7
    if monthly == 1:
        return "maandelijks"
    if (1 / rate).denominator == 1:
        return f"om de {1 / rate} weken"
    if monthly.denominator == 1:
        return f"{monthly} keer per maand"
    return f"{float(rate):.2f} keer per week".replace(".", ",")


def _per_week(
    times: Fraction, every: str | None, unit: str, interval: Fraction = Fraction(1)
) -> Fraction | None:
    if every is not None:
        interval = _number(every)
    if interval <= 0:
        return None
    return times * 7 / (interval * DAYS_IN[_UNITS.get(unit, unit)])


def _number(word: str) -> Fraction:
    if word in _NUMBERS:
        return Fraction(_NUMBERS[word])
    return Fraction(word.replace(",", "."))


def _plain(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in folded if not unicodedata.combining(c))
    spaced = re.sub(r"\s+", " ", stripped).strip()
    return re.sub(r"\bp/([dwm])\b", lambda m: "per " + _SHORT[m.group(1)], spaced)


_SHORT = {"d": "dag", "w": "week", "m": "maand"}
