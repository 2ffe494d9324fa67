"""Changes of one network from one process take turns; other networks do not wait."""

from __future__ import annotations

import asyncio

from graphsvc.services.turns import Turns


async def test_one_key_takes_turns_and_others_do_not_wait() -> None:
    turns = Turns()
    inside: list[str] = []
    most = 0

    async def change(key: str, name: str) -> None:
        nonlocal most
        async with turns.of(key):
            inside.append(name)
            most = max(most, sum(1 for n in inside if n.startswith(key)))
            await asyncio.sleep(0.01)
            inside.remove(name)

    await asyncio.gather(*(change("a", f"a{k}") for k in range(5)), change("b", "b0"))
    assert most == 1  # never two changes of "a" at once

    started = asyncio.Event()
    release = asyncio.Event()

    async def hold() -> None:
        async with turns.of("a"):
            started.set()
            await release.wait()

    holder = asyncio.create_task(hold())
    await started.wait()
    async with turns.of("b"):  # another network goes ahead while "a" is held
        pass
    release.set()
    await holder


async def test_a_key_is_forgotten_when_nobody_holds_or_waits() -> None:
    turns = Turns()
    async with turns.of("a"):
        pass
    try:
        async with turns.of("b"):
            raise RuntimeError("the change failed")
    except RuntimeError:
        pass
    assert turns._locks == {} and turns._waiting == {}
