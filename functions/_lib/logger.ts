/**
 * The one structured JSON logger. Child loggers carry the request id, user id
 * and module. Tokens, phone numbers and message bodies are never logged; the
 * redact list is a second line of defence, not a licence to pass them.
 */
import pino from 'pino';
import { config } from './config';

export const logger = pino({
  level: config().logLevel,
  base: { service: 'shuzi-xiangcun' },
  redact: {
    paths: [
      '*.token',
      '*.accessToken',
      '*.refreshToken',
      '*.access_token',
      '*.session_key',
      '*.phone',
      '*.secret',
      '*.authorization',
    ],
    censor: '[redacted]',
  },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export type Logger = typeof logger;
