/**
 * The one rule for AWS tags, used by the client config and by the constructs that set tags
 * (recovery points, selections). AWS tag rules:
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
 */

/** A tag key AWS accepts. */
export const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
/** A tag value AWS accepts. */
export const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
/** The characters of {@link TAG_KEY} and {@link TAG_VALUE} in words. */
export const TAG_CHARS = 'letters, digits, spaces and _ . : / = + - @';
/** The prefix AWS reserves for its own tag keys. */
export const RESERVED_TAG_PREFIX = 'aws:';

/** What is wrong with a tag key, or `undefined` when AWS accepts it. */
export function tagKeyProblem(key: string): string | undefined {
  if (!TAG_KEY.test(key)) return `must be a tag key of 1-128 characters: ${TAG_CHARS}`;
  if (key.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) return `must not start with "${RESERVED_TAG_PREFIX}", which AWS reserves`;
  return undefined;
}

/** What is wrong with a tag value, or `undefined` when AWS accepts it. */
export function tagValueProblem(value: string): string | undefined {
  return TAG_VALUE.test(value) ? undefined : `must be a tag value of at most 256 characters: ${TAG_CHARS}`;
}

/**
 * Tag keys and values in AWS Backup restore testing conditions (`KeyValue` of the AWS Backup API):
 * letters, digits, spaces and + - = . _ : / only, and the key, with its `aws:ResourceTag/` prefix,
 * at most 128 characters. Stricter than tags themselves: the backup tag key must meet it too,
 * because the monthly restore test selects resources by it.
 */
export const RESTORE_CONDITION_TAG = /^[\p{L}\p{N}\p{Zs}+\-=._:/]+$/u;
/** The longest tag key a restore testing condition takes (128 minus `aws:ResourceTag/`). */
export const RESTORE_CONDITION_TAG_KEY_MAX = 128 - 'aws:ResourceTag/'.length;

/** What keeps a tag key out of a restore testing condition, or `undefined` when it fits. */
export function restoreConditionTagKeyProblem(key: string): string | undefined {
  return RESTORE_CONDITION_TAG.test(key) && key.length <= RESTORE_CONDITION_TAG_KEY_MAX
    ? undefined
    : `must be 1-${RESTORE_CONDITION_TAG_KEY_MAX} letters, digits, spaces or + - = . _ : / (AWS Backup restore testing selects resources by it)`;
}
