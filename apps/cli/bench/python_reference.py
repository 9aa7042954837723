#!/usr/bin/env python3
"""The Python pipeline segmetrics is compared with: PIL decode + numpy bincount, in one process.

For every ground-truth PNG under --gt (recursively) and the prediction with the same relative path
under --pred, it accumulates a confusion matrix exactly as mmsegmentation's `intersect_and_union`
does: ground-truth pixels equal to --ignore-index are dropped; a prediction outside [0, C) (e.g. 255)
counts for the ground-truth class's area but for no predicted class (a miss). It prints one JSON line:
{"mIoU": nanmean of per-class IoU (0/0 = NaN, excluded), "images": n, "pixels": counted}.

Usage: /usr/bin/python3 python_reference.py --gt DIR --pred DIR --num-classes 19 [--ignore-index 255]
Needs Debian's python3-pil and python3-numpy (bench/run.mjs installs them when missing).
"""
import argparse
import json
import os
import sys

import numpy as np
from PIL import Image


def label_files(root):
    found = []
    for directory, _, names in os.walk(root):
        for name in names:
            if name.lower().endswith(".png"):
                found.append(os.path.relpath(os.path.join(directory, name), root))
    return sorted(found)


def load(path):
    with Image.open(path) as image:
        if image.mode not in ("L", "P"):
            sys.exit(f"{path}: expected an 8-bit gray or palette PNG, got mode {image.mode}")
        return np.asarray(image)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gt", required=True)
    parser.add_argument("--pred", required=True)
    parser.add_argument("--num-classes", type=int, required=True)
    parser.add_argument("--ignore-index", type=int, default=255)
    args = parser.parse_args()
    n = args.num_classes

    # Rows: ground truth; columns: prediction, column n = "predicted outside [0, n)".
    hist = np.zeros(n * (n + 1), dtype=np.int64)
    files = label_files(args.gt)
    if not files:
        sys.exit(f"no PNG files under {args.gt}")
    for relative in files:
        gt = load(os.path.join(args.gt, relative))
        pred = load(os.path.join(args.pred, relative))
        if gt.shape != pred.shape:
            sys.exit(f"{relative}: size mismatch {gt.shape} vs {pred.shape}")
        mask = gt != args.ignore_index
        g = gt[mask]
        p = np.minimum(pred[mask], n)
        if g.size and g.max() >= n:
            sys.exit(f"{relative}: ground-truth label {int(g.max())} outside [0, {n})")
        hist += np.bincount(g.astype(np.intp) * (n + 1) + p, minlength=n * (n + 1))

    hist = hist.reshape(n, n + 1)
    intersect = np.diag(hist[:, :n]).astype(np.float64)
    area_label = hist.sum(axis=1)
    area_pred = hist[:, :n].sum(axis=0)
    union = (area_label + area_pred).astype(np.float64) - intersect
    with np.errstate(divide="ignore", invalid="ignore"):
        iou = intersect / union
    miou = float(np.nanmean(iou))
    print(json.dumps({"mIoU": miou, "images": len(files), "pixels": int(area_label.sum())}))


if __name__ == "__main__":
    main()
