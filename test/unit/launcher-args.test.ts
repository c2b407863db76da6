import { describe, expect, it } from 'vitest';
import { electronArgs, parseLaunchArgs } from '../../main/launcher-args';

const parse = (...argv: string[]) => parseLaunchArgs(argv, { cwd: '/home/ada/project' });

describe('launcher arguments', () => {
  it('defaults to the sandbox on a free port', () => {
    expect(parse()).toEqual({ ok: true, options: { web: false, port: 0, help: false } });
  });

  it('reads every option, in both --flag value and --flag=value form', () => {
    const parsed = parse('--web', '--port', '8123', '--scenario=checkout-incident', '--speed', '10', '--operator', 'grace');
    expect(parsed).toEqual({
      ok: true,
      options: { web: true, port: 8123, scenario: 'checkout-incident', speed: 10, operator: 'grace', help: false },
    });
  });

  it('resolves the workspace path against the working directory', () => {
    const parsed = parse('--workspace', 'ops/switchyard.yaml');
    expect(parsed.ok && parsed.options.workspace).toBe('/home/ada/project/ops/switchyard.yaml');
  });

  it('refuses bad values with a message naming the flag', () => {
    expect(parse('--port', 'eighty')).toEqual({ ok: false, message: '--port expects a port number from 0 to 65535, got "eighty"' });
    expect(parse('--port', '70000').ok).toBe(false);
    expect(parse('--speed', '0')).toMatchObject({ ok: false, message: expect.stringContaining('--speed') });
    expect(parse('--scenario')).toEqual({ ok: false, message: '--scenario needs a value' });
    expect(parse('--scenario', '--web')).toEqual({ ok: false, message: '--scenario needs a value' });
    expect(parse('--colour')).toEqual({ ok: false, message: 'Unknown option "--colour" (see --help)' });
  });

  it('refuses sandbox options together with a workspace', () => {
    expect(parse('--workspace', 'w.yaml', '--scenario', 'calm')).toMatchObject({ ok: false, message: expect.stringContaining('--workspace') });
  });

  it('skips Chromium switches and the app path in the Electron main process', () => {
    const parsed = parseLaunchArgs(['--inspect=0', '/opt/switchyard', '--scenario', 'calm', '--enable-logging'], { ignoreUnknown: true });
    expect(parsed).toEqual({ ok: true, options: { web: false, port: 0, help: false, scenario: 'calm' } });
  });

  it('forwards the world options to Electron, but not the browser-mode ones', () => {
    const parsed = parse('--web', '--port', '9000', '--scenario', 'calm', '--speed', '5', '--operator', 'grace');
    expect(parsed.ok && electronArgs(parsed.options)).toEqual(['--scenario', 'calm', '--speed', '5', '--operator', 'grace']);
  });
});
