import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';

/**
 * The five cdk-nag packs that gate every synth and every test run. One list, used by the app
 * and by the tests, so both check exactly the same rules.
 */
export function createCompliancePacks(app: App): NagPack[] {
  return [
    new AwsSolutionsChecks(app, { verbose: true }),
    new NIST80053R5Checks(app, { verbose: true }),
    new HIPAASecurityChecks(app, { verbose: true }),
    new PCIDSS321Checks(app, { verbose: true }),
    new ServerlessChecks(app, { verbose: true }),
  ];
}

/**
 * Registers the compliance packs as CDK validation plugins (cdk-nag v3): any finding that is not
 * acknowledged fails `cdk synth` and makes `app.synth()` throw.
 */
export function registerCompliancePacks(app: App): NagPack[] {
  const packs = createCompliancePacks(app);
  Validations.of(app).addPlugins(...packs);
  return packs;
}
