import * as z from 'zod/mini';
import { AWS_COMMERCIAL_REGIONS } from '../rules/regions';

/**
 * A region code of the commercial partition (the list of `lib/core/rules/regions.ts`, which a test
 * keeps in step with aws-cdk-lib). Kept apart from the other primitives so that the Lambda bundles,
 * which parse the FinOps section with the same building blocks, do not carry the region list.
 */
export const region = z.enum(AWS_COMMERCIAL_REGIONS as [string, ...string[]], {
  error: `must be an AWS region code of the commercial partition, one of: ${AWS_COMMERCIAL_REGIONS.join(', ')}`,
});
