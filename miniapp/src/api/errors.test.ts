import {
  ApiError,
  decodeErrorResponse,
  errorMessage,
  FORM_ERROR_KEY,
  NETWORK_ERROR_MESSAGE,
  networkError,
  parseBody,
} from './errors';

describe('decodeErrorResponse', () => {
  it('reads code, message and field messages from an error body', () => {
    const error = decodeErrorResponse(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: '提交的内容有误，请检查后重试',
        details: { fields: { phone: '联系电话格式不正确', intro: '请填写店铺介绍' } },
      },
    });

    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.status).toBe(400);
    expect(error.message).toBe('提交的内容有误，请检查后重试');
    expect(error.fields).toEqual({ phone: '联系电话格式不正确', intro: '请填写店铺介绍' });
  });

  it('parses an error body that arrived as text', () => {
    const text = JSON.stringify({ error: { code: 'PAYLOAD_TOO_LARGE', message: '照片不能超过 4 MB' } });
    const error = decodeErrorResponse(413, text);

    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toBe('照片不能超过 4 MB');
  });

  it('drops field messages that are not strings', () => {
    const error = decodeErrorResponse(400, {
      error: { code: 'VALIDATION_FAILED', message: '有误', details: { fields: { a: 1, b: { x: 1 }, c: '', d: '好' } } },
    });

    expect(error.fields).toEqual({ d: '好' });
  });

  it('keeps a form-level message under form', () => {
    const error = decodeErrorResponse(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: '没有需要保存的修改',
        details: { fields: { form: '没有需要保存的修改' } },
      },
    });

    expect(error.fields).toEqual({ [FORM_ERROR_KEY]: '没有需要保存的修改' });
  });

  it('moves a legacy _ message to form', () => {
    const error = decodeErrorResponse(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: '没有需要保存的修改',
        details: { fields: { _: '没有需要保存的修改', phone: '联系电话格式不正确' } },
      },
    });

    expect(error.fields).toEqual({ [FORM_ERROR_KEY]: '没有需要保存的修改', phone: '联系电话格式不正确' });
  });

  it('prefers form over legacy _ when both are present', () => {
    const error = decodeErrorResponse(400, {
      error: { code: 'VALIDATION_FAILED', message: '有误', details: { fields: { _: '旧的', form: '新的' } } },
    });

    expect(error.fields).toEqual({ [FORM_ERROR_KEY]: '新的' });
  });

  it('keeps a code this build does not know', () => {
    const error = decodeErrorResponse(418, { error: { code: 'NEW_CODE', message: '新的错误' } });

    expect(error.code).toBe('NEW_CODE');
    expect(error.message).toBe('新的错误');
  });

  it.each([
    [401, 'UNAUTHENTICATED', '请先登录'],
    [403, 'FORBIDDEN', '没有权限进行此操作'],
    [404, 'NOT_FOUND', '请求的内容不存在'],
    [413, 'PAYLOAD_TOO_LARGE', '上传的内容过大'],
    [429, 'RATE_LIMITED', '操作太频繁，请稍后再试'],
    [502, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试'],
    [500, 'INTERNAL', '服务器开小差了，请稍后再试'],
    [400, 'BAD_RESPONSE', '服务器返回了无法识别的内容，请稍后再试'],
  ])('maps status %i without an error body to %s', (status, code, message) => {
    const error = decodeErrorResponse(status, '<html>Bad Gateway</html>');

    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(error.fields).toEqual({});
  });

  it('replaces a blank message with a generic one', () => {
    const error = decodeErrorResponse(500, { error: { code: 'INTERNAL', message: '  ' } });

    expect(error.message).toBe('出了点问题，请稍后再试');
  });
});

describe('parseBody', () => {
  it('returns null for an empty string', () => {
    expect(parseBody('')).toBeNull();
  });

  it('returns text that is not JSON unchanged', () => {
    expect(parseBody('not json')).toBe('not json');
  });

  it('passes objects through', () => {
    const body = { a: 1 };
    expect(parseBody(body)).toBe(body);
  });
});

describe('errorMessage', () => {
  it('uses the message of an ApiError', () => {
    expect(errorMessage(networkError())).toBe(NETWORK_ERROR_MESSAGE);
  });

  it('hides the text of other errors', () => {
    expect(errorMessage(new TypeError('x is undefined'))).toBe('出了点问题，请稍后再试');
  });
});
