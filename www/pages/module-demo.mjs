// The ES module API on the demo page: mount and unmount a card on demand.
import { mount } from '../incident-cards.mjs';

const target = document.getElementById('module-target');
let handle = null;
document.getElementById('module-mount').addEventListener('click', async () => {
  if (handle) return;
  handle = await mount(target, { src: 'data/incidents/ICS-0007.json', variant: 'compact' });
});
document.getElementById('module-unmount').addEventListener('click', () => {
  if (handle) handle.unmount();
  handle = null;
});
