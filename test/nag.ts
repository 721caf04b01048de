import { App } from 'aws-cdk-lib';
import { createCompliancePacks } from '../lib/app/compliance';

/**
 * Every unacknowledged finding of the five compliance packs under `app`, as readable lines
 * (`<rule id> at <construct path>`); empty when compliant.
 *
 * It uses `pack.validateScope()`, which reports what the synth-time plugins would: with cdk-nag
 * v3 the Annotations-based check sees nothing and would pass falsely.
 */
export function nagFindings(app: App): string[] {
  return createCompliancePacks(app).flatMap((pack) =>
    pack
      .validateScope(app)
      .violations.flatMap((violation) =>
        violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`),
      ),
  );
}
