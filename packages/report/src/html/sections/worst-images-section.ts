import { displayName, nameHtml } from '../display-name.js';
import { escapeHtml } from '../escape-html.js';
import type { HtmlContext } from '../html-context.js';
import { className, count, pctText } from '../html-format.js';
import type { HtmlReportImage } from '../html-report-input.js';
import { type HtmlPicture, pngDataUrl } from '../png-data-url.js';
import type { ReportSection } from '../report-section.js';

/** How many of an image's lowest-IoU classes a card names. */
const HURT_CLASSES = 4;

const VIEWS = [
  ['groundTruth', 'gt', 'Ground truth'],
  ['prediction', 'pred', 'Prediction'],
  ['errorMap', 'err', 'Errors'],
] as const;

function thumb(
  picture: HtmlPicture,
  view: string,
  label: string,
  id: string,
  index: number,
  what: string,
): string {
  const { url, width, height } = pngDataUrl(picture, what);
  const alt = `${label} of ${displayName(id)}`;
  return (
    `<figure class="thumb"><button type="button" class="thumb-btn" data-open="${index}" data-view="${view}" aria-label="Enlarge: ${escapeHtml(alt)}">` +
    `<span class="stack"><img class="pic pic-${view}" src="${url}" width="${width}" height="${height}" alt="${escapeHtml(alt)}"></span>` +
    `</button><figcaption>${label}</figcaption></figure>`
  );
}

function card(context: HtmlContext, image: HtmlReportImage, index: number): string {
  const { row } = image;
  const id = escapeHtml(row.id);
  const shown = nameHtml(row.id);
  const pictures = VIEWS.filter(([key]) => image[key] !== undefined).map(([key, view, label]) =>
    thumb(image[key]!, view, label, row.id, index, `image ${index + 1} (${row.id}) ${key}`),
  );
  const hurt = row.classIoU
    .slice(0, HURT_CLASSES)
    .map(
      (c) =>
        `<li>${className(c.name, context.colors[c.id] ?? '#888')} <span class="num">${pctText(c.iou)}</span></li>`,
    );
  const size =
    image.width !== undefined && image.height !== undefined ? ` · ${image.width}×${image.height}` : '';
  return (
    `<article class="img-card" data-index="${index}" data-id="${id}" aria-labelledby="img-${index}-title">` +
    `<h3 id="img-${index}-title"><span class="rank">#${index + 1}</span> <span class="img-id">${shown}</span></h3>` +
    `<p class="img-stats">mIoU <strong class="img-miou">${pctText(row.mIoU)}</strong> · pixel accuracy ${pctText(row.pixelAccuracy)}` +
    ` · ${count(row.counted)} px counted${row.ignored > 0 ? `, ${count(row.ignored)} ignored` : ''} · ${row.classes} classes${size}</p>` +
    (pictures.length > 0 ? `<div class="thumbs">${pictures.join('')}</div>` : '') +
    (hurt.length > 0
      ? `<div class="hurt"><span class="muted">Lowest class IoU:</span><ol>${hurt.join('')}</ol></div>`
      : '') +
    '</article>'
  );
}

function controls(group: string): string {
  const radio = (value: string, label: string) =>
    `<label><input type="radio" name="${group}" value="${value}" data-overlay${value === 'none' ? ' checked' : ''}> ${label}</label>`;
  return (
    `<div class="overlay-tools" role="group" aria-label="Overlay on the ground truth">` +
    `<span>Overlay on ground truth:</span>${radio('none', 'none')}${radio('pred', 'prediction')}${radio('err', 'errors')}` +
    '<label>opacity <input type="range" min="0" max="100" value="60" data-opacity> <output>60%</output></label></div>'
  );
}

const DIALOG =
  '<dialog id="img-dialog" aria-labelledby="img-dialog-title">' +
  '<div class="dialog-head"><h3 id="img-dialog-title">Image</h3>' +
  '<button type="button" data-step="-1" aria-label="Previous image">‹</button>' +
  '<button type="button" data-step="1" aria-label="Next image">›</button>' +
  '<button type="button" class="dialog-close" aria-label="Close">✕</button></div>' +
  `<div class="dialog-body">${controls('overlay-dialog')}` +
  '<div class="stage" id="img-stage"><div class="stage-inner"><img class="stage-base" alt=""><img class="stage-overlay" alt=""></div></div>' +
  '<p class="readout" id="img-readout" aria-live="polite">Point at the picture to read the classes.</p>' +
  '<div class="dialog-views" id="img-views"></div></div></dialog>';

/**
 * Under a convention that drops pixels (`keras`: a prediction of an ignore label outside the classes is in
 * no class's support), the summary drops them but an image's own values count them as misses of their
 * ground-truth class: per image, only totals are kept, not the class of each dropped pixel.
 */
function droppedNote(context: HtmlContext): string {
  const { dropped } = context.report.pixels;
  if (dropped === 0) return '';
  return (
    `<p class="note" id="images-dropped-note">The summary leaves out the ${count(dropped)} dropped pixel${dropped === 1 ? '' : 's'} ` +
    '(predicted as an ignore label, not counted under this convention); the values of each image below count them as misses of their ground-truth class, because per image the class of a dropped pixel is not kept.</p>\n'
  );
}

/**
 * The worst images (worst mIoU first): each card gives the image id, its mIoU, pixel accuracy and
 * counts, its lowest-IoU classes, and the ground truth, prediction and error map thumbnails (PNG data
 * URLs). Selecting a thumbnail enlarges it in a dialog; an overlay control lays the prediction or the
 * error map over the ground truth at a chosen opacity. Without images, says why.
 */
export function worstImagesSection(context: HtmlContext): ReportSection {
  const { images, imagesNote } = context;
  const note = imagesNote === null ? '' : `<p class="note" id="images-note">${escapeHtml(imagesNote)}</p>`;
  if (images.length === 0) {
    const why =
      imagesNote !== null
        ? note
        : context.report.images === 0
          ? '<p class="note" id="images-note">No image was counted, so there are no worst images.</p>'
          : '<p class="note" id="images-note">No per-image results: this run kept no per-image statistics, so the worst images cannot be ranked.</p>';
    return { id: 'worst-images', title: 'Worst images', body: why };
  }
  const anyPicture = images.some((i) => i.groundTruth ?? i.prediction ?? i.errorMap);
  const cards = images.map((image, i) => card(context, image, i));
  const body =
    `<p>The ${images.length} image${images.length === 1 ? '' : 's'} with the lowest mIoU under the report&#39;s settings, worst first, with the classes that hurt each most.</p>\n${note}${droppedNote(context)}` +
    (anyPicture
      ? `${controls('overlay')}\n<p class="note">Error maps: <span class="key" style="background:${context.pictureColors.correct}"></span> correct, ` +
        `<span class="key" style="background:${context.pictureColors.wrong}"></span> wrong, ` +
        `<span class="key" style="background:${context.pictureColors.errorIgnored}"></span> ignored. Select a picture to enlarge it.</p>`
      : '') +
    `<div class="gallery${anyPicture ? '' : ' no-pictures'}" id="gallery">\n${cards.join('\n')}\n</div>` +
    (anyPicture ? DIALOG : '');
  return { id: 'worst-images', title: 'Worst images', body };
}
