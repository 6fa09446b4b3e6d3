export declare const WEBKIT_DRIVER_PATH: string;
export declare const MINIBROWSER_PATH: string;
export interface KeyAction { type: 'keyDown' | 'keyUp'; value: string }
export declare function keyActions(key: string): KeyAction[];
export declare class WebDriverSession {
  readonly base: string;
  readonly id: string;
  readonly capabilities: Record<string, unknown>;
  command<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  navigate(url: string): Promise<void>;
  url(): Promise<string>;
  execute<T = unknown>(script: string, args?: unknown[]): Promise<T>;
  performActions(actions: unknown[]): Promise<void>;
  releaseActions(): Promise<void>;
  click(x: number, y: number, button?: number): Promise<void>;
  keys(keys: string[]): Promise<void>;
  delete(): Promise<void>;
}
export interface WebKitWindow {
  session: WebDriverSession;
  version: string;
  display: string;
  close(): Promise<void>;
}
export declare function launchWebKit(options?: { width?: number; height?: number; timeoutMs?: number }): Promise<WebKitWindow>;
