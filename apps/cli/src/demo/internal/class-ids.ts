/** Cityscapes train ids used by the scene generator (see `CITYSCAPES_CLASS_NAMES`). */
export const ROAD = 0;
export const SIDEWALK = 1;
export const BUILDING = 2;
export const WALL = 3;
export const FENCE = 4;
export const POLE = 5;
export const TRAFFIC_LIGHT = 6;
export const TRAFFIC_SIGN = 7;
export const VEGETATION = 8;
export const TERRAIN = 9;
export const SKY = 10;
export const PERSON = 11;
export const RIDER = 12;
export const CAR = 13;
export const TRUCK = 14;
export const BUS = 15;
/** Never drawn: the sample's class that is absent from ground truth and predictions. */
export const TRAIN = 16;
export const MOTORCYCLE = 17;
export const BICYCLE = 18;
export const IGNORE = 255;
