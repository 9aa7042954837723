// @segmetrics/report/pictures — the report's thumbnails (ground truth, prediction, error map) as PNG
// data. A separate entry because it loads the PNG encoder, which reading a report model does not need.
export {
  encodeReportPictures,
  type ImagePictures,
  type PictureEncoding,
  type RawLabelMap,
  type ReportThumbnails,
  reportImagePictures,
  reportThumbnails,
} from './pictures/report-image-pictures.js';
export type {
  FilteredPicture,
  ThumbnailCodePair,
  ThumbnailCodes,
  ThumbnailScanlines,
} from './pictures/thumbnail-codes.js';
