import {
  BICYCLE,
  BUILDING,
  BUS,
  CAR,
  FENCE,
  MOTORCYCLE,
  PERSON,
  POLE,
  RIDER,
  ROAD,
  SIDEWALK,
  TERRAIN,
  TRAFFIC_LIGHT,
  TRAFFIC_SIGN,
  TRUCK,
  VEGETATION,
  WALL,
} from './class-ids.js';
import type { Random } from './prng.js';
import { valueNoise } from './rasterize.js';
import type { Part, Scene, SceneObject } from './scene.js';

/**
 * For each class, the classes a segmentation model confuses it with and how often, per part: the
 * confusions typical of Cityscapes models (rider ↔ person, truck ↔ bus ↔ car, motorcycle ↔ bicycle,
 * wall ↔ fence ↔ building, terrain ↔ vegetation, traffic light/sign ↔ pole).
 */
const CONFUSIONS: Readonly<Record<number, readonly [number, number][]>> = {
  [RIDER]: [[PERSON, 0.2]],
  [PERSON]: [[RIDER, 0.04]],
  [TRUCK]: [
    [BUS, 0.12],
    [CAR, 0.08],
  ],
  [BUS]: [
    [TRUCK, 0.2],
    [CAR, 0.05],
  ],
  [CAR]: [[TRUCK, 0.03]],
  [MOTORCYCLE]: [[BICYCLE, 0.25]],
  [BICYCLE]: [[MOTORCYCLE, 0.12]],
  [TRAFFIC_LIGHT]: [
    [POLE, 0.1],
    [TRAFFIC_SIGN, 0.05],
  ],
  [TRAFFIC_SIGN]: [[POLE, 0.1]],
  [WALL]: [
    [BUILDING, 0.15],
    [FENCE, 0.1],
  ],
  [FENCE]: [
    [WALL, 0.15],
    [VEGETATION, 0.1],
  ],
  [TERRAIN]: [
    [VEGETATION, 0.15],
    [SIDEWALK, 0.05],
  ],
};

function confuse(random: Random, label: number): number {
  const options = CONFUSIONS[label];
  if (options === undefined) return label;
  let roll = random.next();
  for (const [other, p] of options) {
    if (roll < p) return other;
    roll -= p;
  }
  return label;
}

function perturbObject(random: Random, object: SceneObject, scene: Scene): SceneObject | null {
  let top = Number.POSITIVE_INFINITY;
  let left = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  for (const part of object.parts) {
    top = Math.min(top, part.cy - part.ry);
    left = Math.min(left, part.cx - part.rx);
    right = Math.max(right, part.cx + part.rx);
  }
  const size = object.base - top;
  // Far (small) objects are often missed entirely.
  const missed = size < 0.03 * scene.height ? 0.3 : size < 0.1 * scene.height ? 0.06 : 0.02;
  if (random.chance(missed)) return null;
  const scale = random.range(0.93, 1.07);
  const dx = random.range(-1, 1) * (0.03 * (right - left) + 0.5);
  const dy = random.range(-1, 1) * (0.02 * size + 0.5);
  const parts: Part[] = [];
  // Objects made of several classes (rider on a bicycle) change class per component.
  const relabel = new Map<number, number>();
  for (const part of object.parts) {
    // A sign or a light can be missed while its pole is found.
    if ((part.label === TRAFFIC_SIGN || part.label === TRAFFIC_LIGHT) && random.chance(0.1)) continue;
    let label = relabel.get(part.label);
    if (label === undefined) {
      label = confuse(random, part.label);
      relabel.set(part.label, label);
    }
    parts.push({
      kind: part.kind,
      label,
      cx: object.x + (part.cx - object.x) * scale + dx,
      cy: object.base + (part.cy - object.base) * scale + dy,
      rx: part.rx * scale,
      ry: part.ry * scale,
    });
  }
  return { x: object.x + dx, base: object.base + dy, parts };
}

/**
 * A model's prediction of a scene: ground lines and skyline shifted by a few pixels, confusable
 * classes swapped, small objects missed, objects displaced and resized, a few false positives. No
 * ignore regions: a model predicts a class for every pixel.
 */
export function perturbScene(random: Random, scene: Scene): Scene {
  const { width, height } = scene;
  const shift = (amount: number): number => random.range(-amount, amount);
  const predicted: Scene = {
    ...scene,
    roadLeft: scene.roadLeft + shift(0.012 * width),
    roadRight: scene.roadRight + shift(0.012 * width),
    sidewalkLeft: scene.sidewalkLeft + shift(0.025 * width),
    sidewalkRight: scene.sidewalkRight + shift(0.025 * width),
    lawnLeft: scene.lawnLeft * random.range(0.7, 1.3),
    lawnRight: scene.lawnRight * random.range(0.7, 1.3),
    lawnLabel: confuse(random, scene.lawnLabel),
    vergeMeters: scene.vergeMeters * random.range(0.8, 1.2),
    skyline: scene.skyline.map((segment) => {
      const narrow = segment.x1 - segment.x0 < 0.07 * width;
      let label = segment.label;
      if (narrow && label === BUILDING && random.chance(0.2)) label = VEGETATION;
      else if (narrow && label === VEGETATION && random.chance(0.2)) label = BUILDING;
      return {
        ...segment,
        label,
        x0: segment.x0 + shift(0.006 * width),
        x1: segment.x1 + shift(0.006 * width),
        top: segment.top + shift(0.012 * height),
      };
    }),
    skylineOffset: valueNoise(random, width, Math.max(2, 0.02 * width), 'smooth').map(
      (v) => v * 0.01 * height,
    ),
    barriers: scene.barriers
      .filter(() => !random.chance(0.05))
      .map((barrier) => ({
        ...barrier,
        label: confuse(random, barrier.label),
        x0: barrier.x0 + shift(0.005 * width),
        x1: barrier.x1 + shift(0.005 * width),
        heightMeters: barrier.heightMeters * random.range(0.9, 1.1),
      })),
    patches: scene.patches.map((patch) => ({
      label: confuse(random, patch.label),
      points: patch.points.map((v, i) => v + shift(i % 2 === 0 ? 0.008 * width : 0.008 * height)),
    })),
    objects: [],
    ignore: null,
  };

  // Stretches of road read as sidewalk near the kerb, and the reverse.
  const stretches = random.int(0, 2);
  for (let i = 0; i < stretches; i++) {
    const t0 = random.range(0.1, 0.6);
    const t1 = t0 + random.range(0.05, 0.2);
    const side = random.chance(0.5) ? -1 : 1;
    const inner = side < 0 ? scene.roadLeft : scene.roadRight;
    const outer = side < 0 ? scene.sidewalkLeft : scene.sidewalkRight;
    const toRoad = random.chance(0.5);
    const from = toRoad ? random.range(0.1, 0.5) : random.range(-0.12, -0.04);
    const point = (t: number, s: number): [number, number] => {
      const a = scene.vanishX + t * (inner - scene.vanishX);
      const b = scene.vanishX + t * (outer - scene.vanishX);
      return [a + s * (b - a), scene.horizon + t * (height - scene.horizon)];
    };
    predicted.patches.push({
      label: toRoad ? ROAD : SIDEWALK,
      points: [...point(t0, 0), ...point(t0, from), ...point(t1, from), ...point(t1, 0)],
    });
  }

  for (const object of scene.objects) {
    const moved = perturbObject(random, object, scene);
    if (moved !== null) predicted.objects.push(moved);
  }

  // False positives: blobs of a thing class where there is none.
  const falsePositives = random.int(1, 4);
  for (let i = 0; i < falsePositives; i++) {
    const t = random.range(0.05, 0.5);
    const base = scene.horizon + t * (height - scene.horizon);
    const m = (t * (scene.roadRight - scene.roadLeft)) / 12;
    const x = random.range(0, width);
    const label = random.pick([PERSON, CAR, POLE, VEGETATION, TRAFFIC_SIGN, BICYCLE]);
    const rx = label === CAR ? 1.2 * m : label === VEGETATION ? 2 * m : 0.3 * m;
    const ry = label === POLE ? 2.5 * m : label === CAR ? 0.7 * m : label === VEGETATION ? 1.5 * m : 0.8 * m;
    predicted.objects.push({
      x,
      base,
      parts: [{ kind: 'ellipse', label, cx: x, cy: base - ry, rx: rx + 0.5, ry: ry + 0.5 }],
    });
  }
  return predicted;
}
