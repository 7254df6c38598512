// Given-name equivalences for the duplicate finder: "Bob" and "Robert" are one person's name, and
// so are 小明 / 明 / 阿明 (Chinese diminutive prefixes) and 明明 (a doubled given name).
// Canonical forms are what the blocking keys use; two names are equivalent when their canonical
// sets meet. The table lists common English diminutives only: a short list that is right beats a
// long one that makes different people "the same" (Jo is both Joseph and Josephine, so it maps to
// both and meets each, which is what a person reading the card would assume too).
// Invariant: canonicalGivens(x) always contains x itself (compacted), so a name without a nickname
// entry still meets its own spelling.
import { compactKey } from '../model/normalize/index.ts';

/** Formal name → diminutives (compacted: lower case, no accents, no spaces). */
const groups: Readonly<Record<string, readonly string[]>> = {
  abigail: ['abby', 'abbie', 'gail'],
  albert: ['al', 'bert', 'bertie'],
  alexander: ['alex', 'alec', 'sandy', 'xander', 'sasha'],
  alexandra: ['alex', 'sandra', 'sandy', 'lexi', 'sasha'],
  alfred: ['alf', 'fred', 'freddie', 'alfie'],
  andrew: ['andy', 'drew'],
  anthony: ['tony', 'ant'],
  arthur: ['art', 'artie'],
  barbara: ['barb', 'babs', 'barbie'],
  benjamin: ['ben', 'benny', 'benji'],
  bernard: ['bernie', 'barney'],
  catherine: ['cathy', 'cat', 'kate', 'katie', 'kitty'],
  katherine: ['kathy', 'kate', 'katie', 'kat', 'kitty', 'kathryn'],
  charles: ['charlie', 'chuck', 'chas', 'chaz'],
  charlotte: ['lottie', 'charlie'],
  christina: ['chris', 'tina', 'christy'],
  christine: ['chris', 'chrissy', 'tina'],
  christopher: ['chris', 'kit', 'topher'],
  daniel: ['dan', 'danny'],
  david: ['dave', 'davy'],
  deborah: ['deb', 'debbie', 'debby'],
  donald: ['don', 'donnie'],
  dorothy: ['dot', 'dottie', 'dolly'],
  edward: ['ed', 'eddie', 'ted', 'teddy', 'ned'],
  elizabeth: ['liz', 'lizzie', 'beth', 'betty', 'betsy', 'eliza', 'lisa', 'libby', 'elise'],
  emily: ['em', 'emmy', 'millie'],
  eugene: ['gene'],
  frances: ['fran', 'frannie'],
  francis: ['frank', 'fran'],
  frederick: ['fred', 'freddie', 'fritz'],
  gabriel: ['gabe'],
  gerald: ['gerry', 'jerry'],
  gregory: ['greg'],
  harold: ['harry', 'hal'],
  henry: ['harry', 'hank', 'hal'],
  isabella: ['bella', 'izzy', 'isabel'],
  jacob: ['jake', 'jay'],
  james: ['jim', 'jimmy', 'jamie', 'jem'],
  jennifer: ['jen', 'jenny', 'jenn'],
  jessica: ['jess', 'jessie'],
  john: ['jack', 'johnny', 'jon'],
  jonathan: ['jon', 'jonny', 'nathan'],
  joseph: ['joe', 'joey', 'jo'],
  josephine: ['jo', 'josie'],
  joshua: ['josh'],
  judith: ['judy', 'jude'],
  kenneth: ['ken', 'kenny'],
  lawrence: ['larry', 'laurie'],
  leonard: ['leo', 'len', 'lenny'],
  margaret: ['maggie', 'meg', 'peggy', 'marge', 'margie', 'greta', 'daisy'],
  matthew: ['matt', 'matty'],
  michael: ['mike', 'mikey', 'mick', 'mickey'],
  nathaniel: ['nate', 'nat', 'nathan'],
  nicholas: ['nick', 'nicky', 'nico'],
  pamela: ['pam'],
  patricia: ['pat', 'patty', 'tricia', 'trish'],
  patrick: ['pat', 'paddy', 'rick'],
  peter: ['pete'],
  philip: ['phil', 'pip'],
  rebecca: ['becky', 'becca', 'bex'],
  richard: ['rick', 'ricky', 'dick', 'rich', 'richie'],
  robert: ['bob', 'bobby', 'rob', 'robbie', 'bert'],
  ronald: ['ron', 'ronnie'],
  samantha: ['sam', 'sammy'],
  samuel: ['sam', 'sammy'],
  stephen: ['steve', 'stevie'],
  steven: ['steve', 'stevie'],
  susan: ['sue', 'susie', 'suzy'],
  theodore: ['ted', 'teddy', 'theo'],
  thomas: ['tom', 'tommy'],
  timothy: ['tim', 'timmy'],
  victoria: ['vicky', 'vic', 'tori'],
  vincent: ['vince', 'vinny'],
  walter: ['walt', 'wally'],
  william: ['will', 'bill', 'billy', 'willy', 'liam'],
  zachary: ['zach', 'zack'],
};

/** Diminutive → formal names. Formal names map to themselves. */
const formalOf = new Map<string, string[]>();
for (const [formal, diminutives] of Object.entries(groups)) {
  formalOf.set(formal, [...new Set([...(formalOf.get(formal) ?? []), formal])]);
  for (const d of diminutives) formalOf.set(d, [...new Set([...(formalOf.get(d) ?? []), formal])]);
}

/** Chinese diminutive prefixes: 小明, 阿明 and 老王 are familiar forms of 明 and 王. */
const cjkPrefixes = new Set(['小', '阿', '老']);
const han = /^\p{Script=Han}+$/u;

/**
 * The forms a given name stands for, the name itself included: "bob" → [bob, robert];
 * "小明" → [小明, 明]; "明明" → [明明, 明]. Input is compacted first.
 */
const cache = new Map<string, string[]>();

export function canonicalGivens(given: string): string[] {
  let hit = cache.get(given);
  if (!hit) {
    hit = computeCanonical(given);
    // Given names are a small vocabulary; the bound only guards against pathological input.
    if (cache.size > 100_000) cache.clear();
    cache.set(given, hit);
  }
  return hit;
}

function computeCanonical(given: string): string[] {
  const key = compactKey(given);
  if (!key) return [];
  const out = new Set([key]);
  for (const formal of formalOf.get(key) ?? []) out.add(formal);
  if (han.test(key)) {
    const chars = [...key];
    if (chars.length === 2 && cjkPrefixes.has(chars[0]!)) out.add(chars[1]!);
    if (chars.length === 2 && chars[0] === chars[1]) out.add(chars[0]!);
  }
  return [...out];
}

/** Whether two given names are nickname-equivalent (and not simply equal). */
export function nicknameEquivalent(a: string, b: string): boolean {
  if (a === b) return false;
  const x = canonicalGivens(a);
  const y = canonicalGivens(b);
  // Both lists are one to four entries long: a nested loop beats building a set.
  for (const k of x) if (y.includes(k)) return true;
  return false;
}
