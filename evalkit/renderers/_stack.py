"""Room on the interpreter's frame stack for WeasyPrint's deep, busy recursion.

CPython 3.11 keeps the frames of Python calls in chunks of 16 KiB. A call that does not fit
in the current chunk maps a new one; the return that empties it unmaps it again. WeasyPrint
lays out every table cell and line of text through a deep chain of calls. When a chunk
boundary falls inside that chain, each of those calls maps a chunk, faults in its pages and
unmaps it: some 37,000 times for the 83-task report, about a tenth of its render time.
Where the boundaries fall depends on how deep the caller already is, so unrelated changes
made the same render 5-20% slower or faster. CPython later caches one chunk per thread
(python/cpython#142183, in 3.13 and 3.14 updates); 3.11 and 3.12 do not.

:func:`with_stack_room` runs a function inside a frame that reserves a large chunk, so the
calls below it stay in that chunk. It changes nothing else, and where code objects cannot
be rebuilt that way (not CPython) it is a plain call.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from types import FunctionType
from typing import Any, ParamSpec, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")

# Frame slots (8 bytes each) reserved: 1 MiB, far deeper than a report's layout goes. The
# chunk is mapped, not touched, so pages below the frames actually used cost nothing.
STACK_ROOM_SLOTS = 1 << 17
# Only CPython before 3.13 maps and unmaps a chunk per call at a boundary; later interpreters
# cache one chunk per thread, and others have no such chunks.
NEEDED = sys.implementation.name == "cpython" and sys.version_info < (3, 13)


def _call(fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    return fn(*args, **kwargs)


def _roomy(call: FunctionType, slots: int) -> Callable[..., Any]:
    """``call`` with a value stack ``slots`` larger: its frame needs more than a chunk, so
    CPython maps a chunk of twice that size and the frames it calls fill the rest."""
    try:
        code = call.__code__.replace(co_stacksize=call.__code__.co_stacksize + slots)
    except (AttributeError, TypeError, ValueError):  # not CPython's code objects
        return call
    return FunctionType(code, call.__globals__, call.__name__)


_call_with_room = _roomy(cast(FunctionType, _call), STACK_ROOM_SLOTS)


def with_stack_room(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorate ``fn`` to run with :data:`STACK_ROOM_SLOTS` of frame stack to itself, on the
    interpreters that need it (:data:`NEEDED`); elsewhere ``fn`` is returned as it is."""
    if not NEEDED:
        return fn

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        return cast(R, _call_with_room(fn, args, kwargs))

    return wrapper
