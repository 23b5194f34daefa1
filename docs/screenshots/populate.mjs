// Fills a data folder through the real server, as a browser UI or agent would.
import { createRequire } from 'node:module';
const WebSocket = createRequire(import.meta.url)('ws');
import fs from 'node:fs';
const url = process.argv[2];
const work = process.argv[3];
const png = (name) => fs.readFileSync(`${work}/${name}.png`);
const ws = new WebSocket(url);
let id = 0;
const pending = new Map();
ws.on('message', (m) => {
  const msg = JSON.parse(m.toString());
  if (msg.type.endsWith('error')) console.log(msg.message);
  if (msg.requestId && pending.has(msg.requestId) && !msg.type.endsWith(':progress')) {
    pending.get(msg.requestId)(msg); pending.delete(msg.requestId);
  }
});
const send = (type, data, sessionId = 'desk-setup') => new Promise((res) => {
  const requestId = String(++id);
  pending.set(requestId, res);
  ws.send(JSON.stringify({ type, requestId, sessionId, data }));
});
const b64 = (s) => Buffer.from(s).toString('base64');
const file = (path, text) => ({ path, name: path, content: b64(text), size: Buffer.byteLength(text) });
const bin = (path, buf) => ({ path, content: buf.toString('base64'), size: buf.length });
const log = (lines, tag) => Array.from({ length: lines }, (_, i) => `2026-11-2${i % 5} 0${i % 10}:1${i % 6}:0${i % 9} ${tag} event ${i}: ${i % 7 ? 'ok' : 'WARN retry'}`).join('\n') + '\n';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
ws.on('open', async () => {
  const tsgs = [
    ['VPN drops after sleep', 'The VPN client loses its tunnel when the laptop resumes from sleep', ['vpn', 'network'], [
      file('README.md', '# VPN drops after sleep\n\n1. Collect logs\n2. Reset the adapter\n'),
      file('steps/01-collect-logs.md', '# Collect logs\n\nRun the diagnostics bundle.\n'),
      file('steps/02-reset-adapter.md', '# Reset the adapter\n\nnetsh int ip reset\n'),
      file('logs/vpnagent.log', log(4000, 'vpnagent')),
      file('logs/ipconfig.txt', 'Ethernet adapter: 10.0.0.12\n'),
      bin('screenshots/error-dialog.png', png('error')),
      file('config/profile.yaml', 'server: vpn.example.invalid\nreconnect: true\n')]],
    ['Outlook search returns nothing', 'Windows Search index for the mailbox is stale', ['outlook', 'search'], [
      file('guide.md', '# Rebuild the index\n'), file('indexer.log', log(1500, 'indexer')),
      file('registry-export.json', JSON.stringify({ key: 'HKCU\\Software\\Microsoft\\Office', values: [1, 2, 3] }, null, 2)),
      bin('vendor-kb.pdf', pdf)]],
    ['Printer offline after update', 'Spooler stops after the monthly update', ['printing'], [
      file('steps.md', '# Restart the spooler\n'), file('spooler.log', log(800, 'spooler')), bin('queue.png', png('chart'))]],
    ['Slow logons (GPO)', 'Group policy processing takes minutes', ['gpo', 'windows'], [
      file('analysis.md', '# GPO timing\n'), file('gpresult.txt', 'Applied GPOs: 14\n'), file('timeline.json', '{"steps": 14}\n')]],
    ['Teams camera not detected', '', ['teams'], [file('notes.md', '# Camera\n')]],
    ['Disk full on build agents', 'Agents run out of space during nightly builds', ['ci', 'disk'], [
      file('runbook.md', '# Clean caches\n'), file('du-report.txt', '42G /var/cache\n')]],
  ];
  for (const [name, description, tags, files] of tsgs) {
    const c = await send('tsg:create', { name, description, tags });
    const u = await send('tsg:upload', { tsgName: name, files });
    console.log(name, c.type, u.type);
  }
  await send('tsg:create', { name: 'Old proxy settings', description: 'Superseded', tags: [] });
  console.log((await send('tsg:delete', { name: 'Old proxy settings' })).type);
  console.log((await send('tsg:select', { name: 'VPN drops after sleep' })).type);
  console.log((await send('session:upload', { files: [file('trace.log', log(300, 'agent')), file('summary.md', '# Findings\n'), file('netstat.txt', 'tcp 443 ESTABLISHED\n')] }, 'agent-7f3c21')).type);
  console.log((await send('session:upload', { files: [file('screenshot-notes.md', '# notes\n')] }, 'browser-2b91e0')).type);
  ws.close();
});
