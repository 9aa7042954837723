;; The Boundary IoU row pass for two 8-bit maps (WebAssembly SIMD), the text form of the bytes that
;; boundaryKernelModuleBytes() in wasm-boundary-kernel.ts emits; wasm-kernel-text.test.ts disassembles the
;; emitted bytes and compares them with this file (comments and layout aside), so a change to one must be
;; made to the other. Functions 0-8 are the interval pass, the JavaScript pass of count-boundary.ts and
;; interval-window.ts function by function (see those files for the math); functions 9-10 are the column
;; pass (per-column run counters, see wasm-boundary-kernel.ts). Values are i32 but for the column pass's
;; vectors and its 64-bit change masks; lists are (start, end, class) triples.
;;
;; Linear memory (laid out per image by boundaryLayout or columnLayout): two 256-entry Int32 slot tables,
;; the counts support, predicted, tp (C each), then per map a window (prefix and spare list indices,
;; 2L + 3 list lengths, then the lists) for the interval pass, or two rows of column counters and one list
;; per map for the column pass, then the two maps, each followed by padding.
(module
  (type (;0;) (func (param i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;1;) (func (param i32 i32 i32 i32 i32) (result i32)))
  (type (;2;) (func (param i32 i32 i32 i32) (result i32)))
  (type (;3;) (func (param i32 i32 i32 i32 i32 i32 i32)))
  (type (;4;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (type (;5;) (func (param i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;6;) (func (param i32 i32 i32) (result i32)))
  (type (;7;) (func (param i32 i32 i32 i32 i32 i32 i32)))
  (type (;8;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (type (;9;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;10;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  ;; func 0 scan(row, width, d, lut, c, out) -> n: the class runs of a row at least 2d + 1 long, shrunk
  ;;   by d, written from out (rowInteriors). locals: 6 i, 7 start, 8 cur (slot), 9 mask, 10 j, 11 slot,
  ;;   12 o, 13 span, 14 rem (i32); 15 prev, 16 v, 17 w (v128). 32 pixels a step: a mask bit per pixel that
  ;;   differs from the one before it; each set bit (i32.ctz) is a change of raw value.
  (func (;0;) (type 0) (param i32 i32 i32 i32 i32 i32) (result i32)
    (local i32 i32 i32 i32 i32 i32 i32 i32 i32 v128 v128 v128)
    local.get 2
    i32.const 1
    i32.shl
    i32.const 1
    i32.add
    local.set 13
    local.get 5
    local.set 12
    local.get 0
    i32.load8_u
    i8x16.splat
    local.set 15
    i32.const 0
    local.set 7
    local.get 0
    i32.load8_u
    i32.const 2
    i32.shl
    local.get 3
    i32.add
    i32.load
    local.set 8
    i32.const 0
    local.set 6
    loop
      local.get 0
      local.get 6
      i32.add
      v128.load align=1
      local.set 16
      local.get 0
      local.get 6
      i32.add
      v128.load offset=16 align=1
      local.set 17
      local.get 15
      local.get 16
      i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30
      local.get 16
      i8x16.eq
      i8x16.bitmask
      local.get 16
      local.get 17
      i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30
      local.get 17
      i8x16.eq
      i8x16.bitmask
      i32.const 16
      i32.shl
      i32.or
      i32.const -1
      i32.xor
      local.set 9
      local.get 1
      local.get 6
      i32.sub
      local.tee 14
      i32.const 32
      i32.lt_u
      if
        local.get 9
        i32.const 1
        local.get 14
        i32.shl
        i32.const 1
        i32.sub
        i32.and
        local.set 9
      end
      local.get 9
      if
        loop
          local.get 6
          local.get 9
          i32.ctz
          i32.add
          local.set 10
          local.get 0
          local.get 10
          i32.add
          i32.load8_u
          i32.const 2
          i32.shl
          local.get 3
          i32.add
          i32.load
          local.tee 11
          local.get 8
          i32.ne
          if
            local.get 8
            local.get 4
            i32.lt_u
            local.get 10
            local.get 7
            i32.sub
            local.get 13
            i32.ge_s
            i32.and
            if
              local.get 12
              local.get 7
              local.get 2
              i32.add
              i32.store
              local.get 12
              local.get 10
              local.get 2
              i32.sub
              i32.store offset=4
              local.get 12
              local.get 8
              i32.store offset=8
              local.get 12
              i32.const 12
              i32.add
              local.set 12
            end
            local.get 10
            local.set 7
            local.get 11
            local.set 8
          end
          local.get 9
          local.get 9
          i32.const 1
          i32.sub
          i32.and
          local.tee 9
          br_if 0
        end
      end
      local.get 17
      local.set 15
      local.get 6
      i32.const 32
      i32.add
      local.tee 6
      local.get 1
      i32.lt_u
      br_if 0
    end
    local.get 8
    local.get 4
    i32.lt_u
    local.get 1
    local.get 7
    i32.sub
    local.get 13
    i32.ge_s
    i32.and
    if
      local.get 12
      local.get 7
      local.get 2
      i32.add
      i32.store
      local.get 12
      local.get 1
      local.get 2
      i32.sub
      i32.store offset=4
      local.get 12
      local.get 8
      i32.store offset=8
      local.get 12
      i32.const 12
      i32.add
      local.set 12
    end
    local.get 12
    local.get 5
    i32.sub
    i32.const 12
    i32.div_u)
  ;; func 1 intersect(a, na, b, nb, out) -> n: tagged intersection of two sorted lists. locals: 5 aEnd,
  ;;   6 bEnd, 7 x (a's end), 8 y (b's end), 9 lo, 10 hi, 11 o. Each piece is written, then kept (o += 12)
  ;;   when it is not empty and both tags agree.
  (func (;1;) (type 1) (param i32 i32 i32 i32 i32) (result i32)
    (local i32 i32 i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i32.const 12
    i32.mul
    i32.add
    local.set 5
    local.get 2
    local.get 3
    i32.const 12
    i32.mul
    i32.add
    local.set 6
    local.get 4
    local.set 11
    block
      loop
        local.get 0
        local.get 5
        i32.lt_u
        local.get 2
        local.get 6
        i32.lt_u
        i32.and
        i32.eqz
        br_if 1
        local.get 0
        i32.load offset=4
        local.set 7
        local.get 2
        i32.load offset=4
        local.set 8
        local.get 0
        i32.load
        local.set 9
        local.get 2
        i32.load
        local.set 10
        local.get 9
        local.get 10
        local.get 9
        local.get 10
        i32.gt_s
        select
        local.set 9
        local.get 7
        local.get 8
        local.get 7
        local.get 8
        i32.lt_s
        select
        local.set 10
        local.get 11
        local.get 9
        i32.store
        local.get 11
        local.get 10
        i32.store offset=4
        local.get 11
        local.get 0
        i32.load offset=8
        i32.store offset=8
        local.get 11
        i32.const 12
        i32.add
        local.get 11
        local.get 9
        local.get 10
        i32.lt_s
        local.get 0
        i32.load offset=8
        local.get 2
        i32.load offset=8
        i32.eq
        i32.and
        select
        local.set 11
        local.get 7
        local.get 8
        i32.le_s
        if
          local.get 0
          i32.const 12
          i32.add
          local.set 0
        else
          local.get 2
          i32.const 12
          i32.add
          local.set 2
        end
        br 0
      end
    end
    local.get 11
    local.get 4
    i32.sub
    i32.const 12
    i32.div_u)
  ;; func 2 countClass(from, to, k, lut) -> n: the bytes in [from, to) of slot k. local: 4 n.
  (func (;2;) (type 2) (param i32 i32 i32 i32) (result i32)
    (local i32)
    i32.const 0
    local.set 4
    block
      loop
        local.get 0
        local.get 1
        i32.lt_u
        i32.eqz
        br_if 1
        local.get 4
        local.get 0
        i32.load8_u
        i32.const 2
        i32.shl
        local.get 3
        i32.add
        i32.load
        local.get 2
        i32.eq
        i32.add
        local.set 4
        local.get 0
        i32.const 1
        i32.add
        local.set 0
        br 0
      end
    end
    local.get 4)
  ;; func 3 countGroundTruth(from, to, k, lut, c, tpAt, predictedAt): adds the ground-truth bytes of slot
  ;;   k in [from, to) to mem[tpAt], the valid ones (slot < c) to mem[predictedAt]. locals: 7 same, 8 valid,
  ;;   9 s.
  (func (;3;) (type 3) (param i32 i32 i32 i32 i32 i32 i32)
    (local i32 i32 i32)
    i32.const 0
    local.set 7
    i32.const 0
    local.set 8
    block
      loop
        local.get 0
        local.get 1
        i32.lt_u
        i32.eqz
        br_if 1
        local.get 7
        local.get 0
        i32.load8_u
        i32.const 2
        i32.shl
        local.get 3
        i32.add
        i32.load
        local.tee 9
        local.get 2
        i32.eq
        i32.add
        local.set 7
        local.get 8
        local.get 9
        local.get 4
        i32.lt_u
        i32.add
        local.set 8
        local.get 0
        i32.const 1
        i32.add
        local.set 0
        br 0
      end
    end
    local.get 5
    local.get 5
    i32.load
    local.get 7
    i32.add
    i32.store
    local.get 6
    local.get 6
    i32.load
    local.get 8
    i32.add
    i32.store)
  ;; func 4 addRow(g, gEnd, p, pEnd, gRow, pRow, lutG, lutP, c, counts, shiftG, shiftP): one row's
  ;;   interior counts (addInteriorRow): ground-truth interiors against the predicted ones, then the
  ;;   reverse; the other map's bytes are read, when its shift is >= 0, with one inline vector for a piece
  ;;   of at most 16 pixels (bitmask of the lanes equal to the class byte, or valid, masked to the piece's
  ;;   length, popcnt) and by countRaw / countGroundTruthRaw for longer ones, else through its slot table.
  ;;   locals: 12 o, 13 j, 14 a, 15 b, 16 k, 17 x, 18 q, 19 s, 20 e, 21 tpAt, 22 ownAt (support or
  ;;   predicted of k), 23 n (the piece's length, then its lane mask) (i32); 24 bytes (v128).
  (func (;4;) (type 4) (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 v128)
    local.get 2
    local.set 13
    local.get 0
    local.set 12
    block
      loop
        local.get 12
        local.get 1
        i32.lt_u
        i32.eqz
        br_if 1
        local.get 12
        i32.load
        local.set 14
        local.get 12
        i32.load offset=4
        local.set 15
        local.get 12
        i32.load offset=8
        local.set 16
        local.get 9
        local.get 16
        i32.const 2
        i32.shl
        i32.add
        local.set 22
        local.get 9
        local.get 8
        i32.const 3
        i32.shl
        i32.add
        local.get 16
        i32.const 2
        i32.shl
        i32.add
        local.set 21
        local.get 22
        local.get 22
        i32.load
        local.get 15
        local.get 14
        i32.sub
        i32.add
        i32.store
        block
          loop
            local.get 13
            local.get 3
            i32.lt_u
            local.get 13
            i32.load offset=4
            local.get 14
            i32.le_s
            i32.and
            i32.eqz
            br_if 1
            local.get 13
            i32.const 12
            i32.add
            local.set 13
            br 0
          end
        end
        local.get 14
        local.set 17
        local.get 13
        local.set 18
        block
          loop
            local.get 17
            local.get 15
            i32.lt_s
            i32.eqz
            br_if 1
            local.get 18
            local.get 3
            i32.lt_u
            local.get 18
            i32.load
            local.get 15
            i32.lt_s
            i32.and
            if
              local.get 18
              i32.load
              local.set 19
              local.get 19
              local.get 17
              local.get 19
              local.get 17
              i32.gt_s
              select
              local.set 19
              local.get 19
              local.get 17
              i32.gt_s
              if
                local.get 11
                i32.const 0
                i32.ge_s
                if
                  local.get 19
                  local.get 17
                  i32.sub
                  local.tee 23
                  i32.const 16
                  i32.le_s
                  if
                    local.get 21
                    local.get 21
                    i32.load
                    local.get 5
                    local.get 17
                    i32.add
                    v128.load align=1
                    local.get 16
                    local.get 11
                    i32.add
                    i8x16.splat
                    i8x16.eq
                    i8x16.bitmask
                    i32.const 1
                    local.get 23
                    i32.shl
                    i32.const 1
                    i32.sub
                    i32.and
                    i32.popcnt
                    i32.add
                    i32.store
                  else
                    local.get 21
                    local.get 21
                    i32.load
                    local.get 5
                    local.get 17
                    i32.add
                    local.get 5
                    local.get 19
                    i32.add
                    local.get 16
                    local.get 11
                    i32.add
                    call 6
                    i32.add
                    i32.store
                  end
                else
                  local.get 21
                  local.get 21
                  i32.load
                  local.get 5
                  local.get 17
                  i32.add
                  local.get 5
                  local.get 19
                  i32.add
                  local.get 16
                  local.get 7
                  call 2
                  i32.add
                  i32.store
                end
              end
              local.get 18
              i32.load offset=4
              local.set 20
              local.get 20
              local.get 15
              local.get 20
              local.get 15
              i32.lt_s
              select
              local.set 20
              local.get 18
              i32.load offset=8
              local.get 16
              i32.eq
              if
                local.get 21
                local.get 21
                i32.load
                local.get 20
                local.get 19
                i32.sub
                i32.add
                i32.store
              end
              local.get 20
              local.set 17
              local.get 18
              i32.const 12
              i32.add
              local.set 18
            else
              local.get 11
              i32.const 0
              i32.ge_s
              if
                local.get 15
                local.get 17
                i32.sub
                local.tee 23
                i32.const 16
                i32.le_s
                if
                  local.get 21
                  local.get 21
                  i32.load
                  local.get 5
                  local.get 17
                  i32.add
                  v128.load align=1
                  local.get 16
                  local.get 11
                  i32.add
                  i8x16.splat
                  i8x16.eq
                  i8x16.bitmask
                  i32.const 1
                  local.get 23
                  i32.shl
                  i32.const 1
                  i32.sub
                  i32.and
                  i32.popcnt
                  i32.add
                  i32.store
                else
                  local.get 21
                  local.get 21
                  i32.load
                  local.get 5
                  local.get 17
                  i32.add
                  local.get 5
                  local.get 15
                  i32.add
                  local.get 16
                  local.get 11
                  i32.add
                  call 6
                  i32.add
                  i32.store
                end
              else
                local.get 21
                local.get 21
                i32.load
                local.get 5
                local.get 17
                i32.add
                local.get 5
                local.get 15
                i32.add
                local.get 16
                local.get 7
                call 2
                i32.add
                i32.store
              end
              local.get 15
              local.set 17
            end
            br 0
          end
        end
        local.get 12
        i32.const 12
        i32.add
        local.set 12
        br 0
      end
    end
    local.get 0
    local.set 13
    local.get 2
    local.set 12
    block
      loop
        local.get 12
        local.get 3
        i32.lt_u
        i32.eqz
        br_if 1
        local.get 12
        i32.load
        local.set 14
        local.get 12
        i32.load offset=4
        local.set 15
        local.get 12
        i32.load offset=8
        local.set 16
        local.get 9
        local.get 8
        i32.const 2
        i32.shl
        i32.add
        local.get 16
        i32.const 2
        i32.shl
        i32.add
        local.set 22
        local.get 9
        local.get 8
        i32.const 3
        i32.shl
        i32.add
        local.get 16
        i32.const 2
        i32.shl
        i32.add
        local.set 21
        block
          loop
            local.get 13
            local.get 1
            i32.lt_u
            local.get 13
            i32.load offset=4
            local.get 14
            i32.le_s
            i32.and
            i32.eqz
            br_if 1
            local.get 13
            i32.const 12
            i32.add
            local.set 13
            br 0
          end
        end
        local.get 14
        local.set 17
        local.get 13
        local.set 18
        block
          loop
            local.get 17
            local.get 15
            i32.lt_s
            i32.eqz
            br_if 1
            local.get 18
            local.get 1
            i32.lt_u
            local.get 18
            i32.load
            local.get 15
            i32.lt_s
            i32.and
            if
              local.get 18
              i32.load
              local.set 19
              local.get 19
              local.get 17
              local.get 19
              local.get 17
              i32.gt_s
              select
              local.set 19
              local.get 19
              local.get 17
              i32.gt_s
              if
                local.get 10
                i32.const 0
                i32.ge_s
                if
                  local.get 19
                  local.get 17
                  i32.sub
                  local.tee 23
                  i32.const 16
                  i32.le_s
                  if
                    local.get 4
                    local.get 17
                    i32.add
                    v128.load align=1
                    local.set 24
                    i32.const 1
                    local.get 23
                    i32.shl
                    i32.const 1
                    i32.sub
                    local.set 23
                    local.get 21
                    local.get 21
                    i32.load
                    local.get 24
                    local.get 16
                    local.get 10
                    i32.add
                    i8x16.splat
                    i8x16.eq
                    i8x16.bitmask
                    local.get 23
                    i32.and
                    i32.popcnt
                    i32.add
                    i32.store
                    local.get 22
                    local.get 22
                    i32.load
                    local.get 24
                    local.get 10
                    i8x16.splat
                    i8x16.sub
                    local.get 8
                    i8x16.splat
                    i8x16.lt_u
                    i8x16.bitmask
                    local.get 23
                    i32.and
                    i32.popcnt
                    i32.add
                    i32.store
                  else
                    local.get 4
                    local.get 17
                    i32.add
                    local.get 4
                    local.get 19
                    i32.add
                    local.get 16
                    local.get 10
                    i32.add
                    local.get 10
                    local.get 8
                    local.get 21
                    local.get 22
                    call 7
                  end
                else
                  local.get 4
                  local.get 17
                  i32.add
                  local.get 4
                  local.get 19
                  i32.add
                  local.get 16
                  local.get 6
                  local.get 8
                  local.get 21
                  local.get 22
                  call 3
                end
              end
              local.get 18
              i32.load offset=4
              local.set 20
              local.get 20
              local.get 15
              local.get 20
              local.get 15
              i32.lt_s
              select
              local.set 20
              local.get 22
              local.get 22
              i32.load
              local.get 20
              local.get 19
              i32.sub
              i32.add
              i32.store
              local.get 20
              local.set 17
              local.get 18
              i32.const 12
              i32.add
              local.set 18
            else
              local.get 10
              i32.const 0
              i32.ge_s
              if
                local.get 15
                local.get 17
                i32.sub
                local.tee 23
                i32.const 16
                i32.le_s
                if
                  local.get 4
                  local.get 17
                  i32.add
                  v128.load align=1
                  local.set 24
                  i32.const 1
                  local.get 23
                  i32.shl
                  i32.const 1
                  i32.sub
                  local.set 23
                  local.get 21
                  local.get 21
                  i32.load
                  local.get 24
                  local.get 16
                  local.get 10
                  i32.add
                  i8x16.splat
                  i8x16.eq
                  i8x16.bitmask
                  local.get 23
                  i32.and
                  i32.popcnt
                  i32.add
                  i32.store
                  local.get 22
                  local.get 22
                  i32.load
                  local.get 24
                  local.get 10
                  i8x16.splat
                  i8x16.sub
                  local.get 8
                  i8x16.splat
                  i8x16.lt_u
                  i8x16.bitmask
                  local.get 23
                  i32.and
                  i32.popcnt
                  i32.add
                  i32.store
                else
                  local.get 4
                  local.get 17
                  i32.add
                  local.get 4
                  local.get 15
                  i32.add
                  local.get 16
                  local.get 10
                  i32.add
                  local.get 10
                  local.get 8
                  local.get 21
                  local.get 22
                  call 7
                end
              else
                local.get 4
                local.get 17
                i32.add
                local.get 4
                local.get 15
                i32.add
                local.get 16
                local.get 6
                local.get 8
                local.get 21
                local.get 22
                call 3
              end
              local.get 15
              local.set 17
            end
            br 0
          end
        end
        local.get 12
        i32.const 12
        i32.add
        local.set 12
        br 0
      end
    end)
  ;; func 5 push(w, lists, stride, span, slot, e) -> list: IntervalWindow.push (van Herk / Gil-Werman
  ;;   with interval lists) for the window at w; returns the list holding the interior of row e - d, or -1.
  ;;   locals: 6 prefix, 7 spare, 8 result, 9 t, 10 jj.
  (func (;5;) (type 5) (param i32 i32 i32 i32 i32 i32) (result i32)
    (local i32 i32 i32 i32 i32)
    local.get 0
    i32.load
    local.set 6
    local.get 0
    i32.load offset=4
    local.set 7
    local.get 4
    i32.eqz
    if
      local.get 6
      local.get 2
      i32.mul
      local.get 1
      i32.add
      local.get 4
      local.get 2
      i32.mul
      local.get 1
      i32.add
      local.get 4
      i32.const 2
      i32.shl
      local.get 0
      i32.add
      i32.load offset=8
      i32.const 12
      i32.mul
      memory.copy
      local.get 6
      i32.const 2
      i32.shl
      local.get 0
      i32.add
      local.get 4
      i32.const 2
      i32.shl
      local.get 0
      i32.add
      i32.load offset=8
      i32.store offset=8
    else
      local.get 7
      i32.const 2
      i32.shl
      local.get 0
      i32.add
      local.get 6
      local.get 2
      i32.mul
      local.get 1
      i32.add
      local.get 6
      i32.const 2
      i32.shl
      local.get 0
      i32.add
      i32.load offset=8
      local.get 4
      local.get 2
      i32.mul
      local.get 1
      i32.add
      local.get 4
      i32.const 2
      i32.shl
      local.get 0
      i32.add
      i32.load offset=8
      local.get 7
      local.get 2
      i32.mul
      local.get 1
      i32.add
      call 1
      i32.store offset=8
      local.get 6
      local.set 9
      local.get 7
      local.set 6
      local.get 9
      local.set 7
    end
    i32.const -1
    local.set 8
    local.get 5
    local.get 3
    i32.const 1
    i32.sub
    i32.ge_s
    if
      local.get 4
      i32.const 1
      i32.add
      local.get 3
      i32.eq
      if
        local.get 6
        local.set 8
      else
        local.get 3
        i32.const 1
        i32.shl
        i32.const 2
        i32.add
        i32.const 2
        i32.shl
        local.get 0
        i32.add
        local.get 3
        local.get 4
        i32.const 1
        i32.add
        i32.add
        local.get 2
        i32.mul
        local.get 1
        i32.add
        local.get 3
        local.get 4
        i32.const 1
        i32.add
        i32.add
        i32.const 2
        i32.shl
        local.get 0
        i32.add
        i32.load offset=8
        local.get 6
        local.get 2
        i32.mul
        local.get 1
        i32.add
        local.get 6
        i32.const 2
        i32.shl
        local.get 0
        i32.add
        i32.load offset=8
        local.get 3
        i32.const 1
        i32.shl
        i32.const 2
        i32.add
        local.get 2
        i32.mul
        local.get 1
        i32.add
        call 1
        i32.store offset=8
        local.get 3
        i32.const 1
        i32.shl
        i32.const 2
        i32.add
        local.set 8
      end
    end
    local.get 4
    i32.const 1
    i32.add
    local.get 3
    i32.eq
    if
      local.get 3
      local.get 4
      i32.add
      local.get 2
      i32.mul
      local.get 1
      i32.add
      local.get 4
      local.get 2
      i32.mul
      local.get 1
      i32.add
      local.get 4
      i32.const 2
      i32.shl
      local.get 0
      i32.add
      i32.load offset=8
      i32.const 12
      i32.mul
      memory.copy
      local.get 3
      local.get 4
      i32.add
      i32.const 2
      i32.shl
      local.get 0
      i32.add
      local.get 4
      i32.const 2
      i32.shl
      local.get 0
      i32.add
      i32.load offset=8
      i32.store offset=8
      local.get 4
      local.set 10
      block
        loop
          local.get 10
          i32.const 0
          i32.gt_s
          i32.eqz
          br_if 1
          local.get 10
          i32.const 1
          i32.sub
          local.set 10
          local.get 3
          local.get 10
          i32.add
          i32.const 2
          i32.shl
          local.get 0
          i32.add
          local.get 10
          local.get 2
          i32.mul
          local.get 1
          i32.add
          local.get 10
          i32.const 2
          i32.shl
          local.get 0
          i32.add
          i32.load offset=8
          local.get 3
          local.get 10
          i32.const 1
          i32.add
          i32.add
          local.get 2
          i32.mul
          local.get 1
          i32.add
          local.get 3
          local.get 10
          i32.const 1
          i32.add
          i32.add
          i32.const 2
          i32.shl
          local.get 0
          i32.add
          i32.load offset=8
          local.get 3
          local.get 10
          i32.add
          local.get 2
          i32.mul
          local.get 1
          i32.add
          call 1
          i32.store offset=8
          br 0
        end
      end
    end
    local.get 0
    local.get 6
    i32.store
    local.get 0
    local.get 7
    i32.store offset=4
    local.get 8)
  ;; func 6 countRaw(from, to, raw) -> n: the bytes in [from, to) equal to raw, 16 a step (countClass
  ;;   when the slot table is a shift: slot k is the byte k + shift). locals: 3 n, 4 rem (i32); 5 wanted
  ;;   (v128). The lanes past to are masked off the bitmask.
  (func (;6;) (type 6) (param i32 i32 i32) (result i32)
    (local i32 i32 v128)
    i32.const 0
    local.set 3
    local.get 2
    i8x16.splat
    local.set 5
    block
      loop
        local.get 0
        local.get 1
        i32.lt_u
        i32.eqz
        br_if 1
        local.get 1
        local.get 0
        i32.sub
        local.set 4
        local.get 0
        v128.load align=1
        local.get 5
        i8x16.eq
        i8x16.bitmask
        i32.const 1
        local.get 4
        i32.shl
        i32.const 1
        i32.sub
        i32.const 65535
        local.get 4
        i32.const 16
        i32.lt_u
        select
        i32.and
        i32.popcnt
        local.get 3
        i32.add
        local.set 3
        local.get 0
        i32.const 16
        i32.add
        local.set 0
        br 0
      end
    end
    local.get 3)
  ;; func 7 countGroundTruthRaw(from, to, raw, shift, c, tpAt, predictedAt): countGroundTruth when the
  ;;   slot table is a shift, 16 bytes a step: bytes equal to raw to mem[tpAt], valid bytes ((b - shift)
  ;;   mod 256 < c) to mem[predictedAt]. locals: 7 same, 8 valid, 9 rem (i32); 10 v, 11 wanted, 12 low,
  ;;   13 classes (v128).
  (func (;7;) (type 7) (param i32 i32 i32 i32 i32 i32 i32)
    (local i32 i32 i32 v128 v128 v128 v128)
    i32.const 0
    local.set 7
    i32.const 0
    local.set 8
    local.get 2
    i8x16.splat
    local.set 11
    local.get 3
    i8x16.splat
    local.set 12
    local.get 4
    i8x16.splat
    local.set 13
    block
      loop
        local.get 0
        local.get 1
        i32.lt_u
        i32.eqz
        br_if 1
        local.get 1
        local.get 0
        i32.sub
        local.set 9
        local.get 0
        v128.load align=1
        local.set 10
        local.get 10
        local.get 11
        i8x16.eq
        i8x16.bitmask
        i32.const 1
        local.get 9
        i32.shl
        i32.const 1
        i32.sub
        i32.const 65535
        local.get 9
        i32.const 16
        i32.lt_u
        select
        i32.and
        i32.popcnt
        local.get 7
        i32.add
        local.set 7
        local.get 10
        local.get 12
        i8x16.sub
        local.get 13
        i8x16.lt_u
        i8x16.bitmask
        i32.const 1
        local.get 9
        i32.shl
        i32.const 1
        i32.sub
        i32.const 65535
        local.get 9
        i32.const 16
        i32.lt_u
        select
        i32.and
        i32.popcnt
        local.get 8
        i32.add
        local.set 8
        local.get 0
        i32.const 16
        i32.add
        local.set 0
        br 0
      end
    end
    local.get 5
    local.get 5
    i32.load
    local.get 7
    i32.add
    i32.store
    local.get 6
    local.get 6
    i32.load
    local.get 8
    i32.add
    i32.store)
  ;; func 8 run(gt, pred, width, height, d, c, lutG, lutP, counts, wg, wp, listsG, listsP, stride,
  ;;   shiftG, shiftP), exported as "r": for each row, scan both maps into their windows, push, and count
  ;;   the row d above once its window is complete. locals: 16 span, 17 slot, 18 e, 19 gi, 20 pi, 21 base,
  ;;   22 gl, 23 pl.
  (func (;8;) (type 8) (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    (local i32 i32 i32 i32 i32 i32 i32 i32)
    local.get 4
    i32.const 1
    i32.shl
    i32.const 1
    i32.add
    local.set 16
    local.get 9
    local.get 16
    i32.const 1
    i32.shl
    i32.store
    local.get 9
    local.get 16
    i32.const 1
    i32.shl
    i32.const 1
    i32.add
    i32.store offset=4
    local.get 10
    local.get 16
    i32.const 1
    i32.shl
    i32.store
    local.get 10
    local.get 16
    i32.const 1
    i32.shl
    i32.const 1
    i32.add
    i32.store offset=4
    i32.const 0
    local.set 17
    i32.const 0
    local.set 18
    loop
      local.get 9
      local.get 17
      i32.const 2
      i32.shl
      i32.add
      local.get 0
      local.get 18
      local.get 2
      i32.mul
      i32.add
      local.get 2
      local.get 4
      local.get 6
      local.get 5
      local.get 11
      local.get 17
      local.get 13
      i32.mul
      i32.add
      call 0
      i32.store offset=8
      local.get 10
      local.get 17
      i32.const 2
      i32.shl
      i32.add
      local.get 1
      local.get 18
      local.get 2
      i32.mul
      i32.add
      local.get 2
      local.get 4
      local.get 7
      local.get 5
      local.get 12
      local.get 17
      local.get 13
      i32.mul
      i32.add
      call 0
      i32.store offset=8
      local.get 9
      local.get 11
      local.get 13
      local.get 16
      local.get 17
      local.get 18
      call 5
      local.set 19
      local.get 10
      local.get 12
      local.get 13
      local.get 16
      local.get 17
      local.get 18
      call 5
      local.set 20
      local.get 19
      i32.const 0
      i32.ge_s
      if
        local.get 18
        local.get 4
        i32.sub
        local.get 2
        i32.mul
        local.set 21
        local.get 11
        local.get 19
        local.get 13
        i32.mul
        i32.add
        local.tee 22
        local.get 22
        local.get 9
        local.get 19
        i32.const 2
        i32.shl
        i32.add
        i32.load offset=8
        i32.const 12
        i32.mul
        i32.add
        local.get 12
        local.get 20
        local.get 13
        i32.mul
        i32.add
        local.tee 23
        local.get 23
        local.get 10
        local.get 20
        i32.const 2
        i32.shl
        i32.add
        i32.load offset=8
        i32.const 12
        i32.mul
        i32.add
        local.get 0
        local.get 21
        i32.add
        local.get 1
        local.get 21
        i32.add
        local.get 6
        local.get 7
        local.get 5
        local.get 8
        local.get 14
        local.get 15
        call 4
      end
      local.get 17
      i32.const 1
      i32.add
      local.tee 17
      local.get 16
      i32.eq
      if
        i32.const 0
        local.set 17
      end
      local.get 18
      i32.const 1
      i32.add
      local.tee 18
      local.get 3
      i32.lt_s
      br_if 0
    end)
  ;; func 9 columns(row, above, counters, width, d, lut, c, out, other) -> n: the interior of row e - d
  ;;   from row e (column pass). Per 16 columns: counter = (counter and (row == above)) + 1 saturating,
  ;;   stored; key = row where counter >= 2d + 1, else other (v128.bitselect). 128 pixels a step, then per
  ;;   64 pixels an i64 bit per pixel whose key differs from the one before it; each set bit (i64.ctz)
  ;;   ends the run from start, written as (start + d, end - d, slot) when at least 2d + 1 long, its first
  ;;   counter >= 2d + 1 and its slot a class. locals: 9 i, 10 start, 11 j, 12 o, 13 span, 14 rem,
  ;;   15 slot (i32); 16 prev, 17 count, 18 spanV, 19 otherV, 20 one, 21-28 the eight vectors of keys
  ;;   (v128); 29, 30 the change bits of pixels 0-63 and 64-127 (i64).
  (func (;9;) (type 9) (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)
    (local i32 i32 i32 i32 i32 i32 i32 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 i64 i64)
    local.get 4
    i32.const 1
    i32.shl
    i32.const 1
    i32.add
    local.tee 13
    i8x16.splat
    local.set 18
    local.get 8
    i8x16.splat
    local.set 19
    i32.const 1
    i8x16.splat
    local.set 20
    local.get 7
    local.set 12
    i32.const 0
    local.set 10
    i32.const 0
    local.set 9
    loop
      local.get 2
      local.get 9
      i32.add
      local.get 2
      local.get 9
      i32.add
      v128.load align=1
      local.get 0
      local.get 9
      i32.add
      v128.load align=1
      local.tee 21
      local.get 1
      local.get 9
      i32.add
      v128.load align=1
      i8x16.eq
      v128.and
      local.get 20
      i8x16.add_sat_u
      local.tee 17
      v128.store align=1
      local.get 21
      local.get 19
      local.get 17
      local.get 18
      i8x16.ge_u
      v128.bitselect
      local.set 21
      local.get 2
      local.get 9
      i32.add
      local.get 2
      local.get 9
      i32.add
      v128.load offset=16 align=1
      local.get 0
      local.get 9
      i32.add
      v128.load offset=16 align=1
      local.tee 22
      local.get 1
      local.get 9
      i32.add
      v128.load offset=16 align=1
      i8x16.eq
      v128.and
      local.get 20
      i8x16.add_sat_u
      local.tee 17
      v128.store offset=16 align=1
      local.get 22
      local.get 19
      local.get 17
      local.get 18
      i8x16.ge_u
      v128.bitselect
      local.set 22
      local.get 2
      local.get 9
      i32.add
      local.get 2
      local.get 9
      i32.add
      v128.load offset=32 align=1
      local.get 0
      local.get 9
      i32.add
      v128.load offset=32 align=1
      local.tee 23
      local.get 1
      local.get 9
      i32.add
      v128.load offset=32 align=1
      i8x16.eq
      v128.and
      local.get 20
      i8x16.add_sat_u
      local.tee 17
      v128.store offset=32 align=1
      local.get 23
      local.get 19
      local.get 17
      local.get 18
      i8x16.ge_u
      v128.bitselect
      local.set 23
      local.get 2
      local.get 9
      i32.add
      local.get 2
      local.get 9
      i32.add
      v128.load offset=48 align=1
      local.get 0
      local.get 9
      i32.add
      v128.load offset=48 align=1
      local.tee 24
      local.get 1
      local.get 9
      i32.add
      v128.load offset=48 align=1
      i8x16.eq
      v128.and
      local.get 20
      i8x16.add_sat_u
      local.tee 17
      v128.store offset=48 align=1
      local.get 24
      local.get 19
      local.get 17
      local.get 18
      i8x16.ge_u
      v128.bitselect
      local.set 24
      local.get 2
      local.get 9
      i32.add
      local.get 2
      local.get 9
      i32.add
      v128.load offset=64 align=1
      local.get 0
      local.get 9
      i32.add
      v128.load offset=64 align=1
      local.tee 25
      local.get 1
      local.get 9
      i32.add
      v128.load offset=64 align=1
      i8x16.eq
      v128.and
      local.get 20
      i8x16.add_sat_u
      local.tee 17
      v128.store offset=64 align=1
      local.get 25
      local.get 19
      local.get 17
      local.get 18
      i8x16.ge_u
      v128.bitselect
      local.set 25
      local.get 2
      local.get 9
      i32.add
      local.get 2
      local.get 9
      i32.add
      v128.load offset=80 align=1
      local.get 0
      local.get 9
      i32.add
      v128.load offset=80 align=1
      local.tee 26
      local.get 1
      local.get 9
      i32.add
      v128.load offset=80 align=1
      i8x16.eq
      v128.and
      local.get 20
      i8x16.add_sat_u
      local.tee 17
      v128.store offset=80 align=1
      local.get 26
      local.get 19
      local.get 17
      local.get 18
      i8x16.ge_u
      v128.bitselect
      local.set 26
      local.get 2
      local.get 9
      i32.add
      local.get 2
      local.get 9
      i32.add
      v128.load offset=96 align=1
      local.get 0
      local.get 9
      i32.add
      v128.load offset=96 align=1
      local.tee 27
      local.get 1
      local.get 9
      i32.add
      v128.load offset=96 align=1
      i8x16.eq
      v128.and
      local.get 20
      i8x16.add_sat_u
      local.tee 17
      v128.store offset=96 align=1
      local.get 27
      local.get 19
      local.get 17
      local.get 18
      i8x16.ge_u
      v128.bitselect
      local.set 27
      local.get 2
      local.get 9
      i32.add
      local.get 2
      local.get 9
      i32.add
      v128.load offset=112 align=1
      local.get 0
      local.get 9
      i32.add
      v128.load offset=112 align=1
      local.tee 28
      local.get 1
      local.get 9
      i32.add
      v128.load offset=112 align=1
      i8x16.eq
      v128.and
      local.get 20
      i8x16.add_sat_u
      local.tee 17
      v128.store offset=112 align=1
      local.get 28
      local.get 19
      local.get 17
      local.get 18
      i8x16.ge_u
      v128.bitselect
      local.set 28
      local.get 16
      local.get 21
      i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30
      local.get 21
      i8x16.eq
      i8x16.bitmask
      local.get 21
      local.get 22
      i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30
      local.get 22
      i8x16.eq
      i8x16.bitmask
      i32.const 16
      i32.shl
      i32.or
      i64.extend_i32_u
      local.get 22
      local.get 23
      i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30
      local.get 23
      i8x16.eq
      i8x16.bitmask
      local.get 23
      local.get 24
      i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30
      local.get 24
      i8x16.eq
      i8x16.bitmask
      i32.const 16
      i32.shl
      i32.or
      i64.extend_i32_u
      i64.const 32
      i64.shl
      i64.or
      i64.const -1
      i64.xor
      local.set 29
      local.get 24
      local.get 25
      i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30
      local.get 25
      i8x16.eq
      i8x16.bitmask
      local.get 25
      local.get 26
      i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30
      local.get 26
      i8x16.eq
      i8x16.bitmask
      i32.const 16
      i32.shl
      i32.or
      i64.extend_i32_u
      local.get 26
      local.get 27
      i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30
      local.get 27
      i8x16.eq
      i8x16.bitmask
      local.get 27
      local.get 28
      i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30
      local.get 28
      i8x16.eq
      i8x16.bitmask
      i32.const 16
      i32.shl
      i32.or
      i64.extend_i32_u
      i64.const 32
      i64.shl
      i64.or
      i64.const -1
      i64.xor
      local.set 30
      local.get 3
      local.get 9
      i32.sub
      local.tee 14
      i32.const 128
      i32.lt_u
      if
        local.get 14
        i32.const 64
        i32.lt_u
        if
          local.get 29
          i64.const 1
          local.get 14
          i64.extend_i32_u
          i64.shl
          i64.const 1
          i64.sub
          i64.and
          local.set 29
          i64.const 0
          local.set 30
        else
          local.get 30
          i64.const 1
          local.get 14
          i32.const 64
          i32.sub
          i64.extend_i32_u
          i64.shl
          i64.const 1
          i64.sub
          i64.and
          local.set 30
        end
      end
      local.get 29
      i64.eqz
      i32.eqz
      if
        loop
          local.get 29
          i64.ctz
          i32.wrap_i64
          local.get 9
          i32.add
          i32.const 0
          i32.add
          local.set 11
          local.get 11
          local.get 10
          i32.sub
          local.get 13
          i32.ge_s
          if
            local.get 2
            local.get 10
            i32.add
            i32.load8_u
            local.get 13
            i32.ge_u
            local.get 0
            local.get 10
            i32.add
            i32.load8_u
            i32.const 2
            i32.shl
            local.get 5
            i32.add
            i32.load
            local.tee 15
            local.get 6
            i32.lt_u
            i32.and
            if
              local.get 12
              local.get 10
              local.get 4
              i32.add
              i32.store
              local.get 12
              local.get 11
              local.get 4
              i32.sub
              i32.store offset=4
              local.get 12
              local.get 15
              i32.store offset=8
              local.get 12
              i32.const 12
              i32.add
              local.set 12
            end
          end
          local.get 11
          local.set 10
          local.get 29
          local.get 29
          i64.const 1
          i64.sub
          i64.and
          local.tee 29
          i64.eqz
          i32.eqz
          br_if 0
        end
      end
      local.get 30
      i64.eqz
      i32.eqz
      if
        loop
          local.get 30
          i64.ctz
          i32.wrap_i64
          local.get 9
          i32.add
          i32.const 64
          i32.add
          local.set 11
          local.get 11
          local.get 10
          i32.sub
          local.get 13
          i32.ge_s
          if
            local.get 2
            local.get 10
            i32.add
            i32.load8_u
            local.get 13
            i32.ge_u
            local.get 0
            local.get 10
            i32.add
            i32.load8_u
            i32.const 2
            i32.shl
            local.get 5
            i32.add
            i32.load
            local.tee 15
            local.get 6
            i32.lt_u
            i32.and
            if
              local.get 12
              local.get 10
              local.get 4
              i32.add
              i32.store
              local.get 12
              local.get 11
              local.get 4
              i32.sub
              i32.store offset=4
              local.get 12
              local.get 15
              i32.store offset=8
              local.get 12
              i32.const 12
              i32.add
              local.set 12
            end
          end
          local.get 11
          local.set 10
          local.get 30
          local.get 30
          i64.const 1
          i64.sub
          i64.and
          local.tee 30
          i64.eqz
          i32.eqz
          br_if 0
        end
      end
      local.get 28
      local.set 16
      local.get 9
      i32.const 128
      i32.add
      local.tee 9
      local.get 3
      i32.lt_u
      br_if 0
    end
    local.get 3
    local.get 10
    i32.sub
    local.get 13
    i32.ge_s
    if
      local.get 2
      local.get 10
      i32.add
      i32.load8_u
      local.get 13
      i32.ge_u
      local.get 0
      local.get 10
      i32.add
      i32.load8_u
      i32.const 2
      i32.shl
      local.get 5
      i32.add
      i32.load
      local.tee 15
      local.get 6
      i32.lt_u
      i32.and
      if
        local.get 12
        local.get 10
        local.get 4
        i32.add
        i32.store
        local.get 12
        local.get 3
        local.get 4
        i32.sub
        i32.store offset=4
        local.get 12
        local.get 15
        i32.store offset=8
        local.get 12
        i32.const 12
        i32.add
        local.set 12
      end
    end
    local.get 12
    local.get 7
    i32.sub
    i32.const 12
    i32.div_u)
  ;; func 10 runColumns(gt, pred, width, height, d, c, lutG, lutP, counts, columnsG, columnsP, listG, listP,
  ;;   otherG, otherP, shiftG, shiftP), exported as "c": for each row e, the interior of row e - d of both
  ;;   maps (columns), then its counts (addRow) when either is not empty. locals: 17 e, 18 offset (e * width),
  ;;   19 above (offset of row e - 1, or of row e when e = 0), 20 gn, 21 pn, 22 base.
  (func (;10;) (type 10) (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    (local i32 i32 i32 i32 i32 i32)
    i32.const 0
    local.set 17
    loop
      local.get 17
      local.get 2
      i32.mul
      local.tee 18
      local.get 2
      i32.sub
      local.get 18
      local.get 17
      select
      local.set 19
      local.get 0
      local.get 18
      i32.add
      local.get 0
      local.get 19
      i32.add
      local.get 9
      local.get 2
      local.get 4
      local.get 6
      local.get 5
      local.get 11
      local.get 13
      call 9
      local.set 20
      local.get 1
      local.get 18
      i32.add
      local.get 1
      local.get 19
      i32.add
      local.get 10
      local.get 2
      local.get 4
      local.get 7
      local.get 5
      local.get 12
      local.get 14
      call 9
      local.set 21
      local.get 20
      local.get 21
      i32.or
      if
        local.get 17
        local.get 4
        i32.sub
        local.get 2
        i32.mul
        local.set 22
        local.get 11
        local.get 11
        local.get 20
        i32.const 12
        i32.mul
        i32.add
        local.get 12
        local.get 12
        local.get 21
        i32.const 12
        i32.mul
        i32.add
        local.get 0
        local.get 22
        i32.add
        local.get 1
        local.get 22
        i32.add
        local.get 6
        local.get 7
        local.get 5
        local.get 8
        local.get 15
        local.get 16
        call 4
      end
      local.get 17
      i32.const 1
      i32.add
      local.tee 17
      local.get 3
      i32.lt_s
      br_if 0
    end)
  (memory (;0;) 1)
  (export "m" (memory 0))
  (export "r" (func 8))
  (export "c" (func 10)))
