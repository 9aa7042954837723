// @segmetrics/report/pictures — the report's thumbnails (ground truth, prediction, error map) as PNG
// data. A separate entry because it loads the PNG encoder, which reading a report model does not need.
export {
  type ImagePictures,
  type PictureEncoding,
  type RawLabelMap,
  reportImagePictures,
} from './pictures/report-image-pictures.js';
