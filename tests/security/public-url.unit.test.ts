/**
 * Where the site is (server/config.ts, server/http/public-url.ts): production refuses to start
 * unless PUBLIC_URL or ALLOWED_HOSTS says so, ALLOWED_HOSTS holds host names only, PUBLIC_URL is
 * http(s), and development keeps following the request's host.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseAllowedHosts, requirePublicHost } from '../../server/config.js';

const start = (env: Record<string, string>) => requirePublicHost(loadConfig(env));

describe('starting in production', () => {
  it('refuses without PUBLIC_URL or ALLOWED_HOSTS, saying what to set', () => {
    expect(() => start({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => start({ NODE_ENV: 'production' })).toThrow(/PUBLIC_URL .* or ALLOWED_HOSTS/);
  });

  it('starts with either', () => {
    expect(() => start({ NODE_ENV: 'production', PUBLIC_URL: 'https://ma.example.vn' })).not.toThrow();
    expect(() => start({ NODE_ENV: 'production', ALLOWED_HOSTS: 'ma.example.vn, MA2.example.vn:8443' })).not.toThrow();
    expect(loadConfig({ ALLOWED_HOSTS: 'ma.example.vn, MA2.example.vn:8443' }).allowedHosts).toEqual([
      'ma.example.vn',
      'ma2.example.vn:8443',
    ]);
  });

  it('outside production, starts without (development on localhost), and the CLIs never need it', () => {
    expect(() => start({})).not.toThrow();
    expect(() => start({ NODE_ENV: 'development' })).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: 'production' })).not.toThrow();
  });
});

describe('the values', () => {
  it('ALLOWED_HOSTS holds host names with optional ports, not URLs', () => {
    expect(parseAllowedHosts('localhost:3000,[::1]:3000,10.0.0.5')).toEqual(['localhost:3000', '[::1]:3000', '10.0.0.5']);
    for (const bad of ['https://ma.example.vn', 'ma.example.vn/path', 'a b', 'user@ma.example.vn', 'ma.example.vn?x']) {
      expect(() => parseAllowedHosts(bad), bad).toThrow(ConfigError);
    }
  });

  it('PUBLIC_URL is an http or https URL', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'javascript:alert(1)' })).toThrow(/http/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://ma.example.vn' })).toThrow(/http/);
    expect(loadConfig({ PUBLIC_URL: 'https://ma.example.vn/' }).publicUrl).toBe('https://ma.example.vn/');
  });
});
