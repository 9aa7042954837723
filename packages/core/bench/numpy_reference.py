"""numpy reference for `pnpm bench` in @segmetrics/core.

Loads the label maps that bench/run.mjs wrote (raw little-endian .bin files plus manifest.json) and, on
request, times on exactly the same arrays the confusion-matrix line Python users run today:

    m = gt != ignore
    np.bincount(C * gt[m] + pred[m], minlength=C * C)

in two variants: "as written" (on the stored uint8/uint16 arrays: numpy keeps the small dtype, so C * gt
wraps around and the bins are wrong, but it is what the line computes) and "int64" (indices cast to int64
first: correct bins).

Protocol (so that run.mjs can interleave numpy and JavaScript rounds on a shared machine): after loading,
prints one JSON line {"ready": ..., "numpy": version, "countedPixels": {...}}; then, for every stdin line
"<case name>\\t<repetitions>", prints one JSON line {"asWritten": [seconds...], "int64": [seconds...]}.
Run with Debian's python3: /usr/bin/python3 numpy_reference.py <dir>
"""

import json
import sys
import time

import numpy as np


def timings(fn, reps):
    fn()
    out = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main():
    directory = sys.argv[1]
    with open(f"{directory}/manifest.json") as f:
        manifest = json.load(f)
    variants = {}
    counted = {}
    for case in manifest["cases"]:
        dtype = np.dtype(case["dtype"]).newbyteorder("<")
        gt = np.fromfile(f"{directory}/{case['gt']}", dtype=dtype)
        pred = np.fromfile(f"{directory}/{case['pred']}", dtype=dtype)
        c = case["numClasses"]
        ignore = case["ignore"]

        def as_written(gt=gt, pred=pred, c=c, ignore=ignore):
            m = gt != ignore
            return np.bincount(c * gt[m] + pred[m], minlength=c * c)

        def int64(gt=gt, pred=pred, c=c, ignore=ignore):
            m = gt != ignore
            return np.bincount(c * gt[m].astype(np.int64) + pred[m], minlength=c * c)

        variants[case["name"]] = (as_written, int64)
        counted[case["name"]] = int(int64().sum())
    print(json.dumps({"ready": True, "numpy": np.__version__, "countedPixels": counted}), flush=True)
    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line:
            continue
        name, reps = line.split("\t")
        as_written, int64 = variants[name]
        result = {"asWritten": timings(as_written, int(reps)), "int64": timings(int64, int(reps))}
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
