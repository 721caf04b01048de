import { z } from 'zod';
import { AWS_COMMERCIAL_REGIONS } from '../rules/regions';

/**
 * A region code of the commercial partition. Kept apart from the other primitives because the
 * region list comes from aws-cdk-lib, which the Lambda bundles (that parse the FinOps section with
 * the same schema) must not pull in.
 */
export const region = z.enum(AWS_COMMERCIAL_REGIONS as [string, ...string[]], {
  error: `must be an AWS region code of the commercial partition, one of: ${AWS_COMMERCIAL_REGIONS.join(', ')}`,
});
