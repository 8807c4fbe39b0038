import { ref, watch } from 'vue';

const KEY = 'hazardloop.token';

/** The bearer token of the signed-in user, kept across reloads. */
export const authToken = ref<string | null>(typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY));

watch(authToken, (token) => {
  if (token) localStorage.setItem(KEY, token);
  else localStorage.removeItem(KEY);
});
