/**
 * The environment variables a bucket's credentials are read from, by whichever thread sends the
 * request (the main thread for lookups, workers for reads), so the values never travel in
 * messages.
 */
export interface CredentialVariables {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Only set for temporary credentials. */
  readonly sessionToken: string;
}

/** How to reach one bucket: plain data, so it can be sent to workers as it is. */
export interface S3Bucket {
  /** The service's origin and optional path, without trailing `/`, e.g. `http://127.0.0.1:9000`. */
  readonly endpoint: string;
  readonly region: string;
  readonly name: string;
  /** `endpoint/bucket/key` when true, else `bucket.endpoint-host/key` (virtual-hosted style). */
  readonly pathStyle: boolean;
  /** Whether the endpoint may resolve to a loopback, private or other non-public address. */
  readonly allowPrivateNetworks: boolean;
  /** Milliseconds each request may take. */
  readonly timeoutMs: number;
  readonly credentialVariables: CredentialVariables;
}

/** One version of one object: its ETag changes whenever the object is replaced. */
export interface S3Object {
  readonly bucket: S3Bucket;
  readonly key: string;
  /** As S3 sends it, quotes included; `""` when the server sent none. */
  readonly etag: string;
  /** Its length in bytes. */
  readonly size: number;
}
