export type EngineName = 'chromium' | 'firefox' | 'webkit';
export declare const ENGINES: readonly EngineName[];
export declare const CHROMIUM_PATH: string;
export declare const FIREFOX_PATH: string;
export declare const CHROMIUM_ARGS: string[];
export declare const ENGINE_LABELS: Record<EngineName, string>;
export declare function selectedEngines(value?: string): EngineName[];
