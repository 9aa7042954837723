// `@segmetrics/test-utils/browser`: drive the system Chromium from tests and scripts (Node only).
export {
  browserTestsEnabled,
  CHROMIUM_FLAGS,
  chromiumExecutable,
  DEFAULT_CHROMIUM_PATH,
  launchChromium,
} from './launch-chromium.js';
export { type ServedFile, type ServedFolder, type ServeFolderOptions, serveFolder } from './serve-folder.js';
