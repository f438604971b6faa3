import assert from "node:assert/strict";
import { objectUrl } from "../../../src/sources/s3/_object_url.ts";

const AWS = { endpoint: "https://s3.eu-west-3.amazonaws.com", name: "museum", pathStyle: false };
const MINIO = { endpoint: "http://10.0.0.5:9000/storage", name: "museum", pathStyle: true };

/** [bucket, key, query, URL]. */
const CASES: [typeof AWS, string, Record<string, string>, string][] = [
  [AWS, "2019/a b.tif", {}, "https://museum.s3.eu-west-3.amazonaws.com/2019/a%20b.tif"],
  [MINIO, "2019/a b.tif", {}, "http://10.0.0.5:9000/storage/museum/2019/a%20b.tif"],
  [AWS, "é+&?#%.jpg", {}, "https://museum.s3.eu-west-3.amazonaws.com/%C3%A9%2B%26%3F%23%25.jpg"],
  [
    AWS,
    "",
    { "list-type": "2", prefix: "a b/+" },
    `https://museum.s3.eu-west-3.amazonaws.com/` +
    "?list-type=2&prefix=a%20b%2F%2B",
  ],
  [MINIO, "", { "list-type": "2" }, "http://10.0.0.5:9000/storage/museum?list-type=2"],
];

Deno.test("objectUrl() addresses keys path style or virtual-hosted, encoded as S3 signs them", () => {
  for (const [bucket, key, query, href] of CASES) {
    assert.equal(objectUrl(bucket, { key, query }).href, href, key);
  }
});
