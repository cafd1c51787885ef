/** Settings every test suite shares, defined once. */

/** Retries without waiting: three, 1–5 ms apart, honouring a `Retry-After` of up to 50 ms. */
export const fastRetry = { retries: 3, baseMs: 1, capMs: 5, maxRetryAfterMs: 50 };
