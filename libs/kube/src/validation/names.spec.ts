import { expect } from 'chai';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain, isPathSegmentName, isQualifiedName, isValidLabelValue } from './names.js';

describe('name validation', () => {
  const labelMessage =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  const subdomainMessage =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  const cases: { name: string; check: (v: string) => string[]; value: string; errors: string[] }[] = [
    { name: 'label ok', check: isDns1123Label, value: 'my-name', errors: [] },
    { name: 'label with dots', check: isDns1123Label, value: 'a.b', errors: ['must not contain dots'] },
    { name: 'label uppercase', check: isDns1123Label, value: 'Foo', errors: [labelMessage] },
    { name: 'label too long', check: isDns1123Label, value: 'a'.repeat(64), errors: ['must be no more than 63 characters'] },
    { name: 'subdomain ok', check: isDns1123Subdomain, value: 'a.b-c.d', errors: [] },
    { name: 'subdomain bad', check: isDns1123Subdomain, value: 'Foo_', errors: [subdomainMessage] },
    { name: 'subdomain too long', check: isDns1123Subdomain, value: 'a'.repeat(254), errors: ['must be no more than 253 characters'] },
    {
      name: 'dns-1035 starts with digit',
      check: isDns1035Label,
      value: '1abc',
      errors: [
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      ],
    },
    { name: 'qualified ok', check: isQualifiedName, value: 'example.com/My_Name', errors: [] },
    { name: 'qualified empty prefix', check: isQualifiedName, value: '/x', errors: ['prefix part must be non-empty'] },
    {
      name: 'qualified empty name',
      check: isQualifiedName,
      value: 'a/',
      errors: [
        'name part must be non-empty',
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
    },
    { name: 'label value empty ok', check: isValidLabelValue, value: '', errors: [] },
    { name: 'label value ok', check: isValidLabelValue, value: 'v1.2_x', errors: [] },
    { name: 'path segment', check: isPathSegmentName, value: 'a/b%c', errors: ["may not contain '/'", "may not contain '%'"] },
    { name: 'path segment dot', check: isPathSegmentName, value: '..', errors: ["may not be '..'"] },
  ];
  for (const c of cases) it(c.name, () => expect(c.check(c.value)).to.deep.equal(c.errors));
});
