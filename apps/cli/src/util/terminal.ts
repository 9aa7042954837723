/** A writable text stream with the TTY facts the CLI looks at. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * Whether to colour output written to `stream`: only on a TTY, never when `NO_COLOR` is set (any
 * non-empty value, https://no-color.org), never with `--no-color`; `FORCE_COLOR` (non-zero) forces it on.
 */
export function shouldColor(
  stream: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
  colorFlag: boolean,
): boolean {
  if (!colorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * A one-line progress bar with images/s and ETA, redrawn at most 10 times a second. Draws only when
 * `enabled` (stderr is a TTY and not `--quiet`); otherwise every method is a no-op.
 */
export class ProgressBar {
  readonly #stream: OutputStream;
  readonly #enabled: boolean;
  readonly #start = Date.now();
  #last = 0;
  #drawn = false;

  constructor(stream: OutputStream, enabled: boolean) {
    this.#stream = stream;
    this.#enabled = enabled;
  }

  /** Shows `done` of `total` images. */
  update(done: number, total: number): void {
    if (!this.#enabled) return;
    const now = Date.now();
    if (done < total && now - this.#last < 100) return;
    this.#last = now;
    const elapsed = (now - this.#start) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (total - done) / rate : Number.NaN;
    const width = Math.max(10, Math.min(30, (this.#stream.columns ?? 80) - 50));
    const filled = total > 0 ? Math.round((done / total) * width) : width;
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const text = `${bar} ${done}/${total} images  ${rate.toFixed(1)} img/s  ETA ${duration(eta)}`;
    this.#stream.write(`\r${text}\x1b[K`);
    this.#drawn = true;
  }

  /** Clears the bar's line. */
  clear(): void {
    if (this.#drawn) this.#stream.write('\r\x1b[K');
    this.#drawn = false;
  }
}
