import { onScopeDispose, ref, type Ref } from 'vue';

/** Where the layout turns to a phone's: one column, cards instead of tables, the menu behind a button. */
export const PHONE_QUERY = '(max-width: 760px)';

/** True on a phone-sized screen, following rotation and resizing. */
export function useIsPhone(): Ref<boolean> {
  const media = typeof window === 'undefined' || !window.matchMedia ? null : window.matchMedia(PHONE_QUERY);
  const phone = ref(media?.matches ?? false);
  if (media) {
    const follow = (event: MediaQueryListEvent) => (phone.value = event.matches);
    media.addEventListener('change', follow);
    onScopeDispose(() => media.removeEventListener('change', follow));
  }
  return phone;
}
