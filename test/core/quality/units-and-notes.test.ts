// Two places calculations used to hide from the arithmetic check: unit words inside them
// ("15 floors * 8 units/floor") and the sentence around a GSM8K calculator note
// ("$3 + $3 + $3 + $4 = $<<2+3+3+4=12>>12"). The wrong examples are real Mixtral answers from
// the bundled GSM8K recordings.
import { describe, expect, it } from 'vitest';
import { arithmeticSignal } from '../../../shared/core/quality/signals/arithmetic.ts';
import { findCalculations } from '../../../shared/core/quality/text/calculations.ts';
import { draft } from './fixtures/draft.ts';

const wrongOnes = (text: string) => findCalculations(text).filter((c) => !c.correct).map((c) => c.text);

describe('calculations written with units', () => {
  it('checks a product whose factors carry units, rates with a slash included', () => {
    const text = 'The total number of occupied units is 15 floors * 8 units/floor * 3/4 = 36 x 3/4 = 27 units.';
    expect(wrongOnes(text)).toEqual(['15 floors * 8 units/floor * 3/4 = 36 x 3/4']);
    const r = arithmeticSignal(draft(text));
    expect(r.hardFail).toBe(true);
    expect(r.reason).toContain('(15 floors * 8 units/floor * 3/4 = 90)');
    expect(wrongOnes('So 15 floors * 8 units/floor * 3/4 = 120 x 3/4 = 90 units.')).toEqual([]);
  });

  it('reads "x" after a unit as a times sign, and "per" as part of a rate', () => {
    expect(wrongOnes('It shrinks 2 centimeters x 5 hours = 10 centimeters.')).toEqual([]);
    expect(wrongOnes('It shrinks 2 centimeters x 5 hours = 12 centimeters.')).toEqual(['2 centimeters x 5 hours = 12']);
    expect(wrongOnes('She earns 5 dollars per hour * 8 hours = $45.')).toEqual(['5 dollars per hour * 8 hours = $45']);
  });

  it('leaves conversions alone: two units of one kind on a line', () => {
    for (const right of [
      'On Monday he watched 2 x 1 hour = 120 minutes of TV.',
      'He is 4 feet + 3 inches = 51 inches tall.',
      'He harvests 1 year / 3 months = 4 times a year.',
      'The bulb uses 900 watts * 3 hours = 2.7 kWh.',
      'The drive takes 1 hour + 30 minutes = 90 minutes.',
    ]) {
      expect(wrongOnes(right), right).toEqual([]);
    }
  });

  it('never drops a word that scales the number or a clock time', () => {
    expect(wrongOnes('She bought 2 dozen * 12 = 24 eggs.')).toEqual([]);
    expect(wrongOnes('They paid 5 thousand + 3 = 5003 dollars.')).toEqual([]);
    expect(wrongOnes('Serve at 5:00 pm - 3 hours = 2:00 pm.')).toEqual([]);
  });
});

describe('the sentence around a calculator note', () => {
  it('checks the written sum even when the note beside it is right', () => {
    const text = 'The total cost for these items, not including tax, is $3 + $3 + $3 + $4 = $<<2+3+3+4=12>>12.';
    expect(wrongOnes(text)).toEqual(['$3 + $3 + $3 + $4 = 12']);
    expect(arithmeticSignal(draft(text)).reason).toBe("the draft's calculation $3 + $3 + $3 + $4 = 12 is wrong ($3 + $3 + $3 + $4 = 13)");
  });

  it('reads the sentence again only where it says more than its note', () => {
    const text = 'Lillian sees 3 * 30 + 3 * 20 = <<3*30+3*20=150+60=210>>210 birds each day.';
    // The note's chain is right (150, then 150 + 60); the sentence claims 3 * 30 + 3 * 20 is 210.
    expect(wrongOnes(text)).toEqual(['3 * 30 + 3 * 20 = 210']);
    // The sentence repeats the note's claim: the note's check covers it.
    expect(findCalculations('She has 16 - 3 = <<16-3=13>>13 eggs.').map((c) => c.text)).toEqual(['16-3 = 13']);
    expect(findCalculations('She has 16 - 3 = <<16-3=13>>12 eggs.').map((c) => [c.text, c.correct])).toEqual([['16-3 = 13', true], ['16 - 3 = 12', false]]);
  });

  it('reads an ordinal result ("24th floor") as its number', () => {
    expect(wrongOnes('Bill is on 4 * 3 + 6 = <<4*3+6=18+6=24>>24th floor now.')).toEqual(['4 * 3 + 6 = 24']);
    expect(wrongOnes('Bill is on 4 * 3 + 6 = <<4*3+6=18>>18th floor now.')).toEqual([]);
  });

  it('does not read a mangled number such as "36,00" as 36', () => {
    expect(wrongOnes('The plates cost 6 x $6000 = $<<6*6000=36000>>36,00')).toEqual([]);
  });
});
