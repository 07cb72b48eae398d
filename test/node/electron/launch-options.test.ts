import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLaunchOptions } from '../../../electron/main/launch-options.ts';

const USER_DATA = '/home/u/.config/CascadeFlow';

describe('desktop launch options', () => {
  it('defaults to a database in user data', () => {
    expect(resolveLaunchOptions(['electron', '.'], {}, USER_DATA, true, '/cwd')).toEqual({ dbPath: join(USER_DATA, 'cascadeflow.db') });
  });

  it('takes the database from the flag before the environment', () => {
    const env = { CASCADEFLOW_DB: '/env/app.db' };
    expect(resolveLaunchOptions(['electron', '.', '--db', '/flag/a.db'], env, USER_DATA, true, '/cwd').dbPath).toBe('/flag/a.db');
    expect(resolveLaunchOptions(['electron', '.', '--db=rel/b.db'], env, USER_DATA, true, '/cwd').dbPath).toBe(join('/cwd', 'rel/b.db'));
    expect(resolveLaunchOptions(['electron', '.'], env, USER_DATA, true, '/cwd').dbPath).toBe('/env/app.db');
    expect(resolveLaunchOptions(['electron', '.'], { CASCADEFLOW_DB: ' ' }, USER_DATA, true, '/cwd').dbPath).toBe(join(USER_DATA, 'cascadeflow.db'));
    expect(resolveLaunchOptions(['x', '--db', ':memory:'], {}, USER_DATA, true, '/cwd').dbPath).toBe(':memory:');
  });

  it('reads a config path and ignores the dev server when packaged', () => {
    const env = { CASCADEFLOW_CONFIG: 'conf.json', CASCADEFLOW_DEV_SERVER_URL: 'http://localhost:5173/' };
    expect(resolveLaunchOptions(['x'], env, USER_DATA, false, '/cwd')).toEqual({
      dbPath: join(USER_DATA, 'cascadeflow.db'),
      configPath: join('/cwd', 'conf.json'),
      devServerUrl: 'http://localhost:5173/',
    });
    expect(resolveLaunchOptions(['x'], env, USER_DATA, true, '/cwd').devServerUrl).toBeUndefined();
  });
});
