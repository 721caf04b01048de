import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import {
  AwsCustomResourceLoggingProps,
  createAccountSettingResource,
  grantToAwsCustomResourceProvider,
} from '../../shared/custom-resource-provider';

/**
 * One alternate contact of an AWS account. `title` and `phone` are optional here because the
 * client config's contacts may lack them, but AWS requires both: a contact without them is
 * rejected when the construct is created.
 */
export interface AlternateContact {
  /** Name of the person or team, 1-64 characters. */
  readonly name: string;
  /** Email address, at most 254 characters; a distribution list works well. */
  readonly email: string;
  /**
   * Job title, 1-50 characters. Required by AWS.
   * @default - none: rejected
   */
  readonly title?: string;
  /**
   * Phone number, 1-25 characters of digits, spaces and `+ - ( )`, e.g. "+49 30 1234567".
   * Required by AWS.
   * @default - none: rejected
   */
  readonly phone?: string;
}

/** Properties of {@link AlternateContacts}. */
export interface AlternateContactsProps extends AwsCustomResourceLoggingProps {
  /**
   * Who AWS contacts about security issues of the account (CIS 1.2).
   * @default - the security contact is not managed
   */
  readonly security?: AlternateContact;
  /**
   * Who AWS contacts about billing.
   * @default - the billing contact is not managed
   */
  readonly billing?: AlternateContact;
  /**
   * Who AWS contacts about operations (service events, maintenance).
   * @default - the operations contact is not managed
   */
  readonly operations?: AlternateContact;
}

const CONTACT_TYPES = [
  { prop: 'security', type: 'SECURITY', id: 'Security' },
  { prop: 'billing', type: 'BILLING', id: 'Billing' },
  { prop: 'operations', type: 'OPERATIONS', id: 'Operations' },
] as const;

// Constraints of the Account Management API (PutAlternateContact), checked here so that a bad
// value fails the synth instead of the deployment.
const EMAIL_PATTERN = /^[\s]*[\w+=.#|!&-]+@[\w.-]+\.[\w]+[\s]*$/;
const PHONE_PATTERN = /^[\s0-9()+-]+$/;

/**
 * The account's alternate contacts (CIS 1.2 for the security contact; billing and operations
 * too), so that AWS reaches the right people, not only the root user's mailbox.
 *
 * Alternate contacts have no CloudFormation resource, so one `AwsCustomResource` per given contact
 * (`Security`, `Billing`, `Operations`) calls `account:PutAlternateContact` on create and on every
 * update; the call replaces that contact and is idempotent. The provider may only change this
 * account's contacts of the given types (resource `arn:<partition>:account::<account>:account`,
 * condition `account:AlternateContactTypes`). The contact details are written to the provider's
 * log group with each call.
 *
 * **Delete**: deleting the construct, its stack or one contact from the props leaves the contact
 * in place: an account without a security contact is a CIS finding, and removing a contact is a
 * deliberate manual step (`aws account delete-alternate-contact`).
 *
 * **Region scope**: account-wide (the Account Management API is global). Create exactly one per
 * account, in the stack of its home region. In an AWS Organizations member account, an SCP that
 * denies `account:PutAlternateContact` makes the deployment fail with AccessDenied.
 */
export class AlternateContacts extends Construct {
  /** The custom resources that set the contacts, by type (`SECURITY`, `BILLING`, `OPERATIONS`). */
  readonly resources: Readonly<Record<string, cr.AwsCustomResource>> = {};

  constructor(scope: Construct, id: string, props: AlternateContactsProps = {}) {
    super(scope, id);
    const given = CONTACT_TYPES.filter(({ prop }) => props[prop] !== undefined);
    for (const { prop } of given) this.validate(prop, props[prop]!);
    // Nothing to create without contacts; reported at synth, like other "at least one" checks.
    this.node.addValidation({
      validate: () =>
        given.length > 0
          ? []
          : [`AlternateContacts ${this.node.path}: give at least one of security, billing or operations (received none)`],
    });
    if (given.length === 0) return;

    const resources: Record<string, cr.AwsCustomResource> = {};
    for (const { prop, type, id: contactId } of given) {
      const contact = props[prop]!;
      resources[type] = createAccountSettingResource(
        this,
        contactId,
        {
          service: '@aws-sdk/client-account',
          action: 'PutAlternateContact',
          // No AccountId: the call then applies to the caller's own account, which works for
          // standalone accounts and member accounts alike (AccountId is for the management account).
          parameters: {
            AlternateContactType: type,
            Name: contact.name,
            Title: contact.title,
            EmailAddress: contact.email,
            PhoneNumber: contact.phone,
          },
          physicalResourceId: cr.PhysicalResourceId.of(`account-alternate-contact-${type.toLowerCase()}`),
        },
        props,
      );
    }
    this.resources = resources;

    const stack = Stack.of(this);
    grantToAwsCustomResourceProvider(
      this,
      [
        new iam.PolicyStatement({
          actions: ['account:PutAlternateContact'],
          // PutAlternateContact supports the `account` resource type (Service Authorization
          // Reference), so the provider may change this account's contacts only.
          resources: [`arn:${stack.partition}:account::${stack.account}:account`],
          // ...and only the contact types this construct manages.
          conditions: { 'ForAnyValue:StringEquals': { 'account:AlternateContactTypes': given.map(({ type }) => type) } },
        }),
      ],
      Object.values(resources),
    );
  }

  private validate(prop: string, contact: AlternateContact): void {
    const fail = (field: string, problem: string, received: unknown): never => {
      throw new Error(`AlternateContacts ${this.node.path}: ${prop}.${field} ${problem} (received ${JSON.stringify(received)})`);
    };
    const requiredByAws = `is required: AWS rejects a ${prop} contact without one; add it to the contact`;
    const text = (field: 'name' | 'title', value: string | undefined, max: number) => {
      if (value === undefined) fail(field, requiredByAws, value);
      if (Token.isUnresolved(value)) return;
      if (value!.trim().length === 0 || value!.length > max) fail(field, `must be 1-${max} characters`, value);
    };
    text('name', contact.name, 64);
    text('title', contact.title, 50);
    if (!Token.isUnresolved(contact.email) && (contact.email.length > 254 || !EMAIL_PATTERN.test(contact.email))) {
      fail('email', 'must be an email address of at most 254 characters', contact.email);
    }
    if (contact.phone === undefined) fail('phone', requiredByAws, contact.phone);
    if (!Token.isUnresolved(contact.phone) && (contact.phone!.length > 25 || !PHONE_PATTERN.test(contact.phone!))) {
      fail('phone', 'must be 1-25 characters of digits, spaces and + - ( ), e.g. "+49 30 1234567"', contact.phone);
    }
  }
}
