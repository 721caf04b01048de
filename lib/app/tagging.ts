import { Tags } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ClientConfig } from '../core/config/schema';

/** Value of the `managed-by` tag: tells anyone in the console that this repository owns the resource. */
export const MANAGED_BY = 'landing-zone-finops';

/**
 * The tags every taggable resource of a client carries: the mandatory ones (client, cost center,
 * managed-by, owner) and the client's additional tags.
 */
export function mandatoryTags(config: ClientConfig): Record<string, string> {
  return {
    ...config.tagging.additionalTags,
    client: config.client.name,
    'cost-center': config.client.costCenter,
    'managed-by': MANAGED_BY,
    owner: config.contacts.owner.email,
  };
}

/** Applies the client's mandatory tags to every taggable resource under `scope`. */
export function applyMandatoryTags(scope: IConstruct, config: ClientConfig): void {
  for (const [key, value] of Object.entries(mandatoryTags(config))) {
    Tags.of(scope).add(key, value);
  }
}
