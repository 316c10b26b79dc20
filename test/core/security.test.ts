import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { isAllowedRequest, isTrustedUrl, windowWebPreferences } from '../../electron/security';
import { isAllowedHost, isAllowedOrigin, staticFileFor, tokenMatches } from '../../electron/web/security';

const root = '/opt/整改台账/resources/app/dist/renderer';

describe('desktop security decisions', () => {
  it('trusts only our own index page', () => {
    const own = `file://${encodeURI(root)}/index.html`;
    expect(isTrustedUrl(own, root)).toBe(true);
    expect(isTrustedUrl(own + '#/stats', root)).toBe(true);
    expect(isTrustedUrl(own + '?x=1', root)).toBe(false);
    expect(isTrustedUrl('file:///opt/other/index.html', root)).toBe(false);
    expect(isTrustedUrl(`file://${encodeURI(root)}/../../index.html`, root)).toBe(false);
    expect(isTrustedUrl('https://example.com/', root)).toBe(false);
    expect(isTrustedUrl('javascript:alert(1)', root)).toBe(false);
    expect(isTrustedUrl(undefined, root)).toBe(false);
  });

  it('lets the page load only its own files, never the network', () => {
    expect(isAllowedRequest(`file://${encodeURI(root)}/assets/index.js`, root)).toBe(true);
    expect(isAllowedRequest('blob:file:///abc', root)).toBe(true);
    expect(isAllowedRequest('https://cdn.example.com/x.js', root)).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:1234/api', root)).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd', root)).toBe(false);
    expect(isAllowedRequest(`file://${root}-evil/x.js`, root)).toBe(false);
  });

  it('configures the window without Node and with isolation', () => {
    const prefs = windowWebPreferences('/p/preload.cjs');
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webviewTag: false, plugins: true });
  });
});

describe('web host request checks', () => {
  it('accepts only loopback Host headers for its own port', () => {
    expect(isAllowedHost('127.0.0.1:8080', 8080)).toBe(true);
    expect(isAllowedHost('localhost:8080', 8080)).toBe(true);
    expect(isAllowedHost('evil.example:8080', 8080)).toBe(false);
    expect(isAllowedHost('127.0.0.1:9090', 8080)).toBe(false);
    expect(isAllowedHost(undefined, 8080)).toBe(false);
  });

  it('refuses a foreign Origin', () => {
    expect(isAllowedOrigin(undefined, 8080)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:8080', 8080)).toBe(true);
    expect(isAllowedOrigin('http://evil.example', 8080)).toBe(false);
    expect(isAllowedOrigin('null', 8080)).toBe(false);
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('', 'abc')).toBe(false);
    expect(tokenMatches(undefined, 'abc')).toBe(false);
  });

  it('never serves a file outside the renderer folder', () => {
    const exists = () => true;
    expect(staticFileFor('/', '/r', exists, path.join)).toBe('/r/index.html');
    expect(staticFileFor('/assets/a.js', '/r', exists, path.join)).toBe('/r/assets/a.js');
    expect(staticFileFor('/../etc/passwd', '/r', exists, path.join)).toBeNull();
    expect(staticFileFor('/%2e%2e/etc/passwd', '/r', exists, path.join)).toBeNull();
    expect(staticFileFor('/assets/..%5c..%5csecret', '/r', exists, path.join)).toBeNull();
    expect(staticFileFor('/%00', '/r', exists, path.join)).toBeNull();
  });
});
