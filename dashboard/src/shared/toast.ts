import { reactive } from 'vue';

/** success: it was done; info: kept for later (the outbox); failure: refused or failed, nothing changed. */
export type ToastKind = 'success' | 'info' | 'failure';

/** A sentence already translated, or a key of the app's catalogue (for code outside a component, e.g. the outbox). */
export type ToastText = string | { key: string; params?: Record<string, string | number> };

export interface Toast {
  id: number;
  kind: ToastKind;
  text: ToastText;
}

/** How long each kind stays: a refusal is read more slowly than a confirmation. */
const LINGER_MS: Record<ToastKind, number> = { success: 5_000, info: 6_000, failure: 10_000 };
/** More would cover the page; the oldest goes first. */
const MAX_SHOWN = 4;

const shown = reactive<Toast[]>([]);
let nextId = 1;

/** The toasts on screen, newest last; read by `ToastHost`. */
export function shownToasts(): readonly Toast[] {
  return shown;
}

export function dismissToast(id: number): void {
  const at = shown.findIndex((toast) => toast.id === id);
  if (at >= 0) shown.splice(at, 1);
}

function show(kind: ToastKind, text: ToastText): void {
  if (!text) return;
  const id = nextId++;
  shown.push({ id, kind, text });
  if (shown.length > MAX_SHOWN) shown.splice(0, shown.length - MAX_SHOWN);
  setTimeout(() => dismissToast(id), LINGER_MS[kind]);
}

/**
 * The word after every action, the same everywhere: `toast.success(t('…'))` once the server said
 * yes, `toast.failure(text)` with the refusal as the user should read it. Texts come translated.
 */
export const toast = {
  success: (text: ToastText) => show('success', text),
  info: (text: ToastText) => show('info', text),
  failure: (text: ToastText) => show('failure', text),
};
