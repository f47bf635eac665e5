import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './external-links';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-key-pairs.html',
    'https://console.aws.amazon.com/ec2/home',
    'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#KeyPairs:',
    'https://ap-northeast-1.console.aws.amazon.com/ec2/home',
    'https://aws.amazon.com/premiumsupport/',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['plain http', 'http://docs.aws.amazon.com/'],
    ['a look-alike host', 'https://docs.aws.amazon.com.evil.example/'],
    ['a sub-domain that is not a console', 'https://evil.aws.amazon.com.example/'],
    ['credentials in the URL', 'https://user:pw@docs.aws.amazon.com/'],
    ['a non-default port', 'https://docs.aws.amazon.com:8443/'],
    ['a file URL', 'file:///etc/passwd'],
    ['javascript', 'javascript:alert(1)'],
    ['a custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['another site', 'https://example.com/'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});
