// Hands the one Studio instance down the component tree (set in App.svelte).
import { createContext } from 'svelte';
import type { Studio } from './studio.svelte.ts';

export const [getStudio, setStudio] = createContext<Studio>();
