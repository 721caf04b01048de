/**
 * The values of `clients/example.yaml` that stand for a real client's own: a consultant adds a
 * client by copying the example, and a copy that still holds one of these would deploy with the
 * example's account ids, trust an account nobody owns, or send alerts to addresses that do not
 * exist (example.com is reserved and receives no mail). Any client but the example is rejected
 * while it holds one, with the field and what to put there.
 *
 * A test keeps this list and the example file in step: every value here is in the example, and
 * every account id, contact and address of the example is here.
 */

/** The client name of the shipped example, the one file allowed to hold the placeholders. */
export const EXAMPLE_CLIENT_NAME = 'example';

/** The example's account ids (`accounts[].id`). */
export const EXAMPLE_ACCOUNT_IDS: readonly string[] = ['111111111111'];

/** The example's identity source account (`security.iam.identitySource.accountId`). */
export const EXAMPLE_IDENTITY_ACCOUNT_ID = '999999999999';

/**
 * The example's deploy trust (`security.iam.deployer`): a GitHub repository and a principal in
 * the identity account. A copy that kept the repository would let whoever owns that name on
 * GitHub deploy into the client's account.
 */
export const EXAMPLE_DEPLOYER_REPOSITORY = 'example-consulting/landing-zones';

/** The domain of the example's email addresses (reserved by RFC 2606: it receives no mail). */
export const EXAMPLE_EMAIL_DOMAIN = 'example.com';

/** The example's contact names and phone numbers. */
export const EXAMPLE_CONTACT_NAMES: readonly string[] = ['Erika Mustermann', 'Max Beispiel'];
export const EXAMPLE_PHONES: readonly string[] = ['+49 30 1234567', '+49 30 1234568'];

/** The example's company name (`client.displayName`), shown on dashboards and in alerts. */
export const EXAMPLE_DISPLAY_NAME = 'Example GmbH';

/** One placeholder found in a client file. */
export interface PlaceholderFinding {
  /** Where, as a path into the client file. */
  readonly path: (string | number)[];
  /** The placeholder value found. */
  readonly value: string;
  /** What to put there instead. */
  readonly message: string;
}

const CONTACT_ROLES = ['owner', 'technical', 'billing', 'security', 'operations'] as const;
const ALERT_TOPICS = ['security', 'finops', 'operations'] as const;

/** A mapping's field, or undefined when the value is not a mapping (the file may be half-written). */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isExampleEmail = (value: unknown): value is string => isString(value) && value.toLowerCase().endsWith(`@${EXAMPLE_EMAIL_DOMAIN}`);

/**
 * Every example placeholder in a client file (read defensively: it runs on files that may be
 * invalid elsewhere). The example itself holds them by design: returns nothing for it.
 */
export function findExamplePlaceholders(file: unknown): PlaceholderFinding[] {
  if (field(field(file, 'client'), 'name') === EXAMPLE_CLIENT_NAME) return [];
  const found: PlaceholderFinding[] = [];
  const add = (path: (string | number)[], value: string, message: string) => found.push({ path, value, message });

  const displayName = field(field(file, 'client'), 'displayName');
  if (displayName === EXAMPLE_DISPLAY_NAME) {
    add(
      ['client', 'displayName'],
      displayName,
      "is the example's placeholder: put the client's company name as it writes it (shown on dashboards and in alerts)",
    );
  }
  for (const role of CONTACT_ROLES) {
    const person = field(field(file, 'contacts'), role);
    const [name, email, phone] = [field(person, 'name'), field(person, 'email'), field(person, 'phone')];
    if (isString(name) && EXAMPLE_CONTACT_NAMES.includes(name)) {
      add(['contacts', role, 'name'], name, `is the example's placeholder: put the full name of the client's ${role} contact`);
    }
    if (isExampleEmail(email)) {
      add(
        ['contacts', role, 'email'],
        email,
        `is the example's placeholder (${EXAMPLE_EMAIL_DOMAIN} receives no mail): put the real address of the client's ${role} contact`,
      );
    }
    if (isString(phone) && EXAMPLE_PHONES.includes(phone)) {
      add(
        ['contacts', role, 'phone'],
        phone,
        `is the example's placeholder: put the ${role} contact's phone number in international format (AWS calls it in an emergency)`,
      );
    }
  }
  for (const topic of ALERT_TOPICS) {
    const list = field(field(field(file, 'notifications'), 'emails'), topic);
    if (!Array.isArray(list)) continue;
    list.forEach((address: unknown, index) => {
      if (isExampleEmail(address)) {
        add(
          ['notifications', 'emails', topic, index],
          address,
          `is the example's placeholder (${EXAMPLE_EMAIL_DOMAIN} receives no mail, so nobody would get ${topic} alerts): put a real address, or remove the line to send them to the contacts`,
        );
      }
    });
  }
  const accounts = field(file, 'accounts');
  if (Array.isArray(accounts)) {
    accounts.forEach((account: unknown, index) => {
      const [id, name] = [field(account, 'id'), field(account, 'name')];
      if (isString(id) && EXAMPLE_ACCOUNT_IDS.includes(id)) {
        const which = isString(name) ? ` "${name}"` : '';
        add(
          ['accounts', index, 'id'],
          id,
          `is the example's placeholder: put the 12-digit id of the client's AWS account${which}, quoted (the account menu at the top right of the AWS console shows it)`,
        );
      }
    });
  }
  const identitySource = field(field(field(file, 'security'), 'iam'), 'identitySource');
  const identityAccount = field(identitySource, 'accountId');
  if (field(identitySource, 'type') === 'account' && identityAccount === EXAMPLE_IDENTITY_ACCOUNT_ID) {
    add(
      ['security', 'iam', 'identitySource', 'accountId'],
      identityAccount,
      "is the example's placeholder for the account people sign in to before they switch into the client's roles: put your own (the consultant's) 12-digit AWS account id, use {type: saml, providerArn} or {type: oidc, ...}, or remove identitySource to trust the client's account itself",
    );
  }
  const deployer = field(field(field(file, 'security'), 'iam'), 'deployer');
  const repository = field(field(deployer, 'github'), 'repository');
  if (repository === EXAMPLE_DEPLOYER_REPOSITORY) {
    add(
      ['security', 'iam', 'deployer', 'github', 'repository'],
      repository,
      "is the example's placeholder: put your own repository (owner/repository) whose workflow deploys this client, or remove github; whoever owns this name on GitHub could otherwise deploy into the client's account",
    );
  }
  const principals = field(deployer, 'principals');
  if (Array.isArray(principals)) {
    principals.forEach((arn: unknown, index) => {
      if (isString(arn) && arn.startsWith(`arn:aws:iam::${EXAMPLE_IDENTITY_ACCOUNT_ID}:`)) {
        add(
          ['security', 'iam', 'deployer', 'principals', index],
          arn,
          "is the example's placeholder (an account nobody owns): put the ARN of your own (the consultant's) role or user that deploys with MFA, or remove the line",
        );
      }
    });
  }
  return found;
}
