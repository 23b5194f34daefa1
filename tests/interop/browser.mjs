// The browser side of the page tests: Debian's Chromium, headless, on a profile of its own, driven by
// puppeteer-core over the DevTools protocol; and clicks made in the page itself, for lists that are drawn again
// as data comes (a handle taken before a redraw would be detached).
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { spawnGroup, until } from './harness.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// Starts Chromium on `profile` (an empty folder); resolves to its process and a puppeteer Browser.
export async function startChromium(profile) {
  const tmp = path.join(profile, 'tmp');
  fs.mkdirSync(tmp);
  const child = spawnGroup(CHROMIUM, ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars',
    `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], { stdio: 'ignore', env: { ...process.env, TMPDIR: tmp } });
  const portFile = path.join(profile, 'DevToolsActivePort');
  await until(() => fs.existsSync(portFile) && fs.readFileSync(portFile, 'utf8').includes('\n'), 30000, 'chromium to open its DevTools port');
  const [devPort, devPath] = fs.readFileSync(portFile, 'utf8').split('\n');
  const browser = await puppeteer.connect({ browserWSEndpoint: `ws://127.0.0.1:${devPort}${devPath}`, defaultViewport: null });
  return { child, browser };
}

// Clicks the TSG `name` of the list (`name` ending with * for a prefix), found afresh in the page.
export const clickTsg = (page, name) => page.waitForFunction((n) => {
  const match = n.endsWith('*') ? (e) => e.dataset.name.startsWith(n.slice(0, -1)) : (e) => e.dataset.name === n;
  const button = [...document.querySelectorAll('#tsg-list .tsg-item')].find(match);
  button?.click();
  return Boolean(button);
}, { timeout: 10000, polling: 100 }, name);

// Clicks the file tree's button of class `cls` (tree-file, tree-folder) named `text`, found afresh in the page.
export const clickTree = (page, cls, text) => page.waitForFunction((c, t) => {
  const button = [...document.querySelectorAll(`button.${c}`)].find((e) => e.textContent === t);
  button?.click();
  return Boolean(button);
}, { timeout: 10000, polling: 100 }, cls, text);
