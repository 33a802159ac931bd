/**
 * How the package delivers, in one place: the delivery options' defaults, the retry policies and
 * which answers a retry may follow. The option fields (options.ts) render their defaults and help
 * text from here, so changing a policy here changes what the editor says too.
 */

export interface RetryPolicy {
	/** Extra tries after the first, for answers that prove nothing was done (429, 503, refused). */
	maxRetries: number;
	/** Whether a failure after the request may have reached the server is retried (risks a duplicate). */
	retryAmbiguous: boolean;
	baseDelayMs: number;
	/** Longest wait, including a Retry-After the server asks for; a longer ask fails instead. */
	maxDelayMs: number;
}

/** Default of the Max Retries option. */
export const DEFAULT_MAX_RETRIES = 3;
/** Default of the Timeout (Seconds) option. */
export const DEFAULT_TIMEOUT_SECONDS = 30;

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: DEFAULT_MAX_RETRIES, retryAmbiguous: false, baseDelayMs: 500, maxDelayMs: 30_000 };

/** List searches and credential tests: someone waits in the editor, so one retry and a short timeout. */
export const LOOKUP_RETRY: RetryPolicy = { ...DEFAULT_RETRY, maxRetries: 1 };
export const LOOKUP_TIMEOUT_MS = 15_000;

/** Statuses that say the server did not do the work, with what they say in the help text. */
const RETRYABLE: ReadonlyArray<readonly [status: number, meaning: string]> = [
	[429, 'throttles'],
	[503, 'is unavailable'],
];

/** Statuses that say the server did not do the work, so repeating the request cannot duplicate it. */
export const RETRYABLE_STATUSES: readonly number[] = RETRYABLE.map(([status]) => status);

/**
 * Gateway answers: the server behind the proxy may still have done the work. A 504 is a timeout; a
 * proxy also answers 502 when the upstream reset or closed the connection after receiving the
 * request, so a 502 proves nothing either.
 */
export const AMBIGUOUS_STATUSES: readonly number[] = [502, 504];

/** "a, b or c". */
function inWords(parts: string[]): string {
	return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

/** The retryable answers as the Max Retries help text names them: "throttles (429) or is unavailable (503)". */
export const RETRYABLE_IN_WORDS = inWords(RETRYABLE.map(([status, meaning]) => `${meaning} (${status})`));

/** The failures "Retry When Outcome Unknown" retries, as its help text lists them. */
export const AMBIGUOUS_IN_WORDS = ['timeout', 'dropped connection', ...AMBIGUOUS_STATUSES].join(', ');
