;; The 8-bit pair-count kernel (WebAssembly SIMD), the text form of the bytes that
;; pairKernelModuleBytes() in wasm-pair-kernel.ts emits: assemble it with wabt's `wat2wasm` to get them
;; exactly (747 bytes); wasm-kernel-text.test.ts disassembles the emitted bytes and compares them with this
;; file (comments and layout aside), so a change to one must be made to the other.
;;
;; Linear memory: [0, 256 KiB) the 65,536-bin Int32 histogram hist[(gt << 8) | pred], then two 32 KiB
;; blocks (ground truth, prediction) that the caller fills. count(gt, pred, n), n a positive multiple of 16:
;; run-length counts the n (gt, pred) byte pairs, 16 at a time, into hist.
;;
;; params: 0 gt, 1 pred, 2 n
;; locals: 3 i, 4 start (of the current run), 5 cur (its bin), 6 mask, 7 j, 8 addr (i32);
;;         9 prevG, 10 prevP, 11 g, 12 p, 13 pairs (v128)
(module
  (type (;0;) (func (param i32 i32 i32)))
  (func (;0;) (type 0) (param i32 i32 i32)
    (local i32 i32 i32 i32 i32 i32 v128 v128 v128 v128 v128)
    ;; prevG, prevP = the first pixel in every lane; i = 0; cur = the first pair
    local.get 0
    i32.load8_u
    i8x16.splat
    local.set 9
    local.get 1
    i32.load8_u
    i8x16.splat
    local.set 10
    i32.const 0
    local.set 3
    local.get 0
    local.get 3
    i32.add
    i32.load8_u
    i32.const 8
    i32.shl
    local.get 1
    local.get 3
    i32.add
    i32.load8_u
    i32.or
    local.set 5
    ;; for each vector of 16 pixels at i
    loop
      local.get 0
      local.get 3
      i32.add
      v128.load align=1
      local.set 11
      local.get 1
      local.get 3
      i32.add
      v128.load align=1
      local.set 12
      ;; mask = lanes whose pair differs from the pixel before it (each lane vs the previous lane)
      local.get 9
      local.get 11
      i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30
      local.get 11
      i8x16.eq
      local.get 10
      local.get 12
      i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30
      local.get 12
      i8x16.eq
      v128.and
      i8x16.bitmask
      i32.const 65535
      i32.xor
      local.tee 6
      ;; some pair changes in this vector
      if
        local.get 6
        i32.popcnt
        i32.const 8
        i32.ge_u
        ;; 8 or more changes (noisy): end the run at i, add 1 per pixel, start a new run at i + 16
        if
          local.get 5
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load
          local.get 3
          local.get 4
          i32.sub
          i32.add
          i32.store
          local.get 12
          local.get 11
          i8x16.shuffle 0 16 1 17 2 18 3 19 4 20 5 21 6 22 7 23
          local.set 13
          local.get 13
          i16x8.extract_lane_u 0
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load
          i32.const 1
          i32.add
          i32.store
          local.get 13
          i16x8.extract_lane_u 1
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load
          i32.const 1
          i32.add
          i32.store
          local.get 13
          i16x8.extract_lane_u 2
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load
          i32.const 1
          i32.add
          i32.store
          local.get 13
          i16x8.extract_lane_u 3
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load
          i32.const 1
          i32.add
          i32.store
          local.get 13
          i16x8.extract_lane_u 4
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load
          i32.const 1
          i32.add
          i32.store
          local.get 13
          i16x8.extract_lane_u 5
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load
          i32.const 1
          i32.add
          i32.store
          local.get 13
          i16x8.extract_lane_u 6
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load
          i32.const 1
          i32.add
          i32.store
          local.get 13
          i16x8.extract_lane_u 7
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load
          i32.const 1
          i32.add
          i32.store
          local.get 12
          local.get 11
          i8x16.shuffle 8 24 9 25 10 26 11 27 12 28 13 29 14 30 15 31
          local.set 13
          local.get 13
          i16x8.extract_lane_u 0
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load
          i32.const 1
          i32.add
          i32.store
          local.get 13
          i16x8.extract_lane_u 1
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load
          i32.const 1
          i32.add
          i32.store
          local.get 13
          i16x8.extract_lane_u 2
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load
          i32.const 1
          i32.add
          i32.store
          local.get 13
          i16x8.extract_lane_u 3
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load
          i32.const 1
          i32.add
          i32.store
          local.get 13
          i16x8.extract_lane_u 4
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load
          i32.const 1
          i32.add
          i32.store
          local.get 13
          i16x8.extract_lane_u 5
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load
          i32.const 1
          i32.add
          i32.store
          local.get 13
          i16x8.extract_lane_u 6
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load
          i32.const 1
          i32.add
          i32.store
          local.get 13
          i16x8.extract_lane_u 7
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load
          i32.const 1
          i32.add
          i32.store
          local.get 3
          i32.const 16
          i32.add
          local.set 4
          local.get 3
          i32.const 15
          i32.add
          local.set 7
          local.get 0
          local.get 7
          i32.add
          i32.load8_u
          i32.const 8
          i32.shl
          local.get 1
          local.get 7
          i32.add
          i32.load8_u
          i32.or
          local.set 5
        ;; fewer changes: for each set bit j of mask, end the run at i + j and start one there
        else
          loop
            local.get 3
            local.get 6
            i32.ctz
            i32.add
            local.set 7
            local.get 5
            i32.const 2
            i32.shl
            local.tee 8
            local.get 8
            i32.load
            local.get 7
            local.get 4
            i32.sub
            i32.add
            i32.store
            local.get 7
            local.set 4
            local.get 0
            local.get 7
            i32.add
            i32.load8_u
            i32.const 8
            i32.shl
            local.get 1
            local.get 7
            i32.add
            i32.load8_u
            i32.or
            local.set 5
            local.get 6
            local.get 6
            i32.const 1
            i32.sub
            i32.and
            local.tee 6
            br_if 0
          end
        end
      end
      ;; prevG, prevP = this vector; i += 16; loop while i < n
      local.get 11
      local.set 9
      local.get 12
      local.set 10
      local.get 3
      i32.const 16
      i32.add
      local.tee 3
      local.get 2
      i32.lt_u
      br_if 0
    end
    ;; the last run: hist[cur] += n - start
    local.get 5
    i32.const 2
    i32.shl
    local.tee 8
    local.get 8
    i32.load
    local.get 2
    local.get 4
    i32.sub
    i32.add
    i32.store)
  (memory (;0;) 5 5)
  (export "m" (memory 0))
  (export "c" (func 0)))
