"""numpy reference for `pnpm bench` in @segmetrics/core.

Reads the label maps that bench/run.mjs wrote (raw little-endian .bin files plus manifest.json) and times,
on exactly the same arrays, the confusion-matrix line Python users run today:

    m = gt != ignore
    np.bincount(C * gt[m] + pred[m], minlength=C * C)

twice: "as written" (on the stored uint8/uint16 arrays: numpy keeps the small dtype, so C * gt wraps
around and the bins are wrong, but it is what the line computes) and "int64" (indices cast to int64
first: correct bins). Prints one JSON object: per case, median seconds and Mpx/s of both variants.
Run with Debian's python3: /usr/bin/python3 numpy_reference.py <dir> [repetitions]
"""

import json
import sys
import time

import numpy as np


def median_seconds(fn, reps):
    for _ in range(3):
        fn()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2]


def main():
    directory = sys.argv[1]
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    with open(f"{directory}/manifest.json") as f:
        manifest = json.load(f)
    out = {"numpy": np.__version__, "cases": {}}
    for case in manifest["cases"]:
        dtype = np.dtype(case["dtype"]).newbyteorder("<")
        gt = np.fromfile(f"{directory}/{case['gt']}", dtype=dtype)
        pred = np.fromfile(f"{directory}/{case['pred']}", dtype=dtype)
        c = case["numClasses"]
        ignore = case["ignore"]

        def as_written():
            m = gt != ignore
            return np.bincount(c * gt[m] + pred[m], minlength=c * c)

        def int64():
            m = gt != ignore
            return np.bincount(c * gt[m].astype(np.int64) + pred[m], minlength=c * c)

        n = gt.size
        s_written = median_seconds(as_written, reps)
        s_int64 = median_seconds(int64, reps)
        out["cases"][case["name"]] = {
            "asWritten": {"seconds": s_written, "mpxPerS": n / s_written / 1e6},
            "int64": {"seconds": s_int64, "mpxPerS": n / s_int64 / 1e6},
            "countedPixels": int(int64().sum()),
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
