import packageJson from '../package.json';

/** The version of the `segmetrics` CLI, written into every report and state file. */
export const VERSION: string = packageJson.version;
