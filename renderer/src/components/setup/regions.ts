// The "country for phone numbers" choices: every ISO 3166 region libphonenumber knows, named in the
// UI's language by Intl.DisplayNames and sorted by that language's collation, so a Chinese UI
// lists 中国 among its neighbours in pinyin order and an English one lists China under C.
// Invariant: codes are the two-letter upper-case codes accounts.add accepts; names are never blank.

/** Regions with phone numbering plans (libphonenumber's main list, without non-geographic codes). */
export const regionCodes: readonly string[] = (
  'AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ ' +
  'DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IM IN IO IQ IR IS IT ' +
  'JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE ' +
  'NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD ' +
  'TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
).split(' ');

export interface RegionOption {
  value: string;
  label: string;
}

export function regionOptions(locale: string): RegionOption[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale], { type: 'region' });
  } catch {
    names = null;
  }
  const collator = new Intl.Collator(locale);
  return regionCodes
    .map((code) => {
      const name = names?.of(code);
      return { value: code, label: name && name !== code ? `${name} (${code})` : code };
    })
    .sort((a, b) => collator.compare(a.label, b.label));
}
