import { describe, expect, it } from 'vitest';
import { isLoopback } from '../../src/action/client.js';

describe('which API URLs get no write pacing', () => {
  it.each([
    ['http://127.0.0.1:4010', true],
    ['http://localhost:8080/api/v3', true],
    ['http://[::1]:3000', true],
    ['https://api.github.com', false],
    ['https://ghe.example.com/api/v3', false],
    ['https://127.0.0.1.example.com', false],
    ['not a url', false],
  ])('%s -> %s', (url, loopback) => {
    expect(isLoopback(url)).toBe(loopback);
  });
});
