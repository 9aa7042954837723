import type { RgbColor } from './types.js';

/**
 * The PASCAL VOC colour map: colour of index i built by spreading the bits of i over the high bits of
 * r, g and b (VOCdevkit `VOClabelcolormap.m`, http://host.robots.ox.ac.uk/pascal/VOC/voc2012/). Index 0
 * is black, 1 is (128, 0, 0), 255 (the VOC "void" border) is (224, 224, 192).
 */
export function vocColorMap(count = 256): RgbColor[] {
  const colors: RgbColor[] = [];
  for (let i = 0; i < count; i++) {
    let r = 0;
    let g = 0;
    let b = 0;
    let c = i;
    for (let j = 0; j < 8; j++) {
      r |= (c & 1) << (7 - j);
      g |= ((c >> 1) & 1) << (7 - j);
      b |= ((c >> 2) & 1) << (7 - j);
      c >>= 3;
    }
    colors.push([r, g, b]);
  }
  return colors;
}
