export {
  type BoundaryExpected,
  type BoundaryPair,
  boundaryFixtureRoot,
  listBoundaryFixtures,
  loadBoundaryFixture,
} from './boundary-fixtures.js';
export { type ByteArrayExport, byteArraysModule } from './byte-arrays-module.js';
export {
  type CityscapesFixture,
  cityscapesFixtureRoot,
  loadCityscapesFixture,
} from './cityscapes-fixture.js';
export {
  REFERENCE_LABELS,
  type ReferenceLabel,
  type ReferenceResult,
  referenceCityscapes,
} from './cityscapes-reference.js';
export { type CityscapesScene, type CityscapesSceneOptions, cityscapesScene } from './cityscapes-scene.js';
export {
  decodeLabelPng,
  listParityFixtures,
  loadParityFixture,
  type ParityExpected,
  type ParityFixture,
  type ParityPair,
  type ParityReference,
  parityFixtureRoot,
} from './parity-fixtures.js';
export { sameHiddenClass } from './same-hidden-class.js';
export { seededRandom } from './seeded-random.js';
export { staticImports } from './static-imports.js';
export {
  expectAllClose,
  expectClose,
  FLOAT32_TOLERANCE,
  FLOAT64_TOLERANCE,
  isClose,
  type ReferenceValue,
} from './tolerance.js';
