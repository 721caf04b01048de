/**
 * The AWS Organizations quotas the landing zone checks before anything is synthesized
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html).
 */

/**
 * Largest SCP document AWS Organizations accepts (characters). Organizations counts white space
 * when a policy arrives through the API (only the console strips it), so the documents are
 * measured as compact JSON and must be handed to `AWS::Organizations::Policy` as an object (which
 * CloudFormation sends compact), never pretty-printed.
 */
export const SCP_MAX_CHARACTERS = 5120;

/** SCPs attachable to one target (root, OU, account), counting the FullAWSAccess policy AWS attaches by default. */
export const SCPS_PER_TARGET = 5;

/** OUs nest at most five levels below the root. */
export const MAX_UNIT_DEPTH = 5;

/** An SCP: its name, description and document, ready for `AWS::Organizations::Policy`. */
export interface ServiceControlPolicy {
  readonly name: string;
  readonly description: string;
  readonly document: { Version: '2012-10-17'; Statement: object[] };
}

/** The longest partition name: where the partition is still a CDK token, it is counted as this. */
const WORST_CASE_PARTITION = 'aws-us-gov';
/** An unresolved CDK token in a string (`${Token[AWS.Partition.8]}`). */
const CDK_TOKEN = /\$\{Token\[[^\]]+\]\}/g;

/**
 * Size of an SCP as AWS Organizations counts it: the document as compact JSON (CloudFormation
 * sends `Content` given as an object without white space), with unresolved CDK tokens (the
 * partition) counted as the longest partition, `aws-us-gov`.
 */
export function scpSize(policy: ServiceControlPolicy): number {
  return JSON.stringify(policy.document).replace(CDK_TOKEN, WORST_CASE_PARTITION).length;
}
