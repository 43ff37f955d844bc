"""What the benchmarks' reference scripts share: raw little-endian inputs and a timer."""

import sys
import time

import numpy as np


def read(path, dtype, count, what):
    """The `count` values of a raw file (e.g. dtype "<f8"); exits naming the argument when the size is off."""
    values = np.fromfile(path, dtype=dtype)
    if values.size != count:
        sys.exit(f"{what} ({path}) holds {values.size} values, expected {count}")
    return values


def timed(action):
    """(seconds, value) of one call."""
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value
