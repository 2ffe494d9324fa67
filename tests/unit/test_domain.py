"""The domain refuses invalid values with a clear error naming the field."""

from __future__ import annotations

import pytest

from graphsvc.domain import (
    Client,
    KnowsTie,
    Membership,
    Need,
    Observation,
    OmahaDomain,
    Onion,
    Person,
    Ring,
    SupportTie,
    ValidationError,
    catalogue,
    omaha_problem,
)
from graphsvc.domain.values import check_text


def test_omaha_catalogue_is_complete() -> None:
    problems = catalogue()
    assert sorted(problems) == [f"{n:02d}" for n in range(1, 43)]
    per_domain = {d: sum(p.domain is d for p in problems.values()) for d in OmahaDomain}
    assert per_domain == {
        OmahaDomain.ENVIRONMENTAL: 4,
        OmahaDomain.PSYCHOSOCIAL: 12,
        OmahaDomain.PHYSIOLOGICAL: 18,
        OmahaDomain.HEALTH_RELATED_BEHAVIORS: 8,
    }
    assert problems["06"].display == "Social contact"
    assert problems["38"].display == "Personal care"
    assert problems["42"].display == "Medication regimen"
    assert omaha_problem(6) == omaha_problem("6") == problems["06"]


@pytest.mark.parametrize("code", ["00", "43", "99", "abc", "", None, 0, 43, True, 6.0])
def test_unknown_omaha_code(code: object) -> None:
    with pytest.raises(ValidationError) as err:
        Need("need-1", "client-1", code)  # type: ignore[arg-type]
    assert err.value.field == "need.code"


def test_unknown_ring() -> None:
    with pytest.raises(ValidationError, match=r"person\.ring: 'family' is not one of"):
        Person("p-1", "Els", "family")  # type: ignore[arg-type]
    assert Person("p-1", "Els", "informal").ring is Ring.INFORMAL


@pytest.mark.parametrize("hours", [-0.5, -1, 169, float("nan"), "3", None, True])
def test_hours_out_of_range(hours: object) -> None:
    with pytest.raises(ValidationError) as err:
        SupportTie("p-1", "need-1", hours_per_week=hours)  # type: ignore[arg-type]
    assert err.value.field == "support.hoursPerWeek"


@pytest.mark.parametrize("value", [0, 6, -1, 3.5, "3", True])
def test_rating_out_of_range(value: object) -> None:
    with pytest.raises(ValidationError) as err:
        Observation("o-1", "c-1", None, "knowledge", value, "2026-01-01")  # type: ignore[arg-type]
    assert err.value.field == "observation.value"


@pytest.mark.parametrize("value", [1, 5])
def test_rating_bounds_are_valid(value: int) -> None:
    assert Observation("o-1", "c-1", None, "status", value, "2026-01-01").value == value


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: Client("", "Anna"), "client.id"),
        (lambda: Client("a b", "Anna"), "client.id"),
        (lambda: Client("x" * 65, "Anna"), "client.id"),
        (lambda: Client("c-1", "   "), "client.name"),
        (lambda: Client("c-1", "Anna\x00"), "client.name"),
        (lambda: Client("c-1", "A" * 501), "client.name"),
        (lambda: Client("c-1", "Anna", birth_date="02-04-1938"), "client.birthDate"),
        (lambda: Membership("p", "c", "informal", closeness=4), "membership.closeness"),
        (
            lambda: Membership("p", "c", "informal", contact_frequency="hourly"),
            "membership.contactFrequency",
        ),
        (lambda: SupportTie("p", "n", kind="magic"), "support.kind"),
        (lambda: KnowsTie("p", "p"), "knows.personB"),
        (lambda: Observation("o", "c", None, "mood", 3, "2026-01-01"), "observation.dimension"),
        (lambda: Observation("o", "c", None, "status", 3, None), "observation.effective"),
    ],
)
def test_field_named_in_error(make: object, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        make()  # type: ignore[operator]
    assert err.value.field == field


def test_hostile_text_is_kept_as_text() -> None:
    name = "<script>alert('x')</script> Ünïcödé 😀"
    assert Client("c-1", name).name == name


def test_knows_is_mutual() -> None:
    assert KnowsTie("b", "a", 2) == KnowsTie("a", "b", 2)


def test_onion_consistency() -> None:
    client = Client("c-1", "Anna")
    need = Need("n-1", "c-1", "35")
    els = Person("p-1", "Els", "informal")
    onion = Onion(client, "t", members=(), needs=(need,), supports=(SupportTie("p-1", "n-1"),))
    with pytest.raises(ValidationError, match="supporterId"):
        onion.check_consistent()
    from graphsvc.domain import Member

    ok = Onion(
        client,
        "t",
        members=(Member(els, Membership("p-1", "c-1", "informal")),),
        needs=(need,),
        supports=(SupportTie("p-1", "n-1"),),
    )
    ok.check_consistent()
    assert next(iter(ok.ring(Ring.INFORMAL))).person == els


@pytest.mark.parametrize("need_id", ["p-1", "c-1"])
def test_no_need_has_the_id_of_someone_in_the_onion(need_id: str) -> None:
    """Gaps and the page name people and needs by id alone."""
    from graphsvc.domain import Member

    els = Member(Person("p-1", "Els", "informal"), Membership("p-1", "c-1", "informal"))
    onion = Onion(Client("c-1", "Anna"), "t", members=(els,), needs=(Need(need_id, "c-1", "35"),))
    with pytest.raises(ValidationError, match="is the id of someone in this onion") as err:
        onion.check_consistent()
    assert err.value.field == "needs[0].id"


def test_odd_spaces_in_typed_text_become_plain_ones() -> None:
    """A no-break space pasted from a letter would make invalid FHIR strings."""
    gp = Person("gp", "Dr.\u00a0Bakker\u2028", "formal", "huisarts\u3000Oost")
    assert (gp.name, gp.role) == ("Dr. Bakker", "huisarts Oost")


@pytest.mark.parametrize("name", ["\u200b", " \u200b\u2060 ", "\u00ad", "\u200d\u200c"])
def test_a_name_of_only_invisible_characters_is_blank(name: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_text("name", name)
    assert refused.value.code == "blank"


def test_invisible_characters_inside_a_name_are_kept() -> None:
    assert check_text("name", "Jan\u200bPiet") == "Jan\u200bPiet"
