/**
 * A named IAM principal that a trust policy may admit: a role or a user, never an account root
 * (`arn:aws:iam::<account>:root`), which would admit every principal of that account whose own
 * policies allow it. The deploy role and the break-glass role trust only such principals.
 */
export const ROLE_OR_USER_ARN = /^arn:[\w-]+:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;

/** What {@link ROLE_OR_USER_ARN} accepts, for error messages. */
export const ROLE_OR_USER_ARN_RULE = 'an IAM role or user ARN such as arn:aws:iam::999999999999:role/consultant (never an account root)';
