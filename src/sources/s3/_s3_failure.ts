import { UpstreamError } from "../mod.ts";
import { xmlTexts } from "./_xml_text.ts";
import type { S3Answer } from "./s3_request.ts";
import type { S3Bucket } from "./s3_object.ts";

/**
 * The error for an answer S3 should not have given, naming the status and, when the body
 * carries one, S3's error code and message (`SignatureDoesNotMatch`, `AccessDenied`, …), so an
 * operator sees what to fix.
 *
 * @param answer What S3 answered.
 * @param options The bucket, and what was being read (`<profile>:<name>`).
 */
export function s3Failure(
  answer: S3Answer,
  options: { bucket: S3Bucket; identifier: string },
): UpstreamError {
  const { code, message } = s3ErrorOf(answer);
  const detail = [code, message].filter((part) => part !== undefined).join(": ");
  return new UpstreamError(
    `Cannot read "${options.identifier}" from S3 bucket "${options.bucket.name}": ` +
      `it answered HTTP ${answer.status}${detail === "" ? "" : ` (${detail})`}`,
  );
}

/** S3's error `Code` and `Message`, when the body is an S3 error document. */
export function s3ErrorOf(answer: S3Answer): { code?: string; message?: string } {
  const xml = new TextDecoder().decode(answer.body);
  const [code] = xmlTexts(xml, "Code");
  const [message] = xmlTexts(xml, "Message");
  return { code, message };
}
