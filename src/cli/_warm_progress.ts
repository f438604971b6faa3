const BAR_WIDTH = 30;

/**
 * The progress of `tessera warm` on stderr: on a terminal one line redrawn with `\r` after every
 * derivative; otherwise (a log file, CI) one line at each tenth, so logs stay short.
 */
export class WarmProgress {
  readonly #total: number;
  readonly #terminal: boolean;
  readonly #write: (text: string) => void;
  #done = 0;
  #lastTenth = 0;

  /**
   * @param total How many derivatives will be requested.
   * @param options `terminal`: redraw one line; `write`: where the text goes.
   */
  constructor(total: number, options: { terminal: boolean; write: (text: string) => void }) {
    this.#total = total;
    this.#terminal = options.terminal;
    this.#write = options.write;
  }

  /** Counts one more derivative as finished (made, cached or failed). */
  step(): void {
    this.#done++;
    if (this.#terminal) {
      this.#write(`\r${this.#bar()} ${this.#done}/${this.#total}`);
      if (this.#done === this.#total) this.#write("\n");
      return;
    }
    const tenth = Math.floor((this.#done * 10) / this.#total);
    if (tenth > this.#lastTenth) {
      this.#lastTenth = tenth;
      this.#write(`Warming: ${tenth * 10}% (${this.#done}/${this.#total})\n`);
    }
  }

  #bar(): string {
    const filled = Math.round((this.#done / this.#total) * BAR_WIDTH);
    return `[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}]`;
  }
}
