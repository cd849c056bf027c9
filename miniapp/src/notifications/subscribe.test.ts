import {
  acceptedAny,
  classifySubscribeFailure,
  cleanSubscribeResults,
  MAX_TEMPLATES_PER_REQUEST,
  subscribeTemplateIds,
} from './subscribe';

describe('subscribeTemplateIds', () => {
  it('keeps distinct ids up to the limit', () => {
    const templates = ['a', 'b', 'a', '', 'c', 'd'].map((templateId) => ({ templateId }));

    expect(subscribeTemplateIds(templates)).toEqual(['a', 'b', 'c']);
    expect(MAX_TEMPLATES_PER_REQUEST).toBe(3);
  });

  it('returns nothing for no templates', () => {
    expect(subscribeTemplateIds([])).toEqual([]);
  });
});

describe('cleanSubscribeResults', () => {
  it('drops errMsg', () => {
    const raw = { errMsg: 'requestSubscribeMessage:ok', 'tmpl-1': 'accept' };

    expect(cleanSubscribeResults(raw, ['tmpl-1'])).toEqual({ 'tmpl-1': 'accept' });
  });

  it('keeps only requested ids with text answers', () => {
    const raw = { 'tmpl-1': 'reject', 'tmpl-2': 1, other: 'accept' };

    expect(cleanSubscribeResults(raw, ['tmpl-1', 'tmpl-2', 'tmpl-3'])).toEqual({ 'tmpl-1': 'reject' });
  });

  it.each([null, undefined, 'accept'])('returns nothing for %p', (raw) => {
    expect(cleanSubscribeResults(raw, ['tmpl-1'])).toEqual({});
  });
});

describe('acceptedAny', () => {
  it('is true when one template is accepted', () => {
    expect(acceptedAny({ a: 'reject', b: 'accept' })).toBe(true);
  });

  it('is false for rejects, bans and filters', () => {
    expect(acceptedAny({ a: 'reject', b: 'ban', c: 'filter' })).toBe(false);
    expect(acceptedAny({})).toBe(false);
  });
});

describe('classifySubscribeFailure', () => {
  it('detects the switched-off main switch by code', () => {
    const error = { errCode: 20004, errMsg: 'requestSubscribeMessage:fail the main switch is switched off' };
    expect(classifySubscribeFailure(error)).toBe('switchedOff');
  });

  it('detects the main switch by message alone', () => {
    expect(classifySubscribeFailure({ errMsg: 'requestSubscribeMessage:fail The main switch is switched off' })).toBe(
      'switchedOff',
    );
  });

  it('detects a call outside a tap', () => {
    const error = { errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' };
    expect(classifySubscribeFailure(error)).toBe('needsTap');
  });

  it('detects a cancel', () => {
    expect(classifySubscribeFailure({ errMsg: 'requestSubscribeMessage:fail cancel' })).toBe('cancelled');
  });

  it.each([{ errCode: 20001, errMsg: 'requestSubscribeMessage:fail No template data return' }, new Error('x'), null])(
    'treats %p as failed',
    (error) => {
      expect(classifySubscribeFailure(error)).toBe('failed');
    },
  );
});
