/**
 * One synthetic image in the Cityscapes format: `*_gtFine_labelIds.png` content (labelIds 0 … 33),
 * `*_gtFine_instanceIds.png` content (16-bit: `labelId * 1000 + k` for instances, the plain labelId
 * elsewhere, group regions included) and a prediction saved as labelIds.
 */
export interface CityscapesScene {
  readonly width: number;
  readonly height: number;
  readonly labelIds: Uint8Array;
  readonly instanceIds: Uint16Array;
  readonly prediction: Uint8Array;
}

/** Options of {@link cityscapesScene}. */
export interface CityscapesSceneOptions {
  readonly width?: number;
  readonly height?: number;
  /** LabelIds left out of both the ground truth and the prediction (a class absent from both). */
  readonly absent?: readonly number[];
  /** LabelIds left out of the ground truth but painted in the prediction (a class predicted but absent). */
  readonly predictedOnly?: readonly number[];
}

const INSTANCE_LABELS = [24, 24, 24, 25, 26, 26, 26, 27, 28, 29, 30, 31, 32, 33, 33];
const STUFF_LABELS = [0, 4, 5, 6, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22];
/** Confusions a model makes: same category, another category, ignored labelIds. */
const CONFUSIONS: Readonly<Record<number, readonly number[]>> = {
  24: [25, 8, 11, 0, 21],
  25: [24, 33, 32, 7],
  26: [27, 28, 29, 30, 7, 11],
  27: [26, 28, 30, 11],
  28: [27, 31, 26, 11],
  29: [26, 27, 30],
  30: [26, 29, 7],
  31: [28, 27, 11],
  32: [33, 25, 24],
  33: [32, 25, 7, 8],
};

/** A seeded pseudo-random generator (mulberry32): the same scenes on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A deterministic synthetic Cityscapes scene for seed `seed`: sky, buildings, vegetation, road and
 * sidewalk, void borders (ego vehicle, rectification border, out of roi), stuff of ignored labels
 * (parking, guard rail, polegroup, ...), 6–14 objects of the instance classes (caravan and trailer
 * included) as instances or group regions, overlapping each other. The prediction copies the ground
 * truth and then shifts objects, confuses them inside and across categories and with ignored labelIds
 * (caravan, trailer, unlabeled), and paints random blocks of any labelId.
 */
export function cityscapesScene(seed: number, options: CityscapesSceneOptions = {}): CityscapesScene {
  const width = options.width ?? 256;
  const height = options.height ?? 128;
  const absent = new Set(options.absent ?? []);
  const predictedOnly = new Set(options.predictedOnly ?? []);
  const rand = random(seed);
  /** Object sizes are drawn for a 256-pixel-wide image and scaled to this one. */
  const scale = width / 256;
  const sized = (min: number, max: number) => Math.max(1, Math.round(int(min, max) * scale));
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const n = width * height;
  const labelIds = new Uint8Array(n);
  const instanceIds = new Uint16Array(n);
  const inGt = (label: number) => !absent.has(label) && !predictedOnly.has(label);

  const paint = (
    map: Uint8Array | Uint16Array,
    value: number,
    x0: number,
    y0: number,
    w: number,
    h: number,
    ellipse: boolean,
  ) => {
    const cx = x0 + w / 2;
    const cy = y0 + h / 2;
    for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
      for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
        if (ellipse && ((x + 0.5 - cx) / (w / 2)) ** 2 + ((y + 0.5 - cy) / (h / 2)) ** 2 > 1) continue;
        map[y * width + x] = value;
      }
    }
  };
  const both = (value: number, x0: number, y0: number, w: number, h: number, ellipse = false) => {
    paint(labelIds, value, x0, y0, w, h, ellipse);
    paint(instanceIds, value, x0, y0, w, h, ellipse);
  };

  // Background: sky, buildings with vegetation, road with sidewalks.
  const horizon = Math.floor(height * (0.3 + 0.1 * rand()));
  const ground = Math.floor(height * (0.55 + 0.1 * rand()));
  both(inGt(23) ? 23 : 0, 0, 0, width, horizon);
  both(inGt(11) ? 11 : 0, 0, horizon, width, ground - horizon);
  both(inGt(7) ? 7 : 0, 0, ground, width, height - ground);
  for (let i = int(1, 3); i > 0; i--) {
    if (inGt(21)) both(21, int(0, width), int(horizon - 5, ground - 5), sized(10, 60), sized(5, 30), true);
  }
  if (inGt(8)) {
    both(8, 0, ground, int(10, Math.floor(width / 4)), height - ground);
    both(8, width - int(10, Math.floor(width / 4)), ground, width, height - ground);
  }
  // Stuff, including ignored labels.
  for (let i = int(4, 10); i > 0; i--) {
    const label = pick(STUFF_LABELS);
    if (!inGt(label)) continue;
    const thin = label === 17 || label === 18;
    both(label, int(0, width - 4), int(0, height - 4), thin ? sized(1, 4) : sized(4, 50), sized(4, 40));
  }
  // Objects: instances (id = labelId * 1000 + k) or group regions (id = labelId).
  const next = new Map<number, number>();
  const objects: { label: number; x: number; y: number; w: number; h: number; ellipse: boolean }[] = [];
  for (let i = int(6, 14); i > 0; i--) {
    const label = pick(INSTANCE_LABELS);
    if (!inGt(label)) continue;
    const big = label >= 26 && label <= 31;
    const w = big ? sized(12, 70) : sized(4, 20);
    const h = big ? sized(8, 40) : sized(8, 36);
    const object = {
      label,
      x: int(-5, width - 5),
      y: int(horizon - 10, height - 5),
      w,
      h,
      ellipse: rand() < 0.4,
    };
    objects.push(object);
    paint(labelIds, label, object.x, object.y, w, h, object.ellipse);
    let id = label;
    if (rand() < 0.8) {
      const k = next.get(label) ?? 0;
      next.set(label, k + 1);
      id = label * 1000 + k;
    }
    paint(instanceIds, id, object.x, object.y, w, h, object.ellipse);
  }
  // Void: borders and the ego vehicle.
  both(1, 0, height - Math.max(1, Math.floor(height * 0.06)), width, height);
  both(2, 0, 0, width, 2);
  both(2, 0, 0, 2, height);
  if (rand() < 0.5) both(3, width - sized(5, 20), 0, width, sized(5, 20));

  // Prediction: the ground truth, then model errors.
  const prediction = labelIds.slice();
  for (const object of objects) {
    const r = rand();
    const dx = Math.round(int(-4, 4) * scale);
    const dy = Math.round(int(-3, 3) * scale);
    if (r < 0.3) {
      paint(prediction, object.label, object.x + dx, object.y + dy, object.w, object.h, object.ellipse);
    } else if (r < 0.55) {
      const other = pick(CONFUSIONS[object.label] ?? [0]);
      if (!absent.has(other)) {
        paint(prediction, other, object.x, object.y, object.w, Math.ceil(object.h / 2), object.ellipse);
      }
    } else if (r < 0.65) {
      const other = pick(CONFUSIONS[object.label] ?? [0]);
      if (!absent.has(other))
        paint(prediction, other, object.x, object.y, object.w, object.h, object.ellipse);
    }
  }
  for (let i = int(3, 8); i > 0; i--) {
    const label = int(0, 33);
    if (absent.has(label)) continue;
    paint(prediction, label, int(0, width - 4), int(0, height - 4), sized(2, 30), sized(2, 20), rand() < 0.5);
  }
  for (const label of predictedOnly) {
    paint(
      prediction,
      label,
      int(0, width - 20),
      int(horizon, height - 15),
      sized(8, 24),
      sized(6, 14),
      false,
    );
  }
  return { width, height, labelIds, instanceIds, prediction };
}
