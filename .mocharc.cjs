// One mocha run over every workspace's tests, straight from TypeScript sources (swc-node), libraries resolved to
// their sources through the @karmada-ts/source export condition. Run one file with: npx mocha path/to/file.spec.ts
// Files named on the command line replace the default spec instead of adding to it.
const namedFiles = process.argv.slice(2).some((arg) => !arg.startsWith('-') && /\.ts$|\*/.test(arg));

module.exports = {
  'node-option': ['import=@swc-node/register/esm-register', 'conditions=@karmada-ts/source', 'enable-source-maps'],
  extension: ['ts'],
  spec: namedFiles ? [] : ['{libs,apps,tools}/*/{src,test}/**/*.spec.ts', 'e2e/**/*.spec.ts'],
  timeout: 30000,
  exit: true,
  reporter: './scripts/mocha-summary-reporter.cjs',
  'fail-zero': true,
};
