import type { ListenerSnapshot } from "./listener_snapshot.ts";

/** How long a listener waits for the others' answers: a dead one being replaced may not answer. */
const PEER_WAIT_MS = 1_000;

/** What a listener does for the others. */
export interface ListenerDuties {
  snapshot(): ListenerSnapshot;
  /** Drops a source's derivatives from the memory layer (the shared cache is purged once). */
  purgeMemory(identifier: string): void;
}

type PeerMessage =
  | { readonly type: "collect"; readonly from: number; readonly id: number }
  | {
    readonly type: "snapshot";
    readonly to: number;
    readonly id: number;
    readonly snapshot: ListenerSnapshot;
  }
  | {
    readonly type: "purge";
    readonly from: number;
    readonly id: number;
    readonly identifier: string;
  }
  | { readonly type: "purged"; readonly to: number; readonly id: number };

interface Waiting {
  readonly answers: ListenerSnapshot[];
  expected: number;
  readonly done: () => void;
}

/**
 * The other HTTP listeners of this server, reached over a `BroadcastChannel`: their counts for
 * `/metrics` and `/status`, and a purge of their memory layers, whichever listener was asked.
 */
export class ListenerPeers {
  readonly #channel: BroadcastChannel;
  readonly #index: number;
  readonly #others: number;
  readonly #waiting = new Map<number, Waiting>();
  #duties: ListenerDuties | undefined;
  #nextId = 1;

  /**
   * @param group Names the server's channel (several servers may share a process, as in tests).
   * @param index This listener's number, 0 for the main thread's.
   * @param count How many listeners the server has.
   */
  constructor(group: string, index: number, count: number) {
    this.#index = index;
    this.#others = count - 1;
    this.#channel = new BroadcastChannel(`tessera-listeners-${group}`);
    this.#channel.onmessage = (event: MessageEvent<PeerMessage>) => this.#receive(event.data);
  }

  /** Starts answering the others with `duties`. */
  serve(duties: ListenerDuties): void {
    this.#duties = duties;
  }

  /** The others' counts (those that answered within a second). */
  async snapshots(): Promise<ListenerSnapshot[]> {
    const id = this.#nextId++;
    const waiting = this.#wait(id);
    this.#channel.postMessage({ type: "collect", from: this.#index, id } satisfies PeerMessage);
    await waiting.promise;
    return waiting.answers;
  }

  /** Has the others drop `identifier`'s derivatives from memory; resolves when they did (or 1 s). */
  async purgeMemory(identifier: string): Promise<void> {
    const id = this.#nextId++;
    const waiting = this.#wait(id);
    this.#channel.postMessage(
      { type: "purge", from: this.#index, id, identifier } satisfies PeerMessage,
    );
    await waiting.promise;
  }

  close(): void {
    this.#channel.close();
    for (const waiting of this.#waiting.values()) waiting.done();
  }

  #wait(id: number): { promise: Promise<void>; answers: ListenerSnapshot[] } {
    const { promise, resolve } = Promise.withResolvers<void>();
    const answers: ListenerSnapshot[] = [];
    const done = () => {
      clearTimeout(timer);
      this.#waiting.delete(id);
      resolve();
    };
    const timer = setTimeout(done, PEER_WAIT_MS);
    this.#waiting.set(id, { answers, expected: this.#others, done });
    return { promise, answers };
  }

  #receive(message: PeerMessage): void {
    const duties = this.#duties;
    switch (message.type) {
      case "collect":
        if (!duties) return;
        return this.#post({
          type: "snapshot",
          to: message.from,
          id: message.id,
          snapshot: duties.snapshot(),
        });
      case "purge":
        duties?.purgeMemory(message.identifier);
        return this.#post({ type: "purged", to: message.from, id: message.id });
      case "snapshot":
      case "purged":
        if (message.to === this.#index) this.#answered(message);
    }
  }

  #answered(message: Extract<PeerMessage, { type: "snapshot" | "purged" }>): void {
    const waiting = this.#waiting.get(message.id);
    if (!waiting) return;
    if (message.type === "snapshot") waiting.answers.push(message.snapshot);
    if (--waiting.expected === 0) waiting.done();
  }

  #post(message: PeerMessage): void {
    this.#channel.postMessage(message);
  }
}
