import { mount, unmount, type Component } from 'svelte';
import { config as configureSchemas } from 'zod';
import App from './app.svelte';
import { isPortalHash } from './portal/portal-route.ts';
import { isPublicProjectHash } from './public-projects/public-route.ts';
import './styles/app.css';

/**
 * Three apps share this page: the planning map (the entry's own code), the public portal
 * (`#/tell`, `#/receipt/…`) and the public project pages (`#/projects`, `#/opportunities`), the
 * last two each a chunk of its own fetched only when one of their links is opened, so
 * residents download none of the map's panels and the map's first visit none of the portal.
 * A link from one to the other swaps them in place.
 */
// The page's Content-Security-Policy forbids eval: zod would otherwise probe for it (Function(''))
// the first time it checks an object, and the browser reports that probe as a policy violation.
configureSchemas({ jitless: true });

const target = document.getElementById('app')!;
type AppKind = 'map' | 'portal' | 'projects';
let shown: { kind: AppKind; instance: Record<string, unknown> } | undefined;
let wanted: AppKind = 'map';

async function show(): Promise<void> {
  const kind: AppKind = isPortalHash(location.hash) ? 'portal' : isPublicProjectHash(location.hash) ? 'projects' : 'map';
  wanted = kind;
  if (shown?.kind === kind) return;
  // Unmounted at once, inside the hashchange: the leaving app must not rewrite the new hash.
  if (shown) unmount(shown.instance);
  shown = undefined;
  let component: Component;
  try {
    component = kind === 'portal' ? (await import('./portal/portal-app.svelte')).default : kind === 'projects' ? (await import('./public-projects/public-projects-app.svelte')).default : App;
  } catch (error) {
    target.textContent = `加载失败 / Failed to load: ${error instanceof Error ? error.message : String(error)}`;
    return;
  }
  if (wanted !== kind || shown) return; // the reader moved on while the chunk loaded
  target.textContent = '';
  shown = { kind, instance: mount(component, { target }) };
}

// Registered before any app mounts, so this listener runs before the app's own.
addEventListener('hashchange', () => void show());
void show();
