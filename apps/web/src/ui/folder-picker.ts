import {
  type FolderFiles,
  folderFromPicked,
  type PickedFile,
  pickedFromEntries,
  pickedFromInput,
} from '../files/folder-files.js';
import { h, setChildren } from './dom.js';

/** One folder choice: a folder input, a drop zone and what was chosen. */
export interface FolderPicker {
  readonly element: HTMLElement;
  /** The chosen folder, or `null`. */
  folder(): FolderFiles | null;
  /** True when a folder was chosen but the browser gave no file in it (an empty folder). */
  choseEmpty(): boolean;
  /** Forgets the choice. */
  clear(): void;
}

const LABEL_MAP = /\.(png|npy)$/i;

function describe(folder: FolderFiles): string {
  const maps = [...folder.files.keys()].filter((path) => LABEL_MAP.test(path)).length;
  const total = folder.files.size;
  return `${folder.name} · ${maps} label map${maps === 1 ? '' : 's'}${total > maps ? ` (${total - maps} other files)` : ''}`;
}

/**
 * A folder picker: `<input type="file" webkitdirectory>` (with `data-testid`), a button that opens it,
 * and drag and drop of a folder where the browser gives `DataTransferItem.webkitGetAsEntry()`.
 */
export function folderPicker(options: {
  id: string;
  testId: string;
  title: string;
  note: string;
  fallbackName: string;
  onChange: () => void;
}): FolderPicker {
  let chosen: FolderFiles | null = null;
  let choseEmpty = false;
  const input = h('input', {
    id: options.id,
    type: 'file',
    class: 'visually-hidden',
    webkitdirectory: true,
    multiple: true,
    'data-testid': options.testId,
  });
  const summary = h('span', { class: 'folder-summary', 'aria-live': 'polite' }, 'No folder chosen');
  const clearButton = h('button', { type: 'button', class: 'link', hidden: true }, 'Clear');
  const zone = h(
    'div',
    { class: 'folder', 'data-empty': 'true' },
    h(
      'div',
      { class: 'folder-head' },
      h('label', { for: options.id, class: 'folder-title' }, options.title),
      clearButton,
    ),
    h('p', { class: 'folder-note' }, options.note),
    h(
      'div',
      { class: 'folder-actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => input.click() }, 'Choose folder…'),
      h('span', { class: 'drop-hint' }, 'or drop it here'),
    ),
    summary,
    input,
  );

  // `chosen`: a folder was picked or dropped (an empty one gives no file, and no name either).
  const set = (picked: readonly PickedFile[], chosenByUser = true) => {
    chosen = folderFromPicked(picked, options.fallbackName);
    choseEmpty = chosen === null && chosenByUser;
    zone.dataset.empty = chosen === null ? 'true' : 'false';
    clearButton.hidden = chosen === null;
    setChildren(
      summary,
      chosen !== null
        ? describe(chosen)
        : choseEmpty
          ? 'The chosen folder holds no files'
          : 'No folder chosen',
    );
    options.onChange();
  };
  input.addEventListener('change', () => set(pickedFromInput(input.files)));
  clearButton.addEventListener('click', () => {
    input.value = '';
    set([], false);
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    const items = Array.from(event.dataTransfer?.items ?? []);
    const entries = items
      .map((item) => (typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null))
      .filter((entry): entry is FileSystemEntry => entry !== null);
    if (entries.length > 0) {
      setChildren(summary, 'Reading the folder…');
      pickedFromEntries(entries).then(set, (error: unknown) => {
        setChildren(
          summary,
          `Could not read the dropped folder: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
      return;
    }
    // No entry API: loose files only (a flat folder).
    set(Array.from(event.dataTransfer?.files ?? [], (file) => ({ file, path: file.name })));
  });
  return {
    element: zone,
    folder: () => chosen,
    choseEmpty: () => choseEmpty,
    clear: () => {
      input.value = '';
      set([], false);
    },
  };
}
