import { DefaultApolloClient } from '@vue/apollo-composable';
import { createApp } from 'vue';
import App from './App.vue';
import { apolloClient, onUnauthenticated } from './apollo/client.js';
import { createAppI18n } from './i18n/index.js';
import { createAppRouter } from './router.js';
import './shared/base.css';

const i18n = createAppI18n();
document.documentElement.lang = i18n.global.locale.value;
const router = createAppRouter(apolloClient);
onUnauthenticated(() => {
  void apolloClient.clearStore();
  if (!router.currentRoute.value.meta.public)
    void router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } });
});

createApp(App).provide(DefaultApolloClient, apolloClient).use(i18n).use(router).mount('#app');
