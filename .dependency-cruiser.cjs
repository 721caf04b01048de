/**
 * The layering of the code, checked on every `npm test` (`npm run lint:deps`). Floors, from the
 * ground up; an import may only go down:
 *
 *   lib/core      pure definitions, no aws-cdk-lib: config schema and loader, value rules, naming,
 *                 the FinOps metric contract, query plans and cost estimates
 *   lambda        Lambda runtime code: stands on lib/core only
 *   constructs    reusable constructs by domain (shared building blocks in constructs/shared,
 *                 account foundation in constructs/foundation); policies and dashboards beside them
 *   lib/app       the app and its stacks: compose constructs, policies and dashboards
 *   bin           entry points (the CDK app and the scripts)
 */
const CDK = '^node_modules/(aws-cdk-lib|constructs|cdk-nag)/';

module.exports = {
  forbidden: [
    {
      name: 'core-is-cdk-free',
      comment: 'lib/core holds pure definitions: no aws-cdk-lib, constructs or cdk-nag (the Lambdas and every floor stand on it).',
      severity: 'error',
      from: { path: '^lib/core/' },
      to: { path: CDK },
    },
    {
      name: 'core-is-the-ground-floor',
      comment: 'lib/core imports nothing above it.',
      severity: 'error',
      from: { path: '^lib/core/' },
      to: { path: '^(lambda|constructs|policies|dashboards|lib/app|bin|bench|test)/' },
    },
    {
      name: 'lambda-stands-on-core',
      comment: 'Lambda runtime code imports only lib/core and lambda/, never the CDK.',
      severity: 'error',
      from: { path: '^lambda/' },
      to: { path: [CDK, '^(constructs|policies|dashboards|lib/app|bin|bench|test)/'] },
    },
    {
      name: 'constructs-below-the-app',
      comment: 'Constructs build on lib/core and each other, never on the app, policies, dashboards or Lambda code.',
      severity: 'error',
      from: { path: '^constructs/' },
      to: { path: '^(lambda|policies|dashboards|lib/app|bin|bench|test)/' },
    },
    {
      name: 'construct-domains-stay-apart',
      comment: "A construct domain uses its own folder, constructs/shared and constructs/foundation; not another domain's internals.",
      severity: 'error',
      from: { path: '^constructs/([^/]+)/' },
      to: { path: '^constructs/', pathNot: ['^constructs/$1/', '^constructs/shared/', '^constructs/foundation/'] },
    },
    {
      name: 'policies-and-dashboards-beside-constructs',
      comment: 'Policies and dashboards build on lib/core and constructs/shared only.',
      severity: 'error',
      from: { path: '^(policies|dashboards)/' },
      to: { path: '^(lambda|lib/app|bin|bench|test|constructs/(?!shared/))' },
    },
    {
      name: 'policies-and-dashboards-apart',
      comment: 'Policies and dashboards do not import each other.',
      severity: 'error',
      from: { path: '^policies/' },
      to: { path: '^dashboards/' },
    },
    {
      name: 'dashboards-and-policies-apart',
      comment: 'Policies and dashboards do not import each other.',
      severity: 'error',
      from: { path: '^dashboards/' },
      to: { path: '^policies/' },
    },
    {
      name: 'app-below-bin',
      comment: 'The app composes everything below it; only bin/ runs it. It never imports Lambda runtime code.',
      severity: 'error',
      from: { path: '^lib/app/' },
      to: { path: '^(bin|bench|test|lambda)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (aws-lambda: types only, from @types/aws-lambda).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^aws-lambda$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)cdk\\.out/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
