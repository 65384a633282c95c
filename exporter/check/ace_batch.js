#!/usr/bin/env node
// DAISY Ace over several EPUBs with one Chromium, for `exporter check` and the tests.
//
// Usage: node ace_batch.js ACE JOBS EPUB REPORT [EPUB REPORT]...
//
// ACE is the folder of an installed `@daisy/ace` package (its dependencies
// installed beside or below it). Each EPUB's report is written to REPORT: Ace's
// JSON report, or {"error": "why"} when Ace could not check that EPUB. JOBS EPUBs
// are checked at a time.
//
// Ace's command line takes one EPUB and starts a Chromium for it, which is most
// of a run; here Ace's own library (ace-core, with its puppeteer runner) checks
// them all in one browser. The browser also gets the flags a closed network
// needs (no background connections, no component updates, no QUIC), which
// Ace's runner does not pass and Debian's chromium wrapper does not take from
// the environment. PUPPETEER_EXECUTABLE_PATH names the browser.
'use strict';

const fs = require('fs');
const path = require('path');

const EXTRA_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-quic',
  '--disable-sync',
  '--no-first-run',
];
// Ace's runner gives the browser 5 s to start: too short on a busy machine.
const LAUNCH_TIMEOUT = 120000;

function resolveFrom(bases, name) {
  for (const base of bases) {
    try {
      return require.resolve(name, { paths: [base] });
    } catch (_error) {
      // try the next folder
    }
  }
  throw new Error(`cannot find ${name} from ${bases[0]}`);
}

function loadAce(acePackage) {
  const bases = [acePackage];
  try {
    bases.push(path.dirname(resolveFrom(bases, '@daisy/ace-cli/package.json')));
  } catch (_error) {
    // a layout without ace-cli: the runner may still be found from ACE
  }
  const core = resolveFrom(bases, '@daisy/ace-core');
  const runner = resolveFrom(bases, '@daisy/ace-axe-runner-puppeteer');
  return {
    ace: require(core),
    runner: require(runner),
    puppeteer: require(resolveFrom([runner], 'puppeteer')),
    winston: require(resolveFrom([core], 'winston')),
    version: require(resolveFrom(bases, '@daisy/ace-meta/package.json')).version,
  };
}

// One browser for every EPUB: Ace launches and closes it around each EPUB.
function shareOneBrowser(puppeteer) {
  const launch = puppeteer.launch;
  let browser = null;
  let close = async () => {};
  puppeteer.launch = (options = {}) => {
    if (!browser) {
      browser = launch({
        ...options,
        args: [...(options.args || []), ...EXTRA_ARGS],
        timeout: Math.max(options.timeout || 0, LAUNCH_TIMEOUT),
      }).then(started => {
        close = started.close.bind(started);
        started.close = async () => {};
        return started;
      });
    }
    return browser;
  };
  return () => close();
}

function message(error) {
  if (error && error.message) return error.message;
  return String(error || 'Ace failed without saying why');
}

async function main() {
  const [acePackage, jobsText, ...pairs] = process.argv.slice(2);
  const jobs = Math.max(1, parseInt(jobsText, 10) || 1);
  if (!acePackage || pairs.length === 0 || pairs.length % 2 !== 0) {
    process.stderr.write('usage: node ace_batch.js ACE JOBS EPUB REPORT [EPUB REPORT]...\n');
    return 2;
  }
  const { ace, runner, puppeteer, winston, version } = loadAce(path.resolve(acePackage));
  // Ace logs through winston; its command line sets up the transports. Here
  // nothing is wanted on the console, and no log file.
  winston.configure({ transports: [new winston.transports.Console({ silent: true })] });
  // Without an output folder Ace prints each report on stdout: we write them
  // to files instead.
  process.stdout.write = () => true;
  const closeBrowser = shareOneBrowser(puppeteer);

  const queue = [];
  for (let i = 0; i < pairs.length; i += 2) queue.push([pairs[i], pairs[i + 1]]);
  async function worker() {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [epub, report] = next;
      let result;
      try {
        const options = { cwd: process.cwd(), lang: 'en', silent: true, jobid: epub };
        const [, json] = await ace(path.resolve(epub), options, runner);
        result = json;
      } catch (error) {
        result = { error: message(error), aceVersion: version };
      }
      fs.writeFileSync(report, JSON.stringify(result));
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, worker));
  } finally {
    await closeBrowser();
  }
  return 0;
}

main().then(
  code => process.exit(code),
  error => {
    process.stderr.write(`ace_batch: ${message(error)}\n`);
    process.exit(1);
  },
);
