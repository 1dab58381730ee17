"""Frame-stack room for WeasyPrint's recursion (evalkit.renderers._stack)."""

from __future__ import annotations

import sys

import pytest

from evalkit.renderers import _stack
from evalkit.renderers._stack import STACK_ROOM_SLOTS, with_stack_room

resource = pytest.importorskip("resource")


def test_the_decorated_function_is_called_as_it_was() -> None:
    @with_stack_room
    def join(a: str, b: str = "", *rest: str, sep: str = "-") -> str:
        """Joined."""
        return sep.join((a, b, *rest))

    assert join("가", "나", "다", sep="·") == "가·나·다"
    assert join("가") == "가-"
    assert join.__name__ == "join" and join.__doc__ == "Joined."

    @with_stack_room
    def fail() -> None:
        raise ValueError("나쁜 입력")

    with pytest.raises(ValueError, match="나쁜 입력"):
        fail()


@pytest.mark.skipif(sys.implementation.name != "cpython", reason="CPython's frame stack")
def test_the_calling_frame_reserves_the_room() -> None:
    assert _stack._call_with_room.__code__.co_stacksize >= STACK_ROOM_SLOTS


def down(n: int) -> int:
    return 0 if n == 0 else down(n - 1)


def bounce(max_depth: int, times: int) -> None:
    """Calls that go down and back up through every depth up to ``max_depth``: on CPython
    3.11 they cross a 16 KiB chunk boundary of the frame stack every few hundred frames."""
    for depth in range(max_depth):
        for _ in range(times):
            down(depth)


def minor_faults(work: object) -> int:
    before = int(resource.getrusage(resource.RUSAGE_SELF).ru_minflt)
    work()  # type: ignore[operator]
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_minflt) - before


def test_deep_busy_calls_stay_in_one_chunk() -> None:
    """Without room, each crossing of a chunk boundary maps, faults in and unmaps a chunk
    (where the interpreter does not cache one); with room, none does."""
    bounce(600, 1)  # warm: code objects, specialisation
    roomy = minor_faults(lambda: with_stack_room(bounce)(600, 20))
    plain = minor_faults(lambda: bounce(600, 20))
    assert roomy < 200, (roomy, plain)
    if sys.version_info < (3, 13) and sys.implementation.name == "cpython":
        assert plain > 20 * roomy + 2000, (roomy, plain)  # thousands of calls cross one


def test_only_interpreters_that_need_room_get_it() -> None:
    def plain() -> int:
        return 1

    wrapped = with_stack_room(plain)
    if _stack.NEEDED:
        assert wrapped is not plain and wrapped() == 1
    else:
        assert wrapped is plain
    assert (sys.implementation.name == "cpython" and sys.version_info < (3, 13)) == _stack.NEEDED
