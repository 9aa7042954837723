;; The 16-bit pair-count kernel (WebAssembly SIMD), the text form of the bytes that
;; shortKernelModuleBytes() in wasm-pair-kernel.ts emits: assemble it with wabt's `wat2wasm` to get them
;; exactly (790 bytes); wasm-kernel-text.test.ts disassembles the emitted bytes and compares them with this
;; file (comments and layout aside), so a change to one must be made to the other.
;;
;; Linear memory (growable): gtRow, 65,536 Int32 slot rows at 0; predCol, 65,536 Int32 slot columns at
;; 256 KiB (262144); two 16,384-pixel blocks (ground truth at 512 KiB = 524288, prediction after it); the
;; slot histogram at 589824. count(gt, pred, n), n a positive multiple of 8: each 16-bit pixel pair (g, p)
;; adds to hist[gtRow[g] + predCol[p]], one run at a time, 8 pixels per vector.
;;
;; params: 0 gt, 1 pred, 2 n (pixels)
;; locals: 3 i (byte offset), 4 start, 5 cur (slot of the current run), 6 mask, 7 j, 8 addr, 9 end (bytes)
;;         (i32); 10 prevG, 11 prevP, 12 g, 13 p (v128)
(module
  (type (;0;) (func (param i32 i32 i32)))
  (func (;0;) (type 0) (param i32 i32 i32)
    (local i32 i32 i32 i32 i32 i32 i32 v128 v128 v128 v128)
    ;; end = 2n bytes; prevG, prevP = the first pixel in every lane; i = start = 0; cur = its slot
    local.get 2
    i32.const 1
    i32.shl
    local.set 9
    local.get 0
    i32.load16_u
    i16x8.splat
    local.set 10
    local.get 1
    i32.load16_u
    i16x8.splat
    local.set 11
    i32.const 0
    local.set 3
    i32.const 0
    local.set 4
    local.get 0
    local.get 3
    i32.add
    i32.load16_u
    i32.const 2
    i32.shl
    i32.load
    local.get 1
    local.get 3
    i32.add
    i32.load16_u
    i32.const 2
    i32.shl
    i32.load offset=262144
    i32.add
    local.set 5
    ;; for each vector of 8 pixels at byte offset i
    loop
      local.get 0
      local.get 3
      i32.add
      v128.load align=1
      local.set 12
      local.get 1
      local.get 3
      i32.add
      v128.load align=1
      local.set 13
      local.get 10
      local.get 12
      i8x16.shuffle 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29
      local.get 12
      i16x8.eq
      local.get 11
      local.get 13
      i8x16.shuffle 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29
      local.get 13
      i16x8.eq
      v128.and
      i16x8.bitmask
      i32.const 255
      i32.xor
      local.tee 6
      ;; some pair changes in this vector
      if
        local.get 6
        i32.popcnt
        i32.const 4
        i32.ge_u
        ;; 4 or more changes (noisy): end the run at i, add 1 per pixel, start a new run at i + 16
        if
          local.get 5
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load offset=589824
          local.get 3
          local.get 4
          i32.sub
          i32.const 1
          i32.shr_u
          i32.add
          i32.store offset=589824
          local.get 12
          i16x8.extract_lane_u 0
          i32.const 2
          i32.shl
          i32.load
          local.get 13
          i16x8.extract_lane_u 0
          i32.const 2
          i32.shl
          i32.load offset=262144
          i32.add
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load offset=589824
          i32.const 1
          i32.add
          i32.store offset=589824
          local.get 12
          i16x8.extract_lane_u 1
          i32.const 2
          i32.shl
          i32.load
          local.get 13
          i16x8.extract_lane_u 1
          i32.const 2
          i32.shl
          i32.load offset=262144
          i32.add
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load offset=589824
          i32.const 1
          i32.add
          i32.store offset=589824
          local.get 12
          i16x8.extract_lane_u 2
          i32.const 2
          i32.shl
          i32.load
          local.get 13
          i16x8.extract_lane_u 2
          i32.const 2
          i32.shl
          i32.load offset=262144
          i32.add
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load offset=589824
          i32.const 1
          i32.add
          i32.store offset=589824
          local.get 12
          i16x8.extract_lane_u 3
          i32.const 2
          i32.shl
          i32.load
          local.get 13
          i16x8.extract_lane_u 3
          i32.const 2
          i32.shl
          i32.load offset=262144
          i32.add
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load offset=589824
          i32.const 1
          i32.add
          i32.store offset=589824
          local.get 12
          i16x8.extract_lane_u 4
          i32.const 2
          i32.shl
          i32.load
          local.get 13
          i16x8.extract_lane_u 4
          i32.const 2
          i32.shl
          i32.load offset=262144
          i32.add
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load offset=589824
          i32.const 1
          i32.add
          i32.store offset=589824
          local.get 12
          i16x8.extract_lane_u 5
          i32.const 2
          i32.shl
          i32.load
          local.get 13
          i16x8.extract_lane_u 5
          i32.const 2
          i32.shl
          i32.load offset=262144
          i32.add
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load offset=589824
          i32.const 1
          i32.add
          i32.store offset=589824
          local.get 12
          i16x8.extract_lane_u 6
          i32.const 2
          i32.shl
          i32.load
          local.get 13
          i16x8.extract_lane_u 6
          i32.const 2
          i32.shl
          i32.load offset=262144
          i32.add
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load offset=589824
          i32.const 1
          i32.add
          i32.store offset=589824
          local.get 12
          i16x8.extract_lane_u 7
          i32.const 2
          i32.shl
          i32.load
          local.get 13
          i16x8.extract_lane_u 7
          i32.const 2
          i32.shl
          i32.load offset=262144
          i32.add
          i32.const 2
          i32.shl
          local.tee 8
          local.get 8
          i32.load offset=589824
          i32.const 1
          i32.add
          i32.store offset=589824
          local.get 3
          i32.const 16
          i32.add
          local.set 4
          local.get 3
          i32.const 14
          i32.add
          local.set 7
          local.get 0
          local.get 7
          i32.add
          i32.load16_u
          i32.const 2
          i32.shl
          i32.load
          local.get 1
          local.get 7
          i32.add
          i32.load16_u
          i32.const 2
          i32.shl
          i32.load offset=262144
          i32.add
          local.set 5
        ;; fewer changes: for each set bit j of mask, end the run at pixel j and start one there
        else
          loop
            local.get 3
            local.get 6
            i32.ctz
            i32.const 1
            i32.shl
            i32.add
            local.set 7
            local.get 5
            i32.const 2
            i32.shl
            local.tee 8
            local.get 8
            i32.load offset=589824
            local.get 7
            local.get 4
            i32.sub
            i32.const 1
            i32.shr_u
            i32.add
            i32.store offset=589824
            local.get 7
            local.set 4
            local.get 0
            local.get 7
            i32.add
            i32.load16_u
            i32.const 2
            i32.shl
            i32.load
            local.get 1
            local.get 7
            i32.add
            i32.load16_u
            i32.const 2
            i32.shl
            i32.load offset=262144
            i32.add
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
      ;; prevG, prevP = this vector; i += 16; loop while i < end
      local.get 12
      local.set 10
      local.get 13
      local.set 11
      local.get 3
      i32.const 16
      i32.add
      local.tee 3
      local.get 9
      i32.lt_u
      br_if 0
    end
    ;; the last run: hist[cur] += (end - start) / 2
    local.get 5
    i32.const 2
    i32.shl
    local.tee 8
    local.get 8
    i32.load offset=589824
    local.get 9
    local.get 4
    i32.sub
    i32.const 1
    i32.shr_u
    i32.add
    i32.store offset=589824)
  (memory (;0;) 10)
  (export "m" (memory 0))
  (export "c" (func 0)))
