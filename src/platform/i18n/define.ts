import type { Lang } from './languages';

/**
 * A module's messages in the four languages. English defines the keys; the
 * compiler refuses a language that lacks one, and a test checks it again at run time.
 * Placeholders are written {name}.
 */
export function defineMessages<const K extends string>(messages: { en: Record<K, string> } & Record<Exclude<Lang, 'en'>, Record<K, string>>) {
  return messages;
}
