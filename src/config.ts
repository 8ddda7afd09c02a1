import { fileURLToPath } from 'node:url';

export interface Config {
  port: number;
  host: string;
  seedDir: string;
  /** A folder of source texts named `<source slug>.txt`; when set, start-up checks every quote against them. */
  sourceTextsDir: string | null;
  production: boolean;
  maxBodyBytes: number;
  /** Whether the browser IDE (/) and the graph picture (/explore) are served; STUDIO=off in production if unwanted. */
  studio: boolean;
}

const defaultSeedDir = fileURLToPath(new URL('../seed/', import.meta.url));

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the configuration from the environment; the only reader of process.env. Every variable is
 * checked and all problems are reported together.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name}=${JSON.stringify(raw)} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV=${JSON.stringify(nodeEnv)} must be development, production or test`);
  }
  const host = env.HOST ?? '127.0.0.1';
  if (host.trim() === '') problems.push('HOST must not be empty');
  const studio = env.STUDIO || 'on';
  if (studio !== 'on' && studio !== 'off') problems.push(`STUDIO=${JSON.stringify(studio)} must be on or off`);
  const config: Config = {
    port: integer('PORT', 4000, 0, 65535),
    host,
    seedDir: env.SEED_DIR || defaultSeedDir,
    sourceTextsDir: env.SOURCE_TEXTS_DIR || null,
    production: nodeEnv === 'production',
    maxBodyBytes: integer('MAX_BODY_BYTES', 1_048_576, 1024, 104_857_600),
    studio: studio !== 'off',
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
