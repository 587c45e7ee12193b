// The layering in the README's Layout section, enforced in `npm test` (npm run check:layers).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'lib-not-server',
      comment: 'lib/ is isomorphic: browser and server both import it, so it never reaches into server/.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^server/' },
    },
    {
      name: 'lib-not-ui',
      comment: 'lib/ holds no React and no app code.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(app|components)/' },
    },
    {
      name: 'server-not-scripts',
      comment: 'server/ is what the app runs; scripts/ are command-line entry points that call into it, never the reverse (tests and their helpers may read the committed demo files).',
      severity: 'error',
      from: { path: '^server/', pathNot: '^server/testing/|[.]test[.]ts$' },
      to: { path: '^scripts/' },
    },
    {
      name: 'server-not-ui',
      comment: 'Services know nothing of pages and components (tests may drive route handlers and render helpers).',
      severity: 'error',
      from: { path: '^server/', pathNot: '[.]test[.]ts$' },
      to: { path: '^(app|components)/' },
    },
    {
      name: 'no-circular',
      comment: 'Import cycles make load order matter and hide a missing module boundary.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.next|\\.data|public|drizzle)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
