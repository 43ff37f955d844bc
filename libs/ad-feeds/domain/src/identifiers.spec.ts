import { describe, expect, it } from 'vitest';
import {
  type AdPlatform,
  deviceId,
  hashEmail,
  hashPhone,
  normalizeEmail,
  normalizePhone,
  sha256Base64,
  sha256Hex,
} from './identifiers.js';

const value = (result: { ok: true; value: string } | { ok: false; reason: string }): string => {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}`);
  return result.value;
};

describe('Google (Data Manager API / Customer Match)', () => {
  // https://developers.google.com/data-manager/api/devguides/audiences/send-audience-members
  // ("Prepare audience data": raw → formatted → hex SHA-256, members 1–4).
  it.each([
    [
      'dana@example.com',
      'dana@example.com',
      '07e2f1394b0ea80e2adca010ea8318df697001a005ba7452720edda4b0ce57b3',
    ],
    [
      'DanaM@example.com',
      'danam@example.com',
      '1df6b43bc68dd38eca94e6a65b4f466ae537b796c81a526918b40ac4a7b906c7',
    ],
    [
      'ALEXF@example.com',
      'alexf@example.com',
      '19de0a9906ebee29fe82087be5ec44f3c01e40730bc808b663c71f19dd6b12f2',
    ],
    [
      'AlexF@cymbalgroup.com',
      'alexf@cymbalgroup.com',
      '7d2d80e240594dcee2e57f57885ee286c4b232dd142234d7a0af6d31cc86679b',
    ],
    [
      'alexF@altostrat.com',
      'alexf@altostrat.com',
      '063c45291827d4994f98357b72862b25885834fd53cf8f0e4af359916fc03c62',
    ],
    [
      'quinn@CYMBALGROUP.com',
      'quinn@cymbalgroup.com',
      '05bb62526f091b45d20e243d194766cca8869137421047dc53fa4876d111a6f0',
    ],
    [
      'baklavainthebalkans@gmail.com',
      'baklavainthebalkans@gmail.com',
      'f1fcde379f31f4d446b76ee8f34860eca2288adc6b6d6c0fdc56d9eee75a2fa5',
    ],
    [
      'rosario@example.org',
      'rosario@example.org',
      '83a834cc5327bc4dee7c5408988040dc5813c7662611cd93b707aff72bf7d33f',
    ],
    [
      'cloudySanFrancisco@GMAIL.com',
      'cloudysanfrancisco@gmail.com',
      '223ebda6f6889b1494551ba902d9d381daf2f642bae055888e96343d53e9f9c4',
    ],
  ])('email %s → %s → published hash', (raw, normalized, hash) => {
    expect(value(normalizeEmail(raw, 'google'))).toBe(normalized);
    expect(value(hashEmail(raw, 'google'))).toBe(hash);
  });

  // https://developers.google.com/data-manager/api/devguides/audiences/send-audience-members (same tables).
  it.each([
    ['+1-800-555-0100', '+18005550100', 'fb4f73a6ec5fdb7077d564cdd22c3554b43ce49168550c3b12c547b78c517b30'],
    ['+1 800-555-0101', '+18005550101', '61d6c2976b5d92b1ad63073a12fddd26040cd980067d03a93dd1cc50f1a3ac68'],
    ['+1 800-555-0102', '+18005550102', 'c5383c2eeada28210d27f011bc127d4f9562cf38ff0c9bba33dd45ae79b9fe7c'],
    ['+1-800-555-0110', '+18005550110', '525c2390a4e2a9766fa8ddc341dd10414603baebefa401f5a5e29f55e176525d'],
  ])('phone %s → %s → published hash', (raw, normalized, hash) => {
    expect(value(normalizePhone(raw, 'google'))).toBe(normalized);
    expect(value(hashPhone(raw, 'google'))).toBe(hash);
  });

  it('removes dots and +tags on gmail.com and googlemail.com only', () => {
    // https://developers.google.com/data-manager/api/devguides/concepts/formatting (email_address examples;
    // no hash published for these, so the hash is checked against SHA-256 computed with `sha256sum`).
    expect(value(normalizeEmail('cloudy.sanfrancisco+shopping@gmail.com', 'google'))).toBe(
      'cloudysanfrancisco@gmail.com',
    );
    expect(value(hashEmail('cloudy.sanfrancisco+shopping@gmail.com', 'google'))).toBe(
      '223ebda6f6889b1494551ba902d9d381daf2f642bae055888e96343d53e9f9c4',
    );
    expect(value(normalizeEmail('user.name+NYC@Example.com', 'google'))).toBe('user.name+nyc@example.com');
    expect(value(hashEmail('user.name+NYC@Example.com', 'google'))).toBe(
      'f109a2a632fbcea5fc82049f50beed3d8621bf9034399f437fb622222acccdac',
    );
    expect(value(normalizeEmail('Jane.Doe@GoogleMail.com', 'google'))).toBe('janedoe@googlemail.com');
  });

  it('drops intermediate whitespace, as the formatting guide asks', () => {
    expect(value(normalizeEmail('  dana @ example.com ', 'google'))).toBe('dana@example.com');
  });

  it('formats a national number with the default country', () => {
    // https://developers.google.com/data-manager/api/devguides/concepts/formatting: (800)555-0100 → +18005550100.
    expect(value(normalizePhone('(800)555-0100', 'google', { defaultCountry: 'US' }))).toBe('+18005550100');
  });
});

describe('Meta (customer files and Conversions API)', () => {
  // https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/customer-information-parameters
  // (em: Input John_Smith@gmail.com, normalized john_smith@gmail.com, expected SHA256 output).
  it('email: trim and lowercase only, matching the published hash', () => {
    expect(value(normalizeEmail(' John_Smith@gmail.com ', 'meta'))).toBe('john_smith@gmail.com');
    expect(value(hashEmail('John_Smith@gmail.com', 'meta'))).toBe(
      '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
    );
  });

  it('keeps Gmail dots and +tags, which Meta does not ask to remove', () => {
    expect(value(normalizeEmail('Jane.Doe+Shop@gmail.com', 'meta'))).toBe('jane.doe+shop@gmail.com');
  });

  // Same page (ph: Input US phone number (650)555-1212, normalized 16505551212, expected SHA256 output).
  it('phone: digits with country code and no +, matching the published hash', () => {
    expect(value(normalizePhone('(650)555-1212', 'meta', { defaultCountry: 'US' }))).toBe('16505551212');
    expect(value(hashPhone('(650)555-1212', 'meta', { defaultCountry: 'US' }))).toBe(
      'e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176',
    );
  });

  it('phone: an international number keeps its own country code', () => {
    // Example input from https://www.facebook.com/business/help/2082575038703844 (customer list
    // formatting); Meta publishes no hash for it, so the hash is SHA-256 computed with `sha256sum`.
    expect(value(normalizePhone('+44 844 412 4653', 'meta', { defaultCountry: 'US' }))).toBe('448444124653');
    expect(value(hashPhone('+44 844 412 4653', 'meta'))).toBe(
      'dc008fda46e2e64002cf2f82a4906236282d431c4f75e5b60bfe79fc48546383',
    );
  });
});

describe('UID2 (The Trade Desk)', () => {
  // https://unifiedid.com/docs/getting-started/gs-normalization-encoding ("Normalization Examples for Email").
  it.each([
    ['MyEmail@example.com', 'myemail@example.com', 'FsGNM28LJQ8OLZB0Us65ZYp07NrovJSGTCMSKnLMJ6U='],
    ['MYEMAIL@example.com', 'myemail@example.com', 'FsGNM28LJQ8OLZB0Us65ZYp07NrovJSGTCMSKnLMJ6U='],
    ['My.Email@example.com', 'my.email@example.com', '4itTvG+HEnTzpiqzejyu1yFPwU1nYhWpaiQvz62hyB8='],
    ['JANESAOIRSE@example.com', 'janesaoirse@example.com', '1mcOepIAfxtf94Xx/IHlOqbT170GvfXEc83HKGwoS20='],
    ['Jane.Saoirse@example.com', 'jane.saoirse@example.com', 'sZZDLHuYmiypHIN5mVfFFdpT5sE6vyC3j+qU8RfpC/g='],
    [
      'JaneSaoirse+Work@example.com',
      'janesaoirse+work@example.com',
      'KKruSBUjDNO069iMUVImVQZm6RrAGZKeOtrD9mwogYA=',
    ],
    ['JANE.SAOIRSE@gmail.com', 'janesaoirse@gmail.com', 'ku4mBX7Z3qJTXWyLFB1INzkyR2WZGW4ANSJUiW21iI8='],
    ['Jane.Saoirse@gmail.com', 'janesaoirse@gmail.com', 'ku4mBX7Z3qJTXWyLFB1INzkyR2WZGW4ANSJUiW21iI8='],
    ['JaneSaoirse+Work@gmail.com', 'janesaoirse@gmail.com', 'ku4mBX7Z3qJTXWyLFB1INzkyR2WZGW4ANSJUiW21iI8='],
    ['user@example.com', 'user@example.com', 'tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ='],
  ])('email %s → %s → published Base64 hash', (raw, normalized, hash) => {
    expect(value(normalizeEmail(raw, 'uid2'))).toBe(normalized);
    expect(value(hashEmail(raw, 'uid2'))).toBe(hash);
  });

  it('the same page: the un-normalised email hashes to the published wrong value', () => {
    expect(sha256Base64('JANESaoirse@gmail.com')).toBe('VpLXEp5N1bj/V1WzjgZsC+FfuYdntAOywSVIO00FD/E=');
    expect(value(hashEmail('JANESaoirse@gmail.com', 'uid2'))).toBe(
      'ku4mBX7Z3qJTXWyLFB1INzkyR2WZGW4ANSJUiW21iI8=',
    );
  });

  it('the same page: jane.doe@gmail.com and janedoe+home@gmail.com normalise to janedoe@gmail.com', () => {
    expect(value(normalizeEmail('jane.doe@gmail.com', 'uid2'))).toBe('janedoe@gmail.com');
    expect(value(normalizeEmail('janedoe+home@gmail.com', 'uid2'))).toBe('janedoe@gmail.com');
  });

  it('leaves googlemail.com alone, as the published rule names gmail.com only', () => {
    expect(value(normalizeEmail('jane.doe+home@googlemail.com', 'uid2'))).toBe(
      'jane.doe+home@googlemail.com',
    );
  });

  // Same page, "Phone Number Normalization" and "Phone Number Hash Encoding".
  it('phone: US 1 (234) 567-8901 → +12345678901 → published Base64 hash', () => {
    expect(value(normalizePhone('1 (234) 567-8901', 'uid2', { defaultCountry: 'US' }))).toBe('+12345678901');
    expect(value(hashPhone('1 (234) 567-8901', 'uid2', { defaultCountry: 'US' }))).toBe(
      'EObwtHBUqDNZR33LNSMdtt5cafsYFuGmuY4ZLenlue4=',
    );
    expect(sha256Hex('+12345678901')).toBe(
      '10e6f0b47054a83359477dcb35231db6de5c69fb1816e1a6b98e192de9e5b9ee',
    );
  });

  it('phone: Sydney (02) 1234 5678 drops the trunk zero → +61212345678', () => {
    // Same page; no hash published for this one.
    expect(value(normalizePhone('(02) 1234 5678', 'uid2', { defaultCountry: 'AU' }))).toBe('+61212345678');
  });
});

describe('rejections are results, never throws', () => {
  const platforms: AdPlatform[] = ['google', 'meta', 'uid2'];

  it.each(platforms)('%s: bad emails', (platform) => {
    expect(normalizeEmail('   ', platform)).toEqual({ ok: false, reason: 'empty' });
    expect(normalizeEmail('not an email', platform)).toEqual({ ok: false, reason: 'not_an_email' });
    expect(normalizeEmail('a@b', platform)).toEqual({ ok: false, reason: 'not_an_email' });
    expect(hashEmail('two@@example.com', platform)).toEqual({ ok: false, reason: 'not_an_email' });
  });

  it('a gmail local part that is only a +tag is not an address', () => {
    expect(normalizeEmail('+promo@gmail.com', 'google')).toEqual({ ok: false, reason: 'not_an_email' });
  });

  it.each(platforms)('%s: bad phone numbers', (platform) => {
    expect(normalizePhone('', platform)).toEqual({ ok: false, reason: 'empty' });
    expect(normalizePhone('call me', platform)).toEqual({ ok: false, reason: 'not_a_phone_number' });
    expect(normalizePhone('(650) 555-1212', platform)).toEqual({ ok: false, reason: 'no_country_code' });
    expect(normalizePhone('12', platform, { defaultCountry: 'US' })).toEqual({
      ok: false,
      reason: 'impossible_phone_number',
    });
    expect(hashPhone('+1 999 555 1234', platform, { check: 'valid' })).toEqual({
      ok: false,
      reason: 'invalid_phone_number',
    });
  });

  it('accepts a 00 international prefix with a default country', () => {
    expect(value(normalizePhone('0044 844 412 4653', 'google', { defaultCountry: 'DE' }))).toBe(
      '+448444124653',
    );
  });
});

describe('deviceId', () => {
  // https://www.facebook.com/business/help/2082575038703844 shows an IDFA written in upper case; Meta's
  // Marketing API asks for MADID in lower case with hyphens, unhashed, and Google's Data Manager API
  // says not to hash mobile ids. The hashed form has no published vector: checked with `sha256sum`.
  it('lowercases and keeps hyphens in raw mode', () => {
    expect(value(deviceId(' AECE52E7-03EE-455A-B3C4-E57283966239 ', 'raw'))).toBe(
      'aece52e7-03ee-455a-b3c4-e57283966239',
    );
  });

  it('hashes the lowercase form in sha256 mode, whatever the input case', () => {
    // SHA-256 of 'aece52e7-03ee-455a-b3c4-e57283966239', computed with `sha256sum`.
    const expected = 'e6a11334660bb4c2d68090399aaf9d80b433a569b993c5e32e6cad9bcf550e11';
    expect(value(deviceId('AECE52E7-03EE-455A-B3C4-E57283966239', 'sha256'))).toBe(expected);
    expect(value(deviceId('aece52e7-03ee-455a-b3c4-e57283966239', 'sha256'))).toBe(expected);
  });

  it('rejects the all-zero id and non-UUIDs', () => {
    expect(deviceId('00000000-0000-0000-0000-000000000000', 'raw')).toEqual({
      ok: false,
      reason: 'zero_device_id',
    });
    expect(deviceId('af3802a465767e36', 'raw')).toEqual({ ok: false, reason: 'not_a_device_id' });
    expect(deviceId('', 'sha256')).toEqual({ ok: false, reason: 'empty' });
  });
});
