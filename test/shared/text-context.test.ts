import { describe, expect, it } from 'vitest';
import { isHypothetical, isNegated, isQuestion, sentenceAt } from '../../shared/text-context';

const at = (text: string, phrase: string) => text.indexOf(phrase);

describe('isNegated', () => {
  it.each([
    ['bukan phishing', 'phishing'],
    ['tidak ada indikasi peretasan', 'peretasan'],
    ['we were not hacked', 'hacked'],
    ["this isn't a security incident", 'security incident'],
    ['no data was leaked', 'data was leaked'],
  ])('sees the denial in "%s"', (text, phrase) => {
    expect(isNegated(text, at(text, phrase))).toBe(true);
  });

  it.each([
    ['ini bukan spam: akun kami diretas', 'diretas'],
    ['saya tidak tahu caranya, tapi data kami dicuri', 'data kami dicuri'],
    ['not sure why, but we were hacked', 'hacked'],
    ['kami tidak bisa login sejak pagi karena akun kami diretas', 'diretas'],
  ])('stops at a clause boundary or beyond four words in "%s"', (text, phrase) => {
    expect(isNegated(text, at(text, phrase))).toBe(false);
  });
});

describe('isQuestion', () => {
  const q = (text: string, phrase: string) =>
    isQuestion(text, at(text, phrase), at(text, phrase) + phrase.length);

  it('is true for a sentence ending in "?" and for one opening with a question word and no stop', () => {
    expect(q('apakah data kami aman dari peretasan? terima kasih.', 'peretasan')).toBe(true);
    expect(q('how do i enable 2fa', '2fa')).toBe(true);
  });

  it('is false for a statement, even after a question or before one', () => {
    expect(q('apakah ini normal? ada login mencurigakan dari ip asing.', 'login mencurigakan')).toBe(false);
    expect(q('our account was hacked. can you help?', 'hacked')).toBe(false);
    expect(q('what happened: our database was hacked.', 'hacked')).toBe(false);
  });

  it('does not end a sentence at a dot inside a word or number (kinobi.example, 09.12)', () => {
    expect(q('email dari noreply@kinobi.example soal phishing itu asli?', 'phishing')).toBe(true);
  });
});

describe('sentenceAt', () => {
  const s = (text: string, phrase: string) =>
    sentenceAt(text, at(text, phrase), at(text, phrase) + phrase.length);

  it('returns the sentence around the phrase, with its stop', () => {
    expect(s('Login fixed. The app is down for everyone. Help!', 'down')).toBe(
      ' The app is down for everyone.',
    );
    expect(s('semua agen tidak bisa login', 'login')).toBe('semua agen tidak bisa login');
    expect(s('Halo\nsistem down sejak 09.12 pagi', 'down')).toBe('sistem down sejak 09.12 pagi');
  });
});

describe('isHypothetical', () => {
  const h = (text: string, phrase: string) => isHypothetical(text, at(text, phrase));

  it.each([
    ['if one of our accounts ever got hacked, what do we do', 'hacked'],
    ['jika terjadi kebocoran data, siapa yang dihubungi', 'kebocoran'],
    ['kami ingin notifikasi jika ada login dari ip asing', 'login'],
    ['in case of a phishing attempt we forward it to you', 'phishing'],
  ])('is true after a conditional in the same clause: "%s"', (text, phrase) => {
    expect(h(text, phrase)).toBe(true);
  });

  it.each([
    ['please check if our account was hacked', 'hacked'],
    ['if you can, call us: our account was hacked', 'hacked'],
    ['our account was hacked', 'hacked'],
    ['not sure if relevant, but we were hacked', 'hacked'],
  ])('is false for a report, a check of a suspicion, or after the clause ends: "%s"', (text, phrase) => {
    expect(h(text, phrase)).toBe(false);
  });
});
