import { describe, expect, it } from 'vitest';
import { blockedIpv6, parseIpv6 } from '../../worker/webhooks/ip-ranges';
import { checkWebhookUrl } from '../../worker/webhooks/url-policy';

const problem = (url: string, environment = 'production') => {
  const r = checkWebhookUrl(url, { environment });
  return r.ok ? 'ok' : r.problem;
};

describe('checkWebhookUrl', () => {
  it('accepts public https URLs and returns them normalised', () => {
    expect(checkWebhookUrl('https://Hooks.Example.com/kinobi?x=1')).toEqual({
      ok: true,
      url: 'https://hooks.example.com/kinobi?x=1',
    });
    for (const url of [
      'https://hooks.slack.com/services/T0/B0/xyz',
      'https://example.com:8443/in',
      'https://8.8.8.8/hook',
      'https://[2606:4700:4700::1111]/hook',
      'https://api.example.co.id./in',
      'https://xn--80ak6aa92e.com/',
    ]) {
      expect(problem(url), url).toBe('ok');
    }
  });

  it('refuses what is not an absolute URL', () => {
    for (const url of ['', 'hooks.example.com/in', '/relative', 'https://', 'https://[::1/']) {
      expect(problem(url), url).toBe('invalid_url');
    }
  });

  it('refuses every scheme but https', () => {
    for (const url of [
      'http://hooks.example.com/in',
      'ftp://hooks.example.com/',
      'ws://hooks.example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/plain,x',
    ]) {
      expect(problem(url), url).toBe('scheme');
    }
  });

  it('allows plain http, and https, only to 127.0.0.1 and only in development', () => {
    expect(problem('http://127.0.0.1:9000/hook', 'development')).toBe('ok');
    expect(problem('https://127.0.0.1:9000/hook', 'development')).toBe('ok');
    expect(problem('http://127.0.0.1:9000/hook')).toBe('scheme');
    expect(problem('https://127.0.0.1:9000/hook')).toBe('loopback');
    expect(problem('http://127.0.0.1:9000/hook', 'staging')).toBe('scheme');
    expect(problem('http://localhost:9000/hook', 'development')).toBe('scheme');
    expect(problem('https://localhost:9000/hook', 'development')).toBe('localhost');
    expect(problem('http://127.0.0.2/hook', 'development')).toBe('scheme');
    expect(problem('http://10.0.0.1/hook', 'development')).toBe('scheme');
    expect(problem('http://hooks.example.com/', 'development')).toBe('scheme');
  });

  it('refuses credentials in the URL', () => {
    expect(problem('https://user:pass@hooks.example.com/')).toBe('credentials');
    expect(problem('https://user@hooks.example.com/')).toBe('credentials');
    expect(problem('https://:secret@hooks.example.com/')).toBe('credentials');
    expect(problem('http://user:pass@127.0.0.1/', 'development')).toBe('credentials');
  });

  it('refuses localhost names', () => {
    for (const url of [
      'https://localhost/',
      'https://LOCALHOST:443/',
      'https://localhost./',
      'https://api.localhost/',
      'https://a.b.localhost/',
    ]) {
      expect(problem(url), url).toBe('localhost');
    }
  });

  it('refuses metadata names, private-use suffixes and single-label names', () => {
    expect(problem('https://metadata.google.internal/computeMetadata/v1/')).toBe('metadata');
    expect(problem('https://metadata/')).toBe('metadata');
    expect(problem('https://instance-data/latest/')).toBe('metadata');
    expect(problem('https://ip-10-0-0-1.ec2.internal/')).toBe('internal_name');
    for (const url of [
      'https://printer.local/',
      'https://nas.home.arpa/',
      'https://box.localdomain/',
      'https://git.corp/',
    ]) {
      expect(problem(url), url).toBe('internal_name');
    }
    expect(problem('https://intranet/')).toBe('single_label');
  });

  it('refuses loopback, private, CGNAT, link-local, metadata and other special IPv4 addresses', () => {
    const cases: [string, string][] = [
      ['127.0.0.1', 'loopback'],
      ['127.255.255.254', 'loopback'],
      ['10.0.0.1', 'private'],
      ['10.255.255.255', 'private'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'cgnat'],
      ['100.127.255.255', 'cgnat'],
      ['169.254.0.1', 'link_local'],
      ['169.254.169.254', 'metadata'],
      ['0.0.0.0', 'unspecified'],
      ['0.1.2.3', 'unspecified'],
      ['224.0.0.1', 'multicast'],
      ['239.255.255.250', 'multicast'],
      ['255.255.255.255', 'reserved'],
      ['240.0.0.1', 'reserved'],
      ['192.0.2.10', 'reserved'],
      ['198.18.0.1', 'reserved'],
      ['198.51.100.7', 'reserved'],
      ['203.0.113.9', 'reserved'],
      ['192.0.0.170', 'reserved'],
    ];
    for (const [ip, why] of cases) expect(problem(`https://${ip}/hook`), ip).toBe(why);
  });

  it('keeps the neighbours of blocked ranges public', () => {
    for (const ip of [
      '9.255.255.255',
      '11.0.0.0',
      '100.63.255.255',
      '100.128.0.0',
      '172.15.255.255',
      '172.32.0.0',
      '192.167.255.255',
      '192.169.0.0',
      '169.253.255.255',
      '169.255.0.0',
      '126.255.255.255',
      '128.0.0.0',
      '223.255.255.255',
      '1.1.1.1',
    ]) {
      expect(problem(`https://${ip}/`), ip).toBe('ok');
    }
  });

  it('sees through decimal, hex, octal and shortened IPv4 forms', () => {
    const cases: [string, string][] = [
      ['2130706433', 'loopback'], // 127.0.0.1
      ['0x7f000001', 'loopback'],
      ['0x7f.0.0.1', 'loopback'],
      ['0177.0.0.1', 'loopback'],
      ['0177.1', 'loopback'],
      ['127.1', 'loopback'],
      ['017700000001', 'loopback'],
      ['2852039166', 'metadata'], // 169.254.169.254
      ['0xa9fea9fe', 'metadata'],
      ['0251.0376.0251.0376', 'metadata'],
      ['167772161', 'private'], // 10.0.0.1
      ['0xc0.0xa8.1.1', 'private'],
      ['0', 'unspecified'],
    ];
    for (const [host, why] of cases) expect(problem(`https://${host}/`), host).toBe(why);
  });

  it('refuses IPv6 loopback, unspecified, ULA, link-local, multicast and IPv4-embedding forms', () => {
    const cases: [string, string][] = [
      ['::1', 'loopback'],
      ['0:0:0:0:0:0:0:1', 'loopback'],
      ['::', 'unspecified'],
      ['fc00::1', 'unique_local'],
      ['fd12:3456:789a::1', 'unique_local'],
      ['fd00:ec2::254', 'unique_local'],
      ['fe80::1', 'link_local'],
      ['febf::1', 'link_local'],
      ['fec0::1', 'private'],
      ['ff02::1', 'multicast'],
      ['::ffff:127.0.0.1', 'ipv4_mapped'],
      ['::ffff:7f00:1', 'ipv4_mapped'],
      ['::ffff:169.254.169.254', 'ipv4_mapped'],
      ['::ffff:8.8.8.8', 'ipv4_mapped'],
      ['::127.0.0.1', 'ipv4_mapped'],
      ['64:ff9b::a00:1', 'ipv4_mapped'],
      ['2002:7f00:1::', 'ipv4_mapped'],
      ['2001:db8::1', 'reserved'],
      ['2001::1', 'reserved'],
      ['100::1', 'reserved'],
    ];
    for (const [ip, why] of cases) expect(problem(`https://[${ip}]/`), ip).toBe(why);
  });
});

describe('parseIpv6', () => {
  it('expands :: and embedded IPv4, and refuses malformed text', () => {
    expect(parseIpv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6('2001:db8::8:800:200c:417a')).toEqual([0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a]);
    expect(parseIpv6('::ffff:10.1.2.3')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0a01, 0x0203]);
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseIpv6('1::')).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    for (const bad of [
      '1:2:3',
      '1::2::3',
      '12345::',
      'g::1',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7::8',
      '::ffff:300.1.1.1',
    ]) {
      expect(parseIpv6(bad), bad).toBeNull();
    }
  });

  it('passes global unicast', () => {
    expect(blockedIpv6(parseIpv6('2606:4700::6810:84e5') ?? [])).toBeNull();
    expect(blockedIpv6(parseIpv6('2a00:1450:4009:81f::200e') ?? [])).toBeNull();
  });
});
