import { describe, expect, it } from 'vitest';
import { evaluateContainer, runChecks, selectChecks } from './evaluate';

describe('selectChecks', () => {
  it('all checks of a kind, in catalog order', () => {
    const image = selectChecks(['image']);
    expect(image).toEqual(expect.arrayContaining([41, 46, 422, 424, 425, 426, 448]));
    expect(image).not.toContain(599);
  });

  it('a template narrows the kind; ids narrow further', () => {
    const cis = selectChecks(['image'], { template: 'cis-docker-1.6' });
    expect(cis).toEqual(expect.arrayContaining([41, 46, 48, 49, 410]));
    expect(cis).not.toContain(422);
    expect(selectChecks(['image'], { template: 'cis-docker-1.6', checkIds: [41, 422] })).toEqual([41]);
    expect(selectChecks(['container'], { template: 'gdpr' })).toEqual(expect.arrayContaining([54, 531, 599]));
    expect(() => selectChecks(['image'], { template: 'sox' })).toThrow(/unknown compliance template "sox"/);
  });
});

describe('runChecks guards', () => {
  it('an id with no code of that kind is an error result, not a pass', async () => {
    const [r] = await runChecks('container', {} as never, [424]);
    expect(r).toMatchObject({
      checkId: 424,
      status: 'error',
      reason: 'no container code registered for check 424',
    });
  });

  it('a check that throws becomes an error result naming the check', async () => {
    // An object that passes nothing the checks expect: HostConfig missing makes them throw.
    const [r] = await runChecks('container', { Id: 'x' } as never, [54]);
    expect(r).toMatchObject({ status: 'error', reason: expect.stringMatching(/^check 54 failed: /) });
  });

  it('evaluateContainer validates the inspect object first', async () => {
    await expect(evaluateContainer({ nope: true })).rejects.toThrow(
      /^container inspect: not a container inspect object/,
    );
  });
});
