import { datasetPresets } from '@segmetrics/io';
import { presets } from '@segmetrics/metrics';
import { FIELD_LABELS } from '../settings/run-input.js';
import { QUERY_KEYS, type WebSettings } from '../settings/web-settings.js';
import { h } from './dom.js';

/** The settings form: its element, and reading / writing the settings it holds. */
export interface SettingsForm {
  readonly element: HTMLElement;
  read(): WebSettings;
  write(settings: WebSettings): void;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

interface FieldSpec {
  readonly key: keyof WebSettings;
  /** A select's options: [value, label]. */
  readonly options?: readonly (readonly [string, string])[];
  readonly textarea?: boolean;
  readonly inputMode?: 'numeric' | 'decimal';
  readonly placeholder?: string;
  readonly help: string;
}

const DEFAULT = (text: string) => ['', text] as const;

const DATASET_OPTIONS = [
  ['', 'none'] as const,
  ...Object.values(datasetPresets).map((p) => [p.name, `${p.name} (${p.numClasses} classes)`] as const),
];
const PRESET_OPTIONS = [
  ['', 'none (segmetrics defaults)'] as const,
  ...Object.keys(presets).map((name) => [name, name] as const),
];

const MAIN_FIELDS: readonly FieldSpec[] = [
  {
    key: 'dataset',
    options: DATASET_OPTIONS,
    help: 'class names, colours, ignore labels and label mapping of a public dataset',
  },
  { key: 'numClasses', inputMode: 'numeric', help: 'labels 0 … C − 1' },
  { key: 'ignoreIndex', placeholder: 'none', help: 'ground-truth labels not counted, e.g. 255 or 0, 255' },
  {
    key: 'reduceZeroLabel',
    options: [DEFAULT('dataset default'), ['on', 'on'], ['off', 'off']],
    help: 'raw 0 → ignored, k → k − 1 (mmseg, ADE20K)',
  },
  {
    key: 'mappingAppliesTo',
    options: [DEFAULT('default (both)'), ['both', 'both maps'], ['gt', 'ground truth only']],
    help: 'the maps the label mapping applies to: ground truth only when predictions are class ids (mmseg)',
  },
];

const CLASS_FIELDS: readonly FieldSpec[] = [
  {
    key: 'classNames',
    textarea: true,
    placeholder: 'the dataset’s, else class_0, class_1, …',
    help: 'one name per line (the CLI’s --classes file); blank lines and lines starting with # are skipped',
  },
  {
    key: 'labelMap',
    textarea: true,
    placeholder: 'e.g. {"0": null, "7": 0, "8": 1}',
    help: 'JSON: raw label → class id, null or -1 = ignored (the CLI’s --label-map file); labels not listed stay as they are',
  },
  {
    key: 'palette',
    textarea: true,
    placeholder: 'e.g. {"#000000": 0, "#800000": 1}',
    help: 'JSON: colour → class id of colour-coded masks, or a list of [r, g, b] by id (the CLI’s --palette file)',
  },
  {
    key: 'excludeClasses',
    placeholder: 'none',
    help: 'class ids or names left out of the means (their rows stay), comma separated',
  },
  {
    key: 'metrics',
    placeholder: 'iou,dice,precision,recall and their means, aAcc, fwIoU',
    help: 'what the report’s cards and per-class table (and the CSV) show: metric ids, comma separated, e.g. iou,kappa',
  },
];

const BOUNDARY_FIELDS: readonly FieldSpec[] = [
  {
    key: 'boundaryIou',
    options: [DEFAULT('off'), ['on', 'on']],
    help: 'also count Boundary IoU per class (Cheng et al., CVPR 2021)',
  },
  {
    key: 'boundaryDilationRatio',
    inputMode: 'decimal',
    placeholder: '0.02',
    help: 'boundary width as a fraction of the image diagonal (0.005 in the paper for Cityscapes); turns Boundary IoU on',
  },
];

const CONVENTION_FIELDS: readonly FieldSpec[] = [
  {
    key: 'aggregate',
    options: [
      DEFAULT('default (dataset)'),
      ['dataset', 'dataset: sum counts, then compute'],
      ['image', 'image: per image, then average'],
    ],
    help: 'where counts are summed',
  },
  {
    key: 'imageReduce',
    options: [
      DEFAULT('default (per-class)'),
      ['per-class', 'per-class'],
      ['per-image', 'per-image'],
      ['pooled', 'pooled'],
    ],
    help: 'with image aggregation: how the (image, class) values become one number',
  },
  {
    key: 'average',
    options: [DEFAULT('default (macro)'), ['macro', 'macro'], ['micro', 'micro'], ['weighted', 'weighted']],
    help: 'mean over classes',
  },
  {
    key: 'absent',
    placeholder: 'nan',
    help: 'value of a class absent from both: nan (left out), zero, one or a number',
  },
  {
    key: 'predictedOnly',
    options: [DEFAULT('default (score)'), ['score', 'score (IoU 0)'], ['skip', 'skip (detectron2, MONAI)']],
    help: 'a class predicted but not in the ground truth',
  },
  { key: 'preset', options: PRESET_OPTIONS, help: 'reproduce a library exactly' },
  {
    key: 'presetOptions',
    textarea: true,
    placeholder: 'e.g. labels=0,2,5',
    help: 'the preset library’s own parameters, NAME=VALUE, one per line',
  },
];

const CONFIDENCE_FIELDS: readonly FieldSpec[] = [
  {
    key: 'confidence',
    inputMode: 'decimal',
    placeholder: 'off',
    help: 'e.g. 0.95: bootstrap intervals over images (and, with two folders, p-values of B − A)',
  },
  { key: 'samples', inputMode: 'numeric', placeholder: '1000', help: 'bootstrap resamples' },
  { key: 'seed', inputMode: 'numeric', placeholder: '0', help: 'the same seed gives the same intervals' },
];

const PAIRING_FIELDS: readonly FieldSpec[] = [
  {
    key: 'gtSuffix',
    placeholder: 'e.g. _gtFine_labelTrainIds.png',
    help: 'removed to form the pair id; other files are skipped',
  },
  { key: 'predSuffix', placeholder: 'e.g. _leftImg8bit.png', help: 'the same for predictions' },
  {
    key: 'gtPattern',
    placeholder: 'regular expression',
    help: 'instead of a suffix: its first capture group is the id',
  },
  { key: 'predPattern', placeholder: 'regular expression', help: 'the same for predictions' },
  {
    key: 'matchBy',
    options: [DEFAULT('relative path'), ['path', 'relative path'], ['basename', 'file name only']],
    help: 'file name only: a flat prediction folder against nested ground truth',
  },
  {
    key: 'include',
    textarea: true,
    placeholder: 'e.g. frankfurt/**',
    help: 'only ids matching these globs (one per line)',
  },
  { key: 'exclude', textarea: true, help: 'skip ids matching these globs' },
];

const ADVANCED_FIELDS: readonly FieldSpec[] = [
  {
    key: 'unknownColor',
    inputMode: 'numeric',
    placeholder: 'error',
    help: 'label of mask colours missing from the palette, e.g. 255',
  },
  {
    key: 'scoresLayout',
    options: [DEFAULT('inferred'), ['chw', 'chw: classes first'], ['hwc', 'hwc: classes last']],
    help: 'axis order of float score arrays in .npy files (predictions as argmax of scores)',
  },
  { key: 'beta', inputMode: 'decimal', placeholder: '1', help: 'β of the F-score' },
  {
    key: 'workers',
    inputMode: 'numeric',
    placeholder: 'one per core',
    help: 'Web Workers that decode and count',
  },
  { key: 'reportImages', inputMode: 'numeric', placeholder: '24', help: 'worst images shown with pictures' },
  {
    key: 'topImages',
    inputMode: 'numeric',
    placeholder: '10',
    help: 'with two prediction folders: images listed where B loses and gains most',
  },
];

/** The settings form; `onChange` runs after every edit. */
export function settingsForm(onChange: () => void): SettingsForm {
  const controls = new Map<keyof WebSettings, Control>();
  const field = (spec: FieldSpec): HTMLElement => {
    const id = `setting-${QUERY_KEYS[spec.key]}`;
    const common = {
      id,
      name: QUERY_KEYS[spec.key],
      'data-testid': QUERY_KEYS[spec.key],
      'aria-describedby': `${id}-help`,
    };
    let control: Control;
    if (spec.options !== undefined) {
      control = h('select', common, ...spec.options.map(([value, label]) => h('option', { value }, label)));
    } else if (spec.textarea === true) {
      control = h('textarea', { ...common, rows: 2, placeholder: spec.placeholder, spellcheck: 'false' });
    } else {
      control = h('input', {
        ...common,
        type: 'text',
        inputmode: spec.inputMode,
        placeholder: spec.placeholder,
        autocomplete: 'off',
        spellcheck: 'false',
      });
    }
    control.addEventListener('input', onChange);
    control.addEventListener('change', onChange);
    controls.set(spec.key, control);
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, FIELD_LABELS[spec.key]),
      control,
      h('small', { id: `${id}-help` }, spec.help),
    );
  };
  const group = (specs: readonly FieldSpec[]) => h('div', { class: 'fields' }, ...specs.map(field));
  const element = h(
    'div',
    { class: 'settings' },
    group(MAIN_FIELDS),
    h('details', { class: 'more' }, h('summary', {}, 'Class names and label values'), group(CLASS_FIELDS)),
    h(
      'details',
      { class: 'more' },
      h('summary', {}, 'Conventions and compatibility presets'),
      group(CONVENTION_FIELDS),
    ),
    h('details', { class: 'more' }, h('summary', {}, 'Boundary IoU'), group(BOUNDARY_FIELDS)),
    h('details', { class: 'more' }, h('summary', {}, 'Confidence intervals'), group(CONFIDENCE_FIELDS)),
    h('details', { class: 'more' }, h('summary', {}, 'Pairing'), group(PAIRING_FIELDS)),
    h('details', { class: 'more' }, h('summary', {}, 'More'), group(ADVANCED_FIELDS)),
  );

  const updatePlaceholders = () => {
    const name = controls.get('dataset')!.value;
    const preset = name === '' ? undefined : datasetPresets[name as keyof typeof datasetPresets];
    const numClasses = controls.get('numClasses') as HTMLInputElement;
    numClasses.placeholder = preset === undefined ? 'required' : `${preset.numClasses} (from ${preset.name})`;
    const ignore = controls.get('ignoreIndex') as HTMLInputElement;
    const presetIgnore = preset?.ignoreIndex ?? [];
    ignore.placeholder =
      presetIgnore.length > 0
        ? `${presetIgnore.join(', ')} (from ${preset!.name})`
        : 'none (255 with reduce zero label)';
  };
  controls.get('dataset')!.addEventListener('change', updatePlaceholders);
  updatePlaceholders();

  return {
    element,
    read: () => {
      const out: Record<string, string> = {};
      for (const [key, control] of controls) out[key] = control.value;
      return out as unknown as WebSettings;
    },
    write: (settings) => {
      for (const [key, control] of controls) control.value = settings[key];
      // Values a select does not offer fall back to its first option (not given).
      for (const control of controls.values()) {
        if (control instanceof HTMLSelectElement && control.selectedIndex < 0) control.selectedIndex = 0;
      }
      updatePlaceholders();
    },
  };
}
