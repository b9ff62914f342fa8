import './portal.css';
import { createApp } from 'vue';
import App from './App.vue';
import { applyElderlyMode } from './elderly.ts';

applyElderlyMode();
createApp(App).mount('#app');
