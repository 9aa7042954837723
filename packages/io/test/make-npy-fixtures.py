#!/usr/bin/python3
"""Writes the .npy fixtures of decode-npy.test.ts with NumPy itself (the reference writer).

Run: /usr/bin/python3 test/make-npy-fixtures.py   (needs Debian's python3-numpy:
apt-get install -y python3-numpy). Outputs are committed; the tests do not need Python.
"""
import os
import numpy as np

out = os.path.join(os.path.dirname(__file__), 'fixtures', 'npy')
os.makedirs(out, exist_ok=True)
labels = (np.arange(12).reshape(3, 4) * 7) % 11  # 3 rows, 4 columns

for name, dtype in [('u1', '<u1'), ('u2le', '<u2'), ('u2be', '>u2'), ('i4le', '<i4'), ('i4be', '>i4'),
                    ('i8le', '<i8'), ('i8be', '>i8'), ('u8', '<u8'), ('i1', 'i1'), ('i2', '<i2'), ('u4', '<u4')]:
    np.save(os.path.join(out, f'labels_{name}.npy'), labels.astype(dtype))
np.save(os.path.join(out, 'labels_i8_fortran.npy'), np.asfortranarray(labels.astype('<i8')))
np.save(os.path.join(out, 'labels_u1_fortran.npy'), np.asfortranarray(labels.astype('u1')))
np.save(os.path.join(out, 'labels_bool.npy'), labels > 5)
np.save(os.path.join(out, 'labels_1hw.npy'), labels[None].astype('u1'))
np.save(os.path.join(out, 'labels_negative.npy'), (labels - 1).astype('<i8'))
np.save(os.path.join(out, 'labels_float_integral.npy'), labels.astype('<f4'))
np.save(os.path.join(out, 'labels_float_fraction.npy'), labels.astype('<f4') + 0.5)
np.save(os.path.join(out, 'labels_i8_too_big.npy'), (labels.astype('<i8') + 2**40))
np.save(os.path.join(out, 'labels_rgb.npy'), np.zeros((3, 4, 3), 'u1'))
np.save(os.path.join(out, 'labels_complex.npy'), labels.astype('c8'))

rng = np.random.default_rng(0)
scores = rng.standard_normal((5, 6, 7)).astype('<f4')  # C=5, H=6, W=7
scores[2, 0, 0] = scores[:, 0, 0].max()  # a tie at pixel (0,0): the first maximum wins
np.save(os.path.join(out, 'scores_chw_f4.npy'), scores)
np.save(os.path.join(out, 'scores_hwc_f8be.npy'), np.transpose(scores, (1, 2, 0)).astype('>f8'))
np.save(os.path.join(out, 'scores_chw_f2_fortran.npy'), np.asfortranarray(scores.astype('<f2')))
np.save(os.path.join(out, 'scores_batch_chw.npy'), scores[None])
nan_scores = scores.copy()
nan_scores[1, 1, 0] = np.nan  # pixel 4, whose maximum is class 4
np.save(os.path.join(out, 'scores_nan.npy'), nan_scores)
np.save(os.path.join(out, 'scores_ambiguous.npy'), rng.standard_normal((4, 3, 4)).astype('<f4'))

# Golden argmax results from NumPy itself.
with open(os.path.join(out, 'expected.txt'), 'w') as f:
    f.write('labels ' + ' '.join(map(str, labels.ravel())) + '\n')
    f.write('argmax ' + ' '.join(map(str, scores.argmax(0).ravel())) + '\n')
    f.write('argmax_f2 ' + ' '.join(map(str, scores.astype('<f2').argmax(0).ravel())) + '\n')
    f.write('argmax_nan ' + ' '.join(map(str, nan_scores.argmax(0).ravel())) + '\n')
