// Pure helpers of the subscribe-message consent, free of Taro so unit tests can run them in Node.

/**
 * Template ids asked for in one wx.requestSubscribeMessage call. WeChat's
 * documentation has given 3 as the limit per call (newer pages give 5), and a
 * second call cannot follow because only a tap may open the panel.
 */
export const MAX_TEMPLATES_PER_REQUEST = 3;

/** Picks the distinct template ids for one consent request, at most MAX_TEMPLATES_PER_REQUEST. */
export function subscribeTemplateIds(templates: ReadonlyArray<{ templateId: string }>): string[] {
  const ids = templates.map((template) => template.templateId).filter((id) => id !== '');
  return [...new Set(ids)].slice(0, MAX_TEMPLATES_PER_REQUEST);
}

/**
 * Turns what wx.requestSubscribeMessage resolved with into the `results` that
 * POST /consents accepts: only the requested template ids with a string value.
 * This drops errMsg, which the API would reject as an unknown template.
 */
export function cleanSubscribeResults(raw: unknown, requestedIds: readonly string[]): Record<string, string> {
  if (typeof raw !== 'object' || raw === null) return {};

  const results: Record<string, string> = {};
  for (const id of requestedIds) {
    const answer = (raw as Record<string, unknown>)[id];
    if (typeof answer === 'string') results[id] = answer;
  }
  return results;
}

/**
 * Checks whether the person allowed at least one template. Only 'accept'
 * counts, as it does on the API, which grants one send per 'accept'.
 * NOTE: WeChat also documents 'acceptWithAudio' (accepted with a voice alert),
 * which the API does not count yet.
 */
export function acceptedAny(results: Record<string, string>): boolean {
  return Object.values(results).includes('accept');
}

/** Kind of wx.requestSubscribeMessage failure, one for each way the page reacts. */
export type SubscribeFailure =
  /** The person closed the panel; nothing to report. */
  | 'cancelled'
  /** errCode 20004: the person turned off subscribe messages for this mini-program in its settings. */
  | 'switchedOff'
  /** The call did not run directly in a tap handler, so WeChat refused to open the panel. */
  | 'needsTap'
  | 'failed';

/** Classifies the value wx.requestSubscribeMessage rejected with ({ errCode, errMsg }). */
export function classifySubscribeFailure(error: unknown): SubscribeFailure {
  if (typeof error !== 'object' || error === null) return 'failed';
  const { errCode, errMsg } = error as { errCode?: unknown; errMsg?: unknown };
  const message = typeof errMsg === 'string' ? errMsg.toLowerCase() : '';

  if (errCode === 20004 || message.includes('main switch')) return 'switchedOff';
  if (message.includes('tap gesture')) return 'needsTap';
  if (message.includes('cancel')) return 'cancelled';
  return 'failed';
}
