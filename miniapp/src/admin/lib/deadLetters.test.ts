import { deadLetterChannelLabel, deadLetterKindLabel, shortErrorNote } from './deadLetters';

describe('dead letter labels', () => {
  it('names known kinds and channels in Chinese', () => {
    expect(deadLetterKindLabel('shopOwnerBound')).toBe('店主绑定通知');
    expect(deadLetterKindLabel('shopCodeGenerated')).toBe('小程序码生成通知');
    expect(deadLetterChannelLabel('inbox')).toBe('站内消息');
    expect(deadLetterChannelLabel('subscribe')).toBe('微信订阅消息');
  });

  it('shows unknown keys as they are', () => {
    expect(deadLetterKindLabel('newKind')).toBe('newKind');
    expect(deadLetterChannelLabel('sms')).toBe('sms');
  });
});

describe('shortErrorNote', () => {
  it('joins lines and trims', () => {
    expect(shortErrorNote('  WeChat 43101\n  user refused ')).toBe('WeChat 43101 user refused');
  });

  it('cuts long text with an ellipsis', () => {
    const note = shortErrorNote('x'.repeat(200), 10);

    expect(note).toBe(`${'x'.repeat(9)}…`);
    expect(note).toHaveLength(10);
  });

  it.each([null, '', '   '])('says no error was recorded for %p', (lastError) => {
    expect(shortErrorNote(lastError)).toBe('没有记录错误信息');
  });
});
