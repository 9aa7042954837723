import { countNoun, fewImagesWarning } from '@segmetrics/report';
import { describeError, type ErrorDescription } from '../errors/describe-error.js';
import { listSome } from '../files/pair-folders.js';
import { CancelledError, type WorkerLike } from '../run/count-pool.js';
import { cliCommand } from '../settings/cli-command.js';
import { DEFAULT_SETTINGS, settingsFromQuery, settingsToQuery } from '../settings/web-settings.js';
import { h, setChildren } from '../ui/dom.js';
import { folderPicker } from '../ui/folder-picker.js';
import { kernelName, resultView } from '../ui/result-view.js';
import { settingsForm } from '../ui/settings-form.js';
import { VERSION } from '../version.js';
import { evaluateFolders } from './evaluate-folders.js';

function createWorker(): WorkerLike {
  return new Worker(new URL('../worker/count-worker.ts', import.meta.url), {
    type: 'module',
    name: 'segmetrics-count',
  }) as unknown as WorkerLike;
}

/** Evaluate was pressed before the folders were chosen. */
class MissingFolder extends Error {
  readonly description: ErrorDescription;
  constructor(message: string) {
    super(message);
    this.description = { code: 'NO_FOLDER', message, hint: undefined, settings: false };
  }
}

/** The shown result's folders and settings, to say what it is once it is no longer the latest run's. */
interface ShownResult {
  /** `ground truth “gt” · prediction A “pred”` (and B). */
  readonly folders: string;
  /** The equivalent `segmetrics eval` command of the settings it was computed with. */
  readonly command: string;
}

/** Why the shown result is the previous run's: a new run is going on, failed, or was cancelled. */
type PreviousReason = 'running' | 'failed' | 'cancelled';

const PREVIOUS_TEXT: Readonly<Record<PreviousReason, string>> = {
  running: 'A new run is going on.',
  failed: 'The last run failed (see the error above).',
  cancelled: 'The last run was cancelled.',
};

function seconds(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

/**
 * Builds the page in `root`: the three folder choices, the settings (restored from and kept in the
 * URL), the Evaluate / Cancel buttons with a progress bar, the errors, and the result. The page stays
 * usable after any error and after a cancel; the last good result stays (downloads included), marked
 * as the previous run's (`data-previous` on the result, a note naming its folders and settings) until
 * a run succeeds and replaces it.
 */
export function mountApp(root: HTMLElement): void {
  let running: AbortController | null = null;
  /** What the result section shows, or null while it is empty. */
  let shown: ShownResult | null = null;

  const onSettings = () => {
    const settings = form.read();
    const query = settingsToQuery(settings);
    if (query !== location.search)
      history.replaceState(null, '', `${location.pathname}${query}${location.hash}`);
    const predB = predBPicker.folder()?.name;
    const { command, exact } = cliCommand(settings, {
      gt: gtPicker.folder()?.name ?? 'GT_FOLDER',
      pred: predPicker.folder()?.name ?? 'PRED_FOLDER',
      ...(predB === undefined ? {} : { predB }),
    });
    setChildren(commandLine, command);
    commandNote.hidden = exact;
  };
  const onFolders = () => {
    onSettings();
    evaluateButton.disabled = running !== null;
  };

  const gtPicker = folderPicker({
    id: 'gt-input',
    testId: 'gt-input',
    title: 'Ground truth',
    note: 'A folder of label maps (PNG or .npy), searched recursively.',
    fallbackName: 'gt',
    onChange: onFolders,
  });
  const predPicker = folderPicker({
    id: 'pred-input',
    testId: 'pred-input',
    title: 'Prediction A',
    note: 'Paired with the ground truth by relative path (see Pairing).',
    fallbackName: 'pred',
    onChange: onFolders,
  });
  const predBPicker = folderPicker({
    id: 'pred-b-input',
    testId: 'pred-b-input',
    title: 'Prediction B (optional)',
    note: 'A second model on the same images: both reports, and B − A.',
    fallbackName: 'pred-b',
    onChange: onFolders,
  });
  const form = settingsForm(onSettings);
  form.write(settingsFromQuery(location.search));

  const commandLine = h('code', { 'data-testid': 'cli-command' });
  const commandNote = h(
    'small',
    { hidden: true },
    ' (reduce zero label “off” has no CLI flag: the CLI takes the dataset’s choice)',
  );
  const evaluateButton = h(
    'button',
    { type: 'submit', class: 'primary', 'data-testid': 'evaluate' },
    'Evaluate',
  );
  const cancelButton = h(
    'button',
    { type: 'button', class: 'secondary', 'data-testid': 'cancel', hidden: true },
    'Cancel',
  );
  const resetButton = h(
    'button',
    {
      type: 'button',
      class: 'link',
      onclick: () => {
        form.write({ ...DEFAULT_SETTINGS });
        onSettings();
      },
    },
    'Reset settings',
  );
  const progress = h('progress', { max: 1, value: 0, hidden: true, 'data-testid': 'progress' });
  const status = h('p', { class: 'status', 'data-testid': 'status', 'aria-live': 'polite' });
  const notes = h('div', { class: 'notes', 'data-testid': 'notes' });
  const errorBox = h('div', { class: 'error', role: 'alert', 'data-testid': 'error', hidden: true });
  const result = h('section', {
    class: 'result',
    'data-testid': 'result',
    hidden: true,
    'aria-label': 'Result',
  });

  /** Marks the shown result (if any) as the previous run's, saying why and what it was computed from. */
  const markPrevious = (reason: PreviousReason) => {
    if (shown === null) return;
    result.dataset.previous = reason;
    result.setAttribute('aria-label', 'Previous result');
    const note = h(
      'p',
      { class: 'previous-note', 'data-testid': 'previous-note' },
      h('strong', {}, 'Previous result. '),
      `${PREVIOUS_TEXT[reason]} Shown below: the result of the last run that succeeded, for ${shown.folders}, with the settings of `,
      h('code', {}, shown.command),
      '. It may not match the folders and settings chosen now.',
    );
    const old = result.querySelector('[data-testid="previous-note"]');
    if (old === null) result.firstElementChild?.after(note);
    else old.replaceWith(note);
  };

  const showError = (error: unknown) => {
    const description = error instanceof MissingFolder ? error.description : describeError(error);
    errorBox.dataset.code = description.code;
    setChildren(
      errorBox,
      h(
        'strong',
        {},
        error instanceof MissingFolder
          ? ''
          : description.settings
            ? 'Check the settings: '
            : 'The evaluation failed: ',
      ),
      h('span', { class: 'error-message', 'data-testid': 'error-message' }, description.message),
      description.hint === undefined ? null : h('span', { class: 'hint' }, description.hint),
    );
    errorBox.hidden = false;
  };

  const run = async () => {
    if (running !== null) return;
    const gt = gtPicker.folder();
    const pred = predPicker.folder();
    const predB = predBPicker.folder();
    errorBox.hidden = true;
    setChildren(notes);
    setChildren(status);
    // The last good result stays until this run succeeds, marked as the previous run's.
    delete document.body.dataset.kernel;
    if (gt === null || pred === null) {
      markPrevious('failed');
      const [picker, what] = gt === null ? [gtPicker, 'ground-truth'] : [predPicker, 'prediction (A)'];
      showError(
        new MissingFolder(
          picker.choseEmpty()
            ? `The chosen ${what} folder holds no files: choose a folder of label maps (PNG or .npy).`
            : gt === null
              ? 'Choose the ground-truth folder.'
              : 'Choose a prediction folder (A).',
        ),
      );
      return;
    }
    const controller = new AbortController();
    running = controller;
    markPrevious('running');
    const settings = form.read();
    evaluateButton.disabled = true;
    cancelButton.hidden = false;
    progress.hidden = false;
    progress.value = 0;
    document.body.dataset.state = 'running';
    const started = performance.now();
    let total = 0;
    let workers = 0;
    const showProgress = (done: number) => {
      const elapsed = (performance.now() - started) / 1000;
      progress.max = Math.max(1, total);
      progress.value = done;
      const rate = elapsed > 0 ? done / elapsed : 0;
      setChildren(
        status,
        `${done} / ${total} images · ${rate.toFixed(1)} images/s · ${workers} worker${workers === 1 ? '' : 's'}`,
      );
    };
    let frame = 0;
    try {
      const output = await evaluateFolders(
        { gt, predictions: predB === null ? [pred] : [pred, predB], settings },
        {
          signal: controller.signal,
          onPaired: (paired, count) => {
            total = paired.pairs.length;
            workers = count;
            if (paired.skippedGroundTruth !== null) {
              notes.append(
                h('p', { class: 'warning', 'data-testid': 'skipped-gt' }, paired.skippedGroundTruth),
              );
            }
            for (const { folder, ids } of paired.unmatched) {
              notes.append(
                h(
                  'p',
                  { class: 'warning', 'data-testid': 'unmatched' },
                  `${ids.length} prediction file${ids.length === 1 ? ' has' : 's have'} no ground truth in ${folder} and ${ids.length === 1 ? 'is' : 'are'} not evaluated: ${listSome(ids)}`,
                ),
              );
            }
            showProgress(0);
          },
          onPaletteMismatch: (note) => {
            notes.append(h('p', { class: 'warning', 'data-testid': 'palette-mismatch' }, note));
          },
          onProgress: (done) => {
            cancelAnimationFrame(frame);
            frame = requestAnimationFrame(() => showProgress(done));
          },
          onComparing: () => {
            status.append(' · comparing A and B (paired bootstrap)…');
          },
          onPictures: (count) => {
            cancelAnimationFrame(frame);
            showProgress(total);
            if (count > 0)
              status.append(` · drawing the ${count === 1 ? 'worst image' : `${count} worst images`}…`);
          },
        },
        createWorker,
        navigator.hardwareConcurrency,
      );
      const kernel = output.kernels.join(' ');
      const elapsed = (performance.now() - started) / 1000;
      setChildren(
        status,
        `${countNoun(total, 'image')} in ${seconds(output.countSeconds)} s (${(total / output.countSeconds).toFixed(1)} images/s, ${workers} worker${workers === 1 ? '' : 's'}${kernel === '' ? '' : `, ${output.kernels.map(kernelName).join(' + ')} counting`}) · report ready after ${seconds(elapsed)} s`,
      );
      result.dataset.kernel = kernel;
      document.body.dataset.kernel = kernel;
      setChildren(
        result,
        h('h2', {}, output.reports.length === 2 ? 'Comparison' : 'Report'),
        resultView(output),
      );
      // The CLI's warning for intervals over few images (--ci, compare), in its words.
      const level = output.comparison?.level ?? output.reports[0]?.report.confidence?.level;
      const few = level === undefined ? null : fewImagesWarning(total, level);
      if (few !== null) notes.append(h('p', { class: 'warning', 'data-testid': 'few-images' }, few));
      delete result.dataset.previous;
      result.setAttribute('aria-label', 'Result');
      shown = {
        folders: [
          `ground truth “${gt.name}”`,
          `prediction${predB === null ? '' : ' A'} “${pred.name}”`,
          ...(predB === null ? [] : [`prediction B “${predB.name}”`]),
        ].join(', '),
        command: cliCommand(settings, {
          gt: gt.name,
          pred: pred.name,
          ...(predB === null ? {} : { predB: predB.name }),
        }).command,
      };
      result.hidden = false;
    } catch (error) {
      cancelAnimationFrame(frame);
      if (error instanceof CancelledError) {
        setChildren(status, `Cancelled after ${progress.value} of ${countNoun(total, 'image')}.`);
        markPrevious('cancelled');
      } else {
        showError(error);
        markPrevious('failed');
      }
    } finally {
      running = null;
      progress.hidden = true;
      cancelButton.hidden = true;
      evaluateButton.disabled = false;
      document.body.dataset.state = 'idle';
    }
  };
  cancelButton.addEventListener('click', () => running?.abort());

  root.append(
    h(
      'header',
      { class: 'page-head' },
      h('h1', {}, 'segmetrics'),
      h(
        'p',
        { class: 'lead' },
        'Evaluate semantic-segmentation predictions against ground truth in your browser: exact mIoU and friends, with explicit conventions and what other libraries would report. Nothing is uploaded: the files are read on this machine.',
      ),
    ),
    h(
      'form',
      {
        class: 'run-form',
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          void run();
        },
      },
      h(
        'section',
        { class: 'folders', 'aria-label': 'Folders' },
        gtPicker.element,
        predPicker.element,
        predBPicker.element,
      ),
      h(
        'section',
        { class: 'settings-section', 'aria-label': 'Settings' },
        h('h2', {}, 'Settings'),
        form.element,
      ),
      h(
        'section',
        { class: 'actions', 'aria-label': 'Run' },
        h('div', { class: 'buttons' }, evaluateButton, cancelButton, resetButton),
        progress,
        status,
        errorBox,
        notes,
        h('p', { class: 'command' }, 'The same numbers from the command line: ', commandLine, commandNote),
      ),
    ),
    result,
    h(
      'footer',
      {},
      `segmetrics ${VERSION} · the page makes no request to any other host; the report is computed here.`,
    ),
  );
  document.body.dataset.state = 'idle';
  onSettings();
}
