;; The report's thumbnail sampler (thumbnail-kernel.ts): the source of THUMBNAIL_KERNEL_BYTES
;; (thumbnail-kernel-bytes.ts), compiled with wabt by `UPDATE_WASM_BYTES=1 pnpm vitest run
;; src/pictures/thumbnail-kernel-bytes.test.ts`; that test fails when the two differ.
;;
;; s(g, p, stride, cols, w, h, y0, y1, c, up, out) -> lg | lp << 8 | ls << 16
;;
;; Draws rows y0 … y1 - 1 of a w × h thumbnail (a band: the caller copies the sampled rows of a few
;; output rows at a time, so that little memory is touched). Memory: the ground truth's display code
;; of every byte value at 0..255 and the prediction's at 256..511; the w column offsets (i32) at
;; `cols`; the sampled source rows of output rows y0 … y1 - 1 of each map, `stride` bytes apart, at
;; `g` and `p`. Writes, from `out`: the ground truth's codes, the prediction's codes and the error
;; states (0 correct, 1 wrong, 2 ignored: the ground truth's code is c), w * h bytes each; then the
;; three pictures' PNG scanlines (per row its filter byte, then the w filtered bytes), h * (w + 1)
;; bytes each, under None (up = 0) or Up (up = 1: each byte minus the one above it, modulo 256, none
;; above row 0; the row above a band is the previous band's, already written). Returns the largest
;; ground-truth code, prediction code and error state of the band.
(module
  (memory (export "memory") 1)
  (func (export "s") (param $g i32) (param $p i32) (param $stride i32) (param $cols i32)
        (param $w i32) (param $h i32) (param $y0 i32) (param $y1 i32) (param $c i32) (param $up i32)
        (param $out i32) (result i32)
    (local $y i32) (local $x i32) (local $o i32) (local $f i32)
    (local $a i32) (local $b i32) (local $e i32) (local $col i32) (local $rg i32) (local $rp i32)
    (local $lg i32) (local $lp i32) (local $ls i32)
    (local $wh i32) (local $pred i32) (local $st i32) (local $gf i32) (local $pf i32) (local $sf i32)
    (local $filter i32) (local $above i32)
    (local.set $wh (i32.mul (local.get $w) (local.get $h)))
    (local.set $pred (i32.add (local.get $out) (local.get $wh)))
    (local.set $st (i32.add (local.get $pred) (local.get $wh)))
    (local.set $gf (i32.add (local.get $st) (local.get $wh)))
    (local.set $pf (i32.add (local.get $gf) (i32.mul (local.get $h) (i32.add (local.get $w) (i32.const 1)))))
    (local.set $sf (i32.add (local.get $pf) (i32.mul (local.get $h) (i32.add (local.get $w) (i32.const 1)))))
    (local.set $filter (select (i32.const 2) (i32.const 0) (local.get $up)))
    (local.set $y (local.get $y0))
    (local.set $o (i32.mul (local.get $y0) (local.get $w)))
    (local.set $f (i32.mul (local.get $y0) (i32.add (local.get $w) (i32.const 1))))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $y) (local.get $y1)))
        (local.set $rg
          (i32.add (local.get $g) (i32.mul (i32.sub (local.get $y) (local.get $y0)) (local.get $stride))))
        (local.set $rp
          (i32.add (local.get $p) (i32.mul (i32.sub (local.get $y) (local.get $y0)) (local.get $stride))))
        (i32.store8 (i32.add (local.get $gf) (local.get $f)) (local.get $filter))
        (i32.store8 (i32.add (local.get $pf) (local.get $f)) (local.get $filter))
        (i32.store8 (i32.add (local.get $sf) (local.get $f)) (local.get $filter))
        (local.set $f (i32.add (local.get $f) (i32.const 1)))
        (local.set $above (i32.and (local.get $up) (i32.ne (local.get $y) (i32.const 0))))
        (local.set $x (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $x) (local.get $w)))
            (local.set $col (i32.load (i32.add (local.get $cols) (i32.shl (local.get $x) (i32.const 2)))))
            (local.set $a (i32.load8_u (i32.load8_u (i32.add (local.get $rg) (local.get $col)))))
            (local.set $b (i32.load8_u offset=256 (i32.load8_u (i32.add (local.get $rp) (local.get $col)))))
            ;; ignored where the ground truth is ignored, else correct (0) or wrong (1)
            (local.set $e
              (select (i32.const 2)
                (i32.ne (local.get $a) (local.get $b))
                (i32.eq (local.get $a) (local.get $c))))
            (i32.store8 (i32.add (local.get $out) (local.get $o)) (local.get $a))
            (i32.store8 (i32.add (local.get $pred) (local.get $o)) (local.get $b))
            (i32.store8 (i32.add (local.get $st) (local.get $o)) (local.get $e))
            (local.set $lg (select (local.get $a) (local.get $lg) (i32.gt_u (local.get $a) (local.get $lg))))
            (local.set $lp (select (local.get $b) (local.get $lp) (i32.gt_u (local.get $b) (local.get $lp))))
            (local.set $ls (select (local.get $e) (local.get $ls) (i32.gt_u (local.get $e) (local.get $ls))))
            (if (local.get $above)
              (then
                (i32.store8 (i32.add (local.get $gf) (local.get $f))
                  (i32.sub (local.get $a)
                    (i32.load8_u (i32.sub (i32.add (local.get $out) (local.get $o)) (local.get $w)))))
                (i32.store8 (i32.add (local.get $pf) (local.get $f))
                  (i32.sub (local.get $b)
                    (i32.load8_u (i32.sub (i32.add (local.get $pred) (local.get $o)) (local.get $w)))))
                (i32.store8 (i32.add (local.get $sf) (local.get $f))
                  (i32.sub (local.get $e)
                    (i32.load8_u (i32.sub (i32.add (local.get $st) (local.get $o)) (local.get $w))))))
              (else
                (i32.store8 (i32.add (local.get $gf) (local.get $f)) (local.get $a))
                (i32.store8 (i32.add (local.get $pf) (local.get $f)) (local.get $b))
                (i32.store8 (i32.add (local.get $sf) (local.get $f)) (local.get $e))))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (local.set $f (i32.add (local.get $f) (i32.const 1)))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $cols)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows)))
    (i32.or (local.get $lg)
      (i32.or (i32.shl (local.get $lp) (i32.const 8)) (i32.shl (local.get $ls) (i32.const 16))))))
