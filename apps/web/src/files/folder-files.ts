/** A chosen folder: its name and its files by path relative to it (`/`-separated). */
export interface FolderFiles {
  /** The folder's name as the browser gives it (shown in messages: `gt/img_001.png`). */
  readonly name: string;
  readonly files: ReadonlyMap<string, File>;
}

/** A file as a folder picker or a drop gives it: the file and its path below the chosen folder's parent. */
export interface PickedFile {
  readonly file: File;
  /** `folder/sub/name.png` (`webkitRelativePath`), or just `name.png` for a loose file. */
  readonly path: string;
}

/**
 * Groups picked files into one folder: the first path segment is the chosen folder's name (as
 * `<input webkitdirectory>` reports `webkitRelativePath`), the rest the path relative to it. Loose files
 * (no folder segment) sit at the top of a folder named `fallbackName`. Returns `null` for no files.
 */
export function folderFromPicked(picked: readonly PickedFile[], fallbackName: string): FolderFiles | null {
  if (picked.length === 0) return null;
  const files = new Map<string, File>();
  let name: string | null = null;
  for (const { file, path } of picked) {
    const clean = path.replace(/^\/+/, '');
    const slash = clean.indexOf('/');
    if (slash < 0) {
      files.set(clean, file);
      continue;
    }
    name ??= clean.slice(0, slash);
    files.set(clean.slice(slash + 1), file);
  }
  return { name: name ?? fallbackName, files };
}

/**
 * A picked file's path: `webkitRelativePath` with the file's own name (`File.name`) as its last part.
 * Browsers write a backslash, legal in Linux and macOS names, as `/` in `webkitRelativePath`
 * (`c\.d.png` would read as a hidden file in a folder `c`); `File.name` keeps it. A backslash in a
 * folder name cannot be told from a separator there (drop the folder instead: a drop keeps every name).
 */
export function pickedPath(file: Pick<File, 'name' | 'webkitRelativePath'>): string {
  const relative = file.webkitRelativePath;
  if (relative === '') return file.name;
  const asWritten = file.name.replaceAll('\\', '/');
  return relative.endsWith(asWritten)
    ? relative.slice(0, relative.length - asWritten.length) + file.name
    : relative;
}

/** The files of an `<input type="file" webkitdirectory>`, with their relative paths ({@link pickedPath}). */
export function pickedFromInput(list: FileList | null): PickedFile[] {
  if (list === null) return [];
  return Array.from(list, (file) => ({ file, path: pickedPath(file) }));
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/**
 * The files below dropped entries (`DataTransferItem.webkitGetAsEntry()`), folders walked recursively,
 * each with its path from the dropped folder (`folder/sub/name.png`, as a folder picker gives it).
 */
export async function pickedFromEntries(entries: readonly FileSystemEntry[]): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isFile) {
      out.push({ file: await fileOf(entry as FileSystemFileEntry), path });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns the listing in batches (100 in Chromium) until an empty one.
      for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
        for (const child of batch) await walk(child, path);
      }
    }
  };
  for (const entry of entries) await walk(entry, '');
  return out;
}
