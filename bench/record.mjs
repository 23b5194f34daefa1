#!/usr/bin/env node
// Runs a benchmark command and keeps its raw results: bench/results/NAME-YYYYMMDD-HHMMSS.json holds the
// date, the commit, the machine, the load average before, during (sampled each second) and after, the
// command, every JSON line the command printed (`results`) and its other output lines (`output`).
// stdout and stderr still reach the terminal as they come.
//   node bench/record.mjs NAME COMMAND [ARGS...]
// The bench scripts call it through bench/setup.sh; TSGDESK_BENCH_RECORDING is set in the child so that a
// script run by it does not record itself again.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [name, cmd, ...cmdArgs] = process.argv.slice(2);
if (!name || !cmd) { console.error('usage: node bench/record.mjs NAME COMMAND [ARGS...]'); process.exit(2); }
const benchDir = path.dirname(fileURLToPath(import.meta.url));
const git = (...a) => { try { return execFileSync('git', ['-C', benchDir, ...a], { encoding: 'utf8' }).trim(); } catch { return null; } };
const osRelease = (() => { try { return fs.readFileSync('/etc/os-release', 'utf8').match(/PRETTY_NAME="?([^"\n]*)/)[1]; } catch { return os.type(); } })();
const load = () => os.loadavg().map((x) => +x.toFixed(2));

const started = new Date();
const record = {
  benchmark: name,
  date: started.toISOString(),
  commit: git('rev-parse', 'HEAD'),
  uncommittedChanges: (git('status', '--porcelain', '--untracked-files=no') ?? '') !== '',
  machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memoryGb: +(os.totalmem() / 2 ** 30).toFixed(1), os: osRelease, kernel: os.release() },
  command: [cmd, ...cmdArgs].join(' '),
  loadAverageBefore: load(),
};
const samples = [];
const sampler = setInterval(() => samples.push(os.loadavg()[0]), 1000);
const child = spawn(cmd, cmdArgs, { stdio: ['inherit', 'pipe', 'inherit'], env: { ...process.env, TSGDESK_BENCH_RECORDING: '1' } });
let out = '';
child.stdout.on('data', (d) => { process.stdout.write(d); out += d; });
const code = await new Promise((resolve) => child.on('close', (c, sig) => resolve(c ?? (sig ? 128 : 1))));
clearInterval(sampler);
const lines = out.split('\n').filter((l) => l.trim());
const isJson = (l) => { if (!l.startsWith('{')) return false; try { JSON.parse(l); return true; } catch { return false; } };
Object.assign(record, {
  seconds: +((Date.now() - started) / 1000).toFixed(1),
  loadAverageAfter: load(),
  loadAverage1MinMaxDuring: samples.length ? +Math.max(...samples).toFixed(2) : null,
  exitCode: code,
  results: lines.filter(isJson).map((l) => JSON.parse(l)),
  output: lines.filter((l) => !isJson(l)),
});
const stamp = started.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const file = path.join(benchDir, 'results', `${name}-${stamp}.json`);
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
console.error(`bench: raw results in ${path.relative(process.cwd(), file)}`);
process.exit(code);
