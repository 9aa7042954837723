import {
  BICYCLE,
  BUILDING,
  BUS,
  CAR,
  FENCE,
  IGNORE,
  MOTORCYCLE,
  PERSON,
  POLE,
  RIDER,
  ROAD,
  SIDEWALK,
  SKY,
  TERRAIN,
  TRAFFIC_LIGHT,
  TRAFFIC_SIGN,
  TRUCK,
  VEGETATION,
  WALL,
} from './class-ids.js';
import type { Random } from './prng.js';
import {
  type Canvas,
  createCanvas,
  fillColumn,
  fillConvexPolygon,
  fillEllipse,
  fillRect,
  fillSpan,
  valueNoise,
} from './rasterize.js';

/**
 * A street scene seen from a car's dashboard camera, in pixels: a vanishing point on the horizon, a
 * road and two sidewalks converging to it, a skyline of buildings and trees, walls and fences along
 * the sidewalks, and objects (cars, people, poles…) standing on the ground, sized by their depth.
 * Ground truth and prediction are two paintings of two versions of one scene.
 */
export interface Scene {
  width: number;
  height: number;
  horizon: number;
  vanishX: number;
  /** x of each ground line at the bottom edge of the image (y = height). */
  roadLeft: number;
  roadRight: number;
  sidewalkLeft: number;
  sidewalkRight: number;
  /** Fraction of each sidewalk band, next to the road, that is a grass strip (0 = none). */
  lawnLeft: number;
  lawnRight: number;
  lawnLabel: number;
  /** Height in meters (at the sidewalk's outer edge) of the grass verge beyond it, under trees. */
  vergeMeters: number;
  skyline: SkylineSegment[];
  /** Smooth noise, one value per column, added to every skyline top (prediction error). */
  skylineOffset: Float64Array | null;
  barriers: Barrier[];
  patches: Patch[];
  objects: SceneObject[];
  ignore: IgnoreRegions | null;
}

export interface SkylineSegment {
  x0: number;
  x1: number;
  label: number;
  top: number;
  /** Amplitude (pixels) of the roof or canopy profile. */
  amplitude: number;
  profile: Float64Array;
}

/** A wall or fence standing on a sidewalk's outer edge between columns x0 and x1. */
export interface Barrier {
  x0: number;
  x1: number;
  label: number;
  heightMeters: number;
}

/** A convex ground patch (e.g. a grass square on the sidewalk, a misread stretch of road). */
export interface Patch {
  points: number[];
  label: number;
}

/** One shape: a rectangle [cx ± rx) × [cy ± ry), an ellipse, or an ellipse's upper half (`cap`). */
export interface Part {
  kind: 'rect' | 'ellipse' | 'cap';
  label: number;
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

/** An object standing on the ground at (x, base); drawn far to near. */
export interface SceneObject {
  x: number;
  base: number;
  parts: Part[];
}

export interface IgnoreRegions {
  /** The ego vehicle's bonnet: an ellipse reaching into the bottom of the image. */
  hood: Part;
  /** Width in pixels of an unlabeled border on the left, right and bottom edges (0 = none). */
  border: number;
  /** Unlabeled objects (Cityscapes' `static`/`dynamic`), ignored in evaluation. */
  regions: Part[];
}

const ROAD_WIDTH_METERS = 12;

/** Depth t ∈ (0, 1] of row y: 0 at the horizon, 1 at the bottom edge. */
function depthOfRow(scene: Scene, y: number): number {
  return (y - scene.horizon) / (scene.height - scene.horizon);
}

/** x of the ground line through the vanishing point and (bottomX, height), at depth t. */
function lineX(scene: Scene, bottomX: number, t: number): number {
  return scene.vanishX + t * (bottomX - scene.vanishX);
}

/** Pixels per meter at depth t. */
function pixelsPerMeter(scene: Scene, t: number): number {
  return (t * (scene.roadRight - scene.roadLeft)) / ROAD_WIDTH_METERS;
}

function rect(label: number, x0: number, y0: number, x1: number, y1: number): Part {
  return { kind: 'rect', label, cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, rx: (x1 - x0) / 2, ry: (y1 - y0) / 2 };
}

function ellipse(
  label: number,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  kind: 'ellipse' | 'cap' = 'ellipse',
): Part {
  return { kind, label, cx, cy, rx, ry };
}

/** A half-width of at least half a pixel: thin parts stay one pixel wide, as annotators draw them. */
function atLeastPixel(value: number): number {
  return Math.max(value, 0.5);
}

function car(x: number, base: number, m: number, lengthMeters: number): Part[] {
  const w = lengthMeters * m;
  const h = 1.5 * m;
  return [
    rect(CAR, x - w / 2, base - 0.6 * h, x + w / 2, base),
    ellipse(CAR, x, base - 0.55 * h, 0.4 * w, 0.45 * h, 'cap'),
  ];
}

function truck(x: number, base: number, m: number, lengthMeters: number, facing: number): Part[] {
  const w = lengthMeters * m;
  const h = 3.6 * m;
  const cab = Math.min(2.4 * m, 0.45 * w);
  const cabX = x + facing * (w / 2 - cab / 2);
  return [
    rect(TRUCK, x - w / 2, base - h, x + w / 2, base - 0.15 * h),
    rect(TRUCK, cabX - cab / 2 - 0.1 * m, base - 0.8 * h, cabX + cab / 2 + 0.1 * m, base),
    ellipse(TRUCK, x - 0.3 * w, base - 0.4 * m, 0.5 * m, 0.5 * m),
    ellipse(TRUCK, x + 0.3 * w, base - 0.4 * m, 0.5 * m, 0.5 * m),
  ];
}

function bus(x: number, base: number, m: number, lengthMeters: number): Part[] {
  const w = lengthMeters * m;
  const h = 3.2 * m;
  return [
    rect(BUS, x - w / 2, base - 0.95 * h, x + w / 2, base),
    ellipse(BUS, x, base - 0.95 * h, 0.48 * w, 0.05 * h, 'cap'),
  ];
}

function person(x: number, base: number, m: number, label: number, heightMeters: number): Part[] {
  const h = heightMeters * m;
  return [
    rect(label, x - atLeastPixel(0.17 * m), base - 0.5 * h, x + atLeastPixel(0.17 * m), base),
    ellipse(label, x, base - 0.64 * h, atLeastPixel(0.26 * m), 0.24 * h),
    ellipse(label, x, base - 0.92 * h, atLeastPixel(0.11 * m), 0.08 * h),
  ];
}

function bike(x: number, base: number, m: number, label: number): Part[] {
  const motor = label === MOTORCYCLE;
  const r = (motor ? 0.32 : 0.34) * m;
  const half = (motor ? 0.7 : 0.55) * m;
  const parts = [
    ellipse(label, x - half, base - r, r, r),
    ellipse(label, x + half, base - r, r, r),
    rect(label, x - half, base - 1.9 * r, x + half, base - 1.4 * r),
  ];
  if (motor) parts.push(ellipse(label, x, base - 2 * r, 0.8 * half, 0.9 * r));
  return parts;
}

function pole(x: number, base: number, m: number, random: Random): Part[] {
  const h = random.range(4.5, 7.5) * m;
  const r = atLeastPixel(0.08 * m);
  const parts = [rect(POLE, x - r, base - h, x + r, base)];
  if (random.chance(0.55)) {
    const s = random.range(0.3, 0.45) * m;
    const sx = x + random.pick([-1, 0, 1]) * (s + r);
    const sy = base - h + random.range(0.5, 1.5) * m;
    parts.push(
      random.chance(0.5)
        ? ellipse(TRAFFIC_SIGN, sx, sy, s, s)
        : rect(TRAFFIC_SIGN, sx - s, sy - s, sx + s, sy + s),
    );
  }
  if (random.chance(0.45)) {
    const lx = x + random.pick([-1, 1]) * (r + 0.2 * m);
    const ly = base - h + 0.6 * m;
    parts.push(
      rect(
        TRAFFIC_LIGHT,
        lx - atLeastPixel(0.15 * m),
        ly - 0.4 * m,
        lx + atLeastPixel(0.15 * m),
        ly + 0.4 * m,
      ),
    );
  }
  return parts;
}

/** The ground position at depth t and lateral coordinate u (0 = left road edge, 1 = right road edge). */
function groundPoint(scene: Scene, t: number, u: number): { x: number; base: number; m: number } {
  const left = lineX(scene, scene.roadLeft, t);
  const right = lineX(scene, scene.roadRight, t);
  return {
    x: left + u * (right - left),
    base: scene.horizon + t * (scene.height - scene.horizon),
    m: pixelsPerMeter(scene, t),
  };
}

/** A point on a sidewalk at depth t: side −1 (left) or 1 (right), s ∈ [0, 1] from road to outer edge. */
function sidewalkPoint(
  scene: Scene,
  t: number,
  side: number,
  s: number,
): { x: number; base: number; m: number } {
  const inner = lineX(scene, side < 0 ? scene.roadLeft : scene.roadRight, t);
  const outer = lineX(scene, side < 0 ? scene.sidewalkLeft : scene.sidewalkRight, t);
  return {
    x: inner + s * (outer - inner),
    base: scene.horizon + t * (scene.height - scene.horizon),
    m: pixelsPerMeter(scene, t),
  };
}

/** Builds a random ground-truth scene. */
export function buildScene(random: Random, width: number, height: number): Scene {
  const horizon = height * random.range(0.4, 0.48);
  const vanishX = width * random.range(0.4, 0.6);
  const roadLeft = width * random.range(-0.12, 0.05);
  const roadRight = width * random.range(0.95, 1.12);
  const scene: Scene = {
    width,
    height,
    horizon,
    vanishX,
    roadLeft,
    roadRight,
    sidewalkLeft: roadLeft - width * random.range(0.25, 0.5),
    sidewalkRight: roadRight + width * random.range(0.25, 0.5),
    lawnLeft: random.chance(0.4) ? random.range(0.15, 0.35) : 0,
    lawnRight: random.chance(0.4) ? random.range(0.15, 0.35) : 0,
    lawnLabel: TERRAIN,
    vergeMeters: random.range(0.5, 1.5),
    skyline: [],
    skylineOffset: null,
    barriers: [],
    patches: [],
    objects: [],
    ignore: null,
  };

  // Skyline: buildings with stepped roofs, trees with rough canopies, the odd gap.
  const smooth = valueNoise(random, width, Math.max(2, width * 0.012), 'smooth');
  const stepped = valueNoise(random, width, Math.max(3, width * 0.03), 'step');
  let x = -width * random.range(0, 0.05);
  while (x < width) {
    const segmentWidth = width * random.range(0.04, 0.18);
    const far = 0.35 + (0.65 * Math.abs(x + segmentWidth / 2 - vanishX)) / (width / 2);
    const roll = random.next();
    const label = roll < 0.58 ? BUILDING : roll < 0.92 ? VEGETATION : SKY;
    const rise =
      label === BUILDING ? random.range(0.12, 0.45) : label === VEGETATION ? random.range(0.08, 0.32) : 0;
    scene.skyline.push({
      x0: x,
      x1: x + segmentWidth,
      label,
      top: horizon - far * rise * height,
      amplitude:
        label === BUILDING ? height * random.range(0, 0.03) : label === VEGETATION ? height * 0.04 : 0,
      profile: label === BUILDING ? stepped : smooth,
    });
    x += segmentWidth;
  }

  // Walls and fences on the sidewalks' outer edges.
  for (const side of [-1, 1]) {
    const count = random.int(0, 2);
    for (let i = 0; i < count; i++) {
      const outerBottom = side < 0 ? scene.sidewalkLeft : scene.sidewalkRight;
      // Columns covered by the outer line between depth 0.05 and 1.
      const near = lineX(scene, outerBottom, 1);
      const farX = lineX(scene, outerBottom, 0.05);
      const a = farX + random.range(0, 0.6) * (near - farX);
      const b = a + random.range(0.15, 0.4) * (near - farX);
      scene.barriers.push({
        x0: Math.min(a, b),
        x1: Math.max(a, b),
        label: random.chance(0.5) ? WALL : FENCE,
        heightMeters: random.range(1, 2.2),
      });
    }
  }

  // Grass squares on the sidewalks.
  const grass = random.int(0, 2);
  for (let i = 0; i < grass; i++) {
    const side = random.pick([-1, 1]);
    const t0 = random.range(0.15, 0.7);
    const t1 = t0 + random.range(0.08, 0.2);
    const s0 = random.range(0.3, 0.5);
    const s1 = s0 + random.range(0.2, 0.4);
    const a = sidewalkPoint(scene, t0, side, s0);
    const b = sidewalkPoint(scene, t0, side, s1);
    const c = sidewalkPoint(scene, t1, side, s1);
    const d = sidewalkPoint(scene, t1, side, s0);
    scene.patches.push({ points: [a.x, a.base, b.x, b.base, c.x, c.base, d.x, d.base], label: TERRAIN });
  }

  const objects = scene.objects;
  // Cars on the road, seen from behind (short) or from the side (long).
  const cars = random.int(2, 7);
  for (let i = 0; i < cars; i++) {
    const p = groundPoint(scene, random.range(0.06, 0.75), random.range(0.08, 0.92));
    objects.push({
      x: p.x,
      base: p.base,
      parts: car(p.x, p.base, p.m, random.chance(0.5) ? random.range(1.7, 2) : random.range(3.8, 4.8)),
    });
  }
  if (random.chance(0.45)) {
    const p = groundPoint(scene, random.range(0.08, 0.5), random.range(0.15, 0.85));
    objects.push({
      x: p.x,
      base: p.base,
      parts: truck(p.x, p.base, p.m, random.range(2.4, 8), random.pick([-1, 1])),
    });
  }
  if (random.chance(0.35)) {
    const p = groundPoint(scene, random.range(0.08, 0.45), random.range(0.2, 0.8));
    objects.push({ x: p.x, base: p.base, parts: bus(p.x, p.base, p.m, random.range(2.5, 11)) });
  }
  // People on the sidewalks.
  const people = random.int(1, 6);
  for (let i = 0; i < people; i++) {
    const p = sidewalkPoint(scene, random.range(0.08, 0.85), random.pick([-1, 1]), random.range(0.1, 0.9));
    objects.push({ x: p.x, base: p.base, parts: person(p.x, p.base, p.m, PERSON, random.range(1.55, 1.95)) });
  }
  // Cyclists and motorcyclists near the road edges.
  const riders = random.int(0, 2);
  for (let i = 0; i < riders; i++) {
    const p = groundPoint(
      scene,
      random.range(0.1, 0.8),
      random.chance(0.5) ? random.range(0.04, 0.22) : random.range(0.78, 0.96),
    );
    const vehicle = random.chance(0.65) ? BICYCLE : MOTORCYCLE;
    const parts = bike(p.x, p.base, p.m, vehicle);
    parts.push(...person(p.x, p.base - 0.55 * p.m, p.m, RIDER, 1.5));
    objects.push({ x: p.x, base: p.base, parts });
  }
  // Parked bicycles and motorcycles.
  const parked = random.int(0, 2);
  for (let i = 0; i < parked; i++) {
    const p = sidewalkPoint(scene, random.range(0.1, 0.8), random.pick([-1, 1]), random.range(0.05, 0.3));
    objects.push({
      x: p.x,
      base: p.base,
      parts: bike(p.x, p.base, p.m, random.chance(0.6) ? BICYCLE : MOTORCYCLE),
    });
  }
  // Poles with signs and traffic lights on the sidewalks' road side.
  const poles = random.int(2, 6);
  for (let i = 0; i < poles; i++) {
    const p = sidewalkPoint(scene, random.range(0.05, 0.85), random.pick([-1, 1]), random.range(0.05, 0.2));
    objects.push({ x: p.x, base: p.base, parts: pole(p.x, p.base, p.m, random) });
  }

  // Unlabeled regions: the car's bonnet, a rectification border, unlabeled street furniture.
  const regions: Part[] = [];
  const unlabeled = random.int(0, 2);
  for (let i = 0; i < unlabeled; i++) {
    const p = sidewalkPoint(scene, random.range(0.1, 0.7), random.pick([-1, 1]), random.range(0.3, 0.9));
    const size = random.range(0.3, 0.8) * p.m;
    regions.push(rect(IGNORE, p.x - size, p.base - 1.6 * size, p.x + size, p.base));
  }
  scene.ignore = {
    hood: ellipse(
      IGNORE,
      width * random.range(0.45, 0.55),
      height * random.range(1.02, 1.1),
      width * random.range(0.55, 0.8),
      height * random.range(0.1, 0.17),
    ),
    border: random.chance(0.5) ? Math.max(1, Math.round(width * random.range(0.002, 0.006))) : 0,
    regions,
  };
  return scene;
}

function paintPart(canvas: Canvas, part: Part): void {
  if (part.kind === 'rect')
    fillRect(canvas, part.cx - part.rx, part.cy - part.ry, part.cx + part.rx, part.cy + part.ry, part.label);
  else fillEllipse(canvas, part.cx, part.cy, part.rx, part.ry, part.label, part.kind === 'cap');
}

/** Paints a scene into a label map (ignore regions included when the scene has them). */
export function paintScene(scene: Scene): Canvas {
  const { width, height, horizon } = scene;
  const canvas = createCanvas(width, height, SKY);

  // Skyline columns, down to the bottom (the ground is painted over them).
  const columnLabel = new Uint8Array(width).fill(SKY);
  for (const segment of scene.skyline) {
    const start = Math.max(0, Math.ceil(segment.x0 - 0.5));
    const end = Math.min(width, Math.ceil(segment.x1 - 0.5));
    for (let x = start; x < end; x++) {
      columnLabel[x] = segment.label;
      if (segment.label === SKY) continue;
      const offset = scene.skylineOffset === null ? 0 : scene.skylineOffset[x]!;
      fillColumn(
        canvas,
        x,
        segment.top + segment.amplitude * segment.profile[x]! + offset,
        height,
        segment.label,
      );
    }
  }

  // Ground: road, sidewalks, grass strips.
  for (let y = Math.max(0, Math.ceil(horizon - 0.5)); y < height; y++) {
    const t = depthOfRow(scene, y + 0.5);
    const roadL = lineX(scene, scene.roadLeft, t);
    const roadR = lineX(scene, scene.roadRight, t);
    const walkL = lineX(scene, scene.sidewalkLeft, t);
    const walkR = lineX(scene, scene.sidewalkRight, t);
    fillSpan(canvas, y, walkL, walkR, SIDEWALK);
    fillSpan(canvas, y, roadL, roadR, ROAD);
    if (scene.lawnLeft > 0)
      fillSpan(canvas, y, roadL - scene.lawnLeft * (roadL - walkL), roadL, scene.lawnLabel);
    if (scene.lawnRight > 0)
      fillSpan(canvas, y, roadR, roadR + scene.lawnRight * (walkR - roadR), scene.lawnLabel);
  }
  // Beyond the sidewalks, below the horizon: façades reach the ground; under trees and gaps, a grass
  // verge whose height grows with depth, bushes above it.
  for (let x = 0; x < width; x++) {
    const label = columnLabel[x]!;
    if (label === BUILDING) continue;
    const outerBottom = x + 0.5 < scene.vanishX ? scene.sidewalkLeft : scene.sidewalkRight;
    const t = (x + 0.5 - scene.vanishX) / (outerBottom - scene.vanishX);
    if (t <= 0) continue;
    const edge = horizon + t * (height - horizon);
    fillColumn(canvas, x, horizon, edge, VEGETATION);
    fillColumn(canvas, x, edge - scene.vergeMeters * pixelsPerMeter(scene, t), edge, TERRAIN);
  }

  // Walls and fences standing on the sidewalks' outer edges.
  for (const barrier of scene.barriers) {
    const start = Math.max(0, Math.ceil(barrier.x0 - 0.5));
    const end = Math.min(width, Math.ceil(barrier.x1 - 0.5));
    for (let x = start; x < end; x++) {
      const outerBottom = x + 0.5 < scene.vanishX ? scene.sidewalkLeft : scene.sidewalkRight;
      const t = (x + 0.5 - scene.vanishX) / (outerBottom - scene.vanishX);
      if (t <= 0) continue;
      const base = horizon + t * (height - horizon);
      fillColumn(canvas, x, base - barrier.heightMeters * pixelsPerMeter(scene, t), base, barrier.label);
    }
  }

  for (const patch of scene.patches) fillConvexPolygon(canvas, patch.points, patch.label);

  const objects = [...scene.objects].sort((a, b) => a.base - b.base || a.x - b.x);
  for (const object of objects) for (const part of object.parts) paintPart(canvas, part);

  const ignore = scene.ignore;
  if (ignore !== null) {
    for (const region of ignore.regions) paintPart(canvas, region);
    if (ignore.border > 0) {
      fillRect(canvas, 0, 0, ignore.border, height, IGNORE);
      fillRect(canvas, width - ignore.border, 0, width, height, IGNORE);
      fillRect(canvas, 0, height - ignore.border, width, height, IGNORE);
    }
    paintPart(canvas, ignore.hood);
  }
  return canvas;
}
