import { LRUCache } from "lru-cache";

/** Public info.json documents kept ready: a few kilobytes each. */
const MAX_DOCUMENTS = 1000;

/** An info.json document ready to send, and its entity tag. */
export interface InfoDocument {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly etag: string;
}

/**
 * The serialised info.json of public images, by everything it is made of: the IIIF version, the
 * service id (which carries the public origin), and the source's path, modification time, size
 * and S3 ETag (the configuration is fixed for the life of the handler that owns this). Every viewer
 * opening an image asks for the same info.json first; probing the header again, building,
 * serialising and hashing it cost about a sixth of the request.
 */
export class InfoDocuments {
  readonly #documents = new LRUCache<string, InfoDocument>({ max: MAX_DOCUMENTS });

  /** The document kept under `key`, if any. */
  get(key: string): InfoDocument | undefined {
    return this.#documents.get(key);
  }

  /** Keeps `document` under `key`. */
  set(key: string, document: InfoDocument): void {
    this.#documents.set(key, document);
  }
}
