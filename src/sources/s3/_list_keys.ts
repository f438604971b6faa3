import { s3Failure } from "./_s3_failure.ts";
import { xmlTexts } from "./_xml_text.ts";
import type { S3Bucket } from "./s3_object.ts";
import { sendS3Request } from "./s3_request.ts";

/**
 * The keys under `prefix`, in S3's order, at most `limit` of them: ListObjectsV2 pages of up to
 * 1,000 keys, followed through their continuation tokens.
 *
 * @param bucket The bucket to list.
 * @param options The key prefix and how many keys to return at most.
 * @throws {UpstreamError} S3 refused a page or could not be reached.
 * @throws {UpstreamTimeoutError} A page took longer than the bucket's timeout.
 * @throws {ForbiddenSourceError} The endpoint is not public and the bucket does not allow it.
 */
export async function listKeys(
  bucket: S3Bucket,
  options: { prefix: string; limit: number },
): Promise<string[]> {
  const identifier = `s3://${bucket.name}/${options.prefix}`;
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const query: Record<string, string> = { "list-type": "2", prefix: options.prefix };
    if (token !== undefined) query["continuation-token"] = token;
    const answer = await sendS3Request(bucket, { method: "GET", key: "", query }, { identifier });
    if (answer.status !== 200) throw s3Failure(answer, { bucket, identifier });
    const xml = new TextDecoder().decode(answer.body);
    keys.push(...xmlTexts(xml, "Key"));
    token = xmlTexts(xml, "IsTruncated")[0] === "true"
      ? xmlTexts(xml, "NextContinuationToken")[0]
      : undefined;
  } while (token !== undefined && keys.length < options.limit);
  return keys.slice(0, options.limit);
}
