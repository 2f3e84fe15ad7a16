// Headless Chromium for `npm run shots`, driven over the DevTools protocol on a pipe (--remote-debugging-pipe:
// JSON messages separated by NUL on file descriptors 3 and 4), so no npm package and no browser download is needed.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/** The Chromium to use: $CHROMIUM_PATH, else the first of the usual names on $PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env['CHROMIUM_PATH'];
  if (explicit) return explicit;
  for (const dir of (env['PATH'] ?? '').split(delimiter).filter(Boolean)) {
    for (const name of CANDIDATES) {
      const file = join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

interface Pending {
  resolve: (value: Record<string, unknown>) => void;
  reject: (error: Error) => void;
  method: string;
}

export interface ScreenshotOptions {
  width: number;
  height: number;
  deviceScaleFactor: number;
  scheme: 'light' | 'dark';
  /** A JavaScript expression giving the height the whole page needs (default: the document's scroll height). */
  fullHeight?: string;
}

export class Chromium {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(message: { method: string; sessionId?: string; params: Record<string, unknown> }) => void>();
  private buffer = '';
  private exited: Error | undefined;

  private constructor(
    private readonly child: ChildProcess,
    private readonly profile: string,
  ) {
    const output = child.stdio[4] as Readable;
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => this.receive(chunk));
    child.on('exit', (code, signal) => {
      this.exited = new Error(`Chromium exited (${signal ?? code})`);
      for (const { reject } of this.pending.values()) reject(this.exited);
      this.pending.clear();
    });
  }

  static async launch(executable: string): Promise<Chromium> {
    const profile = mkdtempSync(join(tmpdir(), 'zy-shots-chromium-'));
    const args = [
      '--headless',
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-gpu',
      '--disable-extensions',
      '--disable-background-networking',
      '--hide-scrollbars',
      '--mute-audio',
      '--allow-file-access-from-files',
      // Root in a container has no user namespace for the sandbox; the pages drawn are our own files.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      'about:blank',
    ];
    const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    const browser = new Chromium(child, profile);
    try {
      await browser.send('Browser.getVersion');
    } catch (error) {
      await browser.close();
      throw new Error(`Chromium did not start: ${(error as Error).message}\n${stderr}`);
    }
    return browser;
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(this.buffer.slice(0, end)) as {
        id?: number;
        result?: Record<string, unknown>;
        error?: { message: string };
        method?: string;
        sessionId?: string;
        params?: Record<string, unknown>;
      };
      this.buffer = this.buffer.slice(end + 1);
      if (message.id !== undefined) {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (!waiting) continue;
        if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message}`));
        else waiting.resolve(message.result ?? {});
      } else if (message.method) {
        for (const listener of this.listeners) listener({ method: message.method, sessionId: message.sessionId, params: message.params ?? {} });
      }
    }
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    const input = this.child.stdio[3] as Writable;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  private nextEvent(method: string, sessionId: string): Promise<void> {
    return new Promise((resolve) => {
      const listener = (message: { method: string; sessionId?: string }) => {
        if (message.method === method && message.sessionId === sessionId) {
          this.listeners.delete(listener);
          resolve();
        }
      };
      this.listeners.add(listener);
    });
  }

  /**
   * Opens the URL in a fresh tab at the given screen size and colour scheme, waits for it and its fonts, and
   * returns a PNG of the screen and, when the page is taller, one of the whole page.
   */
  async screenshot(url: string, options: ScreenshotOptions): Promise<{ screen: Buffer; full?: Buffer }> {
    const { targetId } = (await this.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    try {
      const metrics = { width: options.width, height: options.height, deviceScaleFactor: options.deviceScaleFactor, mobile: true };
      await this.send('Emulation.setDeviceMetricsOverride', metrics, sessionId);
      await this.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: options.scheme }] }, sessionId);
      await this.send('Page.enable', {}, sessionId);
      const loaded = this.nextEvent('Page.loadEventFired', sessionId);
      await this.send('Page.navigate', { url }, sessionId);
      await loaded;
      const evaluated = (await this.send(
        'Runtime.evaluate',
        { expression: `document.fonts.ready.then(() => (${options.fullHeight ?? 'document.documentElement.scrollHeight'}))`, awaitPromise: true, returnByValue: true },
        sessionId,
      )) as { result: { value: number } };
      const capture = async () => Buffer.from(((await this.send('Page.captureScreenshot', { format: 'png' }, sessionId)) as { data: string }).data, 'base64');
      const screen = await capture();
      const height = Math.ceil(evaluated.result.value);
      if (height <= options.height) return { screen };
      await this.send('Emulation.setDeviceMetricsOverride', { ...metrics, height }, sessionId);
      return { screen, full: await capture() };
    } finally {
      await this.send('Target.closeTarget', { targetId });
    }
  }

  async close(): Promise<void> {
    if (!this.exited) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.send('Browser.close').catch(() => undefined);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.profile, { recursive: true, force: true });
  }
}
