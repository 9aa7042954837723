;; Text form of the PNG unfilter kernel that wasm-unfilter-kernel.ts emits byte by byte.
;; Functions appear in index order. $paeth_2 / $paeth_4 and $sub_2 / $sub_4 are $paeth_1 / $sub_1 with
;; i32.load16_u + i16x8.splat (resp. i32.load + i32x4.splat) for the pixel loads and splats and the
;; constant 2 (resp. 4) for the pixel size; $paeth_n / $sub_n are their byte-serial forms for any bpp.
;; Every filter function takes (s = filtered bytes, d = output row, p = row above, n = row bytes, bpp).
(module
  (memory (export "m") 1)

  ;; 0: unfilters `rows` rows; −1, or the index of the first row with an invalid filter type
  (func $run (export "u") (param $src i32) (param $dst i32) (param $n i32) (param $rows i32) (param $bpp i32)
    (result i32) (local $r i32) (local $filter i32) (local $s i32) (local $unused i32)
    (block (loop
      (br_if 1 (i32.ge_s (local.get $r) (local.get $rows)))
      (local.set $filter (i32.load8_u (local.get $src)))
      (local.set $s (i32.add (local.get $src) (i32.const 1)))
      ;; args = s, dst, dst − n, n, bpp
      (if (i32.eqz (local.get $filter))
        (then (memory.copy (local.get $dst) (local.get $s) (local.get $n)))
        (else (if (i32.eq (local.get $filter) (i32.const 1))
          (then ;; bpp 1, 2, 4 → $sub_1, $sub_2, $sub_4; else $sub_n
            (call $sub_1 (local.get $s) (local.get $dst) (i32.sub (local.get $dst) (local.get $n))
              (local.get $n) (local.get $bpp)))
          (else (if (i32.eq (local.get $filter) (i32.const 2))
            (then (call $up (local.get $s) (local.get $dst) (i32.sub (local.get $dst) (local.get $n))
              (local.get $n) (local.get $bpp)))
            (else (if (i32.eq (local.get $filter) (i32.const 3))
              (then (call $avg (local.get $s) (local.get $dst) (i32.sub (local.get $dst) (local.get $n))
                (local.get $n) (local.get $bpp)))
              (else (if (i32.eq (local.get $filter) (i32.const 4))
                (then ;; bpp 1, 2, 4 → $paeth_1, $paeth_2, $paeth_4; else $paeth_n
                  (call $paeth_1 (local.get $s) (local.get $dst) (i32.sub (local.get $dst) (local.get $n))
                    (local.get $n) (local.get $bpp)))
                (else (return (local.get $r)))))))))))
      (local.set $src (i32.add (i32.add (local.get $src) (local.get $n)) (i32.const 1)))
      (local.set $dst (i32.add (local.get $dst) (local.get $n)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br 0)))
    (i32.const -1))

  ;; 1: byte-serial Paeth over bytes [i, end), i ≥ bpp
  (func $paeth_serial (param $s i32) (param $d i32) (param $p i32) (param $i i32) (param $end i32) (param $bpp i32)
    (local $a i32) (local $b i32) (local $c i32) (local $pa i32) (local $pb i32) (local $pc i32)
    (block
      (br_if 0 (i32.ge_s (local.get $i) (local.get $end)))
      (loop
        (local.set $a (i32.load8_u (i32.sub (i32.add (local.get $d) (local.get $i)) (local.get $bpp))))
        (local.set $b (i32.load8_u (i32.add (local.get $p) (local.get $i))))
        (local.set $c (i32.load8_u (i32.sub (i32.add (local.get $p) (local.get $i)) (local.get $bpp))))
        (local.set $pa (i32.sub (local.get $b) (local.get $c)))
        (local.set $pb (i32.sub (local.get $a) (local.get $c)))
        (local.set $pc (i32.add (local.get $pa) (local.get $pb)))
        ;; |x| = select(x, 0 − x, x ≥ 0), for pa, pb, pc
        (local.set $pa (select (local.get $pa) (i32.sub (i32.const 0) (local.get $pa)) (i32.ge_s (local.get $pa) (i32.const 0))))
        (local.set $pb (select (local.get $pb) (i32.sub (i32.const 0) (local.get $pb)) (i32.ge_s (local.get $pb) (i32.const 0))))
        (local.set $pc (select (local.get $pc) (i32.sub (i32.const 0) (local.get $pc)) (i32.ge_s (local.get $pc) (i32.const 0))))
        (i32.store8 (i32.add (local.get $d) (local.get $i))
          (i32.add (i32.load8_u (i32.add (local.get $s) (local.get $i)))
            (select (local.get $a)
              (select (local.get $b) (local.get $c) (i32.le_s (local.get $pb) (local.get $pc)))
              (i32.and (i32.le_s (local.get $pa) (local.get $pb)) (i32.le_s (local.get $pa) (local.get $pc))))))
        (br_if 0 (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $end))))))

  ;; 2: Up, sixteen bytes at a time, then byte by byte
  (func $up (param $s i32) (param $d i32) (param $p i32) (param $n i32) (param $bpp i32) (local $i i32)
    (block (loop
      (br_if 1 (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $n)))
      (v128.store (i32.add (local.get $d) (local.get $i))
        (i8x16.add (v128.load (i32.add (local.get $s) (local.get $i)))
                   (v128.load (i32.add (local.get $p) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br 0)))
    (block (loop
      (br_if 1 (i32.ge_s (local.get $i) (local.get $n)))
      (i32.store8 (i32.add (local.get $d) (local.get $i))
        (i32.add (i32.load8_u (i32.add (local.get $s) (local.get $i)))
                 (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br 0))))

  ;; 3: Average, byte-serial (first pixel: filtered + above / 2)
  (func $avg (param $s i32) (param $d i32) (param $p i32) (param $n i32) (param $bpp i32) (local $i i32)
    ;; first pixel, as in $first_pixel below with (i32.shr_u above 1)
    (block (loop
      (br_if 1 (i32.ge_s (local.get $i) (local.get $n)))
      (i32.store8 (i32.add (local.get $d) (local.get $i))
        (i32.add (i32.load8_u (i32.add (local.get $s) (local.get $i)))
          (i32.shr_u (i32.add (i32.load8_u (i32.sub (i32.add (local.get $d) (local.get $i)) (local.get $bpp)))
                              (i32.load8_u (i32.add (local.get $p) (local.get $i))))
                     (i32.const 1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br 0))))

  ;; 4: byte-serial Sub over bytes [i, end), i ≥ bpp
  (func $sub_serial (param $s i32) (param $d i32) (param $p i32) (param $i i32) (param $end i32) (param $bpp i32)
    (block (loop
      (br_if 1 (i32.ge_s (local.get $i) (local.get $end)))
      (i32.store8 (i32.add (local.get $d) (local.get $i))
        (i32.add (i32.load8_u (i32.add (local.get $s) (local.get $i)))
                 (i32.load8_u (i32.sub (i32.add (local.get $d) (local.get $i)) (local.get $bpp)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br 0))))

  ;; 5 (6, 7 for bpp 2, 4): Paeth with vector fast paths
  (func $paeth_1 (param $s i32) (param $d i32) (param $p i32) (param $n i32) (param $bpp i32)
    (local $i i32) (local $mask i32) (local $zero v128)
    (local.set $zero (i8x16.splat (i32.const 0)))
    ;; first pixel (left = upper-left = 0): x = filtered + above, for i < min(bpp, n)
    (block (loop
      (br_if 1 (i32.ge_s (local.get $i) (local.get $bpp)))
      (br_if 1 (i32.ge_s (local.get $i) (local.get $n)))
      (i32.store8 (i32.add (local.get $d) (local.get $i))
        (i32.add (i32.load8_u (i32.add (local.get $s) (local.get $i)))
                 (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br 0)))
    (block (loop
      (br_if 1 (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $n)))
      ;; mask = lanes whose filtered byte is not zero
      (local.set $mask (i32.xor (i8x16.bitmask (i8x16.eq (v128.load (i32.add (local.get $s) (local.get $i)))
                                                          (local.get $zero)))
                                (i32.const 0xffff)))
      (if (i32.eq (i32.load8_u (i32.sub (i32.add (local.get $d) (local.get $i)) (i32.const 1)))
                  (i32.load8_u (i32.sub (i32.add (local.get $p) (local.get $i)) (i32.const 1))))
        (then ;; last pixel == pixel above: "above" up to the first non-zero filtered byte
          (v128.store (i32.add (local.get $d) (local.get $i)) (v128.load (i32.add (local.get $p) (local.get $i))))
          (if (i32.eqz (local.get $mask))
            (then (local.set $i (i32.add (local.get $i) (i32.const 16))))
            (else
              (local.set $i (i32.add (local.get $i) (i32.ctz (local.get $mask))))
              (call $paeth_serial (local.get $s) (local.get $d) (local.get $p) (local.get $i)
                (i32.add (local.get $i) (i32.const 1)) (local.get $bpp))
              (local.set $i (i32.add (local.get $i) (i32.const 1))))))
        (else
          ;; mask = 1 when the filtered bytes are zero and the row above repeats, else 0
          (if (i32.eqz (local.get $mask))
            (then (local.set $mask (i8x16.all_true (i8x16.eq
              (v128.load (i32.add (local.get $p) (local.get $i)))
              (v128.load (i32.sub (i32.add (local.get $p) (local.get $i)) (i32.const 1)))))))
            (else (local.set $mask (i32.const 0))))
          (if (i32.eqz (local.get $mask))
            (then
              (call $paeth_serial (local.get $s) (local.get $d) (local.get $p) (local.get $i)
                (i32.add (local.get $i) (i32.const 1)) (local.get $bpp))
              (local.set $i (i32.add (local.get $i) (i32.const 1))))
            (else ;; "left" throughout: repeat the last pixel
              (v128.store (i32.add (local.get $d) (local.get $i))
                (i8x16.splat (i32.load8_u (i32.sub (i32.add (local.get $d) (local.get $i)) (i32.const 1)))))
              (local.set $i (i32.add (local.get $i) (i32.const 16)))))))
      (br 0)))
    (call $paeth_serial (local.get $s) (local.get $d) (local.get $p) (local.get $i) (local.get $n) (local.get $bpp)))

  ;; 8: $paeth_n — the first pixel as above, then
  ;;   (call $paeth_serial (local.get $s) (local.get $d) (local.get $p) (local.get $i) (local.get $n) (local.get $bpp))

  ;; 9 (10, 11 for bpp 2, 4): Sub with vector fast paths
  (func $sub_1 (param $s i32) (param $d i32) (param $p i32) (param $n i32) (param $bpp i32)
    (local $i i32) (local $mask i32) (local $zero v128)
    ;; first pixel (left = 0): x = filtered, for i < min(bpp, n)
    (block (loop
      (br_if 1 (i32.ge_s (local.get $i) (local.get $bpp)))
      (br_if 1 (i32.ge_s (local.get $i) (local.get $n)))
      (i32.store8 (i32.add (local.get $d) (local.get $i)) (i32.load8_u (i32.add (local.get $s) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br 0)))
    (local.set $zero (i8x16.splat (i32.const 0)))
    (block (loop
      (br_if 1 (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $n)))
      (local.set $mask (i32.xor (i8x16.bitmask (i8x16.eq (v128.load (i32.add (local.get $s) (local.get $i)))
                                                          (local.get $zero)))
                                (i32.const 0xffff)))
      ;; repeat the last pixel, then fix the first non-zero filtered byte and resume after it
      (v128.store (i32.add (local.get $d) (local.get $i))
        (i8x16.splat (i32.load8_u (i32.sub (i32.add (local.get $d) (local.get $i)) (i32.const 1)))))
      (if (i32.eqz (local.get $mask))
        (then (local.set $i (i32.add (local.get $i) (i32.const 16))))
        (else
          (local.set $i (i32.add (local.get $i) (i32.ctz (local.get $mask))))
          (call $sub_serial (local.get $s) (local.get $d) (local.get $p) (local.get $i)
            (i32.add (local.get $i) (i32.const 1)) (local.get $bpp))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))))
      (br 0)))
    (call $sub_serial (local.get $s) (local.get $d) (local.get $p) (local.get $i) (local.get $n) (local.get $bpp)))

  ;; 12: $sub_n — the first pixel as above, then
  ;;   (call $sub_serial (local.get $s) (local.get $d) (local.get $p) (local.get $i) (local.get $n) (local.get $bpp))
)
