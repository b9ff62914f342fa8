import './portal.css';
// Applied on import, before the first paint: a chosen large type never flashes small.
import '../shared/elderly-mode.ts';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
