import { describe, it, expect } from 'vitest';
import { parseDepsJson } from './lang-dotnet';

describe('parseDepsJson', () => {
  it('reads package libraries and skips the project itself', () => {
    const deps = {
      runtimeTarget: { name: '.NETCoreApp,Version=v6.0' },
      libraries: {
        'MyApp/1.0.0': { type: 'project', serviceable: false },
        'Newtonsoft.Json/13.0.1': { type: 'package', serviceable: true, sha512: 'sha512-x' },
        'System.Text.Json/6.0.0': { type: 'package' },
        Broken: { type: 'package' },
      },
    };
    expect(parseDepsJson(JSON.stringify(deps), 'app.deps.json')).toEqual([
      { name: 'Newtonsoft.Json', version: '13.0.1', licenses: [] },
      { name: 'System.Text.Json', version: '6.0.0', licenses: [] },
    ]);
  });

  it('wrong types and truncation are errors naming the file', () => {
    expect(() => parseDepsJson('{"libraries": ["a/1"]}', '/app/app.deps.json')).toThrow(
      /\/app\/app.deps.json: "libraries" is not an object/,
    );
    expect(() => parseDepsJson('{"libraries": {"a/1": {"ty', '/app/app.deps.json')).toThrow(/not valid JSON/);
    expect(parseDepsJson('{"libraries": {"a/1": {"type": 3}}}', 'd')).toEqual([]);
  });
});
