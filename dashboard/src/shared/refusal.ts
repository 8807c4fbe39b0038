import { useI18n } from 'vue-i18n';
import { wordParams, type MessageLocale, type MessageParams } from '../../../server/src/messages/render.js';

/** What the server says when it refuses: a GraphQL error's extensions, or the JSON of an upload refusal. */
interface Keyed {
  message?: unknown;
  messageKey?: unknown;
  messageParams?: unknown;
  extensions?: { messageKey?: unknown; messageParams?: unknown } | null;
}

/** The refusal's catalogue key and params, if the server gave one (an ApolloError, a GraphQL error, an upload's JSON). */
export function refusalKey(error: unknown): { key: string; params: MessageParams } | null {
  if (!error || typeof error !== 'object') return null;
  const first = (error as { graphQLErrors?: readonly Keyed[] }).graphQLErrors?.[0] ?? (error as Keyed);
  const key = first.extensions?.messageKey ?? first.messageKey;
  if (typeof key !== 'string') return null;
  const params = (first.extensions?.messageParams ?? first.messageParams ?? {}) as MessageParams;
  return { key, params };
}

/** `describe(error)`: a refusal in the dashboard's current language, from its key; otherwise the error's own message. */
export function useRefusal() {
  const { t, te, locale } = useI18n();
  return function describe(error: unknown): string {
    const keyed = refusalKey(error);
    if (keyed && te(`server.${keyed.key}`)) {
      return t(`server.${keyed.key}`, wordParams(locale.value as MessageLocale, keyed.params));
    }
    if (error instanceof Error) return error.message;
    if (error && typeof error === 'object' && typeof (error as Keyed).message === 'string')
      return (error as Keyed).message as string;
    return error ? String(error) : '';
  };
}
