import { DefaultApolloClient } from '@vue/apollo-composable';
import { createApp } from 'vue';
import App from './App.vue';
import { apolloClient, cachePersistor, onUnauthenticated } from './apollo/client.js';
import { startOutbox } from './features/field/composables/outbox.js';
import { createAppI18n } from './i18n/index.js';
import { createAppRouter } from './router.js';
import { loadServerClock } from './shared/server-clock.js';
import './shared/base.css';

// The last pages seen, for a reload with no signal (R17); a damaged copy is dropped, not fatal.
await cachePersistor.restore().catch(() => cachePersistor.purge());
const i18n = createAppI18n();
document.documentElement.lang = i18n.global.locale.value;
const router = createAppRouter(apolloClient);
onUnauthenticated(() => {
  void apolloClient.clearStore().then(() => cachePersistor.purge());
  if (!router.currentRoute.value.meta.public)
    void router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } });
});

// The server's clock and zone first: every page shows dates in them.
void loadServerClock(apolloClient).then(() => {
  createApp(App).provide(DefaultApolloClient, apolloClient).use(i18n).use(router).mount('#app');
  startOutbox(apolloClient);
});
