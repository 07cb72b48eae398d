import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLaunchOptions } from '../../../electron/main/launch-options.ts';

const DATA_DIR = '/home/u/.local/share/cascadeflow';

describe('desktop launch options', () => {
  it('defaults to a database in user data', () => {
    expect(resolveLaunchOptions(['electron', '.'], {}, DATA_DIR, true, '/cwd')).toEqual({ dbPath: join(DATA_DIR, 'cascadeflow.db') });
  });

  it('takes the database from the flag before the environment', () => {
    const env = { CASCADEFLOW_DB: '/env/app.db' };
    expect(resolveLaunchOptions(['electron', '.', '--db', '/flag/a.db'], env, DATA_DIR, true, '/cwd').dbPath).toBe('/flag/a.db');
    expect(resolveLaunchOptions(['electron', '.', '--db=rel/b.db'], env, DATA_DIR, true, '/cwd').dbPath).toBe(join('/cwd', 'rel/b.db'));
    expect(resolveLaunchOptions(['electron', '.'], env, DATA_DIR, true, '/cwd').dbPath).toBe('/env/app.db');
    expect(resolveLaunchOptions(['electron', '.'], { CASCADEFLOW_DB: ' ' }, DATA_DIR, true, '/cwd').dbPath).toBe(join(DATA_DIR, 'cascadeflow.db'));
    expect(resolveLaunchOptions(['x', '--db', ':memory:'], {}, DATA_DIR, true, '/cwd').dbPath).toBe(':memory:');
  });

  it('reads a config path and ignores the dev server when packaged', () => {
    const env = { CASCADEFLOW_CONFIG: 'conf.json', CASCADEFLOW_DEV_SERVER_URL: 'http://localhost:5173/' };
    expect(resolveLaunchOptions(['x'], env, DATA_DIR, false, '/cwd')).toEqual({
      dbPath: join(DATA_DIR, 'cascadeflow.db'),
      configPath: join('/cwd', 'conf.json'),
      devServerUrl: 'http://localhost:5173/',
    });
    expect(resolveLaunchOptions(['x'], env, DATA_DIR, true, '/cwd').devServerUrl).toBeUndefined();
  });
});
