import { DefaultApolloClient } from '@vue/apollo-composable';
import { createApp } from 'vue';
import App from './App.vue';
import { apolloClient } from './apollo/client.js';
import { router } from './router.js';

createApp(App).provide(DefaultApolloClient, apolloClient).use(router).mount('#app');
