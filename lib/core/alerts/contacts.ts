import type { ClientConfig } from '../config/schema';
import type { AlertContact, AlertTopicName } from './render';

/**
 * Who to call for each alert topic, from the client file: the topic's own contact first, then the
 * person running the platform (contacts.technical) when that is someone else. FinOps alerts name
 * the billing contact, else the owner.
 */
export function alertContacts(config: ClientConfig): Record<AlertTopicName, AlertContact[]> {
  const c = config.contacts;
  const person = (p: { name: string; email: string; phone?: string }): AlertContact =>
    p.phone === undefined ? { name: p.name, email: p.email } : { name: p.name, email: p.email, phone: p.phone };
  const withTechnical = (first: typeof c.technical | undefined) =>
    first === undefined || first.email === c.technical.email ? [person(c.technical)] : [person(first), person(c.technical)];
  return {
    security: withTechnical(c.security),
    operations: withTechnical(c.operations),
    finops: [person(c.billing ?? c.owner)],
  };
}
