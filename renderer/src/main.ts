// Renderer entry: picks the transport (Electron bridge or web socket) and mounts the app.
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { createClient } from './lib/api/client.ts';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element.');

mount(App, { target, props: { handle: createClient() } });
