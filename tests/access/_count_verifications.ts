/** Runs `body` counting the MAC verifications (`crypto.subtle.verify` calls) it makes. */
export async function countVerifications(body: () => Promise<void>): Promise<number> {
  const verify = crypto.subtle.verify;
  let calls = 0;
  crypto.subtle.verify = (...args) => {
    calls++;
    return verify.apply(crypto.subtle, args);
  };
  try {
    await body();
  } finally {
    crypto.subtle.verify = verify;
  }
  return calls;
}
