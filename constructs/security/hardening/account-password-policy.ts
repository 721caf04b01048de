import { Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge } from '../../shared/compliance';
import {
  AwsCustomResourceLoggingProps,
  createAccountSettingResource,
  grantToAwsCustomResourceProvider,
} from '../../shared/custom-resource-provider';

/** Properties of {@link AccountPasswordPolicy}. */
export interface AccountPasswordPolicyProps extends AwsCustomResourceLoggingProps {
  /**
   * Minimum number of characters of an IAM user password, 14 to 128 (CIS 1.8 asks for at least 14).
   * @default 14
   */
  readonly minimumPasswordLength?: number;

  /**
   * How many previous passwords a user may not reuse, 1 to 24 (CIS 1.9 asks for 24).
   * @default 24
   */
  readonly passwordReusePrevention?: number;

  /**
   * Whether a password needs at least one symbol.
   * @default true
   */
  readonly requireSymbols?: boolean;

  /**
   * Whether a password needs at least one digit.
   * @default true
   */
  readonly requireNumbers?: boolean;

  /**
   * Whether a password needs at least one uppercase letter.
   * @default true
   */
  readonly requireUppercaseCharacters?: boolean;

  /**
   * Whether a password needs at least one lowercase letter.
   * @default true
   */
  readonly requireLowercaseCharacters?: boolean;

  /**
   * Whether IAM users may change their own password.
   * @default true
   */
  readonly allowUsersToChangePassword?: boolean;

  /**
   * Days after which a password expires, 1 to 1095, or 0 for never (IAM's own convention).
   * 90 meets PCI DSS 3.2.1 (8.2.4); CIS v3 no longer asks for expiry, so 0 is fine without PCI.
   * @default 90
   */
  readonly maxPasswordAgeDays?: number;

  /**
   * Whether a user whose password expired needs an administrator to reset it, instead of setting
   * a new one at sign-in.
   * @default false
   */
  readonly hardExpiry?: boolean;
}

/**
 * The account's IAM password policy (CIS 1.8, 1.9; Security Hub IAM.15, IAM.16): 14 characters or
 * more, the last 24 passwords remembered, all four character classes, expiry after 90 days.
 *
 * The IAM password policy has no CloudFormation resource, so an `AwsCustomResource` calls
 * `iam:UpdateAccountPasswordPolicy` with the whole policy on create and on every update (the
 * call replaces the policy, so it is idempotent and every unspecified field would revert to its
 * IAM default; all are always sent).
 *
 * **Delete**: deleting the construct or its stack leaves the password policy in place. Removing
 * it would silently weaken the account (IAM's default accepts 8-character passwords), so taking
 * it away is a deliberate manual step (`aws iam delete-account-password-policy`).
 *
 * **Region scope**: IAM is global. Create exactly one per account, in the stack of its home region;
 * two would overwrite each other.
 */
export class AccountPasswordPolicy extends Construct {
  /** The custom resource that applies the policy. */
  readonly resource: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: AccountPasswordPolicyProps = {}) {
    super(scope, id);
    const minimumPasswordLength = props.minimumPasswordLength ?? 14;
    const passwordReusePrevention = props.passwordReusePrevention ?? 24;
    const maxPasswordAgeDays = props.maxPasswordAgeDays ?? 90;
    this.checkRange('minimumPasswordLength', minimumPasswordLength, 14, 128, 'CIS 1.8 requires at least 14, IAM allows at most 128');
    this.checkRange('passwordReusePrevention', passwordReusePrevention, 1, 24, 'IAM remembers at most 24; CIS 1.9 asks for 24');
    if (maxPasswordAgeDays !== 0) {
      this.checkRange('maxPasswordAgeDays', maxPasswordAgeDays, 1, 1095, 'IAM allows 1 to 1095 days, or 0 for passwords that never expire');
    }

    this.resource = createAccountSettingResource(
      this,
      'Resource',
      {
        service: '@aws-sdk/client-iam',
        action: 'UpdateAccountPasswordPolicy',
        parameters: {
          MinimumPasswordLength: minimumPasswordLength,
          PasswordReusePrevention: passwordReusePrevention,
          RequireSymbols: props.requireSymbols ?? true,
          RequireNumbers: props.requireNumbers ?? true,
          RequireUppercaseCharacters: props.requireUppercaseCharacters ?? true,
          RequireLowercaseCharacters: props.requireLowercaseCharacters ?? true,
          AllowUsersToChangePassword: props.allowUsersToChangePassword ?? true,
          // Leaving MaxPasswordAge out is how IAM is told that passwords never expire.
          ...(maxPasswordAgeDays === 0 ? {} : { MaxPasswordAge: maxPasswordAgeDays }),
          HardExpiry: props.hardExpiry ?? false,
        },
        physicalResourceId: cr.PhysicalResourceId.of('iam-account-password-policy'),
      },
      props,
    );

    const policy = grantToAwsCustomResourceProvider(
      this,
      [
        new iam.PolicyStatement({
          actions: ['iam:UpdateAccountPasswordPolicy'],
          // The Service Authorization Reference lists no resource type for this action: "*" is the
          // only resource it accepts.
          resources: ['*'],
        }),
      ],
      [this.resource],
    );
    acknowledge(
      policy.node.defaultChild!,
      'AwsSolutions-IAM5[Resource::*]',
      'iam:UpdateAccountPasswordPolicy has no resource-level permissions (Service Authorization Reference: no resource type), so "*" is the only valid resource; the statement allows this one action only.',
    );
  }

  private checkRange(prop: string, value: number, min: number, max: number, why: string): void {
    if (Token.isUnresolved(value)) return;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(
        `AccountPasswordPolicy ${this.node.path}: ${prop} must be a whole number from ${min} to ${max} (${why}) (received ${value})`,
      );
    }
  }
}
