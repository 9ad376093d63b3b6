// Entry of the task pane and the ribbon's function file (one shared runtime): starts Office, the pane and the ribbon handlers.
/// <reference types="office-js" />
import { addinStorage } from '../client/credentials';
import type { OfficeLike } from '../ribbon/register';
import { PaneHandoff } from '../ribbon/handoff';
import { registerRibbon } from '../ribbon/register';
import { createOfficeSheet } from '../sheet/office-sheet';
import { TaskPane } from './pane';

/** The server the pane was loaded from: `https://host[:port][/prefix]` of `…/addin/taskpane.html`. */
function serverOf(href: string, origin: string): string {
  const at = href.indexOf('/addin/');
  return at > 0 ? href.slice(0, at) : origin;
}

function root(): HTMLElement {
  const app = document.getElementById('app');
  if (app !== null) return app;
  const main = document.createElement('main');
  main.id = 'app';
  document.body.appendChild(main);
  return main;
}

const office = Office as unknown as OfficeLike;
const ribbon = new PaneHandoff();
// BIND31: associate at the top level, while the bundle is evaluated, not in Office.onReady (office-js #5176)
registerRibbon(office, ribbon);

Office.onReady(() => {
  const pane = new TaskPane(root(), {
    storage: addinStorage(),
    office,
    defaultServerUrl: serverOf(location.href, location.origin),
    createPort: () => createOfficeSheet(),
  });
  ribbon.attach(pane);
  void pane.start().catch((e: unknown) => {
    console.error('[台账] 任务窗格启动失败', e);
    pane.showSignIn({ tone: 'error', text: '任务窗格启动失败，请关闭后重新打开' });
  });
});
