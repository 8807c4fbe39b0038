import { ref, watch } from 'vue';

const KEY = 'hazardloop.token';

/** The bearer token of the signed-in user, kept across reloads. */
export const authToken = ref<string | null>(typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY));

/**
 * A kiosk link's token (`/wallboard?kiosk=…`), for a TV that nobody signs in on. Kept in memory only:
 * the link itself is what the TV opens after a restart.
 */
export const kioskToken = ref<string | null>(null);

/** The token requests carry: the kiosk's on a kiosk wallboard, else the signed-in user's. */
export function bearerToken(): string | null {
  return kioskToken.value ?? authToken.value;
}

watch(authToken, (token) => {
  if (token) localStorage.setItem(KEY, token);
  else localStorage.removeItem(KEY);
});
