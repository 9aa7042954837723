/**
 * Where a settings text comes from, for messages: the setting's name as the tool calls it (`option`:
 * `--classes`, a field label) and what holds the text (`source`: the file's path, `the field`). Errors
 * read `${option}: ${source} …`.
 */
export interface SettingsTextSource {
  readonly option: string;
  readonly source: string;
}
